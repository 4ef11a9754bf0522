/**
 * The embedded store with PGlite in a worker thread: errors keep PostgreSQL's fields, a transaction
 * holds the one connection until it ends, COPY buffers are transferred, and a thread that stops or
 * is closed fails requests instead of leaving them waiting. Real PGlite, no mocks.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from './pglite-db.js';
import { embeddedThread, openPgliteThread } from './pglite-thread.js';
import { canCopy } from './copy-sink.js';
import { canRunProcedures } from './procedure.js';
import type { Db } from './db.js';

const dirs: string[] = [];
const open: Db[] = [];

async function openStore(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-thread-'));
  dirs.push(dir);
  const db = await openPgliteThread(dir, []);
  open.push(db);
  return db;
}

// one store for the tests that leave it working (creating a store costs seconds), table t emptied before each
let shared: Db;
let reopened = '';
before(async () => {
  shared = await openStore();
  await shared.exec('CREATE TABLE t (k int PRIMARY KEY, v text)');
});
afterEach(async () => {
  await shared.query('DELETE FROM t');
});
after(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function store(): Promise<Db> {
  return shared;
}

describe('PGlite in a worker thread', () => {
  test('errors keep their SQLSTATE, message and fields', async () => {
    const db = await store();
    await db.query('INSERT INTO t VALUES (1, $1)', ['a']);
    await assert.rejects(db.query('INSERT INTO t VALUES (1, $1)', ['b']), (e: Error & { code?: string; constraint?: string }) => {
      assert.equal(e.code, '23505');
      assert.equal(e.constraint, 't_pkey');
      assert.match(e.message, /duplicate key value violates unique constraint "t_pkey"/);
      return true;
    });
    await assert.rejects(db.query('SELEC 1'), (e: Error & { code?: string }) => e.code === '42601');
    await assert.rejects(db.transaction((tx) => tx.query('SELECT 1/0')), (e: Error & { code?: string }) => e.code === '22012');
    // the store still answers
    assert.deepEqual(await db.query('SELECT v FROM t'), [{ v: 'a' }]);
  });

  test('a transaction holds the connection: other queries wait until it commits', async () => {
    const db = await store();
    const order: string[] = [];
    let outside!: Promise<unknown>;
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1, $1)', ['in tx']);
      outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t').then((r) => order.push(`outside saw ${r[0]!.n}`));
      await new Promise((r) => setTimeout(r, 50));
      await tx.query('INSERT INTO t VALUES (2, $1)', ['in tx']);
      order.push('tx done');
    });
    await outside;
    assert.deepEqual(order, ['tx done', 'outside saw 2']);
  });

  test('a failing transaction rolls back and rethrows the caller\'s own error', async () => {
    const db = await store();
    const mine = new Error('mine');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1, $1)', ['x']);
        throw mine;
      }),
      (e) => e === mine,
    );
    assert.deepEqual(await db.query('SELECT * FROM t'), []);
    // a transaction whose statement failed cannot commit what came before it
    await assert.rejects(db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1, $1)', ['x']);
      await tx.query('INSERT INTO t VALUES (1, $1)', ['x']).catch(() => undefined);
    }));
    assert.deepEqual(await db.query('SELECT * FROM t'), []);
  });

  test('rows and parameters keep their types across the thread', async () => {
    const db = await store();
    const [r] = await db.query<{ j: unknown; a: string[]; b: Uint8Array; d: Date; n: number; x: null }>(
      `SELECT $1::jsonb AS j, $2::text[] AS a, $3::bytea AS b, '2024-01-02T03:04:05Z'::timestamptz AS d, 7::int AS n, NULL AS x`,
      [JSON.stringify({ k: [1, 'two'] }), ['a', 'b'], Buffer.from([1, 2, 3])],
    );
    assert.deepEqual(r!.j, { k: [1, 'two'] });
    assert.deepEqual(r!.a, ['a', 'b']);
    assert.deepEqual([...r!.b], [1, 2, 3]);
    assert.ok(r!.d instanceof Date);
    assert.equal(r!.d.toISOString(), '2024-01-02T03:04:05.000Z');
    assert.equal(r!.n, 7);
    assert.equal(r!.x, null);
  });

  test('COPY data is transferred when the buffer is whole and copied when it is a view of part of one', async () => {
    const db = await store();
    const whole = new Uint8Array(Buffer.from('1\tone\n2\ttwo\n', 'utf8'));
    const big = Buffer.from('x3\tthree\n4\tfour\n', 'utf8');
    const part = big.subarray(1);
    const n = await db.transaction(async (tx) => {
      assert.ok(canCopy(tx));
      return (await tx.copyFrom('COPY t (k, v) FROM STDIN', whole)) + (await tx.copyFrom('COPY t (k, v) FROM STDIN', part));
    });
    assert.equal(n, 4);
    assert.equal(whole.byteLength, 0, 'the whole buffer was handed over');
    assert.equal(part.toString('utf8'), '3\tthree\n4\tfour\n', 'a view is left as it was');
    assert.deepEqual((await db.query<{ k: number }>('SELECT k FROM t ORDER BY k')).map((r) => r.k), [1, 2, 3, 4]);
    await assert.rejects(
      db.transaction(async (tx) => {
        if (canCopy(tx)) await tx.copyFrom('COPY t (k, v) FROM STDIN', Buffer.from('1\tagain\n'));
      }),
      (e: Error & { code?: string }) => e.code === '23505',
    );
  });

  test('close shuts the thread down, releases the lock, and the store reopens with its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-thread-'));
    dirs.push(dir);
    reopened = dir;
    const db = await openPglite(dir);
    // the audit group commit runs as a procedure in the thread (exercised by audit-batcher.test)
    assert.ok(canRunProcedures(db));
    await assert.rejects(db.runProcedure(new URL('./copy-sink.js', import.meta.url).href, 'nothing', []), /exports no procedure nothing/);
    assert.equal(readFileSync(join(dir, 'bulwark.lock'), 'utf8'), String(process.pid));
    await db.exec('CREATE TABLE kept (k int)');
    await db.query('INSERT INTO kept VALUES (42)');
    await db.close();
    await db.close(); // twice is harmless
    assert.equal(existsSync(join(dir, 'bulwark.lock')), false);
    await assert.rejects(db.query('SELECT 1'), /closed/);
    const again = await openPglite(dir);
    await assert.rejects(db.transaction(async () => undefined), /closed/);
    assert.deepEqual(await again.query('SELECT k FROM kept'), [{ k: 42 }]);
    await again.close();
  });
  test('a thread that stops fails the waiting and later requests instead of hanging', async () => {
    // the store the test before closed (a new one would cost seconds)
    const db = await openPgliteThread(reopened, []);
    open.push(db);
    const waiting = db.query('SELECT pg_sleep(0.2)');
    await embeddedThread(db)!.terminate();
    await assert.rejects(waiting, /embedded database thread stopped/);
    await assert.rejects(db.query('SELECT 1'), /embedded database thread stopped/);
    await assert.rejects(db.transaction((tx) => tx.query('SELECT 1')), /embedded database thread stopped/);
  });

});
