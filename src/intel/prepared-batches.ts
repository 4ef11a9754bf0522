/**
 * Sources of prepared batches for the importer. Preparing (parse, validate, hash) is CPU work in
 * JavaScript; storing is CPU work in the database (in this thread for PGlite). Reading and
 * preparing a file in a worker thread lets the two run on both cores at once.
 */
import { Worker } from 'node:worker_threads';
import type { StixObject } from '../stix/types.js';
import type { RawItem } from './object-reader.js';
import type { PreparedObject } from './object-repository.js';
import { prepareObject, type IngestContext, type Rejection } from './prepare.js';

export interface PreparedBatch {
  items: PreparedObject[];
  rejections: Rejection[];
  /** Bytes of the source read so far. */
  bytesRead: number;
  /** Input objects seen so far (valid or not). */
  seen: number;
}

export type BatchSource = () => AsyncIterable<PreparedBatch>;

function rejectionOf(raw: RawItem): Rejection {
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

/** What crosses from the worker: a prepared object without its parsed form. */
export type WirePrepared = Omit<PreparedObject, 'obj'>;

export interface WorkerBatchMessage {
  kind: 'batch';
  items: WirePrepared[];
  rejections: Rejection[];
  bytesRead: number;
  seen: number;
}

export type WorkerMessage = WorkerBatchMessage | { kind: 'done' } | { kind: 'error'; error: { code?: string; status?: number; message: string; details?: unknown } };

/** Gives a wire item back its `obj`, parsed from its JSON only if someone asks for it. */
export function fromWire(w: WirePrepared): PreparedObject {
  let obj: StixObject | undefined;
  return Object.defineProperty(w as PreparedObject, 'obj', {
    get: () => (obj ??= JSON.parse(w.json) as StixObject),
    enumerable: false,
  });
}

/**
 * Reads and prepares a file in a worker thread. At most `ahead` batches wait unconsumed, so
 * memory stays bounded however fast the worker is.
 */
export function workerBatches(file: string, ctx: IngestContext, batchSize: number, ahead = 2): AsyncGenerator<PreparedBatch> {
  // the worker starts now, not at the first next(): callers may start it while they open the store
  const worker = new Worker(new URL('./prepare-worker.js', import.meta.url), { workerData: { file, ctx, batchSize } });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) failure = new Error(`the import worker stopped with exit code ${code}`);
    wake?.();
  });
  worker.postMessage({ credit: ahead });
  return drain(worker, queue, (w) => (wake = w), () => failure);
}

async function* drain(
  worker: Worker, queue: WorkerMessage[], onWake: (w: (() => void) | null) => void, failed: () => Error | null,
): AsyncGenerator<PreparedBatch> {
  try {
    for (;;) {
      while (queue.length === 0) {
        const f = failed();
        if (f) throw f;
        await new Promise<void>((r) => onWake(r));
        onWake(null);
      }
      const m = queue.shift()!;
      if (m.kind === 'done') return;
      if (m.kind === 'error') {
        const { AppError } = await import('../errors.js');
        throw new AppError(m.error.code ?? 'IMPORT_FAILED', m.error.status ?? 500, m.error.message, (m.error.details as never) ?? []);
      }
      worker.postMessage({ credit: 1 });
      yield { items: m.items.map(fromWire), rejections: m.rejections, bytesRead: m.bytesRead, seen: m.seen };
    }
  } finally {
    await worker.terminate();
  }
}
