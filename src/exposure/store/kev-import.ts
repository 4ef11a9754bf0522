/**
 * CISA KEV catalogue → vuln_kev, incrementally: an entry whose content hash is unchanged is not
 * rewritten; a new or changed one is upserted with a vuln_change row (source kev). The file is the
 * whole catalogue, so stored entries it no longer lists are deleted (op delete) — unless a record
 * was rejected (it would read as a removal) or `removeMissing` is false.
 */
import type { Db } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import { readKev, type KevRecord } from '../sources/kev.js';
import { appendChanges } from './change-log.js';
import { auditBatch, batchTx, copyLine, digestOf, fieldOfDbError, labelOf, lastById, newReport, reject, resolve, upsertByHash, writeIsolating } from './batch.js';
import type { KevImportOptions, VulnImportReport } from './types.js';

const STAGE_COLUMNS = `cve_id text COLLATE "C", vendor text, product text, name text, short_description text, date_added date, due_date date,
  ransomware_use text, known_ransomware boolean, required_action text, notes text, cwes text[], content_hash text`;

interface Indexed { index: number; record: KevRecord }

const rowOf = (r: KevRecord): string => copyLine([
  r.cveID, r.vendorProject, r.product, r.vulnerabilityName, r.shortDescription, r.dateAdded, r.dueDate,
  r.knownRansomwareCampaignUse, r.ransomware, r.requiredAction, r.notes, r.cwes, r.contentHash,
]);

export async function importKev(db: Db, source: ByteSource, opts: KevImportOptions = {}): Promise<VulnImportReport> {
  const o = resolve(opts);
  const label = labelOf(source);
  const report = newReport('kev');
  const seen = new Set<string>();
  let pending: Indexed[] = [];
  const write = async (items: Indexed[]): Promise<void> => {
    const hash = new Map(items.map(({ record: r }) => [r.cveID, r.contentHash]));
    const rows = await batchTx(db, async (tx) => {
      const written = await upsertByHash(tx, 'vuln_kev', 'cve_id', STAGE_COLUMNS, items.map((i) => rowOf(i.record)).join(''), ', imported_at = now()');
      await appendChanges(tx, 'kev', written.map((w) => w.id));
      if (written.length) await auditBatch(tx, o, 'kev', label, { written: written.length, digest: digestOf(written.map((w) => [w.id, hash.get(w.id)!] as const)) });
      return written;
    });
    for (const w of rows) {
      if (w.inserted) report.inserted++;
      else report.updated++;
      report.changedCveIds!.push(w.id);
    }
    report.unchanged += items.length - rows.length;
    report.changes += rows.length;
  };
  const flush = async (): Promise<void> => {
    const { items, dropped } = lastById(pending, (i) => i.record.cveID);
    pending = [];
    report.unchanged += dropped;
    await writeIsolating(items, write, (i, e) => {
      seen.delete(i.record.cveID);
      reject(report, o, { index: i.index, id: i.record.cveID, field: fieldOfDbError(e), reason: `refused by the store: ${e.message}` });
    });
    o.onProgress({ read: report.read, written: report.inserted + report.updated });
  };
  for await (const item of readKev(source)) {
    report.read++;
    if (item.kind === 'rejected') {
      reject(report, o, { index: item.index, ...(item.id !== undefined ? { id: item.id } : {}), field: item.field, reason: item.reason });
      continue;
    }
    seen.add(item.record.cveID);
    pending.push({ index: item.index, record: item.record });
    if (pending.length >= o.batchSize) await flush();
  }
  if (pending.length) await flush();
  if (opts.removeMissing !== false && report.rejected === 0 && report.read > 0) {
    const gone = await batchTx(db, async (tx) => {
      const rows = await tx.query<{ cve_id: string }>(
        `DELETE FROM vuln_kev WHERE NOT (cve_id = ANY(string_to_array($1, ' '))) RETURNING cve_id`, [[...seen].join(' ')],
      );
      const ids = rows.map((r) => r.cve_id).sort();
      await appendChanges(tx, 'kev', ids, 'delete');
      if (ids.length) await auditBatch(tx, o, 'kev', label, { deleted: ids.length, ids: ids.slice(0, 100) });
      return ids;
    });
    report.deleted = gone.length;
    report.changes += gone.length;
    report.changedCveIds!.push(...gone);
  }
  return report;
}
