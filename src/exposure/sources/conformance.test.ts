/**
 * Conformance of the source readers over the real data in ../shared/data (each test skipped, saying why,
 * when its data is absent; the product never reads that folder): NVD API samples, the CPE dictionary
 * sample, CISA KEV, FIRST EPSS and the 2,379 CISA CSAF advisories. Prints the figures issue 4 asks for.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { validateObject } from '../../stix/validate/index.js';
import { loadApiSampleCves } from '../test-data.js';
import { compileBounds } from '../version-range.js';
import { readCpeDictionary } from './cpe-dictionary.js';
import { readCsafArchive } from './csaf-advisory.js';
import { readEpssBatches, type EpssHeader } from './epss.js';
import { readKev } from './kev.js';
import { newCveStats, readNvdCves } from './nvd-cve-reader.js';
import { toStixVulnerability } from './stix-vulnerability.js';
import { reasonCategory } from './version-text.js';

const DATA = resolve(process.env.BULWARK_SHARED_DATA ?? '../shared/data');
const absent = (p: string): string | false => (existsSync(p) ? false : `${p} not found (set BULWARK_SHARED_DATA to the shared data folder)`);
const SAMPLES = join(DATA, 'nvd', 'api-samples');
const KEV = join(DATA, 'kev', 'known_exploited_vulnerabilities.json');
const EPSS = join(DATA, 'epss', 'epss-scores.csv');
const CSAF = join(DATA, 'csaf', 'cisa-csaf-advisories.tar.gz');

test('NVD API samples: every CVE record parsed, none rejected, every STIX vulnerability valid', { skip: absent(SAMPLES) }, async () => {
  let parsed = 0, rejected = 0, stixValid = 0, metrics = 0, configs = 0;
  const ids = new Set<string>();
  // the configurations kept are exactly NVD's (as the matching core's own reader sees them)
  const raw = new Map((loadApiSampleCves() ?? []).map((c) => [c.id, c.configurations]));
  for (const f of readdirSync(SAMPLES).filter((n) => /^cves?-.*\.json\.gz$/.test(n)).sort()) {
    const stats = newCveStats();
    for await (const it of readNvdCves(join(SAMPLES, f), { stats })) {
      if (it.kind === 'rejected') { console.log(`  rejected ${f}#${it.index} ${it.id ?? ''} ${it.field}: ${it.reason}`); continue; }
      ids.add(it.record.id);
      metrics += it.record.metrics.length;
      configs += it.record.configurations.length;
      assert.deepEqual(it.record.configurations, raw.get(it.record.id), it.record.id);
      const issues = validateObject(toStixVulnerability(it.record));
      if (issues.length === 0) stixValid++;
      else console.log(`  STIX invalid ${it.record.id}: ${JSON.stringify(issues)}`);
    }
    parsed += stats.parsed;
    rejected += stats.rejected;
  }
  console.log(`  NVD CVE records: ${parsed} parsed, ${rejected} rejected (${ids.size} distinct), ${metrics} CVSS metrics, ${configs} configurations; STIX vulnerabilities valid: ${stixValid}/${parsed}`);
  assert.equal(rejected, 0);
  assert.equal(stixValid, parsed);
  assert.ok(parsed >= 400);
});

test('CPE dictionary sample: every product read', { skip: absent(join(SAMPLES, 'cpes-2023.json.gz')) }, async () => {
  let n = 0, deprecated = 0, rejected = 0;
  for await (const it of readCpeDictionary(join(SAMPLES, 'cpes-2023.json.gz'))) {
    if (it.kind === 'rejected') { rejected++; console.log(`  rejected #${it.index} ${it.id ?? ''} ${it.field}: ${it.reason}`); } else { n++; if (it.record.deprecated) deprecated++; }
  }
  console.log(`  CPE dictionary: ${n} products (${deprecated} deprecated), ${rejected} rejected`);
  assert.equal(n, 10000);
  assert.equal(rejected, 0);
});

test('CISA KEV: every entry read', { skip: absent(KEV) }, async () => {
  let n = 0, rejected = 0, ransomware = 0;
  let count: number | undefined;
  for await (const it of readKev(KEV, (c) => { count = c.count; })) {
    if (it.kind === 'rejected') { rejected++; console.log(`  rejected #${it.index} ${it.id ?? ''} ${it.field}: ${it.reason}`); } else { n++; if (it.record.ransomware) ransomware++; }
  }
  console.log(`  KEV entries: ${n} read (${ransomware} with known ransomware use), ${rejected} rejected; catalogue count ${count}`);
  assert.equal(n, count);
  assert.equal(rejected, 0);
});

test('FIRST EPSS: every row read', { skip: absent(EPSS) }, async () => {
  const header: EpssHeader = { columns: [] };
  let n = 0, rejected = 0;
  const t0 = performance.now();
  for await (const batch of readEpssBatches(EPSS, header)) {
    for (const it of batch) {
      if (it.kind === 'rejected') rejected++;
      else n++;
    }
  }
  console.log(`  EPSS rows: ${n} read, ${rejected} rejected in ${Math.round(performance.now() - t0)} ms; model ${header.modelVersion ?? '(no #model_version line in this file)'}, score date ${header.scoreDate ?? '-'}`);
  assert.ok(n >= 300000);
  assert.equal(rejected, 0);
});

test('CSAF: every CISA advisory read; product entries normalised to a version constraint or kept as text', { skip: absent(CSAF) }, async () => {
  let advisories = 0, notAdvisories = 0, vulnerabilities = 0, problems = 0, statusEntries = 0;
  let entries = 0, relationships = 0, all = 0, ranges = 0, noVersion = 0, text = 0, withHelper = 0;
  const cves = new Set<string>();
  const reasons = new Map<string, number>();
  const texts = new Map<string, number>();
  for await (const it of readCsafArchive(CSAF)) {
    if (it.kind === 'rejected') { notAdvisories++; console.log(`  not an advisory: ${it.source} (${it.field}: ${it.reason})`); continue; }
    const a = it.record;
    advisories++;
    problems += a.problems.length;
    vulnerabilities += a.vulnerabilities.length;
    for (const v of a.vulnerabilities) { if (v.cve) cves.add(v.cve); statusEntries += v.products.length; }
    for (const p of a.products.values()) {
      if (p.relationship) { relationships++; continue; }
      entries++;
      if (p.helper) withHelper++;
      const c = p.version;
      if (c.kind === 'all') { if (c.text === '') noVersion++; else all++; } else if (c.kind === 'ranges') {
        ranges++;
        // every bound is a version the core's comparator reads as a scheme it orders
        for (const b of c.ranges) for (const cb of compileBounds(b)) assert.notEqual(cb.parsed.scheme, 'text', `${c.text}: ${cb.value}`);
      }
      else {
        text++;
        const k = reasonCategory(c.reason);
        reasons.set(k, (reasons.get(k) ?? 0) + 1);
        texts.set(c.text, (texts.get(c.text) ?? 0) + 1);
      }
    }
  }
  const pct = (n: number): string => `${((100 * n) / entries).toFixed(1)}%`;
  console.log(`  CSAF: ${advisories} advisories (${notAdvisories} other JSON skipped), ${vulnerabilities} vulnerabilities, ${cves.size} distinct CVEs, ${statusEntries} product-status entries, ${problems} problems`);
  console.log(`  product entries: ${entries} (+${relationships} relationship products); ${withHelper} with identification helpers`);
  console.log(`  normalised to a version constraint: ${ranges + all} (${pct(ranges + all)}): ${ranges} ranges, ${all} all versions; ${noVersion} without a version branch; kept as text: ${text} (${pct(text)})`);
  console.log(`  why kept as text: ${[...reasons].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join('; ')}`);
  console.log(`  most common unnormalised texts: ${[...texts].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([t, n]) => `${JSON.stringify(t)} ×${n}`).join(', ')}`);
  assert.equal(advisories, 2379);
  assert.equal(cves.size, 6977);
  assert.ok(ranges + all >= 0.85 * entries, 'at least 85% of the product entries normalise');
});
