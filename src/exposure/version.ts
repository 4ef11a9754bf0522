/**
 * Version comparison for real vendor schemes. A version string is read into tokens:
 *
 * - numbers of any length, compared as integers (1.10 > 1.9; missing trailing numbers count as 0);
 * - a leading `v`/`r` before a digit is dropped (V4.33, R28.3.16);
 * - pre-release words (dev, snapshot, nightly, canary, ea, eap < alpha/a < beta/b < milestone/m, pre, preview, next < rc/c/cr): before the release;
 *   `X.Y.Z-0` is semver's lowest pre-release, below them all (other `-N` suffixes read as numbers: `7.4-4`);
 * - post-release words (sp, update/u, su, cu, p/patch, r/rev, build, hotfix, fp, post, security): after the release,
 *   each followed by its number (`V3.1 SP2`, `update3`, `u5`, `2022 SU5`, `12 sp2 build (1204.200)`);
 *   two different post-release kinds at the same place (SP vs Update) are not ordered;
 * - letter suffixes attached to a number (`2.8.123e`, OpenSSL `1.1.1zi`): after the bare number, ordered
 *   alphabetically (`1.1.1z` < `1.1.1za`);
 * - release words (final, ga, release, stable, rtm) carry no order and are dropped;
 * - dates `2023-01-15`, `2023-01` and `20230115` read as year, month, day (the "date" scheme);
 * - a whole commit hash is the "commit" scheme (no order); a hash after numbers and a timestamp (Go
 *   pseudo-versions `0.0.0-20250616162021-79b2f26125a1`) is ordered by what precedes it ("pseudo-version").
 *
 * A comparison answers an order or **undecidable**, with the reason: a date against a non-date, a commit
 * hash, a wildcard, or an unknown word (free text, `ESV`, `latest`) met where the versions differ.
 * Identical strings (case-insensitively) are always equal.
 */

export type VersionScheme = 'numeric' | 'letter-suffix' | 'pre-release' | 'post-release' | 'date' | 'commit' | 'pseudo-version' | 'wildcard' | 'text';

export type Token =
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'pre'; readonly rank: number; readonly w: string }
  | { readonly t: 'post'; readonly kind: string; readonly w: string }
  | { readonly t: 'suffix'; readonly w: string }
  | { readonly t: 'word'; readonly w: string }
  | { readonly t: 'hash'; readonly w: string };

export interface ParsedVersion {
  readonly raw: string;
  /** Lowercased and trimmed. */
  readonly norm: string;
  readonly scheme: VersionScheme;
  readonly tokens: readonly Token[];
}

const PRE: Record<string, number> = {
  dev: 0, snapshot: 0, nightly: 0, canary: 0, ea: 0, eap: 0, alpha: 1, beta: 2, milestone: 3, pre: 3, preview: 3, next: 3, rc: 4, cr: 4,
};
/** Single letters that mean a pre-release only between digits or before one (3.13.0a1, 0.5.0b3, 2.0-M4). */
const PRE_LETTER: Record<string, number> = { a: 1, b: 2, m: 3, c: 4 };
const POST: Record<string, string> = {
  sp: 'sp', servicepack: 'sp', u: 'update', update: 'update', upd: 'update', su: 'su', cu: 'cu', p: 'patch', patch: 'patch',
  pl: 'patch', r: 'revision', rev: 'revision', revision: 'revision', build: 'build', bld: 'build', hotfix: 'hotfix',
  hf: 'hotfix', fp: 'fixpack', fixpack: 'fixpack', post: 'post', security: 'security',
};
const RELEASE = new Set(['final', 'ga', 'release', 'stable', 'rtm']);

const DATE_DASH = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const HASH = /^(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}$/;

const num = (s: string): Token => ({ t: 'num', v: s.replace(/^0+(?=.)/, '') });

