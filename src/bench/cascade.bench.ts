/**
 * npm run bench:cascade [-- rank mc peers scenario memory] [--assets N] [--large N] [--runs R]
 *                       [--repeat K] [--generator national|test] [--seed S] [--sample K]
 *
 * Prints the cascade engine's figures against the targets:
 *  - on the N-asset register (default 100,000): the national ranking, 10,000 Monte Carlo runs of a
 *    regional scenario (both cores), and the same tasks with networkx / python-igraph where present
 *    (brute-force propagation per asset on a sample, extrapolated; dominator trees; Monte Carlo runs
 *    in Python, extrapolated), with the ratio;
 *  - on the large register (default 1,000,000): one-asset scenarios, the ranking, the rebuild of the
 *    compiled indexes after a change, and the engine's memory (heap + array buffers, after GC).
 * Registers come from the national generator (src/register/generator) when it is built, otherwise
 * from the cascade test generator (src/cascade/testgen.ts); the header says which. Use
 * `--large 100000 --assets 20000` for a quick run. Timings are medians of --repeat runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AssetRecord, DependencyRecord } from '../register/model.js';
import { CascadeEngine } from '../cascade/engine.js';
import { columnsOf } from '../cascade/graph.js';
import { Propagator } from '../cascade/propagate.js';
import { pythonMissing, runPythonJson, writeOracleInput } from '../cascade/oracle-support.js';
import { testRegister } from '../cascade/testgen.js';
import { fmt, line, median, workDir } from './bench-util.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const option = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? String(args[i + 1]) : dflt;
};
const sections = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const want = (s: string) => sections.length === 0 || sections.includes(s);
const MID = flag('--assets', 100_000);
const LARGE = flag('--large', 1_000_000);
const RUNS = flag('--runs', 10_000);
const REPEAT = Math.max(1, flag('--repeat', 1));
const SEED = flag('--seed', 1);
const SAMPLE = flag('--sample', 100);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Register {
  label: string;
  assets(): Iterable<AssetRecord>;
  dependencies(): Iterable<DependencyRecord>;
}
type NationModule = { generateNation?: (o: { assets: number; seed: number }) => Register };

async function register(n: number): Promise<Register> {
  if (option('--generator', 'national') === 'national') {
    const path = '../register/generator/index.js';
    const mod = (await import(path).catch(() => null)) as NationModule | null;
    if (mod?.generateNation) {
      const nation = mod.generateNation({ assets: n, seed: SEED });
      return { label: 'national generator (src/register/generator)', assets: () => nation.assets(), dependencies: () => nation.dependencies() };
    }
  }
  const t = testRegister({ assets: n, seed: SEED });
  return { label: 'cascade test generator (src/cascade/testgen.ts)', assets: t.assets, dependencies: t.dependencies };
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

async function load(n: number): Promise<{ engine: CascadeEngine; reg: Register }> {
  const reg = await register(n);
  const t0 = performance.now();
  const engine = new CascadeEngine(reg.assets(), reg.dependencies());
  const built = seconds(t0);
  const t1 = performance.now();
  engine.graph();
  line(`${fmt(engine.assetCount)} assets, ${fmt(engine.dependencyCount)} dependencies: generate + load`, `${fmt(built, 1)} s`);
  line('  compile indexes (CSR, needs)', `${fmt(seconds(t1) * 1000)} ms`);
  return { engine, reg };
}

/** Deterministic sample of registered asset ids. */
function sampleIds(engine: CascadeEngine, k: number): string[] {
  const ids = engine.table.assetIds.filter((_, v) => engine.table.isAsset(v));
  const out: string[] = [];
  const step = Math.max(1, Math.floor(ids.length / k));
  for (let i = 0; i < ids.length && out.length < k; i += step) out.push(ids[(i * 7919) % ids.length]!);
  return out;
}

