/**
 * FIRST EPSS daily CSV → vuln_epss, in one transaction: every row by COPY into a staging table, then
 * one merge. A score whose probability and percentile equal the stored ones is not rewritten; any
 * other difference is stored. Only a new score, or a probability moving by at least
 * `materialChange` (default 0.01 absolute), gets a vuln_change row: EPSS is a tie-breaker in the
 * ranking, and the daily file moves most of its 300k scores a little; re-evaluating for each would
 * make the daily import a full re-evaluation. The engine reads the stored scores (loadEpss) when it
 * ranks, so small moves still show in the next ranking.
 *
 * A CVE listed twice in the file: the later row is reported and ignored. Scores of CVEs the file
 * does not list are kept (a smaller file is not a removal).
 */
import type { Db } from '../../store/db.js';
import { readEpssBatches, type EpssHeader } from '../sources/epss.js';
import type { ByteSource } from '../sources/input.js';
import { auditBatch, batchTx, labelOf, newReport, reject, resolve, stage } from './batch.js';
import { EPSS_MATERIAL_CHANGE, type EpssImportOptions, type VulnImportReport } from './types.js';

const STAGE_COLUMNS = 'cve_id text COLLATE "C", probability double precision, percentile double precision';

export async function importEpss(db: Db, source: ByteSource, opts: EpssImportOptions = {}): Promise<VulnImportReport> {
  const o = resolve(opts);
  const material = opts.materialChange ?? EPSS_MATERIAL_CHANGE;
  if (!(material >= 0)) throw new RangeError(`materialChange must be a number ≥ 0, not ${material}`);
  const label = labelOf(source);
  const report = newReport('epss');
  const header: EpssHeader = { columns: [] };
  const first = new Map<string, number>();
  const parts: string[] = [];
  for await (const batch of readEpssBatches(source, header)) {
    let data = '';
    for (const item of batch) {
      report.read++;
      if (item.kind === 'rejected') {
        reject(report, o, { index: item.index, ...(item.id !== undefined ? { id: item.id } : {}), field: item.field, reason: item.reason });
        continue;
      }
      const r = item.record;
      const at = first.get(r.cve);
      if (at !== undefined) {
        reject(report, o, { index: item.index, id: r.cve, field: 'cve', reason: `listed again (first at data row ${at}); this row is ignored` });
        continue;
      }
      first.set(r.cve, item.index);
      data += `${r.cve}\t${r.epss}\t${r.percentile}\n`; // a CVE id (checked by the reader) and two numbers: nothing to escape
    }
    parts.push(data);
    o.onProgress({ read: report.read, written: 0 });
  }
  const scoreDate = /^\d{4}-\d{2}-\d{2}/.exec(header.scoreDate ?? '')?.[0] ?? null;
  const modelVersion = header.modelVersion ?? null;
  if (first.size === 0) return report;
  const out = await batchTx(db, async (tx) => {
    await stage(tx, 'vuln_epss_stage', STAGE_COLUMNS, parts.join(''));
    parts.length = 0;
    await tx.query('ANALYZE vuln_epss_stage');
    // the writers' lock keeps other writers of vuln_epss out: plain UPDATE and INSERT, no ON CONFLICT
    const [c] = await tx.query<{ v: string | null }>(
      `WITH c AS (
         INSERT INTO vuln_change (source, cve_id, op)
         SELECT 'epss', s.cve_id, 'upsert' FROM vuln_epss_stage s LEFT JOIN vuln_epss e ON e.cve_id = s.cve_id
          WHERE e.cve_id IS NULL OR abs(e.probability - s.probability) >= $1::float8
         RETURNING cve_id)
       SELECT string_agg(cve_id, ' ') AS v FROM c`,
      [material],
    );
    const [u] = await tx.query<{ n: number }>(
      `WITH u AS (
         UPDATE vuln_epss e SET probability = s.probability, percentile = s.percentile, score_date = $1::date, model_version = $2
           FROM vuln_epss_stage s
          WHERE e.cve_id = s.cve_id AND (e.probability <> s.probability OR e.percentile <> s.percentile)
         RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [scoreDate, modelVersion],
    );
    const [i] = await tx.query<{ n: number }>(
      `WITH i AS (
         INSERT INTO vuln_epss (cve_id, probability, percentile, score_date, model_version)
         SELECT s.cve_id, s.probability, s.percentile, $1::date, $2 FROM vuln_epss_stage s
          WHERE NOT EXISTS (SELECT 1 FROM vuln_epss e WHERE e.cve_id = s.cve_id)
         RETURNING 1)
       SELECT count(*)::int AS n FROM i`,
      [scoreDate, modelVersion],
    );
    const w = { ins: i?.n ?? 0, upd: u?.n ?? 0 };
    const changed = c?.v ? c.v.split(' ') : [];
    const ins = w?.ins ?? 0, upd = w?.upd ?? 0;
    if (ins + upd > 0) {
      await auditBatch(tx, o, 'epss', label, { inserted: ins, updated: upd, changes: changed.length, scoreDate, modelVersion, materialChange: material });
    }
    return { ins, upd, changed };
  });
  report.inserted = out.ins;
  report.updated = out.upd;
  report.unchanged = first.size - out.ins - out.upd;
  report.changes = out.changed.length;
  report.changedCveIds = out.changed.sort();
  o.onProgress({ read: report.read, written: out.ins + out.upd });
  return report;
}
