/**
 * Conformance over the real NVD data in ../shared/data/nvd (skipped, saying why, when it is absent):
 *
 * 1. every criteria string and every CPE dictionary name parses (failures listed with their reasons) and
 *    binds back to the same string;
 * 2. NVD's own expansion of match criteria (cpematch sample): every CPE name NVD lists is matched;
 * 3. for each configuration and each vulnerable entry, a device built from the configuration's own
 *    criteria (the entry at a version inside its range, plus one component from every other node of an AND
 *    configuration: the running-on platform) is found affected by that entry; the same device without the
 *    other nodes' components is not, nor is the entry's component at a version outside its range.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CompiledComponent, compileComponent, type DeviceComponent } from './component.js';
import { bindFormattedString, parseFormattedString } from './cpe-parse.js';
import { CpeSyntaxError, quoteWfn } from './cpe-wfn.js';
import { decide, explainEntry, matchEntry } from './entry-match.js';
import { evaluateConfiguration } from './evaluate.js';
import { MatchIndex } from './match-index.js';
import { type CompiledConfiguration, type CompiledEntry, compileConfigurations, compileEntry } from './nvd-config.js';
import { loadAnchoreConfigurations, loadApiSampleCves, loadDictionaryNames, loadMatchStrings, NVD_DIR, type CveConfigurations } from './test-data.js';
import { evaluateRange } from './version-range.js';
import { compareVersions, parseVersion } from './version.js';

const anchore = loadAnchoreConfigurations();
const api = loadApiSampleCves();
const skip = anchore && api ? false : `NVD data not found in ${NVD_DIR} (set BULWARK_SHARED_DATA to the shared data folder)`;
const log = (s: string) => process.stdout.write(`${s}\n`);

test('every criteria string and dictionary name parses and binds back', { skip }, () => {
  const failures = new Map<string, number>();
  const examples: string[] = [];
  let total = 0;
  let parsed = 0;
  let roundTrip = 0;
  const check = (name: string) => {
    total++;
    try {
      const w = parseFormattedString(name);
      parsed++;
      if (bindFormattedString(w) === name) roundTrip++;
      else if (examples.length < 5) examples.push(`round trip: ${name} -> ${bindFormattedString(w)}`);
    } catch (e) {
      assert.ok(e instanceof CpeSyntaxError, `${name}: ${String(e)}`);
      failures.set(e.reason, (failures.get(e.reason) ?? 0) + 1);
      if (examples.length < 10) examples.push(`${name}: ${e.message}`);
    }
  };
  for (const cve of [...anchore!, ...api!]) for (const c of cve.configurations) for (const n of c.nodes) for (const m of n.cpeMatch) check(m.criteria);
  const criteria = total;
  const dict = loadDictionaryNames() ?? [];
  for (const name of dict) check(name);
  log(`[conformance] criteria strings: ${criteria}; dictionary names: ${dict.length}; parsed ${parsed}/${total}; bound back identically ${roundTrip}/${parsed}`);
  for (const [reason, n] of failures) log(`[conformance]   parse failure x${n}: ${reason}`);
  for (const e of examples) log(`[conformance]   e.g. ${e}`);
  assert.equal(parsed, total, 'every real name parses');
  assert.equal(roundTrip, parsed, 'and binds back to itself');
});

test("NVD's own cpematch expansion: every listed CPE name is matched by its criteria and range", { skip }, () => {
  const strings = loadMatchStrings() ?? [];
  let names = 0;
  for (const ms of strings) {
    const e = compileEntry({ ...ms, vulnerable: true }, ms.matchCriteriaId);
    for (const m of ms.matches ?? []) {
      names++;
      const r = matchEntry(e, compileComponent({ id: m.cpeName, cpe: m.cpeName }));
      assert.equal(r.outcome, 'match', `${m.cpeName} under ${ms.criteria} ${JSON.stringify(ms)}: ${r.reason}`);
    }
  }
  log(`[conformance] cpematch sample: ${strings.length} match strings, ${names} CPE names, all matched`);
});

/** A version inside the entry's range, taken from its own bounds; undefined when none can be made. */
function insideVersion(e: CompiledEntry): string | undefined {
  const m = e.entry;
  const candidates: string[] = [];
  if (m.versionStartIncluding) candidates.push(m.versionStartIncluding);
  if (m.versionEndIncluding) candidates.push(m.versionEndIncluding);
  if (m.versionStartExcluding) candidates.push(`${m.versionStartExcluding}.1`);
  if (m.versionEndExcluding) candidates.push(decrement(m.versionEndExcluding) ?? '0', '0');
  if (candidates.length === 0) return undefined;
  return candidates.find((v) => evaluateRange(v, e.bounds).outcome === 'match') ?? candidates[0];
}

