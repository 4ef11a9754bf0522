/**
 * CSAF 2.0 advisories → csaf_advisory and csaf_product (one row per statement: advisory, CVE,
 * product, status, with the product's identity), incrementally by the advisory's content hash (over
 * its document text). A changed advisory's statements are replaced whole; every CVE it names before
 * or after the change gets a vuln_change row (source csaf), so the engine re-evaluates statements
 * that appeared, changed or went away. Advisories per transaction: `batchSize`, default 200.
 */
import type { Db } from '../../store/db.js';
import { type CsafAdvisory, type CsafItem, parseCsafText } from '../sources/csaf-advisory.js';
import type { ProductIdentity } from '../sources/csaf-product-tree.js';
import type { ByteSource } from '../sources/input.js';
import { type DocumentRows, type DocumentTables, writeDocuments } from './documents.js';
import { copyLine, fieldOfDbError, labelOf, lastById, newReport, reject, resolve, writeIsolating } from './batch.js';
import { jsonDocuments } from '../sources/json-documents.js';
import type { CsafImportReport, VulnImportOptions } from './types.js';

const ADVISORY_COLUMNS = `id text COLLATE "C", title text, category text, publisher text, version text, status text,
  initial_release_date timestamptz, current_release_date timestamptz, tlp text, cves text[], summary jsonb, source text, content_hash text`;
const PRODUCT_COLUMNS = `advisory_id, cve_id, product_id, status, name, vendor, product, family, model_numbers, cpe, purl,
  version_kind, version_text, version_ranges, version_reason, platform, identity`;

interface Doc { index: number; source: string; record: CsafAdvisory }

interface Prepared {
  doc: Doc;
  advisoryRow: string;
  productRows: string;
  cves: string[];
  counts: { total: number; ranges: number; all: number; text: number; withoutCve: number };
}

const validTime = (t: string | undefined, field: string, problems: { field: string; reason: string }[]): string | null => {
  if (t === undefined) return null;
  if (Number.isNaN(Date.parse(t))) {
    problems.push({ field, reason: `'${t}' is not a date-time (not stored)` });
    return null;
  }
  return t;
};

function productRow(a: CsafAdvisory, cve: string, status: string, p: ProductIdentity): string {
  const v = p.version;
  const rel = p.relationship;
  return copyLine([
    a.id, cve, p.productId, status, p.name, p.vendor, p.product, p.family, p.helper?.modelNumbers ?? null, p.helper?.cpe, p.helper?.purl,
    v.kind, v.text, v.kind === 'ranges' ? { json: v.ranges } : null, v.kind === 'text' ? v.reason : null,
    rel ? rel.platform?.name ?? rel.relatesTo : null, { json: p },
  ]);
}

function prepare(doc: Doc): Prepared {
  const a = doc.record;
  const problems = [...a.problems];
  const counts = { total: 0, ranges: 0, all: 0, text: 0, withoutCve: 0 };
  const cves: string[] = [];
  const keys = new Set<string>();
  let productRows = '';
  for (const v of a.vulnerabilities) {
    if (v.cve === undefined || !/^CVE-\d{4}-\d{4,}$/.test(v.cve)) {
      counts.withoutCve += v.products.length;
      continue;
    }
    if (!cves.includes(v.cve)) cves.push(v.cve);
    for (const s of v.products) {
      if (s.identity === undefined) continue; // an unknown product id: listed in problems by the reader
      const key = `${v.cve}\u0000${s.productId}\u0000${s.status}`;
      if (keys.has(key)) continue;
      keys.add(key);
      counts.total++;
      counts[s.identity.version.kind]++;
      productRows += productRow(a, v.cve, s.status, s.identity);
    }
  }
  const initial = validTime(a.initialReleaseDate, 'document.tracking.initial_release_date', problems);
  const current = validTime(a.currentReleaseDate, 'document.tracking.current_release_date', problems);
  const summary = {
    products: a.products.size, statements: counts.total, statementsWithoutCve: counts.withoutCve,
    vulnerabilities: a.vulnerabilities.map((v) => ({ cve: v.cve, title: v.title, cwe: v.cwe, remediations: v.remediations, scores: v.scores })),
    problems: problems.slice(0, 50), problemCount: problems.length,
  };
  const advisoryRow = copyLine([
    a.id, a.title, a.category, a.publisher, a.version, a.status, initial, current, a.tlp, cves, { json: summary }, doc.source, a.contentHash,
  ]);
  return { doc, advisoryRow, productRows, cves, counts };
}

const TABLES: DocumentTables = {
  source: 'csaf', documents: 'csaf_advisory', documentColumns: ADVISORY_COLUMNS, cveColumn: 'cves', children: 'csaf_product', childColumns: PRODUCT_COLUMNS,
};

const rowsOf = (p: Prepared): DocumentRows => ({
  id: p.doc.record.id, contentHash: p.doc.record.contentHash, cves: p.cves, documentRow: p.advisoryRow, childRows: p.productRows,
});

export async function importCsaf(db: Db, source: ByteSource, opts: VulnImportOptions = {}): Promise<CsafImportReport> {
  const o = resolve({ ...opts, batchSize: opts.batchSize ?? 200 });
  const label = labelOf(source);
  const report: CsafImportReport = { ...newReport('csaf'), statements: { total: 0, ranges: 0, all: 0, text: 0, withoutCve: 0 } };
  const changed = new Set<string>();
  let pending: Prepared[] = [];
  const write = async (items: Prepared[]): Promise<void> => {
    const out = await writeDocuments(db, TABLES, o, label, items.map(rowsOf));
    const byId = new Map(items.map((p) => [p.doc.record.id, p]));
    for (const w of out.written) {
      if (w.inserted) report.inserted++;
      else report.updated++;
      const c = byId.get(w.id)!.counts;
      for (const k of ['total', 'ranges', 'all', 'text', 'withoutCve'] as const) report.statements[k] += c[k];
    }
    report.unchanged += items.length - out.written.length;
    report.changes += out.changedCves.length;
    for (const c of out.changedCves) changed.add(c);
  };
  const flush = async (): Promise<void> => {
    const { items, dropped } = lastById(pending, (p) => p.doc.record.id);
    pending = [];
    report.unchanged += dropped;
    await writeIsolating(items, write, (p, e) => {
      reject(report, o, { index: p.doc.index, file: p.doc.source, id: p.doc.record.id, field: fieldOfDbError(e), reason: `refused by the store: ${e.message}` });
    });
    o.onProgress({ read: report.read, written: report.inserted + report.updated });
  };
  for await (const d of jsonDocuments(source)) {
    const item: CsafItem = parseCsafText(d.text, d.index, d.path);
    report.read++;
    if (item.kind === 'rejected') {
      reject(report, o, { index: item.index, file: item.source, ...(item.id !== undefined ? { id: item.id } : {}), field: item.field, reason: item.reason });
      continue;
    }
    pending.push(prepare({ index: item.index, source: item.source, record: item.record }));
    if (pending.length >= o.batchSize) await flush();
  }
  if (pending.length) await flush();
  // a CVE changed by several batches is listed once, in order
  report.changedCveIds = [...changed].sort();
  return report;
}
