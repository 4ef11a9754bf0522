/**
 * The change feeds the exposure service follows come in sequence order, also across a power of ten and
 * in rounds cut by the limit (text order would put 10 before 9 and skip changes), on both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testEngines, type TestStore } from '../../store/test-engines.js';
import { registerChangesAfter, vulnChangesAfter } from './change-feeds.js';

async function readAll<T extends { seq: number }>(read: (after: number) => Promise<T[]>): Promise<number[]> {
  const seen: number[] = [];
  let last = 0;
  for (let rounds = 0; rounds < 100; rounds++) {
    const page = await read(last);
    if (page.length === 0) break;
    seen.push(...page.map((c) => c.seq));
    last = page[page.length - 1]!.seq;
  }
  return seen;
}

for (const { engine, skip } of testEngines()) {
  describe(`exposure change feeds on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(engine);
      await store.db.query(`INSERT INTO vuln_change (source, cve_id, op) SELECT 'nvd', 'CVE-2025-' || lpad(n::text, 5, '0'), 'upsert' FROM generate_series(1, 123) n`);
      await store.db.query(`INSERT INTO register_change (entity, id, op) SELECT 'component', 'c-' || n, 'upsert' FROM generate_series(1, 123) n`);
    });
    after(async () => store?.dispose());

    test('every change once, in sequence order, in rounds of 7', async () => {
      const expected = Array.from({ length: 123 }, (_, i) => i + 1);
      assert.deepEqual(await readAll((after) => vulnChangesAfter(store.db, after, 7)), expected);
      assert.deepEqual(await readAll((after) => registerChangesAfter(store.db, after, 7)), expected);
      const [first] = await vulnChangesAfter(store.db, 9, 1);
      assert.deepEqual([first!.seq, first!.cveId, first!.source, first!.op], [10, 'CVE-2025-00010', 'nvd', 'upsert']);
    });
  });
}
