/**
 * NVD CVE API 2.0 → vuln_cve, incrementally, and each new or changed CVE's STIX `vulnerability`
 * object into the knowledge store.
 *
 * Records are read by the streaming reader (pages, year files, gzip, single records); each batch's
 * stored content hashes are looked up first and unchanged records are dropped before anything else
 * is done with them. The rest are written in one transaction per batch: the STIX objects through the
 * knowledge store's own preparation (validation, keys, access facts: intel/prepare) and writer
 * (intel/object-repository writeBatch, which skips identical versions), the vuln_cve rows by COPY
 * into a staging table and one upsert, one vuln_change row per CVE actually written, one audit entry.
 * The STIX object is written in the same transaction as its CVE row — not through importBatches,
 * which commits on its own — so a CVE is never stored without its object (a crash between two
 * commits would otherwise leave the row, whose unchanged hash then keeps the object from ever being
 * written). The next batch is read and parsed while one is being written.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Db, Queryable } from '../../store/db.js';
import { ImportMaintenance } from '../../intel/import-maintenance.js';
import { writeBatch, type PreparedObject } from '../../intel/object-repository.js';
import { prepareObject } from '../../intel/prepare.js';
import type { ByteSource } from '../sources/input.js';
import { newCveStats, readNvdCves } from '../sources/nvd-cve-reader.js';
import type { CveRecord, CvssMetric } from '../sources/nvd-cve-record.js';
import { toStixVulnerability } from '../sources/stix-vulnerability.js';
import { appendChanges } from './change-log.js';
import { auditBatch, batchTx, copyLine, digestOf, fieldOfDbError, labelOf, newReport, reject, resolve, upsertByHash, utc, writeIsolating } from './batch.js';
import type { ImportIssue, NvdImportOptions, NvdImportReport } from './types.js';

const VERSION_RANK: Record<string, number> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };

/** The primary metric: Primary (NVD's own) before Secondary, then the newest CVSS version. */
export function primaryMetric(metrics: readonly CvssMetric[]): CvssMetric | undefined {
  let best: CvssMetric | undefined;
  const rank = (m: CvssMetric) => (m.type === 'Primary' ? 10 : 0) + (VERSION_RANK[m.version] ?? 0);
  for (const m of metrics) if (best === undefined || rank(m) > rank(best)) best = m;
  return best;
}

export function exploitRefsOf(r: CveRecord): number {
  let n = 0;
  for (const ref of r.references) if (ref.tags?.some((t) => t.toLowerCase() === 'exploit')) n++;
  return n;
}

const STAGE_COLUMNS = `id text COLLATE "C", source_identifier text, published timestamptz, last_modified timestamptz, vuln_status text,
  description text, cvss_version text, cvss_score double precision, cvss_severity text, cvss_vector text, metrics jsonb, cwes text[],
  references_count integer, exploit_refs integer, cisa jsonb, configurations jsonb, content_hash text`;

function rowOf(r: CveRecord): string {
  const m = primaryMetric(r.metrics);
  return copyLine([
    r.id, r.sourceIdentifier, utc(r.published), utc(r.lastModified), r.vulnStatus, r.description,
    m?.version, m?.baseScore, m?.baseSeverity ?? null, m?.vectorString, { json: r.metrics }, r.cwes,
    r.references.length, exploitRefsOf(r), r.cisa === undefined ? null : { json: r.cisa }, { json: r.configurations }, r.contentHash,
  ]);
}

/** Stored content hashes of the given CVE ids. */
async function storedHashes(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const [r] = await q.query<{ v: string | null }>(
    `SELECT string_agg(id || ' ' || content_hash, ' ') AS v FROM vuln_cve WHERE id = ANY(string_to_array($1, ' '))`, [ids.join(' ')],
  );
  const out = new Map<string, string>();
  const parts = r?.v ? r.v.split(' ') : [];
  for (let k = 0; k + 1 < parts.length; k += 2) out.set(parts[k]!, parts[k + 1]!);
  return out;
}

interface Pending { index: number; record: CveRecord }

