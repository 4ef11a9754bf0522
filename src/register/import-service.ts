/**
 * Importing register files (CSV, JSON, JSON lines; `import-reader.ts` describes them) all or
 * nothing: every row of every source given together is read and validated, staged by COPY, and
 * checked against the others and the stored register in one transaction; a single rejected row
 * anywhere stores nothing, and the report names each rejected row (file, row, column, reason).
 * Records are upserted by id: importing the same data again changes (and rewrites) nothing.
 * One audit entry per import that changed anything, in the same transaction.
 */
import type { Db, Queryable } from '../store/db.js';
import { authorize, can, canWriteRegister, registerScope, type Subject } from '../access/policy.js';
import { entityOf, fieldsOf, type Entity, type RecordType } from './fields.js';
import { readRows, type ImportFormat, type ImportSource, type RawRow } from './import-reader.js';
import { checkRecord, textValues } from './validate.js';
import { checkStaged, copyStaged, createStaging, ENTITIES, indexStaging, mergeStaged, stageRow, TEMP_BUFFERS } from './import-store.js';
import type { AuditAppender } from './register-service.js';
import { lockRegister } from './repository.js';

export interface RowError {
  /** The source's name (file path, `request body`). */
  file: string;
  /** CSV: line number (the header is line 1); JSON: 1-based position in the array, or line of a JSON-lines file. */
  row: number;
  /** CSV column (snake_case) or JSON field (camelCase) at fault, or null for the row as a whole. */
  column: string | null;
  reason: string;
}

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  /** True when the import was stored; false when any row was rejected (then nothing was stored). */
  ok: boolean;
  files: { name: string; format: ImportFormat; type: RecordType | null; rows: number }[];
  rows: number;
  /** Rows with at least one error. */
  rejected: number;
  errors: RowError[];
  /** More errors were found than the report lists. */
  truncated: boolean;
  counts: Record<Entity, EntityCounts>;
  seconds: number;
  rowsPerSecond: number;
  /** Seconds spent reading and staging, checking, and merging. */
  phases: { read: number; check: number; merge: number };
}

export interface ImportOptions {
  audit: AuditAppender;
  /** Called every few thousand rows with the number read so far. */
  onProgress?: ((rows: number) => void) | undefined;
  /** Errors listed at most (default 10,000); more are counted. */
  maxErrors?: number | undefined;
  /** Audit action (default register.import). */
  action?: string | undefined;
  /** Extra audit detail. */
  detail?: Record<string, unknown> | undefined;
  /** Runs in the import's transaction after the merge (e.g. removing an SBOM's old components). */
  after?: ((tx: Queryable) => Promise<Record<string, unknown> | void>) | undefined;
}

/** A row from any source: what the importer needs. */
export interface SourceRows {
  source: { name: string; format: ImportFormat; type: RecordType | null };
  rows: AsyncIterable<RawRow> | Iterable<RawRow>;
}

class Rejected extends Error {
  constructor(readonly report: ImportReport) {
    super('import rejected');
  }
}

const FLUSH_BYTES = 4 << 20;
const emptyCounts = (): Record<Entity, EntityCounts> =>
  Object.fromEntries(ENTITIES.map((e) => [e, { inserted: 0, updated: 0, unchanged: 0 }])) as Record<Entity, EntityCounts>;

/** Imports files (or texts) together: all of them or nothing. */
export async function importRegister(db: Db, s: Subject, sources: ImportSource[], opts: ImportOptions): Promise<ImportReport> {
  return importRows(db, s, sources.map((src) => ({ source: { name: src.name, format: src.format, type: src.type ?? null }, rows: readRows(src) })), opts);
}

