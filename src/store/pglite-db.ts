/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WASM) in file mode.
 *
 * Durability: PGlite forces fsync off. Every commit's WAL is written to the OS before the
 * commit returns, so a killed or crashed *process* loses nothing it committed; an OS crash or
 * power loss may lose the last commits. Use a PostgreSQL server (DATABASE_URL) where that matters.
 * max_wal_size is capped so the data directory stays small under bulk imports.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';

const CONF = ['max_wal_size=256MB', 'min_wal_size=32MB', 'synchronous_commit=on', 'checkpoint_timeout=5min'];

export async function openPglite(dataDir: string): Promise<Db> {
  if (dataDir.startsWith('memory://')) throw new Error('The embedded store needs a directory, not memory://');
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  const pg = new PGlite(dataDir, { postgresqlconf: CONF });
  await pg.waitReady;
  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await q.query<T>(sql, params as unknown[])).rows;
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
