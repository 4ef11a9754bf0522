/**
 * The register's bulk endpoints on both engines: import (CSV, JSON, JSON lines; all or nothing
 * with the row report; idempotent), streamed export in every format and its round trip through
 * import, and CycloneDX SBOM import (flattened, vendors, idempotent, replacing the system's
 * earlier SBOM components), each through the access policy.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { testEngines } from '../../store/test-engines.js';
import { listAudit } from '../../access/audit-log.js';
import { toCsv, SITES } from '../../register/test-fixtures.js';
import { ALL_ASSETS, NG_ASSETS, SCADA_SBOM, startRegisterServer, type RegisterTestServer } from './register.test-support.js';

const CSV = { 'content-type': 'text/csv' };
const NDJSON = { 'content-type': 'application/x-ndjson' };

for (const { engine, skip } of testEngines()) {
  describe(`REST API register import, export and SBOM on ${engine}`, { skip }, () => {
    let s: RegisterTestServer;
    const count = async (table: string) => Number((await s.svc.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]!.n);

    before(async () => {
      s = await startRegisterServer(engine);
    });
    after(async () => s?.close());

    test('CSV import with a rejected row stores nothing: 422 with file, row, column and reason', async () => {
      const assets = await count('asset');
      const csv = toCsv('site', [
        { ...SITES[0]!, id: 'imp-1', name: 'Import one' },
        { ...SITES[0]!, id: 'imp-2', name: 'Import two', lon: 'west' },
        { ...SITES[0]!, id: 'imp-3', name: 'Import three', criticality: 9 },
      ]);
      const r = await s.req('admin', 'POST', '/register/import?type=sites', csv, CSV);
      assert.equal(r.status, 422, r.text);
      assert.equal(r.json.ok, false);
      assert.equal(r.json.rejected, 2);
      assert.deepEqual(r.json.errors.map((e: { file: string; row: number; column: string }) => [e.file, e.row, e.column]), [['request body', 3, 'lon'], ['request body', 4, 'criticality']]);
      assert.match(r.json.errors[0].reason, /'west' is not a number/);
      assert.equal(await count('asset'), assets);
      const noType = await s.req('admin', 'POST', '/register/import', csv, CSV);
      assert.equal(noType.status, 400);
      assert.equal(noType.json.code, 'BAD_FILE');
    });

    test('a clean import is stored, and the same import again changes nothing', async () => {
      const csv = toCsv('site', [{ ...SITES[0]!, id: 'imp-1', name: 'Import one' }, { ...SITES[0]!, id: 'imp-2', name: 'Import two' }]);
      const first = await s.req('ngOperator', 'POST', '/register/import?type=sites', csv, CSV);
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(first.json.counts.asset, { inserted: 2, updated: 0, unchanged: 0 });
      const changes = await count('register_change');
      const again = await s.req('ngOperator', 'POST', '/register/import?type=sites', csv, CSV);
      assert.deepEqual(again.json.counts.asset, { inserted: 0, updated: 0, unchanged: 2 });
      assert.equal(await count('register_change'), changes);
      const audits = (await listAudit(s.svc.db, { limit: 10000 })).filter((a) => a.action === 'register.import' && a.actor === 'ngoperator');
      assert.equal(audits.length, 1);
    });

    test("an operator's import naming another organisation is rejected whole", async () => {
      const lines = [
        JSON.stringify({ recordType: 'site', ...SITES[0]!, id: 'imp-ng', name: 'Mine' }),
        JSON.stringify({ recordType: 'site', ...SITES[2]!, id: 'imp-aq', name: 'Theirs' }),
        JSON.stringify({ recordType: 'dependency', id: 'imp-dep', dependentId: 'aq-works', providerId: 'ng-sub-1', type: 'physical', service: 'power' }),
      ].join('\n');
      const r = await s.req('ngOperator', 'POST', '/register/import', lines, NDJSON);
      assert.equal(r.status, 422, r.text);
      assert.deepEqual(r.json.errors.map((e: { row: number; column: string }) => [e.row, e.column]), [[2, 'orgId'], [3, 'dependentId']]);
      assert.equal((await s.get('admin', '/register/assets/imp-ng')).status, 404);
    });

    test('export streams what the reader may see, in CSV, JSON and JSON lines', async () => {
      const csv = await s.get('ngOperator', '/register/export?type=sites&format=csv');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type')!, /^text\/csv/);
      const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => r.id).sort(), ['imp-1', 'imp-2', 'ng-sub-1', 'ng-sub-2']);
      assert.equal(rows.find((r) => r.id === 'ng-sub-1')!.population_served, '120000');
      const json = await s.get('analyst', '/register/export?type=assets&format=json');
      assert.equal(json.status, 200);
      assert.deepEqual(json.json.map((r: { id: string }) => r.id).filter((id: string) => !id.startsWith('imp-')), ALL_ASSETS);
      const all = await s.get('ngOperator', '/register/export');
      const recs = all.text.trim().split('\n').map((l) => JSON.parse(l) as { recordType: string; id: string });
      assert.deepEqual(recs.filter((r) => r.recordType !== 'site' && r.recordType !== 'organisation').map((r) => r.id), [
        'ng-scada', 'ng-scada-hmi', 'ng-scada-rtu', 'dep-ng-scada-water', 'dep-ng-sub2-sub1',
      ]);
      assert.ok(!all.text.includes('aq-plc') && !all.text.includes('"aquaflow"'), 'nothing of aquaflow but ids it depends on');
      const bad = await s.get('analyst', '/register/export?format=csv');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.details[0].path, 'type');
    });

    test('export round trip: re-importing an export changes nothing (CSV per type, JSON lines whole)', async () => {
      for (const t of ['organisations', 'sites', 'systems', 'components', 'dependencies']) {
        const out = await s.get('admin', `/register/export?type=${t}&format=csv`);
        const back = await s.req('admin', 'POST', `/register/import?type=${t}`, out.text, CSV);
        assert.equal(back.status, 200, `${t}: ${back.text}`);
        for (const c of Object.values(back.json.counts) as { inserted: number; updated: number }[]) assert.equal(c.inserted + c.updated, 0, `${t}: ${back.text}`);
      }
      const whole = await s.get('ngOperator', '/register/export?format=jsonl');
      const back = await s.req('admin', 'POST', '/register/import', whole.text, NDJSON);
      assert.equal(back.status, 200, back.text);
      assert.equal(back.json.rows, whole.text.trim().split('\n').length);
      for (const c of Object.values(back.json.counts) as { inserted: number; updated: number }[]) assert.equal(c.inserted + c.updated, 0);
      const json = await s.get('analyst', '/register/export?format=json');
      const back2 = await s.req('admin', 'POST', '/register/import?format=json', json.text, { 'content-type': 'application/json' });
      assert.equal(back2.status, 200, back2.text);
      assert.deepEqual(back2.json.counts.dependency, { inserted: 0, updated: 0, unchanged: 4 });
    });

    test("CycloneDX SBOM: the system's components, nested ones flattened, vendor from supplier/publisher/author; again changes nothing", async () => {
      const r = await s.req('ngOperator', 'POST', '/register/systems/ng-scada/sbom', SCADA_SBOM, { 'content-type': 'application/vnd.cyclonedx+json' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.counts.component, { inserted: 6, updated: 0, unchanged: 0 });
      const list = await s.get('ngOperator', '/register/components?system=ng-scada&limit=100');
      const items = list.json.items as { id: string; name: string }[];
      assert.deepEqual(items.map((c) => c.name).sort(), ['RTU560', 'SIMATIC S7-1500 CPU firmware', 'WinCC OA', 'WinCC OA', 'debian', 'log4j-core', 'openssl', 'zlib']);
      const byName = new Map<string, Record<string, unknown>>(items.filter((c) => c.id.startsWith('sbom-')).map((c) => [c.name, c]));
      assert.deepEqual(byName.get('SIMATIC S7-1500 CPU firmware'), {
        id: byName.get('SIMATIC S7-1500 CPU firmware')!.id, systemId: 'ng-scada', orgId: 'northgrid', name: 'SIMATIC S7-1500 CPU firmware',
        cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*', purl: null, vendor: 'Siemens AG', product: 'SIMATIC S7-1500 CPU firmware', version: '2.9.4', internetExposed: false,
      });
      assert.equal(byName.get('debian')!.vendor, 'Debian');
      assert.equal(byName.get('openssl')!.vendor, 'OpenSSL Software Foundation');
      assert.equal(byName.get('zlib')!.purl, 'pkg:github/madler/zlib@1.3.1');
      assert.equal(byName.get('log4j-core')!.vendor, 'The Apache Software Foundation');
      const again = await s.req('ngOperator', 'POST', '/register/systems/ng-scada/sbom', SCADA_SBOM);
      assert.deepEqual(again.json.counts.component, { inserted: 0, updated: 0, unchanged: 6 });
      // a newer SBOM without log4j: it is removed, the hand-registered components stay
      const newer = { ...SCADA_SBOM, specVersion: '1.6', components: SCADA_SBOM.components.filter((c) => c.name !== 'log4j-core') };
      const third = await s.req('ngOperator', 'POST', '/register/systems/ng-scada/sbom', newer);
      assert.equal(third.status, 200, third.text);
      assert.equal(third.json.removed.length, 1);
      const names = (await s.get('ngOperator', '/register/components?system=ng-scada&limit=100')).json.items.map((c: { name: string }) => c.name);
      assert.ok(!names.includes('log4j-core') && names.includes('RTU560') && names.includes('zlib'));
    });

    test('SBOM errors: another organisation\'s system is not found; bad documents and components are reported', async () => {
      assert.equal((await s.req(s.aqOperator, 'POST', '/register/systems/ng-scada/sbom', SCADA_SBOM)).status, 404);
      assert.equal((await s.req('analyst', 'POST', '/register/systems/ng-scada/sbom', SCADA_SBOM)).status, 403);
      assert.equal((await s.req('admin', 'POST', '/register/systems/ng-sub-1/sbom', SCADA_SBOM)).status, 404);
      const old = await s.req('admin', 'POST', '/register/systems/ng-scada/sbom', { ...SCADA_SBOM, specVersion: '1.2' });
      assert.equal(old.status, 400);
      assert.match(old.json.message, /specVersion "1.2" is not supported: CycloneDX 1.4, 1.5, 1.6/);
      const spdx = await s.req('admin', 'POST', '/register/systems/ng-scada/sbom', { spdxVersion: 'SPDX-2.3' });
      assert.equal(spdx.status, 400);
      const before = await s.get('admin', '/register/components?system=ng-scada&limit=100');
      const badComp = await s.req('admin', 'POST', '/register/systems/ng-scada/sbom', {
        ...SCADA_SBOM, components: [...SCADA_SBOM.components, { type: 'library', name: 'broken', cpe: 'cpe:/a:vendor:broken:1.0' }, { type: 'library', version: '1' }],
      });
      assert.equal(badComp.status, 422, badComp.text);
      assert.deepEqual(badComp.json.errors.map((e: { row: number; column: string }) => [e.row, e.column]), [[7, 'cpe'], [8, 'name']]);
      assert.match(badComp.json.errors[0].reason, /^components\[4\] \(broken\): .*not a CPE 2\.3/);
      assert.deepEqual((await s.get('admin', '/register/components?system=ng-scada&limit=100')).json, before.json);
    });
  });
}
