/**
 * Property checkers shared by every object type: primitive types, timestamps, identifiers,
 * lists, dictionaries, hashes, kill-chain phases, external references and granular markings.
 * Each checker is built once; a checker validates the value at the context's current path.
 */
import type { Ctx } from './ctx.js';

export type Obj = Record<string, unknown>;
export type Chk = (v: unknown, c: Ctx) => void;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

export const str: Chk = (v, c) => {
  if (typeof v !== 'string') c.bad(`must be a string, not ${typeName(v)}`);
};

export const bool: Chk = (v, c) => {
  if (typeof v !== 'boolean') c.bad(`must be a boolean (true or false), not ${typeName(v)}`);
};

export const num: Chk = (v, c) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) c.bad(`must be a number, not ${typeName(v)}`);
};

export const int: Chk = (v, c) => {
  if (typeof v !== 'number' || !Number.isInteger(v)) c.bad(`must be an integer, not ${typeName(v)}`);
};

export function intRange(min: number, max: number): Chk {
  return (v, c) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) c.bad(`must be an integer, not ${typeName(v)}`);
    else if (v < min || v > max) c.bad(`must be between ${min} and ${max}, not ${v}`);
  };
}

export function numRange(min: number, max: number): Chk {
  return (v, c) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) c.bad(`must be a number, not ${typeName(v)}`);
    else if (v < min || v > max) c.bad(`must be between ${min} and ${max}, not ${v}`);
  };
}

/** A closed enumeration. */
export function oneOf(values: ReadonlySet<string>, what: string): Chk {
  return (v, c) => {
    if (typeof v !== 'string') c.bad(`must be a string, not ${typeName(v)}`);
    else if (!values.has(v)) c.bad(`must be one of the ${what} values (${[...values].join(', ')}), not '${v}'`);
  };
}

export function strMatch(re: RegExp, what: string): Chk {
  return (v, c) => {
    if (typeof v !== 'string') c.bad(`must be a string, not ${typeName(v)}`);
    else if (!re.test(v)) c.bad(`must be ${what}, not '${v}'`);
  };
}

/** A list of items; at the top level of an object STIX lists must not be empty. */
export function list(item: Chk, min = 1): Chk {
  return (v, c) => {
    if (!Array.isArray(v)) return c.bad(`must be a list, not ${typeName(v)}`);
    if (v.length < min) return c.bad('must not be an empty list');
    for (let i = 0; i < v.length; i++) {
      c.push(i);
      item(v[i], c);
      c.pop();
    }
  };
}

export const strList = list(str);

// ---------------------------------------------------------------- timestamps

function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** 0 = valid; 1 = not of the form YYYY-MM-DDTHH:mm:ss[.s+]Z; 2 = well formed but not a real date/time. */
export function timestampStatus(s: string): 0 | 1 | 2 {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */) return 1;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */) return 1;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return 1;
  const yh = digits2(s, 0);
  const yl = digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const se = digits2(s, 17);
  if (yh < 0 || yl < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) return 1;
  if (se < 0 || se > 60) return 1;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46 /* . */ || n === 21) return 1;
    for (let i = 20; i < n - 1; i++) {
      const ch = s.charCodeAt(i);
      if (ch < 48 || ch > 57) return 1;
    }
  }
  if (d > daysInMonth(yh * 100 + yl, mo) || se === 60) return 2;
  return 0;
}

/** Number of fractional-second digits of a well-formed timestamp. */
export function fractionDigits(s: string): number {
  return s.length > 20 ? s.length - 21 : 0;
}

const TS_FORMAT = 'an RFC 3339 timestamp in UTC of the form YYYY-MM-DDTHH:mm:ss[.s+]Z';

function checkTs(v: unknown, c: Ctx, minFrac: number, maxFrac: number): void {
  if (typeof v !== 'string') return c.bad(`must be ${TS_FORMAT}, not ${typeName(v)}`);
  const st = timestampStatus(v);
  if (st === 1) return c.bad(`must be ${TS_FORMAT}, not '${v}'`);
  if (st === 2) return c.bad(`is not a real date and time: '${v}' (day out of range for the month, or second 60)`);
  const f = fractionDigits(v);
  if (f < minFrac) c.bad(`must be precise to the millisecond (at least 3 fractional-second digits), not '${v}'`);
  else if (f > maxFrac) c.bad(`must not have fractional seconds, not '${v}'`);
}