function rank(engine: CascadeEngine, n: number, targetS: number): number {
  const times: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    engine.upsertAsset({ ...probeAsset(engine), populationServed: r }); // invalidate the cached ranking
    engine.graph();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ranking = engine.ranking();
    times.push(seconds(t0));
    const c = process.cpuUsage(c0);
    if (r === 0) process.stdout.write(`  CPU time ${fmt((c.user + c.system) / 1e6, 2)} s (one thread)\n`);
    if (r === 0) {
      const s = ranking.stats;
      const top = ranking.top(1)[0]!;
      process.stdout.write(`  kill sets: Σ|K| ${fmt(s.totalKillSetSize)} stored as ${fmt(s.storedElements)}; largest cyclic component ${fmt(s.largestComponent)}; ` +
        `${fmt(s.andCycles)} AND cycles; ${fmt(s.iterations)} set computations; ${fmt(ranking.spofCount)} single points of failure (${fmt(s.spofPairs)} critical needs cut)\n`);
      process.stdout.write(`  top: ${top.assetId} loses ${fmt(top.assetsLost)} assets, ${fmt(top.peopleAffected)} people\n`);
    }
  }
  const t = median(times);
  line(`national ranking, ${fmt(n)} assets (no horizon)`, `${fmt(t, 2)} s`, `<= ${targetS} s`, t <= targetS);
  // the worst one-asset scenarios: the assets with the largest cascades
  const worst = engine.ranking().top(5);
  const wt: number[] = [];
  const wc: number[] = [];
  const first: number[] = [];
  engine.scenario({ initialFailures: [worst[worst.length - 1]!.assetId] }); // scratch arrays after the ranking's rebuild
  // right after the ranking, a scenario also pays for collecting the ranking's garbage (a ~1 GB heap):
  // shown apart; the figure is then the median of 3 runs each with that debt collected first
  for (const w of worst) {
    const t0 = performance.now();
    engine.scenario({ initialFailures: [w.assetId] });
    first.push(performance.now() - t0);
  }
  (globalThis as { gc?: () => void }).gc?.();
  for (const w of worst) {
    const ts: number[] = [];
    const cs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      engine.scenario({ initialFailures: [w.assetId] });
      ts.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cs.push((c.user + c.system) / 1000);
    }
    wt.push(median(ts));
    wc.push(median(cs));
  }
  const worstMs = Math.max(...wt);
  line(`one-asset scenario, ${fmt(n)} assets, the 5 largest cascades (worst median)`, `${fmt(worstMs, 1)} ms`, '<= 50 ms', worstMs <= 50);
  process.stdout.write(`  ${worst.map((w) => fmt(w.assetsLost)).join(', ')} assets lost: median of 3 ${wt.map((x) => fmt(x, 0)).join(', ')} ms (CPU ${wc.map((x) => fmt(x, 0)).join(', ')} ms); ` +
    `first run right after the ranking (its garbage collected meanwhile) ${first.map((x) => fmt(x, 0)).join(', ')} ms\n`);
  const t0 = performance.now();
  engine.ranking({ horizonHours: 24 });
  line(`  the same with a 24 h horizon`, `${fmt(seconds(t0), 2)} s`);
  return t;
}

let probe: AssetRecord | null = null;
function probeAsset(engine: CascadeEngine): AssetRecord {
  probe ??= {
    id: 'bench-probe', kind: 'site', orgId: 'bench', name: 'probe', sector: 'energy', subSector: null, siteId: null, region: 'UKI',
    lat: null, lon: null, criticality: 0, essentialService: null, populationServed: 0, systemType: null, function: null, networkZone: null,
  };
  void engine;
  return probe;
}

/** The regional scenario: every asset within 15 km of central Manchester fails; 72 h horizon. */
const REGIONAL = { areas: [{ centre: [53.4808, -2.2426] as [number, number], radiusKm: 15 }], horizonHours: 72 };

async function monteCarlo(engine: CascadeEngine): Promise<number> {
  const det = engine.scenario(REGIONAL);
  const times: number[] = [];
  let last = null as Awaited<ReturnType<CascadeEngine['monteCarlo']>> | null;
  const cpus: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await engine.monteCarlo({ ...REGIONAL, runs: RUNS, seed: 7 });
    times.push(seconds(t0));
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
  }
  const t = median(times);
  const m = last!;
  process.stdout.write(`  CPU time of the process during the runs ${fmt(median(cpus), 1)} s (all threads): ${fmt(median(cpus) / 2, 1)} s on 2 idle cores\n`);
  process.stdout.write(`  regional scenario (15 km around Manchester, 72 h): deterministic ${fmt(det.totals.assetsLost)} assets lost, ` +
    `${fmt(det.totals.peopleAffected)} people; Monte Carlo assets lost median ${fmt(m.assetsLost.median)}, p90 ${fmt(m.assetsLost.p90)}; ` +
    `people median ${fmt(m.peopleAffected.median)}, p90 ${fmt(m.peopleAffected.p90)}\n`);
  line(`Monte Carlo, ${fmt(RUNS)} runs, ${m.workers} workers`, `${fmt(t, 2)} s`, '<= 10 s', t <= 10);
  return t / RUNS;
}