/** The same version with its last number lowered by one (2.4.50 → 2.4.49), if it has a non-zero one. */
function decrement(v: string): string | undefined {
  const m = /^(.*?)(\d+)(\D*)$/.exec(v);
  if (!m || /^0+$/.test(m[2]!)) return undefined;
  return `${m[1]}${BigInt(m[2]!) - 1n}`;
}

/** When the data's own bounds leave no version (start above end, decided), the reason; else undefined. */
function emptyRange(e: CompiledEntry): string | undefined {
  const start = e.bounds.find((b) => b.bound.startsWith('versionStart'));
  const end = e.bounds.find((b) => b.bound.startsWith('versionEnd'));
  if (!start || !end) return undefined;
  const c = compareVersions(start.parsed, end.parsed);
  if (!c.decided) return undefined;
  const bothInclusive = start.bound === 'versionStartIncluding' && end.bound === 'versionEndIncluding';
  if (c.order > 0 || (c.order === 0 && !bothInclusive)) return `${start.bound}=${start.value} ${c.order > 0 ? '>' : '='} ${end.bound}=${end.value} (${c.scheme})`;
  return undefined;
}

/** A version just outside the range (the excluded end, past the included end, the excluded start). */
function outsideVersion(e: CompiledEntry): string | undefined {
  const m = e.entry;
  if (m.versionEndExcluding) return m.versionEndExcluding;
  if (m.versionEndIncluding) return `${m.versionEndIncluding}.1`;
  if (m.versionStartExcluding) return m.versionStartExcluding;
  if (m.versionStartIncluding) return decrement(m.versionStartIncluding);
  return undefined;
}

/** The component a criteria describes, at `version` (or as named when its version is fixed, NA or ANY). */
function componentFor(e: CompiledEntry, id: string, version?: string): DeviceComponent {
  const w = parseFormattedString(e.entry.criteria);
  if (version === undefined) {
    const v = w.version;
    if (typeof v === 'symbol' && v.description === 'ANY') return { id, cpe: bindFormattedString({ ...w, version: '1\\.0' }) };
    return { id, cpe: e.entry.criteria };
  }
  return { id, cpe: bindFormattedString({ ...w, version: quoteWfn('0') }), version };
}

interface Tally {
  configurations: number;
  andConfigurations: number;
  entries: number;
  affected: number;
  undecidable: number;
  missed: number;
  withoutPlatform: number;
  withoutPlatformWrong: number;
  outside: number;
  outsideWrong: number;
  outsideUndecidable: number;
  noInside: number;
  emptyRange: number;
  paths: number;
  reasonKinds: Map<string, number>;
  disagree: number;
  emptyExamples: string[];
  undecidableExamples: string[];
  failures: string[];
}

