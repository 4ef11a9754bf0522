import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../demo/prng.js';
import { compileComponent } from '../component.js';
import { evaluateCve } from '../evaluate.js';
import { compileConfigurations, type NvdConfiguration, type NvdCpeMatch } from '../nvd-config.js';
import { CveCompiler, type EngineEntry, isDeviceLevel, productKeyOf, ROLE_GATED } from './compile.js';
import { deviceStatuses } from './device-eval.js';
import { ExposureEngine } from './engine.js';
import { classify, foldRecords, GroupTable, platformState } from './groups.js';
import { entryAt, matchable } from './identities.js';
import { allFindings, component, cve, platform, system, vuln } from './test-support.js';
import type { EngineComponent, EngineCve, FindingsDelta } from './types.js';

// Products and platforms that collide often; platform entries with bounds make the platform undecidable
// for an unversioned or pattern-versioned component.
const APPS = ['a:acme:browser', 'a:acme:plugin'];
const PLATFORMS = ['o:acme:win', 'o:acme:linux', 'o:acme:mac', 'h:ics:plc'];
const VERSIONS = ['1.0', '1.5', '2.0', '2.1.3', '3.0', '7.*'];

function shapes(seed: number) {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const app = (): NvdCpeMatch => {
    const x = r();
    if (x < 0.4) return vuln(`cpe:2.3:${pick(APPS)}:*:*:*:*:*:*:*:*`, { versionEndExcluding: pick(VERSIONS.slice(0, 5)) }, `M${Math.floor(r() * 1e6)}`);
    if (x < 0.6) return vuln(`cpe:2.3:${pick(APPS)}:${pick(VERSIONS.slice(0, 5))}:*:*:*:*:*:*:*`, {}, `M${Math.floor(r() * 1e6)}`);
    return vuln(`cpe:2.3:${pick(APPS)}:*:*:*:*:*:*:*:*`, { versionStartIncluding: '1.5', versionEndIncluding: pick(['2.0', '3.0']) }, `M${Math.floor(r() * 1e6)}`);
  };
  const plat = (): NvdCpeMatch => (r() < 0.2
    ? { ...platform(`cpe:2.3:${pick(PLATFORMS)}:*:*:*:*:*:*:*:*`), versionEndExcluding: '2.0' }
    : platform(`cpe:2.3:${pick(PLATFORMS)}:-:*:*:*:*:*:*:*`));
  const some = <T>(f: () => T, n: number): T[] => Array.from({ length: 1 + Math.floor(r() * n) }, f);
  const configuration = (): NvdConfiguration => {
    const x = r();
    if (x < 0.2) return { nodes: [{ operator: 'OR', cpeMatch: some(app, 2) }] };
    if (x < 0.3) return { nodes: [{ operator: 'OR', cpeMatch: [...some(app, 2), ...some(plat, 2)] }] };
    if (x < 0.65) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: some(app, 2) }, { operator: 'OR', cpeMatch: some(plat, 3) }] };
    if (x < 0.75) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: some(app, 2) }, { operator: 'OR', negate: true, cpeMatch: some(plat, 2) }] };
    if (x < 0.82) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: some(app, 1) }, { operator: 'AND', cpeMatch: [plat(), plat()] }] };
    if (x < 0.9) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: some(app, 1) }, { operator: 'OR', cpeMatch: some(app, 1) }, { operator: 'OR', cpeMatch: [plat()] }] };
    if (x < 0.95) return { operator: 'AND', negate: true, nodes: [{ operator: 'OR', cpeMatch: some(app, 1) }, { operator: 'OR', cpeMatch: [plat()] }] };
    return { nodes: [{ operator: 'AND', cpeMatch: [app(), plat()] }] };
  };
  const newCve = (id: string): EngineCve => cve(id, some(configuration, 3));
  const newComponent = (id: string, systems: readonly string[]): EngineComponent => {
    const sys = pick(systems);
    const org = `org-${sys.slice(-1)}`;
    const x = r();
    if (x < 0.5) return component(id, sys, org, `cpe:2.3:${pick(APPS)}:${pick(VERSIONS).replace('*', '9')}:*:*:*:*:*:*:*`, r() < 0.15 ? { version: pick(VERSIONS) } : {});
    if (x < 0.6) return component(id, sys, org, null, { vendor: 'Acme', product: pick(['Browser', 'Plugin']), version: r() < 0.5 ? pick(VERSIONS) : null });
    return component(id, sys, org, `cpe:2.3:${pick(PLATFORMS)}:${r() < 0.3 ? pick(VERSIONS).replace('*', '9') : '-'}:*:*:*:*:*:*:*`, r() < 0.1 ? { version: '7.*' } : {});
  };
  return { r, pick, newCve, newComponent };
}

