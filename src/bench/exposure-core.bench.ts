/**
 * Micro-benchmark of the exposure matching core over the real NVD configurations
 * (../shared/data/nvd/anchore-configurations.jsonl.gz: 32,184 CVEs, 97,775 cpeMatch):
 *
 * - parsing every criteria string (CPE 2.3 formatted string → WFN);
 * - compiling every CVE's configurations and filing them in the (part, vendor, product) index;
 * - matching one component against all of them through the index (issue 4 target later: ≤ 1 ms), for
 *   components drawn from the data itself and for the busiest keys, against a linear scan for reference;
 * - evaluating one device (a component plus its platform) against every CVE it can touch.
 *
 * Run: `npx tsc -p tsconfig.json && node dist/bench/exposure-core.bench.js`. Figures print with the load.
 */
import { loadavg } from 'node:os';
import { compileComponent, type CompiledComponent } from '../exposure/component.js';
import { bindFormattedString, parseFormattedString } from '../exposure/cpe-parse.js';
import { quoteWfn } from '../exposure/cpe-wfn.js';
import { matchEntry } from '../exposure/entry-match.js';
import { MatchIndex } from '../exposure/match-index.js';
import { type CompiledEntry, compileConfigurations } from '../exposure/nvd-config.js';
import { loadAnchoreConfigurations } from '../exposure/test-data.js';
import { fmt, line, median, percentile } from './bench-util.js';

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const now = () => performance.now();

