/**
 * CPE 2.3 bindings (NISTIR 7695 §6): the formatted string `cpe:2.3:part:vendor:…:other` to a WFN and
 * back, and the URI binding `cpe:/part:vendor:product:version:update:edition:language` (read only).
 *
 * Formatted-string rules: `*` alone is ANY, `-` alone is NA; alphanumerics, `_`, `.` and `-` stand for
 * themselves; any other printable character is quoted with a backslash (`\:` `\&` `\(` …), and
 * unquoted punctuation is accepted and quoted, as the spec's `add_quoting` does; an unquoted `*` may only
 * begin or end a value, and unquoted `?` only in a run at the start or the end. Malformed names raise
 * {@link CpeSyntaxError} naming the character position and the reason.
 */
import { ANY, ATTRIBUTES, type Attribute, CpeSyntaxError, isAlnum, NA, type Wfn, type WfnValue } from './cpe-wfn.js';

const FS_PREFIX = 'cpe:2.3:';
const URI_PREFIX = 'cpe:/';

/** Parses either binding: `cpe:2.3:…` (formatted string) or `cpe:/…` (URI). */
export function parseCpe(name: string): Wfn {
  const head = name.slice(0, 8).toLowerCase();
  if (head.startsWith(URI_PREFIX)) return parseUri(name);
  return parseFormattedString(name);
}

/** Parses a CPE 2.3 formatted string into a WFN. */
export function parseFormattedString(name: string): Wfn {
  if (name.slice(0, FS_PREFIX.length).toLowerCase() !== FS_PREFIX) {
    throw new CpeSyntaxError(name, 0, `a formatted string begins with "${FS_PREFIX}"`);
  }
  // Split at unquoted colons, remembering where each component starts.
  const parts: string[] = [];
  const starts: number[] = [];
  let cur = '';
  let start = FS_PREFIX.length;
  for (let i = FS_PREFIX.length; i < name.length; i++) {
    const c = name[i]!;
    if (c === '\\') {
      if (i + 1 >= name.length) throw new CpeSyntaxError(name, i, 'a backslash ends the name (it must quote a character)', ATTRIBUTES[parts.length]);
      cur += c + name[i + 1]!;
      i++;
    } else if (c === ':') {
      parts.push(cur); starts.push(start); cur = ''; start = i + 1;
    } else cur += c;
  }
  parts.push(cur); starts.push(start);
  if (parts.length !== ATTRIBUTES.length) {
    const pos = parts.length > ATTRIBUTES.length ? starts[ATTRIBUTES.length]! - 1 : name.length;
    throw new CpeSyntaxError(name, pos, `a formatted string has 11 components after "cpe:2.3:" (part … other), found ${parts.length}`);
  }
  const out = {} as Record<Attribute, WfnValue>;
  ATTRIBUTES.forEach((a, k) => { out[a] = unbindFsValue(name, parts[k]!, starts[k]!, a); });
  checkPart(name, out.part, starts[0]!);
  return out;
}

function checkPart(name: string, part: WfnValue, pos: number): void {
  if (part === ANY || part === NA) return;
  if (part !== 'a' && part !== 'o' && part !== 'h') {
    throw new CpeSyntaxError(name, pos, `part must be a (application), o (operating system), h (hardware) or *, not "${part}"`, 'part');
  }
}

function unbindFsValue(name: string, s: string, offset: number, attr: Attribute): WfnValue {
  if (s === '*') return ANY;
  if (s === '-') return NA;
  if (s === '') throw new CpeSyntaxError(name, offset, 'empty component (use * for ANY or - for NA)', attr);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const pos = offset + i;
    if (isAlnum(c) || c === '_') { out += c; continue; }
    const code = c.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f) {
      throw new CpeSyntaxError(name, pos, `character ${JSON.stringify(c)} (U+${code.toString(16).padStart(4, '0')}) is not allowed: values are printable ASCII without spaces`, attr);
    }
    if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined) throw new CpeSyntaxError(name, pos, 'a backslash ends the value (it must quote a character)', attr);
      if (isAlnum(next) || next === '_') throw new CpeSyntaxError(name, pos, `backslash before "${next}": only punctuation is quoted`, attr);
      const nc = next.charCodeAt(0);
      if (nc <= 0x20 || nc >= 0x7f) throw new CpeSyntaxError(name, pos + 1, 'a backslash must quote a printable character', attr);
      out += `\\${next}`;
      i++;
      continue;
    }
    if (c === '*') {
      if (i === 0 || i === s.length - 1) { out += c; continue; }
      throw new CpeSyntaxError(name, pos, 'unquoted * inside a value: a wildcard may only begin or end a value (write \\* for a literal asterisk)', attr);
    }
    if (c === '?') {
      if (/^\?*$/.test(s.slice(0, i)) || /^\?*$/.test(s.slice(i + 1))) { out += c; continue; }
      throw new CpeSyntaxError(name, pos, 'unquoted ? inside a value: ? wildcards may only begin or end a value (write \\? for a literal)', attr);
    }
    out += `\\${c}`;
  }
  return out;
}

