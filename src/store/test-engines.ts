/**
 * Test support: runs a storage test against every engine. PGlite always (in a temp directory);
 * PostgreSQL when BULWARK_TEST_DATABASE_URL is set (CI sets it) — each call gets a fresh database.
 * Without BULWARK_TEST_DATABASE_URL the PostgreSQL variant is skipped with a printed reason, unless
 * BULWARK_TEST_REQUIRE_POSTGRES=1, which turns the skip into a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from './db.js';

export type EngineName = 'pglite' | 'postgres';

export interface TestStore {
  db: Db;
  engine: EngineName;
  /** For PGlite: the data directory; for PostgreSQL: the database URL. */
  location: { dataDir: string; databaseUrl?: string };
  dispose(): Promise<void>;
}

export function postgresTestUrl(): string | undefined {
  return process.env.BULWARK_TEST_DATABASE_URL || undefined;
}

/** Creates an empty database on the test server and returns its URL. */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bulwark_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Opens a fresh, migrated store on the given engine. */
export async function openTestStore(engine: EngineName): Promise<TestStore> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-test-'));
    // a small buffer pool: the suite's stores hold little, and each store opens faster
    const db = await openDb({ dataDir, bufferPoolMB: 32 });
    return {
      db, engine, location: { dataDir },
      async dispose() {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = postgresTestUrl();
  if (!base) throw new Error('BULWARK_TEST_DATABASE_URL is not set');
  const tdb = await createTestDatabase(base);
  const db = await openDb({ dataDir: '', databaseUrl: tdb.url });
  return {
    db, engine, location: { dataDir: '', databaseUrl: tdb.url },
    async dispose() {
      await db.close();
      await tdb.drop();
    },
  };
}

/** The engines a storage test runs on, each with a skip reason when it cannot run here. */
export function testEngines(): { engine: EngineName; skip: string | false }[] {
  const pgUrl = postgresTestUrl();
  const required = process.env.BULWARK_TEST_REQUIRE_POSTGRES === '1';
  return [
    { engine: 'pglite', skip: false },
    {
      engine: 'postgres',
      skip: pgUrl || required ? false : 'PostgreSQL: BULWARK_TEST_DATABASE_URL is not set (CI sets it to the local server)',
    },
  ];
}
