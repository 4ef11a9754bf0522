import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CascadeEngine } from './engine.js';
import { asset, dep, located } from './fixtures.js';
import type { CascadeResult } from './scenario.js';

const timeline = (r: CascadeResult) => r.events.map((e) => [e.assetId, e.timeHours] as const);

test('AND needs: an asset needing power and telecoms fails when either is lost, at its time to impact', () => {
  const e = new CascadeEngine(
    ['P', 'T', 'H'].map((id) => asset(id)),
    [dep('P', 'H', { timeToImpactHours: 2 }), dep('T', 'H', { service: 'telecoms', timeToImpactHours: 5 })],
  );
  assert.deepEqual(timeline(e.scenario({ initialFailures: ['P'] })), [['P', 0], ['H', 2]]);
  assert.deepEqual(timeline(e.scenario({ initialFailures: ['T'] })), [['T', 0], ['H', 5]]);
  const both = e.scenario({ initialFailures: ['T', 'P'] });
  assert.deepEqual(timeline(both), [['P', 0], ['T', 0], ['H', 2]]);
  assert.deepEqual(both.events[2]!.need!.services, ['power']);
});

test('alternates: a dual feed fails only when both feeds are lost, at the later time', () => {
  const e = new CascadeEngine(
    ['S1', 'S2', 'X', 'H'].map((id) => asset(id)),
    [
      dep('S1', 'H', { alternateGroup: 'feed', timeToImpactHours: 1 }),
      dep('S2', 'H', { alternateGroup: 'feed', timeToImpactHours: 1 }),
      dep('X', 'S2', { timeToImpactHours: 3 }),
    ],
  );
  assert.deepEqual(timeline(e.scenario({ initialFailures: ['S1'] })), [['S1', 0]]);
  const r = e.scenario({ initialFailures: ['S1', 'X'], chains: true });
  assert.deepEqual(timeline(r), [['S1', 0], ['X', 0], ['S2', 3], ['H', 4]]);
  const h = r.events[3]!;
  assert.deepEqual(h.need!.providers.map((p) => [p.providerId, p.providerFailedAt, p.lostAt]), [['S1', 0, 1], ['S2', 3, 4]]);
  // the chain follows the feed lost last
  assert.deepEqual(h.chain!.map((l) => l.assetId), ['H', 'S2', 'X']);
  assert.deepEqual(h.chain!.map((l) => l.viaDependencyId !== undefined), [true, true, false]);
  assert.equal(r.events[h.causeEvent!]!.assetId, 'S2');
  assert.equal(r.events[r.events[h.causeEvent!]!.causeEvent!]!.assetId, 'X');
  assert.equal(r.events[2]!.causeEvent, 1);
  assert.equal(e.scenario({ initialFailures: ['S1', 'X'] }).events[3]!.chain, undefined);
  assert.equal(e.scenario({ initialFailures: ['S1', 'X'], horizonHours: 3.5 }).events.length, 3);
});

test('backups: a generator that outlasts the horizon keeps the asset up; after it runs out the asset fails', () => {
  const e = new CascadeEngine(
    [asset('GRID'), asset('HOSP', { populationServed: 1000, essentialService: 'acute care', sector: 'health' })],
    [dep('GRID', 'HOSP', { id: 'd-gen', backupKind: 'generator', backupHours: 48, timeToImpactHours: 0.5 })],
  );
  const short = e.scenario({ initialFailures: ['GRID'], horizonHours: 24 });
  assert.deepEqual(timeline(short), [['GRID', 0]]);
  const long = e.scenario({ initialFailures: ['GRID'], horizonHours: 72 });
  assert.deepEqual(timeline(long), [['GRID', 0], ['HOSP', 48.5]]);
  const p = long.events[1]!.need!.providers[0]!;
  assert.equal(p.dependencyId, 'd-gen');
  assert.equal(p.backupKind, 'generator');
  assert.equal(p.backupRanOutAt, 48.5);
  assert.deepEqual(long.impact, [{ timeHours: 0, assetsLost: 1, peopleAffected: 0 }, { timeHours: 48.5, assetsLost: 2, peopleAffected: 1000 }]);
  assert.deepEqual(long.byEssentialService, [{ essentialService: 'acute care', points: [{ timeHours: 48.5, peopleAffected: 1000 }] }]);
  assert.deepEqual(long.bySector.find((s) => s.sector === 'health')!.points, [{ timeHours: 48.5, peopleAffected: 1000 }]);
  // no horizon: sustained loss, every finite backup runs out
  assert.equal(e.scenario({ initialFailures: ['GRID'] }).events.length, 2);
});

