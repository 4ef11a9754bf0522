/**
 * Streaming import of STIX objects into the knowledge store.
 *
 * Objects are read one by one (never the whole file), prepared (in a worker thread for files) and
 * written in batches; each batch is one transaction together with its audit entry, so a process
 * killed mid-import leaves whole batches only, and re-running the import completes it (already
 * stored objects are unchanged no-ops). `strict` makes a source all-or-nothing: a first pass
 * validates everything without storing; only a clean source is then written, in one transaction.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Db, Queryable } from '../store/db.js';
import { readObjects, type RawItem } from './object-reader.js';
import type { IngestContext, Rejection } from './prepare.js';
import { writeBatch, type PreparedObject, type WriteOutcome } from './object-repository.js';
import { inThreadBatches, workerBatches, type BatchSource, type PreparedBatch } from './prepared-batches.js';

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
  /** Prepare in this thread even for files (default: a worker thread). */
  inThread?: boolean;
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
  for (const i of items) h.update(`${i.id}|${i.version}|${i.hash}\n`);
  return h.digest('hex');
}

async function writeAudited(tx: Queryable, batch: PreparedObject[], label: string, opts: ImportOptions): Promise<WriteOutcome> {
  const out = await writeBatch(tx, batch);
  const written = [...out.inserted, ...out.updated];
  if (written.length) {
    await opts.audit(tx, {
      actor: opts.actor,
      action: 'intel.import',
      target: label,
      detail: {
        written: written.length,
        first: written[0]!.id,
        last: written[written.length - 1]!.id,
        // binds this entry to exactly the versions written: sha256 over "id|version|content-hash" lines
        digest: digestOf(written),
      },
    });
  }
  return out;
}

function conflictRejections(out: WriteOutcome): Rejection[] {
  return out.conflicts.map((c) => ({ index: c.item.index, id: c.item.id, errors: [{ path: 'modified', message: c.message }] }));
}

/**
 * The batch source for a file: prepared in a worker thread (default) or in this thread. A worker
 * source starts reading at once, so it can be made before the store is opened.
 */
export function fileSource(file: string, opts: Pick<ImportOptions, 'ctx' | 'batchSize' | 'inThread' | 'strict'>): BatchSource {
  const batchSize = opts.batchSize ?? 2000;
  const fresh = () => (opts.inThread
    ? inThreadBatches((onBytes) => readObjects(file, onBytes), opts.ctx, batchSize)
    : workerBatches(file, opts.ctx, batchSize));
  if (opts.strict) return fresh; // read twice: each pass gets its own reader
  let started: AsyncIterable<PreparedBatch> | null = fresh();
  return () => {
    const s = started ?? fresh();
    started = null;
    return s;
  };
}

/** Imports one file (bundle, JSON array, object or JSON lines), streaming. */
export function importFile(db: Db, file: string, opts: ImportOptions, source: BatchSource = fileSource(file, opts)): Promise<ImportReport> {
  return importBatches(db, file, source, statSync(file).size, opts);
}

/** Imports raw items from a re-openable source (strict mode reads it twice), preparing them in this thread. */
export function importItems(
  db: Db, label: string, open: (onBytes: (b: number) => void) => AsyncIterable<RawItem>, bytesTotal: number, opts: ImportOptions,
): Promise<ImportReport> {
  return importBatches(db, label, () => inThreadBatches(open, opts.ctx, opts.batchSize ?? 2000), bytesTotal, opts);
}

export async function importBatches(db: Db, label: string, source: BatchSource, bytesTotal: number, opts: ImportOptions): Promise<ImportReport> {
  const maxErrors = opts.maxErrors ?? 1000;
  const report: ImportReport = { file: label, imported: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (r: Rejection) => {
    report.rejected++;
    if (report.errors.length < maxErrors) report.errors.push(r);
  };
  const progress = (bytesRead: number, objects: number) => opts.onProgress?.({ bytesRead, bytesTotal, objects });
  const count = (out: WriteOutcome) => {
    report.imported += out.inserted.length + out.updated.length;
    report.unchanged += out.unchanged.length;
    for (const r of conflictRejections(out)) reject(r);
  };

  if (opts.strict) {
    // pass 1: validate everything, store nothing
    for await (const b of source()) {
      for (const r of b.rejections) reject(r);
      progress(b.bytesRead, b.seen);
    }
    if (report.rejected > 0) return report;
    // pass 2: one transaction for the whole source
    try {
      await db.transaction(async (tx) => {
        for await (const b of source()) {
          if (b.items.length) count(await writeAudited(tx, b.items, label, opts));
          progress(b.bytesRead, b.seen);
        }
        if (report.rejected > 0) throw new StrictAbort();
      });
    } catch (e) {
      if (!(e instanceof StrictAbort)) throw e;
      report.imported = 0;
      report.unchanged = 0;
    }
    return report;
  }

  // batches commit independently; the next batch is prepared while the last one is written
  let inflight: Promise<void> | null = null;
  for await (const b of source()) {
    for (const r of b.rejections) reject(r);
    if (inflight) await inflight;
    if (b.items.length) {
      const { items, bytesRead, seen } = b;
      inflight = db.transaction((tx) => writeAudited(tx, items, label, opts)).then((out) => {
        count(out);
        progress(bytesRead, seen);
      });
    } else progress(b.bytesRead, b.seen);
  }
  if (inflight) await inflight;
  return report;
}

class StrictAbort extends Error {}

export interface ValidateReport {
  objects: number;
  valid: number;
  invalid: Rejection[];
}

/** Validates a file without storing anything. */
export async function validateFile(file: string, ctx: IngestContext = { ownerOrg: null, recipients: null }): Promise<ValidateReport> {
  const report: ValidateReport = { objects: 0, valid: 0, invalid: [] };
  for await (const b of inThreadBatches((onBytes) => readObjects(file, onBytes), ctx, 5000)) {
    report.objects = b.seen;
    report.valid += b.items.length;
    report.invalid.push(...b.rejections);
  }
  return report;
}
