/**
 * Advisories stored as a document row with child rows (CSAF: csaf_advisory + csaf_product; OSV:
 * osv_advisory + osv_affected): one batch, within the caller's transaction, written the same way for
 * both — only documents whose content hash changed are written; their old child rows are replaced;
 * every CVE the document names, before or after, is appended to vuln_change.
 */
import { canCopy } from '../../store/copy-sink.js';
import type { Db, Queryable } from '../../store/db.js';
import { auditBatch, batchTx, digestOf, type Resolved, upsertByHash } from './batch.js';
import { appendChanges } from './change-log.js';
import type { VulnSource } from './types.js';

export interface DocumentTables {
  readonly source: VulnSource;
  /** Document table (key column `id`, with `content_hash` and the CVE list column). */
  readonly documents: string;
  readonly documentColumns: string;
  /** Column of the document table listing the CVE ids (or advisory ids) it names. */
  readonly cveColumn: string;
  /** Child table (column `advisory_id` names the document). */
  readonly children: string;
  readonly childColumns: string;
}

export interface DocumentRows {
  readonly id: string;
  readonly contentHash: string;
  /** CVE ids (or, without one, advisory ids) the document names now. */
  readonly cves: readonly string[];
  /** The document's row, COPY text with its newline. */
  readonly documentRow: string;
  /** Its child rows, COPY text. */
  readonly childRows: string;
}

export async function storeDocuments(
  tx: Queryable, t: DocumentTables, items: readonly DocumentRows[],
): Promise<{ written: { id: string; inserted: boolean }[]; changedCves: string[] }> {
  const stored = await tx.query<{ id: string; content_hash: string; cves: string[] }>(
    `SELECT id, content_hash, ${t.cveColumn} AS cves FROM ${t.documents} WHERE id = ANY($1::text[])`, [items.map((d) => d.id)],
  );
  const before = new Map(stored.map((r) => [r.id, r]));
  const todo = items.filter((d) => before.get(d.id)?.content_hash !== d.contentHash);
  if (todo.length === 0) return { written: [], changedCves: [] };
  await tx.query(`DELETE FROM ${t.children} WHERE advisory_id = ANY($1::text[])`, [todo.map((d) => d.id)]);
  const written = await upsertByHash(tx, t.documents, 'id', t.documentColumns, todo.map((d) => d.documentRow).join(''), ', imported_at = now()');
  const rows = todo.map((d) => d.childRows).join('');
  if (rows) {
    if (!canCopy(tx)) throw new Error(`the ${t.source} import needs a transaction of one of the store adapters (COPY)`);
    await tx.copyFrom(`COPY ${t.children} (${t.childColumns}) FROM STDIN`, Buffer.from(rows, 'utf8'));
  }
  const changed = new Set<string>();
  for (const d of todo) {
    for (const c of d.cves) changed.add(c);
    for (const c of before.get(d.id)?.cves ?? []) changed.add(c);
  }
  const changedCves = [...changed].sort();
  await appendChanges(tx, t.source, changedCves);
  return { written, changedCves };
}

/** One batch in a transaction of its own, with its audit entry (what was written, by content digest). */
export function writeDocuments(
  db: Db, t: DocumentTables, o: Resolved, label: string, items: readonly DocumentRows[],
): Promise<{ written: { id: string; inserted: boolean }[]; changedCves: string[] }> {
  return batchTx(db, async (tx) => {
    const r = await storeDocuments(tx, t, items);
    if (r.written.length) {
      const hash = new Map(items.map((d) => [d.id, d.contentHash]));
      await auditBatch(tx, o, t.source, label, { written: r.written.length, cves: r.changedCves.length, digest: digestOf(r.written.map((w) => [w.id, hash.get(w.id)!] as const)) });
    }
    return r;
  });
}
