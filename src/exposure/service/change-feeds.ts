/**
 * The two change logs the exposure service follows, read in sequence order.
 *
 * Why not `register/load.changesSince` and `exposure/store.cveChangesSince`: both select `seq::text AS seq`
 * and then `ORDER BY seq`, which PostgreSQL resolves to the output column — the text — so rows come in text
 * order ('10' before '9') through a full scan and sort of the table (≈ 200 ms at 670,000 register changes on
 * the embedded store), and a round cut by LIMIT can end on a seq that numerically skips changes not yet read.
 * These order by the table's column (its primary-key index). To be dropped once those two order by the column.
 */
import type { Queryable } from '../../store/db.js';
import type { RegisterChange } from '../../register/load.js';
import type { VulnChange } from '../store/index.js';

const AT = `to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function registerChangesAfter(db: Queryable, seq: number, limit: number): Promise<RegisterChange[]> {
  const rows = await db.query<{ seq: string; at: string; entity: RegisterChange['entity']; id: string; op: RegisterChange['op'] }>(
    `SELECT c.seq::text AS seq, ${AT} AS at, c.entity, c.id, c.op FROM register_change c WHERE c.seq > $1::bigint ORDER BY c.seq LIMIT $2`,
    [String(Math.floor(seq)), limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, entity: r.entity, id: r.id, op: r.op }));
}

export async function vulnChangesAfter(db: Queryable, seq: number, limit: number): Promise<VulnChange[]> {
  const rows = await db.query<{ seq: string; at: string; source: VulnChange['source']; cve_id: string; op: VulnChange['op'] }>(
    `SELECT c.seq::text AS seq, ${AT} AS at, c.source, c.cve_id, c.op FROM vuln_change c WHERE c.seq > $1::bigint ORDER BY c.seq LIMIT $2`,
    [String(Math.max(0, Math.floor(seq))), limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, source: r.source, cveId: r.cve_id, op: r.op }));
}
