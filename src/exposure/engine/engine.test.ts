import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AdvisoryMatcher } from '../advisory.js';
import { compareByPriority } from '../priority/index.js';
import { ExposureEngine } from './engine.js';
import { allFindings, component, cve, runningOn, system, vuln, world } from './test-support.js';

const S7FW = 'cpe:2.3:o:siemens:simatic_s7-1500_firmware:V2.9:*:*:*:*:*:*:*';
const S7HW = 'cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:*';
const FORTI = (v: string) => `cpe:2.3:o:fortinet:fortios:${v}:*:*:*:*:*:*:*`;
const S7_CVE = cve('CVE-2024-0001', [runningOn('siemens:simatic_s7-1500_firmware', 'siemens:simatic_s7-1500', 'V3.1 SP2')]);
const FORTI_CVE = cve('CVE-2024-0002', [{ nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*', { versionStartIncluding: '7.0.0', versionEndExcluding: '7.0.14' }, 'M1')] }] }],
  { cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });

function nation(): ExposureEngine {
  const e = new ExposureEngine({ now: () => new Date('2026-11-25T12:00:00Z') });
  e.load({
    assets: [system('sys-a', 'org-a'), system('sys-b', 'org-a'), system('sys-c', 'org-b', { networkZone: 'dmz', sector: 'energy', criticality: 5 })],
    components: [
      component('fw-a', 'sys-a', 'org-a', S7FW), component('hw-a', 'sys-a', 'org-a', S7HW),
      component('fw-b', 'sys-b', 'org-a', S7FW), // its hardware is on another system
      component('hw-c', 'sys-c', 'org-b', S7HW), component('gw-c', 'sys-c', 'org-b', FORTI('7.0.12'), { internetExposed: true }),
    ],
    cves: [S7_CVE, FORTI_CVE],
  });
  return e;
}

test('running-on: firmware is a finding with its hardware on the same system, not with hardware on another; the hardware never', () => {
  const e = nation();
  const f = allFindings(e);
  assert.deepEqual([...f.keys()].sort(), [
    'fw-a|CVE-2024-0001|o:siemens:simatic_s7-1500_firmware',
    'gw-c|CVE-2024-0002|o:fortinet:fortios',
  ]);
  const x = e.finding('fw-a|CVE-2024-0001|o:siemens:simatic_s7-1500_firmware')!;
  assert.equal(x.status, 'affected');
  assert.equal(x.nvd[0]!.matchCriteriaId, 'FW');
  assert.equal(x.nvd[0]!.path, 'configurations[0].nodes[0].cpeMatch[0]');
  assert.equal(x.nvd[0]!.version?.checks?.[0]?.bound, 'versionEndExcluding');
  assert.deepEqual(x.nvd[0]!.platform.map((p) => p.componentId), ['hw-a'], 'the platform names the hardware component');
  assert.equal(x.component.systemId, 'sys-a');
  assert.equal(x.priority.exposure, 'small');
  assert.equal(e.finding('hw-a|CVE-2024-0001|h:siemens:simatic_s7-1500'), undefined);
});

test('vulnerable:false platforms never become findings, whatever the device runs', () => {
  const e = nation();
  e.upsertCve(cve('CVE-2024-0003', [{ nodes: [{ operator: 'OR', cpeMatch: [{ vulnerable: false, criteria: `cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:*` }] }] }]));
  assert.equal(e.findings({ cveId: 'CVE-2024-0003' }, { limit: 10 }).total, 0);
});

test('an undecidable comparison is reported as an undecidable finding with its reason', () => {
  const e = nation();
  const d = e.upsertComponent(component('gw-x', 'sys-c', 'org-b', FORTI('7.0.12'), { version: '7.*' }));
  assert.equal(d.added, 1);
  const [k] = [...d.addedKeys()];
  const x = e.finding(k!)!;
  assert.equal(x.status, 'undecidable');
  assert.ok(x.nvd[0]!.reasons.length > 0 && x.nvd[0]!.reasons[0]!.reason.length > 0, JSON.stringify(x.nvd[0]));
  assert.equal(e.findings({ status: 'undecidable' }, { limit: 10 }).total, 1);
});

test('state is kept across a version change: same product key, same finding key', () => {
  const e = nation();
  const key = 'gw-c|CVE-2024-0002|o:fortinet:fortios';
  e.setState(key, { state: 'acknowledged', reason: 'patch window Sunday' });
  let d = e.upsertComponent(component('gw-c', 'sys-c', 'org-b', FORTI('7.0.13'), { internetExposed: true }));
  assert.deepEqual([d.added, d.removed, d.changed], [0, 0, 0], 'still affected under the same key');
  assert.equal(e.finding(key)!.state.state, 'acknowledged');
  d = e.upsertComponent(component('gw-c', 'sys-c', 'org-b', FORTI('7.0.14'), { internetExposed: true }));
  assert.deepEqual([...d.removedKeys()], [key], 'fixed version: the finding goes');
  d = e.upsertComponent(component('gw-c', 'sys-c', 'org-b', FORTI('7.0.1'), { internetExposed: true }));
  assert.deepEqual([...d.addedKeys()], [key]);
  assert.equal(e.finding(key)!.state.reason, 'patch window Sunday', 'the state was kept while the finding was gone');
});

test('an expired risk acceptance reads as new (open) again, saying so; an unexpired one holds', () => {
  const e = nation();
  const key = 'gw-c|CVE-2024-0002|o:fortinet:fortios';
  e.setState(key, { state: 'risk-accepted', reason: 'isolated by ACL', expiresAt: '2026-11-01T00:00:00Z' });
  const s = e.finding(key)!.state;
  assert.equal(s.state, 'new');
  assert.equal(s.expired?.reason, 'isolated by ACL');
  assert.match(s.expired!.note, /expired at 2026-11-01T00:00:00Z .*open again/);
  assert.equal(e.findings({ state: 'new' }, { limit: 10 }).total, 2);
  e.setState(key, { state: 'risk-accepted', reason: 'isolated by ACL', expiresAt: '2027-01-01T00:00:00Z' });
  assert.equal(e.finding(key)!.state.state, 'risk-accepted');
  assert.equal(e.findings({ state: 'risk-accepted' }, { limit: 10 }).total, 1);
  assert.deepEqual(e.summary({ orgId: 'org-b' })[0]!.byState, { new: 0, acknowledged: 0, mitigated: 0, 'risk-accepted': 1 });
});

test('operator filter: orgIds confines findings and summaries to those organisations', () => {
  const e = nation();
  assert.deepEqual([...allFindings(e, { orgIds: ['org-a'] }).keys()], ['fw-a|CVE-2024-0001|o:siemens:simatic_s7-1500_firmware']);
  assert.deepEqual(e.summary({ orgIds: ['org-a'] }).map((s) => s.orgId), ['org-a']);
  assert.equal(e.findings({ orgIds: [] }, { limit: 10 }).total, 0);
  assert.equal(e.findings({ orgIds: ['org-a'], cveId: 'CVE-2024-0002' }, { limit: 10 }).total, 0);
  assert.equal(e.findings({ siteId: 'site-sys-c' }, { limit: 10 }).total, 1);
});

test('KEV, EPSS and threat context re-prioritise a CVE\'s findings; pages are in compareByPriority order', () => {
  const e = nation();
  const key = 'gw-c|CVE-2024-0002|o:fortinet:fortios';
  assert.equal(e.finding(key)!.priority.outcome, 'out-of-cycle');
  e.setKev('CVE-2024-0002', { dateAdded: '2024-02-09' });
  assert.equal(e.finding(key)!.priority.outcome, 'immediate');
  assert.equal(e.findings({ outcome: 'immediate' }, { limit: 10 }).total, 1);
  e.setThreatContext('CVE-2024-0001', [{ name: 'Volt Typhoon', kind: 'intrusion-set', targetsSectors: ['water'] }]);
  e.setEpss('CVE-2024-0001', { probability: 0.5, percentile: 0.9 });
  const p = e.findings({}, { limit: 10 });
  assert.deepEqual(p.items[1]!.priority.threatContext, ['Volt Typhoon']);
  for (let k = 1; k < p.items.length; k++) assert.ok(compareByPriority(p.items[k - 1]!.priority, p.items[k]!.priority) <= 0);
});

test('advisory matchers: their hits are findings beside the NVD ones, keyed on their product key', () => {
  const matcher: AdvisoryMatcher = {
    matchComponent: (c) => (c.cpe?.includes('simatic_s7-1500:') ? [{
      cveId: 'CVE-2024-9999', productKey: 'csaf:siemens:simatic_s7-1500', status: 'affected', source: 'ICSA-24-000-01', explanation: { rule: 'test' },
    }] : []),
  };
  const e = new ExposureEngine({ advisoryMatchers: [matcher] });
  e.load({ assets: [system('sys-a', 'org-a')], components: [component('hw-a', 'sys-a', 'org-a', S7HW)], cves: [] });
  const f = e.finding('hw-a|CVE-2024-9999|csaf:siemens:simatic_s7-1500')!;
  assert.equal(f.advisories[0]!.source, 'ICSA-24-000-01');
  assert.deepEqual(f.nvd, []);
  const d = e.setAdvisoryMatchers([]);
  assert.equal(d.removed, 1);
});

test('matchDevice: a set of CPEs as one device, explained, nothing stored', () => {
  const e = nation();
  const f = e.matchDevice([{ id: 'fw', cpe: S7FW }, { id: 'hw', cpe: S7HW }]);
  assert.deepEqual(f.map((x) => x.key), ['fw|CVE-2024-0001|o:siemens:simatic_s7-1500_firmware']);
  assert.equal(f[0]!.nvd[0]!.platform[0]!.componentId, 'hw');
  assert.deepEqual(e.matchDevice([{ id: 'fw', cpe: S7FW }]), []);
  assert.throws(() => e.matchDevice([{ id: 'bad', cpe: 'cpe:2.3:a:x' }]), /rejected/);
});

test('bad input changes nothing: an invalid CPE or unknown system on load or upsert, a bad cursor', () => {
  const e = nation();
  const before = allFindings(e);
  assert.throws(() => e.load({ assets: [system('s', 'o')], components: [component('c', 's', 'o', 'cpe:2.3:a:bad')], cves: [] }),
    (err: Error & { details?: { path: string }[] }) => err.details?.[0]?.path === 'component c.cpe');
  assert.throws(() => e.upsertComponent(component('gw-c', 'sys-c', 'org-b', 'cpe:2.3:o:bad')), /rejected/);
  assert.throws(() => e.upsertComponent(component('x', 'sys-nowhere', 'org-b', S7HW)), /unknown system/);
  assert.deepEqual(allFindings(e), before);
  assert.throws(() => e.findings({}, { limit: 10, after: 'garbage' }), /cursor/);
});

test('paging: cursors walk every finding once, in order, and total counts them all', () => {
  const e = nation();
  for (let k = 0; k < 30; k++) e.upsertComponent(component(`gw-${k}`, 'sys-c', 'org-b', FORTI(`7.0.${k % 14}`)));
  const all = allFindings(e);
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const p = e.findings({}, { limit: 7, after });
    assert.equal(p.total, all.size);
    seen.push(...p.items.map((i) => i.key));
    pages++;
    if (!p.nextCursor) break;
    after = p.nextCursor;
  }
  assert.equal(seen.length, all.size);
  assert.equal(new Set(seen).size, all.size);
  assert.equal(pages, Math.ceil(all.size / 7));
});

test('pages follow compareByPriority, then component id and product key, for every page size and filter', () => {
  const w = world(11);
  const systems = Array.from({ length: 16 }, (_, k) => `sys-${k}`);
  const zones = ['internet', 'dmz', 'corporate', 'control', null] as const;
  const sectors = ['water', 'energy', 'finance', 'health'] as const;
  const assets = systems.map((s, k) => system(s, `org-${s.slice(-1)}`, { networkZone: zones[k % 5]!, sector: sectors[k % 4]!, criticality: (k % 6) as 0 }));
  const e = new ExposureEngine({ now: () => new Date('2026-11-25T12:00:00Z') });
  const cves = Array.from({ length: 40 }, (_, k) => w.newCve(`CVE-2024-${2000 + k}`));
  e.load({
    assets, components: Array.from({ length: 80 }, (_, k) => w.newComponent(`c${String(k).padStart(2, '0')}`, systems)), cves,
    kev: new Map(cves.filter((_, k) => k % 7 === 0).map((c) => [c.id, { dateAdded: '2024-05-01' }])),
    epss: new Map(cves.filter((_, k) => k % 3 === 0).map((c, k) => [c.id, { probability: (k % 4) / 10, percentile: 0.5 }])),
    threats: new Map([[cves[1]!.id, [{ name: 'APT-X', kind: 'intrusion-set', targetsSectors: ['energy'] }]]]),
  });
  const keys = [...allFindings(e).keys()];
  for (const [k, key] of keys.entries()) if (k % 5 === 0) e.setState(key, { state: 'mitigated' });
  const all = keys.map((k) => e.finding(k)!);
  assert.ok(all.length > 100, `${all.length} findings`);
  const expected = (keep: (f: (typeof all)[number]) => boolean) => all.filter(keep).sort((a, b) => compareByPriority(a.priority, b.priority)
    || (a.component.id < b.component.id ? -1 : a.component.id > b.component.id ? 1 : 0) || (a.productKey < b.productKey ? -1 : 1)).map((f) => f.key);
  const filters = [
    [{}, () => true],
    [{ outcome: 'immediate' }, (f) => f.priority.outcome === 'immediate'],
    [{ state: 'new' }, (f) => f.state.state === 'new'],
    [{ orgIds: ['org-1', 'org-2'] }, (f) => ['org-1', 'org-2'].includes(f.component.orgId)],
  ] as const satisfies readonly (readonly [object, (f: (typeof all)[number]) => boolean])[];
  for (const [filter, keep] of filters) {
    const want = expected(keep);
    for (const limit of [1, 3, 50]) {
      const got: string[] = [];
      let after: string | undefined;
      for (;;) {
        const p = e.findings(filter, { limit, after });
        assert.equal(p.total, want.length);
        got.push(...p.items.map((i) => i.key));
        if (!p.nextCursor) break;
        after = p.nextCursor;
      }
      assert.deepEqual(got, want, `${JSON.stringify(filter)} limit ${limit}`);
    }
  }
});

test('removing a system removes its components and their findings, device findings included', () => {
  const e = nation();
  const d = e.removeAsset('sys-a');
  assert.deepEqual([...d.removedKeys()], ['fw-a|CVE-2024-0001|o:siemens:simatic_s7-1500_firmware']);
  assert.equal(e.stats().components, 3);
  assert.deepEqual([...allFindings(e).keys()], ['gw-c|CVE-2024-0002|o:fortinet:fortios']);
  const fresh = new ExposureEngine();
  fresh.load({ assets: [system('sys-c', 'org-b')], components: [component('gw-c', 'sys-c', 'org-b', FORTI('7.0.12'))], cves: [FORTI_CVE] });
  assert.deepEqual([...allFindings(fresh).keys()], [...allFindings(e).keys()]);
});

test('a component with only a purl is left to the advisory matchers, not undecidable against every NVD criteria', () => {
  const purlOnly = component('log4j', 'sys-a', 'org-a', null, { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' });
  const seen: string[] = [];
  const matcher: AdvisoryMatcher = { matchComponent: (c) => { seen.push((c as { purl?: string }).purl ?? ''); return []; } };
  const e = new ExposureEngine({ advisoryMatchers: [matcher] });
  e.load({ assets: [system('sys-a', 'org-a')], components: [purlOnly], cves: [FORTI_CVE, cve('CVE-2024-0009', [{ nodes: [{ cpeMatch: [vuln('cpe:2.3:a:*:*:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.0' })] }] }])] });
  assert.equal(e.stats().findings, 0);
  assert.deepEqual(seen, ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'], 'the advisory matcher saw the purl');
});

test('a delta expands its keys while the engine is unchanged, and refuses once it has changed', () => {
  const e = nation();
  const d = e.upsertComponent(component('gw-2', 'sys-c', 'org-b', FORTI('7.0.1')));
  assert.deepEqual([...d.addedKeys()], ['gw-2|CVE-2024-0002|o:fortinet:fortios']);
  e.removeComponent('gw-2');
  assert.throws(() => [...d.addedKeys()], /out of date/);
  assert.equal(d.added, 1, 'the counts stay');
});
