/**
 * Package URLs (purl spec: `pkg:type/namespace/name@version?qualifiers#subpath`): parsing with
 * percent-decoding, the spec's per-component rules and type-specific normalisation, and formatting back
 * to the canonical string. Errors name the 0-based character position in the input and the reason.
 */

export interface Purl {
  /** Lowercased type: npm, pypi, maven, nuget, golang, cargo, gem, deb, rpm, generic, … */
  readonly type: string;
  /** Decoded namespace segments joined by `/`, or null. */
  readonly namespace: string | null;
  readonly name: string;
  readonly version: string | null;
  /** Keys lowercased, values decoded; empty values dropped. */
  readonly qualifiers: Readonly<Record<string, string>>;
  /** Decoded segments joined by `/` (`.`, `..` and empty segments dropped), or null. */
  readonly subpath: string | null;
}

export class PurlSyntaxError extends Error {
  constructor(readonly input: string, readonly position: number, readonly reason: string) {
    super(`invalid purl at character ${position}: ${reason}`);
    this.name = 'PurlSyntaxError';
  }
}

const TYPE = /^[a-z.+-][a-z0-9.+-]*$/;
const QUALIFIER_KEY = /^[a-z.\-_][a-z0-9.\-_]*$/;

function decode(input: string, s: string, at: number): string {
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(s);
  if (bad) throw new PurlSyntaxError(input, at + bad.index, `"%" not followed by two hex digits`);
  try {
    return decodeURIComponent(s);
  } catch {
    throw new PurlSyntaxError(input, at, `percent-encoding of "${s}" is not valid UTF-8`);
  }
}

/** Per-type normalisation of namespace and name (the purl spec's types list). */
interface TypeRule {
  readonly lowerNamespace?: boolean;
  readonly lowerName?: boolean;
  /** PEP 503: runs of `_`, `-`, `.` are one `-`; here `_` → `-` as the purl spec says. */
  readonly pypiName?: boolean;
  readonly namespaceRequired?: boolean;
  readonly namespaceForbidden?: boolean;
}
export const TYPE_RULES: Readonly<Record<string, TypeRule>> = {
  npm: { lowerNamespace: true, lowerName: true },
  pypi: { lowerName: true, pypiName: true, namespaceForbidden: true },
  maven: { namespaceRequired: true },
  nuget: { namespaceForbidden: true },
  golang: {},
  cargo: { namespaceForbidden: true },
  gem: { namespaceForbidden: true },
  deb: { lowerNamespace: true, lowerName: true },
  rpm: { lowerNamespace: true },
  generic: {},
};

