/**
 * The tamper-evident audit log.
 *
 * Every entry is hash-chained: hash = SHA-256 hex of (prev_hash + canonical JSON of
 * {action, actor, at, detail, seq, target}) with keys sorted; the first entry's prev_hash is 64
 * zeros; seq counts 1, 2, 3, ... without gaps. The table `audit_head` (migration 003) holds the
 * seq and hash of the last entry and is updated in the same transaction as every append.
 *
 * Ordering and concurrency: an append takes a transaction-scoped advisory lock, then reads the
 * head row FOR UPDATE (fresh under READ COMMITTED; a serialisation error, never a fork, under
 * REPEATABLE READ), inserts, and moves the head. Appenders in other processes wait on the lock,
 * so the chain is linear across processes. `appendAudit(tx, ...)` runs inside the caller's own
 * transaction, so a write and its audit entry commit or roll back together; it refuses to run
 * outside a transaction (checked at run time: a transaction-local setting must survive from one
 * statement to the next). `AuditLog.record(db, ...)` opens a transaction itself.
 * Appends chain from the head anchor, not from the last row, so a deleted tail is never re-used.
 * If the anchor row is missing, appends fail (closed) until an operator restores it.
 *
 * Threat model. The chain detects changes made behind the application's back by someone who
 * edits rows but does not recompute hashes: an altered entry (its hash no longer matches), a
 * removed entry (a gap in seq / a broken link), reordered entries (an entry's hash matches
 * another seq), an inserted entry (a later entry links past it) and a removed tail (the head
 * anchor records more than the log holds). An attacker with full write access to the database
 * can rebuild the whole chain and the head row consistently; no in-database check can catch
 * that. What catches it is a copy of the head kept OUTSIDE the database: `bulwark audit verify`
 * prints the head (seq + hash); export it (`auditHead`, `formatAnchor`) to a ticket, a log
 * collector or another system, and later pass it to `verifyAudit(db, { anchor })`: a rebuilt
 * or truncated chain no longer contains that (seq, hash). With the embedded engine the anchor
 * can be kept in a file outside the data directory. Defence in depth (not done here): grant the
 * application's database role INSERT/SELECT only on audit_log.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../store/db.js';
import { errors } from '../errors.js';

export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key serialising appends ('BWAU'); distinct from the migration lock. */
export const AUDIT_LOCK_KEY = 0x42574155;
const NONCE_SETTING = 'bulwark.audit_tx';
const INSERT_CHUNK = 500;
const DEFAULT_PAGE_SIZE = 5000;
const MAX_REORDER_SEARCH = 2_000_000;

export interface AuditEntryInput {
  /** Who acted (a user name), or null for the system / an unauthenticated party. */
  actor: string | null;
  /** What happened, dotted lower case, e.g. `user.create`. */
  action: string;
  /** What it happened to (an id or name). */
  target?: string | null;
  /** Any JSON-serialisable facts. Never put secrets here. */
  detail?: unknown;
}

export interface AuditEntry {
  seq: number;
  /** ISO 8601 UTC from the database clock, microseconds, e.g. 2025-01-31T12:00:00.123456Z */
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  /** A JSON value, or null. */
  detail: unknown;
  prevHash: string;
  hash: string;
}

/** A head position: the seq and hash of the last entry (seq 0 and GENESIS_HASH for an empty log). */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export type TamperReason = 'altered' | 'removed' | 'reordered' | 'inserted' | 'anchor';

export type AuditVerifyResult =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      /** How many entries verified good before the first bad one. */
      entriesChecked: number;
      /**
       * The first bad entry. `anchor`: the head anchor row itself is missing, so the tail cannot
       * be vouched for (seq is then the last entry's).
       */
      firstBad: { seq: number; reason: TamperReason; message: string };
    };

export interface VerifyOptions {
  /** Entries per query (keyset paging; memory stays flat on millions of entries). Default 5000. */
  pageSize?: number;
  /** A head exported earlier and kept outside the database: the log must still contain it. */
  anchor?: AuditAnchor | null;
}

