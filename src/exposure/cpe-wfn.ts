/**
 * CPE 2.3 well-formed names (WFN, NISTIR 7695 §5): the eleven attributes, the logical values ANY and NA,
 * and string values kept in WFN form (every non-alphanumeric character other than `_` quoted with `\`;
 * unquoted `*` and `?` only as wildcards at the start or end). Pure data, no I/O.
 */
import { AppError } from '../errors.js';

export const ATTRIBUTES = [
  'part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** The logical value ANY (bound as `*`). */
export const ANY: unique symbol = Symbol('ANY');
/** The logical value NA, "not applicable" (bound as `-`). */
export const NA: unique symbol = Symbol('NA');
/** ANY, NA, or a WFN string value (quoted form, e.g. `8\.0\.6001`, `*beta`). */
export type WfnValue = typeof ANY | typeof NA | string;
export type Wfn = Readonly<Record<Attribute, WfnValue>>;

/** A malformed CPE name: which name, at which character position (0-based) and why. */
export class CpeSyntaxError extends AppError {
  constructor(
    readonly cpe: string,
    readonly position: number,
    readonly reason: string,
    readonly attribute?: Attribute,
  ) {
    super('CPE_INVALID', 400, `invalid CPE name at position ${position}${attribute ? ` (${attribute})` : ''}: ${reason}`, [
      { path: attribute, offset: position, message: reason },
    ]);
    this.name = 'CpeSyntaxError';
  }
}

/** A WFN with every attribute ANY, overridden by `values`. */
export function wfn(values: Partial<Record<Attribute, WfnValue>>): Wfn {
  const out = {} as Record<Attribute, WfnValue>;
  for (const a of ATTRIBUTES) out[a] = values[a] ?? ANY;
  return out;
}

export function isAlnum(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
}

/** Quotes a plain (logical) string into WFN form: every non-alphanumeric other than `_` gets a backslash. */
export function quoteWfn(plain: string): string {
  let out = '';
  for (const c of plain) out += isAlnum(c) || c === '_' ? c : `\\${c}`;
  return out;
}

/**
 * A WFN value compiled for matching (NISTIR 7696): its kind and its logical text, lowercased, with
 * quoting removed; for a pattern, the wildcards at each end (`-1` = `*`, n = n × `?`, 0 = none).
 * Because wildcards only occur at the ends, the middle is compared as plain text: no escape counting.
 */
export interface CompiledValue {
  readonly kind: 'any' | 'na' | 'value' | 'pattern';
  readonly text: string;
  readonly lead: number;
  readonly trail: number;
}

const C_ANY: CompiledValue = { kind: 'any', text: '', lead: 0, trail: 0 };
const C_NA: CompiledValue = { kind: 'na', text: '', lead: 0, trail: 0 };

export function compileValue(v: WfnValue): CompiledValue {
  if (v === ANY) return C_ANY;
  if (v === NA) return C_NA;
  let lead = 0;
  let trail = 0;
  let i = 0;
  let end = v.length;
  if (v[0] === '*') { lead = -1; i = 1; } else while (i < end && v[i] === '?') { lead++; i++; }
  // A trailing wildcard is one not preceded by an odd run of backslashes (i.e. not quoted).
  const unquotedAt = (k: number): boolean => { let n = 0; for (let j = k - 1; j >= i && v[j] === '\\'; j--) n++; return n % 2 === 0; };
  if (end > i && v[end - 1] === '*' && unquotedAt(end - 1)) { trail = -1; end--; }
  else while (end > i && v[end - 1] === '?' && unquotedAt(end - 1)) { trail++; end--; }
  let text = '';
  for (let k = i; k < end; k++) {
    const c = v[k]!;
    if (c === '\\' && k + 1 < end) { text += v[k + 1]; k++; } else text += c;
  }
  text = text.toLowerCase();
  return { kind: lead !== 0 || trail !== 0 ? 'pattern' : 'value', text, lead, trail };
}

/** The logical (unquoted) text of a WFN string value, case kept; `undefined` for ANY and NA. */
export function plainValue(v: WfnValue): string | undefined {
  if (v === ANY || v === NA) return undefined;
  return v.replace(/\\(.)/g, '$1');
}

/** Compiled attributes by name, and the same in ATTRIBUTES order (`values`) for fast indexed loops. */
export type CompiledWfn = Readonly<Record<Attribute, CompiledValue>> & { readonly values: readonly CompiledValue[] };

export function compileWfn(w: Wfn): CompiledWfn {
  const out = {} as Record<Attribute, CompiledValue> & { values: CompiledValue[] };
  const values: CompiledValue[] = [];
  for (const a of ATTRIBUTES) { out[a] = compileValue(w[a]); values.push(out[a]); }
  out.values = values;
  return out;
}
