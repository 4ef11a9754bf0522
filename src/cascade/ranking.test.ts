import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CascadeEngine } from './engine.js';
import { asset, dep } from './fixtures.js';

const counts = (e: CascadeEngine, ids: string[], horizonHours: number | null = null) =>
  Object.fromEntries(ids.map((id) => [id, e.ranking({ horizonHours }).entry(id)!.assetsLost]));

test('ranking: chains, AND needs, dual feeds (dominators) and cycles', () => {
  // GSP → PRI → SEC → {H1, H2}; H1 also needs EX (AND); H2 has a dual feed SEC|SEC2
  const ids = ['GSP', 'PRI', 'SEC', 'SEC2', 'EX', 'H1', 'H2'];
  const e = new CascadeEngine(
    ids.map((id) => asset(id, { populationServed: 10 })),
    [
      dep('GSP', 'PRI'), dep('PRI', 'SEC'), dep('PRI', 'SEC2'), dep('SEC', 'H1'), dep('EX', 'H1', { service: 'telecoms' }),
      dep('SEC', 'H2', { alternateGroup: 'f' }), dep('SEC2', 'H2', { alternateGroup: 'f' }),
      dep('PRI', 'EX', { backupHours: 10 }), dep('EX', 'PRI', { service: 'telecoms', backupHours: 4 }),
    ],
  );
  // GSP fails PRI, EX (cycle), SEC, SEC2, H1, H2; EX fails PRI and everything under it
  assert.deepEqual(counts(e, ids), { GSP: 7, PRI: 6, SEC: 2, SEC2: 1, EX: 6, H1: 1, H2: 1 });
  assert.equal(e.ranking().entry('GSP')!.peopleAffected, 70);
  assert.deepEqual(e.ranking().top(2).map((r) => r.assetId), ['GSP', 'EX']);
  // with a 5 h horizon, EX's 10 h battery at... PRI→EX (10 h) does not run out; EX→PRI (4 h) does
  assert.deepEqual(counts(e, ids, 5), { GSP: 6, PRI: 5, SEC: 2, SEC2: 1, EX: 6, H1: 1, H2: 1 });
});

test('single points of failure: assets whose loss alone loses a need of a CAT 3+ asset', () => {
  const e = new CascadeEngine(
    [asset('S1', { criticality: 1 }), asset('S2', { criticality: 1 }), asset('UP', { criticality: 1 }), asset('W', { criticality: 1 }),
      asset('HOSP', { criticality: 4 }), asset('SHOP', { criticality: 1 })],
    [
      dep('UP', 'S1'), dep('UP', 'S2'),
      dep('S1', 'HOSP', { alternateGroup: 'feed' }), dep('S2', 'HOSP', { alternateGroup: 'feed' }),
      dep('W', 'HOSP', { service: 'water', shareLost: 0.4 }),
      dep('S1', 'SHOP'),
    ],
  );
  const r = e.ranking();
  const spofs = r.singlePointsOfFailure();
  const flat = spofs.flatMap((s) => s.dependents.map((d) => [s.assetId, d.assetId, d.services.join(','), d.fails]));
  assert.deepEqual(flat.sort(), [['UP', 'HOSP', 'power', true], ['W', 'HOSP', 'water', false]]);
  assert.equal(r.spofCount, 2);
  assert.deepEqual(r.singlePointOfFailure('UP')!.dependents[0]!.dependencyIds.length, 2);
  assert.equal(r.entry('UP')!.criticalNeedsCut, 1);
  assert.equal(r.entry('S1')!.criticalNeedsCut, 0);
  assert.equal(e.ranking().entry('UP')!.assetsLost, 5);
});

test('ranking with all needs of one member is reachability; with all alternates it is domination', () => {
  const chain = new CascadeEngine(['a', 'b', 'c', 'd'].map((id) => asset(id)), [dep('a', 'b'), dep('b', 'c'), dep('a', 'd'), dep('d', 'c')]);
  assert.deepEqual(counts(chain, ['a', 'b', 'c', 'd']), { a: 4, b: 2, c: 1, d: 2 });
  const dom = new CascadeEngine(['a', 'b', 'c', 'd'].map((id) => asset(id)),
    [dep('a', 'b'), dep('a', 'd'), dep('b', 'c', { alternateGroup: 'x' }), dep('d', 'c', { alternateGroup: 'x' })]);
  assert.deepEqual(counts(dom, ['a', 'b', 'c', 'd']), { a: 4, b: 1, c: 1, d: 1 });
});
