/**
 * Register import on both engines: CSV and JSON lines, all or nothing with row/column errors,
 * idempotent re-import, the change log and the audit entry.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngines, type TestStore } from '../store/test-engines.js';
import { openAccessTestStore, SYSTEM } from '../access/test-support.js';
import { createServices, type AppServices } from '../app.js';
import { listAudit } from '../access/audit-log.js';
import type { Subject } from '../access/policy.js';
import { importRegister, type ImportReport } from './import-service.js';
import { sourceFromFile, type ImportSource } from './import-reader.js';
import { COMPONENTS, DEPENDENCIES, ORGS, SITES, SYSTEMS, allJsonLines, toCsv } from './test-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-register-import-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const csvFiles = () => [
  file('organisations.csv', toCsv('organisation', ORGS)),
  file('sites.csv', toCsv('site', SITES)),
  file('systems.csv', toCsv('system', SYSTEMS)),
  file('components.csv', toCsv('component', COMPONENTS)),
  file('dependencies.csv', toCsv('dependency', DEPENDENCIES)),
];

async function count(svc: AppServices, table: string): Promise<number> {
  const [r] = await svc.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(r!.n);
}

for (const { engine, skip } of testEngines()) {
  describe(`register import on ${engine}`, { skip }, () => {
    let store: TestStore;
    let svc: AppServices;
    const run = (sources: ImportSource[], s: Subject = SYSTEM): Promise<ImportReport> => importRegister(svc.db, s, sources, { audit: svc.appendAudit });

    before(async () => {
      store = await openAccessTestStore(engine);
      svc = createServices(store.db, { loginRateLimit: 10, importBatchSize: 500 });
    });
    after(async () => store?.dispose());

    test('a CSV file with a bad row stores nothing from any file imported with it, and names file, row, column and reason', async () => {
      const badSites = file('bad-sites.csv', toCsv('site', [
        SITES[0]!,
        { ...SITES[1]!, lat: 123 },
        { ...SITES[2]!, region: 'ZZZ', criticality: 7 },
      ]));
      const files = csvFiles();
      files[1] = badSites;
      const r = await run(files.map((f) => sourceFromFile(f)));
      assert.equal(r.ok, false);
      // the two bad sites, and the rows that name them (which would have been fine otherwise)
      assert.ok(r.rejected >= 2, JSON.stringify(r.errors));
      const got = r.errors.filter((e) => e.file === badSites).map((e) => [e.row, e.column]);
      assert.deepEqual(got, [[3, 'lat'], [4, 'region'], [4, 'criticality']]);
      assert.match(r.errors.find((e) => e.column === 'lat')!.reason, /at most 90/);
      // the systems and dependencies referring to the rejected sites would have been fine otherwise: nothing stored at all
      for (const t of ['asset', 'component', 'dependency', 'register_change']) assert.equal(await count(svc, t), 0, t);
      assert.equal(await count(svc, "organisation WHERE id = 'aquaflow'"), 0);
    });

    test('cross-record errors are found in SQL and reported per row: missing site, wrong kind, other organisation, endpoints, duplicates, alternates', async () => {
      const systems = file('bad-systems.csv', toCsv('system', [
        { ...SYSTEMS[0]!, siteId: 'nowhere' },
        { ...SYSTEMS[1]!, siteId: 'ng-sub-1' }, // aquaflow system at a northgrid site
        { ...SYSTEMS[1]!, id: 'aq-plc-2', siteId: 'aq-plc' }, // at a system
      ]));
      const deps = file('bad-dependencies.csv', toCsv('dependency', [
        { ...DEPENDENCIES[0]! },
        { ...DEPENDENCIES[1]!, service: 'telecoms' }, // same alternate group, other service
        { ...DEPENDENCIES[2]!, providerId: 'ghost' },
        { ...DEPENDENCIES[3]! },
        { ...DEPENDENCIES[3]!, dependentId: 'ng-sub-1', providerId: 'ng-sub-2' }, // duplicate id
      ]));
      const files = csvFiles();
      files[2] = systems;
      files[4] = deps;
      const r = await run(files.map((f) => sourceFromFile(f)));
      assert.equal(r.ok, false);
      const at = (f: string) => r.errors.filter((e) => e.file === f).map((e) => `${e.row}:${e.column}:${e.reason}`);
      const sys = at(systems);
      assert.equal(sys.length, 3, sys.join('\n'));
      assert.match(sys[0]!, /^2:site_id:no site nowhere/);
      assert.match(sys[1]!, /^3:site_id:site ng-sub-1 belongs to northgrid; a system must be at a site of its own organisation/);
      assert.match(sys[2]!, /^4:site_id:aq-plc is a system, not a site/);
      const d = at(deps);
      assert.ok(d.some((x) => /^2:alternate_group:alternates must carry the same service/.test(x)), d.join('\n'));
      assert.ok(d.some((x) => /^3:alternate_group:/.test(x)), d.join('\n'));
      assert.ok(d.some((x) => /^4:provider_id:no asset ghost/.test(x)), d.join('\n'));
      assert.ok(d.some((x) => /^5:id:appears more than once/.test(x)) && d.some((x) => /^6:id:appears more than once/.test(x)), d.join('\n'));
      assert.equal(await count(svc, 'asset'), 0);
    });

    test('a clean CSV import stores everything; systems take region and location from their site; owners are derived', async () => {
      const r = await run(csvFiles().map((f) => sourceFromFile(f)));
      assert.equal(r.ok, true, JSON.stringify(r.errors));
      assert.deepEqual(r.counts.asset, { inserted: 5, updated: 0, unchanged: 0 });
      assert.deepEqual(r.counts.component, { inserted: 3, updated: 0, unchanged: 0 });
      assert.deepEqual(r.counts.dependency, { inserted: 4, updated: 0, unchanged: 0 });
      const plc = await svc.register.getAsset(SYSTEM, 'aq-plc');
      assert.deepEqual([plc.region, plc.lat, plc.lon], ['UKC', 54.99, -1.7]);
      const comp = await svc.register.getComponent(SYSTEM, 'aq-plc-cpu');
      assert.equal(comp.orgId, 'aquaflow');
      assert.equal((await svc.register.getDependency(SYSTEM, 'dep-ng-scada-water')).orgId, 'northgrid');
      assert.equal(await count(svc, 'register_change'), 2 + 5 + 3 + 4);
      const audit = (await listAudit(svc.db, { limit: 1000 })).filter((a) => a.action === 'register.import');
      assert.equal(audit.length, 1);
    });

    test('re-importing the same data (CSV or JSON lines) is a no-op: nothing rewritten, no change logged, no audit entry', async () => {
      const changes = await count(svc, 'register_change');
      const audits = (await listAudit(svc.db, { limit: 10000 })).length;
      const r1 = await run(csvFiles().map((f) => sourceFromFile(f)));
      const r2 = await run([sourceFromFile(file('all.jsonl', allJsonLines()))]);
      for (const r of [r1, r2]) {
        assert.equal(r.ok, true, JSON.stringify(r.errors));
        assert.deepEqual(r.counts.asset, { inserted: 0, updated: 0, unchanged: 5 });
        assert.deepEqual(r.counts.dependency, { inserted: 0, updated: 0, unchanged: 4 });
      }
      assert.equal(await count(svc, 'register_change'), changes);
      assert.equal((await listAudit(svc.db, { limit: 10000 })).length, audits);
    });

    test('a changed row is updated (and only it); JSON rows report camelCase fields', async () => {
      const changed = SITES.map((x) => (x.id === 'ng-sub-2' ? { ...x, criticality: 4 } : x));
      const r = await run([{ name: 'body', format: 'json', type: 'site', text: JSON.stringify(changed) }]);
      assert.equal(r.ok, true, JSON.stringify(r.errors));
      assert.deepEqual(r.counts.asset, { inserted: 0, updated: 1, unchanged: 2 });
      const bad = await run([{ name: 'body', format: 'json', text: `${JSON.stringify({ recordType: 'dependency', ...DEPENDENCIES[3]!, shareLost: 0 })}\n{"recordType":"gizmo"}\nnot json\n` }]);
      assert.equal(bad.ok, false);
      assert.deepEqual(bad.errors.map((e) => [e.row, e.column]), [[1, 'shareLost'], [2, 'recordType'], [3, null]]);
    });

    test('an operator imports only their own organisation\'s records', async () => {
      const op: Subject = { userId: 'u-op', username: 'aq-op', orgId: 'aquaflow', role: 'operator', clearance: 'OFFICIAL' };
      const r = await run([{ name: 'body', format: 'json', text: allJsonLines() }], op);
      assert.equal(r.ok, false);
      const reasons = r.errors.map((e) => `${e.row}:${e.column}:${e.reason}`);
      assert.ok(reasons.some((x) => /^1:null:your role \(operator\) may not register organisations/.test(x)), reasons.join('\n'));
      assert.ok(reasons.some((x) => /^3:orgId:you may register only your own organisation/.test(x)), reasons.join('\n'));
      const own = await run([{ name: 'body', format: 'json', type: 'component', text: JSON.stringify([{ id: 'aq-plc-hmi', systemId: 'aq-plc', name: 'HMI panel', vendor: 'Schneider Electric', product: 'Harmony', version: '1.2' }, { id: 'x', systemId: 'ng-scada', name: 'foreign' }]) }], op);
      assert.deepEqual(own.errors.map((e) => `${e.row}:${e.column}:${e.reason}`), ['2:systemId:no system ng-scada is available to you']);
    });
  });
}
