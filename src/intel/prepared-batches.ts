/**
 * Sources of prepared batches for the importer. Preparing (parse, validate, hash) is CPU work in
 * JavaScript; storing is CPU work in the database (in this thread for PGlite). Reading and
 * preparing a file in a worker thread lets the two run on both cores at once.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawItem } from './object-reader.js';
import type { PreparedObject } from './object-repository.js';
import { prepareObject, type IngestContext, type Rejection } from './prepare.js';
import { RowWriter, StagedObject } from './copy-rows.js';

export interface PreparedBatch {
  items: PreparedObject[];
  rejections: Rejection[];
  /** Bytes of the source read so far. */
  bytesRead: number;
  /** Input objects seen so far (valid or not). */
  seen: number;
}

export type BatchSource = () => AsyncIterable<PreparedBatch>;

/** The rejection of an item whose text is not JSON. */
export function rejectionOf(raw: RawItem): Rejection {
  const r: Rejection = { index: raw.index, errors: [{ path: '', message: raw.parseError ?? 'invalid JSON' }] };
  if (raw.line !== undefined) r.line = raw.line;
  return r;
}

/** Prepares items from `items` in this thread, `batchSize` valid objects per batch. */
export async function* inThreadBatches(
  open: (onBytes: (b: number) => void) => AsyncIterable<RawItem>, ctx: IngestContext, batchSize: number,
): AsyncGenerator<PreparedBatch> {
  let bytesRead = 0;
  let seen = 0;
  let items: PreparedObject[] = [];
  let rejections: Rejection[] = [];
  for await (const raw of open((b) => (bytesRead = b))) {
    seen++;
    if (raw.parseError !== undefined) rejections.push(rejectionOf(raw));
    else {
      const p = prepareObject(raw.value, raw.index, ctx, raw.line);
      if (p.ok) items.push(p.item);
      else rejections.push(p.rejection);
    }
    if (items.length >= batchSize || rejections.length >= batchSize) {
      yield { items, rejections, bytesRead, seen };
      items = [];
      rejections = [];
    }
  }
  if (items.length || rejections.length || seen === 0) yield { items, rejections, bytesRead, seen };
}

/**
 * What crosses from the worker for one batch: each valid object's row already encoded for COPY
 * (one buffer, transferred without copying) and, column by column, the keys the writer decides
 * on. Columns of plain strings and numbers clone much faster than an object per item.
 */
export interface WireBatch {
  rows: Uint8Array;
  /** Row k is bytes [starts[k], starts[k + 1]) of rows. */
  starts: Int32Array;
  index: Int32Array;
  revoked: Uint8Array;
  id: string[];
  type: string[];
  stamp: (string | undefined)[];
  hash: string[];
  version: string[];
}

export interface WorkerBatchMessage {
  kind: 'batch';
  /** Batch number: objects [seq × batchSize, (seq + 1) × batchSize) of the file. */
  seq: number;
  batch: WireBatch;
  rejections: Rejection[];
  bytesRead: number;
  seen: number;
}

export type WorkerMessage = WorkerBatchMessage | { kind: 'done' } | { kind: 'error'; error: { code?: string; status?: number; message: string; details?: unknown } };

/** Encodes a prepared batch for the wire (in the worker). Rows are written as the latest version; the writer patches that. */
export function toWire(items: PreparedObject[]): { batch: WireBatch; transfer: ArrayBuffer[] } {
  const n = items.length;
  const w = new RowWriter(Math.max(1 << 16, n * 1024));
  const batch: Omit<WireBatch, 'rows' | 'starts'> = {
    index: new Int32Array(n), revoked: new Uint8Array(n),
    id: new Array<string>(n), type: new Array<string>(n), stamp: new Array<string | undefined>(n), hash: new Array<string>(n), version: new Array<string>(n),
  };
  for (let k = 0; k < n; k++) {
    const i = items[k]!;
    w.push(i, true);
    batch.index[k] = i.index;
    batch.revoked[k] = i.revoked ? 1 : 0;
    batch.id[k] = i.id;
    batch.type[k] = i.type;
    batch.stamp[k] = i.stamp;
    batch.hash[k] = i.hash;
    batch.version[k] = i.version;
  }
  const { rows, starts } = w.finish();
  return { batch: { ...batch, rows, starts }, transfer: [rows.buffer as ArrayBuffer] };
}

