/**
 * Worker thread holding the embedded database (PGlite) for `pglite-thread.ts`: PostgreSQL in WASM
 * runs here, off the thread that serves requests and drives imports.
 *
 * Every request is answered by one reply with the same id. Requests run concurrently and PGlite's
 * own locks order them exactly as in one thread: a transaction holds PGlite's transaction lock from
 * `begin` until its `end`; queries of that transaction (carrying its id) run inside it, and any
 * other query waits for the lock (PGlite has one connection).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import { copyCount, copyInMessages, type CopySink } from './copy-sink.js';
import type { Queryable } from './db.js';
import { AppError } from '../errors.js';
import type { Procedure } from './procedure.js';
import type { PgliteModules, WorkerReply, WorkerRequest, WireError } from './pglite-thread.js';

const { dataDir, conf, modules } = workerData as { dataDir: string; conf: string[]; modules: PgliteModules };
const port = parentPort!;

/** The fields of a PostgreSQL error (node-postgres' DatabaseError) that cross to the caller. */
const ERROR_FIELDS = [
  'severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where', 'schema', 'table',
  'column', 'dataType', 'constraint', 'file', 'line', 'routine', 'query',
] as const;

function wireError(e: unknown): WireError {
  if (!(e instanceof Error)) return { message: String(e) };
  if (e instanceof AppError) return { message: e.message, name: e.name, app: { code: e.code, status: e.status, details: e.details } };
  const out: WireError = { message: e.message, name: e.name };
  const rec = e as unknown as Record<string, unknown>;
  for (const k of ERROR_FIELDS) {
    const v = rec[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

function reply(m: WorkerReply): void {
  port.postMessage(m);
}

/** Thrown inside a transaction's callback to have PGlite roll it back. */
const ROLLBACK = Symbol('rollback');

interface OpenTx {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<unknown>;
}

const txs = new Map<number, OpenTx>();
let pg: PGlite;

function txOf(id: number): Transaction {
  const t = txs.get(id);
  if (!t) throw new Error('Transaction is closed');
  return t.tx;
}

/** COPY … FROM STDIN: statement and data as one buffer of protocol messages (inside the transaction's lock). */
async function copy(sql: string, data: Uint8Array): Promise<number> {
  const r = await pg.runExclusive(() => pg.execProtocol(copyInMessages(sql, data)));
  const done = r.messages.find((m) => m.name === 'commandComplete') as { text?: string } | undefined;
  return copyCount(done?.text);
}

/** A PGlite transaction as the port's Queryable (what procedures are given). */
function queryable(tx: Transaction): Queryable & CopySink {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
    copyFrom: (sql: string, data: Uint8Array) => copy(sql, data),
  };
}

function begin(id: number): void {
  let finish!: (commit: boolean) => void;
  const decided = new Promise<boolean>((r) => (finish = r));
  let begun = false;
  const done = pg.transaction(async (tx) => {
    begun = true;
    txs.set(id, { tx, finish, done });
    reply({ id, ok: true, value: id });
    if (!(await decided)) throw ROLLBACK;
  });
  done.catch((e: unknown) => {
    // BEGIN itself failed: the caller still waits for its begin
    if (!begun) reply({ id, ok: false, error: wireError(e) });
  });
}

async function end(txId: number, commit: boolean): Promise<void> {
  const t = txs.get(txId);
  if (!t) throw new Error('Transaction is closed');
  t.finish(commit);
  try {
    await t.done;
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  } finally {
    txs.delete(txId);
  }
}

async function handle(m: WorkerRequest): Promise<unknown> {
  switch (m.op) {
    case 'query':
      return (await (m.tx === undefined ? pg : txOf(m.tx)).query(m.sql, m.params)).rows;
    case 'exec':
      await (m.tx === undefined ? pg : txOf(m.tx)).exec(m.sql);
      return null;
    case 'copy':
      if (m.tx !== undefined) {
        txOf(m.tx);
        return copy(m.sql, m.data);
      }
      return pg.transaction(() => copy(m.sql, m.data));
    case 'procedure': {
      const fn = ((await import(m.module)) as Record<string, unknown>)[m.name];
      if (typeof fn !== 'function') throw new Error(`${m.module} exports no procedure ${m.name}`);
      return pg.transaction((tx) => (fn as Procedure)(queryable(tx), ...(m.args as never[])));
    }
    case 'end':
      await end(m.tx, m.commit);
      return null;
    case 'close':
      if (!pg.closed) await pg.close();
      return null;
    default:
      throw new Error(`unknown request ${(m as { op: string }).op}`);
  }
}

port.on('message', (m: WorkerRequest) => {
  if (m.op === 'begin') {
    begin(m.id);
    return;
  }
  handle(m).then(
    (value) => reply({ id: m.id, ok: true, value }),
    (e: unknown) => reply({ id: m.id, ok: false, error: wireError(e) }),
  );
});

try {
  pg = new PGlite(dataDir, { postgresqlconf: conf, ...(modules as Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule'>) });
  await pg.waitReady;
  reply({ id: 0, ok: true, value: null });
} catch (e) {
  reply({ id: 0, ok: false, error: wireError(e) });
}