// ---------------------------------------------------------------------------------------------
// Canonical serialisation and hashing

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

interface HashedFields {
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  detail: unknown;
}

/** The canonical form of an entry is prefix + seq + suffix (keys: action, actor, at, detail, seq, target). */
function preimageParts(e: HashedFields): [string, string] {
  return [
    `{"action":${JSON.stringify(e.action)},"actor":${canonicalJson(e.actor)},"at":${JSON.stringify(e.at)},` +
      `"detail":${canonicalJson(e.detail)},"seq":`,
    `,"target":${canonicalJson(e.target)}}`,
  ];
}

function sha256Hex(s: string): string {
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

function normaliseInput(e: AuditEntryInput): Omit<HashedFields, 'at'> {
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

// ---------------------------------------------------------------------------------------------
// Appending

function isDb(q: Queryable | Db): q is Db {
  return typeof (q as Partial<Db>).transaction === 'function';
}

/** Locks the chain for this transaction and returns the head plus the database time. */
async function lockHead(tx: Queryable): Promise<{ seq: number; hash: string; at: string }> {
  const nonce = randomUUID();
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint), set_config($2, $3, true)', [AUDIT_LOCK_KEY, NONCE_SETTING, nonce]);
  const rows = await tx.query<{ seq: string; hash: string; nonce: string | null; at: string }>(
    `SELECT seq::text AS seq, hash, current_setting('${NONCE_SETTING}', true) AS nonce,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM audit_head WHERE id = 1 FOR UPDATE`,
  );
  const row = rows[0];
  if (!row) {
    throw errors.internal(
      'The audit head anchor (table audit_head, row id 1) is missing, so nothing can be appended to the audit log. ' +
        'Run `bulwark audit verify`, investigate, and restore the row from the last exported head.',
    );
  }
  if (row.nonce !== nonce) {
    throw errors.internal(
      'appendAudit must run inside a transaction: call it with the tx of db.transaction(tx => ...), ' +
        'or use AuditLog.record(db, entry), which opens one.',
    );
  }
  return { seq: Number(row.seq), hash: row.hash, at: row.at };
}

/**
 * Appends entries, in order, within the caller's transaction `tx` (from `db.transaction`).
 * One lock, one head read and one INSERT per 500 entries: use it for bulk (e.g. an import's
 * per-object entries). Returns the stored entries.
 */
export async function appendAuditBatch(tx: Queryable, entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
  const inputs = entries.map(normaliseInput);
  if (inputs.length === 0) return [];
  const head = await lockHead(tx);
  const out: AuditEntry[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  for (const e of inputs) {
    seq += 1;
    const fields = { ...e, at: head.at };
    const hash = computeEntryHash(prevHash, { ...fields, seq });
    out.push({ seq, ...fields, prevHash, hash });
    prevHash = hash;
  }
  for (let i = 0; i < out.length; i += INSERT_CHUNK) {
    const chunk = out.slice(i, i + INSERT_CHUNK).map((e) => ({
      seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, detail: e.detail, prev_hash: e.prevHash, hash: e.hash,
    }));
    await tx.query(
      `INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash)
       SELECT seq, at, actor, action, target, detail, prev_hash, hash
         FROM jsonb_to_recordset($1::jsonb)
           AS x(seq bigint, at text, actor text, action text, target text, detail jsonb, prev_hash text, hash text)`,
      [JSON.stringify(chunk)],
    );
  }
  await tx.query('UPDATE audit_head SET seq = $1::bigint, hash = $2, updated_at = now() WHERE id = 1', [String(seq), prevHash]);
  return out;
}

/** Appends one entry within the caller's transaction `tx` (from `db.transaction`); commits with it. */
export async function appendAudit(tx: Queryable, entry: AuditEntryInput): Promise<AuditEntry> {
  const [e] = await appendAuditBatch(tx, [entry]);
  return e!;
}

/** Appends one entry: inside `q` when it is a transaction, else in a transaction of its own. */
export async function append(q: Queryable | Db, entry: AuditEntryInput): Promise<AuditEntry> {
  return isDb(q) ? q.transaction((tx) => appendAudit(tx, entry)) : appendAudit(q, entry);
}

/** Appends many entries: inside `q` when it is a transaction, else in a transaction of its own. */
export async function appendMany(q: Queryable | Db, entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
  return isDb(q) ? q.transaction((tx) => appendAuditBatch(tx, entries)) : appendAuditBatch(q, entries);
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Row {
  seq: string;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

// Note: seq is selected as text (bigint exceeds JS numbers in general); ORDER BY must name audit_log.seq,
// or it would sort by the text alias.
const ROW_COLUMNS = 'seq::text AS seq, at, actor, action, target, detail, prev_hash, hash';

function toEntry(r: Row): AuditEntry {
  return {
    seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, target: r.target,
    detail: r.detail ?? null, prevHash: r.prev_hash, hash: r.hash,
  };
}

/** The anchored head (seq and hash of the last entry), or null when the anchor row is missing. */
export async function auditHead(q: Queryable): Promise<AuditAnchor | null> {
  const [r] = await q.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1');
  return r ? { seq: Number(r.seq), hash: r.hash } : null;
}

/** `seq:hash`, the one-line form of an anchor to print, export and pass back to verify. */
export function formatAnchor(a: AuditAnchor): string {
  return `${a.seq}:${a.hash}`;
}

/** Parses `seq:hash` (or JSON {"seq":n,"hash":"..."}); throws VALIDATION_FAILED with the expected form. */
export function parseAnchor(text: string): AuditAnchor {
  const s = text.trim();
  let seq: unknown;
  let hash: unknown;
  if (s.startsWith('{')) {
    try {
      ({ seq, hash } = JSON.parse(s) as { seq: unknown; hash: unknown });
    } catch {
      /* reported below */
    }
  } else {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(s);
    if (m) [seq, hash] = [Number(m[1]), m[2]];
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
    throw errors.validation('An audit anchor must look like <seq>:<64 hex digits>, e.g. 42:9f86d0…, as printed by `bulwark audit verify`.', [
      { path: 'anchor', message: 'expected <seq>:<sha256 hex>' },
    ]);
  }
  return { seq, hash };
}

/** Entries in seq order after `afterSeq` (default 0), at most `limit` (default 100, max 10000). */
export async function listAudit(q: Queryable, opts: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 100)), 10_000);
  const rows = await q.query<Row>(
    `SELECT ${ROW_COLUMNS} FROM audit_log WHERE seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
    [String(Math.floor(opts.afterSeq ?? 0)), limit],
  );
  return rows.map(toEntry);
}

// ---------------------------------------------------------------------------------------------
// Verifying

const MIN_BIGINT = '-9223372036854775808';
const MAX_BIGINT = 9223372036854775807n;

/** Keyset-paged reader of audit_log in seq order, with one entry of look-ahead. */
class Pager {
  private buf: Row[] = [];
  private i = 0;
  private after = MIN_BIGINT;
  private exhausted = false;
  constructor(private readonly q: Queryable, private readonly upTo: bigint, private readonly pageSize: number) {}

  private async fill(): Promise<void> {
    if (this.i < this.buf.length || this.exhausted) return;
    // No upper bound in SQL: `seq > $1 ORDER BY seq LIMIT n` is a plain primary-key index range
    // scan whatever the statistics; with a range the planner may sort the whole remainder per page.
    const page = await this.q.query<Row>(
      `SELECT ${ROW_COLUMNS} FROM audit_log WHERE seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
      [this.after, this.pageSize],
    );
    const last = page[page.length - 1];
    if (last) this.after = last.seq;
    this.buf = page.filter((r) => BigInt(r.seq) <= this.upTo);
    this.i = 0;
    if (page.length < this.pageSize || this.buf.length < page.length) this.exhausted = true;
  }

  async next(): Promise<Row | null> {
    await this.fill();
    return this.buf[this.i++] ?? null;
  }

  async peek(): Promise<Row | null> {
    await this.fill();
    return this.buf[this.i] ?? null;
  }
}

