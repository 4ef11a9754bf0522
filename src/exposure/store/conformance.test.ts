/**
 * The vulnerability store over the real data in ../shared/data, on both engines (each test skipped,
 * saying why, when its data is absent): the NVD API samples (configurations read back exactly as
 * NVD gives them, a STIX vulnerability per CVE), the CPE dictionary sample, CISA KEV, the full FIRST
 * EPSS file, and a sample of the CISA CSAF advisories (every fourth), with the normalised vs
 * kept-as-text figures. Every import is then repeated: nothing may change.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { loadApiSampleCves } from '../test-data.js';
import { readTar } from '../sources/tar.js';
import { importCpeDictionary, importCsaf, importEpss, importKev, importNvd, lastVulnChangeSeq, loadCsafProducts, loadEpss, loadKev, streamCves } from './index.js';
import { count } from './test-fixtures.js';

const DATA = resolve(process.env.BULWARK_SHARED_DATA ?? '../shared/data');
const absent = (p: string): string | false => (existsSync(p) ? false : `${p} not found (set BULWARK_SHARED_DATA to the shared data folder)`);
const SAMPLES = join(DATA, 'nvd', 'api-samples');
const CPES = join(SAMPLES, 'cpes-2023.json.gz');
const KEV = join(DATA, 'kev', 'known_exploited_vulnerabilities.json');
const EPSS = join(DATA, 'epss', 'epss-scores.csv');
const CSAF = join(DATA, 'csaf', 'cisa-csaf-advisories.tar.gz');
const ms = (t: number): string => `${Math.round(performance.now() - t)} ms`;

for (const { engine, skip } of testEngines()) {
  describe(`vulnerability store over the real data on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => { store = await openAccessTestStore(engine); });
    after(async () => store?.dispose());

    test('NVD API samples: every CVE stored with its configurations exactly as NVD gives them and its STIX object; re-import changes nothing', { skip: absent(SAMPLES) }, async () => {
      const files = readdirSync(SAMPLES).filter((n) => /^cves?-.*\.json\.gz$/.test(n)).sort();
      let rejected = 0;
      const t = performance.now();
      for (const f of files) rejected += (await importNvd(store.db, join(SAMPLES, f))).rejected;
      const raw = new Map((loadApiSampleCves() ?? []).map((c) => [c.id, c.configurations]));
      let n = 0, withCvss = 0;
      for await (const c of streamCves(store.db, { pageSize: 100 })) {
        n++;
        if (c.cvss) withCvss++;
        assert.deepEqual(c.configurations, raw.get(c.id), c.id);
      }
      const stix = await count(store.db, "SELECT 1 FROM stix_object WHERE type = 'vulnerability' AND is_latest");
      console.log(`  [${engine}] NVD samples: ${n} CVEs stored (${withCvss} with a CVSS metric), ${rejected} rejected, ${stix} STIX vulnerabilities, ${ms(t)}`);
      assert.equal(rejected, 0);
      assert.equal(n, raw.size);
      assert.equal(stix, n);
      const seq = await lastVulnChangeSeq(store.db);
      for (const f of files) assert.equal((await importNvd(store.db, join(SAMPLES, f))).changes, 0, f);
      assert.equal(await lastVulnChangeSeq(store.db), seq);
    });

    test('CPE dictionary sample: every product stored; re-import unchanged', { skip: absent(CPES) }, async () => {
      const r = await importCpeDictionary(store.db, CPES);
      const deprecated = await count(store.db, 'SELECT 1 FROM cpe_dictionary WHERE deprecated');
      console.log(`  [${engine}] CPE dictionary: ${r.inserted} products (${deprecated} deprecated), ${r.rejected} rejected`);
      assert.equal(r.inserted, 10_000);
      assert.equal((await importCpeDictionary(store.db, CPES)).unchanged, 10_000);
    });

    test('CISA KEV: every entry stored; re-import unchanged', { skip: absent(KEV) }, async () => {
      const r = await importKev(store.db, KEV);
      console.log(`  [${engine}] KEV: ${r.inserted} entries, ${r.rejected} rejected; ${[...(await loadKev(store.db)).values()].filter((k) => k.ransomware).length} used by ransomware`);
      assert.equal(r.rejected, 0);
      assert.equal(r.inserted, 1404);
      const again = await importKev(store.db, KEV);
      assert.deepEqual([again.unchanged, again.changes], [1404, 0]);
    });

    test('FIRST EPSS: the full file stored in one merge; re-import unchanged', { skip: absent(EPSS) }, async () => {
      let t = performance.now();
      const r = await importEpss(store.db, EPSS);
      const first = ms(t);
      t = performance.now();
      const again = await importEpss(store.db, EPSS);
      const second = ms(t);
      t = performance.now();
      const epss = await loadEpss(store.db);
      console.log(`  [${engine}] EPSS: ${r.inserted} scores in ${first} (re-import ${second}: ${again.unchanged} unchanged); loadEpss ${epss.size} in ${ms(t)}`);
      assert.equal(r.rejected, 0);
      assert.equal(r.inserted, 360_142);
      assert.deepEqual([again.unchanged, again.changes], [360_142, 0]);
      assert.equal(epss.size, 360_142);
    });

    test('CISA CSAF sample (every fourth advisory): statements stored, normalised vs kept-as-text reported; re-import unchanged', { skip: absent(CSAF) }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-csaf-sample-'));
      try {
        let k = 0;
        for await (const e of readTar(CSAF)) {
          if (!e.path.endsWith('.json') || k++ % 4 !== 0) continue;
          writeFileSync(join(dir, `${String(k).padStart(5, '0')}.json`), e.data);
        }
        const t = performance.now();
        const r = await importCsaf(store.db, dir);
        const s = r.statements;
        const pct = (x: number): string => `${((100 * x) / Math.max(1, s.total)).toFixed(1)} %`;
        console.log(`  [${engine}] CSAF sample: ${r.read} documents, ${r.inserted} advisories, ${r.rejected} rejected; ${s.total} statements: ` +
          `${s.ranges + s.all} normalised (${pct(s.ranges + s.all)}: ${s.ranges} ranges, ${s.all} all versions), ${s.text} kept as text (${pct(s.text)}); ` +
          `${s.withoutCve} without a CVE; ${r.changes} CVEs logged; ${ms(t)}`);
        assert.equal(r.inserted + r.rejected, r.read);
        assert.equal((await loadCsafProducts(store.db)).length, s.total);
        assert.ok(s.ranges + s.all > s.text);
        const again = await importCsaf(store.db, dir);
        assert.deepEqual([again.unchanged, again.changes], [r.inserted, 0]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
