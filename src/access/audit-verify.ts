/**
 * Verification of the hash-chained audit log (`audit-log.ts`): recomputes every hash and link
 * and names the first bad entry.
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
import type { Queryable } from '../store/db.js';
import { computeEntryHash, preimageParts, sha256Hex, type HashedFields } from './audit-hash.js';
import { GENESIS_HASH, ROW_COLUMNS, auditHead, formatAnchor, type AuditAnchor, type Row } from './audit-log.js';

const DEFAULT_PAGE_SIZE = 5000;
const MAX_REORDER_SEARCH = 2_000_000;

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

/** Short name: `verify(db)`. */
export { verifyAudit as verify };
