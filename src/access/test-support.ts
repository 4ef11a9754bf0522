/**
 * Test support for the access module: a fresh store with the audit head anchor in place.
 * Until migration 003 (audit-head) is listed in migrations/index.ts, this applies its SQL
 * itself; once it is listed, this does nothing beyond openTestStore.
 */
import pg from 'pg';
import { openTestStore, postgresTestUrl, type EngineName, type TestStore } from '../store/test-engines.js';
import { migrations } from '../store/migrations/index.js';
import { sql as auditHeadSql } from '../store/migrations/003-audit-head.js';
import type { Db } from '../store/db.js';
import { systemSubject, type Subject } from './policy.js';
import { GENESIS_HASH } from './audit-log.js';

export async function openAccessTestStore(engine: EngineName): Promise<TestStore> {
  const store = await openTestStore(engine);
  if (!migrations.some((m) => m.sql === auditHeadSql)) {
    const [exists] = await store.db.query<{ t: string | null }>("SELECT to_regclass('audit_head')::text AS t");
    if (!exists?.t) await store.db.exec(auditHeadSql);
  }
  if (store.engine !== 'postgres') return store;
  // pg-pool's end() resolves before its connections have closed; the DROP DATABASE ... WITH (FORCE)
  // in TestStore.dispose() then terminates them and the pool raises an unhandled 'error'. Until
  // postgres-db.ts close() awaits the pool's 'remove' events, close, wait, then drop here.
  return {
    ...store,
    async dispose() {
      await store.db.close();
      await new Promise((r) => setTimeout(r, 250));
      const name = new URL(store.location.databaseUrl!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: postgresTestUrl() });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Empties the audit log and resets its head (tests that tamper start from a clean chain). */
export async function resetAudit(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM audit_log');
    await tx.query('INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO UPDATE SET seq = 0, hash = $1', [GENESIS_HASH]);
  });
}

export const SYSTEM: Subject = systemSubject();