async function peers(engine: CascadeEngine, reg: Register, mine: { scenarioMs: number; rankS: number; mcPerRunS: number }): Promise<void> {
  const missing = pythonMissing(['networkx']);
  if (missing) {
    line('networkx / igraph peers', 'skipped');
    process.stdout.write(`  (${missing})\n`);
    return;
  }
  const file = join(workDir('cascade'), 'peers.json');
  const det = engine.scenario(REGIONAL);
  const initial = det.events.filter((e) => e.cause === 'initial').map((e) => e.assetId);
  // the sample: spread over the register plus the 5 largest cascades; the engine timed on the same
  const sample = [...sampleIds(engine, SAMPLE), ...engine.ranking().top(5).map((r) => r.assetId)];
  const mineTimes: number[] = [];
  for (const id of sample) {
    const t1 = performance.now();
    engine.scenario({ initialFailures: [id] });
    mineTimes.push(performance.now() - t1);
  }
  mine.scenarioMs = mineTimes.reduce((a, b) => a + b, 0) / mineTimes.length;
  const bare = new Propagator(engine.graph(), columnsOf(engine.table));
  const t2 = performance.now();
  for (let r = 0; r < 5; r++) for (const id of sample) bare.run({ initial: [engine.table.slotOf(id)!], horizon: Infinity });
  const bareMs = (performance.now() - t2) / (5 * sample.length);
  await writeOracleInput(file, reg.assets(), reg.dependencies(), [null], {
    sample, spread: SAMPLE, mcInitial: initial, mcRuns: 10, mcHorizon: REGIONAL.horizonHours,
  });
  const script = fileURLToPath(new URL('../../src/cascade/oracle/bench_peers.py', import.meta.url));
  const t0 = performance.now();
  const p = await runPythonJson<Record<string, number>>(script, [file]);
  process.stdout.write(`  (peers ran ${fmt(seconds(t0), 0)} s; networkx load ${fmt(p.nx_load!, 1)} s; sample of ${sample.length} assets: ${SAMPLE} spread + the 5 largest cascades)\n`);
  const ratio = (peer: number | undefined, me: number) => (peer === undefined ? 'n/a' : `${fmt(peer / me, 0)}x`);
  line('  networkx one-asset propagation (mean over the sample)', `${fmt(p.nx_scenario_mean! * 1000, 2)} ms`, `engine propagation alone ${fmt(bareMs, 3)} ms: ${ratio(p.nx_scenario_mean! * 1000, bareMs)}`);
  line('    the engine scenario, explanations included (mean)', `${fmt(mine.scenarioMs, 2)} ms`, `networkx / engine ${ratio(p.nx_scenario_mean! * 1000, mine.scenarioMs)}`);
  line('  networkx ranking, one propagation per asset (extrapolated)', `${fmt(p.nx_rank_extrapolated!, 0)} s`, `engine ${fmt(mine.rankS, 2)} s: ${ratio(p.nx_rank_extrapolated, mine.rankS)}`);
  line('  networkx immediate dominators (+ condensation for a root)', `${fmt(p.nx_dominators! + p.nx_condensation_and_root!, 2)} s`, `engine ranking ${fmt(mine.rankS, 2)} s`);
  line(`  networkx Monte Carlo, ${fmt(RUNS)} runs (extrapolated)`, `${fmt(p.nx_mc_per_run! * RUNS, 0)} s`, `engine ${fmt(mine.mcPerRunS * RUNS, 2)} s: ${ratio(p.nx_mc_per_run! * RUNS, mine.mcPerRunS * RUNS)}`);
  if (p.ig_dominators !== undefined) {
    line('  igraph dominator tree', `${fmt(p.ig_dominators, 2)} s`, `engine ranking ${fmt(mine.rankS, 2)} s`);
    line('  igraph reachability per asset (extrapolated)', `${fmt(p.ig_reach_extrapolated!, 1)} s`, `engine ranking ${fmt(mine.rankS, 2)} s`);
  } else process.stdout.write('  (python3-igraph absent)\n');
}

