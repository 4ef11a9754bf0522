/**
 * KEV, EPSS and the CPE dictionary on both engines: import, re-import no-op, changed and removed
 * entries logged, material EPSS moves only, records the store refuses reported and the rest kept,
 * a failing batch leaving nothing of itself.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { importCpeDictionary, importEpss, importKev, lastVulnChangeSeq, cveChangesSince, loadEpss, loadKev } from './index.js';
import { count, cpePage, cpeProduct, epssCsv, kevCatalogue, kevEntry } from './test-fixtures.js';

const ops = async (db: TestStore['db'], seq: number) => (await cveChangesSince(db, seq)).map((c) => `${c.source}:${c.cveId}:${c.op}`);

for (const { engine, skip } of testEngines()) {
  describe(`KEV, EPSS and CPE dictionary imports on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => { store = await openAccessTestStore(engine); });
    after(async () => store?.dispose());

    test('KEV: entries stored and read back by CVE; a re-import changes nothing', async () => {
      const cat = kevCatalogue([kevEntry('CVE-2024-3400'), kevEntry('CVE-2023-4966', { knownRansomwareCampaignUse: 'Known', notes: undefined })]);
      const r = await importKev(store.db, cat);
      assert.deepEqual([r.read, r.inserted, r.changes, r.rejected], [2, 2, 2, 0]);
      const kev = await loadKev(store.db);
      assert.deepEqual(kev.get('CVE-2023-4966'), {
        cveId: 'CVE-2023-4966', vendor: 'Palo Alto Networks', product: 'PAN-OS', name: 'PAN-OS Command Injection', dateAdded: '2024-04-12',
        dueDate: '2024-04-19', knownRansomwareCampaignUse: 'Known', ransomware: true, requiredAction: 'Apply mitigations per vendor instructions.', notes: null,
      });
      const seq = await lastVulnChangeSeq(store.db);
      const again = await importKev(store.db, cat);
      assert.deepEqual([again.inserted, again.updated, again.unchanged, again.deleted, again.changes], [0, 0, 2, 0, 0]);
      assert.deepEqual(await ops(store.db, seq), []);
    });

    test('KEV: a changed entry is updated and an entry the catalogue dropped is deleted, each logged', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const r = await importKev(store.db, kevCatalogue([kevEntry('CVE-2024-3400', { dueDate: '2024-04-26' })]));
      assert.deepEqual([r.updated, r.deleted, r.changedCveIds], [1, 1, ['CVE-2024-3400', 'CVE-2023-4966']]);
      assert.deepEqual(await ops(store.db, seq), ['kev:CVE-2024-3400:upsert', 'kev:CVE-2023-4966:delete']);
      assert.deepEqual([...(await loadKev(store.db)).keys()], ['CVE-2024-3400']);
    });

    test('KEV: a date the store refuses is reported with id and reason; the rest of its batch is stored; nothing is deleted', async () => {
      const seq = await lastVulnChangeSeq(store.db);
      const r = await importKev(store.db, kevCatalogue([kevEntry('CVE-2024-1111'), kevEntry('CVE-2024-2222', { dateAdded: '2024-02-30' }), kevEntry('CVE-2024-3333')]));
      assert.equal(r.rejected, 1);
      assert.equal(r.errors[0]!.index, 1);
      assert.equal(r.errors[0]!.id, 'CVE-2024-2222');
      assert.match(r.errors[0]!.reason, /refused by the store: .*2024-02-30/);
      assert.equal(r.deleted, 0, 'a rejected record keeps the import from deleting (CVE-2024-3400 is not listed)');
      assert.deepEqual(await ops(store.db, seq), ['kev:CVE-2024-1111:upsert', 'kev:CVE-2024-3333:upsert']);
      assert.deepEqual([...(await loadKev(store.db)).keys()].sort(), ['CVE-2024-1111', 'CVE-2024-3333', 'CVE-2024-3400']);
    });

    test('KEV: a batch that fails leaves nothing of itself; the batches before it stay whole', async () => {
      let n = 0;
      const audit = async () => { if (++n === 2) throw new Error('disk full'); };
      const seq = await lastVulnChangeSeq(store.db);
      const entries = ['CVE-2025-0001', 'CVE-2025-0002', 'CVE-2025-0003', 'CVE-2025-0004'].map((id) => kevEntry(id));
      await assert.rejects(importKev(store.db, kevCatalogue(entries), { batchSize: 2, audit }), /disk full/);
      assert.deepEqual(await ops(store.db, seq), ['kev:CVE-2025-0001:upsert', 'kev:CVE-2025-0002:upsert']);
      assert.equal(await count(store.db, "SELECT 1 FROM vuln_kev WHERE cve_id LIKE 'CVE-2025-%'"), 2);
    });

    test('EPSS: scores stored; only new scores and moves of at least 0.01 are logged, smaller moves stored quietly', async () => {
      const r = await importEpss(store.db, epssCsv([['CVE-2024-0001', 0.5, 0.9], ['CVE-2024-0002', 0.001, 0.1], ['CVE-2024-0003', 0.02, 0.5]]));
      assert.deepEqual([r.read, r.inserted, r.changes], [3, 3, 3]);
      assert.deepEqual((await loadEpss(store.db)).get('CVE-2024-0001'), { probability: 0.5, percentile: 0.9, scoreDate: '2024-04-12' });
      const seq = await lastVulnChangeSeq(store.db);
      const again = await importEpss(store.db, epssCsv([['CVE-2024-0001', 0.5, 0.9], ['CVE-2024-0002', 0.001, 0.1], ['CVE-2024-0003', 0.02, 0.5]], '2024-04-13'));
      assert.deepEqual([again.unchanged, again.updated, again.changes], [3, 0, 0]);
      const moved = await importEpss(store.db, epssCsv([['CVE-2024-0001', 0.495, 0.9], ['CVE-2024-0002', 0.2, 0.95], ['CVE-2024-0003', 0.02, 0.5], ['CVE-2024-0004', 0.3, 0.93]], '2024-04-14'));
      assert.deepEqual([moved.inserted, moved.updated, moved.unchanged, moved.changedCveIds], [1, 2, 1, ['CVE-2024-0002', 'CVE-2024-0004']]);
      assert.deepEqual(await ops(store.db, seq), ['epss:CVE-2024-0002:upsert', 'epss:CVE-2024-0004:upsert']);
      const epss = await loadEpss(store.db);
      assert.deepEqual(epss.get('CVE-2024-0001'), { probability: 0.495, percentile: 0.9, scoreDate: '2024-04-14' });
      assert.equal(epss.get('CVE-2024-0003')!.scoreDate, '2024-04-12');
    });

    test('EPSS: bad rows and repeated CVEs are reported (row, column, reason); the good rows are stored', async () => {
      const r = await importEpss(store.db, Buffer.from('cve,epss,percentile\nCVE-2024-0100,0.1,0.2\nCVE-2024-0101,1.5,0.2\nnot-a-cve,0.1,0.1\nCVE-2024-0100,0.3,0.3\n'));
      assert.deepEqual(r.errors, [
        { index: 1, id: 'CVE-2024-0101', field: 'epss', reason: "'1.5' is not a probability from 0 to 1" },
        { index: 2, field: 'cve', reason: "'not-a-cve' is not a CVE id" },
        { index: 3, id: 'CVE-2024-0100', field: 'cve', reason: 'listed again (first at data row 0); this row is ignored' },
      ]);
      assert.equal((await loadEpss(store.db)).get('CVE-2024-0100')!.probability, 0.1);
    });

    test('CPE dictionary: products stored with deprecation; re-import unchanged; a changed title rewritten; a bad name reported', async () => {
      const good = [cpeProduct('cpe:2.3:o:siemens:simatic_s7-1500_firmware:2.9:*:*:*:*:*:*:*'),
        cpeProduct('cpe:2.3:a:apache:log4j:2.0:*:*:*:*:*:*:*', { deprecated: true, deprecatedBy: [{ cpeName: 'cpe:2.3:a:apache:log4j:2.0:-:*:*:*:*:*:*' }] })];
      const r = await importCpeDictionary(store.db, cpePage([...good, cpeProduct('cpe:2.3:a:bad name:x:1:*:*:*:*:*:*:*')]));
      assert.deepEqual([r.read, r.inserted, r.rejected, r.errors[0]?.index, r.errors[0]?.field], [3, 2, 1, 2, 'cpe.cpeName']);
      const rows = await store.db.query<{ cpe_name: string; deprecated: boolean; deprecated_by: string[] }>('SELECT cpe_name, deprecated, deprecated_by FROM cpe_dictionary ORDER BY cpe_name');
      assert.deepEqual(rows[0], { cpe_name: 'cpe:2.3:a:apache:log4j:2.0:*:*:*:*:*:*:*', deprecated: true, deprecated_by: ['cpe:2.3:a:apache:log4j:2.0:-:*:*:*:*:*:*'] });
      const again = await importCpeDictionary(store.db, cpePage(good));
      assert.deepEqual([again.unchanged, again.updated], [2, 0]);
      const retitled = await importCpeDictionary(store.db, cpePage([good[0], cpeProduct('cpe:2.3:a:apache:log4j:2.0:*:*:*:*:*:*:*', { titles: [{ title: 'Apache Log4j 2.0', lang: 'en' }] })]));
      assert.deepEqual([retitled.unchanged, retitled.updated], [1, 1]);
    });
  });
}
