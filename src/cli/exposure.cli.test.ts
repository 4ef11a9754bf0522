/**
 * `bulwark vuln import`, `exposure` and `match` as real child processes against a temporary embedded
 * store holding the register of register/test-fixtures.ts.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from './test-support.js';
import { allJsonLines } from '../register/test-fixtures.js';
import { EPSS_CSV, KEV_CATALOGUE, NVD_PAGE } from '../exposure/service/test-fixtures.js';

const { dir, bulwark } = cliSandbox('bulwark-exposure-cli-');
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('bulwark vuln import, exposure and match', () => {
  before(() => {
    const reg = bulwark(['register', 'import', file('register.jsonl', allJsonLines())]);
    assert.equal(reg.code, 0, reg.stderr + reg.stdout);
  });

  test('vuln import reads each source and reports what it wrote; a re-import changes nothing', () => {
    const nvd = bulwark(['vuln', 'import', 'nvd', file('nvd.json', JSON.stringify(NVD_PAGE)), '--json']);
    assert.equal(nvd.code, 0, nvd.stderr);
    const [r] = JSON.parse(nvd.stdout);
    assert.deepEqual([r.source, r.read, r.inserted, r.rejected], ['nvd', 4, 4, 0]);
    const kev = bulwark(['vuln', 'import', 'kev', file('kev.json', JSON.stringify(KEV_CATALOGUE))]);
    assert.equal(kev.code, 0, kev.stderr);
    assert.match(kev.stdout, /kev: read 2, inserted 2/);
    assert.equal(bulwark(['vuln', 'import', 'epss', file('epss.csv', EPSS_CSV)]).code, 0);
    const again = JSON.parse(bulwark(['vuln', 'import', 'nvd', join(dir, 'nvd.json'), '--json']).stdout)[0];
    assert.deepEqual([again.inserted, again.updated, again.unchanged, again.changes], [0, 0, 4, 0]);
  });

  test('vuln import names a rejected record and exits 1; an unknown source is a usage error', () => {
    const bad = { ...KEV_CATALOGUE, vulnerabilities: [{ ...KEV_CATALOGUE.vulnerabilities[0], cveID: 'not-a-cve' }] };
    const r = bulwark(['vuln', 'import', 'kev', file('bad-kev.json', JSON.stringify(bad))]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /rejected #0.*cveID.*not a CVE id/);
    const u = bulwark(['vuln', 'import', 'vulndb', join(dir, 'kev.json')]);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /The source must be one of nvd, kev, epss, csaf, osv, cpe; got "vulndb"/);
  });

  test('exposure lists every organisation\'s findings, most urgent first, with reasons and matches; --org and --outcome filter', () => {
    const r = bulwark(['exposure', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const page = JSON.parse(r.stdout);
    assert.equal(page.total, 3);
    assert.deepEqual(page.items.map((f: { cveId: string }) => f.cveId).sort(), ['CVE-2025-10001', 'CVE-2025-10002', 'CVE-2025-10003']);
    const text = bulwark(['exposure', '--org', 'northgrid']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /CVE-2025-10001 +northgrid ng-scada\/ng-scada-hmi/);
    assert.match(text.stdout, /- Exploited in the wild \(CISA KEV, added 2025-03-01\)/);
    assert.match(text.stdout, /NVD cpe:2\.3:a:siemens:simatic_wincc_oa:\*.* \(matchCriteriaId 11111111-1111-4111-8111-111111111111\) at configurations\[0\]\.nodes\[0\]\.cpeMatch\[0\]/);
    assert.match(text.stdout, /version: 3\.18 < 3\.19/);
    assert.doesNotMatch(text.stdout, /aq-plc-cpu/);
    assert.match(text.stdout, /northgrid: 2 findings/);
    const outcome = page.items[0].priority.outcome as string;
    const only = JSON.parse(bulwark(['exposure', '--outcome', outcome, '--json']).stdout);
    assert.ok(only.items.every((f: { priority: { outcome: string } }) => f.priority.outcome === outcome));
    const bad = bulwark(['exposure', '--outcome', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--outcome must be one of defer, scheduled, out-of-cycle, immediate/);
  });

  test('match --cpe prints each finding with its explanation; a bad CPE is named', () => {
    const r = bulwark(['match', '--cpe', 'cpe:2.3:a:siemens:simatic_wincc_oa:3.18:*:*:*:*:*:*:*', 'cpe:2.3:h:schneider-electric:modicon_m340:-:*:*:*:*:*:*:*']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /CVE-2025-10001 +affected +cpe-1/);
    assert.match(r.stdout, /CVE-2025-10003 +affected +cpe-2/);
    assert.match(r.stdout, /2 findings/);
    const json = JSON.parse(bulwark(['match', '--cpe', 'cpe:2.3:a:siemens:simatic_wincc_oa:3.19:*:*:*:*:*:*:*', '--json']).stdout);
    assert.deepEqual(json.findings, []);
    const bad = bulwark(['match', '--cpe', 'cpe:2.3:a:siemens']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cpes\[0\]/);
  });
});
