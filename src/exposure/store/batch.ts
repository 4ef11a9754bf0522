/**
 * What every import here shares: options with their defaults, the report and its capped issue list,
 * the batch transaction (writers serialised by the change-log lock; on a PostgreSQL server the
 * commit does not wait for the disk, as the knowledge store's imports), COPY text encoding and
 * staging tables, and the audit entry of a written batch.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../access/audit-log.js';
import type { AuditAppender } from '../../intel/import-service.js';
import { canCopy, copyText } from '../../store/copy-sink.js';
import type { Db, Queryable } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import { lockVulnWriters } from './change-log.js';
import type { ImportIssue, VulnImportOptions, VulnImportReport } from './types.js';

export interface Resolved {
  actor: string | null;
  audit: AuditAppender;
  batchSize: number;
  maxErrors: number;
  onProgress: (p: { read: number; written: number }) => void;
}

export function resolve(opts: VulnImportOptions): Resolved {
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 2000));
  return {
    actor: opts.actor ?? null,
    audit: opts.audit ?? (async (tx, e) => { await appendAudit(tx, e); }),
    batchSize,
    maxErrors: Math.max(0, Math.floor(opts.maxErrors ?? 1000)),
    onProgress: opts.onProgress ?? (() => undefined),
  };
}

export function newReport<S extends VulnImportReport['source']>(source: S, withCves = true): VulnImportReport & { source: S } {
  const r: VulnImportReport & { source: S } = { source, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, deleted: 0, errors: [], changes: 0 };
  if (withCves) r.changedCveIds = [];
  return r;
}

/** Counts a rejected record and keeps its issue while under the cap. */
export function reject(report: VulnImportReport, o: Resolved, issue: ImportIssue): void {
  report.rejected++;
  if (report.errors.length < o.maxErrors) report.errors.push(issue);
}

/** A label for the audit log: the path, or what kind of source it was. */
export function labelOf(source: ByteSource): string {
  return typeof source === 'string' ? source : Buffer.isBuffer(source) ? '(buffer)' : '(stream)';
}

/** One batch: a transaction holding the writers' lock. */
export function batchTx<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (db.engine === 'postgres') await tx.query('SET LOCAL synchronous_commit = off');
    await lockVulnWriters(tx);
    return fn(tx);
  });
}

/** sha256 over "id|hash" lines: binds an audit entry to exactly what its batch wrote. */
export function digestOf(rows: readonly (readonly [string, string])[]): string {
  const h = createHash('sha256');
  for (const [id, hash] of rows) h.update(`${id}|${hash}\n`);
  return h.digest('hex');
}

export async function auditBatch(tx: Queryable, o: Resolved, source: string, label: string, detail: Record<string, unknown>): Promise<void> {
  await o.audit(tx, { actor: o.actor, action: 'exposure.import', target: `${source}:${label}`, detail: { source, ...detail } });
}

// ---- COPY text format ----

export type Cell = string | number | boolean | null | undefined | readonly string[] | { json: unknown };

function arrayLiteral(a: readonly string[]): string {
  let s = '{';
  for (let k = 0; k < a.length; k++) s += `${k ? ',' : ''}"${a[k]!.replace(/["\\]/g, '\\$&')}"`;
  return `${s}}`;
}

/** One row (with its newline) of COPY text. */
export function copyLine(cells: readonly Cell[]): string {
  let out = '';
  for (let k = 0; k < cells.length; k++) {
    const v = cells[k];
    if (k) out += '\t';
    if (v === null || v === undefined) out += '\\N';
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : '\\N';
    else if (typeof v === 'string') out += copyText(v);
    else if (Array.isArray(v)) out += copyText(arrayLiteral(v as readonly string[]));
    else out += copyText(JSON.stringify((v as { json: unknown }).json));
  }
  return `${out}\n`;
}

/**
 * A staging table for one transaction's rows: created once per session, emptied at every commit.
 * `columns` are SQL column definitions; jsonb columns are staged as text (the document is parsed
 * once, when the merge casts it, not also on its way into the staging table).
 */