function conformConfiguration(cveId: string, cfg: CompiledConfiguration, ci: number, t: Tally): void {
  t.configurations++;
  const and = cfg.operator === 'AND' && cfg.nodes.length > 1;
  if (and) t.andConfigurations++;
  cfg.nodes.forEach((node, ni) => node.entries.forEach((e) => {
    if (!e.entry.vulnerable || node.negate || cfg.negate) return;
    t.entries++;
    const hasBounds = e.bounds.length > 0;
    const inside = hasBounds ? insideVersion(e) : undefined;
    if (hasBounds && inside === undefined) { t.noInside++; return; }
    const empty = emptyRange(e);
    if (empty) {
      t.emptyRange++;
      if (t.emptyExamples.length < 8) t.emptyExamples.push(`${cveId} ${e.entry.criteria} ${empty}`);
      return;
    }
    const target = compileComponent(componentFor(e, 'target', inside));
    // One component from each other node of an AND configuration: the platform it must run on.
    const usable = (x: CompiledEntry) => !emptyRange(x);
    const others = and ? cfg.nodes.flatMap((o, oi) => (oi === ni || o.negate ? [] : [o.entries.find((x) => !x.entry.vulnerable && usable(x)) ?? o.entries.find(usable) ?? o.entries[0]!]))
      .map((o, k) => compileComponent(componentFor(o, `platform${k}`, o.bounds.length ? insideVersion(o) : undefined))) : [];
    // The fast path (decide) and the explained path (explainEntry) must agree.
    for (const comp of [target, ...others]) for (const n of cfg.nodes) for (const x of n.entries) {
      t.paths++;
      if (decide(x, comp) !== explainEntry(x, comp).outcome) {
        t.disagree++;
        if (t.failures.length < 10) t.failures.push(`decide and explainEntry disagree: ${cveId} ${x.path} ${comp.label}`);
      }
    }
    const mine = (fs: ReturnType<typeof evaluateConfiguration>) => fs.filter((f) => f.path === e.path && f.componentId === 'target');
    const found = mine(evaluateConfiguration(cveId, cfg, [target, ...others]));
    if (found.some((f) => f.status === 'affected')) t.affected++;
    else if (found.some((f) => f.status === 'undecidable')) {
      t.undecidable++;
      const why = found[0]!.version?.checks?.filter((c) => c.holds === undefined).map((c) => c.reason ?? '') ?? found[0]!.reasons.map((r) => r.reason);
      for (const r of why) {
        const kind = r.replace(/"[^"]*"/g, '"…"').replace(/\([^)]*\)/g, '').replace(/^.*undecidable: /, '').replace(/\s+/g, ' ').trim();
        t.reasonKinds.set(kind, (t.reasonKinds.get(kind) ?? 0) + 1);
      }
      if (t.undecidableExamples.length < 8) t.undecidableExamples.push(`${cveId} ${e.path} ${e.entry.criteria} at "${inside}": ${found[0]!.reasons.map((r) => r.reason).join('; ')}`);
    } else {
      t.missed++;
      if (t.failures.length < 10) t.failures.push(`missed: ${cveId} configurations[${ci}] ${e.path} ${e.entry.criteria} ${JSON.stringify(e.bounds.map((b) => `${b.bound}=${b.value}`))} at "${inside}"`);
    }
    if (and) {
      t.withoutPlatform++;
      const alone = mine(evaluateConfiguration(cveId, cfg, [target]));
      if (alone.some((f) => f.status === 'affected')) {
        t.withoutPlatformWrong++;
        if (t.failures.length < 10) t.failures.push(`affected without its platform: ${cveId} ${e.path}`);
      }
    }
    const outside = hasBounds ? outsideVersion(e) : e.wfn?.version.kind === 'value' ? `${e.entry.criteria.split(':')[5]!.replace(/\\/g, '')}.1` : undefined;
    if (outside !== undefined) {
      t.outside++;
      const comp = hasBounds ? componentFor(e, 'target', outside) : { ...componentFor(e, 'target'), version: outside };
      const out = mine(evaluateConfiguration(cveId, cfg, [compileComponent(comp), ...others]));
      if (out.some((f) => f.status === 'affected')) {
        t.outsideWrong++;
        if (t.failures.length < 10) t.failures.push(`affected outside its range: ${cveId} ${e.path} ${e.entry.criteria} ${JSON.stringify(e.entry)} at "${outside}"`);
      } else if (out.some((f) => f.status === 'undecidable')) t.outsideUndecidable++;
    }
  }));
}

function conform(label: string, cves: CveConfigurations[]): Tally {
  const t: Tally = {
    configurations: 0, andConfigurations: 0, entries: 0, affected: 0, undecidable: 0, missed: 0, withoutPlatform: 0,
    withoutPlatformWrong: 0, outside: 0, outsideWrong: 0, outsideUndecidable: 0, noInside: 0, emptyRange: 0, emptyExamples: [], paths: 0, disagree: 0, reasonKinds: new Map(), undecidableExamples: [], failures: [],
  };
  const t0 = performance.now();
  for (const cve of cves) {
    const compiled = compileConfigurations(cve.id, cve.configurations);
    compiled.configurations.forEach((cfg, ci) => conformConfiguration(cve.id, cfg, ci, t));
  }
  const ms = performance.now() - t0;
  log(`[conformance] ${label}: ${cves.length} CVEs, ${t.configurations} configurations (${t.andConfigurations} AND), ${t.entries} vulnerable entries in ${(ms / 1000).toFixed(1)} s`);
  log(`[conformance]   device from its own criteria: affected ${t.affected}, undecidable ${t.undecidable}, missed ${t.missed}, no inside version ${t.noInside}, empty range in the data ${t.emptyRange}`);
  for (const x of t.emptyExamples) log(`[conformance]   empty range e.g. ${x}`);
  log(`[conformance]   without the running-on platform (AND): ${t.withoutPlatform} checked, wrongly affected ${t.withoutPlatformWrong}`);
  log(`[conformance]   fast and explained paths compared on ${t.paths} entry/component pairs: ${t.disagree} disagreements`);
  log(`[conformance]   outside the range: ${t.outside} checked, wrongly affected ${t.outsideWrong}, undecidable ${t.outsideUndecidable}`);
  for (const [k, n] of [...t.reasonKinds].sort((a, b) => b[1] - a[1]).slice(0, 8)) log(`[conformance]   undecidable reason x${n}: ${k}`);
  for (const x of t.undecidableExamples.slice(0, 4)) log(`[conformance]   undecidable e.g. ${x}`);
  for (const x of t.failures) log(`[conformance]   FAILURE ${x}`);
  return t;
}

