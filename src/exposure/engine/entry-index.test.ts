import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileComponent } from '../component.js';
import { bindFormattedString, parseFormattedString } from '../cpe-parse.js';
import { quoteWfn } from '../cpe-wfn.js';
import { decide } from '../entry-match.js';
import { loadAnchoreConfigurations } from '../test-data.js';
import { mulberry32 } from '../../demo/prng.js';
import { CveCompiler, entriesOf } from './compile.js';
import { EntryIndex } from './entry-index.js';

test('entry index finds exactly what a linear scan finds over the real NVD configurations, also after removals', (t) => {
  const real = loadAnchoreConfigurations();
  if (!real) { t.skip('../shared/data/nvd/anchore-configurations.jsonl.gz not found'); return; }
  const compiler = new CveCompiler();
  const cves = real.map((c) => compiler.compile(c.id, c.configurations));
  const index = new EntryIndex();
  // As a full load files them: in bulk, built once at the end; then a few more one by one.
  index.bulk = true;
  cves.slice(0, -200).forEach((c, slot) => index.add(c, slot));
  index.endBulk();
  cves.slice(-200).forEach((c, k) => index.add(c, cves.length - 200 + k));
  const r = mulberry32(9);
  // Remove a tenth of the CVEs: their entries must no longer be found.
  for (const c of cves) if (r() < 0.1) index.remove(c);
  const live = cves.flatMap(entriesOf).filter((e) => e.cve >= 0);
  const versions = ['0', '1.0', '2.4.49', '13.2.1', '16.9.1', '16.9', '16.9.0', '124.0.6367.91', '139.0.7258.127.3', '10.0.17763.1', 'V3.1 SP2', '1.1.1k', '7.*', '2023-01-15'];
  let compared = 0;
  let hits = 0;
  const comps = versions.map((v, k) => compileComponent({ id: `gitlab${k}`, cpe: 'cpe:2.3:a:gitlab:gitlab:0:*:*:*:*:*:*:*', version: v }));
  comps.push(compileComponent({ id: 'gitlab-any', cpe: 'cpe:2.3:a:gitlab:gitlab:*:*:*:*:*:*:*:*' }), compileComponent({ id: 'jre', cpe: 'cpe:2.3:a:oracle:jre:1.8.0:update_401:*:*:*:*:*:*' }));
  for (let k = 0; k < live.length; k += 401) {
    const w = parseFormattedString(live[k]!.entry.criteria);
    comps.push(compileComponent({ id: `c${k}`, cpe: bindFormattedString({ ...w, version: quoteWfn('0') }), version: versions[k % versions.length] }));
    // A version on a bound of this key (included or excluded ends, ranks), and one just past it.
    const bound = live[k]!.bounds[0]?.value ?? live[k]!.fixedVersion?.raw;
    if (bound && k % 802 === 0) {
      const keyOnly = bindFormattedString({ ...w, version: quoteWfn('0'), update: w.update, edition: w.edition });
      comps.push(compileComponent({ id: `b${k}`, cpe: keyOnly, version: bound }));
      comps.push(compileComponent({ id: `p${k}`, cpe: keyOnly, version: `${bound}.1` }));
    }
  }
  for (const c of comps) {
    const got = index.matchComponent(c).map((h) => `${h.entry.cve} ${h.entry.path} ${h.outcome}`).sort();
    const want = live.map((e) => [e, decide(e, c)] as const).filter(([, o]) => o !== 'no-match').map(([e, o]) => `${e.cve} ${e.path} ${o}`).sort();
    assert.deepEqual(got, want, c.label);
    compared++;
    hits += got.length;
  }
  assert.ok(compared > 200 && hits > 500, `${compared} components, ${hits} hits`);
});