test('partial shares degrade without failing, and a degraded asset does not propagate', () => {
  const e = new CascadeEngine(
    ['W', 'F', 'B', 'D'].map((id) => asset(id)),
    [
      dep('W', 'B', { service: 'water', shareLost: 0.3, timeToImpactHours: 4 }),
      dep('F', 'B', { service: 'fuel', shareLost: 0.5, timeToImpactHours: 6 }),
      dep('B', 'D', { service: 'data' }),
    ],
  );
  const r = e.scenario({ initialFailures: ['W', 'F'] });
  assert.deepEqual(timeline(r), [['F', 0], ['W', 0]]);
  assert.equal(r.degraded.length, 1);
  assert.equal(r.degraded[0]!.assetId, 'B');
  assert.ok(Math.abs(r.degraded[0]!.remainingFunction - 0.2) < 1e-12);
  assert.deepEqual(r.degraded[0]!.lostNeeds.map((n) => [n.timeHours, n.services[0], n.share]), [[4, 'water', 0.3], [6, 'fuel', 0.5]]);
  assert.equal(e.scenario({ initialFailures: ['W', 'F'], horizonHours: 5 }).degraded[0]!.remainingFunction, 0.7);
});

test('cycles: an AND cycle fails together; an OR cycle keeps itself up', () => {
  const and = new CascadeEngine(
    ['SUB', 'EXCH', 'GSP'].map((id) => asset(id)),
    [dep('GSP', 'SUB'), dep('SUB', 'EXCH', { timeToImpactHours: 1, backupHours: 4 }), dep('EXCH', 'SUB', { service: 'telecoms', backupHours: 2 })],
  );
  assert.deepEqual(timeline(and.scenario({ initialFailures: ['EXCH'] })), [['EXCH', 0], ['SUB', 2]]);
  assert.deepEqual(timeline(and.scenario({ initialFailures: ['GSP'] })), [['GSP', 0], ['SUB', 0], ['EXCH', 5]]);
  // A and B each need the other or their own feed: losing both feeds leaves the pair up (least fixpoint)
  const or = new CascadeEngine(
    ['A', 'B', 'P1', 'P2'].map((id) => asset(id)),
    [
      dep('B', 'A', { alternateGroup: 'g' }), dep('P1', 'A', { alternateGroup: 'g' }),
      dep('A', 'B', { alternateGroup: 'g' }), dep('P2', 'B', { alternateGroup: 'g' }),
    ],
  );
  assert.deepEqual(timeline(or.scenario({ initialFailures: ['P1', 'P2'] })), [['P1', 0], ['P2', 0]]);
  assert.deepEqual(timeline(or.scenario({ initialFailures: ['P1', 'B'] })), [['A', 0], ['B', 0], ['P1', 0]]);
});