/** The batch's objects as the writer takes them (in the main thread). */
export function fromWire(b: WireBatch): PreparedObject[] {
  const block = { rows: b.rows, starts: b.starts };
  const out = new Array<PreparedObject>(b.id.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = new StagedObject(block, k, b.index[k]!, b.id[k]!, b.type[k]!, b.revoked[k] === 1, b.stamp[k], b.hash[k]!, b.version[k]!);
  }
  return out;
}

/**
 * Prepare workers for one file (each reads the file and prepares its share): one core is left to the
 * rest of the import — the embedded database's thread, or a PostgreSQL server on the same machine —
 * so two workers only from three cores. Measured on 2 cores, one worker against two: ATT&CK into
 * PGlite 2.69-2.85 s against 3.08-3.33 s; a million objects into PGlite 36.3 s against 37.6 s, their
 * re-import 11.3 s against 12.6 s; into PostgreSQL 27.4 s against 27.6 s.
 */
export function defaultPrepareWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

/** The young generation of a prepare worker: most of what it allocates dies within a batch. */
const WORKER_YOUNG_GENERATION_MB = 64;

interface WorkerSlot {
  worker: Worker;
  queue: WorkerMessage[];
  failure: Error | null;
}

/**
 * Reads and prepares a file in `workers` worker threads. Batch j holds the objects with index in
 * [j × batchSize, (j + 1) × batchSize) and is prepared by worker j mod workers; every worker scans
 * the whole file but decodes and prepares only its own batches, and batches are handed on in file
 * order. At most `ahead` batches per worker wait unconsumed, so memory stays bounded however fast
 * the workers are.
 */
export function workerBatches(
  file: string, ctx: IngestContext, batchSize: number, ahead = 2, workers = defaultPrepareWorkers(),
): AsyncGenerator<PreparedBatch> {
  // the workers start now, not at the first next(): callers may start them while they open the store
  let wake: (() => void) | null = null;
  const slots: WorkerSlot[] = [];
  for (let slot = 0; slot < workers; slot++) {
    const worker = new Worker(new URL('./prepare-worker.js', import.meta.url), {
      workerData: { file, ctx, batchSize, slot, slots: workers },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const s: WorkerSlot = { worker, queue: [], failure: null };
    worker.on('message', (m: WorkerMessage) => {
      s.queue.push(m);
      wake?.();
    });
    worker.on('error', (e) => {
      s.failure = e;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !s.failure) s.failure = new Error(`the import worker stopped with exit code ${code}`);
      wake?.();
    });
    worker.postMessage({ credit: ahead });
    slots.push(s);
  }
  return drain(slots, (w) => (wake = w));
}

async function* drain(slots: WorkerSlot[], onWake: (w: (() => void) | null) => void): AsyncGenerator<PreparedBatch> {
  try {
    for (let seq = 0; ; seq++) {
      const s = slots[seq % slots.length]!;
      while (s.queue.length === 0) {
        if (s.failure) throw s.failure;
        await new Promise<void>((r) => onWake(r));
        onWake(null);
      }
      const m = s.queue.shift()!;
      // a worker with no batch `seq` has read past the end of the file: there are no more batches
      if (m.kind === 'done') return;
      if (m.kind === 'error') {
        const { AppError } = await import('../errors.js');
        throw new AppError(m.error.code ?? 'IMPORT_FAILED', m.error.status ?? 500, m.error.message, (m.error.details as never) ?? []);
      }
      if (m.seq !== seq) throw new Error(`import workers out of step: batch ${m.seq} where ${seq} was due`);
      s.worker.postMessage({ credit: 1 });
      yield { items: fromWire(m.batch), rejections: m.rejections, bytesRead: m.bytesRead, seen: m.seen };
    }
  } finally {
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
