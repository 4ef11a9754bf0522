import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../demo/prng.js';
import type { NvdConfiguration, NvdCpeMatch } from '../nvd-config.js';
import { ExposureEngine } from './engine.js';
import { allFindings, component, cve, platform, system, vuln } from './test-support.js';
import type { EngineComponent, EngineCve, FindingsDelta } from './types.js';

// A small world where random CVEs and components collide often.
const APPS = ['a:acme:web', 'a:acme:db', 'o:acme:os'];
const FIRMWARE = [['o:ics:plc_firmware', 'h:ics:plc'], ['o:ics:rtu_firmware', 'h:ics:rtu']] as const;
const VERSIONS = ['1.0', '1.2', '2.0', '2.1.3', '3.0', 'V3.1 SP2', '4.0-beta', '7.*'];

function world(seed: number) {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const bounds = (): Partial<NvdCpeMatch> => {
    const x = r();
    if (x < 0.3) return { versionEndExcluding: pick(VERSIONS.slice(0, 6)) };
    if (x < 0.5) return { versionStartIncluding: pick(['1.0', '2.0']), versionEndIncluding: pick(['2.1.3', '3.0']) };
    return {};
  };
  const entry = (key: string): NvdCpeMatch => {
    const fixed = r() < 0.3 ? pick(VERSIONS.slice(0, 5)) : '*';
    return vuln(`cpe:2.3:${key}:${fixed}:*:*:*:*:*:*:*`, fixed === '*' ? bounds() : {}, `M${Math.floor(r() * 1e6)}`);
  };
  const configuration = (): NvdConfiguration => {
    const x = r();
    if (x < 0.45) return { nodes: [{ operator: 'OR', cpeMatch: Array.from({ length: 1 + Math.floor(r() * 3) }, () => entry(pick(APPS))) }] };
    const [fw, hw] = pick(FIRMWARE);
    if (x < 0.8) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: [entry(fw)] }, { operator: 'OR', cpeMatch: [platform(`cpe:2.3:${hw}:-:*:*:*:*:*:*:*`)] }] };
    if (x < 0.9) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: [entry(pick(APPS))] }, { operator: 'OR', negate: true, cpeMatch: [platform(`cpe:2.3:${hw}:-:*:*:*:*:*:*:*`)] }] };
    return { nodes: [{ operator: 'AND', cpeMatch: [entry(pick(APPS)), entry(pick(APPS))] }] };
  };
  const newCve = (id: string): EngineCve => cve(id, Array.from({ length: 1 + Math.floor(r() * 2) }, configuration));
  const newComponent = (id: string, systems: string[]): EngineComponent => {
    const sys = pick(systems);
    const org = `org-${sys.slice(-1)}`;
    const x = r();
    if (x < 0.4) return component(id, sys, org, `cpe:2.3:${pick(APPS)}:${pick(VERSIONS.slice(0, 5)).replace(' ', '_')}:*:*:*:*:*:*:*`);
    if (x < 0.55) return component(id, sys, org, null, { vendor: 'Acme', product: pick(['Web', 'DB']), version: pick(VERSIONS) });
    const [fw, hw] = pick(FIRMWARE);
    if (x < 0.8) return component(id, sys, org, `cpe:2.3:${fw}:${pick(VERSIONS.slice(0, 5))}:*:*:*:*:*:*:*`, r() < 0.2 ? { version: pick(VERSIONS) } : {});
    return component(id, sys, org, `cpe:2.3:${hw}:-:*:*:*:*:*:*:*`);
  };
  return { r, pick, newCve, newComponent };
}

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