export async function stage(tx: Queryable, table: string, columns: string, rows: string): Promise<void> {
  if (!canCopy(tx)) throw new Error('the vulnerability import needs a transaction of one of the store adapters (COPY)');
  const defs = columns.split(',').map((c) => c.trim().replace(/ jsonb$/, ' text'));
  await tx.query(`CREATE TEMP TABLE IF NOT EXISTS ${table} (${defs.join(', ')}) ON COMMIT DELETE ROWS`);
  const names = defs.map((c) => c.split(/\s+/)[0]).join(', ');
  await tx.copyFrom(`COPY ${table} (${names}) FROM STDIN`, Buffer.from(rows, 'utf8'));
}

/** The column names of staging definitions, jsonb ones cast from their staged text. */
export function stagedSelect(columns: string): { names: string[]; select: string[] } {
  const defs = columns.split(',').map((c) => c.trim().split(/\s+/));
  return { names: defs.map((d) => d[0]!), select: defs.map((d) => (d[1] === 'jsonb' ? `${d[0]}::jsonb` : d[0]!)) };
}

/** The source's NVD-style zone-less UTC time as a timestamptz literal. */
export function utc(t: string | undefined): string | null {
  if (t === undefined) return null;
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
}

/** ISO 8601 UTC of a timestamptz column, in SQL. */
export const isoSql = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Stages `rows` (COPY text in the order of `stageColumns`) and upserts them into `table` on `key`,
 * rewriting a stored row only when its content_hash differs. Returns the keys written, each with
 * whether it was new. The rows must not repeat a key.
 */
export async function upsertByHash(
  tx: Queryable, table: string, key: string, stageColumns: string, rows: string, extraSet = '',
): Promise<{ id: string; inserted: boolean }[]> {
  const staged = `${table}_stage`;
  await stage(tx, staged, stageColumns, rows);
  const { names: cols, select } = stagedSelect(stageColumns);
  const set = cols.filter((c) => c !== key).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select.join(', ')} FROM ${staged}
     ON CONFLICT (${key}) DO UPDATE SET ${set}${extraSet} WHERE ${table}.content_hash <> EXCLUDED.content_hash
     RETURNING ${key} AS id, (xmax = 0) AS inserted`,
  );
}

/** The last record of each id, in first-seen order of the ids; `dropped` counts the earlier ones. */
export function lastById<T>(items: readonly T[], id: (t: T) => string): { items: T[]; dropped: number } {
  const m = new Map<string, T>();
  for (const t of items) m.set(id(t), t);
  return { items: [...m.values()], dropped: items.length - m.size };
}

/** The database refused a value (SQLSTATE class 22 data exception, 23 integrity constraint). */
export function isDataError(e: unknown): e is Error & { code: string; column?: string; constraint?: string } {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' && (c.startsWith('22') || c.startsWith('23'));
}

/**
 * Writes `items` as one batch (`write` is one transaction). When the database refuses the batch for
 * a value the readers let through (e.g. a date like 2023-02-30), nothing of it was stored; the items
 * are then written one by one, so only the ones refused are left out, each handed to `onBad`.
 */
export async function writeIsolating<T>(items: T[], write: (items: T[]) => Promise<void>, onBad: (item: T, e: Error & { column?: string; constraint?: string }) => void): Promise<void> {
  try {
    await write(items);
  } catch (e) {
    if (!isDataError(e)) throw e;
    if (items.length === 1) { onBad(items[0]!, e); return; }
    for (const it of items) {
      try {
        await write([it]);
      } catch (e2) {
        if (!isDataError(e2)) throw e2;
        onBad(it, e2);
      }
    }
  }
}

/** The field a database refusal names, when it names one (column, or the constraint). */
export function fieldOfDbError(e: { column?: string; constraint?: string; message: string }): string {
  return e.column ?? e.constraint ?? '';
}
