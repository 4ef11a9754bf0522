/**
 * A real child process running `bulwark import` is killed (SIGKILL) mid-import; the store must
 * be consistent (whole batches only, each with its audit entry, one latest version per id) and
 * re-running the import must complete it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../store/db.js';
import { createTestDatabase, testEngines } from '../store/test-engines.js';
import { verifyAudit } from '../access/audit-verify.js';
import { generateIntel } from '../demo/intel-generator.js';

const CLI = resolve('dist/cli/main.js');
const COUNT = 40_000;

function runImport(file: string, env: NodeJS.ProcessEnv, killAfterProgressLines?: number): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, 'import', '--json', file], {
      env: { ...process.env, ...env, BULWARK_PROGRESS: 'plain', BULWARK_IMPORT_BATCH: '500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let lines = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      lines += d.toString().split('\n').filter((l) => l.startsWith('progress')).length;
      if (killAfterProgressLines !== undefined && lines >= killAfterProgressLines && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout }));
  });
}

for (const { engine, skip } of testEngines()) {
  describe(`an import killed mid-way on ${engine}`, { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-kill-'));
    const file = join(dir, 'intel.jsonl');
    let env: NodeJS.ProcessEnv;
    let dropDb: (() => Promise<void>) | undefined;
    const open = () => openDb({ dataDir: env.BULWARK_DATA_DIR ?? '', databaseUrl: env.DATABASE_URL });

    before(async () => {
      let text = '';
      for (const o of generateIntel({ seed: 7, count: COUNT })) text += `${JSON.stringify(o)}\n`;
      writeFileSync(file, text);
      if (engine === 'pglite') env = { BULWARK_DATA_DIR: join(dir, 'store'), DATABASE_URL: '' };
      else {
        const t = await createTestDatabase(process.env.BULWARK_TEST_DATABASE_URL!);
        dropDb = t.drop;
        env = { DATABASE_URL: t.url };
      }
      const db = await open(); // initialise the store before the child starts
      await db.close();
    });
    after(async () => dropDb?.());

    test('leaves whole batches only, and a re-run completes the import', { timeout: 180_000 }, async () => {
      const killed = await runImport(file, env, 4);
      assert.equal(killed.signal, 'SIGKILL', 'the import finished before it could be killed; make the input larger');

      const db = await open();
      try {
        const stored = (await db.query<{ n: number }>('SELECT count(DISTINCT id)::int AS n FROM stix_object'))[0]!.n;
        assert.ok(stored > 0 && stored < COUNT, `some but not all objects stored (got ${stored})`);
        const dupLatest = await db.query('SELECT id FROM stix_object WHERE is_latest GROUP BY id HAVING count(*) > 1');
        assert.equal(dupLatest.length, 0, 'one latest version per id');
        const noLatest = await db.query('SELECT id FROM stix_object GROUP BY id HAVING bool_or(is_latest) = false');
        assert.equal(noLatest.length, 0, 'every id has a latest version');
        const audited = (await db.query<{ n: number }>(
          `SELECT coalesce(sum((detail->>'written')::int), 0)::int AS n FROM audit_log WHERE action = 'intel.import'`))[0]!.n;
        const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stix_object'))[0]!.n;
        assert.equal(audited, rows, 'every stored row was written by an audited, committed batch');
        assert.equal((await verifyAudit(db)).ok, true);
      } finally {
        await db.close();
      }

      const rerun = await runImport(file, env);
      assert.equal(rerun.code, 0, rerun.stdout);
      const report = JSON.parse(rerun.stdout) as { imported: number; unchanged: number; rejected: number };
      assert.equal(report.rejected, 0);
      assert.ok(report.unchanged > 0 && report.imported > 0);

      const db2 = await open();
      try {
        const ids = (await db2.query<{ n: number }>('SELECT count(*)::int AS n FROM stix_object WHERE is_latest'))[0]!.n;
        const distinct = new Set<string>();
        for (const o of generateIntel({ seed: 7, count: COUNT })) distinct.add(o.id);
        assert.equal(ids, distinct.size, 'after the re-run every object is stored');
      } finally {
        await db2.close();
      }
    });
  });
}
