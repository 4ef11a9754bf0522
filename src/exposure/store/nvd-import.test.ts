/**
 * importNvd on both engines: CVE rows and their STIX vulnerability objects; re-import is a no-op;
 * a changed record is the only one rewritten and logged; a bad record is reported and the rest kept;
 * streamCves reads back what was written, paged.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { vulnerabilityId } from '../sources/stix-vulnerability.js';
import { cveChangesSince, importNvd, lastVulnChangeSeq, streamCves } from './index.js';
import { changes, count, cve, gz, nvdPage } from './test-fixtures.js';

const THREE = [cve('CVE-2024-0001'), cve('CVE-2024-0002'), cve('CVE-2024-0003', { metrics: undefined, references: [
  { url: 'https://example.org/poc', tags: ['Exploit', 'Third Party Advisory'] }, { url: 'https://example.org/a' },
] })];

for (const { engine, skip } of testEngines()) {
  describe(`NVD import on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => { store = await openAccessTestStore(engine); });
    after(async () => store?.dispose());

    test('a page is stored: CVE rows with the primary CVSS, exploit references, configurations as NVD gives them', async () => {
      const r = await importNvd(store.db, gz(nvdPage(THREE).toString()), { batchSize: 2 });
      assert.deepEqual({ read: r.read, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, changes: r.changes },
        { read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0, changes: 3 });
      assert.deepEqual(r.changedCveIds, ['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003']);
      const all = [];
      for await (const c of streamCves(store.db, { pageSize: 2 })) all.push(c);
      assert.deepEqual(all.map((c) => c.id), ['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003']);
      const first = all[0]!;
      assert.deepEqual(first.cvss, { version: '3.1', baseScore: 9.8, severity: 'CRITICAL', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
      assert.equal(first.published, '2024-03-12T10:15:07.123Z');
      assert.equal(first.lastModified, '2024-04-01T08:00:00.000Z');
      assert.deepEqual(first.cwes, ['CWE-787']);
      assert.equal(first.exploitRefs, 0);
      assert.deepEqual(first.configurations, cve('x').configurations);
      assert.equal(all[2]!.cvss, null);
      assert.equal(all[2]!.exploitRefs, 1);
      assert.deepEqual(await changes(store.db), THREE.map((c) => ['nvd', c.id, 'upsert']));
    });

    test('each CVE is a STIX vulnerability object in the knowledge store, with its CVE reference', async () => {
      const rows = await store.db.query<{ id: string; doc: { name: string; external_references: { source_name: string; external_id: string }[] } }>(
        "SELECT id, doc FROM stix_object WHERE type = 'vulnerability' AND is_latest ORDER BY doc->>'name'");
      assert.deepEqual(rows.map((r) => r.id), THREE.map((c) => vulnerabilityId(c.id as string)));
      assert.deepEqual(rows[0]!.doc.external_references[0], { source_name: 'cve', external_id: 'CVE-2024-0001', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001' });
      assert.equal(await count(store.db, "SELECT 1 FROM audit_log WHERE action = 'exposure.import' AND target LIKE 'nvd:%'"), 2);
    });

    test('re-importing the same page rewrites nothing and logs no change', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const audits = await count(store.db, 'SELECT 1 FROM audit_log');
      const r = await importNvd(store.db, nvdPage(THREE));
      assert.deepEqual({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, changes: r.changes, stix: r.stix.written },
        { inserted: 0, updated: 0, unchanged: 3, changes: 0, stix: 0 });
      assert.deepEqual(await cveChangesSince(store.db, seq), []);
      assert.equal(await count(store.db, 'SELECT 1 FROM audit_log'), audits);
      assert.equal(await count(store.db, "SELECT 1 FROM stix_object WHERE type = 'vulnerability'"), 3);
    });

    test('a changed record is the only one rewritten, logged in vuln_change, and a new STIX version', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const changed = cve('CVE-2024-0002', { lastModified: '2024-05-02T09:00:00.000', descriptions: [{ lang: 'en', value: 'Now with a known exploit.' }] });
      const r = await importNvd(store.db, nvdPage([THREE[0], changed, THREE[2]]));
      assert.deepEqual({ updated: r.updated, unchanged: r.unchanged, inserted: r.inserted, stix: r.stix.written }, { updated: 1, unchanged: 2, inserted: 0, stix: 1 });
      const ch = await cveChangesSince(store.db, seq);
      assert.deepEqual(ch.map((c) => [c.source, c.cveId, c.op]), [['nvd', 'CVE-2024-0002', 'upsert']]);
      assert.match(ch[0]!.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      const got = [];
      for await (const x of streamCves(store.db, { ids: ['CVE-2024-0002', 'CVE-2099-0001'] })) got.push(x);
      assert.deepEqual(got.map((x) => [x.id, x.lastModified]), [['CVE-2024-0002', '2024-05-02T09:00:00.000Z']]);
      const versions = await store.db.query<{ n: number; latest: string }>(
        "SELECT count(*)::int AS n, max(doc->>'description') FILTER (WHERE is_latest) AS latest FROM stix_object WHERE doc->>'name' = 'CVE-2024-0002'");
      assert.deepEqual(versions[0], { n: 2, latest: 'Now with a known exploit.' });
    });

    test('a bad record is reported with its position, id, field and reason; the others are stored', async () => {
      const bad = cve('CVE-2024-0009', { metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N', baseScore: 11, baseSeverity: 'CRITICAL' } }] } });
      const r = await importNvd(store.db, nvdPage([cve('CVE-2024-0008'), bad, cve('CVE-2024-0010')]));
      assert.equal(r.rejected, 1);
      assert.deepEqual(r.errors, [{ index: 1, id: 'CVE-2024-0009', field: 'cve.metrics.cvssMetricV31[0].cvssData.baseScore', reason: 'must be a number from 0 to 10, not 11' }]);
      assert.deepEqual(r.changedCveIds, ['CVE-2024-0008', 'CVE-2024-0010']);
      assert.equal(await count(store.db, "SELECT 1 FROM vuln_cve WHERE id = 'CVE-2024-0009'"), 0);
    });

    test('a large file into a small knowledge store sets its indexes aside and builds them again at the end', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-nvd-'));
      const fresh = await openAccessTestStore(engine);
      try {
        const file = join(dir, 'nvd.json.gz');
        writeFileSync(file, gz(nvdPage([cve('CVE-2024-0020'), cve('CVE-2024-0021', { descriptions: [{ lang: 'en', value: 'Heap overflow in the turbine controller.' }] })]).toString()));
        let during: Promise<number> | undefined;
        const r = await importNvd(fresh.db, file, {
          bulkMinObjects: 1,
          onStixWritten: () => { during ??= count(fresh.db, "SELECT 1 FROM pg_indexes WHERE indexname = 'stix_object_search'"); },
        });
        assert.equal(r.stix.written, 2);
        assert.equal(await during, 0, 'the full-text index is set aside while the import loads');
        assert.equal(await count(fresh.db, 'SELECT 1 FROM deferred_index'), 0);
        assert.equal(await count(fresh.db, "SELECT 1 FROM pg_indexes WHERE indexname = 'stix_object_search'"), 1);
        const [hit] = await fresh.db.query<{ name: string }>("SELECT doc->>'name' AS name FROM stix_object WHERE is_latest AND search @@ plainto_tsquery('english', 'turbine controller')");
        assert.equal(hit?.name, 'CVE-2024-0021');
      } finally {
        await fresh.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a batch that fails stores nothing of itself: no CVE row, no change row, no STIX object', async () => {
      const failing = { audit: async () => { throw new Error('audit unavailable'); } };
      const before = await Promise.all([count(store.db, 'SELECT 1 FROM vuln_cve'), count(store.db, 'SELECT 1 FROM vuln_change'), count(store.db, 'SELECT 1 FROM stix_object')]);
      await assert.rejects(importNvd(store.db, nvdPage([cve('CVE-2024-0011'), cve('CVE-2024-0012')]), failing), /audit unavailable/);
      const afterFail = await Promise.all([count(store.db, 'SELECT 1 FROM vuln_cve'), count(store.db, 'SELECT 1 FROM vuln_change'), count(store.db, 'SELECT 1 FROM stix_object')]);
      assert.deepEqual(afterFail, before);
      // and the same import, run again, completes it
      const r = await importNvd(store.db, nvdPage([cve('CVE-2024-0011'), cve('CVE-2024-0012')]));
      assert.equal(r.inserted, 2);
      assert.equal(r.stix.written, 2);
    });
  });
}