function rowFields(r: Row): HashedFields {
  return { at: r.at, actor: r.actor, action: r.action, target: r.target, detail: r.detail ?? null };
}

/** The seq (≠ the stored one) at which this row's content reproduces its hash, nearest first; or null. */
function findWrittenSeq(r: Row, maxSeq: number): number | null {
  const [pre, post] = preimageParts(rowFields(r));
  const stored = Number(r.seq);
  const base = r.prev_hash + pre;
  const test = (s: number) => s >= 1 && s <= maxSeq && s !== stored && sha256Hex(base + String(s) + post) === r.hash;
  const reach = Math.min(MAX_REORDER_SEARCH, Math.max(maxSeq, stored) + 1);
  for (let d = 1; d <= reach; d++) {
    if (test(stored - d)) return stored - d;
    if (test(stored + d)) return stored + d;
  }
  return null;
}

/**
 * Streams the log in seq order, recomputes every hash and link, compares the tail with the head
 * anchor (and with `opts.anchor`, an externally kept head), and names the first bad entry.
 * Entries appended while it runs (beyond the head read at the start) are not judged.
 */
export async function verifyAudit(q: Queryable, opts: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE));
  const head0 = await auditHead(q);
  const anchor = opts.anchor ?? null;
  const pager = new Pager(q, head0 ? BigInt(head0.seq) : MAX_BIGINT, pageSize);
  const searchMax = Math.max(head0?.seq ?? 0, anchor?.seq ?? 0);

  let checked = 0;
  let prev: AuditAnchor | null = null; // last good entry
  let prevprevHash: string | null = null; // hash of the good entry before it (GENESIS before the first)
  const bad = (seq: number, reason: TamperReason, message: string): AuditVerifyResult => ({
    ok: false, entriesChecked: checked, firstBad: { seq, reason, message },
  });

  for (let r = await pager.next(); r; r = await pager.next()) {
    const seq = Number(r.seq);
    const expected = prev ? prev.seq + 1 : 1;
    const link = prev ? prev.hash : GENESIS_HASH;
    const selfOk = computeEntryHash(r.prev_hash, { ...rowFields(r), seq }) === r.hash;

    if (seq < expected) {
      return bad(seq, 'inserted', `Entry ${seq} was inserted: the chain starts at seq 1.`);
    }
    if (selfOk) {
      if (seq > expected) {
        const n = seq - expected;
        const where = expected === 1 ? 'starts the log' : `follows entry ${expected - 1}`;
        return bad(expected, 'removed', n === 1
          ? `Entry ${expected} was removed: entry ${seq} ${where}.`
          : `Entries ${expected} to ${seq - 1} (${n}) were removed: entry ${seq} ${where}.`);
      }
      if (r.prev_hash !== link) {
        return prev
          ? bad(prev.seq, 'altered', `Entry ${prev.seq} was changed and its hash recomputed: entry ${seq} records a different hash for it.`)
          : bad(seq, 'altered', `Entry ${seq} does not start from the genesis hash.`);
      }
    } else {
      const written = findWrittenSeq(r, Math.max(searchMax, seq + 1));
      if (written !== null) {
        if (prev && written === seq - 1 && r.prev_hash === prevprevHash) {
          return bad(prev.seq, 'inserted',
            `Entry ${prev.seq} was inserted: the entry now at seq ${seq} was written as seq ${written} and links to entry ${prev.seq - 1}; later entries were renumbered.`);
        }
        if (r.prev_hash !== link) {
          const [pred] = await q.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_log WHERE hash = $1 LIMIT 1', [r.prev_hash]);
          const predSeq = pred ? Number(pred.seq) : null;
          if (predSeq === null && written > seq && r.prev_hash !== GENESIS_HASH) {
            return bad(seq, 'removed',
              `An entry was removed before seq ${seq} and later entries renumbered to hide the gap: the entry now at seq ${seq} was written as seq ${written} and its predecessor is missing.`);
          }
        }
        return bad(seq, 'reordered', `Entry ${seq} is out of order: its content was written as seq ${written}.`);
      }
      const next = await pager.peek();
      if (next && next.prev_hash === link) {
        return bad(seq, 'inserted', `Entry ${seq} was inserted: the entry after it links to entry ${expected - 1}.`);
      }
      return bad(seq, 'altered', `Entry ${seq} was altered: its content does not match its hash.`);
    }

    if (anchor && seq === anchor.seq && r.hash !== anchor.hash) {
      return bad(seq, 'altered', `Entry ${seq} does not match the exported anchor ${formatAnchor(anchor)}: the chain was rewritten at or before this entry.`);
    }
    prevprevHash = prev ? prev.hash : GENESIS_HASH;
    prev = { seq, hash: r.hash };
    checked += 1;
  }

  const last: AuditAnchor = prev ?? { seq: 0, hash: GENESIS_HASH };
  if (anchor && anchor.seq > last.seq) {
    return bad(last.seq + 1, 'removed',
      `The log ends at entry ${last.seq} but the exported anchor records entry ${anchor.seq}: entries from ${last.seq + 1} were removed.`);
  }
  if (anchor && anchor.seq === 0 && anchor.hash !== GENESIS_HASH) {
    return bad(0, 'altered', 'The exported anchor for seq 0 must be the genesis hash.');
  }
  if (!head0) {
    return bad(last.seq, 'anchor',
      `The audit head anchor (audit_head row 1) is missing: the chain of ${last.seq} entries links, but a removed tail could not be detected.`);
  }
  if (last.seq < head0.seq) {
    return bad(last.seq + 1, 'removed', last.seq + 1 === head0.seq
      ? `Entry ${head0.seq}, the last one, was removed: the head anchor records ${head0.seq} entries, the log ends at ${last.seq}.`
      : `Entries ${last.seq + 1} to ${head0.seq} were removed from the end: the head anchor records ${head0.seq} entries, the log ends at ${last.seq}.`);
  }
  if (last.hash !== head0.hash) {
    return bad(last.seq, 'altered', `Entry ${last.seq}, the last one, does not match the head anchor's hash: it was replaced.`);
  }
  // Rows beyond the head: read the highest seq first, then the head; a committed append moves
  // both together, so a row above the fresher head was not written through the chain.
  const [mx] = await q.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM audit_log');
  const head1 = await auditHead(q);
  if (mx?.seq != null && head1 && Number(mx.seq) > head1.seq) {
    const [first] = await q.query<{ seq: string }>('SELECT min(seq)::text AS seq FROM audit_log WHERE seq > $1::bigint', [String(head1.seq)]);
    const s = Number(first?.seq ?? mx.seq);
    return bad(s, 'inserted', `Entry ${s} was inserted after the last anchored entry ${head1.seq}.`);
  }
  return { ok: true, entries: checked, head: last.hash };
}

// ---------------------------------------------------------------------------------------------

/** Convenience over a Db: each call is its own transaction. */
export class AuditLog {
  constructor(readonly db: Db) {}

  /** Appends one entry in a transaction of its own. */
  static record(db: Db, entry: AuditEntryInput): Promise<AuditEntry> {
    return db.transaction((tx) => appendAudit(tx, entry));
  }

  record(entry: AuditEntryInput): Promise<AuditEntry> {
    return AuditLog.record(this.db, entry);
  }

  recordMany(entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
    return this.db.transaction((tx) => appendAuditBatch(tx, entries));
  }

  verify(opts?: VerifyOptions): Promise<AuditVerifyResult> {
    return verifyAudit(this.db, opts);
  }

  head(): Promise<AuditAnchor | null> {
    return auditHead(this.db);
  }

  list(opts?: { afterSeq?: number; limit?: number }): Promise<AuditEntry[]> {
    return listAudit(this.db, opts);
  }
}

/** Short names: `append(q, entry)` and `verify(db)`. */
export { verifyAudit as verify };
