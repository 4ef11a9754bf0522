/**
 * Monte Carlo scenarios: N runs of the propagation where each dependency propagates with its
 * failureProbability and uncertain backups last a triangular draw (backupHoursLow, backupHours,
 * backupHoursHigh). Run r uses the seed runSeed(seed, r) and counter-based draws (rng.ts), so the
 * result depends only on (register, scenario, seed, N) — not on the number of workers.
 *
 * Runs are split in contiguous ranges over worker threads (one per core by default); the workers
 * read the compiled graph and the table's columns in place (SharedArrayBuffers), and send back per
 * run the assets lost and people affected, and per asset how many runs failed it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { columnsOf, ensureMonteCarloColumns, type CompiledGraph, type GraphColumns } from './graph.js';
import type { ResolvedScenario, ScenarioInput } from './scenario.js';
import type { RegisterTable } from './table.js';

export interface MonteCarloInput extends ScenarioInput {
  runs: number;
  /** Default 1. */
  seed?: number;
  /** How many assets to list by failure frequency (default 20). */
  topK?: number;
  /** Worker threads (default: one per core). */
  workers?: number;
}

export interface Distribution {
  mean: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export interface MonteCarloResult {
  runs: number;
  seed: number;
  horizonHours: number | null;
  assetsLost: Distribution;
  peopleAffected: Distribution;
  /** Assets failing most often: fraction of runs in which each failed. */
  mostFrequent: Array<{ assetId: string; frequency: number }>;
  workers: number;
  millis: number;
}

export interface WorkerTask {
  graph: CompiledGraph;
  columns: GraphColumns;
  initial: Int32Array;
  forced: Int32Array;
  horizon: number;
  seed: number;
  from: number;
  to: number;
}

export interface WorkerReply {
  assetsLost: Int32Array;
  people: Float64Array;
  frequency: Int32Array;
}

/** mean, median (middle or mean of the two middles), nearest-rank 90th percentile, min, max. */
export function distribution(xs: ArrayLike<number>): Distribution {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  if (n === 0) return { mean: 0, median: 0, p90: 0, min: 0, max: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i]!;
  const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { mean: sum / n, median, p90: s[Math.max(0, Math.ceil(0.9 * n) - 1)]!, min: s[0]!, max: s[n - 1]! };
}

export async function runMonteCarlo(t: RegisterTable, g: CompiledGraph, r: ResolvedScenario, o: MonteCarloInput): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const runs = Math.max(0, Math.floor(o.runs));
  const seed = (o.seed ?? 1) >>> 0;
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), Math.max(1, runs)));
  const columns = columnsOf(t);
  ensureMonteCarloColumns(g, t);
  const tasks: Promise<WorkerReply>[] = [];
  for (let w = 0; w < workers; w++) {
    const from = Math.floor((runs * w) / workers);
    const to = Math.floor((runs * (w + 1)) / workers);
    const task: WorkerTask = { graph: g, columns, initial: r.initial, forced: r.forced, horizon: r.horizon, seed, from, to };
    tasks.push(
      new Promise<WorkerReply>((resolve, reject) => {
        const worker = new Worker(new URL('./mc-worker.js', import.meta.url), { workerData: task });
        worker.once('message', (m: WorkerReply) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`Monte Carlo worker exited with ${code}`));
        });
      }),
    );
  }
  const replies = await Promise.all(tasks);
  const lost = new Float64Array(runs);
  const people = new Float64Array(runs);
  const freq = new Int32Array(g.n);
  let k = 0;
  for (const rep of replies) {
    for (let i = 0; i < rep.assetsLost.length; i++, k++) {
      lost[k] = rep.assetsLost[i]!;
      people[k] = rep.people[i]!;
    }
    for (let v = 0; v < g.n; v++) freq[v]! += rep.frequency[v]!;
  }
  const topK = o.topK ?? 20;
  const candidates: number[] = [];
  for (let v = 0; v < g.n; v++) if (freq[v]! > 0) candidates.push(v);
  candidates.sort((a, b) => freq[b]! - freq[a]! || (t.assetIds[a]! < t.assetIds[b]! ? -1 : 1));
  return {
    runs,
    seed,
    horizonHours: Number.isFinite(r.horizon) ? r.horizon : null,
    assetsLost: distribution(lost),
    peopleAffected: distribution(people),
    mostFrequent: candidates.slice(0, topK).map((v) => ({ assetId: t.assetIds[v]!, frequency: runs > 0 ? freq[v]! / runs : 0 })),
    workers,
    millis: performance.now() - t0,
  };
}

/** The work of one worker (also callable in-thread). */
export function runRange(task: WorkerTask, runSeedOf: (seed: number, run: number) => number, make: (g: CompiledGraph, c: GraphColumns) => {
  run(o: { initial: Int32Array; forced: Int32Array; horizon: number; seedOfRun: number }): void;
  order: Int32Array;
  orderLength: number;
}): WorkerReply {
  const p = make(task.graph, task.columns);
  const count = task.to - task.from;
  const assetsLost = new Int32Array(count);
  const people = new Float64Array(count);
  const frequency = new Int32Array(task.graph.n);
  const pop = task.columns.population;
  for (let r = task.from; r < task.to; r++) {
    p.run({ initial: task.initial, forced: task.forced, horizon: task.horizon, seedOfRun: runSeedOf(task.seed, r) });
    let s = 0;
    const order = p.order;
    for (let i = 0; i < p.orderLength; i++) {
      const v = order[i]!;
      s += pop[v]!;
      frequency[v]!++;
    }
    assetsLost[r - task.from] = p.orderLength;
    people[r - task.from] = s;
  }
  return { assetsLost, people, frequency };
}
