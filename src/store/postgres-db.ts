/** PostgreSQL server adapter (node-postgres pool). */
import pg from 'pg';
import type { Db, Queryable } from './db.js';
import { copyCount, type CopySink } from './copy-sink.js';

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
  const wrapClient = (c: pg.PoolClient): Queryable & CopySink => ({
    ...wrap(c as unknown as { query: pg.Pool['query'] }),
    copyFrom: (sql, data) => new Promise<number>((resolve, reject) => {
      void c.query(new CopyFromStdin(sql, data, (e, n) => (e ? reject(e) : resolve(n))) as never);
    }),
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
        const out = await fn(wrapClient(client));
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

/** The connection methods a submittable query uses (node-postgres' Connection). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Uint8Array): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * `COPY … FROM STDIN` as a node-postgres submittable query: the client sends the statement, the
 * server answers CopyInResponse, the data follows in one CopyData message and CopyDone ends it.
 * node-postgres routes the backend's messages to the active query's handle* methods; the result
 * is settled at ReadyForQuery, or at the error (node-postgres then detaches the query).
 */
class CopyFromStdin {
  private rows = 0;
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly data: Uint8Array,
    private readonly done: (e: Error | null, rows: number) => void,
  ) {}

  /** node-postgres replaces this when a query timeout is configured; keep it defined. */
  callback(): void {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength));
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = copyCount(msg.text);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  handleError(e: Error): void {
    this.settle(e);
  }

  // not expected for COPY FROM; a statement that is not one returns them: answered at ReadyForQuery
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  private settle(e: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.callback();
    this.done(e, this.rows);
  }
}