export const ts: Chk = (v, c) => checkTs(v, c, 0, 99);
/** created/modified of SDOs, SROs and most meta objects: millisecond precision. */
export const tsMillis: Chk = (v, c) => checkTs(v, c, 3, 99);
export const tsWhole: Chk = (v, c) => checkTs(v, c, 0, 0);

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function wholeSeconds(s: string): number {
  const y = digits2(s, 0) * 100 + digits2(s, 2);
  const days = daysFromCivil(y, digits2(s, 5), digits2(s, 8));
  return days * 86400 + digits2(s, 11) * 3600 + digits2(s, 14) * 60 + digits2(s, 17);
}

/** Compares two timestamps by instant; falls back to string order when either is not a valid timestamp. */
export function compareTimestamps(a: string, b: string): number {
  if (a === b) return 0;
  if (timestampStatus(a) !== 0 || timestampStatus(b) !== 0) return a < b ? -1 : a > b ? 1 : 0;
  const d = wholeSeconds(a) - wholeSeconds(b);
  if (d !== 0) return d;
  const fa = a.length > 20 ? a.length - 1 : 0;
  const fb = b.length > 20 ? b.length - 1 : 0;
  for (let i = 20; i < Math.max(fa, fb); i++) {
    const ca = i < fa ? a.charCodeAt(i) : 48;
    const cb = i < fb ? b.charCodeAt(i) : 48;
    if (ca !== cb) return ca - cb;
  }
  return 0;
}

// ---------------------------------------------------------------- identifiers

function isHex(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || (ch >= 97 && ch <= 102) || (ch >= 65 && ch <= 70);
}

/** `type--UUID`: type is lowercase a-z0-9 and hyphens (3+ chars); UUID is RFC 4122 (version 1-5). */
export function isIdentifier(s: string): boolean {
  const n = s.length;
  if (n < 41) return false;
  const u = n - 36;
  if (s.charCodeAt(u - 1) !== 45 || s.charCodeAt(u - 2) !== 45) return false;
  const tEnd = u - 2;
  for (let i = 0; i < tEnd; i++) {
    const ch = s.charCodeAt(i);
    const lower = ch >= 97 && ch <= 122;
    const digit = ch >= 48 && ch <= 57;
    if (i === 0 ? !lower : i === tEnd - 1 ? !(lower || digit) : !(lower || digit || ch === 45)) return false;
  }
  for (let i = 0; i < 36; i++) {
    const ch = s.charCodeAt(u + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (ch !== 45) return false;
    } else if (!isHex(ch)) return false;
  }
  const ver = s.charCodeAt(u + 14);
  if (ver < 49 || ver > 53) return false;
  const variant = s.charCodeAt(u + 19);
  return variant === 56 || variant === 57 || variant === 97 || variant === 98 || variant === 65 || variant === 66;
}

/** The object type named by an identifier (text before the final `--`), or '' when there is none. */
export function idType(id: string): string {
  const i = id.lastIndexOf('--');
  return i > 0 ? id.slice(0, i) : '';
}

/** True when identifier `id` names object type `type` (no allocation). */
export function idTypeIs(id: string, type: string): boolean {
  return id.length === type.length + 38 && id.startsWith(type);
}

/** UUID version digit of an identifier (NaN when not an identifier shape). */
export function uuidVersion(id: string): number {
  return id.length >= 36 ? id.charCodeAt(id.length - 36 + 14) - 48 : NaN;
}

const ID_FORMAT = "an identifier of the form 'object-type--UUID'";

export const ident: Chk = (v, c) => {
  if (typeof v !== 'string') c.bad(`must be ${ID_FORMAT}, not ${typeName(v)}`);
  else if (!isIdentifier(v)) c.bad(`must be ${ID_FORMAT}, not '${v}'`);
};

/** An identifier whose type must be one of `types`. */
export function identOf(types: readonly string[]): Chk {
  return (v, c) => {
    if (typeof v !== 'string' || !isIdentifier(v)) return ident(v, c);
    for (let i = 0; i < types.length; i++) if (idTypeIs(v, types[i] as string)) return;
    c.bad(`must refer to an object of type ${types.join(' or ')}, not '${v}'`);
  };
}

