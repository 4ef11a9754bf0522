/**
 * ExposureService on both engines: two services over one store stand for two processes. What one
 * writes — a finding's state, KEV, intelligence, the register — the other answers after its next
 * catch-up (refreshMs 0 here: states and threat context re-read on every request).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { openAccessTestStore, SYSTEM } from '../../access/test-support.js';
import { createServices, type AppServices } from '../../app.js';
import { allJsonLines } from '../../register/test-fixtures.js';
import type { Subject } from '../../access/policy.js';
import { vulnerabilityId } from '../sources/stix-vulnerability.js';
import { ExposureService } from './exposure-service.js';
import { importVulnerabilities } from './vuln-import.js';
import { EPSS_CSV, KEV_CATALOGUE, NVD_PAGE } from './test-fixtures.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const analyst: Subject = { userId: 'u-an', username: 'an', orgId: 'authority', role: 'analyst', clearance: 'TOP SECRET' };

for (const { engine, skip } of testEngines()) {
  describe(`exposure service across processes on ${engine}`, { skip }, () => {
    let store: TestStore;
    let app: AppServices;
    let one: ExposureService;
    let two: ExposureService;
    const hmi = async (svc: ExposureService) => (await svc.findings(SYSTEM, { cve: 'CVE-2025-10001' })).items[0];

    before(async () => {
      store = await openAccessTestStore(engine);
      app = createServices(store.db, { loginRateLimit: 10, importBatchSize: 500 });
      for (const [id, name] of [['authority', 'Authority'], ['northgrid', 'Northgrid'], ['aquaflow', 'Aquaflow']]) await app.users.createOrganisation(SYSTEM, { id: id!, name: name! });
      const reg = await app.register.import(SYSTEM, [{ name: 'fixtures', format: 'json', text: allJsonLines() }]);
      assert.ok(reg.ok, JSON.stringify(reg.errors));
      for (const [source, bytes] of [['nvd', json(NVD_PAGE)], ['kev', json(KEV_CATALOGUE)], ['epss', Buffer.from(EPSS_CSV)]] as const) {
        await importVulnerabilities(app.db, app.appendAudit, SYSTEM, source, bytes);
      }
      one = new ExposureService(app.db, app.appendAudit, { refreshMs: 0 });
      two = new ExposureService(app.db, app.appendAudit, { refreshMs: 0 });
      assert.equal((await one.findings(SYSTEM)).total, 3);
      assert.equal((await two.findings(SYSTEM)).total, 3);
    });
    after(async () => store?.dispose());

    test('a state set by one is read by the other', async () => {
      const f = (await hmi(one))!;
      await two.setState(SYSTEM, f.key, { state: 'mitigated', reason: 'Upgraded in the field' });
      const seen = await one.finding(SYSTEM, f.key);
      assert.equal(seen.state.state, 'mitigated');
      assert.equal(seen.state.reason, 'Upgraded in the field');
    });

    test('intelligence written meanwhile becomes threat context; a KEV catalogue without the CVE lowers its exploitation', async () => {
      const T = '2026-01-01T00:00:00.000Z';
      const set = { type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--0f000000-0000-4000-8000-000000000001', created: T, modified: T, name: 'Grey Kestrel' };
      const sector = { type: 'identity', spec_version: '2.1', id: 'identity--0f000000-0000-4000-8000-000000000002', created: T, modified: T, name: 'Energy', identity_class: 'class', sectors: ['energy'] };
      const rel = (n: number, kind: string, target: string) => ({ type: 'relationship', spec_version: '2.1', id: `relationship--0f000000-0000-4000-8000-00000000000${n}`, created: T, modified: T, relationship_type: kind, source_ref: set.id, target_ref: target });
      for (const o of [set, sector, rel(3, 'uses', vulnerabilityId('CVE-2025-10001')), rel(4, 'targets', sector.id)]) await app.knowledge.put(SYSTEM, o);
      const f = (await hmi(one))!;
      assert.deepEqual(f.priority.threatContext, ['Grey Kestrel']);
      assert.equal(f.priority.exploitation, 'active');
      const kev = await importVulnerabilities(app.db, app.appendAudit, SYSTEM, 'kev', json({ ...KEV_CATALOGUE, count: 1, vulnerabilities: KEV_CATALOGUE.vulnerabilities.slice(1) }));
      assert.equal(kev.deleted, 1, JSON.stringify(kev));
      assert.equal((await hmi(one))!.priority.exploitation, 'none');
    });

    test('a component deleted in the register leaves both; its finding then answers 404', async () => {
      const key = (await one.findings(SYSTEM, { component: 'aq-plc-cpu' })).items[0]!.key;
      await app.register.deleteComponent(SYSTEM, 'aq-plc-cpu');
      for (const svc of [one, two]) {
        assert.equal((await svc.findings(SYSTEM, { component: 'aq-plc-cpu' })).total, 0);
        await assert.rejects(svc.finding(SYSTEM, key), { code: 'NOT_FOUND' });
      }
    });

    test('roles: analysts may not triage, operators may not import, nobody reads past the policy', async () => {
      const f = (await one.findings(analyst)).items[0]!;
      await assert.rejects(one.setState(analyst, f.key, { state: 'acknowledged' }), { code: 'FORBIDDEN' });
      const op: Subject = { userId: 'u-op', username: 'op', orgId: 'aquaflow', role: 'operator', clearance: 'OFFICIAL' };
      await assert.rejects(importVulnerabilities(app.db, app.appendAudit, op, 'epss', Buffer.from(EPSS_CSV)), { code: 'FORBIDDEN' });
      await assert.rejects(one.finding(op, f.key), { code: 'NOT_FOUND' });
      assert.equal((await one.summary(op)).length, 0);
    });
  });
}
