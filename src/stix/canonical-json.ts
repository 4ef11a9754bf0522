/**
 * JSON Canonicalization Scheme, RFC 8785 (JCS): no whitespace, object members sorted by their names as arrays
 * of UTF-16 code units, numbers in the ECMAScript Number-to-String form (which is what JSON.stringify writes
 * for a finite number, -0 as 0), strings escaped minimally (\" \\ \b \f \n \r \t, other controls as \u00xx).
 *
 * Input must be I-JSON: non-finite numbers, lone surrogates, bigints, functions and symbols are refused with
 * a CanonicalizationError. Like JSON.stringify, members whose value is `undefined` are left out and `toJSON()`
 * is honoured.
 */

export class CanonicalizationError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalizationError';
  }
}

/** Returns the RFC 8785 canonical JSON text of `value`. */
export function canonicalize(value: unknown): string {
  return serialize(value, '$');
}

/** Code-unit order, which RFC 8785 §3.2.3 prescribes (not locale order, not code-point order). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function serializeString(s: string, at: string): string {
  if (hasLoneSurrogate(s)) throw new CanonicalizationError(`${at}: string contains a lone surrogate (not I-JSON)`);
  // For well-formed strings JSON.stringify's escaping is exactly RFC 8785 §3.2.2.2.
  return JSON.stringify(s);
}

function serialize(value: unknown, at: string): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return serializeString(value, at);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalizationError(`${at}: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        const parts: string[] = [];
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) throw new CanonicalizationError(`${at}[${i}]: undefined is not a JSON value`);
          parts.push(serialize(item, `${at}[${i}]`));
        }
        return `[${parts.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort(byCodeUnits);
      const parts: string[] = [];
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        parts.push(`${serializeString(key, at)}:${serialize(member, `${at}.${key}`)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new CanonicalizationError(`${at}: a ${typeof value} is not a JSON value`);
  }
}
