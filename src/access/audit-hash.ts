/**
 * Canonical serialisation and hashing of audit log entries. Pure: no I/O.
 *
 * Every entry is hash-chained: hash = SHA-256 hex of (prev_hash + canonical JSON of
 * {action, actor, at, detail, seq, target}) with keys sorted; the first entry's prev_hash is 64
 * zeros; seq counts 1, 2, 3, ... without gaps. Appending lives in `audit-log.ts`, verification
 * in `audit-verify.ts`.
 */
import { createHash } from 'node:crypto';
import { errors } from '../errors.js';

/** JSON with object keys sorted (by UTF-16 code units), no whitespace; input must be a JSON value. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'object': {
      if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: not a JSON value (${typeof v})`);
  }
}

/** The hashed fields of an entry other than seq. */
export interface HashedFields {
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  detail: unknown;
}

/** The canonical form of an entry is prefix + seq + suffix (keys: action, actor, at, detail, seq, target). */
export function preimageParts(e: HashedFields): [string, string] {
  return [
    `{"action":${JSON.stringify(e.action)},"actor":${canonicalJson(e.actor)},"at":${JSON.stringify(e.at)},` +
      `"detail":${canonicalJson(e.detail)},"seq":`,
    `,"target":${canonicalJson(e.target)}}`,
  ];
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** SHA-256 hex over prevHash + canonicalJson({seq, at, actor, action, target, detail}). */
export function computeEntryHash(prevHash: string, e: HashedFields & { seq: number }): string {
  const [pre, post] = preimageParts(e);
  return sha256Hex(prevHash + pre + String(e.seq) + post);
}

// Lone surrogates and NUL cannot be stored by PostgreSQL (text/jsonb) as they are; replace them
// before hashing so the stored entry is exactly the hashed one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function storable(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}

function storableJson(v: unknown): unknown {
  if (typeof v === 'string') return storable(v);
  if (Array.isArray(v)) return v.map(storableJson);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[storable(k)] = storableJson(x);
    return out;
  }
  return v;
}

/** Detail as the JSON value it will be stored as (toJSON applied, undefined dropped), or null. */
function normaliseDetail(detail: unknown): unknown {
  if (detail === undefined || detail === null) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(detail);
  } catch (e) {
    throw errors.validation(`Audit detail must be JSON-serialisable: ${(e as Error).message}`, [
      { path: 'detail', message: 'must be JSON-serialisable' },
    ]);
  }
  return text === undefined ? null : storableJson(JSON.parse(text));
}

/**
 * An entry as given by a caller (an `AuditEntryInput` from `audit-log.ts`), checked here at run
 * time and turned into the fields that are stored and hashed.
 */
export function normaliseInput(e: {
  readonly actor?: unknown;
  readonly action?: unknown;
  readonly target?: unknown;
  readonly detail?: unknown;
}): Omit<HashedFields, 'at'> {
  if (typeof e.action !== 'string' || e.action.trim() === '') {
    throw errors.validation('Audit entry needs an action.', [{ path: 'action', message: 'must be a non-empty string' }]);
  }
  const str = (v: unknown, field: string): string | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw errors.validation(`Audit ${field} must be a string or null.`, [{ path: field, message: 'must be a string or null' }]);
    return storable(v);
  };
  return { actor: str(e.actor, 'actor'), action: storable(e.action), target: str(e.target, 'target'), detail: normaliseDetail(e.detail) };
}