/** Binds a WFN to its CPE 2.3 formatted string. */
export function bindFormattedString(w: Wfn): string {
  let out = 'cpe:2.3';
  for (const a of ATTRIBUTES) out += `:${bindFsValue(w[a])}`;
  return out;
}

function bindFsValue(v: WfnValue): string {
  if (v === ANY) return '*';
  if (v === NA) return '-';
  // A lone literal hyphen stays quoted: unquoted it would read back as NA.
  if (v === '\\-') return v;
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\' && i + 1 < v.length) {
      const n = v[i + 1]!;
      out += n === '.' || n === '-' || n === '_' ? n : `\\${n}`;
      i++;
    } else out += c;
  }
  return out;
}

/** Parses a URI binding `cpe:/part:vendor:product:version:update:edition:language` (edition may be packed). */
export function parseUri(name: string): Wfn {
  if (name.slice(0, URI_PREFIX.length).toLowerCase() !== URI_PREFIX) {
    throw new CpeSyntaxError(name, 0, `a URI binding begins with "${URI_PREFIX}"`);
  }
  const body = name.slice(URI_PREFIX.length);
  const comps = body.split(':');
  if (comps.length > 7) {
    throw new CpeSyntaxError(name, URI_PREFIX.length + comps.slice(0, 7).join(':').length, `a URI binding has at most 7 components (part … language), found ${comps.length}`);
  }
  const out = {} as Record<Attribute, WfnValue>;
  for (const a of ATTRIBUTES) out[a] = ANY;
  const uriAttrs: Attribute[] = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'];
  let offset = URI_PREFIX.length;
  comps.forEach((comp, k) => {
    const attr = uriAttrs[k]!;
    if (attr === 'edition' && comp.startsWith('~')) {
      const packed = comp.split('~');
      if (packed.length !== 6) {
        throw new CpeSyntaxError(name, offset, `a packed edition is ~edition~sw_edition~target_sw~target_hw~other (5 fields), found ${packed.length - 1}`, 'edition');
      }
      const packedAttrs: Attribute[] = ['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'];
      let p = offset + 1;
      packedAttrs.forEach((pa, j) => { out[pa] = decodeUriValue(name, packed[j + 1]!, p, pa); p += packed[j + 1]!.length + 1; });
    } else out[attr] = decodeUriValue(name, comp, offset, attr);
    offset += comp.length + 1;
  });
  checkPart(name, out.part, URI_PREFIX.length);
  return out;
}

function decodeUriValue(name: string, s: string, offset: number, attr: Attribute): WfnValue {
  if (s === '') return ANY;
  if (s === '-') return NA;
  const v = s.toLowerCase();
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const pos = offset + i;
    if (isAlnum(c) || c === '_') { out += c; continue; }
    if (c === '.' || c === '-' || c === '~') { out += `\\${c}`; continue; }
    if (c !== '%') throw new CpeSyntaxError(name, pos, `character ${JSON.stringify(c)} must be percent-encoded in a URI binding`, attr);
    const hex = v.slice(i + 1, i + 3);
    if (!/^[0-9a-f]{2}$/.test(hex)) throw new CpeSyntaxError(name, pos, `"%" must be followed by two hex digits, found "${hex}"`, attr);
    i += 2;
    if (hex === '01') {
      const atStart = /^(%01)*$/.test(v.slice(0, pos - offset));
      const atEnd = /^(%01)*$/.test(v.slice(i + 1));
      if (!atStart && !atEnd) throw new CpeSyntaxError(name, pos, '%01 (? wildcard) may only begin or end a value', attr);
      out += '?';
      continue;
    }
    if (hex === '02') {
      if (pos - offset !== 0 && i !== v.length - 1) throw new CpeSyntaxError(name, pos, '%02 (* wildcard) may only begin or end a value', attr);
      out += '*';
      continue;
    }
    const ch = String.fromCharCode(parseInt(hex, 16));
    const code = ch.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f || isAlnum(ch)) {
      throw new CpeSyntaxError(name, pos, `%${hex} does not encode a printable punctuation character`, attr);
    }
    out += `\\${ch}`;
  }
  return out;
}
