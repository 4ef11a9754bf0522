/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WASM) in file mode.
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
 *    ~11% faster bulk imports, at ~130 MB more resident memory.
 *  - wal_level minimal (with max_wal_senders 0): no replication or archiving is possible from an
 *    embedded store anyway; index builds (bulk imports build nine) then write no WAL. Crash
 *    recovery is unaffected.
 *  - wal_init_zero off: a new WAL segment is not filled with 16 MB of zeros first (recovery reads
 *    a not yet written part as zeros all the same).
 *  - max_wal_size is capped so the data directory stays small under bulk imports.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';
import { copyCount, copyInMessages, type CopySink } from './copy-sink.js';

const CONF = [
  'max_wal_size=256MB', 'min_wal_size=32MB', 'synchronous_commit=on', 'checkpoint_timeout=5min',
  'shared_buffers=256MB', 'wal_level=minimal', 'max_wal_senders=0', 'wal_init_zero=off',
];

export async function openPglite(dataDir: string): Promise<Db> {
  if (dataDir.startsWith('memory://')) throw new Error('The embedded store needs a directory, not memory://');
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  const pg = new PGlite(dataDir, { postgresqlconf: CONF });
  await pg.waitReady;
  const wrap = (q: { query: PGlite['query'] }): Queryable & CopySink => ({
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await q.query<T>(sql, params as unknown[])).rows;
    },
    // COPY … FROM STDIN: the statement and its data go to the backend as one buffer of protocol
    // messages (inside the caller's transaction when q is one; PGlite has a single connection)
    async copyFrom(sql: string, data: Uint8Array): Promise<number> {
      const r = await pg.runExclusive(() => pg.execProtocol(copyInMessages(sql, data)));
      const done = r.messages.find((m) => m.name === 'commandComplete') as { text?: string } | undefined;
      return copyCount(done?.text);
    },
  });
  const base = wrap(pg);
  return {
    engine: 'pglite',
    query: base.query,
    async exec(sql: string) {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      if (!pg.closed) await pg.close();
      releaseLock();
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
