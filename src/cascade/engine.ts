/**
 * The cascade engine (issue 3): a pure in-memory model of the register's dependency graph that
 * answers "if this fails, what else fails, when, and who loses which service?".
 *
 * Semantics (docs/decisions/0004-cascade-semantics.md):
 *  - A need of asset v is one alternate group of its dependencies (lost when all members are lost)
 *    or one ungrouped dependency; its share is the largest member shareLost.
 *  - Dependency w→v is lost at t(w) + timeToImpactHours + backupHours; a need at the latest of its
 *    members; v fails at the earliest loss of a need of share 1. Needs of share < 1 only degrade v
 *    (remaining function 1 − min(1, Σ lost shares)) and a degraded asset does not propagate.
 *  - Initial failures at t = 0; only events at t ≤ horizon count (no horizon: sustained loss).
 *  - Cycles are normal; times are the least fixpoint (Dijkstra-like, delays ≥ 0).
 *
 * Kept current: upsert/remove change the engine's columns (RegisterTable) at once; the compiled
 * indexes (CSR, needs) are rebuilt lazily on the next query (O(assets + dependencies), timed by the
 * benchmark), and cached rankings are dropped.
 */
import type { AssetRecord, DependencyRecord } from '../register/model.js';
import { columnsOf, compileGraph, graphBytes, type CompiledGraph } from './graph.js';
import { runMonteCarlo, type MonteCarloInput, type MonteCarloResult } from './monte-carlo.js';
import { Propagator } from './propagate.js';
import { computeRanking, type NationalRanking, type RankingOptions, type SpofDetail } from './ranking.js';
import { resolveScenario, runScenario, type CascadeResult, type ScenarioInput } from './scenario.js';
import { RegisterTable } from './table.js';

export class CascadeEngine {
  readonly table = new RegisterTable();
  private compiled: CompiledGraph | null = null;
  private propagator: Propagator | null = null;
  private rankings = new Map<string, NationalRanking>();
  /** Milliseconds the last rebuild of the compiled indexes took. */
  lastRebuildMillis = 0;

  constructor(assets: Iterable<AssetRecord> = [], dependencies: Iterable<DependencyRecord> = []) {
    for (const a of assets) this.table.upsertAsset(a);
    for (const d of dependencies) this.table.upsertDependency(d);
  }

  upsertAsset(a: AssetRecord): void {
    this.table.upsertAsset(a);
  }
  /** False when no such asset. Its dependencies are kept and apply again if it comes back. */
  removeAsset(id: string): boolean {
    return this.table.removeAsset(id);
  }
  upsertDependency(d: DependencyRecord): void {
    this.table.upsertDependency(d);
  }
  removeDependency(id: string): boolean {
    return this.table.removeDependency(id);
  }

  get assetCount(): number {
    return this.table.assetLive;
  }
  get dependencyCount(): number {
    return this.table.depLive;
  }

  /** The compiled indexes, rebuilt when the register changed since the last query. */
  graph(): CompiledGraph {
    if (this.compiled === null || this.compiled.version !== this.table.version) {
      const t0 = performance.now();
      this.compiled = compileGraph(this.table);
      this.propagator = null;
      this.rankings.clear();
      this.lastRebuildMillis = performance.now() - t0;
    }
    return this.compiled;
  }

  /** A deterministic scenario: the time-ordered cascade with its explanations. */
  scenario(input: ScenarioInput): CascadeResult {
    const g = this.graph();
    if (this.propagator === null) this.propagator = new Propagator(g, columnsOf(this.table));
    const r = resolveScenario(this.table, g, input);
    return runScenario(this.table, g, this.propagator, r, input.chains ?? false);
  }

  /** Monte Carlo over per-dependency failure probabilities and uncertain backups, on worker threads. */
  monteCarlo(input: MonteCarloInput): Promise<MonteCarloResult> {
    const g = this.graph();
    const r = resolveScenario(this.table, g, input);
    return runMonteCarlo(this.table, g, r, input);
  }

  /** The national ranking (cached until the register changes). */
  ranking(options: RankingOptions = {}): NationalRanking {
    const g = this.graph();
    const key = `${options.horizonHours ?? 'none'}|${options.spofCriticality ?? 3}`;
    let r = this.rankings.get(key);
    if (!r) this.rankings.set(key, (r = computeRanking(this.table, g, options, this.spofDetail(g))));
    return r;
  }

  /** What one asset alone cuts among the critical assets: a propagation from it, over this graph. */
  private spofDetail(g: CompiledGraph): SpofDetail {
    const t = this.table;
    let p: Propagator | null = null;
    return (u, horizon, threshold) => {
      p ??= new Propagator(g, columnsOf(t));
      p.run({ initial: [u], horizon });
      const out: Array<{ v: number; need: number; time: number }> = [];
      for (let i = 0; i < p.lostNeedsLength; i++) {
        const need = p.lostNeeds[i]!;
        const v = g.needOwner[need]!;
        if (v !== u && t.criticality[v]! >= threshold) out.push({ v, need, time: p.needTime(need) });
      }
      return out;
    };
  }

  /** Bytes in typed arrays (columns and compiled indexes); ids and maps are extra (see benchmark). */
  memory(): { columnBytes: number; graphBytes: number } {
    return { columnBytes: this.table.columnBytes(), graphBytes: this.compiled ? graphBytes(this.compiled) : 0 };
  }
}