export function parsePurl(input: string): Purl {
  if (/\s/.test(input)) {
    const i = input.search(/\s/);
    throw new PurlSyntaxError(input, i, 'whitespace is not allowed (encode it as %20)');
  }
  const colon = input.indexOf(':');
  if (colon < 0 || input.slice(0, colon).toLowerCase() !== 'pkg') throw new PurlSyntaxError(input, 0, 'the scheme must be "pkg:"');
  let rest = input.slice(colon + 1);
  let offset = colon + 1;
  // The spec tolerates (and drops) slashes after the scheme: pkg://npm/x.
  const slashes = /^\/*/.exec(rest)![0].length;
  rest = rest.slice(slashes);
  offset += slashes;

  let subpath: string | null = null;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    const raw = rest.slice(hash + 1);
    let at = offset + hash + 1;
    const segs: string[] = [];
    for (const seg of raw.split('/')) {
      if (seg !== '' && seg !== '.' && seg !== '..') {
        const d = decode(input, seg, at);
        if (d.includes('/')) throw new PurlSyntaxError(input, at, 'a subpath segment may not contain an encoded "/"');
        segs.push(d);
      }
      at += seg.length + 1;
    }
    subpath = segs.length ? segs.join('/') : null;
    rest = rest.slice(0, hash);
  }

  const qualifiers: Record<string, string> = {};
  const q = rest.indexOf('?');
  if (q >= 0) {
    let at = offset + q + 1;
    for (const pair of rest.slice(q + 1).split('&')) {
      if (pair !== '') {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new PurlSyntaxError(input, at, `qualifier "${pair}" is not key=value`);
        const key = pair.slice(0, eq).toLowerCase();
        if (!QUALIFIER_KEY.test(key)) throw new PurlSyntaxError(input, at, `qualifier key "${key}" may hold only letters, digits, ".", "-", "_" and not start with a digit`);
        if (key in qualifiers) throw new PurlSyntaxError(input, at, `qualifier "${key}" appears twice`);
        const value = decode(input, pair.slice(eq + 1), at + eq + 1);
        if (value !== '') qualifiers[key] = value;
      }
      at += pair.length + 1;
    }
    rest = rest.slice(0, q);
  }

  const slash = rest.indexOf('/');
  if (slash < 0) throw new PurlSyntaxError(input, offset + rest.length, rest === '' ? 'the type is missing' : 'the name is missing (expected "/" after the type)');
  const type = rest.slice(0, slash).toLowerCase();
  if (!TYPE.test(type)) throw new PurlSyntaxError(input, offset, `type "${type}" may hold only letters, digits, ".", "+", "-" and not start with a digit`);
  let path = rest.slice(slash + 1);
  let pathAt = offset + slash + 1;

  let version: string | null = null;
  const at = path.lastIndexOf('@');
  if (at >= 0) {
    // An "@" in the first segment of a path with more segments is an npm scope, not a version.
    const lastSlash = path.lastIndexOf('/');
    if (at > lastSlash) {
      const v = decode(input, path.slice(at + 1), pathAt + at + 1);
      if (v === '') throw new PurlSyntaxError(input, pathAt + at + 1, 'the version after "@" is empty');
      version = v;
      path = path.slice(0, at);
    }
  }
  // Leading and trailing slashes of the path are dropped, as are empty segments.
  const pathEnd = pathAt + path.length;
  const segs: { text: string; at: number }[] = [];
  for (const seg of path.split('/')) {
    if (seg !== '') segs.push({ text: decode(input, seg, pathAt), at: pathAt });
    pathAt += seg.length + 1;
  }
  const last = segs.pop();
  if (!last) throw new PurlSyntaxError(input, pathEnd, 'the name is missing');
  for (const s of segs) if (s.text.includes('/')) throw new PurlSyntaxError(input, s.at, 'a namespace segment may not contain an encoded "/"');
  let namespace = segs.length ? segs.map((s) => s.text).join('/') : null;
  let name = last.text;

  const rule = TYPE_RULES[type] ?? {};
  if (rule.namespaceRequired && namespace === null) throw new PurlSyntaxError(input, last.at, `a ${type} purl needs a namespace`);
  if (rule.namespaceForbidden && namespace !== null) throw new PurlSyntaxError(input, segs[0]!.at, `a ${type} purl has no namespace`);
  if (rule.lowerNamespace && namespace !== null) namespace = namespace.toLowerCase();
  if (rule.lowerName) name = name.toLowerCase();
  if (rule.pypiName) name = name.replace(/_/g, '-');
  return { type, namespace, name, version, qualifiers, subpath };
}

/** Percent-encodes what the purl spec does not allow bare in a component (`:` is left bare). */
function encode(s: string, keepSlash = false): string {
  const e = encodeURIComponent(s).replace(/%3A/gi, ':');
  return keepSlash ? e.replace(/%2F/gi, '/') : e;
}

/** The canonical string: qualifiers sorted by key, components encoded. */
export function formatPurl(p: Purl): string {
  let s = `pkg:${p.type}/`;
  if (p.namespace) s += `${p.namespace.split('/').map((x) => encode(x)).join('/')}/`;
  s += encode(p.name);
  if (p.version !== null) s += `@${encode(p.version)}`;
  const keys = Object.keys(p.qualifiers).sort();
  if (keys.length) s += `?${keys.map((k) => `${k}=${encode(p.qualifiers[k]!, true)}`).join('&')}`;
  if (p.subpath) s += `#${p.subpath.split('/').map((x) => encode(x)).join('/')}`;
  return s;
}