test('a grouped CVE gives each component what deviceStatuses gives it: its own hits, gated by the platform state of its device', () => {
  const groups = new GroupTable();
  const compiler = new CveCompiler();
  let grouped = 0;
  let general = 0;
  let findings = 0;
  const sw = shapes(41);
  for (let k = 0; k < 600; k++) {
    const c = sw.newCve(`CVE-2025-${k}`);
    const compiled = compiler.compile(c.id, c.configurations);
    if (!isDeviceLevel(compiled)) continue;
    const g = classify(compiled);
    if (!g) { general++; continue; }
    grouped++;
    const group = groups.all[groups.of(g.sig, g.platforms)]!;
    const device = Array.from({ length: 1 + Math.floor(sw.r() * 4) }, (_, i) => sw.newComponent(`c${i}`, ['s']))
      .map((x, i) => compileComponent(matchable(x, String(i))));
    const want = new Map<string, number>();
    deviceStatuses(compiled, device, (i, e, st) => { const key = `${i} ${productKeyOf(e)}`; want.set(key, Math.max(want.get(key) ?? 0, st)); });
    // The grouped way: each component's own records, folded at the device's platform state.
    const code = platformState(group, device);
    const got = new Map<string, number>();
    device.forEach((comp, i) => {
      const recs: number[][] = [];
      for (const cfg of compiled.configurations) for (const n of cfg.nodes) for (const e of n.entries as readonly EngineEntry[]) {
        const role = e.role;
        if (!e.entry.vulnerable || !e.wfn) continue;
        const o = evaluateCve({ id: c.id, configurations: [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, entries: [e] }] }] }, [comp]);
        for (const f of o) recs.push([0, e.pk, role >= ROLE_GATED ? role - ROLE_GATED : -1, f.status === 'affected' ? 1 : 0]);
      }
      recs.sort((a, b) => a[1]! - b[1]! || a[2]! - b[2]!);
      foldRecords(Int32Array.from(recs.flat()), 0, recs.length, code, (_s, pk, st) => got.set(`${i} ${compiler.productKeys.names[pk]}`, st));
    });
    assert.deepEqual(got, want, JSON.stringify(c.configurations));
    findings += want.size;
  }
  assert.ok(grouped > 100 && general > 30 && findings > 50, `${grouped} grouped, ${general} general CVEs, ${findings} findings`);
});

