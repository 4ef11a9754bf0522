/**
 * importOsv on both engines: records stored with their affected packages (keys, ranges, versions), read
 * back by loadOsvPackages; re-import a no-op; a changed record replaces its packages and logs every CVE id
 * it files under before or after; a bad record reported while the others are stored; a withdrawn record
 * keeps its row and loses its packages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { ALL_RECORDS, LODASH, osvRecord, WITHDRAWN } from '../sources/osv-fixtures.js';
import { cveChangesSince, importOsv, lastVulnChangeSeq, loadOsvPackages } from './index.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

for (const { engine, skip } of testEngines()) {
  describe(`OSV import on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => { store = await openAccessTestStore(engine); });
    after(async () => store?.dispose());

    test('records and their affected packages stored, read back for the matcher; one change row per CVE id', async () => {
      const r = await importOsv(store.db, json(ALL_RECORDS));
      assert.deepEqual([r.source, r.read, r.inserted, r.updated, r.unchanged, r.rejected, r.packages], ['osv', 7, 7, 0, 0, 0, 8]);
      assert.deepEqual(r.changedCveIds, ['CVE-2021-23337', 'CVE-2021-44228', 'CVE-2021-45046', 'CVE-2023-0286', 'CVE-2025-20001', 'CVE-2025-20002', 'OSV-2025-7', 'PYSEC-2024-42']);
      const changes = await cveChangesSince(store.db, 0);
      assert.deepEqual(changes.filter((c) => c.source === 'osv').map((c) => c.cveId), r.changedCveIds);
      const pk = await loadOsvPackages(store.db);
      assert.equal(pk.length, 8);
      const log4j = pk.find((p) => p.advisoryId === 'GHSA-jfh8-c2jp-5v3q')!;
      assert.deepEqual([log4j.type, log4j.namespace, log4j.name, log4j.ecosystem, log4j.cveIds], ['maven', 'org.apache.logging.log4j', 'log4j-core', 'Maven', ['CVE-2021-44228', 'CVE-2021-45046']]);
      assert.equal(log4j.ranges[0]!.events.length, 6);
      assert.equal(log4j.modified, '2025-01-10T12:00:00.000Z');
      const deb = pk.find((p) => p.advisoryId === 'DSA-5343-1')!;
      assert.deepEqual([deb.type, deb.namespace, deb.name], ['deb', 'debian', 'openssl']);
      assert.deepEqual(pk.find((p) => p.advisoryId === 'PYSEC-2024-42')!.versions, ['1.0', '1.1rc1']);
      assert.deepEqual((await loadOsvPackages(store.db, { cveIds: ['CVE-2021-45046'] })).map((p) => p.advisoryId), ['GHSA-jfh8-c2jp-5v3q']);
    });

    test('re-importing the same records writes nothing and logs nothing', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const r = await importOsv(store.db, json(ALL_RECORDS), { batchSize: 3 });
      assert.deepEqual([r.read, r.inserted, r.updated, r.unchanged, r.changes], [7, 0, 0, 7, 0]);
      assert.equal(await lastVulnChangeSeq(store.db), seq);
    });

    test('a changed record replaces its packages; CVE ids before and after are logged', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const changed = { ...LODASH, modified: '2025-02-01T00:00:00Z', aliases: ['CVE-2025-29999'], affected: [
        { package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.22' }] }] },
        { package: { ecosystem: 'npm', name: 'lodash-es' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.22' }] }] },
      ] };
      const r = await importOsv(store.db, json(changed));
      assert.deepEqual([r.inserted, r.updated, r.changedCveIds], [0, 1, ['CVE-2021-23337', 'CVE-2025-29999']]);
      assert.deepEqual((await cveChangesSince(store.db, seq)).map((c) => [c.source, c.cveId]), [['osv', 'CVE-2021-23337'], ['osv', 'CVE-2025-29999']]);
      const mine = (await loadOsvPackages(store.db)).filter((p) => p.advisoryId === LODASH.id);
      assert.deepEqual(mine.map((p) => [p.name, p.cveIds, p.ranges[0]!.events[1]]), [['lodash', ['CVE-2025-29999'], { fixed: '4.17.22' }], ['lodash-es', ['CVE-2025-29999'], { fixed: '4.17.22' }]]);
    });

    test('a bad record is reported (file, index, id, field, reason); the others in its file are stored', async () => {
      const bad = osvRecord('GHSA-bad0-0000-0001', [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }] }]);
      const good = osvRecord('GHSA-good-0000-0001', [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }], { aliases: ['CVE-2025-20010'] });
      const r = await importOsv(store.db, json([bad, good]));
      assert.deepEqual([r.read, r.inserted, r.rejected], [2, 1, 1]);
      assert.deepEqual(r.errors, [{ index: 0, file: '(document)', id: 'GHSA-bad0-0000-0001', field: 'affected[0].ranges[0].events', reason: 'a range needs an introduced event' }]);
      const [{ n }] = await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM osv_advisory WHERE id = 'GHSA-bad0-0000-0001'") as [{ n: number }];
      assert.equal(n, 0);
    });

    test('a withdrawn record keeps its row and loses its packages; its CVE ids are logged', async () => {
      const live = { ...WITHDRAWN, withdrawn: undefined, modified: '2025-01-10T00:00:00Z' };
      await importOsv(store.db, json(live));
      assert.equal((await loadOsvPackages(store.db)).filter((p) => p.advisoryId === WITHDRAWN.id).length, 1);
      const seq = await lastVulnChangeSeq(store.db);
      const r = await importOsv(store.db, json(WITHDRAWN));
      assert.deepEqual([r.updated, r.withdrawn, r.packages, r.changedCveIds], [1, 1, 0, ['CVE-2025-20003']]);
      assert.deepEqual((await cveChangesSince(store.db, seq)).map((c) => c.cveId), ['CVE-2025-20003']);
      assert.equal((await loadOsvPackages(store.db)).filter((p) => p.advisoryId === WITHDRAWN.id).length, 0);
      const [row] = await store.db.query<{ withdrawn: string | null }>(`SELECT withdrawn::text AS withdrawn FROM osv_advisory WHERE id = $1`, [WITHDRAWN.id]);
      assert.ok(row?.withdrawn);
    });
  });
}
