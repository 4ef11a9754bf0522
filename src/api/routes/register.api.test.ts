/**
 * The register's REST API on both engines, endpoint by endpoint: who sees what (operators their
 * own organisation's records, a dependency on another organisation's provider showing only its id;
 * analysts, advisers and admins everything; hidden records answered exactly like missing ones),
 * who may write what, filters and paging, validation errors naming record, field and reason,
 * deletion refused or cascaded, and the audit entries of writes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../store/test-engines.js';
import { listAudit } from '../../access/audit-log.js';
import type { UserKey } from '../test-server.js';
import {
  ALL_ASSETS, ALL_COMPONENTS, ALL_DEPS, AQ_ASSETS, AQ_DEPS, NG_ASSETS, NG_DEPS, startRegisterServer, type RegisterTestServer,
} from './register.test-support.js';

const sorted = (a: string[]) => [...a].sort();
type Who = UserKey | { token: string };

for (const { engine, skip } of testEngines()) {
  describe(`REST API register on ${engine}`, { skip }, () => {
    let s: RegisterTestServer;
    let aq: Who;
    const ids = async (who: Who, path: string): Promise<string[]> => {
      const r = await s.get(who, path);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      return sorted(r.json.items.map((x: { id: string }) => x.id));
    };

    before(async () => {
      s = await startRegisterServer(engine);
      aq = s.aqOperator;
    });
    after(async () => s?.close());

    // --- reads --------------------------------------------------------------------------------

    test('lists: operators see only their organisation\'s records; analysts, advisers and admins see all', async () => {
      for (const who of ['admin', 'analyst', 'adviser', 'ngAnalyst', 'ngAdviser'] as const) {
        assert.deepEqual(await ids(who, '/register/assets'), ALL_ASSETS, who);
        assert.deepEqual(await ids(who, '/register/dependencies'), ALL_DEPS, who);
        assert.deepEqual(await ids(who, '/register/components'), ALL_COMPONENTS, who);
      }
      assert.deepEqual(await ids('ngOperator', '/register/assets'), NG_ASSETS);
      assert.deepEqual(await ids(aq, '/register/assets'), AQ_ASSETS);
      assert.deepEqual(await ids('operator', '/register/assets'), []);
      assert.deepEqual(await ids('ngOperator', '/register/dependencies'), NG_DEPS);
      assert.deepEqual(await ids(aq, '/register/dependencies'), AQ_DEPS);
      assert.deepEqual(await ids('ngOperator', '/register/components'), ['ng-scada-hmi', 'ng-scada-rtu']);
      assert.deepEqual(await ids(aq, '/register/components'), ['aq-plc-cpu']);
      assert.deepEqual(await ids('ngOperator', '/register/organisations'), ['northgrid']);
      assert.deepEqual(await ids('adviser', '/register/organisations'), ['aquaflow', 'authority', 'northgrid']);
      // a filter naming another organisation finds nothing for an operator
      assert.deepEqual(await ids('ngOperator', '/register/assets?org=aquaflow'), []);
    });

    test('get: a hidden record is answered exactly like a missing one, on every record endpoint', async () => {
      const pairs: [Who, string, string][] = [
        ['ngOperator', '/register/assets/aq-works', '/register/assets/no-such'],
        ['ngOperator', '/register/sites/aq-works', '/register/sites/no-such'],
        ['ngOperator', '/register/systems/aq-plc', '/register/systems/no-such'],
        ['ngOperator', '/register/systems/aq-plc/components', '/register/systems/no-such/components'],
        ['ngOperator', '/register/components/aq-plc-cpu', '/register/components/no-such'],
        ['ngOperator', '/register/dependencies/dep-aq-power-1', '/register/dependencies/no-such'],
        ['ngOperator', '/register/organisations/aquaflow', '/register/organisations/no-such'],
        [aq, '/register/assets/ng-sub-1', '/register/assets/no-such'],
      ];
      for (const [who, hidden, missing] of pairs) {
        const h = await s.get(who, hidden);
        const m = await s.get(who, missing);
        assert.equal(h.status, 404, hidden);
        assert.equal(h.text, m.text, `${hidden} vs ${missing}`);
        assert.ok(!h.text.includes('aq-') && !h.text.includes('ng-'), h.text);
      }
      // a system is not a site
      assert.equal((await s.get('analyst', '/register/sites/ng-scada')).status, 404);
      assert.equal((await s.get('analyst', '/register/systems/ng-scada')).json.siteId, 'ng-sub-1');
    });

    test("a dependency on another organisation's provider shows the provider's id, never its record", async () => {
      const d = await s.get(aq, '/register/dependencies/dep-aq-power-1');
      assert.equal(d.status, 200);
      assert.equal(d.json.providerId, 'ng-sub-1');
      assert.equal(d.json.orgId, 'aquaflow');
      assert.deepEqual([d.json.backupHoursLow, d.json.backupHours, d.json.backupHoursHigh, d.json.alternateGroup], [12, 24, 48, 'feed']);
      assert.equal((await s.get(aq, '/register/assets/ng-sub-1')).status, 404);
      assert.deepEqual(await ids(aq, '/register/dependencies?provider=ng-sub-1'), ['dep-aq-power-1']);
      assert.deepEqual(await ids('analyst', '/register/dependencies?provider=ng-sub-1'), ['dep-aq-power-1', 'dep-ng-sub2-sub1']);
    });

    test('filters and cursor paging', async () => {
      assert.deepEqual(await ids('analyst', '/register/assets?min_criticality=5'), AQ_ASSETS);
      assert.deepEqual(await ids('analyst', '/register/assets?kind=system'), ['aq-plc', 'ng-scada']);
      assert.deepEqual(await ids('analyst', '/register/systems'), ['aq-plc', 'ng-scada']);
      assert.deepEqual(await ids('analyst', '/register/sites?sector=energy&region=UKC'), ['ng-sub-1', 'ng-sub-2']);
      assert.deepEqual(await ids('analyst', '/register/assets?site=ng-sub-1'), ['ng-scada']);
      assert.deepEqual(await ids('analyst', '/register/components?system=ng-scada'), ['ng-scada-hmi', 'ng-scada-rtu']);
      assert.deepEqual(await ids('analyst', '/register/systems/ng-scada/components'), ['ng-scada-hmi', 'ng-scada-rtu']);
      assert.deepEqual(await ids('analyst', '/register/dependencies?dependent=aq-works'), AQ_DEPS);
      assert.deepEqual(await ids('analyst', '/register/organisations?sector=water'), ['aquaflow']);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await s.get('analyst', `/register/assets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(r.json.items.length <= 2);
        seen.push(...r.json.items.map((x: { id: string }) => x.id));
        cursor = r.json.next;
      } while (cursor);
      assert.deepEqual(seen, ALL_ASSETS);
      const bad = await s.get('analyst', '/register/assets?cursor=%25%25');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.details[0].path, 'cursor');
    });

    // --- writes -------------------------------------------------------------------------------

    const site = (id: string, orgId: string, extra: Record<string, unknown> = {}) => ({
      id, orgId, name: `Site ${id}`, sector: 'energy', region: 'UKD', lat: 53.4, lon: -2.2, criticality: 2, ...extra,
    });

    test('who may write: analysts and advisers may not; operators only their own organisation\'s records', async () => {
      for (const who of ['analyst', 'adviser', 'ngAnalyst'] as const) {
        for (const [method, path] of [['POST', '/register/sites'], ['PATCH', '/register/sites/ng-sub-1'], ['DELETE', '/register/sites/ng-sub-1'], ['POST', '/register/dependencies'], ['POST', '/register/components'], ['POST', '/register/import']] as const) {
          const r = await s.req(who, method, path, method === 'DELETE' ? undefined : {});
          assert.equal(r.status, 403, `${who} ${method} ${path}: ${r.text}`);
        }
      }
      const foreign = await s.req('ngOperator', 'POST', '/register/sites', site('ng-new', 'aquaflow'));
      assert.equal(foreign.status, 403);
      assert.match(foreign.json.message, /only your own organisation's records \(northgrid\)/);
      const own = await s.req('ngOperator', 'POST', '/register/sites', site('ng-new', 'northgrid'));
      assert.equal(own.status, 201, own.text);
      assert.equal(own.json.kind, 'site');
      const patched = await s.req('ngOperator', 'PATCH', '/register/sites/ng-new', { criticality: 3 });
      assert.equal(patched.status, 200);
      assert.equal(patched.json.criticality, 3);
      const moved = await s.req('ngOperator', 'PATCH', '/register/sites/ng-new', { orgId: 'aquaflow' });
      assert.equal(moved.status, 403);
      // another organisation's records: not found, whatever the method
      for (const [method, path] of [['PATCH', '/register/sites/aq-works'], ['DELETE', '/register/sites/aq-works'], ['PATCH', '/register/components/aq-plc-cpu'], ['DELETE', '/register/dependencies/dep-aq-power-1']] as const) {
        const r = await s.req('ngOperator', method, path, method === 'PATCH' ? { name: 'x' } : undefined);
        assert.equal(r.status, 404, `${method} ${path}`);
      }
      const comp = await s.req('ngOperator', 'POST', '/register/components', { id: 'ng-x', systemId: 'aq-plc', name: 'x' });
      assert.equal(comp.status, 400);
      assert.equal(comp.json.details[0].path, 'systemId');
      // a dependency of their own asset on another organisation's provider is theirs to record
      const dep = await s.req('ngOperator', 'POST', '/register/dependencies', { id: 'dep-ng-new-water', dependentId: 'ng-new', providerId: 'aq-works', type: 'physical', service: 'water' });
      assert.equal(dep.status, 201, dep.text);
      assert.equal(dep.json.orgId, 'northgrid');
      const theirs = await s.req('ngOperator', 'POST', '/register/dependencies', { id: 'dep-aq-x', dependentId: 'aq-works', providerId: 'ng-new', type: 'physical', service: 'power' });
      assert.equal(theirs.status, 400);
      assert.equal(theirs.json.details[0].path, 'dependentId');
      // organisations: admins only
      assert.equal((await s.req('ngOperator', 'POST', '/register/organisations', { id: 'gridco', name: 'GridCo' })).status, 403);
      assert.equal((await s.req('analyst', 'PATCH', '/register/organisations/northgrid', { sector: 'water' })).status, 403);
    });

    test('validation errors name the record, the field and the reason', async () => {
      const cases: [string, string, Record<string, unknown>, string, RegExp][] = [
        ['POST', '/register/sites', site('bad id!', 'northgrid'), 'id', /not a valid id/],
        ['POST', '/register/sites', site('s-lat', 'northgrid', { lat: 91 }), 'lat', /at most 90/],
        ['POST', '/register/sites', site('s-lon', 'northgrid', { lon: null, lat: 50 }), 'lon', /lat and lon go together/],
        ['POST', '/register/sites', site('s-reg', 'northgrid', { region: 'UKZ' }), 'region', /not one of UKC/],
        ['POST', '/register/sites', site('s-cat', 'northgrid', { criticality: 6 }), 'criticality', /at most 5/],
        ['POST', '/register/sites', site('s-sub', 'northgrid', { subSector: 'bakeries' }), 'subSector', /not a sub-sector of energy/],
        ['POST', '/register/systems', { id: 'y-nosite', orgId: 'northgrid', name: 'x', sector: 'energy', criticality: 1, systemType: 'IT' }, 'siteId', /required/],
        ['POST', '/register/systems', { id: 'y-site', orgId: 'aquaflow', name: 'x', sector: 'water', siteId: 'ng-sub-1', criticality: 1, systemType: 'IT' }, 'siteId', /belongs to 'northgrid'; a system must be at a site of its own organisation/],
        ['POST', '/register/systems', { id: 'y-gone', orgId: 'northgrid', name: 'x', sector: 'energy', siteId: 'nowhere', criticality: 1, systemType: 'IT' }, 'siteId', /no site 'nowhere'/],
        ['POST', '/register/systems', { id: 'y-type', orgId: 'northgrid', name: 'x', sector: 'energy', siteId: 'ng-sub-1', criticality: 1, systemType: 'SCADA' }, 'systemType', /not one of IT, OT/],
        ['POST', '/register/dependencies', { id: 'd-self', dependentId: 'ng-sub-1', providerId: 'ng-sub-1', type: 'physical', service: 'power' }, 'providerId', /cannot depend on itself/],
        ['POST', '/register/dependencies', { id: 'd-ghost', dependentId: 'ng-sub-1', providerId: 'ghost', type: 'physical', service: 'power' }, 'providerId', /no asset 'ghost'/],
        ['POST', '/register/dependencies', { id: 'd-backup', dependentId: 'ng-sub-1', providerId: 'ng-sub-2', type: 'physical', service: 'power', backupKind: 'battery', backupHours: 4, backupHoursLow: 5, backupHoursHigh: 8 }, 'backupHours', /backupHoursLow ≤ backupHours ≤ backupHoursHigh/],
        ['POST', '/register/dependencies', { id: 'd-none', dependentId: 'ng-sub-1', providerId: 'ng-sub-2', type: 'physical', service: 'power', backupHours: 3 }, 'backupHours', /backupKind is 'none'/],
        ['POST', '/register/dependencies', { id: 'd-share', dependentId: 'ng-sub-1', providerId: 'ng-sub-2', type: 'physical', service: 'power', shareLost: 0 }, 'shareLost', /greater than 0/],
        ['POST', '/register/dependencies', { id: 'd-alt', dependentId: 'aq-works', providerId: 'ng-scada', type: 'physical', service: 'telecoms', alternateGroup: 'feed' }, 'alternateGroup', /same service: group 'feed' of 'aq-works' carries power/],
        ['POST', '/register/components', { id: 'c-cpe', systemId: 'ng-scada', name: 'x', cpe: 'cpe:/a:siemens:wincc' }, 'cpe', /not a CPE 2.3/],
        ['POST', '/register/components', { id: 'c-site', systemId: 'ng-sub-1', name: 'x' }, 'systemId', /is a site/],
      ];
      for (const [method, path, bodyIn, field, reason] of cases) {
        const r = await s.req('admin', method, path, bodyIn);
        assert.equal(r.status, 400, `${path} ${JSON.stringify(bodyIn)}: ${r.text}`);
        assert.equal(r.json.code, 'VALIDATION_FAILED');
        const d = r.json.details.find((x: { path: string }) => x.path === field);
        assert.ok(d, `${field} in ${r.text}`);
        assert.match(d.message, reason);
        assert.ok(r.json.message.includes(String(bodyIn.id)) && r.json.message.includes(field), r.json.message);
      }
      const dup = await s.req('admin', 'POST', '/register/sites', site('ng-sub-1', 'northgrid'));
      assert.equal(dup.status, 409);
    });

    test('deleting an asset others depend on is refused with the list, or cascades explicitly', async () => {
      for (const x of [site('del-a', 'northgrid'), site('del-b', 'northgrid')]) assert.equal((await s.req('admin', 'POST', '/register/sites', x)).status, 201);
      assert.equal((await s.req('admin', 'POST', '/register/systems', { id: 'del-y', orgId: 'northgrid', name: 'y', sector: 'energy', siteId: 'del-a', criticality: 1, systemType: 'OT' })).status, 201);
      assert.equal((await s.req('admin', 'POST', '/register/components', { id: 'del-c', systemId: 'del-y', name: 'c' })).status, 201);
      assert.equal((await s.req('admin', 'POST', '/register/dependencies', { id: 'del-d1', dependentId: 'del-b', providerId: 'del-a', type: 'physical', service: 'power' })).status, 201);
      assert.equal((await s.req('admin', 'POST', '/register/dependencies', { id: 'del-d2', dependentId: 'aq-works', providerId: 'del-y', type: 'cyber', service: 'data' })).status, 201);
      const refused = await s.req('ngOperator', 'DELETE', '/register/sites/del-a');
      assert.equal(refused.status, 409);
      assert.match(refused.json.message, /systems at this site: del-y/);
      assert.match(refused.json.message, /del-d1 \(del-b → del-a\)/);
      assert.match(refused.json.message, /1 dependencies recorded by other organisations/);
      assert.ok(!refused.text.includes('del-d2') && !refused.text.includes('aq-works'), refused.text);
      const forbidden = await s.req('ngOperator', 'DELETE', '/register/sites/del-a?cascade=true');
      assert.equal(forbidden.status, 403);
      const done = await s.req('admin', 'DELETE', '/register/sites/del-a?cascade=true');
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(done.json.deleted, { assets: ['del-y', 'del-a'], components: ['del-c'], dependencies: ['del-d1', 'del-d2'] });
      assert.equal((await s.get('admin', '/register/assets/del-y')).status, 404);
      // an asset nobody depends on goes with its own dependencies
      assert.equal((await s.req('ngOperator', 'DELETE', '/register/sites/del-b')).status, 200);
    });

    test('every write is audited in the chain, and the change log names it', async () => {
      const before = (await listAudit(s.svc.db, { limit: 10000 })).length;
      assert.equal((await s.req('admin', 'POST', '/register/organisations', { id: 'gridco', name: 'GridCo', sector: 'energy' })).status, 201);
      assert.equal((await s.req('admin', 'PATCH', '/register/organisations/gridco', { sector: 'communications' })).status, 200);
      assert.equal((await s.req('admin', 'POST', '/register/sites', site('audit-s', 'gridco'))).status, 201);
      assert.equal((await s.req('admin', 'PATCH', '/register/sites/audit-s', { name: 'Renamed' })).status, 200);
      // an update that changes nothing writes nothing and audits nothing
      assert.equal((await s.req('admin', 'PATCH', '/register/sites/audit-s', { name: 'Renamed' })).status, 200);
      assert.equal((await s.req('admin', 'DELETE', '/register/sites/audit-s')).status, 200);
      assert.equal((await s.req('admin', 'DELETE', '/register/organisations/gridco')).status, 204);
      const entries = (await listAudit(s.svc.db, { limit: 10000 })).slice(before);
      assert.deepEqual(entries.map((e) => [e.action, e.target, e.actor]), [
        ['register.organisation.create', 'gridco', 'admin'], ['register.organisation.update', 'gridco', 'admin'],
        ['register.asset.create', 'audit-s', 'admin'], ['register.asset.update', 'audit-s', 'admin'],
        ['register.asset.delete', 'audit-s', 'admin'], ['register.organisation.delete', 'gridco', 'admin'],
      ]);
      assert.equal((await s.svc.audit.verify()).ok, true);
      const changes = await s.svc.db.query<{ entity: string; id: string; op: string }>("SELECT entity, id, op FROM register_change WHERE id IN ('gridco', 'audit-s') ORDER BY seq");
      assert.deepEqual(changes.map((c) => `${c.entity}:${c.id}:${c.op}`), [
        'organisation:gridco:upsert', 'organisation:gridco:upsert', 'asset:audit-s:upsert', 'asset:audit-s:upsert', 'asset:audit-s:delete', 'organisation:gridco:delete',
      ]);
    });

    test('the OpenAPI document describes the register endpoints', async () => {
      const doc = (await s.get(null, '/openapi.json')).json;
      for (const [m, p] of [['get', '/register/assets'], ['post', '/register/sites'], ['patch', '/register/systems/{id}'], ['delete', '/register/dependencies/{id}'],
        ['post', '/register/import'], ['get', '/register/export'], ['post', '/register/systems/{id}/sbom'], ['get', '/register/organisations/{id}']]) {
        assert.ok(doc.paths[p!]?.[m!], `${m} ${p}`);
      }
      assert.ok(doc.components.schemas.RegisterDependency.properties.alternateGroup);
      let n = 0;
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { summary?: string; responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }>>)) {
        if (!path.startsWith('/register/')) continue;
        for (const [method, op] of Object.entries(item)) {
          n++;
          assert.ok(op.summary, `${method} ${path} has a summary`);
          assert.equal(op.responses['401']!.content['application/json']!.schema.$ref, '#/components/schemas/Error', `${method} ${path}`);
          assert.ok(s.app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace('{id}', ':id') }), `${method} ${path} served`);
        }
      }
      assert.equal(n, 3 * 5 + 5 + 5 + 5 + 2 + 2);
    });
  });
}