function main(): void {
  const t0 = now();
  const cves = loadAnchoreConfigurations();
  if (!cves) {
    process.stdout.write('exposure-core bench skipped: ../shared/data/nvd/anchore-configurations.jsonl.gz not found\n');
    return;
  }
  const criteria: string[] = [];
  for (const c of cves) for (const cfg of c.configurations) for (const n of cfg.nodes) for (const m of n.cpeMatch) criteria.push(m.criteria);
  process.stdout.write(`exposure core: ${fmt(cves.length)} CVEs, ${fmt(criteria.length)} cpeMatch criteria (read and gunzipped in ${fmt(now() - t0)} ms); load ${load()}\n`);

  // 1. Parse every criteria string (5 runs, median).
  const parseRuns: number[] = [];
  for (let r = 0; r < 5; r++) {
    const s = now();
    let ok = 0;
    for (const c of criteria) { parseFormattedString(c); ok++; }
    parseRuns.push(now() - s);
    if (ok !== criteria.length) throw new Error('parse count');
  }
  const parseMs = median(parseRuns);
  line(`parse all ${fmt(criteria.length)} criteria (median of 5)`, `${fmt(parseMs, 1)} ms`);
  line('  per criteria', `${fmt((parseMs * 1000) / criteria.length, 2)} µs`);

  // 2. Compile configurations (criteria, bounds) and build the index.
  let s = now();
  const compiled = cves.map((c) => compileConfigurations(c.id, c.configurations));
  const compileMs = now() - s;
  s = now();
  const index = new MatchIndex();
  for (const c of compiled) index.add(c);
  const indexMs = now() - s;
  line('compile all configurations (criteria + version bounds)', `${fmt(compileMs, 0)} ms`);
  line(`build index (${fmt(index.keyCount)} keys, ${index.wideCount} wide entries)`, `${fmt(indexMs, 1)} ms`);

  const entries: CompiledEntry[] = compiled.flatMap((c) => c.configurations.flatMap((cfg) => cfg.nodes.flatMap((n) => n.entries)));
  const perKey = new Map<string, number>();
  for (const e of entries) if (e.key) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
  const busiest = [...perKey].sort((a, b) => b[1] - a[1]).slice(0, 5);
  line('largest candidate list (entries under one key)', `${fmt(busiest[0]![1])}`);
  process.stdout.write(`  busiest keys: ${busiest.map(([k, n]) => `${k} ${n}`).join(', ')}\n`);

  // 3. One component against all CVEs via the index: components drawn from the data (every 10th entry).
  const components: CompiledComponent[] = [];
  for (let k = 0; k < entries.length; k += 10) {
    const e = entries[k]!;
    const w = parseFormattedString(e.entry.criteria);
    const v = e.entry.versionStartIncluding ?? e.entry.versionEndIncluding ?? e.entry.versionEndExcluding ?? '1.0';
    components.push(compileComponent({ id: `c${k}`, cpe: bindFormattedString({ ...w, version: quoteWfn('0') }), version: v }));
  }
  // A criteria with a wildcard product gives a component without a key (it scans every key): timed apart.
  const unkeyed = components.filter((c) => c.keys.length === 0);
  components.splice(0, components.length, ...components.filter((c) => c.keys.length > 0));
  const busy = busiest.map(([key], k) => {
    const [part, vendor, product] = key.split(':');
    return compileComponent({ id: `busy${k}`, cpe: `cpe:2.3:${part}:${vendor}:${product}:0:*:*:*:*:*:*:*`, version: '5.10.100' });
  });
  // Warm up, then time each lookup.
  for (const c of components.slice(0, 2000)) index.matchComponent(c);
  // Each component timed 3 times, keeping the fastest (the machine is shared: the minimum filters out
  // scheduling and GC pauses); the mean of one plain pass and its CPU time are printed too.
  const times: number[] = [];
  let hits = 0;
  const cpu0 = process.cpuUsage();
  const all = now();
  for (const c of components) hits += index.matchComponent(c).length;
  const allMs = now() - all;
  const cpu = process.cpuUsage(cpu0);
  for (const c of components) {
    let best = Infinity;
    for (let r = 0; r < 3; r++) { const a = now(); index.matchComponent(c); best = Math.min(best, now() - a); }
    times.push(best);
  }
  const slowest = components.map((c, k) => [times[k]!, c] as const).sort((a, b) => b[0] - a[0]).slice(0, 3);
  const meanBest = times.reduce((x, y) => x + y, 0) / times.length;
  times.sort((a, b) => a - b);
  line(`one component vs all via index: mean over ${fmt(components.length)} (best of 3)`, `${fmt(meanBest * 1000, 1)} µs`, '≤ 1 ms', meanBest <= 1);
  line('  p50 / p99 / max (best of 3)', `${fmt(percentile(times, 50) * 1000, 0)} / ${fmt(percentile(times, 99) * 1000, 0)} / ${fmt(times[times.length - 1]! * 1000, 0)} µs`);
  line('  one plain pass: wall / CPU per component', `${fmt((allMs * 1000) / components.length, 1)} / ${fmt((cpu.user + cpu.system) / components.length, 1)} µs`);
  line('  entries matched or undecidable per component (mean)', fmt(hits / components.length, 1));
  for (const [t, c] of slowest) process.stdout.write(`  slowest: ${c.label} ${fmt(t * 1000, 0)} µs (${index.matchComponent(c).length} hits)\n`);
  for (const c of busy) {
    const runs: number[] = [];
    let n = 0;
    for (let r = 0; r < 20; r++) { const a = now(); n = index.matchComponent(c).length; runs.push(now() - a); }
    line(`  busiest key ${c.keys[0]} (${n} hits): median / best of 20`, `${fmt(median(runs) * 1000, 0)} / ${fmt(Math.min(...runs) * 1000, 0)} µs`, '≤ 1 ms', median(runs) <= 1);
  }

  for (const c of unkeyed.slice(0, 3)) {
    const a = now();
    const n = index.matchComponent(c).length;
    line(`  unkeyed (wildcard product) ${c.label.slice(0, 40)} (${n} hits)`, `${fmt((now() - a) * 1000, 0)} µs`);
  }

  // Reference: the same component against every entry without the index.
  const linear: number[] = [];
  for (const c of components.slice(0, 20)) {
    const a = now();
    for (const e of entries) matchEntry(e, c);
    linear.push(now() - a);
  }
  line('  reference: linear scan of all entries, one component', `${fmt(median(linear), 1)} ms`);

  // 4. A device (firmware + its hardware) evaluated against every CVE it can touch.
  const device = [
    compileComponent({ id: 'fw', cpe: 'cpe:2.3:o:linux:linux_kernel:5.10.100:*:*:*:*:*:*:*' }),
    compileComponent({ id: 'app', cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*' }),
    compileComponent({ id: 'os', cpe: 'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*' }),
  ];
  const devRuns: number[] = [];
  let findings = 0;
  for (let r = 0; r < 10; r++) { const a = now(); findings = index.evaluateDevice(device).length; devRuns.push(now() - a); }
  line(`device of 3 components, all CVEs it can touch (${findings} findings)`, `${fmt(median(devRuns), 2)} ms`);
  const mem = process.memoryUsage();
  line('heap used / RSS', `${fmt(mem.heapUsed / 2 ** 20)} / ${fmt(mem.rss / 2 ** 20)} MB`);
  process.stdout.write(`load average at end: ${load()}\n`);
}

main();
