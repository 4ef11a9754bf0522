/**
 * The embedded store's adapter when PGlite runs in a worker thread of its own (`pglite-worker.ts`).
 *
 * PGlite is PostgreSQL compiled to WASM: every statement runs on the thread that holds it. Held on
 * the main thread, each commit (e.g. a group commit of read-audit entries) or COPY stalls every
 * other request for its whole duration. Here the main thread only posts requests and takes replies;
 * the database works meanwhile on its own core.
 *
 * The port's semantics stay those of PGlite in one thread: `transaction(fn)` opens a transaction in
 * the worker and keeps it open until fn settles (commit, or rollback when it throws); queries of
 * that transaction run inside it, all others wait until it ends (PGlite has one connection).
 * Errors keep PostgreSQL's fields (`code`, `detail`, `constraint`, …) and message. COPY data is
 * transferred, not copied: `copyFrom` takes the buffer (it is detached afterwards) when the view
 * spans all of it, and copies it once otherwise. The worker keeps the process alive only while a
 * request is outstanding; close() shuts it down; a worker that dies fails every outstanding and
 * later request with an error instead of leaving it waiting.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorDetail } from '../errors.js';
import type { Db, Queryable } from './db.js';
import type { CopySink } from './copy-sink.js';
import type { ProcedureRunner } from './procedure.js';

/** An error as it crosses threads: message plus DatabaseError's fields, or an AppError's (from a procedure). */
export type WireError = { message: string; name?: string; app?: { code: string; status: number; details: ErrorDetail[] } } &
  Partial<Record<string, unknown>>;

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[] | undefined; tx?: number | undefined }
  | { id: number; op: 'exec'; sql: string; tx?: number | undefined }
  | { id: number; op: 'copy'; sql: string; data: Uint8Array; tx?: number | undefined }
  /** Opens a transaction whose id is the request's id. */
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  /** A whole transaction run in the worker: module's export name(tx, ...args). */
  | { id: number; op: 'procedure'; module: string; name: string; args: unknown[] }
  | { id: number; op: 'close' };

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

type Body = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** An error from the embedded database, with PostgreSQL's fields (`code` is the SQLSTATE). */
export class EmbeddedDbError extends Error {
  code?: string;
  constructor(w: WireError) {
    super(w.message);
    for (const [k, v] of Object.entries(w)) if (k !== 'message' && k !== 'name' && k !== 'app') (this as unknown as Record<string, unknown>)[k] = v;
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** PGlite's two WASM programs, compiled once per process and shared by every store's worker. */
export interface PgliteModules {
  /** WebAssembly.Module objects (the compiled code is shared by the threads they are sent to) */
  pgliteWasmModule: object;
  initdbWasmModule: object;
}

declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

let modules: Promise<PgliteModules> | undefined;

function compiledModules(): Promise<PgliteModules> {
  modules ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all(
      ['pglite.wasm', 'initdb.wasm'].map(async (f) => WebAssembly.compile(await readFile(join(dist, f)))),
    );
    return { pgliteWasmModule: pgliteWasmModule!, initdbWasmModule: initdbWasmModule! };
  })();
  modules.catch(() => (modules = undefined));
  return modules;
}

const threads = new WeakMap<Db, Worker>();

/** The worker thread behind a store opened by openPgliteThread (tests use it to stop it abruptly). */
export function embeddedThread(db: Db): Worker | undefined {
  return threads.get(db);
}

/** Opens PGlite at `dataDir` in a worker thread. The caller holds the store's lock. */
export async function openPgliteThread(dataDir: string, conf: readonly string[]): Promise<Db & ProcedureRunner> {
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { dataDir, conf: [...conf], modules: await compiledModules() },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;
  let closing = false;

  const fail = (e: Error) => {
    if (!dead) dead = e;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (m: WorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.ok) p.resolve(m.value);
    else if (m.error.app) p.reject(new AppError(m.error.app.code, m.error.app.status, m.error.message, m.error.app.details));
    else p.reject(new EmbeddedDbError(m.error));
  });
  worker.on('error', (e) => fail(new Error(`The embedded database thread failed: ${e.message}`, { cause: e })));
  worker.on('exit', (code) => {
    fail(new Error(closing ? 'The embedded store is closed' : `The embedded database thread stopped (exit code ${code})`));
  });

  const call = (body: Body, transfer?: ArrayBuffer[]): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      try {
        worker.postMessage({ ...body, id }, transfer);
      } catch (e) {
        reject(e as Error); // a parameter that cannot cross threads
        return;
      }
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
    });
  };
  // the first reply (id 0) says whether the store opened
  const ready = new Promise<unknown>((resolve, reject) => pending.set(0, { resolve, reject }));
  try {
    await ready;
  } catch (e) {
    closing = true;
    await worker.terminate();
    throw e;
  }
  if (pending.size === 0) worker.unref();

  const on = (tx?: number): Queryable & CopySink => ({
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await call({ op: 'query', sql, params, tx })) as T[];
    },
    async copyFrom(sql: string, data: Uint8Array): Promise<number> {
      const owned = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
        ? data
        : new Uint8Array(data); // a view of part of a buffer (e.g. Node's pool): copy it once
      return (await call({ op: 'copy', sql, data: owned, tx }, [owned.buffer as ArrayBuffer])) as number;
    },
  });
  const base = on();
  const db: Db & ProcedureRunner = {
    engine: 'pglite',
    query: base.query,
    async exec(sql: string) {
      await call({ op: 'exec', sql });
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const txId = (await call({ op: 'begin' })) as number;
      let out: T;
      try {
        out = await fn(on(txId));
      } catch (e) {
        await call({ op: 'end', tx: txId, commit: false }).catch(() => undefined);
        throw e;
      }
      await call({ op: 'end', tx: txId, commit: true });
      return out;
    },
    async runProcedure<T>(module: string, name: string, args: unknown[]): Promise<T> {
      return (await call({ op: 'procedure', module, name, args })) as T;
    },
    async close() {
      if (closing) return;
      closing = true;
      if (!dead) await call({ op: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
  threads.set(db, worker);
  return db;
}
