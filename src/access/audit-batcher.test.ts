import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testEngines, type TestStore } from '../store/test-engines.js';
import { AuditBatcher } from './audit-batcher.js';
import { verifyAudit } from './audit-verify.js';
import { isAppError } from '../errors.js';

for (const { engine, skip } of testEngines()) {
  describe(`audit group commit on ${engine}`, { skip }, () => {
    let s: TestStore;
    before(async () => {
      s = await openTestStore(engine);
    });
    after(async () => s?.dispose());

    test('concurrent entries all commit, in a valid chain, each caller released only after its commit', async () => {
      const b = new AuditBatcher(s.db, 50);
      const seen: number[] = [];
      await Promise.all(Array.from({ length: 300 }, (_, i) => b.record({ actor: 'reader', action: 'intel.read', target: `t${i}` }).then(async () => {
        const rows = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE target = $1', [`t${i}`]);
        seen.push(rows[0]!.n);
      })));
      assert.equal(seen.length, 300);
      assert.ok(seen.every((n) => n === 1), 'every entry was committed when its caller resumed');
      const v = await verifyAudit(s.db);
      assert.equal(v.ok, true);
      const groups = await s.db.query<{ n: number }>("SELECT count(DISTINCT at)::int AS n FROM audit_log WHERE action = 'intel.read'");
      assert.ok(groups[0]!.n < 300, `entries shared commits (${groups[0]!.n} distinct commit times)`);
    });

    test('a failed commit rejects its callers and the next entries still commit', async () => {
      const b = new AuditBatcher(s.db);
      // the store's error as it is (an AppError stays one when the commit ran in PGlite's thread)
      await assert.rejects(b.record({ actor: 'x', action: '' }), (e) => isAppError(e) && e.code === 'VALIDATION_FAILED' && /action/i.test(e.message));
      await b.record({ actor: 'x', action: 'intel.read', target: 'after-failure' });
      const rows = await s.db.query('SELECT 1 FROM audit_log WHERE target = $1', ['after-failure']);
      assert.equal(rows.length, 1);
    });
  });
}
