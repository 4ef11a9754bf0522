/** Worker thread: reads a file and prepares its objects in batches (see prepared-batches.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import { readObjects } from './object-reader.js';
import { inThreadBatches, type WorkerMessage } from './prepared-batches.js';
import type { IngestContext } from './prepare.js';

const { file, ctx, batchSize } = workerData as { file: string; ctx: IngestContext; batchSize: number };
const port = parentPort!;
let credit = 0;
let waiting: (() => void) | null = null;
port.on('message', (m: { credit: number }) => {
  credit += m.credit;
  waiting?.();
});

async function run(): Promise<void> {
  for await (const b of inThreadBatches((onBytes) => readObjects(file, onBytes), ctx, batchSize)) {
    while (credit <= 0) await new Promise<void>((r) => (waiting = r));
    credit--;
    const items = b.items.map(({ obj: _obj, ...wire }) => wire);
    const msg: WorkerMessage = { kind: 'batch', items, rejections: b.rejections, bytesRead: b.bytesRead, seen: b.seen };
    port.postMessage(msg);
  }
  port.postMessage({ kind: 'done' } satisfies WorkerMessage);
}

run().catch((e: unknown) => {
  const error = isAppError(e)
    ? { code: e.code, status: e.status, message: e.message, details: e.details }
    : { message: (e as Error)?.message ?? String(e) };
  port.postMessage({ kind: 'error', error } satisfies WorkerMessage);
}).finally(() => port.close());
