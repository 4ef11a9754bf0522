/**
 * vuln_change: one row per CVE whose vulnerability data changed, appended in the transaction that
 * changed it. Writers first take one transaction-scoped advisory lock, so sequence numbers commit in
 * order and a follower reading `seq > last` never skips a row that commits later with a lower seq
 * (the same guarantee register_change gets from the register's lock).
 */
import type { Queryable } from '../../store/db.js';
import type { VulnChange, VulnSource } from './types.js';

/** pg_advisory_xact_lock key of vulnerability-data writers ('VULN'). */
export const VULN_LOCK_KEY = 0x56554c4e;

/** Serialises vulnerability-data writers until the end of the caller's transaction. */
export async function lockVulnWriters(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [VULN_LOCK_KEY]);
}

/** Appends one change row per CVE id (in the given order) inside the caller's transaction. */
export async function appendChanges(tx: Queryable, source: VulnSource, cveIds: readonly string[], op: 'upsert' | 'delete' = 'upsert'): Promise<void> {
  if (cveIds.length === 0) return;
  await tx.query(
    `INSERT INTO vuln_change (source, cve_id, op)
     SELECT $1, c, $3 FROM unnest(string_to_array($2, ' ')) WITH ORDINALITY AS u(c, n) ORDER BY n`,
    [source, cveIds.join(' '), op],
  );
}

/** The changes after `seq`, oldest first, at most `limit`. */
export async function cveChangesSince(db: Queryable, seq: number, limit = 100_000): Promise<VulnChange[]> {
  const rows = await db.query<{ seq: string; at: string; source: VulnSource; cve_id: string; op: 'upsert' | 'delete' }>(
    // ORDER BY the table's column (c.seq), not the text output column of the same name: numeric
    // order, through the primary key
    `SELECT c.seq::text AS seq, to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, c.source, c.cve_id, c.op
       FROM vuln_change c WHERE c.seq > $1::bigint ORDER BY c.seq LIMIT $2`,
    [String(Math.max(0, Math.floor(seq))), Math.max(1, Math.floor(limit))],
  );
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, source: r.source, cveId: r.cve_id, op: r.op }));
}

/**
 * The last change's seq (0 when none). An engine reads it before loading the tables, then applies
 * the changes after it: a change committed during the load is applied again, which is harmless.
 */
export async function lastVulnChangeSeq(db: Queryable): Promise<number> {
  const [r] = await db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM vuln_change');
  return r?.seq ? Number(r.seq) : 0;
}