export async function importRows(db: Db, s: Subject, sources: SourceRows[], opts: ImportOptions): Promise<ImportReport> {
  authorize(s, 'register:write');
  const t0 = performance.now();
  const maxErrors = opts.maxErrors ?? 10_000;
  const scope = registerScope(s);
  const report: ImportReport = {
    ok: false, files: sources.map((x) => ({ ...x.source, rows: 0 })), rows: 0, rejected: 0, errors: [], truncated: false,
    counts: emptyCounts(), seconds: 0, rowsPerSecond: 0, phases: { read: 0, check: 0, merge: 0 },
  };
  const rejectedRows = new Set<string>();
  const columnOf = (k: number, type: RecordType | null, field: string | null): string | null => {
    if (field === null || field === '') return null;
    if (sources[k]!.source.format !== 'csv' || type === null) return field;
    return fieldsOf(type).find((f) => f.key === field)?.csv ?? field;
  };
  const reject = (k: number, row: number, column: string | null, reason: string) => {
    rejectedRows.add(`${k}:${row}`);
    if (report.errors.length < maxErrors) report.errors.push({ file: sources[k]!.source.name, row, column, reason });
    else report.truncated = true;
  };
  const finish = () => {
    report.rejected = rejectedRows.size;
    report.seconds = (performance.now() - t0) / 1000;
    report.rowsPerSecond = report.seconds > 0 ? Math.round(report.rows / report.seconds) : 0;
    report.errors.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
    return report;
  };

  if (db.engine === 'pglite') await db.query(TEMP_BUFFERS).catch(() => undefined);
  try {
    await db.transaction(async (tx) => {
      await createStaging(tx);
      const buf = new Map<Entity, { parts: string[]; bytes: number }>(ENTITIES.map((e) => [e, { parts: [], bytes: 0 }]));
      // One COPY in flight while the next rows are read and checked: the database (a server, or
      // PGlite's own thread) stages a batch while this thread prepares the next.
      let inFlight: Promise<void> = Promise.resolve();
      const flush = async (e: Entity) => {
        const b = buf.get(e)!;
        if (b.parts.length === 0) return;
        const data = b.parts.join('');
        b.parts = [];
        b.bytes = 0;
        await inFlight;
        const copy = copyStaged(tx, e, data);
        copy.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
        inFlight = copy;
      };
      for (const [k, src] of sources.entries()) {
        for await (const raw of src.rows) {
          report.rows++;
          report.files[k]!.rows++;
          if (report.rows % 10_000 === 0) opts.onProgress?.(report.rows);
          if (raw.error) {
            reject(k, raw.row, raw.error.column === null ? null : columnOf(k, raw.type, raw.error.column), raw.error.reason);
            continue;
          }
          const type = raw.type!;
          const values = raw.cells ? textValues(type, raw.cells) : raw.values;
          const checked = checkRecord(type, values);
          if (!checked.ok) {
            for (const e of checked.errors) reject(k, raw.row, columnOf(k, type, e.field), e.reason);
            continue;
          }
          const rec = checked.record as unknown as Record<string, unknown>;
          const e = entityOf(type);
          if (e === 'organisation' && !can(s, 'register:organisations')) {
            reject(k, raw.row, null, `your role (${s.role}) may not register organisations`);
            continue;
          }
          if (e === 'asset' && !canWriteRegister(s, String(rec.orgId))) {
            reject(k, raw.row, columnOf(k, type, 'orgId'), `you may register only your own organisation's records (${s.orgId})`);
            continue;
          }
          const b = buf.get(e)!;
          const line = stageRow(e, rec, k, raw.row);
          b.parts.push(line);
          b.bytes += line.length;
          if (b.bytes >= FLUSH_BYTES) await flush(e);
        }
      }
      opts.onProgress?.(report.rows);
      for (const e of ENTITIES) await flush(e);
      await inFlight;
      // reading and staging need no lock; checking against the register and merging do
      const t1 = performance.now();
      report.phases.read = (t1 - t0) / 1000;
      await lockRegister(tx);
      await indexStaging(tx);
      for (const x of await checkStaged(tx, scope, maxErrors)) {
        reject(x.src, x.row, columnOf(x.src, sources[x.src]!.source.type, x.field), x.reason);
      }
      const t2 = performance.now();
      report.phases.check = (t2 - t1) / 1000;
      if (rejectedRows.size > 0) throw new Rejected(finish());
      const merged = await mergeStaged(tx);
      report.phases.merge = (performance.now() - t2) / 1000;
      let written = 0;
      for (const e of ENTITIES) {
        const m = merged[e];
        report.counts[e] = { inserted: m.inserted, updated: m.updated, unchanged: m.staged - m.inserted - m.updated };
        written += m.inserted + m.updated;
      }
      const extra = opts.after ? await opts.after(tx) : undefined;
      if (written > 0 || (extra && Object.keys(extra).length > 0)) {
        await opts.audit(tx, {
          actor: s.username,
          action: opts.action ?? 'register.import',
          target: null,
          detail: { ...opts.detail, files: report.files, counts: report.counts, ...extra },
        });
      }
    });
  } catch (e) {
    if (e instanceof Rejected) return e.report;
    throw e;
  }
  report.ok = true;
  return finish();
}
