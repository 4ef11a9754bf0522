/**
 * The exposure API on both engines, over a real loopback server with the register of
 * register/test-fixtures.ts and the vulnerability data of exposure/service/test-fixtures.ts imported
 * through the store's imports: ranked, explained findings with threat context; operators see only their
 * own (not in lists, counts, summaries, nor by key); paging; filters; state transitions, their validation
 * errors and audit entries; device matching; and answers that follow register and vulnerability changes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../store/test-engines.js';
import { listAudit } from '../../access/audit-log.js';
import { SYSTEM } from '../../access/test-support.js';
import { importVulnerabilities } from '../../exposure/service/index.js';
import { EPSS_CSV, KEV_CATALOGUE, NVD_PAGE, nvdCve, THREAT_OBJECTS } from '../../exposure/service/test-fixtures.js';
import { startRegisterServer, type RegisterTestServer } from './register.test-support.js';

const q = encodeURIComponent;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
type F = { key: string; cveId: string; component: { id: string; orgId: string }; priority: { outcome: string; threatContext: string[]; reasons: string[] }; state: { state: string } };
const cves = (items: F[]) => items.map((f) => f.cveId);
const ALL = ['CVE-2025-10001', 'CVE-2025-10002', 'CVE-2025-10003'];

for (const { engine, skip } of testEngines()) {
  describe(`REST API exposure on ${engine}`, { skip }, () => {
    let s: RegisterTestServer;
    const key = async (cve: string): Promise<string> => {
      const r = await s.get('admin', `/exposure/findings?cve=${cve}`);
      assert.equal(r.json.items.length, 1, r.text);
      return r.json.items[0].key;
    };

    before(async () => {
      s = await startRegisterServer(engine);
      for (const [source, bytes] of [['nvd', json(NVD_PAGE)], ['kev', json(KEV_CATALOGUE)], ['epss', Buffer.from(EPSS_CSV)]] as const) {
        const r = await importVulnerabilities(s.svc.db, s.svc.appendAudit, SYSTEM, source, bytes);
        assert.equal(r.rejected, 0, JSON.stringify(r.errors));
      }
      for (const o of THREAT_OBJECTS) await s.svc.knowledge.put(SYSTEM, structuredClone(o));
    });
    after(async () => s?.close());

    test('findings are ranked and explained: criteria, matchCriteriaId, path, version bound and scheme, reasons, threat context', async () => {
      const r = await s.get('analyst', '/exposure/findings');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.total, 3);
      assert.deepEqual(cves(r.json.items).sort(), ALL);
      const hmi = r.json.items.find((f: F) => f.cveId === 'CVE-2025-10001');
      assert.equal(hmi.component.id, 'ng-scada-hmi');
      assert.equal(hmi.component.orgId, 'northgrid');
      assert.equal(hmi.key, 'ng-scada-hmi|CVE-2025-10001|' + hmi.productKey);
      assert.equal(hmi.nvd[0].criteria, 'cpe:2.3:a:siemens:simatic_wincc_oa:*:*:*:*:*:*:*:*');
      assert.equal(hmi.nvd[0].matchCriteriaId, '11111111-1111-4111-8111-111111111111');
      assert.equal(hmi.nvd[0].path, 'configurations[0].nodes[0].cpeMatch[0]');
      assert.match(hmi.nvd[0].version.explanation, /3\.18 < 3\.19/);
      assert.equal(hmi.nvd[0].version.scheme, 'numeric');
      assert.equal(hmi.priority.exploitation, 'active');
      assert.match(hmi.priority.reasons.join('\n'), /CISA KEV/);
      assert.equal(hmi.state.state, 'new');
      // the internet-facing RTU: its CVE is used by an intrusion set that targets energy
      const rtu = r.json.items.find((f: F) => f.cveId === 'CVE-2025-10002');
      assert.deepEqual(rtu.priority.threatContext, ['Copper Lantern']);
      assert.ok(rtu.priority.reasons.includes('Used by Copper Lantern, which targets energy'), rtu.priority.reasons.join('\n'));
      assert.equal(rtu.priority.exposure, 'open');
      // ranked: most urgent first (outcome rank, then threat context, EPSS, criticality)
      const ranks = r.json.items.map((f: { priority: { sortKey: number[] } }) => f.priority.sortKey[0]);
      assert.deepEqual(ranks, [...ranks].sort((a: number, b: number) => b - a));
    });

    test('operators see only their own organisation\'s findings: lists, counts, summary and by key', async () => {
      const ng = await s.get('ngOperator', '/exposure/findings');
      assert.equal(ng.status, 200, ng.text);
      assert.deepEqual(cves(ng.json.items).sort(), ['CVE-2025-10001', 'CVE-2025-10002']);
      assert.equal(ng.json.total, 2);
      const aq = await s.get(s.aqOperator, '/exposure/findings');
      assert.deepEqual(cves(aq.json.items), ['CVE-2025-10003']);
      assert.equal(aq.json.total, 1);
      assert.equal((await s.get('operator', '/exposure/findings')).json.total, 0);
      // asking for another organisation is asking for findings that do not exist
      const other = await s.get('ngOperator', '/exposure/findings?org=aquaflow');
      assert.deepEqual([other.status, other.json.total, other.json.items], [200, 0, []]);
      const cveOther = await s.get('ngOperator', '/exposure/findings?cve=CVE-2025-10003');
      assert.equal(cveOther.json.total, 0);
      // summary: only their own organisation
      const sum = await s.get('ngOperator', '/exposure/summary');
      assert.equal(sum.status, 200, sum.text);
      assert.deepEqual(sum.json.organisations.map((o: { orgId: string }) => o.orgId), ['northgrid']);
      assert.equal(sum.json.organisations[0].total, 2);
      const all = await s.get('adviser', '/exposure/summary');
      assert.deepEqual(all.json.organisations.map((o: { orgId: string; total: number }) => [o.orgId, o.total]).sort(), [['aquaflow', 1], ['northgrid', 2]]);
      // by key: another organisation's finding answers exactly like one that does not exist
      const aqKey = await key('CVE-2025-10003');
      const hidden = await s.get('ngOperator', `/exposure/findings/${q(aqKey)}`);
      const missing = await s.get('ngOperator', `/exposure/findings/${q('aq-plc-cpu|CVE-2099-0001|x')}`);
      assert.equal(hidden.status, 404);
      assert.equal(missing.status, 404);
      assert.deepEqual(Object.keys(hidden.json), Object.keys(missing.json));
      assert.equal(hidden.json.code, 'NOT_FOUND');
      assert.ok(!hidden.text.includes('aquaflow'), hidden.text);
      const own = await s.get(s.aqOperator, `/exposure/findings/${q(aqKey)}`);
      assert.equal(own.status, 200, own.text);
      assert.equal(own.json.key, aqKey);
      assert.equal((await s.get(null, '/exposure/findings')).status, 401);
    });

    test('paging with the cursor visits every finding once, in ranked order; a foreign cursor is refused', async () => {
      const whole = await s.get('admin', '/exposure/findings?limit=1000');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await s.get('admin', `/exposure/findings?limit=1${cursor ? `&cursor=${q(cursor)}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.total, 3);
        seen.push(...r.json.items.map((f: F) => f.key));
        cursor = r.json.nextCursor;
      } while (cursor !== null && seen.length < 10);
      assert.deepEqual(seen, whole.json.items.map((f: F) => f.key));
      const bad = await s.get('admin', '/exposure/findings?cursor=not-a-cursor');
      assert.equal(bad.status, 400, bad.text);
      assert.match(bad.text, /cursor/);
      const limit = await s.get('admin', '/exposure/findings?limit=0');
      assert.equal(limit.status, 400);
      assert.match(limit.text, /limit/);
    });

    test('filters: system, component, CVE, outcome, state', async () => {
      assert.deepEqual(cves((await s.get('admin', '/exposure/findings?system=ng-scada')).json.items).sort(), ['CVE-2025-10001', 'CVE-2025-10002']);
      assert.deepEqual(cves((await s.get('admin', '/exposure/findings?component=aq-plc-cpu')).json.items), ['CVE-2025-10003']);
      const all = (await s.get('admin', '/exposure/findings')).json.items as F[];
      const outcome = all[0]!.priority.outcome;
      const byOutcome = await s.get('admin', `/exposure/findings?outcome=${outcome}`);
      assert.deepEqual(cves(byOutcome.json.items), cves(all.filter((f) => f.priority.outcome === outcome)));
      assert.equal((await s.get('admin', '/exposure/findings?outcome=urgent')).status, 400);
      assert.equal((await s.get('admin', '/exposure/findings?cve=log4shell')).status, 400);
    });

    test('state: operators triage their own findings, advisers any, analysts none; transitions validated; every change audited', async () => {
      const k = await key('CVE-2025-10001');
      const path = `/exposure/findings/${q(k)}/state`;
      const ack = await s.req('ngOperator', 'POST', path, { state: 'acknowledged', reason: 'Patch window booked for Sunday' });
      assert.equal(ack.status, 200, ack.text);
      assert.equal(ack.json.state.state, 'acknowledged');
      assert.equal(ack.json.state.reason, 'Patch window booked for Sunday');
      // visible at once, in the filter by state and in the summary
      assert.deepEqual(cves((await s.get('ngOperator', '/exposure/findings?state=acknowledged')).json.items), ['CVE-2025-10001']);
      assert.equal((await s.get('admin', '/exposure/summary')).json.organisations.find((o: { orgId: string }) => o.orgId === 'northgrid').byState.acknowledged, 1);
      // analysts read only; an operator of another organisation learns nothing
      const analyst = await s.req('analyst', 'POST', path, { state: 'mitigated' });
      assert.equal(analyst.status, 403);
      assert.equal(analyst.json.code, 'FORBIDDEN');
      const foreign = await s.req(s.aqOperator, 'POST', path, { state: 'mitigated' });
      assert.equal(foreign.status, 404);
      // risk acceptance needs a reason and a future expiry; the field is named
      const noReason = await s.req('adviser', 'POST', path, { state: 'risk-accepted', expiresAt: '2099-01-01T00:00:00Z' });
      assert.equal(noReason.status, 400, noReason.text);
      assert.equal(noReason.json.details[0].path, 'reason');
      const noExpiry = await s.req('adviser', 'POST', path, { state: 'risk-accepted', reason: 'Isolated network' });
      assert.equal(noExpiry.status, 400);
      assert.equal(noExpiry.json.details[0].path, 'expiresAt');
      const past = await s.req('adviser', 'POST', path, { state: 'risk-accepted', reason: 'Isolated network', expiresAt: '2020-01-01T00:00:00Z' });
      assert.equal(past.status, 400);
      assert.match(past.text, /future/);
      const badState = await s.req('adviser', 'POST', path, { state: 'ignored' });
      assert.equal(badState.status, 400);
      // a stale view is a conflict
      const stale = await s.req('adviser', 'POST', path, { state: 'mitigated', expect: 'new' });
      assert.equal(stale.status, 409, stale.text);
      const accepted = await s.req('adviser', 'POST', path, { state: 'risk-accepted', reason: 'Isolated network', expiresAt: '2099-01-01T00:00:00Z', expect: 'acknowledged' });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.json.state.state, 'risk-accepted');
      assert.equal(accepted.json.state.expiresAt, '2099-01-01T00:00:00.000Z');
      const got = await s.get('ngOperator', `/exposure/findings/${q(k)}`);
      assert.equal(got.json.state.state, 'risk-accepted');
      const audit = (await listAudit(s.svc.db, { limit: 10_000 })).filter((e) => e.action === 'exposure.state' && e.target === k);
      assert.deepEqual(audit.map((e) => [e.actor, (e.detail as { from: string; to: string }).from, (e.detail as { to: string }).to]), [
        ['ngoperator', 'new', 'acknowledged'], ['adviser', 'acknowledged', 'risk-accepted'],
      ]);
      // back to new (the acceptance withdrawn) for the tests that follow
      assert.equal((await s.req('admin', 'POST', path, { state: 'new' })).status, 200);
    });

    test('match: any signed-in role tests a device\'s CPEs against the loaded data; bad CPEs are named', async () => {
      const r = await s.req('ngOperator', 'POST', '/exposure/match', { cpes: ['cpe:2.3:a:siemens:simatic_wincc_oa:3.18:*:*:*:*:*:*:*', 'cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*'] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.findings.map((f: { cveId: string; componentId: string }) => [f.cveId, f.componentId]), [['CVE-2025-10001', 'cpe-1']]);
      assert.equal(r.json.findings[0].nvd[0].matchCriteriaId, '11111111-1111-4111-8111-111111111111');
      const bad = await s.req('operator', 'POST', '/exposure/match', { cpes: ['cpe:2.3:a:siemens:simatic_wincc_oa:3.18:*:*:*:*:*:*:*', 'cpe:2.3:a:bad vendor'] });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.json.details[0].path, 'cpes[1]');
      assert.equal((await s.req('operator', 'POST', '/exposure/match', { cpes: [] })).status, 400);
      assert.equal((await s.req(null, 'POST', '/exposure/match', { cpes: ['cpe:2.3:a:x:y:1:*:*:*:*:*:*:*'] })).status, 401);
    });

    test('/openapi.json documents every exposure route with a summary, typed errors and the finding schema', async () => {
      const doc = (await s.get(null, '/openapi.json')).json;
      const routes = [['get', '/exposure/findings'], ['get', '/exposure/findings/{key}'], ['post', '/exposure/findings/{key}/state'], ['get', '/exposure/summary'], ['post', '/exposure/match']];
      assert.deepEqual(Object.keys(doc.paths).filter((p) => p.startsWith('/exposure/')).sort(), [...new Set(routes.map(([, p]) => p))].sort());
      for (const [method, path] of routes) {
        const op = doc.paths[path!][method!];
        assert.ok(op.summary, `${method} ${path}`);
        assert.equal(op.responses['401'].content['application/json'].schema.$ref, '#/components/schemas/Error', `${method} ${path}`);
      }
      assert.ok(doc.components.schemas.ExposureFinding, 'the finding schema is a named component');
    });

    test('answers follow the store: a component changed through the register API, a CVE imported later', async () => {
      const patched = await s.req('ngOperator', 'PATCH', '/register/components/ng-scada-hmi', { version: '3.19', cpe: 'cpe:2.3:a:siemens:simatic_wincc_oa:3.19:*:*:*:*:*:*:*' });
      assert.equal(patched.status, 200, patched.text);
      assert.deepEqual(cves((await s.get('ngOperator', '/exposure/findings')).json.items), ['CVE-2025-10002']);
      const page = { ...NVD_PAGE, vulnerabilities: [
        nvdCve('CVE-2025-10005', 'cpe:2.3:a:siemens:simatic_wincc_oa:*:*:*:*:*:*:*:*', { versionStartIncluding: '3.19', versionEndExcluding: '3.20' }, '55555555-5555-4555-8555-555555555555'),
        // a date bound against the RTU's numeric version: undecidable, reported as such
        nvdCve('CVE-2025-10006', 'cpe:2.3:o:hitachi_energy:rtu560:*:*:*:*:*:*:*:*', { versionEndExcluding: '2024-06-30' }, '66666666-6666-4666-8666-666666666666'),
      ] };
      const r = await importVulnerabilities(s.svc.db, s.svc.appendAudit, SYSTEM, 'nvd', json(page));
      assert.equal(r.inserted, 2, JSON.stringify(r));
      const after = await s.get('ngOperator', '/exposure/findings');
      assert.equal(after.status, 200, after.text);
      assert.deepEqual(cves(after.json.items).sort(), ['CVE-2025-10002', 'CVE-2025-10005', 'CVE-2025-10006']);
      const und = after.json.items.find((f: F) => f.cveId === 'CVE-2025-10006');
      assert.equal(und.status, 'undecidable');
      assert.ok(und.nvd[0].reasons.length > 0 || und.nvd[0].version.checks.some((c: { holds?: boolean; reason?: string }) => c.holds === undefined && c.reason), JSON.stringify(und.nvd));
      assert.deepEqual(cves((await s.get('ngOperator', '/exposure/findings?status=undecidable')).json.items), ['CVE-2025-10006']);
    });
  });
}
