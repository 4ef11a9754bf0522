import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileComponent, type DeviceComponent } from './component.js';
import { evaluateCve, type Finding } from './evaluate.js';
import { MatchIndex, ComponentIndex } from './match-index.js';
import { compileConfigurations, type NvdConfiguration, type NvdCpeMatch } from './nvd-config.js';

const vuln = (criteria: string, bounds: Partial<NvdCpeMatch> = {}, id = 'ID'): NvdCpeMatch => ({ vulnerable: true, criteria, matchCriteriaId: id, ...bounds });
const platform = (criteria: string, id = 'PID'): NvdCpeMatch => ({ vulnerable: false, criteria, matchCriteriaId: id });
const device = (...cs: DeviceComponent[]) => cs.map(compileComponent);
const run = (cfgs: NvdConfiguration[], comps: DeviceComponent[]): Finding[] => evaluateCve(compileConfigurations('CVE-TEST', cfgs), device(...comps));

// Firmware affected only on its hardware: AND(OR(firmware, vulnerable), OR(hardware, vulnerable:false)).
const RUNNING_ON: NvdConfiguration = {
  operator: 'AND',
  nodes: [
    { operator: 'OR', negate: false, cpeMatch: [vuln('cpe:2.3:o:siemens:simatic_s7-1500_firmware:*:*:*:*:*:*:*:*', { versionEndExcluding: 'V3.1 SP2' }, 'FW')] },
    { operator: 'OR', negate: false, cpeMatch: [platform('cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:*', 'HW'), platform('cpe:2.3:h:siemens:simatic_s7-1200:-:*:*:*:*:*:*:*', 'HW2')] },
  ],
};
const FW = { id: 'fw', cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_firmware:V3.1:*:*:*:*:*:*:*' };
const HW = { id: 'hw', cpe: 'cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:*' };

test('running-on: the firmware is a finding only with its hardware, the hardware never', () => {
  const f = run([RUNNING_ON], [FW, HW]);
  assert.equal(f.length, 1);
  const x = f[0]!;
  assert.equal(x.status, 'affected');
  assert.equal(x.componentId, 'fw');
  assert.equal(x.path, 'configurations[0].nodes[0].cpeMatch[0]');
  assert.equal(x.matchCriteriaId, 'FW');
  assert.equal(x.criteria, 'cpe:2.3:o:siemens:simatic_s7-1500_firmware:*:*:*:*:*:*:*:*');
  assert.equal(x.component, FW.cpe);
  assert.equal(x.version?.compared, 'range');
  assert.equal(x.version?.scheme, 'numeric/post-release');
  assert.match(x.version!.explanation, /V3\.1 < V3\.1 SP2 \(versionEndExcluding/);
  assert.deepEqual(x.platform, [{ path: 'configurations[0].nodes[1].cpeMatch[0]', criteria: HW.cpe, matchCriteriaId: 'HW', componentId: 'hw' }]);
  assert.equal(x.nameRelation, 'EQUAL');
  assert.deepEqual(run([RUNNING_ON], [FW]), [], 'without the hardware: nothing');
  assert.deepEqual(run([RUNNING_ON], [HW]), [], 'the hardware alone (vulnerable:false) is never a finding');
  assert.deepEqual(run([RUNNING_ON], [{ ...FW, cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_firmware:V3.1_SP2:*:*:*:*:*:*:*' }, HW]), [], 'fixed firmware');
  assert.deepEqual(run([RUNNING_ON], [FW, { id: 'hw2', cpe: 'cpe:2.3:h:siemens:simatic_s7-300:-:*:*:*:*:*:*:*' }]), [], 'other hardware');
});

test('OR: each matching vulnerable entry is its own finding; several configurations add up', () => {
  const cfgs: NvdConfiguration[] = [
    { nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.4.0', versionEndIncluding: '2.4.49' }), vuln('cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', { versionEndExcluding: '1.1.1w' })] }] },
    { nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:openssl:openssl:1.1.1t:*:*:*:*:*:*:*')] }] },
  ];
  const f = run(cfgs, [
    { id: 'httpd', cpe: 'cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*' },
    { id: 'ssl', vendor: 'OpenSSL', product: 'OpenSSL', version: '1.1.1t' },
  ]);
  assert.deepEqual(f.map((x) => `${x.componentId} ${x.path} ${x.version?.compared}`), [
    'httpd configurations[0].nodes[0].cpeMatch[0] range',
    'ssl configurations[0].nodes[0].cpeMatch[1] range',
    'ssl configurations[1].nodes[0].cpeMatch[0] fixed',
  ]);
  assert.equal(f[2]!.version?.explanation, '1.1.1t = 1.1.1t (fixed version, letter-suffix)');
  assert.equal(f[1]!.nameRelation, 'SUBSET', 'a component without a CPE leaves the part ANY');
  assert.deepEqual(f[1]!.lessSpecific, ['part']);
});

test('AND of entries inside one node, and negate on a node and a configuration', () => {
  const andNode: NvdConfiguration = { nodes: [{ operator: 'AND', cpeMatch: [vuln('cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*'), platform('cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*')] }] };
  const app = { id: 'app', cpe: 'cpe:2.3:a:acme:app:1.0:*:*:*:*:*:*:*' };
  const os = { id: 'os', cpe: 'cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*' };
  assert.equal(run([andNode], [app, os]).length, 1);
  assert.equal(run([andNode], [app]).length, 0);
  // Vulnerable unless it runs on acme:os.
  const unless: NvdConfiguration = {
    operator: 'AND',
    nodes: [
      { operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*')] },
      { operator: 'OR', negate: true, cpeMatch: [platform('cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*')] },
    ],
  };
  assert.deepEqual(run([unless], [app]).map((x) => x.componentId), ['app']);
  assert.deepEqual(run([unless], [app, os]), []);
  const negated: NvdConfiguration = { negate: true, nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*')] }] };
  assert.deepEqual(run([negated], [app]), [], 'a negated configuration that fails names nothing');
  assert.deepEqual(run([negated], [os]), [], 'and one that holds names nothing matched either');
});

test('undecidable: a version that cannot be compared becomes an undecidable finding with its reason', () => {
  const cfg: NvdConfiguration = { nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*', { versionEndExcluding: '9.6' })] }] };
  const f = run([cfg], [{ id: 'esv', cpe: 'cpe:2.3:a:acme:app:9.6-ESV:*:*:*:*:*:*:*' }]);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.status, 'undecidable');
  assert.match(f[0]!.reasons[0]!.reason, /esv.*no known order/);
  assert.equal(f[0]!.reasons[0]!.path, 'configurations[0].nodes[0].cpeMatch[0]');
  const noVersion = run([cfg], [{ id: 'nov', vendor: 'acme', product: 'app' }]);
  assert.equal(noVersion[0]!.status, 'undecidable');
  assert.match(noVersion[0]!.reasons[0]!.reason, /component has no version/);
  // Undecidable platform: the firmware matched but the hardware comparison is unknown.
  const hw: NvdConfiguration = { operator: 'AND', nodes: [RUNNING_ON.nodes[0]!, { operator: 'OR', cpeMatch: [platform('cpe:2.3:h:siemens:simatic_s7-1500:1.0:*:*:*:*:*:*:*')] }] };
  const u = run([hw], [FW, { id: 'hwx', vendor: 'siemens', product: 'simatic s7-1500', part: 'h' }]);
  assert.deepEqual(u.map((x) => `${x.status} ${x.componentId}`), ['undecidable fw']);
  assert.equal(u[0]!.reasons[0]!.path, 'configurations[0].nodes[1].cpeMatch[0]');
  // An OR node decided by a non-vulnerable entry still reports its undecidable vulnerable entry.
  const mixed: NvdConfiguration = { nodes: [{ operator: 'OR', cpeMatch: [
    vuln('cpe:2.3:a:spotipy_project:spotipy:*:*:*:*:*:python:*:*', { versionStartIncluding: '4f5759dbfb4506c7b6280572a4db1aabc1ac778d', versionEndExcluding: '9dfb7177b8d7bb98a5a6014f8e6436812a47576f' }),
    platform('cpe:2.3:a:spotipy_project:spotipy:*:*:*:*:*:python:*:*'),
  ] }] };
  const m = run([mixed], [{ id: 's', cpe: 'cpe:2.3:a:spotipy_project:spotipy:*:*:*:*:*:python:*:*', version: '5d2ccd2f14f45a63225a73fb5b1c937baf36fdc0' }]);
  assert.deepEqual(m.map((x) => `${x.status} ${x.path}`), ['undecidable configurations[0].nodes[0].cpeMatch[0]']);
  assert.match(m[0]!.reasons[0]!.reason, /commit hash/);
  const bad = run([{ nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:b*d:1:*:*:*:*:*:*:*')] }] }], [{ id: 'x', cpe: 'cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*' }]);
  assert.equal(bad[0]!.status, 'undecidable', 'unparsable criteria are never dropped');
  assert.match(bad[0]!.reasons[0]!.reason, /criteria cannot be parsed/);
});

test('undecidable beside a match: a component undecidable against an entry another component matched is still reported', () => {
  const cfg: NvdConfiguration = { nodes: [{ operator: 'OR', negate: false, cpeMatch: [vuln('cpe:2.3:a:acme:server:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.0' })] }] };
  const f = run([cfg], [{ id: 'old', cpe: 'cpe:2.3:a:acme:server:1.5:*:*:*:*:*:*:*' }, { id: 'odd', cpe: 'cpe:2.3:a:acme:server:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678:*:*:*:*:*:*:*' }]);
  assert.deepEqual(f.map((x) => `${x.status} ${x.componentId}`).sort(), ['affected old', 'undecidable odd']);
  assert.match(f.find((x) => x.componentId === 'odd')!.reasons[0]!.reason, /./);
});

test('attributes other than version follow NISTIR 7696: target_sw, NA', () => {
  const cfg: NvdConfiguration = { nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:jenkins:openid:*:*:*:*:*:jenkins:*:*', { versionEndIncluding: '2.4' })] }] };
  assert.equal(run([cfg], [{ id: 'a', cpe: 'cpe:2.3:a:jenkins:openid:2.4:*:*:*:*:jenkins:*:*' }]).length, 1);
  const loose = run([cfg], [{ id: 'b', cpe: 'cpe:2.3:a:jenkins:openid:2.4:*:*:*:*:*:*:*' }]);
  assert.deepEqual(loose[0]!.lessSpecific, ['target_sw']);
  assert.equal(run([cfg], [{ id: 'c', cpe: 'cpe:2.3:a:jenkins:openid:2.4:*:*:*:*:-:*:*' }]).length, 0, 'target_sw NA is disjoint');
  assert.equal(run([cfg], [{ id: 'd', cpe: 'cpe:2.3:a:jenkins:openid:2.5:*:*:*:*:jenkins:*:*' }]).length, 0);
});

test('index: candidates by (part, vendor, product); device evaluation and the reverse component index', () => {
  const idx = new MatchIndex();
  idx.add(compileConfigurations('CVE-1', [RUNNING_ON]));
  idx.add(compileConfigurations('CVE-2', [{ nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.0' })] }] }]));
  assert.equal(idx.keyCount, 4);
  const fw = compileComponent(FW);
  assert.deepEqual(idx.matchComponent(fw).map((h) => `${h.cve.id} ${h.entry.path}`), ['CVE-1 configurations[0].nodes[0].cpeMatch[0]']);
  const nocpe = compileComponent({ id: 'n', vendor: 'Acme', product: 'App', version: '1.5' });
  assert.deepEqual(nocpe.keys, ['a:acme:app', 'o:acme:app', 'h:acme:app']);
  assert.deepEqual(idx.matchComponent(nocpe).map((h) => h.cve.id), ['CVE-2']);
  assert.deepEqual(idx.evaluateDevice(device(FW, HW)).map((f) => `${f.cveId} ${f.componentId}`), ['CVE-1 fw']);
  const comps = new ComponentIndex();
  for (const c of device(FW, HW, { id: 'other', cpe: 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*' })) comps.add(c);
  assert.deepEqual(comps.componentsFor(idx.cves[0]!).map((c) => c.id).sort(), ['fw', 'hw']);
});
