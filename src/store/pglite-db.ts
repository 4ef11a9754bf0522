/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WASM) in file mode, run in a worker thread
 * (pglite-thread.ts, pglite-worker.ts); this module holds what is decided for the store: where it
 * lives, who may open it, and its settings.
 *
 * Durability: PGlite forces fsync off. Every commit's WAL is written to the OS before the commit
 * returns (synchronous_commit stays on), so a killed or crashed *process* loses nothing it
 * committed, and full-page writes stay on so that a page torn by a kill in the middle of its write
 * is restored from the WAL. An OS crash or power loss, though, may lose recent commits or leave the
 * store damaged (nothing is ever forced to the disk): use a PostgreSQL server (DATABASE_URL) where
 * that matters.
 *
 * Settings (measured with `npm run bench:ingest`, a million objects):
 *  - shared_buffers 256MB (default 128MB): the primary key of a large table stays cached while
 *    an import inserts at random places in it; every miss is a read through the WASM file layer.
 *    ~11% faster bulk imports, at ~130 MB more resident memory. The pool is initialised when the
 *    store opens, and that costs time in proportion (on a machine with slow first touches of
 *    memory, ~1 s for 256 MB against ~0.2 s for 32 MB): a caller with little to do asks for less
 *    (`bufferPoolMB`: an import of small files, the test suite's stores).
 *  - wal_level minimal (with max_wal_senders 0): no replication or archiving is possible from an
 *    embedded store anyway; index builds (bulk imports build nine) then write no WAL. Crash
 *    recovery is unaffected.
 *  - wal_init_zero off: a new WAL segment is not filled with 16 MB of zeros first (recovery reads
 *    a not yet written part as zeros all the same).
 *  - max_wal_size is capped so the data directory stays small under bulk imports.
 *  - maintenance_work_mem 256MB (default 64MB): the index builds at the end of a bulk import
 *    (a primary key, B-trees and a full-text GIN over a million rows) sort and collect in memory
 *    instead of spilling in many passes through the WASM file layer. Used only while building.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { Db } from './db.js';
import { openPgliteThread } from './pglite-thread.js';
import type { ProcedureRunner } from './procedure.js';

const conf = (bufferPoolMB: number) => [
  'max_wal_size=256MB', 'min_wal_size=32MB', 'synchronous_commit=on', 'checkpoint_timeout=5min',
  `shared_buffers=${bufferPoolMB}MB`, 'wal_level=minimal', 'max_wal_senders=0', 'wal_init_zero=off', 'maintenance_work_mem=256MB',
];

/** The embedded store's buffer pool (shared_buffers) unless the caller asks for another size. */
export const DEFAULT_BUFFER_POOL_MB = 256;

export async function openPglite(dataDir: string, bufferPoolMB = DEFAULT_BUFFER_POOL_MB): Promise<Db & ProcedureRunner> {
  if (!Number.isInteger(bufferPoolMB) || bufferPoolMB < 16) throw new Error(`bufferPoolMB must be an integer of at least 16, not ${bufferPoolMB}`);
  if (dataDir.startsWith('memory://')) throw new Error('The embedded store needs a directory, not memory://');
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  let db: Db & ProcedureRunner;
  try {
    // PGlite runs in a worker thread of its own (pglite-thread.ts): its work never stalls this one
    db = await openPgliteThread(dataDir, conf(bufferPoolMB));
  } catch (e) {
    releaseLock();
    throw e;
  }
  let closed = false;
  return {
    ...db,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * One process at a time may open an embedded store (two would corrupt it). The lock file holds
 * the owner's pid; a lock left by a dead process (killed, crashed) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'bulwark.lock');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && alive(holder)) {
    throw new AppError('STORE_IN_USE', 409,
      `The embedded store ${dataDir} is in use by process ${holder} (a running 'bulwark serve'?). ` +
      'Stop it first, send the data through its REST API, or use a PostgreSQL server (DATABASE_URL) for concurrent access.');
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
