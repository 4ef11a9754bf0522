/**
 * Streaming import of STIX objects from files into the knowledge store.
 *
 * Objects are read one by one (never the whole file), validated, and written in batches; each
 * batch is one transaction together with its audit entry, so a process killed mid-import leaves
 * whole batches only, and re-running the import completes it (already stored objects are
 * unchanged no-ops). `strict` makes the file all-or-nothing: a first pass validates everything
 * without storing; only a clean file is then written, in a single transaction.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Db, Queryable } from '../store/db.js';
import { readObjects, type RawItem } from './object-reader.js';
import { prepareObject, type IngestContext, type Rejection } from './prepare.js';
import { writeBatch, type PreparedObject, type WriteOutcome } from './object-repository.js';

export interface AuditEntryInput {
  actor: string | null;
  action: string;
  target?: string | null;
  detail?: unknown;
}

/** Appends an audit entry inside the caller's transaction. */
export type AuditAppender = (tx: Queryable, entry: AuditEntryInput) => Promise<void>;

export interface ImportOptions {
  ctx: IngestContext;
  actor: string | null;
  audit: AuditAppender;
  strict?: boolean;
  batchSize?: number;
  /** Called as bytes are read and objects are stored. */
  onProgress?: (p: { bytesRead: number; bytesTotal: number; objects: number }) => void;
  /** Cap on rejections kept in the report (all are counted). */
  maxErrors?: number;
}

export interface ImportReport {
  file: string;
  imported: number;
  unchanged: number;
  rejected: number;
  errors: Rejection[];
}

function digestOf(items: PreparedObject[]): string {
  const h = createHash('sha256');
  for (const i of items) h.update(`${i.obj.id}|${i.version}|${i.hash}\n`);
  return h.digest('hex');
}

async function writeAudited(tx: Queryable, batch: PreparedObject[], file: string, opts: ImportOptions): Promise<WriteOutcome> {
  const out = await writeBatch(tx, batch);
  const written = [...out.inserted, ...out.updated];
  if (written.length) {
    await opts.audit(tx, {
      actor: opts.actor,
      action: 'intel.import',
      target: file,
      detail: {
        written: written.length,
        first: written[0]!.obj.id,
        last: written[written.length - 1]!.obj.id,
        // binds this entry to exactly the versions written: sha256 over "id|version|content-hash" lines
        digest: digestOf(written),
      },
    });
  }
  return out;
}

function conflictRejections(out: WriteOutcome): Rejection[] {
  return out.conflicts.map((c) => ({ index: c.item.index, id: c.item.obj.id, errors: [{ path: 'modified', message: c.message }] }));
}

/** Imports one file (bundle, JSON array, object or JSON lines), streaming. */
export function importFile(db: Db, file: string, opts: ImportOptions): Promise<ImportReport> {
  return importItems(db, file, (onBytes) => readObjects(file, onBytes), statSync(file).size, opts);
}

/**
 * Imports items from a source that can be read again (strict mode reads it twice).
 * `label` names the source in the report and the audit log.
 */
export async function importItems(
  db: Db, label: string, open: (onBytes: (b: number) => void) => AsyncIterable<RawItem>, bytesTotal: number, opts: ImportOptions,
): Promise<ImportReport> {
  const file = label;
  const batchSize = opts.batchSize ?? 2000;
  const maxErrors = opts.maxErrors ?? 1000;
  const report: ImportReport = { file, imported: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (r: Rejection) => {
    report.rejected++;
    if (report.errors.length < maxErrors) report.errors.push(r);
  };
  let bytesRead = 0;
  let seen = 0;
  const progress = () => opts.onProgress?.({ bytesRead, bytesTotal, objects: seen });
  const onBytes = (b: number) => {
    bytesRead = b;
  };

  if (opts.strict) {
    // pass 1: validate everything, store nothing
    for await (const raw of open(onBytes)) {
      seen++;
      if (raw.parseError !== undefined) {
        reject(lineOf({ index: raw.index, errors: [{ path: '', message: raw.parseError }] }, raw.line));
        continue;
      }
      const p = prepareObject(raw.value, raw.index, opts.ctx, raw.line);
      if (!p.ok) reject(p.rejection);
      if (seen % 5000 === 0) progress();
    }
    if (report.rejected > 0) return report;
    // pass 2: one transaction for the whole file
    seen = 0;
    bytesRead = 0;
    await db.transaction(async (tx) => {
      let batch: PreparedObject[] = [];
      const flush = async () => {
        const out = await writeAudited(tx, batch, file, opts);
        report.imported += out.inserted.length + out.updated.length;
        report.unchanged += out.unchanged.length;
        for (const r of conflictRejections(out)) reject(r);
        batch = [];
        progress();
      };
      for await (const raw of open(onBytes)) {
        seen++;
        const p = prepareObject(raw.value, raw.index, opts.ctx, raw.line);
        if (p.ok) batch.push(p.item);
        if (batch.length >= batchSize) await flush();
      }
      if (batch.length) await flush();
      if (report.rejected > 0) throw new StrictAbort();
    }).catch((e) => {
      if (!(e instanceof StrictAbort)) throw e;
      report.imported = 0;
      report.unchanged = 0;
    });
    return report;
  }

  // non-strict: batches commit independently; the next batch is prepared while the last is written
  let batch: PreparedObject[] = [];
  let inflight: Promise<void> | null = null;
  const write = (items: PreparedObject[]) =>
    db.transaction((tx) => writeAudited(tx, items, file, opts)).then((out) => {
      report.imported += out.inserted.length + out.updated.length;
      report.unchanged += out.unchanged.length;
      for (const r of conflictRejections(out)) reject(r);
      progress();
    });
  for await (const raw of open(onBytes)) {
    seen++;
    if (raw.parseError !== undefined) {
      reject(lineOf({ index: raw.index, errors: [{ path: '', message: raw.parseError }] }, raw.line));
      continue;
    }
    const p = prepareObject(raw.value, raw.index, opts.ctx, raw.line);
    if (!p.ok) {
      reject(p.rejection);
      continue;
    }
    batch.push(p.item);
    if (batch.length >= batchSize) {
      if (inflight) await inflight;
      inflight = write(batch);
      batch = [];
    }
  }
  if (inflight) await inflight;
  if (batch.length) await write(batch);
  progress();
  return report;
}

class StrictAbort extends Error {}

function lineOf(r: Rejection, line: number | undefined): Rejection {
  if (line !== undefined) r.line = line;
  return r;
}

export interface ValidateReport {
  objects: number;
  valid: number;
  invalid: Rejection[];
}

/** Validates a file without storing anything. */
export async function validateFile(file: string, ctx: IngestContext = { ownerOrg: null, recipients: null }): Promise<ValidateReport> {
  const report: ValidateReport = { objects: 0, valid: 0, invalid: [] };
  for await (const raw of readObjects(file)) {
    report.objects++;
    if (raw.parseError !== undefined) {
      report.invalid.push(lineOf({ index: raw.index, errors: [{ path: '', message: raw.parseError }] }, raw.line));
      continue;
    }
    const p = prepareObject(raw.value, raw.index, ctx, raw.line);
    if (p.ok) report.valid++;
    else report.invalid.push(p.rejection);
  }
  return report;
}
