import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExposureEngine } from './engine.js';
import { allFindings, component, cve, platform, system, vuln } from './test-support.js';
import type { EngineComponent, EngineCve } from './types.js';

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
