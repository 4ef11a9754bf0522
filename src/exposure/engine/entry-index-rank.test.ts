import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../demo/prng.js';
import { compileComponent } from '../component.js';
import { decide } from '../entry-match.js';
import type { NvdCpeMatch } from '../nvd-config.js';
import { CveCompiler, entriesOf } from './compile.js';
import { EntryIndex } from './entry-index.js';
import { vuln } from './test-support.js';

// Bounds that are equal, adjacent or equal under padding (1.2 = 1.2.0; 2.0-M4 = 2.0.0-milestone4), of every
// ranked scheme (numeric, pre-release as Tomcat's 9.0.0.M1, letter suffix as OpenSSL's 1.0.2zh), and
// component versions of every scheme: they must meet the ranked entries exactly as `decide` meets each entry.
const POINTS = [
  '0', '1', '1.0', '1.2', '1.2.0', '1.2.1', '1.2.10', '1.3', '1.8.0', '1.8.0.1', '2', '2.0.0.0', '10.0.17763.1', '10.0.17763.2',
  '1.2-beta', '1.2.0-rc1', '1.2.0-beta2', '1.3.0-0', '2.0-M4', '2.0.0-milestone4', '9.0.0.M1', '1.2rc1', // pre-release
  '1.2.1a', '1.2.1b', '1.2.10e', '1.8.0zi', '1.8.0z', // letter suffix
];
const VERSIONS = [
  '0', '1', '1.2', '1.2.0', '1.2.5', '1.8.0', '1.8.0.1', '9', '11', '10.0.17763.1', '10.0.17763.1.5', // numeric
  '1.8.0 update_401', '1.8.0u5', '1.8 update_401', '1.2 sp2', '1.2.0 sp2 build 5', 'V1.2.1 SP1', '2 update3', // post-release
  '1.2-beta', '1.2.0-rc1', '1.3.0-0', '2.0-M4', 'beta', // pre-release
  '1.2.1a', '1.2.10e', '1.8.0zi', // letter suffix
  '1.2 foo', '1.2.0 esv', '1.8.0 update_401 foo', 'latest', 'foo 1.2', '1.2.0.foo.3', '-', // words: undecidable where they meet
  '2023-01-15', '20230115', 'a1b2c3d4e5f', '1.2.*', '0.0.0-20250616162021-79b2f26125a1', // dates, commits, patterns, pseudo-versions
];

function entries(seed: number): NvdCpeMatch[] {
  const r = mulberry32(seed);
  const pick = () => POINTS[Math.floor(r() * POINTS.length)]!;
  const out: NvdCpeMatch[] = [];
  for (let k = 0; k < 300; k++) {
    const x = r();
    const m: Partial<NvdCpeMatch> = {};
    if (x < 0.15) { out.push(vuln(`cpe:2.3:a:acme:tool:${pick()}:*:*:*:*:*:*:*`, {}, `F${k}`)); continue; }
    if (x < 0.45) m.versionEndExcluding = pick();
    else if (x < 0.6) m.versionEndIncluding = pick();
    else if (x < 0.75) { m.versionStartIncluding = pick(); m.versionEndExcluding = pick(); }
    else if (x < 0.85) { m.versionStartExcluding = pick(); m.versionEndIncluding = pick(); }
    else if (x < 0.9) { m.versionStartIncluding = pick(); m.versionStartExcluding = pick(); m.versionEndExcluding = pick(); } // two starts
    else m.versionStartIncluding = pick();
    // Some with another attribute constrained: the rank scan asks the attributes once per criteria.
    const update = r() < 0.2 ? 'update_401' : '*';
    out.push(vuln(`cpe:2.3:a:acme:tool:*:${update}:*:*:*:*:*:*`, m, `R${k}`));
  }
  return out;
}

test('ranked entries: every version scheme, bounds equal and adjacent, as decide answers each entry (undecidable kept)', () => {
  for (const seed of [1, 2, 3]) {
    const compiler = new CveCompiler();
    const index = new EntryIndex();
    index.bulk = true;
    const cves = entries(seed).map((m, k) => compiler.compile(`CVE-2025-${k}`, [{ nodes: [{ operator: 'OR', cpeMatch: [m] }] }]));
    cves.forEach((c, slot) => index.add(c, slot));
    index.endBulk();
    const live = cves.flatMap(entriesOf);
    let undecidable = 0;
    for (const v of VERSIONS) {
      for (const update of ['*', 'update_401', 'other']) {
        const c = compileComponent({ id: v, cpe: `cpe:2.3:a:acme:tool:0:${update}:*:*:*:*:*:*`, version: v });
        const got = index.matchComponent(c).map((h) => `${h.entry.cve} ${h.outcome}`).sort();
        const want = live.map((e) => [e, decide(e, c)] as const).filter(([, o]) => o !== 'no-match').map(([e, o]) => `${e.cve} ${o}`).sort();
        assert.deepEqual(got, want, `${v} (update ${update}), seed ${seed}`);
        undecidable += got.filter((h) => h.endsWith('undecidable')).length;
      }
    }
    assert.ok(undecidable > 100, `undecidable hits reported: ${undecidable}`);
  }
});

test('a version with a word after the numbers of a bound is undecidable against that bound only', () => {
  const compiler = new CveCompiler();
  const index = new EntryIndex();
  const ms = [
    vuln('cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', { versionEndExcluding: '1.2' }, 'A'), // 1.2 foo vs 1.2: undecidable
    vuln('cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', { versionEndExcluding: '1.3' }, 'B'), // below 1.3: match
    vuln('cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', { versionEndIncluding: '1.1' }, 'C'), // above 1.1: no match
    vuln('cpe:2.3:a:acme:tool:1.2:*:*:*:*:*:*:*', {}, 'D'), // fixed 1.2: undecidable
    vuln('cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', { versionStartIncluding: '1.2.0', versionEndExcluding: '1.2.5' }, 'E'), // undecidable
  ];
  index.bulk = true;
  ms.forEach((m, k) => index.add(compiler.compile(`CVE-2025-${k}`, [{ nodes: [{ operator: 'OR', cpeMatch: [m] }] }]), k));
  index.endBulk();
  const c = compileComponent({ id: 'x', cpe: 'cpe:2.3:a:acme:tool:0:*:*:*:*:*:*:*', version: '1.2 foo' });
  const got = index.matchComponent(c).map((h) => `${h.entry.entry.matchCriteriaId} ${h.outcome}`).sort();
  assert.deepEqual(got, ['A undecidable', 'B match', 'D undecidable', 'E undecidable']);
  const u = compileComponent({ id: 'y', cpe: 'cpe:2.3:a:acme:tool:0:*:*:*:*:*:*:*', version: '1.2.0 update_401' });
  assert.deepEqual(index.matchComponent(u).map((h) => `${h.entry.entry.matchCriteriaId} ${h.outcome}`).sort(), ['B match', 'E match']);
});
