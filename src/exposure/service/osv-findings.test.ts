/**
 * OSV end to end on both engines, over a real loopback server: a CycloneDX SBOM posted to the register
 * gives components with purls; `vuln import osv` (the service's import, from a zip file as osv.dev
 * publishes) makes them findings through the exposure service — explained by the OSV rule, keyed on the
 * package, queryable by a CVE alias or by an OSV id (PYSEC-…) where there is none; a withdrawn record takes
 * its findings away at the next request.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngines } from '../../store/test-engines.js';
import { SYSTEM } from '../../access/test-support.js';
import { SCADA_SBOM, startRegisterServer, type RegisterTestServer } from '../../api/routes/register.test-support.js';
import { ALL_RECORDS, LOG4J, zipOf } from '../sources/osv-fixtures.js';
import type { OsvImportReport } from '../store/index.js';
import { importVulnerabilities } from './vuln-import.js';

const SBOM = {
  ...SCADA_SBOM,
  components: [
    ...SCADA_SBOM.components.filter((c) => c.name !== 'log4j-core'),
    { type: 'library', 'bom-ref': 'lib-log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
    { type: 'library', 'bom-ref': 'lib-foo', name: 'Foo_Bar.Baz', version: '1.0', purl: 'pkg:pypi/Foo_Bar.Baz@1.0' },
    { type: 'library', 'bom-ref': 'lib-plug', name: 'plug', version: '1.10.0', purl: 'pkg:hex/plug@1.10.0' },
    { type: 'library', 'bom-ref': 'lib-jester', name: 'jester', version: '0.5.0', purl: 'pkg:nimble/jester@0.5.0' },
  ],
};

type Finding = { key: string; cveId: string; productKey: string; status: string; component: { id: string; name?: string }; advisories: { source: string; status: string; explanation: Record<string, unknown> }[] };

for (const { engine, skip } of testEngines()) {
  describe(`OSV findings end to end on ${engine}`, { skip }, () => {
    let s: RegisterTestServer;
    let dir: string;
    const findings = async (cve: string): Promise<Finding[]> => {
      const r = await s.get('admin', `/exposure/findings?cve=${encodeURIComponent(cve)}`);
      assert.equal(r.status, 200, r.text);
      return r.json.items as Finding[];
    };

    before(async () => {
      s = await startRegisterServer(engine);
      dir = mkdtempSync(join(tmpdir(), 'bulwark-osv-e2e-'));
      const r = await s.req('ngOperator', 'POST', '/register/systems/ng-scada/sbom', SBOM, { 'content-type': 'application/vnd.cyclonedx+json' });
      assert.ok(r.status < 300, r.text);
      assert.deepEqual(await findings('CVE-2021-44228'), [], 'no OSV data yet');
    });
    after(async () => {
      await s?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('after `vuln import osv` an SBOM component with a purl has an explained finding per CVE alias', async () => {
      const file = join(dir, 'all.zip');
      writeFileSync(file, zipOf(ALL_RECORDS.map((r) => ({ path: `${String(r.id)}.json`, data: JSON.stringify(r) }))));
      const rep = await importVulnerabilities(s.svc.db, s.svc.appendAudit, SYSTEM, 'osv', file);
      assert.deepEqual([rep.source, rep.inserted, rep.rejected], ['osv', 7, 0]);
      for (const cve of ['CVE-2021-44228', 'CVE-2021-45046']) {
        const [f, ...rest] = await findings(cve);
        assert.equal(rest.length, 0);
        assert.equal(f!.component.name, 'log4j-core');
        assert.equal(f!.status, 'affected');
        assert.equal(f!.productKey, 'purl:pkg:maven/org.apache.logging.log4j/log4j-core');
        assert.equal(f!.key, `${f!.component.id}|${cve}|purl:pkg:maven/org.apache.logging.log4j/log4j-core`);
        assert.equal(f!.advisories[0]!.source, 'GHSA-jfh8-c2jp-5v3q');
        assert.equal(f!.advisories[0]!.explanation.rule, 'osv-range');
        assert.equal(f!.advisories[0]!.explanation.ordering, 'maven');
        assert.match(String(f!.advisories[0]!.explanation.detail), /affected since introduced 2\.13\.0/);
      }
    });

    test('a record without a CVE alias is found by its OSV id; an ecosystem without an ordering is an undecidable finding', async () => {
      const [py] = await findings('PYSEC-2024-42');
      assert.equal(py?.component.name, 'Foo_Bar.Baz');
      assert.equal(py?.productKey, 'purl:pkg:pypi/foo-bar-baz');
      assert.equal(py?.advisories[0]!.explanation.rule, 'osv-version');
      const both = await findings('CVE-2025-20002');
      const hex = both.find((f) => f.productKey === 'purl:pkg:hex/plug');
      assert.equal(hex?.status, 'affected', 'Hex is SemVer: 1.10.0 is below the fix 1.14.2');
      const nimble = both.find((f) => f.productKey === 'purl:pkg:nimble/jester');
      assert.equal(nimble?.status, 'undecidable');
      assert.match(String(nimble?.advisories[0]!.explanation.detail), /no version ordering/);
      const bad = await s.get('admin', '/exposure/findings?cve=not%20an%20id');
      assert.equal(bad.status, 400);
    });

    test('a withdrawn record takes its findings away at the next request', async () => {
      const withdrawn = { ...LOG4J, withdrawn: '2025-02-01T00:00:00Z', modified: '2025-02-01T00:00:00Z' };
      const r = await importVulnerabilities(s.svc.db, s.svc.appendAudit, SYSTEM, 'osv', Buffer.from(JSON.stringify(withdrawn))) as OsvImportReport;
      assert.deepEqual([r.updated, r.withdrawn], [1, 1]);
      assert.deepEqual(await findings('CVE-2021-44228'), []);
      assert.equal((await findings('PYSEC-2024-42')).length, 1, 'other records stay');
    });
  });
}