test('a service lost in a region cuts those dependencies at 0 whatever their provider does; backups still run', () => {
  const e = new CascadeEngine(
    [asset('P', { region: 'UKM' }), asset('L', { region: 'UKI' }), asset('M', { region: 'UKM' }), asset('X', { region: 'UKI' }), asset('G', { region: 'UKI' })],
    [
      dep('P', 'L', { id: 'p-l', timeToImpactHours: 3 }), dep('P', 'M', { timeToImpactHours: 3 }), dep('L', 'X', { service: 'data', timeToImpactHours: 1 }),
      dep('P', 'G', { backupKind: 'generator', backupHours: 24, timeToImpactHours: 0.5 }),
    ],
  );
  const r = e.scenario({ servicesLost: [{ service: 'power', region: 'UKI' }], chains: true });
  assert.deepEqual(timeline(r), [['L', 3], ['X', 4], ['G', 24.5]]);
  assert.deepEqual(r.events[0]!.rootServiceLoss, { service: 'power', region: 'UKI' });
  const pl = r.events[0]!.need!.providers[0]!;
  assert.deepEqual([pl.providerFailedAt, pl.lostAt, pl.backupRanOutAt], [null, 3, null]);
  assert.equal(r.events[2]!.need!.providers[0]!.backupRanOutAt, 24.5);
  assert.deepEqual(r.events[1]!.chain!.map((l) => l.assetId), ['X', 'L']);
  assert.deepEqual(r.events[1]!.rootServiceLoss, { service: 'power', region: 'UKI' });
  assert.deepEqual(timeline(e.scenario({ servicesLost: [{ service: 'power', region: 'UKI' }], horizonHours: 24 })), [['L', 3], ['X', 4]]);
  // the provider failing too does not lose the cut dependency twice
  assert.deepEqual(timeline(e.scenario({ initialFailures: ['P'], servicesLost: [{ service: 'power', region: 'UKI' }] })), [['P', 0], ['L', 3], ['M', 3], ['X', 4], ['G', 24.5]]);
});

test('area scenarios: a radius and a polygon fail every located asset inside at 0', () => {
  const e = new CascadeEngine(
    [located('IN1', 51.5, -0.12), located('IN2', 51.52, -0.1), located('OUT', 53.48, -2.24, 'UKD'), asset('NOWHERE'), asset('DEP')],
    [dep('IN1', 'DEP', { timeToImpactHours: 2 })],
  );
  assert.deepEqual(timeline(e.scenario({ areas: [{ centre: [51.51, -0.11], radiusKm: 5 }] })), [['IN1', 0], ['IN2', 0], ['DEP', 2]]);
  const poly = e.scenario({ areas: [{ polygon: [[53, -3], [54, -3], [54, -2], [53, -2]] }] });
  assert.deepEqual(timeline(poly), [['OUT', 0]]);
  assert.deepEqual(e.scenario({ initialFailures: ['nope'] }).unknownAssets, ['nope']);
});

test('kept current: upserts and removals are reflected by the next query', () => {
  const e = new CascadeEngine([asset('A'), asset('B')], []);
  assert.equal(e.scenario({ initialFailures: ['A'] }).events.length, 1);
  e.upsertDependency(dep('A', 'B', { id: 'ab' }));
  assert.equal(e.scenario({ initialFailures: ['A'] }).events.length, 2);
  e.upsertDependency(dep('A', 'B', { id: 'ab', shareLost: 0.5 }));
  assert.equal(e.scenario({ initialFailures: ['A'] }).degraded.length, 1);
  e.upsertDependency(dep('A', 'C', { id: 'ac' })); // C not registered yet: ignored
  assert.equal(e.scenario({ initialFailures: ['A'] }).events.length, 1);
  e.upsertAsset(asset('C', { populationServed: 7 }));
  assert.deepEqual(timeline(e.scenario({ initialFailures: ['A'] })), [['A', 0], ['C', 0]]);
  assert.equal(e.ranking().entry('A')!.peopleAffected, 7);
  assert.ok(e.removeDependency('ac'));
  assert.equal(e.ranking().entry('A')!.assetsLost, 1);
  assert.ok(e.removeAsset('B'));
  assert.equal(e.assetCount, 2);
  assert.equal(e.scenario({ initialFailures: ['A'] }).degraded.length, 0);
  assert.equal(e.ranking().entry('B'), undefined);
});
