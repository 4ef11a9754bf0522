/**
 * importCsaf on both engines: one document, a tar.gz and a directory of them; statements stored with
 * identities the matcher is rebuilt from (loadCsafProducts); re-import no-op; a changed advisory's
 * statements replaced and every CVE it names before or after logged.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { cveChangesSince, importCsaf, lastVulnChangeSeq, loadCsafProducts } from './index.js';
import { CSAF_DOC, count, tarOf } from './test-fixtures.js';

const doc = (id: string, over: (d: typeof CSAF_DOC) => void = () => undefined): string => {
  const d = structuredClone(CSAF_DOC);
  d.document.tracking.id = id;
  over(d);
  return JSON.stringify(d);
};

for (const { engine, skip } of testEngines()) {
  describe(`CSAF import on ${engine}`, { skip }, () => {
    let store: TestStore;
    let dir: string;
    before(async () => {
      store = await openAccessTestStore(engine);
      dir = mkdtempSync(join(tmpdir(), 'bulwark-csaf-'));
    });
    after(async () => {
      await store?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    test('one advisory: its statements with CVE, status and identity; statements without a CVE or with unknown products left out', async () => {
      const r = await importCsaf(store.db, Buffer.from(doc('ICSA-19-038-02')));
      assert.deepEqual([r.read, r.inserted, r.rejected, r.changedCveIds], [1, 1, 0, ['CVE-2018-11451']]);
      // known_affected 0001 and 0005, fixed 0002 (0099 is unknown); the CVE-less vulnerability's product is counted apart
      assert.deepEqual(r.statements, { total: 3, ranges: 3, all: 0, text: 0, withoutCve: 1 }); // V8.30: an exact version is a range
      const st = await loadCsafProducts(store.db);
      assert.deepEqual(st.map((s) => [s.advisoryId, s.cveId, s.productId, s.status]), [
        ['ICSA-19-038-02', 'CVE-2018-11451', 'CSAFPID-0001', 'known_affected'],
        ['ICSA-19-038-02', 'CVE-2018-11451', 'CSAFPID-0002', 'fixed'],
        ['ICSA-19-038-02', 'CVE-2018-11451', 'CSAFPID-0005', 'known_affected'],
      ]);
      const en100 = st[0]!.identity;
      assert.equal(en100.vendor, 'siemens');
      assert.deepEqual(en100.helper, { modelNumbers: ['6MF2101-0AB10-0AA0'] });
      assert.deepEqual(en100.version, { kind: 'ranges', text: 'vers:all/<V4.33', ranges: [{ versionEndExcluding: 'V4.33' }] });
      assert.equal(st[2]!.identity.relationship?.relatesTo, 'CSAFPID-0002');
      const [row] = await store.db.query<Record<string, unknown>>("SELECT vendor, product, version_kind, version_text, model_numbers, platform FROM csaf_product WHERE product_id = 'CSAFPID-0005'");
      assert.deepEqual(row, { vendor: 'siemens', product: 'firmware_variant_iec_61850_for_en100_ethernet_module', version_kind: 'ranges', version_text: 'vers:all/<V4.33', model_numbers: ['6MF2101-0AB10-0AA0'], platform: 'SIPROTEC 5 Compact V8.30' });
    });

    test('a tar.gz of advisories: the new one stored, the known one unchanged, a document that is not CSAF reported by file', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const archive = gzipSync(tarOf([
        { path: 'csaf/2019/icsa-19-038-02.json', data: doc('ICSA-19-038-02') },
        { path: 'csaf/2024/icsa-24-001-01.json', data: doc('ICSA-24-001-01', (d) => { d.vulnerabilities[0]!.cve = 'CVE-2024-0101'; }) },
        { path: 'csaf/feed.json', data: '{"feed": {}}' },
      ]));
      const r = await importCsaf(store.db, archive);
      assert.deepEqual([r.read, r.inserted, r.unchanged, r.rejected], [3, 1, 1, 1]);
      assert.equal(r.errors[0]!.file, 'csaf/feed.json');
      assert.equal(r.errors[0]!.index, 2);
      assert.deepEqual((await cveChangesSince(store.db, seq)).map((c) => `${c.source}:${c.cveId}`), ['csaf:CVE-2024-0101']);
    });

    test('a directory: a changed advisory replaces its statements and logs the CVEs it names before and after', async () => {
      mkdirSync(join(dir, '2019'));
      writeFileSync(join(dir, '2019', 'icsa-19-038-02.json'), doc('ICSA-19-038-02', (d) => {
        d.document.tracking.version = '3';
        d.vulnerabilities[0]!.cve = 'CVE-2018-99999';
        d.vulnerabilities[0]!.product_status = { known_affected: ['CSAFPID-0003'] } as typeof d.vulnerabilities[0]['product_status'];
      }));
      writeFileSync(join(dir, 'README.txt'), 'not an advisory');
      const seq = await lastVulnChangeSeq(store.db);
      const r = await importCsaf(store.db, dir);
      assert.deepEqual([r.read, r.updated, r.statements.text], [1, 1, 1]);
      assert.deepEqual((await cveChangesSince(store.db, seq)).map((c) => c.cveId), ['CVE-2018-11451', 'CVE-2018-99999']);
      const st = await loadCsafProducts(store.db, { cveIds: ['CVE-2018-11451', 'CVE-2018-99999'] });
      assert.deepEqual(st.map((s) => [s.cveId, s.productId, s.identity.version.kind]), [['CVE-2018-99999', 'CSAFPID-0003', 'text']]);
      assert.equal(await count(store.db, "SELECT 1 FROM csaf_product WHERE advisory_id = 'ICSA-19-038-02'"), 1);
    });
  });
}