function dateParts(y: string, m: string, d: string | undefined): Token[] | undefined {
  const yy = Number(y);
  const mm = Number(m);
  const dd = d === undefined ? 1 : Number(d);
  if (yy < 1970 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return d === undefined ? [num(y), num(m)] : [num(y), num(m), num(d)];
}

export function parseVersion(raw: string): ParsedVersion {
  const norm = raw.trim().toLowerCase();
  if (norm.includes('*')) return { raw, norm, scheme: 'wildcard', tokens: [] };
  const s = norm.replace(/^(?:v|r|version\s*)(?=\d)/, '');
  const dash = DATE_DASH.exec(s);
  const compact = dash ? undefined : DATE_COMPACT.exec(s);
  const date = dash ? dateParts(dash[1]!, dash[2]!, dash[3]) : compact ? dateParts(compact[1]!, compact[2]!, compact[3]) : undefined;
  if (date) return { raw, norm, scheme: 'date', tokens: date };
  if (HASH.test(s) && !/^\d+$/.test(s)) return { raw, norm, scheme: 'commit', tokens: [{ t: 'hash', w: s }] };

  const tokens: Token[] = [];
  // Semver's lowest pre-release, X.Y.Z-0 (NVD writes ">= 1.27.0-0" to include every 1.27.0 pre-release).
  const semverZero = /^\d+\.\d+\.\d+-0$/.test(s);
  for (const run of (semverZero ? s.slice(0, -2) : s).split(/[^0-9a-z]+/)) {
    if (run === '') continue;
    if (run.length >= 7 && (HASH.test(run) || /^g[0-9a-f]{7,}$/.test(run))) { tokens.push({ t: 'hash', w: run }); continue; }
    const pieces = run.match(/[0-9]+|[a-z]+/g) ?? [];
    pieces.forEach((p, k) => {
      if (p.charCodeAt(0) <= 57) { tokens.push(num(p)); return; }
      const afterDigit = k > 0;
      const beforeDigit = k < pieces.length - 1;
      if (RELEASE.has(p)) return;
      if (PRE[p] !== undefined) { tokens.push({ t: 'pre', rank: PRE[p]!, w: p }); return; }
      if (PRE_LETTER[p] !== undefined && beforeDigit && (afterDigit || tokens.length > 0)) {
        tokens.push({ t: 'pre', rank: PRE_LETTER[p]!, w: p });
        return;
      }
      if (POST[p] !== undefined && (beforeDigit || !afterDigit || p.length > 1)) { tokens.push({ t: 'post', kind: POST[p]!, w: p }); return; }
      if (afterDigit && !beforeDigit && p.length <= 3) { tokens.push({ t: 'suffix', w: p }); return; }
      if (afterDigit && beforeDigit && p.length <= 2 && tokens.length > 0) { tokens.push({ t: 'suffix', w: p }); return; }
      tokens.push({ t: 'word', w: p });
    });
  }
  if (semverZero) tokens.push({ t: 'pre', rank: -1, w: '-0' });
  return { raw, norm, scheme: schemeOf(tokens), tokens };
}

function schemeOf(tokens: readonly Token[]): VersionScheme {
  let scheme: VersionScheme = 'numeric';
  for (const t of tokens) {
    if (t.t === 'word') return 'text';
    if (t.t === 'hash') scheme = 'pseudo-version';
    else if (t.t === 'pre' && scheme !== 'pseudo-version') scheme = 'pre-release';
    else if (t.t === 'post' && (scheme === 'numeric' || scheme === 'letter-suffix')) scheme = 'post-release';
    else if (t.t === 'suffix' && scheme === 'numeric') scheme = 'letter-suffix';
  }
  return tokens.length === 0 ? 'text' : scheme;
}

export type Order = -1 | 0 | 1;
export type VersionComparison =
  | { readonly decided: true; readonly order: Order; readonly scheme: string }
  | { readonly decided: false; readonly reason: string; readonly scheme: string };

const cache = new Map<string, ParsedVersion>();
/** parseVersion, memoised (bounded) for the strings that recur in NVD data. */
export function version(raw: string | ParsedVersion): ParsedVersion {
  if (typeof raw !== 'string') return raw;
  let p = cache.get(raw);
  if (!p) {
    p = parseVersion(raw);
    if (cache.size > 200_000) cache.clear();
    cache.set(raw, p);
  }
  return p;
}

function schemeLabel(a: ParsedVersion, b: ParsedVersion): string {
  return a.scheme === b.scheme ? a.scheme : `${a.scheme}/${b.scheme}`;
}

function cmpNum(a: string, b: string): Order {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Compares two versions: an order (-1, 0, 1) or undecidable with the reason. */
export function compareVersions(left: string | ParsedVersion, right: string | ParsedVersion): VersionComparison {
  const a = version(left);
  const b = version(right);
  const why = { reason: '' };
  const o = orderVersions(a, b, why);
  const scheme = schemeLabel(a, b);
  return Number.isNaN(o) ? { decided: false, reason: why.reason, scheme } : { decided: true, order: o as Order, scheme };
}

const noReason = (): number => NaN;

/**
 * The allocation-free core of {@link compareVersions}: -1, 0 or 1, or NaN when undecidable (the reason
 * is written to `why` only when one is passed, so the hot path builds no strings).
 */
export function orderVersions(a: ParsedVersion, b: ParsedVersion, why?: { reason: string }): number {
  if (a.norm === b.norm) return 0;
  const undecided = why ? (reason: () => string): number => { why.reason = reason(); return NaN; } : noReason;
  if (a.scheme === 'wildcard' || b.scheme === 'wildcard') {
    const v = a.scheme === 'wildcard' ? a : b;
    return undecided(() => `"${v.raw}" is a version pattern, not a version`);
  }
  if (a.scheme === 'commit' || b.scheme === 'commit') {
    const v = a.scheme === 'commit' ? a : b;
    return undecided(() => `"${v.raw}" is a commit hash: commits have no order`);
  }
  if ((a.scheme === 'date') !== (b.scheme === 'date')) {
    const [d, o] = a.scheme === 'date' ? [a, b] : [b, a];
    return undecided(() => `"${d.raw}" is a date and "${o.raw}" is not: the schemes are incompatible`);
  }
  const ta = a.tokens;
  const tb = b.tokens;
  let i = 0;
  let j = 0;
  while (i < ta.length || j < tb.length) {
    const x = ta[i];
    const y = tb[j];
    // A zero against anything but a number is padding (1.0-rc1 = 1.0.0-rc1; 1.0 = 1.0.0).
    if (x !== undefined && x.t === 'num' && x.v === '0' && (y === undefined || y.t !== 'num')) { i++; continue; }
    if (y !== undefined && y.t === 'num' && y.v === '0' && (x === undefined || x.t !== 'num')) { j++; continue; }
    if (x === undefined || y === undefined) {
      const t = (x ?? y)!;
      const sign = x === undefined ? -1 : 1; // the side with the extra token
      if (t.t === 'num' || t.t === 'post' || t.t === 'suffix') return sign;
      if (t.t === 'pre') return -sign;
      return undecided(() => `"${(x ? a : b).raw}" continues with "${t.w}", which has no known order`);
    }
    if (x.t === 'num' && y.t === 'num') {
      const c = cmpNum(x.v, y.v);
      if (c !== 0) return c;
    } else if (x.t === 'num' || y.t === 'num') {
      const other = x.t === 'num' ? y : x;
      if (other.t === 'word' || other.t === 'hash') return undecided(() => `"${other.w}" cannot be ordered against a number`);
      return x.t === 'num' ? 1 : -1;
    } else if (x.t === 'pre' && y.t === 'pre') {
      if (x.rank !== y.rank) return x.rank < y.rank ? -1 : 1;
    } else if (x.t === 'pre' && (y.t === 'post' || y.t === 'suffix')) return -1;
    else if (y.t === 'pre' && (x.t === 'post' || x.t === 'suffix')) return 1;
    else if (x.t === 'post' && y.t === 'post') {
      if (x.kind !== y.kind) return undecided(() => `"${x.w}" and "${y.w}" are different kinds of update (${x.kind} vs ${y.kind})`);
    } else if (x.t === 'suffix' && y.t === 'suffix') {
      if (x.w !== y.w) return x.w < y.w ? -1 : 1;
    } else {
      const wx = x.w;
      const wy = y.w;
      if (wx !== wy) return undecided(() => `"${wx}" and "${wy}" have no known order`);
    }
    i++;
    j++;
  }
  return 0;
}
