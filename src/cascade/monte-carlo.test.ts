import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CascadeEngine } from './engine.js';
import { asset, dep } from './fixtures.js';
import { distribution } from './monte-carlo.js';
import { testRegister } from './testgen.js';

test('Monte Carlo: certain dependencies give the deterministic answer in every run', async () => {
  const reg = testRegister({ assets: 2000, seed: 11 });
  const e = new CascadeEngine(reg.assets(), [...reg.dependencies()].map((d) => ({ ...d, failureProbability: 1, backupHoursLow: null, backupHoursHigh: null })));
  const det = e.scenario({ initialFailures: ['a20', 'a21'], horizonHours: 24, chains: false });
  const mc = await e.monteCarlo({ initialFailures: ['a20', 'a21'], horizonHours: 24, runs: 50, seed: 3 });
  assert.equal(mc.assetsLost.min, det.totals.assetsLost);
  assert.equal(mc.assetsLost.max, det.totals.assetsLost);
  assert.equal(mc.peopleAffected.median, det.totals.peopleAffected);
  assert.ok(mc.mostFrequent.every((f) => f.frequency === 1));
});

test('Monte Carlo: deterministic for a seed whatever the number of workers; probabilities and triangular backups', async () => {
  const e = new CascadeEngine(
    ['P', 'A', 'B', 'C'].map((id) => asset(id, { populationServed: 100 })),
    [
      dep('P', 'A', { failureProbability: 0.5 }),
      dep('P', 'B', { backupKind: 'generator', backupHours: 20, backupHoursLow: 10, backupHoursHigh: 30 }),
      dep('A', 'C', { failureProbability: 0.5 }),
    ],
  );
  const input = { initialFailures: ['P'], horizonHours: 20, runs: 4000, seed: 42 };
  const one = await e.monteCarlo({ ...input, workers: 1 });
  const two = await e.monteCarlo({ ...input, workers: 2 });
  assert.deepEqual({ ...one, millis: 0, workers: 0 }, { ...two, millis: 0, workers: 0 });
  const freq = Object.fromEntries(one.mostFrequent.map((f) => [f.assetId, f.frequency]));
  assert.equal(freq.P, 1);
  assert.ok(Math.abs(freq.A! - 0.5) < 0.04, `A ${freq.A}`);
  assert.ok(Math.abs(freq.B! - 0.5) < 0.04, `B ${freq.B}`); // triangular(10, 20, 30) ≤ 20 half the time
  assert.ok(Math.abs(freq.C! - 0.25) < 0.04, `C ${freq.C}`);
  assert.equal(one.assetsLost.min, 1);
  assert.equal(one.assetsLost.max, 4);
  const other = await e.monteCarlo({ ...input, seed: 43 });
  assert.notDeepEqual(other.mostFrequent, one.mostFrequent);
});

test('distribution: mean, median, nearest-rank 90th percentile', () => {
  assert.deepEqual(distribution([5, 1, 3, 2, 4, 6, 7, 8, 9, 10]), { mean: 5.5, median: 5.5, p90: 9, min: 1, max: 10 });
  assert.deepEqual(distribution([2]), { mean: 2, median: 2, p90: 2, min: 2, max: 2 });
});
