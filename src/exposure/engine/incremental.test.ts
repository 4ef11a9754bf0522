import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExposureEngine } from './engine.js';
import { allFindings, system, world } from './test-support.js';
import type { EngineComponent, EngineCve, FindingsDelta } from './types.js';

function applyDelta(m: Map<string, string>, d: FindingsDelta, now: Map<string, string>): void {
  for (const k of d.removedKeys()) { assert.ok(m.has(k), `removed ${k} was not there`); m.delete(k); }
  for (const k of d.addedKeys()) { assert.ok(!m.has(k), `added ${k} was there`); m.set(k, now.get(k) ?? '?'); }
  for (const k of d.changedKeys()) { assert.ok(m.has(k), `changed ${k} was not there`); m.set(k, now.get(k) ?? '?'); }
}

const stats: number[] = [];
for (const seed of [1, 2, 3, 4, 5]) {
  test(`incremental = full re-evaluation on a random register (seed ${seed}), and each delta says exactly what changed`, () => {
    const w = world(seed);
    const systems = Array.from({ length: 12 }, (_, k) => `sys-${k % 4}${k}`);
    const assets = systems.map((s) => system(s, `org-${s.slice(-1)}`));
    const comps = new Map<string, EngineComponent>();
    const cves = new Map<string, EngineCve>();
    for (let k = 0; k < 30; k++) comps.set(`c${k}`, w.newComponent(`c${k}`, systems));
    for (let k = 0; k < 15; k++) cves.set(`CVE-2024-${1000 + k}`, w.newCve(`CVE-2024-${1000 + k}`));
    const e = new ExposureEngine();
    e.load({ assets, components: comps.values(), cves: cves.values() });
    let expected = allFindings(e);
    for (let step = 0; step < 120; step++) {
      const x = w.r();
      let d: FindingsDelta;
      if (x < 0.3) {
        const id = `CVE-2024-${1000 + Math.floor(w.r() * 25)}`;
        const c = w.newCve(id);
        cves.set(id, c);
        d = e.upsertCve(c);
      } else if (x < 0.4) {
        const id = w.pick([...cves.keys()]);
        cves.delete(id);
        d = e.removeCve(id);
      } else if (x < 0.85) {
        const id = `c${Math.floor(w.r() * 40)}`;
        const c = w.newComponent(id, systems);
        comps.set(id, c);
        d = e.upsertComponent(c);
      } else {
        const id = w.pick([...comps.keys()]);
        comps.delete(id);
        d = e.removeComponent(id);
      }
      const now = allFindings(e);
      applyDelta(expected, d, now);
      assert.deepEqual(expected, now, `step ${step}: the delta accounts for every change`);
      expected = now;
      if (step % 20 === 19 || step === 119) {
        const fresh = new ExposureEngine();
        fresh.load({ assets, components: comps.values(), cves: cves.values() });
        assert.deepEqual(new Map([...now].sort()), new Map([...allFindings(fresh)].sort()), `step ${step}: incremental equals full`);
      }
    }
    assert.ok(expected.size > 0, "the random world has findings");
    stats.push([...expected].filter(([k]) => k.includes("firmware")).length, [...expected.values()].filter((s) => s === "undecidable").length);
  });
}

test('the random worlds exercise running-on firmware and undecidable findings', () => {
  const firmware = stats.filter((_, k) => k % 2 === 0).reduce((a, b) => a + b, 0);
  const undecidable = stats.filter((_, k) => k % 2 === 1).reduce((a, b) => a + b, 0);
  assert.ok(firmware > 0 && undecidable > 0, `firmware ${firmware}, undecidable ${undecidable}`);
});
