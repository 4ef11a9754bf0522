import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, testEngines, type TestStore } from '../store/test-engines.js';
import { openDb } from '../store/db.js';
import { AuditBatcher } from './audit-batcher.js';
import { AuditJournal, auditNow, parseJournal } from './audit-journal.js';
import { verifyAudit } from './audit-verify.js';
import { isAppError } from '../errors.js';

const count = async (s: TestStore, target: string) =>
  (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE target = $1', [target]))[0]!.n;

for (const { engine, skip } of testEngines()) {
  describe(`journal of read audits on ${engine}`, { skip }, () => {
    let s: TestStore;
    let dir: string;
    before(async () => {
      s = await openTestStore(engine);
      dir = mkdtempSync(join(tmpdir(), 'bulwark-journal-'));
    });
    after(async () => {
      await s?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a journaled entry releases its caller at once, reaches the chain with the time of the read, and empties the file', async () => {
      const file = join(dir, 'a.jsonl');
      const j = await AuditJournal.open(s.db, file);
      const b = new AuditBatcher(s.db, 50, j);
      const before = auditNow();
      await Promise.all(Array.from({ length: 120 }, (_, i) => b.record({ actor: 'reader', action: 'intel.read', target: `ja${i % 3}` })));
      await b.drain();
      assert.equal(await count(s, 'ja0') + await count(s, 'ja1') + await count(s, 'ja2'), 120);
      const [row] = await s.db.query<{ at: string }>("SELECT at FROM audit_log WHERE target = 'ja0' ORDER BY seq LIMIT 1");
      assert.ok(row!.at >= before, `the entry keeps when the read happened (${row!.at} ≥ ${before})`);
      assert.equal(j.pending, 0);
      assert.equal(parseJournal(readFileSync(file, 'utf8')).lines.length, 0, 'the file holds no committed line');
      assert.equal((await verifyAudit(s.db)).ok, true);
      j.close();
    });

    test('a bad entry is refused before it is written (the caller must not disclose)', async () => {
      const j = await AuditJournal.open(s.db, join(dir, 'b.jsonl'));
      const b = new AuditBatcher(s.db, 50, j);
      await assert.rejects(b.record({ actor: 'x', action: '' }), (e) => isAppError(e) && e.code === 'VALIDATION_FAILED');
      assert.equal(j.pending, 0);
      j.close();
    });

    test('lines left by a stopped process are committed on open, once; lines already committed are skipped; a cut last line is dropped', async () => {
      const file = join(dir, 'c.jsonl');
      const id = 'c0ffee00-0000-4000-8000-000000000001';
      const line = (n: number) => JSON.stringify({ n, at: auditNow(), actor: 'reader', action: 'intel.read', target: `jc${n}`, detail: { n } });
      // lines 1-2 were committed (the mark says so) before the process stopped; 3-4 were not; 5 was cut short
      await s.db.query('INSERT INTO audit_journal_mark (journal, n) VALUES ($1, 2)', [id]);
      writeFileSync(file, `${JSON.stringify({ journal: id })}\n${line(1)}\n${line(2)}\n${line(3)}\n${line(4)}\n${line(5).slice(0, 20)}`);
      const j = await AuditJournal.open(s.db, file);
      assert.deepEqual([await count(s, 'jc1'), await count(s, 'jc2'), await count(s, 'jc3'), await count(s, 'jc4'), await count(s, 'jc5')], [0, 0, 1, 1, 0]);
      // opening again commits nothing twice
      j.close();
      const again = await AuditJournal.open(s.db, file);
      assert.equal(await count(s, 'jc3'), 1);
      // numbering goes on past the recovered lines, so the mark stays meaningful
      const b = new AuditBatcher(s.db, 50, again);
      await b.record({ actor: 'reader', action: 'intel.read', target: 'jc-next' });
      await b.drain();
      const [mark] = await s.db.query<{ n: string }>('SELECT n::text AS n FROM audit_journal_mark WHERE journal = $1', [id]);
      assert.equal(mark!.n, '5');
      assert.equal((await verifyAudit(s.db)).ok, true);
      again.close();
    });

    test('an altered journal (a bad line before the last) stops the open with a message naming the line', async () => {
      const file = join(dir, 'd.jsonl');
      writeFileSync(file, `${JSON.stringify({ journal: 'x' })}\nnot json\n{"n":1}\n`);
      await assert.rejects(AuditJournal.open(s.db, file), /line 2 is not JSON/);
    });
  });
}

describe('journal of read audits across a killed process (embedded store)', () => {
  test('reads answered before the process was killed are in the chain after the next open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-journal-kill-'));
    try {
      const script = `
        import { openDb } from ${JSON.stringify(new URL('../store/db.js', import.meta.url).href)};
        import { AuditJournal } from ${JSON.stringify(new URL('./audit-journal.js', import.meta.url).href)};
        import { AuditBatcher } from ${JSON.stringify(new URL('./audit-batcher.js', import.meta.url).href)};
        const db = await openDb({ dataDir: ${JSON.stringify(join(dir, 'data'))}, databaseUrl: undefined });
        const j = await AuditJournal.open(db, ${JSON.stringify(join(dir, 'data', 'audit-journal.jsonl'))});
        const b = new AuditBatcher(db, 500, j);
        // the commit never gets to run: the process is killed as soon as the callers are released
        for (let i = 0; i < 25; i++) await b.record({ actor: 'reader', action: 'intel.read', target: 'killed-' + i });
        process.kill(process.pid, 'SIGKILL');
      `;
      const file = join(dir, 'kill.mjs');
      writeFileSync(file, script);
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
      assert.equal(r.signal, 'SIGKILL', r.stderr);
      const db = await openDb({ dataDir: join(dir, 'data'), databaseUrl: undefined });
      try {
        const j = await AuditJournal.open(db, join(dir, 'data', 'audit-journal.jsonl'));
        const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE target LIKE 'killed-%'");
        assert.equal(row!.n, 25);
        assert.equal((await verifyAudit(db)).ok, true);
        j.close();
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
