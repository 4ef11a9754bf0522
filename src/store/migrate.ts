/** Applies pending migrations, each in its own transaction, under an advisory lock (safe for concurrent starts). */
import type { Db } from './db.js';
import { migrations } from './migrations/index.js';

const LOCK_KEY = 0x42554c57; // 'BULW'

export async function migrate(db: Db): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migration')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}

/** Splits a migration script on top-level semicolons (the scripts use no dollar quoting or semicolons in strings). */
function splitStatements(script: string): string[] {
  return script
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
