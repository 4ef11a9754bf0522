/**
 * The tamper-evident audit log: appending and reading.
 *
 * Every entry is hash-chained (format and hashing: `audit-hash.ts`): hash = SHA-256 hex of
 * (prev_hash + canonical JSON of {action, actor, at, detail, seq, target}) with keys sorted; the
 * first entry's prev_hash is 64 zeros; seq counts 1, 2, 3, ... without gaps. The table
 * `audit_head` (migration 003) holds the seq and hash of the last entry and is updated in the
 * same transaction as every append.
 *
 * Ordering and concurrency: an append takes a transaction-scoped advisory lock, then reads the
 * head row FOR UPDATE (fresh under READ COMMITTED; a serialisation error, never a fork, under
 * REPEATABLE READ), inserts, and moves the head. Appenders in other processes wait on the lock,
 * so the chain is linear across processes. `appendAudit(tx, ...)` runs inside the caller's own
 * transaction, so a write and its audit entry commit or roll back together; it refuses to run
 * outside a transaction (checked at run time: a transaction-local setting must survive from one
 * statement to the next). `AuditLog.record(db, ...)` (`audit-service.ts`) opens a transaction itself.
 * Appends chain from the head anchor, not from the last row, so a deleted tail is never re-used.
 * If the anchor row is missing, appends fail (closed) until an operator restores it.
 *
 * Verification and the threat model: `audit-verify.ts`. The head read here (`auditHead`,
 * `formatAnchor`) is what an operator exports and keeps outside the database.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../store/db.js';
import { errors } from '../errors.js';
import { computeEntryHash, normaliseInput } from './audit-hash.js';

export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key serialising appends ('BWAU'); distinct from the migration lock. */
export const AUDIT_LOCK_KEY = 0x42574155;
const NONCE_SETTING = 'bulwark.audit_tx';
const INSERT_CHUNK = 500;

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

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** An entry's own time (an entry journaled before its commit keeps when it happened): the database's format. */
function checkAt(at: string): string {
  if (!AT.test(at)) throw errors.validation('Audit entry time must be ISO 8601 UTC with microseconds.', [{ path: 'at', message: `got '${at}'` }]);
  return at;
}

/**
 * Appends entries, in order, within the caller's transaction `tx` (from `db.transaction`). An entry
 * may carry its own time (`at`, as written by the journal of reads); otherwise it takes the commit's.
 * One lock, one head read and one INSERT per 500 entries: use it for bulk (e.g. an import's
 * per-object entries). Returns the stored entries.
 */
export async function appendAuditBatch(tx: Queryable, entries: readonly (AuditEntryInput & { at?: string })[]): Promise<AuditEntry[]> {
  const inputs = entries.map((e) => ({ ...normaliseInput(e), at: e.at === undefined ? undefined : checkAt(e.at) }));
  if (inputs.length === 0) return [];
  const head = await lockHead(tx);
  const out: AuditEntry[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  for (const e of inputs) {
    seq += 1;
    const fields = { ...e, at: e.at ?? head.at };
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

/** A row of audit_log as selected with ROW_COLUMNS. */
export interface Row {
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
export const ROW_COLUMNS = 'seq::text AS seq, at, actor, action, target, detail, prev_hash, hash';

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
