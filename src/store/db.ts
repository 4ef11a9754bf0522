/**
 * The one storage port. Two adapters implement it over the same SQL: embedded PGlite
 * (default, zero install) and a PostgreSQL server (DATABASE_URL).
 */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction: all of it commits or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The embedded store's buffer pool in MB (default 256; see pglite-db.ts); a server's is its own. */
  bufferPoolMB?: number | undefined;
}

/** Opens the configured engine and brings its schema up to date. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  const db = opts.databaseUrl
    ? await (await import('./postgres-db.js')).openPostgres(opts.databaseUrl)
    : await (await import('./pglite-db.js')).openPglite(opts.dataDir, opts.bufferPoolMB);
  try {
    const { migrate } = await import('./migrate.js');
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
