import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateObject } from '../stix/validate/index.js';
import { parsePattern } from '../stix/pattern/index.js';
import { computeScoId } from '../stix/sco-id.js';
import { CLASSIFICATION_MARKING_IDS, TLP2_MARKING_IDS } from '../stix/markings.js';
import { categoryOf, type StixObject } from '../stix/types.js';
import { ATTACK_TECHNIQUES } from './catalog-attack.js';
import { CVE_CATALOG } from './catalog-cve.js';
import { generateIntel, generateIntelBundle, intelBundleId, writeIntelBundle, writeIntelJsonl } from './intel-generator.js';
import { Prng } from './prng.js';

const BIG = 20_000; // from this count on the full ATT&CK / CVE catalogues are emitted
const all = (seed: number, count: number, extra: object = {}): StixObject[] => [...generateIntel({ seed, count, ...extra })];
const big = all(7, BIG);

const TLP_IDS = new Set<string>(Object.values(TLP2_MARKING_IDS));
const CLASS_IDS = new Set<string>(Object.values(CLASSIFICATION_MARKING_IDS));
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TS_PROPS = ['created', 'modified', 'valid_from', 'valid_until', 'first_seen', 'last_seen', 'first_observed', 'last_observed', 'published', 'start'];

/** Every id an object refers to: *_ref / *_refs at any depth. */
function refsOf(v: unknown, out: string[] = [], key = ''): string[] {
  if (Array.isArray(v)) {
    if (key.endsWith('_refs')) for (const x of v) if (typeof x === 'string') out.push(x);
    for (const x of v) if (typeof x === 'object') refsOf(x, out);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k.endsWith('_ref') && typeof x === 'string') out.push(x);
      else refsOf(x, out, k);
    }
  }
  return out;
}

