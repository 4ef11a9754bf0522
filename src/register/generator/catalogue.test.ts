import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { cpeName, purlName } from './catalogue-types.js';
import { allProducts } from './kits.js';
import { catalogueKevCves, generateNationArrays } from './index.js';

const SHARED = resolve(process.env.BULWARK_SHARED_DATA ?? '../shared/data');
const KEV_FILE = resolve(SHARED, 'kev/known_exploited_vulnerabilities.json');
const NVD_FILE = resolve(SHARED, 'nvd/anchore-configurations.jsonl.gz');

/** part:vendor:product of a CPE 2.3 formatted string (escaped colons respected). */
function pvp(cpe: string): string {
  const f = cpe.split(/(?<!\\):/);
  return `${f[2]}:${f[3]}:${f[4]}`;
}

describe('component catalogue', () => {
  it('binds well-formed CPE 2.3 names and purls', () => {
    for (const p of allProducts()) {
      assert.ok(p.versions.length > 0, p.key);
      for (const v of p.versions) {
        const cpe = cpeName(p, v);
        if (cpe) {
          assert.match(cpe, /^cpe:2\.3:[aoh]:[a-z0-9_\-.\\&/]+:[a-z0-9_\-.\\&/]+:/, cpe);
          assert.equal(cpe.split(/(?<!\\):/).length, 13, cpe);
        }
        const purl = purlName(p, v);
        if (purl) assert.match(purl, /^pkg:(npm|maven|pypi|nuget)\/.+@.+$/);
        for (const cve of v.kev ?? []) assert.match(cve, /^CVE-\d{4}-\d{4,}$/);
      }
      if (p.hw) assert.match(p.hw, /^h:/);
    }
  });

  it('every CVE it marks as known-exploited is in the CISA KEV catalogue', (t) => {
    if (!existsSync(KEV_FILE)) {
      t.skip(`no KEV data at ${KEV_FILE}`);
      return;
    }
    const kev = new Set<string>((JSON.parse(readFileSync(KEV_FILE, 'utf8')) as { vulnerabilities: { cveID: string }[] }).vulnerabilities.map((v) => v.cveID));
    const marked = catalogueKevCves();
    assert.ok(marked.size >= 40, `only ${marked.size} KEV CVEs`);
    for (const cve of marked.keys()) assert.ok(kev.has(cve), `${cve} is not in KEV`);
  });

  it('names products as the real NVD configurations of those CVEs do (where the local NVD data has them)', (t) => {
    if (!existsSync(NVD_FILE)) {
      t.skip(`no NVD configurations at ${NVD_FILE}`);
      return;
    }
    const want = new Map<string, Set<string>>(); // CVE → part:vendor:product of our affected products
    for (const p of allProducts()) {
      if (!p.cpe) continue;
      for (const v of p.versions) for (const cve of v.kev ?? []) (want.get(cve) ?? want.set(cve, new Set()).get(cve)!).add(p.cpe);
    }
    let checked = 0;
    for (const line of gunzipSync(readFileSync(NVD_FILE)).toString('utf8').split('\n')) {
      const m = /"cve_id":"(CVE-[0-9-]+)"/.exec(line);
      if (!m || !want.has(m[1]!)) continue;
      const criteria = new Set([...line.matchAll(/"criteria":"([^"]+)"/g)].map((x) => pvp(JSON.parse(`"${x[1]}"`) as string)));
      for (const name of want.get(m[1]!)!) {
        assert.ok(criteria.has(name), `${m[1]}: ${name} not among ${[...criteria].slice(0, 5).join(', ')}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `only ${checked} product/CVE pairs found in the NVD data`);
  });

  it('a generated nation holds products at KEV-listed versions, and patched ones beside them', () => {
    const n = generateNationArrays({ assets: 20000, seed: 9 });
    const kevByName = new Map<string, readonly string[]>();
    const patched = new Set<string>();
    for (const p of allProducts()) {
      for (const v of p.versions) {
        const key = cpeName(p, v) ?? purlName(p, v) ?? `${p.vendor}|${p.product}|${v.v}`;
        if (v.kev?.length) kevByName.set(key, v.kev);
        else patched.add(key);
      }
    }
    const touched = new Set<string>();
    let vulnerable = 0;
    let clean = 0;
    for (const c of n.components) {
      const key = c.cpe ?? c.purl ?? `${c.vendor}|${c.product}|${c.version}`;
      const kev = kevByName.get(key);
      if (kev) {
        vulnerable++;
        for (const cve of kev) touched.add(cve);
      } else if (patched.has(key)) clean++;
    }
    assert.ok(touched.size >= 30, `only ${touched.size} KEV CVEs touched`);
    assert.ok(vulnerable > 0 && clean > vulnerable, `${vulnerable} vulnerable, ${clean} clean`);
    assert.ok(touched.has('CVE-2024-21762') && touched.has('CVE-2023-4966'), 'FortiOS and NetScaler KEVs present');
  });
});
