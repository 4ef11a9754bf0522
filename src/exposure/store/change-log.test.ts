/**
 * The vuln_change log on both engines: changes come back in numeric seq order (past 9 → 10, where text
 * order would differ), a limit cuts at a seq with nothing before it unread, and follow-up reads continue.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { appendChanges } from './change-log.js';
import { cveChangesSince, lastVulnChangeSeq } from './index.js';

const IDS = Array.from({ length: 12 }, (_, k) => `CVE-2024-${String(1000 + k)}`);

for (const { engine, skip } of testEngines()) {
  describe(`vuln_change log on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => {
      store = await openAccessTestStore(engine);
      await store.db.transaction((tx) => appendChanges(tx, 'nvd', IDS));
    });
    after(async () => store?.dispose());

    test('changes come back in numeric seq order, paged by limit without skipping any', async () => {
      assert.equal(await lastVulnChangeSeq(store.db), 12);
      const first = await cveChangesSince(store.db, 0, 10);
      assert.deepEqual(first.map((c) => c.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const rest = await cveChangesSince(store.db, first[first.length - 1]!.seq, 10);
      assert.deepEqual(rest.map((c) => [c.seq, c.cveId, c.source, c.op]), [[11, IDS[10], 'nvd', 'upsert'], [12, IDS[11], 'nvd', 'upsert']]);
      assert.deepEqual(await cveChangesSince(store.db, 12), []);
    });
  });
}