test('configurations: a device built from its own criteria is affected; without platform or outside the range it is not', { skip }, () => {
  for (const [label, cves] of [['anchore configurations', anchore!], ['NVD API samples', api!]] as const) {
    const t = conform(label, cves);
    assert.equal(t.missed, 0, `${label}: missed`);
    assert.equal(t.disagree, 0, `${label}: decide and explainEntry disagree`);
    assert.equal(t.withoutPlatformWrong, 0, `${label}: affected without platform`);
    assert.equal(t.outsideWrong, 0, `${label}: affected outside the range`);
    assert.ok(t.affected > 0.95 * t.entries, `${label}: most entries decided`);
  }
});

test('version strings of the real data: how many read as each scheme', { skip }, () => {
  const schemes = new Map<string, number>();
  const examples = new Map<string, string[]>();
  for (const cve of anchore!) for (const c of cve.configurations) for (const n of c.nodes) for (const m of n.cpeMatch) {
    for (const v of [m.versionStartIncluding, m.versionStartExcluding, m.versionEndIncluding, m.versionEndExcluding]) {
      if (!v) continue;
      const s = parseVersion(v).scheme;
      schemes.set(s, (schemes.get(s) ?? 0) + 1);
      const ex = examples.get(s) ?? [];
      if (ex.length < 4 && !ex.includes(v)) ex.push(v);
      examples.set(s, ex);
    }
  }
  log(`[conformance] bound version schemes: ${[...schemes].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n} (${examples.get(s)!.join(', ')})`).join('; ')}`);
  assert.ok(compareVersions('1.10', '1.9').decided);
});

test('index lookup finds exactly what a linear scan finds', { skip }, () => {
  const index = new MatchIndex();
  const compiled = anchore!.map((c) => compileConfigurations(c.id, c.configurations));
  for (const c of compiled) index.add(c);
  const entries = compiled.flatMap((c) => c.configurations.flatMap((cfg) => cfg.nodes.flatMap((n) => n.entries)));
  const byKey = new Map<string, CompiledEntry[]>();
  for (const e of entries) if (e.key) { const l = byKey.get(e.key) ?? []; l.push(e); byKey.set(e.key, l); }
  const wide = entries.filter((e) => e.key === undefined);
  const hitsOf = (c: CompiledComponent, among: readonly CompiledEntry[]) =>
    among.map((x) => [x, decide(x, c)] as const).filter(([, o]) => o !== 'no-match').map(([x, o]) => `${x.cve}/${x.path} ${o}`).sort();
  let components = 0;
  let full = 0;
  let hits = 0;
  const step = Math.floor(entries.length / 1500);
  for (let k = 0; k < entries.length; k += step) {
    const e = entries[k]!;
    // Versions inside, at and beyond the entry's range, so the skip by end bound is exercised both ways.
    for (const v of [insideVersion(e) ?? '1.0', outsideVersion(e) ?? '2.0', '0.1', '999.0']) {
      const c = compileComponent(componentFor(e, `c${k}`, v));
      const viaIndex = index.matchComponent(c).map((h) => `${h.entry.cve}/${h.entry.path} ${h.outcome}`).sort();
      // Against every entry for one sampled entry in 100 (slow), else against its key's entries and the wide ones.
      const among = k % (100 * step) === 0 || c.keys.length === 0 ? entries : [...c.keys.flatMap((key) => byKey.get(key) ?? []), ...wide];
      if (among === entries) full++;
      const linear = hitsOf(c, among);
      assert.deepEqual(viaIndex, linear, c.label);
      components++;
      hits += linear.length;
    }
  }
  log(`[conformance] index vs linear scan: ${components} components (${full} against all ${entries.length} entries), ${hits} hits, identical`);
});