/** An identifier whose type must not be one of `types`. */
export function identNot(types: readonly string[], what: string): Chk {
  return (v, c) => {
    if (typeof v !== 'string' || !isIdentifier(v)) return ident(v, c);
    for (let i = 0; i < types.length; i++) if (idTypeIs(v, types[i] as string)) return c.bad(`must refer to ${what}, not '${v}'`);
  };
}

/** True when at least one of `keys` is present in `o`. */
export function hasAny(o: Obj, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (o[keys[i] as string] !== undefined) return true;
  return false;
}

// ---------------------------------------------------------------- custom property rules

export const HEX_RE = /^(?:[a-fA-F0-9]{2})+$/;
export const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

const PROP_NAME_RE = /^[a-z][a-z0-9_]{2}|id$/;
const BIN_NAME_RE = /^[a-z][a-z0-9_]{0,245}_bin$/;
const HEX_NAME_RE = /^[a-z][a-z0-9_]{0,245}_hex$/;

/** Property names must be lowercase ASCII letters, digits and underscores, starting with a letter (3+ chars). */
export function propNameOk(k: string): boolean {
  return PROP_NAME_RE.test(k) || BIN_NAME_RE.test(k) || HEX_NAME_RE.test(k);
}

/**
 * Rules every property of an object (or of an extension) obeys whatever its definition: the name
 * format, values that are neither null nor an empty list, and `_bin` / `_hex` names holding base64 / hex.
 * Called with the property pushed on the path.
 */
export function genericValue(k: string, v: unknown, c: Ctx): void {
  if (v === null) return c.bad('must not be null (omit the property instead)');
  if (Array.isArray(v) && v.length === 0) return c.bad('must not be an empty list (omit the property instead)');
  const n = k.length;
  if (n > 4 && k.charCodeAt(n - 4) === 95 && typeof v === 'string') {
    const tail = k.slice(n - 3);
    if (tail === 'bin' && BIN_NAME_RE.test(k) && !BASE64_RE.test(v)) c.bad(`must be base64-encoded, as its name ends in '_bin'`);
    else if (tail === 'hex' && HEX_NAME_RE.test(k) && !HEX_RE.test(v)) c.bad(`must be hexadecimal, as its name ends in '_hex'`);
  }
}

/** Checks the name and value rules for an unknown (custom) property; the property is pushed on the path. */
export function customProperty(k: string, v: unknown, c: Ctx): void {
  if (!propNameOk(k)) {
    c.bad(
      'is not a valid property name: names must be 3 to 250 lowercase ASCII letters, digits or underscores, ' +
        'starting with a letter',
    );
  }
  genericValue(k, v, c);
}

// ---------------------------------------------------------------- embedded objects

export interface Shape {
  /** What the object is, for messages (e.g. 'a kill chain phase'). */
  what: string;
  props: Record<string, Chk>;
  required?: readonly string[];
  /** At least one of these must be present. */
  anyOf?: readonly string[];
  /** Properties other than `props` are errors. */
  closed?: boolean;
  /** Called for each property not in `props` (custom-property best practices). */
  onCustom?: (k: string, c: Ctx) => void;
  /** Cross-property checks. */
  extra?: (o: Obj, c: Ctx) => void;
}

export function shape(s: Shape): Chk {
  const props = new Map(Object.entries(s.props));
  const { required, anyOf, closed, onCustom, extra, what } = s;
  return (v, c) => {
    if (!isObj(v)) return c.bad(`must be ${what}, not ${typeName(v)}`);
    for (const k in v) {
      const x = v[k];
      if (x === undefined) continue;
      const chk = props.get(k);
      if (chk !== undefined) {
        c.push(k);
        chk(x, c);
        c.pop();
      } else if (closed) {
        c.err(`'${k}' is not a property of ${what}`, k);
      } else if (onCustom !== undefined && c.practices) {
        onCustom(k, c);
      }
    }
    if (required !== undefined) {
      for (const r of required) if (v[r] === undefined) c.err(`${what} requires the '${r}' property`, r);
    }
    if (anyOf !== undefined && !hasAny(v, anyOf)) {
      c.err(`${what} must have at least one of the properties ${anyOf.join(', ')}`);
    }
    if (extra !== undefined) extra(v, c);
  };
}
