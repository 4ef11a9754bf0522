/**
 * OSV advisories → osv_advisory (one row per record: content hash, CVE ids, withdrawn) and osv_affected
 * (one row per affected package, keyed on the normalised purl type / namespace / name, ranges and
 * versions as jsonb), incrementally by the record's content hash. A changed record's packages are
 * replaced whole; a withdrawn record keeps its row and loses its packages. Every CVE id the record files
 * findings under (its CVE aliases, or its own id without one) before or after the change gets a
 * vuln_change row (source osv), so the exposure engine rebuilds its OSV matcher. Records per
 * transaction: `batchSize`, default 500.
 */
import type { Db, Queryable } from '../../store/db.js';
import type { OsvRange } from '../purl/osv-range.js';
import type { ByteSource } from '../sources/input.js';
import { type OsvRecord, readOsv } from '../sources/osv.js';
import { type DocumentRows, type DocumentTables, writeDocuments } from './documents.js';
import {
  copyLine, fieldOfDbError, isoSql, labelOf, lastById, newReport, reject, resolve, writeIsolating,
} from './batch.js';
import type { VulnImportOptions, VulnImportReport } from './types.js';

export interface OsvImportReport extends VulnImportReport {
  /** Affected packages stored by the records written, and records written as withdrawn (no packages). */
  packages: number;
  withdrawn: number;
}

/** One stored affected package: what the OSV matcher is built from. */
export interface OsvPackageStatement {
  readonly advisoryId: string;
  /** Findings' CVE ids: the record's CVE aliases, or its own id. */
  readonly cveIds: readonly string[];
  readonly ecosystem: string;
  readonly purl: string | null;
  readonly type: string;
  /** '' when none. */
  readonly namespace: string;
  readonly name: string;
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
  /** ISO 8601 UTC. */
  readonly modified: string;
}

const ADVISORY_COLUMNS = `id text COLLATE "C", modified timestamptz, published timestamptz, withdrawn timestamptz, aliases text[],
  cve_ids text[], summary text, severity jsonb, source text, content_hash text`;
const AFFECTED_COLUMNS = 'advisory_id, idx, cve_ids, ecosystem, purl, purl_type, purl_namespace, purl_name, ranges, versions, modified, content_hash';

interface Prepared { index: number; source: string; record: OsvRecord; advisoryRow: string; affectedRows: string; packages: number }

function prepare(index: number, source: string, r: OsvRecord): Prepared {
  const advisoryRow = copyLine([
    r.id, r.modified, r.published, r.withdrawn, r.aliases, r.cveIds, r.summary, { json: r.severity }, source, r.contentHash,
  ]);
  let affectedRows = '';
  if (r.withdrawn === null) {
    for (const a of r.affected) {
      affectedRows += copyLine([
        r.id, a.index, r.cveIds, a.ecosystem, a.purl, a.key.type, a.key.namespace, a.key.name, { json: a.ranges }, { json: a.versions }, r.modified, r.contentHash,
      ]);
    }
  }
  return { index, source, record: r, advisoryRow, affectedRows, packages: r.withdrawn === null ? r.affected.length : 0 };
}

const TABLES: DocumentTables = {
  source: 'osv', documents: 'osv_advisory', documentColumns: ADVISORY_COLUMNS, cveColumn: 'cve_ids', children: 'osv_affected', childColumns: AFFECTED_COLUMNS,
};

const rowsOf = (p: Prepared): DocumentRows => ({
  id: p.record.id, contentHash: p.record.contentHash, cves: p.record.cveIds, documentRow: p.advisoryRow, childRows: p.affectedRows,
});

export async function importOsv(db: Db, source: ByteSource, opts: VulnImportOptions = {}): Promise<OsvImportReport> {
  const o = resolve({ ...opts, batchSize: opts.batchSize ?? 500 });
  const label = labelOf(source);
  const report: OsvImportReport = { ...newReport('osv'), packages: 0, withdrawn: 0 };
  const changed = new Set<string>();
  let pending: Prepared[] = [];
  const write = async (items: Prepared[]): Promise<void> => {
    const out = await writeDocuments(db, TABLES, o, label, items.map(rowsOf));
    const byId = new Map(items.map((p) => [p.record.id, p]));
    for (const w of out.written) {
      if (w.inserted) report.inserted++;
      else report.updated++;
      const p = byId.get(w.id)!;
      report.packages += p.packages;
      if (p.record.withdrawn !== null) report.withdrawn++;
    }
    report.unchanged += items.length - out.written.length;
    report.changes += out.changedCves.length;
    for (const c of out.changedCves) changed.add(c);
  };
  const flush = async (): Promise<void> => {
    const { items, dropped } = lastById(pending, (p) => p.record.id);
    pending = [];
    report.unchanged += dropped;
    await writeIsolating(items, write, (p, e) => {
      reject(report, o, { index: p.index, file: p.source, id: p.record.id, field: fieldOfDbError(e), reason: `refused by the store: ${e.message}` });
    });
    o.onProgress({ read: report.read, written: report.inserted + report.updated });
  };
  for await (const item of readOsv(source)) {
    report.read++;
    if (item.kind === 'rejected') {
      reject(report, o, { index: item.index, file: item.source, ...(item.id !== undefined ? { id: item.id } : {}), field: item.field, reason: item.reason });
      continue;
    }
    pending.push(prepare(item.index, item.source, item.record));
    if (pending.length >= o.batchSize) await flush();
  }
  if (pending.length) await flush();
  report.changedCveIds = [...changed].sort();
  return report;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** Every stored affected package of the advisories not withdrawn (or those filed under `cveIds`), in advisory order. */
export async function loadOsvPackages(db: Queryable, opts: { cveIds?: readonly string[] } = {}): Promise<OsvPackageStatement[]> {
  type Row = {
    advisory_id: string; cve_ids: string[]; ecosystem: string; purl: string | null; purl_type: string; purl_namespace: string; purl_name: string;
    ranges: OsvRange[] | string; versions: string[] | string; modified: string;
  };
  const cols = `advisory_id, cve_ids, ecosystem, purl, purl_type, purl_namespace, purl_name, ranges, versions, ${isoSql('modified')} AS modified`;
  const rows = opts.cveIds === undefined
    ? await db.query<Row>(`SELECT ${cols} FROM osv_affected ORDER BY advisory_id, idx`)
    : await db.query<Row>(`SELECT ${cols} FROM osv_affected WHERE cve_ids && $1::text[] ORDER BY advisory_id, idx`, [[...opts.cveIds]]);
  return rows.map((r) => ({
    advisoryId: r.advisory_id, cveIds: r.cve_ids, ecosystem: r.ecosystem, purl: r.purl, type: r.purl_type, namespace: r.purl_namespace,
    name: r.purl_name, ranges: json(r.ranges), versions: json(r.versions), modified: r.modified,
  }));
}