test('classify: one group per set of platform signatures; ANDs of vulnerable nodes, negated configurations and ANDed vulnerable entries are general', () => {
  const compile = (configurations: NvdConfiguration[]) => {
    const c = new CveCompiler().compile('CVE-2025-1', configurations);
    return classify(c);
  };
  const win = platform('cpe:2.3:o:acme:win:-:*:*:*:*:*:*:*');
  const mac = platform('cpe:2.3:o:acme:mac:-:*:*:*:*:*:*:*');
  const browser = vuln('cpe:2.3:a:acme:browser:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.0' });
  const onWin = { operator: 'AND' as const, nodes: [{ operator: 'OR' as const, cpeMatch: [browser] }, { operator: 'OR' as const, cpeMatch: [win] }] };
  const onMac = { operator: 'AND' as const, nodes: [{ operator: 'OR' as const, cpeMatch: [browser] }, { operator: 'OR' as const, cpeMatch: [mac] }] };
  const a = compile([onWin]);
  const b = compile([{ ...onWin, nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:plugin:*:*:*:*:*:*:*:*', { versionEndExcluding: '9' })] }, onWin.nodes[1]!] }]);
  assert.equal(a!.sig, b!.sig, 'the same platform, other vulnerable entries: one group');
  assert.notEqual(compile([onWin, onMac])!.sig, a!.sig);
  assert.equal(compile([onWin, onMac])!.platforms.length, 2);
  assert.equal(compile([onMac, onWin])!.sig, compile([onWin, onMac])!.sig, 'signatures are sorted');
  assert.notEqual(compile([{ ...onWin, nodes: [onWin.nodes[0]!, { ...onWin.nodes[1]!, negate: true }] }])!.sig, a!.sig, 'a negated platform is another signature');
  assert.equal(compile([{ ...onWin, negate: true }]), undefined);
  assert.equal(compile([{ operator: 'AND', nodes: [onWin.nodes[0]!, onWin.nodes[0]!, onWin.nodes[1]!] }]), undefined);
  assert.equal(compile([{ nodes: [{ operator: 'AND', cpeMatch: [browser, win] }] }]), undefined);
  assert.equal(compile([{ nodes: [{ operator: 'OR', cpeMatch: [browser, win] }] }])!.platforms.length, 0, 'an OR beside a platform entry: no platform');
});

test('engine = evaluateCve per device (grouped and general CVEs), also after CVEs move between groups, leave them and come back', () => {
  for (const seed of [51, 52, 53, 54]) {
    const sw = shapes(seed);
    const systems = Array.from({ length: 10 }, (_, k) => `sys-${k % 3}${k}`);
    const assets = systems.map((s) => system(s, `org-${s.slice(-1)}`));
    const comps = new Map<string, EngineComponent>();
    const cves = new Map<string, EngineCve>();
    for (let k = 0; k < 30; k++) comps.set(`c${k}`, sw.newComponent(`c${k}`, systems));
    for (let k = 0; k < 20; k++) cves.set(`CVE-2025-${1000 + k}`, sw.newCve(`CVE-2025-${1000 + k}`));
    const e = new ExposureEngine();
    e.load({ assets, components: comps.values(), cves: cves.values() });
    const oracle = (): Map<string, string> => {
      const out = new Map<string, number>();
      for (const s of systems) {
        const device = [...comps.values()].filter((c) => c.systemId === s && (c.cpe || c.product)).map((c) => compileComponent(matchable(c, c.id)));
        for (const c of cves.values()) {
          const compiled = compileConfigurations(c.id, c.configurations);
          const found = isDeviceLevel(compiled) ? evaluateCve(compiled, device) : device.flatMap((d) => evaluateCve(compiled, [d]));
          for (const f of found) {
            if (f.componentId === '') continue;
            const key = `${f.componentId}|${c.id}|${productKeyOf(entryAt(compiled, f.path))}`;
            out.set(key, Math.max(out.get(key) ?? 0, f.status === 'affected' ? 1 : 0));
          }
        }
      }
      return new Map([...out].sort().map(([k, st]) => [k, st === 1 ? 'affected' : 'undecidable']));
    };
    const sorted = (m: Map<string, string>) => new Map([...m].sort());
    assert.deepEqual(sorted(allFindings(e)), oracle(), `seed ${seed}: after load`);
    let now = allFindings(e);
    for (let step = 0; step < 60; step++) {
      let d: FindingsDelta;
      if (sw.r() < 0.5) {
        const id = `CVE-2025-${1000 + Math.floor(sw.r() * 24)}`;
        const c = sw.newCve(id);
        cves.set(id, c);
        d = e.upsertCve(c);
      } else {
        const id = `c${Math.floor(sw.r() * 36)}`;
        const c = sw.newComponent(id, systems);
        comps.set(id, c);
        d = e.upsertComponent(c);
      }
      const next = allFindings(e);
      const added = [...d.addedKeys()];
      const removed = [...d.removedKeys()];
      const changed = [...d.changedKeys()];
      assert.deepEqual([added.length, removed.length, changed.length], [d.added, d.removed, d.changed], 'counts match the keys');
      assert.deepEqual(added.sort(), [...next.keys()].filter((k) => !now.has(k)).sort(), `seed ${seed} step ${step}: added`);
      assert.deepEqual(removed.sort(), [...now.keys()].filter((k) => !next.has(k)).sort(), `seed ${seed} step ${step}: removed`);
      assert.deepEqual(changed.sort(), [...next.keys()].filter((k) => now.has(k) && now.get(k) !== next.get(k)).sort(), `seed ${seed} step ${step}: changed`);
      now = next;
      if (step % 15 === 14) assert.deepEqual(sorted(now), oracle(), `seed ${seed} step ${step}: equals evaluateCve`);
    }
  }
});
