/**
 * The engines' read of the register on both engines: loadRegister gives every record with the
 * right types and the snapshot's change seq; streamRegister pages; changesSince follows writes
 * and deletes in order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, type TestStore } from '../store/test-engines.js';
import { openAccessTestStore, SYSTEM } from '../access/test-support.js';
import { createServices, type AppServices } from '../app.js';
import { changesSince, loadRegister, streamRegister } from './load.js';
import { allJsonLines, COMPONENTS, DEPENDENCIES, SITES, SYSTEMS } from './test-fixtures.js';

for (const { engine, skip } of testEngines()) {
  describe(`register load and changes on ${engine}`, { skip }, () => {
    let store: TestStore;
    let svc: AppServices;

    before(async () => {
      store = await openAccessTestStore(engine);
      svc = createServices(store.db, { loginRateLimit: 10, importBatchSize: 500 });
      const r = await svc.register.import(SYSTEM, [{ name: 'fixtures', format: 'json', text: allJsonLines() }]);
      assert.equal(r.ok, true, JSON.stringify(r.errors));
    });
    after(async () => store?.dispose());

    test('loadRegister leaves out dependencies or components when asked', async () => {
      const snap = await loadRegister(svc.db, { dependencies: false });
      assert.equal(snap.dependencies.length, 0);
      assert.equal(snap.components.length, COMPONENTS.length);
      assert.equal((await loadRegister(svc.db, { components: false })).components.length, 0);
    });

    test('loadRegister returns every asset, dependency and component, typed as the model says', async () => {
      const snap = await loadRegister(svc.db);
      assert.deepEqual(snap.assets.map((a) => a.id), [...SITES, ...SYSTEMS].map((a) => a.id).sort());
      assert.deepEqual(snap.dependencies.map((d) => d.id), DEPENDENCIES.map((d) => d.id).sort());
      assert.deepEqual(snap.components.map((c) => c.id), COMPONENTS.map((c) => c.id).sort());
      const works = snap.assets.find((a) => a.id === 'aq-works')!;
      assert.deepEqual(works, {
        id: 'aq-works', kind: 'site', orgId: 'aquaflow', name: 'Riverside water treatment works', sector: 'water', subSector: 'treatment', siteId: null,
        region: 'UKC', lat: 54.99, lon: -1.7, criticality: 5, essentialService: 'drinking water', populationServed: 250000, systemType: null, function: null, networkZone: null,
      });
      const d = snap.dependencies.find((x) => x.id === 'dep-aq-power-1')!;
      assert.deepEqual(d, {
        id: 'dep-aq-power-1', dependentId: 'aq-works', providerId: 'ng-sub-1', orgId: 'aquaflow', type: 'physical', service: 'power', timeToImpactHours: 0,
        backupKind: 'generator', backupHours: 24, backupHoursLow: 12, backupHoursHigh: 48, shareLost: 1, recoveryHours: 2, alternateGroup: 'feed', failureProbability: 1,
      });
      assert.equal(snap.components.find((c) => c.id === 'ng-scada-rtu')!.internetExposed, true);
      assert.equal(snap.seq, 2 + 5 + 3 + 4);
      // the same through the one-record read
      assert.deepEqual(await svc.register.getAsset(SYSTEM, 'aq-works'), works);
    });

    test('streamRegister yields the seq first, then pages of the requested size', async () => {
      const kinds: string[] = [];
      for await (const b of streamRegister(svc.db, { pageSize: 2, components: false })) kinds.push('seq' in b ? `seq ${b.seq}` : `${b.entity} ${b.records.length}`);
      assert.deepEqual(kinds, ['seq 14', 'asset 2', 'asset 2', 'asset 1', 'dependency 2', 'dependency 2']);
    });

    test('changesSince lists writes and deletes after a seq, in order; a reload includes them', async () => {
      const { seq } = await loadRegister(svc.db, { components: false });
      await svc.register.updateAsset(SYSTEM, 'ng-sub-2', { criticality: 5 });
      await svc.register.deleteDependency(SYSTEM, 'dep-ng-sub2-sub1');
      await svc.register.createComponent(SYSTEM, { id: 'ng-scada-fw', systemId: 'ng-scada', name: 'Firmware', vendor: 'Hitachi Energy', product: 'RTU560', version: '13.2.2' });
      const ch = await changesSince(svc.db, seq);
      assert.deepEqual(ch.map((c) => [c.seq - seq, c.entity, c.id, c.op]), [
        [1, 'asset', 'ng-sub-2', 'upsert'], [2, 'dependency', 'dep-ng-sub2-sub1', 'delete'], [3, 'component', 'ng-scada-fw', 'upsert'],
      ]);
      assert.match(ch[0]!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.deepEqual(await changesSince(svc.db, seq + 3), []);
      assert.equal((await changesSince(svc.db, seq, 2)).length, 2);
      const again = await loadRegister(svc.db);
      assert.equal(again.seq, seq + 3);
      assert.equal(again.assets.find((a) => a.id === 'ng-sub-2')!.criticality, 5);
      assert.ok(!again.dependencies.some((d) => d.id === 'dep-ng-sub2-sub1'));
    });

    test('an unchanged write logs no change', async () => {
      const { seq } = await loadRegister(svc.db, { components: false });
      await svc.register.updateAsset(SYSTEM, 'ng-sub-2', { criticality: 5 });
      assert.deepEqual(await changesSince(svc.db, seq), []);
    });
  });
}

for (const { engine, skip } of testEngines()) {
  describe(`register change log order on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => {
      store = await openAccessTestStore(engine);
      await store.db.query(`INSERT INTO register_change (entity, id, op) SELECT 'component', 'c-' || n, 'upsert' FROM generate_series(1, 123) n`);
    });
    after(async () => store?.dispose());

    test('changesSince gives every change once, in sequence order, across powers of ten and in rounds cut by the limit', async () => {
      const seen: number[] = [];
      let last = 0;
      for (let rounds = 0; rounds < 100; rounds++) {
        const page = await changesSince(store.db, last, 7);
        if (page.length === 0) break;
        seen.push(...page.map((c) => c.seq));
        last = page[page.length - 1]!.seq;
      }
      assert.deepEqual(seen, Array.from({ length: 123 }, (_, i) => i + 1));
      const [tenth] = await changesSince(store.db, 9, 1);
      assert.deepEqual([tenth!.seq, tenth!.id], [10, 'c-10']);
    });
  });
}
