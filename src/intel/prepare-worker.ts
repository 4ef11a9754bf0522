/**
 * Worker thread: reads a file and prepares its share of the objects in batches (see
 * prepared-batches.ts): batch j is objects [j × batchSize, (j + 1) × batchSize), and this worker
 * prepares the batches with j mod slots = slot, skipping (not decoding) the others' objects.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import { readObjects } from './object-reader.js';
import { rejectionOf, toWire, type WorkerMessage } from './prepared-batches.js';
import { prepareObject, type IngestContext, type Rejection } from './prepare.js';
import type { PreparedObject } from './object-repository.js';

const { file, ctx, batchSize, slot, slots } = workerData as { file: string; ctx: IngestContext; batchSize: number; slot: number; slots: number };
const port = parentPort!;
let credit = 0;
let waiting: (() => void) | null = null;
port.on('message', (m: { credit: number }) => {
  credit += m.credit;
  waiting?.();
});

async function run(): Promise<void> {
  let bytesRead = 0;
  let batchBytes = 0; // bytes read when the batch's last object was (progress, and size estimates)
  let seq = -1;
  let seen = 0;
  let items: PreparedObject[] = [];
  let rejections: Rejection[] = [];
  const flush = async () => {
    while (credit <= 0) await new Promise<void>((r) => (waiting = r));
    credit--;
    const { batch, transfer } = toWire(items);
    const msg: WorkerMessage = { kind: 'batch', seq, batch, rejections, bytesRead: batchBytes, seen };
    port.postMessage(msg, transfer);
    items = [];
    rejections = [];
  };
  const mine = (index: number) => Math.floor(index / batchSize) % slots === slot;
  for await (const raw of readObjects(file, (b) => (bytesRead = b), mine)) {
    const j = Math.floor(raw.index / batchSize);
    if (j !== seq) {
      if (seq >= 0) await flush();
      seq = j;
    }
    if (raw.parseError !== undefined) rejections.push(rejectionOf(raw));
    else {
      const p = prepareObject(raw.value, raw.index, ctx, raw.line);
      if (p.ok) items.push(p.item);
      else rejections.push(p.rejection);
    }
    seen = raw.index + 1;
    batchBytes = bytesRead;
  }
  if (seq >= 0) await flush();
  else if (slot === 0) {
    // an empty source still yields one (empty) batch, as the in-thread source does
    seq = 0;
    await flush();
  }
  port.postMessage({ kind: 'done' } satisfies WorkerMessage);
}

run().catch((e: unknown) => {
  const error = isAppError(e)
    ? { code: e.code, status: e.status, message: e.message, details: e.details }
    : { message: (e as Error)?.message ?? String(e) };
  port.postMessage({ kind: 'error', error } satisfies WorkerMessage);
}).finally(() => port.close());
