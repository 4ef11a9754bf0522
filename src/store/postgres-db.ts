/** PostgreSQL server adapter (node-postgres pool). */
import pg from 'pg';
import type { Db, Queryable } from './db.js';

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client whose connection the server ends (restart, DROP DATABASE … FORCE) must not
  // crash the process; the next query reconnects or fails with the server's message.
  pool.on('error', () => undefined);
  // Fail fast with the server's own message when it cannot be reached.
  const probe = await pool.connect();
  probe.release();
  const wrap = (c: { query: pg.Pool['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await c.query(sql, params as unknown[])).rows as T[];
    },
  });
  const base = wrap(pool);
  return {
    engine: 'postgres',
    query: base.query,
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client as unknown as { query: pg.Pool['query'] }));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