test('prng: deterministic, seeds differ, uuid4 format', () => {
  const a = new Prng(1);
  const b = new Prng(1);
  const c = new Prng(2);
  const sa = Array.from({ length: 8 }, () => a.next());
  assert.deepEqual(sa, Array.from({ length: 8 }, () => b.next()));
  assert.notDeepEqual(sa, Array.from({ length: 8 }, () => c.next()));
  for (let i = 0; i < 100; i++) assert.match(a.uuid4(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('same seed and count give byte-identical output; another seed differs', () => {
  const x = JSON.stringify(all(42, 3000));
  assert.equal(JSON.stringify(all(42, 3000)), x);
  assert.notEqual(JSON.stringify(all(43, 3000)), x);
  assert.equal(intelBundleId(42), intelBundleId(42));
  assert.notEqual(intelBundleId(42), intelBundleId(43));
});

test('produces exactly count objects', () => {
  for (const n of [0, 1, 2, 7, 50, 333, 1000, 4321]) assert.equal(all(3, n).length, n, `count ${n}`);
  assert.equal(big.length, BIG);
});

test('every object passes validateObject', () => {
  const failures: string[] = [];
  for (const [seed, count] of [[7, 0], [1, 600], [99, 2500]] as const) {
    const objs = count === 0 ? big : all(seed, count);
    for (const o of objs) {
      const issues = validateObject(o);
      if (issues.length && failures.length < 20) failures.push(`${o.id}: ${JSON.stringify(issues)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('no reference to an object not earlier in the stream (and none to a revoked one)', () => {
  for (const [objs, markingsIncluded] of [[big, true], [all(5, 800, { includeMarkingDefinitions: false }), false]] as const) {
    const seen = new Set<string>();
    const revoked = new Set<string>();
    for (const o of objs) {
      for (const r of refsOf(o)) {
        if (!markingsIncluded && (TLP_IDS.has(r) || CLASS_IDS.has(r))) continue;
        assert.ok(seen.has(r), `${o.id} refers to ${r}, not earlier in the stream`);
        if (!o.revoked) assert.ok(!revoked.has(r), `${o.id} (${o.modified}) refers to revoked ${r}`);
      }
      seen.add(o.id);
      if (o.revoked) revoked.add(o.id);
    }
  }
});

test('ATT&CK techniques and CVEs are real catalogue entries; all of them at full scale', () => {
  const techIds = new Set(ATTACK_TECHNIQUES.map((t) => t.id));
  const cveIds = new Set(CVE_CATALOG.map((c) => c.id));
  const gotTech = new Set<string>();
  const gotCve = new Set<string>();
  for (const o of big) {
    const refs = (o.external_references ?? []) as { source_name: string; external_id?: string; url?: string }[];
    if (o.type === 'attack-pattern') {
      const r = refs.find((e) => e.source_name === 'mitre-attack');
      assert.ok(r?.external_id && techIds.has(r.external_id), `attack-pattern ${o.id} has no known technique id`);
      assert.match(r.url ?? '', /^https:\/\/attack\.mitre\.org\/techniques\/T\d{4}(\/\d{3})?$/);
      gotTech.add(r.external_id);
    }
    if (o.type === 'vulnerability') {
      const r = refs.find((e) => e.source_name === 'cve');
      assert.ok(r?.external_id && cveIds.has(r.external_id), `vulnerability ${o.id} has no known CVE`);
      assert.equal(o.name, r.external_id);
      gotCve.add(r.external_id);
    }
  }
  assert.equal(gotTech.size, techIds.size);
  assert.equal(gotCve.size, cveIds.size);
  for (const id of ['T1190', 'T1566.001', 'T0866', 'T0855']) assert.ok(gotTech.has(id), id);
  for (const id of ['CVE-2023-46805', 'CVE-2024-3400', 'CVE-2021-44228', 'CVE-2019-19781', 'CVE-2023-4966', 'CVE-2022-1388']) {
    assert.ok(gotCve.has(id), id);
  }
  // Catalogue sanity: ids well-formed and unique.
  assert.equal(techIds.size, ATTACK_TECHNIQUES.length);
  assert.equal(cveIds.size, CVE_CATALOG.length);
  for (const t of techIds) assert.match(t, /^T\d{4}(\.\d{3})?$/);
  for (const c of cveIds) assert.match(c, /^CVE-\d{4}-\d{4,}$/);
});

test('content mix: every kind of object, relationship vocabulary, markings', () => {
  const types = new Map<string, number>();
  const relTypes = new Set<string>();
  const classes = new Map<string, number>();
  for (const o of big) {
    types.set(o.type, (types.get(o.type) ?? 0) + 1);
    if (o.type === 'relationship') relTypes.add(o.relationship_type as string);
    const cat = categoryOf(o.type);
    if (cat === 'sdo' || cat === 'sro') {
      const m = o.object_marking_refs ?? [];
      assert.equal(m.filter((x) => TLP_IDS.has(x)).length, 1, `${o.id} has one TLP marking`);
      const c = m.filter((x) => CLASS_IDS.has(x));
      assert.equal(c.length, 1, `${o.id} has one classification marking`);
      classes.set(c[0]!, (classes.get(c[0]!) ?? 0) + 1);
    }
  }
  for (const t of ['marking-definition', 'identity', 'location', 'attack-pattern', 'course-of-action', 'vulnerability', 'tool', 'malware',
    'threat-actor', 'intrusion-set', 'campaign', 'indicator', 'observed-data', 'sighting', 'report', 'relationship',
    'ipv4-addr', 'domain-name', 'url', 'file', 'network-traffic']) {
    assert.ok((types.get(t) ?? 0) > 0, `no ${t}`);
  }
  for (const r of ['uses', 'targets', 'indicates', 'attributed-to', 'mitigates', 'based-on', 'located-at']) assert.ok(relTypes.has(r), r);
  assert.ok(!relTypes.has('exploits'));
  const official = classes.get(CLASSIFICATION_MARKING_IDS.OFFICIAL) ?? 0;
  const secret = classes.get(CLASSIFICATION_MARKING_IDS.SECRET) ?? 0;
  const topSecret = classes.get(CLASSIFICATION_MARKING_IDS['TOP SECRET']) ?? 0;
  assert.ok(official > secret && secret > topSecret && topSecret > 0, `OFFICIAL ${official}, SECRET ${secret}, TOP SECRET ${topSecret}`);
});

test('timestamps: RFC 3339 with ms and Z, within 2024–2026, modified ≥ created', () => {
  const lo = Date.UTC(2024, 0, 1);
  const hi = Date.UTC(2027, 0, 1);
  for (const o of big) {
    if (o.type === 'marking-definition') continue;
    for (const p of TS_PROPS) {
      const v = o[p];
      if (v === undefined) continue;
      assert.match(v as string, TS, `${o.id}.${p}`);
      const ms = Date.parse(v as string);
      assert.ok(ms >= lo && ms < hi, `${o.id}.${p} = ${v as string}`);
    }
    if (o.created && o.modified) assert.ok(o.modified >= o.created, `${o.id} modified before created`);
  }
});

test('versions: same id later with a later modified, same created; some revoked, nothing after revocation', () => {
  const last = new Map<string, StixObject>();
  let versions = 0;
  let revoked = 0;
  for (const o of big) {
    const prev = last.get(o.id);
    if (prev) {
      assert.ok(categoryOf(o.type) === 'sdo' || categoryOf(o.type) === 'sro', `${o.id}: only SDOs/SROs are versioned`);
      assert.ok(!prev.revoked, `${o.id} has a version after its revocation`);
      assert.ok(o.modified! > prev.modified!, `${o.id} modified not increasing`);
      assert.equal(o.created, prev.created);
      assert.equal(o.created_by_ref, prev.created_by_ref);
      versions++;
    }
    if (o.revoked) revoked++;
    last.set(o.id, o);
  }
  assert.ok(versions > 100, `versions ${versions}`);
  assert.ok(revoked > 5, `revoked ${revoked}`);
});

test('SCOs: unique values and ids, deterministic ids where computeScoId gives one; patterns parse', () => {
  const values = new Set<string>();
  for (const o of big) {
    if (categoryOf(o.type) === 'sco') {
      const { id, ...rest } = o;
      const expected = computeScoId({ ...rest, id: '' } as StixObject);
      if (expected !== undefined) assert.equal(id, expected);
      else assert.match(id, /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const key = `${o.type}|${JSON.stringify(o.value ?? o.hashes ?? o.src_ref)}`;
      assert.ok(!values.has(key), `duplicate ${key}`);
      values.add(key);
    }
    if (o.type === 'indicator') assert.doesNotThrow(() => parsePattern(o.pattern as string), o.pattern as string);
  }
});

test('producerIdentityId names the authority identity that creates objects', () => {
  const pid = 'identity--2b7f7c6e-1d7e-4b8a-9a51-0c8f3f0b9a11';
  const objs = all(11, 400, { producerIdentityId: pid });
  const ident = objs.find((o) => o.id === pid);
  assert.equal(ident?.type, 'identity');
  assert.ok(objs.filter((o) => o.created_by_ref === pid).length > 50);
});

test('rejects bad options', () => {
  assert.throws(() => all(1, -1));
  assert.throws(() => all(1, 1.5));
  assert.throws(() => all(Number.NaN, 10));
  assert.throws(() => all(1, 10, { producerIdentityId: 'identity--nope' }));
});

test('writeIntelBundle and writeIntelJsonl stream the same objects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-intel-'));
  try {
    const opts = { seed: 9, count: 5000 };
    const bundle = generateIntelBundle(opts);
    assert.equal(bundle.objects.length, 5000);
    const b = await writeIntelBundle(join(dir, 'b.json'), opts);
    const text = readFileSync(join(dir, 'b.json'), 'utf8');
    assert.equal(text, JSON.stringify(bundle));
    assert.deepEqual(b, { count: 5000, bytes: Buffer.byteLength(text) });
    const j = await writeIntelJsonl(join(dir, 'o.jsonl'), opts);
    const lines = readFileSync(join(dir, 'o.jsonl'), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(j.count, 5000);
    assert.deepEqual(lines.map((l) => JSON.parse(l) as StixObject), bundle.objects);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
