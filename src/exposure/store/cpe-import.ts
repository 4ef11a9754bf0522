/**
 * NVD CPE dictionary (CPE API 2.0 product pages) → cpe_dictionary, incrementally by content hash.
 * The dictionary names products, not vulnerabilities: it writes no vuln_change rows.
 */
import type { Db } from '../../store/db.js';
import { readCpeDictionary, type CpeDictionaryRecord } from '../sources/cpe-dictionary.js';
import type { ByteSource } from '../sources/input.js';
import { contentHash } from '../sources/nvd-cve-record.js';
import { auditBatch, batchTx, copyLine, fieldOfDbError, labelOf, lastById, newReport, reject, resolve, upsertByHash, utc, writeIsolating } from './batch.js';
import type { VulnImportOptions, VulnImportReport } from './types.js';

interface Indexed { index: number; record: CpeDictionaryRecord }

const STAGE_COLUMNS = 'cpe_name text COLLATE "C", cpe_name_id text, title text, deprecated boolean, deprecated_by text[], last_modified timestamptz, content_hash text';

export async function importCpeDictionary(db: Db, source: ByteSource, opts: VulnImportOptions = {}): Promise<VulnImportReport> {
  const o = resolve(opts);
  const label = labelOf(source);
  const report = newReport('cpe', false);
  let pending: Indexed[] = [];
  const write = async (items: Indexed[]): Promise<void> => {
    const data = items.map(({ record: r }) => copyLine([
      r.cpeName, r.cpeNameId, r.title, r.deprecated, r.deprecatedBy, utc(r.lastModified),
      contentHash([r.cpeNameId, r.title, r.deprecated, r.deprecatedBy, r.lastModified]),
    ])).join('');
    const rows = await batchTx(db, async (tx) => {
      const written = await upsertByHash(tx, 'cpe_dictionary', 'cpe_name', STAGE_COLUMNS, data);
      if (written.length) await auditBatch(tx, o, 'cpe', label, { written: written.length, first: written[0]!.id, last: written[written.length - 1]!.id });
      return written;
    });
    for (const w of rows) {
      if (w.inserted) report.inserted++;
      else report.updated++;
    }
    report.unchanged += items.length - rows.length;
  };
  const flush = async (): Promise<void> => {
    const { items, dropped } = lastById(pending, (i) => i.record.cpeName);
    pending = [];
    report.unchanged += dropped;
    await writeIsolating(items, write, (i, e) => {
      reject(report, o, { index: i.index, id: i.record.cpeName, field: fieldOfDbError(e), reason: `refused by the store: ${e.message}` });
    });
    o.onProgress({ read: report.read, written: report.inserted + report.updated });
  };
  for await (const item of readCpeDictionary(source)) {
    report.read++;
    if (item.kind === 'rejected') {
      reject(report, o, { index: item.index, ...(item.id !== undefined ? { id: item.id } : {}), field: item.field, reason: item.reason });
      continue;
    }
    pending.push({ index: item.index, record: item.record });
    if (pending.length >= o.batchSize) await flush();
  }
  if (pending.length) await flush();
  return report;
}
