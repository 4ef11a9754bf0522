import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExposureEngine } from './engine.js';
import { allFindings, component, cve, platform, system, vuln } from './test-support.js';
import type { EngineComponent, EngineCve } from './types.js';
import type { NvdConfiguration } from '../nvd-config.js';

// New versions that fall between the same bounds as an identity's share its matches (identities.ts); one
// that a bound separates, or that arrives after the CVEs changed, is matched again.
test('a new version shares the matches of one between the same bounds, never across a bound or a CVE change', () => {
  const assets = [system('s1', 'o1'), system('s2', 'o1')];
  const cves = new Map<string, EngineCve>([
    ['CVE-2025-0001', cve('CVE-2025-0001', [{ nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:web:*:*:*:*:*:*:*:*', { versionStartIncluding: '1.5', versionEndExcluding: '1.6' })] }] }])],
    ['CVE-2025-0002', cve('CVE-2025-0002', [{ nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:web:1.5.3:*:*:*:*:*:*:*')] }] }])],
    ['CVE-2025-0003', cve('CVE-2025-0003', [{
      operator: 'AND',
      nodes: [
        { operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:web:*:*:*:*:*:*:*:*', { versionEndIncluding: '1.5.2' })] },
        { operator: 'OR', cpeMatch: [platform('cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*')] },
      ],
    }])],
  ]);
  const comps = new Map<string, EngineComponent>([
    ['os1', component('os1', 's1', 'o1', 'cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*')],
    ['w0', component('w0', 's1', 'o1', 'cpe:2.3:a:acme:web:1.5.1:*:*:*:*:*:*:*')],
  ]);
  const e = new ExposureEngine();
  e.load({ assets, components: comps.values(), cves: cves.values() });
  const check = (label: string) => {
    const fresh = new ExposureEngine();
    fresh.load({ assets, components: comps.values(), cves: cves.values() });
    assert.deepEqual(new Map([...allFindings(e)].sort()), new Map([...allFindings(fresh)].sort()), label);
  };
  const put = (id: string, sys: string, version: string, extra: Partial<EngineComponent> = {}) => {
    const c = component(id, sys, 'o1', `cpe:2.3:a:acme:web:${version}:*:*:*:*:*:*:*`, extra);
    comps.set(id, c);
    e.upsertComponent(c);
  };
  put('w1', 's2', '1.5.1.1'); // between 1.5.1 and 1.5.2: as w0 (no OS on s2: CVE-3 gives nothing)
  put('w2', 's1', '1.5.1.2');
  put('w3', 's1', '1.5.3'); // on the fixed version: matched again
  put('w4', 's2', '1.5.3.1');
  put('w5', 's1', '1.5.2'); // on the end bound of CVE-3
  put('w6', 's2', '1.5.1.3', { version: '1.5.1.3 update_2' }); // not plain-numeric: always matched
  check('after new versions');
  // A new bound between 1.5.1.1 and 1.5.1.2: versions there no longer fall together.
  const c4 = cve('CVE-2025-0004', [{ nodes: [{ operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:web:*:*:*:*:*:*:*:*', { versionEndExcluding: '1.5.1.2' })] }] }]);
  cves.set(c4.id, c4);
  e.upsertCve(c4);
  put('w7', 's1', '1.5.1.15');
  put('w8', 's2', '1.5.1.1.5');
  check('after a new CVE with a bound between them');
  assert.equal(allFindings(e).get('w8|CVE-2025-0004|a:acme:web'), 'affected');
  assert.equal(allFindings(e).get('w7|CVE-2025-0004|a:acme:web'), undefined);
});

// Device evaluations of general device-level CVEs are memoised per twin class (profiles.ts): twins' devices
// share them, and a CVE change that separates the twins separates their evaluations too.
test('twins share device evaluations of AND-of-vulnerable CVEs until a CVE tells them apart', () => {
  const assets = [system('s1', 'o1'), system('s2', 'o1'), system('s3', 'o1')];
  const and = (web: Record<string, string>, libFrom: string): NvdConfiguration => ({
    operator: 'AND',
    nodes: [
      { operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:web:*:*:*:*:*:*:*:*', web)] },
      { operator: 'OR', cpeMatch: [vuln('cpe:2.3:a:acme:lib:*:*:*:*:*:*:*:*', { versionStartIncluding: libFrom })] },
    ],
  });
  // every web version from 1.0 touches the CVE (second configuration), only those up to webEnd are affected
  const both = (webEnd: string): NvdConfiguration[] => [and({ versionEndIncluding: webEnd }, '2.0'), and({ versionStartIncluding: '1.0' }, '3.0')];
  const cves = new Map<string, EngineCve>([['CVE-2025-0101', cve('CVE-2025-0101', both('1.5.2'))]]);
  const comps = new Map<string, EngineComponent>();
  const e = new ExposureEngine();
  const put = (id: string, sys: string, cpe: string) => {
    const c = component(id, sys, 'o1', cpe);
    comps.set(id, c);
    e.upsertComponent(c);
  };
  const check = (label: string) => {
    const fresh = new ExposureEngine();
    fresh.load({ assets, components: comps.values(), cves: cves.values() });
    assert.deepEqual(new Map([...allFindings(e)].sort()), new Map([...allFindings(fresh)].sort()), label);
  };
  e.load({ assets, components: [], cves: cves.values() });
  put('l1', 's1', 'cpe:2.3:a:acme:lib:2.1:*:*:*:*:*:*:*');
  put('w1', 's1', 'cpe:2.3:a:acme:web:1.5.1:*:*:*:*:*:*:*');
  put('l2', 's2', 'cpe:2.3:a:acme:lib:2.1:*:*:*:*:*:*:*');
  put('w2', 's2', 'cpe:2.3:a:acme:web:1.5.1.7:*:*:*:*:*:*:*'); // w1's twin: its device evaluation is w1's
  check('twins in two systems');
  assert.equal(allFindings(e).get('w2|CVE-2025-0101|a:acme:web'), 'affected');
  // a new CVE whose bound falls between the twins: its device evaluation differs for them
  const c2 = cve('CVE-2025-0102', both('1.5.1'));
  cves.set(c2.id, c2);
  e.upsertCve(c2);
  check('after a CVE with a bound between the twins');
  assert.equal(allFindings(e).get('w1|CVE-2025-0102|a:acme:web'), 'affected');
  assert.equal(allFindings(e).get('w2|CVE-2025-0102|a:acme:web'), undefined);
  // new devices of both after the change: each evaluated as its own
  put('l3', 's3', 'cpe:2.3:a:acme:lib:2.2:*:*:*:*:*:*:*');
  put('w3', 's3', 'cpe:2.3:a:acme:web:1.5.1.7:*:*:*:*:*:*:*');
  put('w4', 's1', 'cpe:2.3:a:acme:web:1.5.1:*:*:*:*:*:*:*');
  check('new devices after the change');
  assert.equal(allFindings(e).get('w3|CVE-2025-0102|a:acme:web'), undefined);
});
