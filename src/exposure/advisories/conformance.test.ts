/**
 * The CSAF matcher over the real CISA advisories in ../shared/data/csaf (skipped, saying why, when absent):
 * built from all 2,379 advisories; every OT product of the register generator's catalogue (by vendor /
 * product / version, by CPE, and as its hardware product) matched, with the advisories that hit it
 * printed; known true hits and known non-hits (fixed versions) asserted; build and per-component times.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { OT_PRODUCTS } from '../../register/generator/catalogue-ot.js';
import { cpeName } from '../../register/generator/catalogue-types.js';
import type { AdvisoryHit } from '../advisory.js';
import { type CsafAdvisory, readCsafArchive } from '../sources/csaf-advisory.js';
import type { CsafStatement as StoredStatement } from '../store/types.js';
import { type AdvisoryComponent, CsafMatcher } from './csaf-matcher.js';
import { type CsafStatement, statementsOf } from './statement.js';

const DATA = resolve(process.env.BULWARK_SHARED_DATA ?? '../shared/data');
const CSAF = join(DATA, 'csaf', 'cisa-csaf-advisories.tar.gz');
const absent = existsSync(CSAF) ? false : `${CSAF} not found (set BULWARK_SHARED_DATA to the shared data folder)`;

// The store's rows (helper A's loader) are statements this matcher takes as they are.
const fromStore = (s: StoredStatement): CsafStatement => s;
void fromStore;

const has = (hits: readonly AdvisoryHit[], cve: string, source: string, status: AdvisoryHit['status'] = 'affected'): boolean =>
  hits.some((h) => h.cveId === cve && h.status === status && (h.source === source || ((h.explanation as { sources?: string[] }).sources ?? []).includes(source)));
const fromSource = (hits: readonly AdvisoryHit[], source: string): AdvisoryHit[] =>
  hits.filter((h) => h.source === source || ((h.explanation as { sources?: string[] }).sources ?? []).includes(source));

test('CSAF matcher over all CISA advisories: catalogue OT products hit by the right advisories, fixed versions not; < 1 ms a component', { skip: absent }, async () => {
  const advisories: CsafAdvisory[] = [];
  for await (const it of readCsafArchive(CSAF)) if (it.kind === 'record') advisories.push(it.record);
  assert.equal(advisories.length, 2379);
  const t0 = performance.now();
  const statements = advisories.flatMap(statementsOf);
  const tStatements = performance.now() - t0;
  const m = new CsafMatcher(statements);
  const s = m.stats;
  console.log(`  statements: ${s.statements} from ${advisories.length} advisories (${tStatements.toFixed(0)} ms to list), ${s.ignoredStatus} with a status that makes nothing (recommended / under_investigation)`);
  console.log(`  entries: ${s.entries} (${s.affectedEntries} affected, ${s.notAffectedEntries} not affected); indexed by name ${s.indexed.name}, by model number ${s.indexed.model}, by CPE ${s.indexed.cpe}, by purl ${s.indexed.purl}; unreachable ${s.unindexed}; ${s.vendors} vendor keys; built in ${s.buildMs.toFixed(0)} ms`);
  assert.equal(s.statements, 43334);
  assert.ok(s.unindexed < 0.01 * s.entries, 'nearly every entry is reachable by some rule');

  // every OT catalogue product at every version, three ways
  const components: { key: string; c: AdvisoryComponent }[] = [];
  for (const p of OT_PRODUCTS) {
    for (const v of p.versions) {
      components.push({ key: `${p.key} ${v.v}`, c: { id: `${p.key}-${v.v}`, vendor: p.vendor, product: p.product, version: v.v } });
      const cpe = cpeName(p, v);
      if (cpe) components.push({ key: `${p.key} ${v.v} (cpe)`, c: { id: `${p.key}-${v.v}-cpe`, cpe } });
      if (p.hwProduct) components.push({ key: `${p.key} ${v.v} (hw)`, c: { id: `${p.key}-${v.v}-hw`, vendor: p.vendor, product: p.hwProduct, version: v.v } });
    }
  }
  const rules = new Map<string, number>();
  const byStatus = { affected: 0, undecidable: 0 };
  let hitComponents = 0, cleared = 0;
  const results = new Map<string, AdvisoryHit[]>();
  for (const { key, c } of components) {
    const r = m.explainComponent(c);
    results.set(key, r.hits);
    cleared += r.cleared.length;
    if (r.hits.length) hitComponents++;
    for (const h of r.hits) {
      byStatus[h.status]++;
      const rule = String((h.explanation as { rule: string }).rule);
      rules.set(rule, (rules.get(rule) ?? 0) + 1);
    }
    const affected = [...new Set(r.hits.filter((h) => h.status === 'affected').map((h) => h.source))];
    const undecidable = [...new Set(r.hits.filter((h) => h.status === 'undecidable').map((h) => h.source))];
    if (r.hits.length) console.log(`  ${key}: affected ${r.hits.filter((h) => h.status === 'affected').length} [${affected.slice(0, 6).join(', ')}${affected.length > 6 ? ', …' : ''}], undecidable ${r.hits.length - r.hits.filter((h) => h.status === 'affected').length} [${undecidable.slice(0, 4).join(', ')}${undecidable.length > 4 ? ', …' : ''}]`);
  }
  console.log(`  ${components.length} catalogue components, ${hitComponents} with hits: ${byStatus.affected} affected, ${byStatus.undecidable} undecidable; rules ${[...rules].map(([k, n]) => `${k} ${n}`).join(', ')}; ${cleared} not-affected statements matched`);

  const hits = (k: string): AdvisoryHit[] => results.get(k) ?? [];
  // known true hits
  assert.ok(has(hits('s7-1500 2.8.3 (cpe)'), 'CVE-2020-15782', 'ICSA-21-152-01'), 'S7-1500 CPU firmware 2.8.3 < V2.9.2: CVE-2020-15782 (ICSA-21-152-01)');
  assert.ok(has(hits('s7-1500 2.8.3'), 'CVE-2020-15782', 'ICSA-21-152-01'));
  assert.ok(has(hits('s7-1200 4.2.3 (cpe)'), 'CVE-2020-15782', 'ICSA-21-152-01'), 'S7-1200 CPU 4.2.3 < V4.5.0');
  assert.ok(has(hits('m340 3.20 (hw)'), 'CVE-2018-7241', 'ICSA-18-086-01'), 'Modicon M340 all versions (ICSA-18-086-01)');
  assert.ok(has(hits('controllogix 34.011'), 'CVE-2024-5659', 'ICSA-24-163-01'), 'ControlLogix 5580 V34.011 (ICSA-24-163-01)');
  // known non-hits: fixed versions
  assert.ok(!hits('s7-1500 2.9.4 (cpe)').some((h) => h.cveId === 'CVE-2020-15782'), 'S7-1500 2.9.4 has the V2.9.2 fix');
  assert.ok(!hits('s7-1200 4.5.2 (cpe)').some((h) => h.cveId === 'CVE-2020-15782'), 'S7-1200 4.5.2 has the V4.5.0 fix');
  assert.ok(!hits('controllogix 33.011').some((h) => h.cveId === 'CVE-2024-5659'), 'ControlLogix 33.011 is not the affected V34.011');
  assert.deepEqual(fromSource(hits('m340 3.20 (hw)'), 'ICSA-19-183-01'), [], 'Modicon M340 3.20 is past the v3.01 fix of ICSA-19-183-01');
  // an undecidable comparison stays undecidable: ControlLogix's `<V33.017_V34.014_…` text
  assert.ok(has(hits('controllogix 33.011'), 'CVE-2024-6207', 'ICSA-24-284-20', 'undecidable'));

  // per-component time: every catalogue component, 20 rounds
  const rounds = 20;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) for (const { c } of components) m.matchComponent(c);
  const perComponent = (performance.now() - t1) / (rounds * components.length);
  console.log(`  match: ${(perComponent * 1000).toFixed(1)} µs a component (mean of ${rounds * components.length}, against all ${advisories.length} advisories)`);
  assert.ok(perComponent < 1, `one component against all advisories takes ${perComponent.toFixed(3)} ms`);
});
