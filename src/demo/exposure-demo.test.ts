/**
 * The demo shows exposure without external data: after seeding, the generated nation has findings from
 * the generated NVD records (KEV, EPSS), the CSAF advisory's PLC statement, and threat context from the
 * demo intrusion set on energy assets; the demo operator sees only Northgrid's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, type TestStore } from '../store/test-engines.js';
import { openAccessTestStore, SYSTEM } from '../access/test-support.js';
import { createServices, type AppServices } from '../app.js';
import { seedDemo, type DemoResult } from './seed.js';
import { DEMO_INTRUSION_SET } from './exposure-demo.js';

for (const { engine, skip } of testEngines()) {
  describe(`demo exposure data on ${engine}`, { skip }, () => {
    let store: TestStore;
    let app: AppServices;
    let demo: DemoResult;
    before(async () => {
      store = await openAccessTestStore(engine);
      app = createServices(store.db, { loginRateLimit: 10, importBatchSize: 500 });
      demo = await seedDemo(app, SYSTEM, { seed: 1, objects: 300, assets: 1000 });
    });
    after(async () => store?.dispose());

    test('the generated vulnerability data is imported through the store\'s imports, nothing rejected', () => {
      const e = demo.exposure;
      assert.equal(e.nvd.inserted, e.cves);
      assert.equal(e.kev.inserted, e.cves);
      assert.equal(e.epss.inserted, e.cves);
      assert.equal(e.csaf.rejected, 0);
      assert.equal(e.threat.rejected, 0);
    });

    test('findings rank KEV CVEs, name the intrusion set on energy assets, and include the PLC advisory', async () => {
      const page = await app.exposure.findings(SYSTEM, { limit: 1000 });
      assert.ok(page.total > 50, `${page.total} findings`);
      assert.ok(page.items.every((f) => f.priority.exploitation === 'active'), 'every demo CVE is in KEV');
      const threat = page.items.filter((f) => f.priority.threatContext.includes(DEMO_INTRUSION_SET));
      assert.ok(threat.length > 0);
      assert.ok(threat.some((f) => f.priority.reasons.includes(`Used by ${DEMO_INTRUSION_SET}, which targets energy`)));
      const plc = page.items.filter((f) => f.cveId === 'CVE-2023-6448');
      assert.ok(plc.length > 0 && plc.every((f) => f.advisories[0]?.source === 'DEMO-ICSA-23-353-01'), JSON.stringify(plc[0]));
      const northgrid = await app.exposure.findings({ ...SYSTEM, userId: 'u-op', username: 'operator', orgId: 'northgrid', role: 'operator' }, { limit: 1000 });
      assert.ok(northgrid.total > 0);
      assert.ok(northgrid.items.every((f) => f.component.orgId === 'northgrid'));
      assert.ok(northgrid.items.some((f) => f.priority.threatContext.includes(DEMO_INTRUSION_SET)), 'the demo operator sees threat context');
    });
  });
}