/** A file source read through a byte counter (of the file's own bytes, compressed or not), for the size estimate. */
function countingSource(source: ByteSource): { source: ByteSource; bytesRead: () => number; bytesTotal: number } {
  if (typeof source !== 'string') return { source, bytesRead: () => 0, bytesTotal: 0 };
  let n = 0;
  const raw = createReadStream(source, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
  const counted = (async function* () {
    for await (const c of raw) {
      n += c.length;
      yield c;
    }
  })();
  return { source: counted, bytesRead: () => n, bytesTotal: statSync(source).size };
}

export async function importNvd(db: Db, source: ByteSource, opts: NvdImportOptions = {}): Promise<NvdImportReport> {
  const o = resolve(opts);
  const withStix = opts.stix !== false;
  const ctx = opts.ctx ?? { ownerOrg: null, recipients: null };
  const label = labelOf(source);
  const report: NvdImportReport = { ...newReport('nvd'), stix: { written: 0, unchanged: 0, conflicts: 0 } };
  // the knowledge store's upkeep: planner statistics, and for a large source into a small table its
  // secondary indexes set aside and built once at the end (the source's size estimated from the
  // records per byte of the file read so far)
  const upkeep = new ImportMaintenance(db, { bulkMinObjects: opts.bulkMinObjects, exclusiveWriter: db.engine === 'pglite' });
  const input = countingSource(source);
  let begun = false;
  const stixWritten = new Set<string>();
  let inflight: Promise<void> | undefined;

  const write = async (batch: Pending[]): Promise<void> => {
    // the last occurrence of an id in a batch wins (a file may repeat a CVE)
    const byId = new Map<string, Pending>();
    for (const p of batch) byId.set(p.record.id, p);
    const known = await storedHashes(db, [...byId.keys()]);
    const todo: Pending[] = [];
    let unchanged = batch.length - byId.size;
    for (const p of byId.values()) {
      if (known.get(p.record.id) === p.record.contentHash) unchanged++;
      else todo.push(p);
    }
    // counted once the batch is stored (a refused batch is written again item by item)
    const issues: ImportIssue[] = [];
    const stix: PreparedObject[] = [];
    const records: CveRecord[] = [];
    for (const p of todo) {
      if (withStix) {
        const prepared = prepareObject(toStixVulnerability(p.record), p.index, ctx);
        if (!prepared.ok) {
          const e = prepared.rejection.errors[0];
          issues.push({ index: p.index, id: p.record.id, field: `stix.${e?.path ?? ''}`, reason: `its STIX vulnerability object is invalid: ${e?.message ?? 'unknown'}` });
          continue;
        }
        stix.push(prepared.item);
      }
      records.push(p.record);
    }
    if (records.length === 0) {
      report.unchanged += unchanged;
      for (const i of issues) reject(report, o, i);
      return;
    }
    if (!begun) {
      await upkeep.begin({ seen: report.read, bytesRead: input.bytesRead() }, input.bytesTotal, withStix);
      begun = true;
    }
    const written = await batchTx(db, async (tx) => {
      // into a knowledge store that was empty at the start, on the embedded engine (this process is
      // its only writer), ids this import has not written yet need no lookup of stored versions
      const knownNew = db.engine === 'pglite' && upkeep.emptyAtStart ? (id: string) => !stixWritten.has(id) : undefined;
      const out = stix.length ? await writeBatch(tx, stix, { knownNew }) : undefined;
      const rows = await upsertByHash(tx, 'vuln_cve', 'id', STAGE_COLUMNS, records.map(rowOf).join(''), ', imported_at = now()');
      await appendChanges(tx, 'nvd', rows.map((r) => r.id));
      const stixDone = out ? [...out.inserted, ...out.updated] : [];
      if (rows.length || stixDone.length) {
        const hash = new Map(records.map((r) => [r.id, r.contentHash]));
        await auditBatch(tx, o, 'nvd', label, {
          written: rows.length, first: rows[0]?.id, last: rows[rows.length - 1]?.id,
          digest: digestOf(rows.map((r) => [r.id, hash.get(r.id)!] as const)),
          stix: { written: stixDone.length, digest: digestOf(stixDone.map((i) => [`${i.id}@${i.version}`, i.hash] as const)) },
        });
      }
      if (out) await upkeep.written(out.inserted.length, tx);
      return { rows, out };
    });
    report.unchanged += unchanged;
    for (const i of issues) reject(report, o, i);
    for (const r of written.rows) {
      if (r.inserted) report.inserted++;
      else report.updated++;
      report.changedCveIds!.push(r.id);
    }
    report.unchanged += records.length - written.rows.length; // written meanwhile by another importer
    report.changes += written.rows.length;
    if (written.out) {
      const ids = [...written.out.inserted, ...written.out.updated];
      report.stix.written += ids.length;
      report.stix.unchanged += written.out.unchanged.length;
      report.stix.conflicts += written.out.conflicts.length;
      for (const c of written.out.conflicts) {
        if (report.errors.length < o.maxErrors) report.errors.push({ index: c.item.index, id: c.item.obj.name as string, field: 'lastModified', reason: `CVE stored, its STIX object not: ${c.message}` });
      }
      for (const i of ids) stixWritten.add(i.id);
      if (ids.length) opts.onStixWritten?.(ids.map((i) => i.id));
    }
  };

  const dispatch = async (batch: Pending[]): Promise<void> => {
    if (inflight) await inflight;
    inflight = writeIsolating(batch, write, (p, e) => {
      reject(report, o, { index: p.index, id: p.record.id, field: fieldOfDbError(e), reason: `refused by the store: ${e.message}` });
    }).then(() => o.onProgress({ read: report.read, written: report.inserted + report.updated }));
    inflight.catch(() => undefined); // taken up where awaited
  };

  let pending: Pending[] = [];
  const stats = newCveStats();
  try {
    for await (const item of readNvdCves(input.source, { stats })) {
      report.read++;
      if (item.kind === 'rejected') {
        reject(report, o, { index: item.index, ...(item.id !== undefined ? { id: item.id } : {}), field: item.field, reason: item.reason });
        continue;
      }
      pending.push({ index: item.index, record: item.record });
      if (pending.length >= o.batchSize) {
        await dispatch(pending);
        pending = [];
      }
    }
    if (pending.length) await dispatch(pending);
    if (inflight) await inflight;
  } catch (e) {
    if (inflight) await inflight.catch(() => undefined);
    // build what was set aside now if the store still answers; otherwise the next import does
    await upkeep.end().catch(() => undefined);
    throw e;
  }
  await upkeep.end();
  return report;
}