function scenarios(engine: CascadeEngine, label: string): number {
  const ids = sampleIds(engine, 200);
  engine.scenario({ initialFailures: [ids[0]!] }); // scratch arrays
  const times: number[] = [];
  const chained: number[] = [];
  let lost = 0;
  let maxLost = 0;
  for (const id of ids) {
    const t0 = performance.now();
    const r = engine.scenario({ initialFailures: [id] });
    times.push(performance.now() - t0);
    lost += r.totals.assetsLost;
    maxLost = Math.max(maxLost, r.totals.assetsLost);
  }
  for (const id of ids.slice(0, 50)) {
    const t0 = performance.now();
    engine.scenario({ initialFailures: [id], chains: true });
    chained.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const med = median(times);
  const p90 = sorted[Math.floor(0.9 * sorted.length)]!;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  process.stdout.write(`  ${ids.length} sampled assets: ${fmt(lost / ids.length, 0)} assets lost on average, at most ${fmt(maxLost)}; ` +
    `time median ${fmt(med, 2)} ms, mean ${fmt(mean(times), 2)} ms, max ${fmt(sorted[sorted.length - 1]!, 1)} ms; with chains materialised, mean ${fmt(mean(chained), 2)} ms\n`);
  line(`one-asset scenario, ${label} (90th percentile)`, `${fmt(p90, 2)} ms`, '<= 50 ms', p90 <= 50);
  return med;
}

function memoryNow(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function main(): Promise<void> {
  const probeReg = await register(Math.max(1000, Math.min(MID, 1000)));
  process.stdout.write(`cascade benchmark — registers from the ${probeReg.label}; seed ${SEED}; ${REPEAT} repeat(s)\n`);
  const mine = { scenarioMs: NaN, rankS: NaN, mcPerRunS: NaN };
  if (want('rank') || want('mc') || want('peers')) {
    const { engine, reg } = await load(MID);
    mine.scenarioMs = scenarios(engine, `${fmt(MID)} assets`);
    if (want('rank') || want('peers')) mine.rankS = rank(engine, MID, 5);
    if (want('mc') || want('peers')) mine.mcPerRunS = await monteCarlo(engine);
    if (want('peers')) await peers(engine, reg, mine);
  }
  if (want('scenario') || want('memory') || want('rank')) {
    const before = memoryNow();
    const { engine } = await load(LARGE);
    const bytes = memoryNow() - before;
    engine.scenario({ initialFailures: [engine.table.assetIds[0]!] }); // the scenario scratch, resident from then on
    const inUse = memoryNow() - before;
    const m = engine.memory();
    line(`engine memory, ${fmt(LARGE)} assets (heap + array buffers)`, `${fmt(inUse / 2 ** 20)} MiB`, '<= 1024 MiB', inUse <= 2 ** 30);
    process.stdout.write(`  ${fmt(bytes / 2 ** 20)} MiB loaded, before any query; of which columns ${fmt(m.columnBytes / 2 ** 20)} MiB, ` +
      `compiled indexes ${fmt(m.graphBytes / 2 ** 20)} MiB, the rest ids and maps; a ranking needs more while it runs\n`);
    const t0 = performance.now();
    engine.upsertDependency({
      id: 'bench-probe-dep', dependentId: engine.table.assetIds[1]!, providerId: engine.table.assetIds[0]!, type: 'physical', service: 'power',
      timeToImpactHours: 0, backupKind: 'none', backupHours: 0, backupHoursLow: null, backupHoursHigh: null, shareLost: 0.1,
      recoveryHours: 0, alternateGroup: null, failureProbability: 1,
    });
    engine.scenario({ initialFailures: [engine.table.assetIds[0]!] });
    line('  a change, then the next query (lazy rebuild of the indexes)', `${fmt(seconds(t0) * 1000)} ms`);
    if (want('scenario')) scenarios(engine, `${fmt(LARGE)} assets`);
    if (want('rank')) rank(engine, LARGE, 60);
  }
  process.stdout.write(`load: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  writeFileSync(join(workDir('cascade'), 'last-run.txt'), new Date().toISOString());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
