/**
 * National criticality ranking and single points of failure, from the kill sets (kill-sets.ts).
 *
 * - Ranking: for every asset u, the consequence of losing u alone — assets lost (u included) and
 *   people affected (Σ populationServed of the assets lost) — at the horizon (none by default:
 *   sustained loss). count(u) = Σ_{x : u ∈ extra(x)} chainCount(x), where chainCount(x) is the number
 *   of assets whose base chain passes through x; people likewise.
 * - Single points of failure: u is one when, for some asset v ≠ u of criticality ≥ 3 (configurable),
 *   losing u alone loses a need of v (full or partial) by the horizon. For every asset at once the
 *   ranking counts the needs each cuts (a one-member zero-delay need on w cuts exactly for the assets
 *   of K(w): w is weighed and the weights spread down the base chains like the counts; other needs
 *   are enumerated as intersections); which assets and services a given u cuts is listed on demand
 *   by one propagation from u (the full list over all assets can run to hundreds of millions of
 *   pairs on a national register, so it is not materialised).
 */
import type { CompiledGraph } from './graph.js';
import { computeKillSets, type KillSets } from './kill-sets.js';
import { serviceName, type RegisterTable } from './table.js';

export interface RankingOptions {
  /** Hours; default none (sustained loss: every finite backup runs out). */
  horizonHours?: number | null;
  /** Dependents at or above this criticality make single points of failure (default 3). */
  spofCriticality?: number;
}

export interface RankEntry {
  assetId: string;
  /** Assets lost when this asset alone is lost (itself included). */
  assetsLost: number;
  /** Σ populationServed of those assets. */
  peopleAffected: number;
  /** Needs of assets of criticality ≥ threshold that its loss alone cuts (> 0: a single point of failure). */
  criticalNeedsCut: number;
}

export interface SpofDependent {
  assetId: string;
  criticality: number;
  /** Services of the need lost (several for an alternate group of mixed services). */
  services: string[];
  /** The need's dependencies (one, or the alternates of a group). */
  dependencyIds: string[];
  /** When the need is lost after u alone fails (0 without a horizon). */
  lostAtHours: number;
  /** True when the need is a full need (v fails), false when it only degrades v. */
  fails: boolean;
}

export interface SinglePointOfFailure {
  assetId: string;
  criticalNeedsCut: number;
  /** Critical assets (other than itself) one of whose needs its loss alone cuts; one entry per need. */
  dependents: SpofDependent[];
}

export class NationalRanking {
  private sorted: Int32Array | null = null;
  private spofSorted: Int32Array | null = null;

  constructor(
    private readonly t: RegisterTable,
    private readonly g: CompiledGraph,
    readonly horizonHours: number | null,
    readonly stats: RankingStats,
    /** Per asset slot (0 for slots that are not registered assets). */
    readonly assetsLost: Int32Array,
    readonly peopleAffected: Float64Array,
    /** Per asset slot: how many needs of assets at or above the threshold its loss alone cuts. */
    readonly spofNeeds: Float64Array,
    readonly spofCriticality: number,
    private readonly detail: SpofDetail,
  ) {}

  /** Registered assets ordered by people affected, then assets lost (descending), then id. */
  order(): Int32Array {
    if (this.sorted) return this.sorted;
    const { t } = this;
    const slots: number[] = [];
    for (let v = 0; v < t.assetCount; v++) if (t.assetAlive[v] === 1) slots.push(v);
    const p = this.peopleAffected;
    const a = this.assetsLost;
    const ids = t.assetIds;
    slots.sort((x, y) => p[y]! - p[x]! || a[y]! - a[x]! || (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0));
    return (this.sorted = Int32Array.from(slots));
  }

  top(k: number): RankEntry[] {
    const o = this.order();
    const out: RankEntry[] = [];
    for (let i = 0; i < Math.min(k, o.length); i++) out.push(this.entryOfSlot(o[i]!));
    return out;
  }

  entry(assetId: string): RankEntry | undefined {
    const v = this.t.slotOf(assetId);
    return v !== undefined && this.t.isAsset(v) ? this.entryOfSlot(v) : undefined;
  }

  private entryOfSlot(v: number): RankEntry {
    return { assetId: this.t.assetIds[v]!, assetsLost: this.assetsLost[v]!, peopleAffected: this.peopleAffected[v]!, criticalNeedsCut: this.spofNeeds[v]! };
  }

  /** Number of single points of failure (assets cutting at least one need of a critical asset). */
  get spofCount(): number {
    return this.spofOrder().length;
  }

  /** Single points of failure by number of critical needs cut (descending), then id. */
  spofOrder(): Int32Array {
    if (this.spofSorted) return this.spofSorted;
    const slots: number[] = [];
    const c = this.spofNeeds;
    for (let v = 0; v < c.length; v++) if (c[v]! > 0 && this.t.assetAlive[v] === 1) slots.push(v);
    const ids = this.t.assetIds;
    slots.sort((x, y) => c[y]! - c[x]! || (ids[x]! < ids[y]! ? -1 : 1));
    return (this.spofSorted = Int32Array.from(slots));
  }

  /** The first `limit` single points of failure with what each cuts (computed on demand, by propagation from each). */
  singlePointsOfFailure(limit = 20): SinglePointOfFailure[] {
    const o = this.spofOrder();
    const out: SinglePointOfFailure[] = [];
    for (let i = 0; i < Math.min(limit, o.length); i++) out.push(this.spofOfSlot(o[i]!));
    return out;
  }

  /** What one asset's loss alone cuts among the critical assets (empty when nothing). */
  singlePointOfFailure(assetId: string): SinglePointOfFailure | undefined {
    const v = this.t.slotOf(assetId);
    return v !== undefined && this.t.isAsset(v) ? this.spofOfSlot(v) : undefined;
  }

  private spofOfSlot(u: number): SinglePointOfFailure {
    const { t, g } = this;
    const dependents = this.detail(u, this.horizonHours ?? Infinity, this.spofCriticality).map(({ v, need, time }) => {
      const services = new Set<string>();
      const dependencyIds: string[] = [];
      for (let k = g.memberStart[need]!; k < g.memberStart[need + 1]!; k++) {
        services.add(serviceName(t.service[g.memberDep[k]!]!));
        dependencyIds.push(t.depIds[g.memberDep[k]!]!);
      }
      return { assetId: t.assetIds[v]!, criticality: t.criticality[v]!, services: [...services], dependencyIds, lostAtHours: time, fails: g.needShare[need]! >= 1 };
    });
    dependents.sort((a, b) => b.criticality - a.criticality || (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
    return { assetId: t.assetIds[u]!, criticalNeedsCut: dependents.length, dependents };
  }
}

export interface RankingStats {
  /** Components of the condensed graph, the largest, AND cycles condensed, set computations. */
  components: number;
  largestComponent: number;
  andCycles: number;
  iterations: number;
  /** Elements stored (Σ extras) against Σ |K(v)| they represent. */
  storedElements: number;
  totalKillSetSize: number;
  /** Σ over single points of failure of the critical needs each cuts. */
  spofPairs: number;
  millis: number;
}

/** Lists what u alone cuts: (dependent, need, loss time) for the dependents at or above a criticality (by propagation). */
export type SpofDetail = (u: number, horizon: number, threshold: number) => Array<{ v: number; need: number; time: number }>;

export function computeRanking(t: RegisterTable, g: CompiledGraph, o: RankingOptions, detail: SpofDetail): NationalRanking {
  const t0 = performance.now();
  const horizon = o.horizonHours === undefined || o.horizonHours === null ? Infinity : Math.max(0, o.horizonHours);
  const n = g.n;
  const threshold = o.spofCriticality ?? 3;
  const timed = Number.isFinite(horizon);
  const spofNeeds = new Float64Array(n);
  const byWeight = (gi: number) => {
    if (g.memberStart[gi + 1]! - g.memberStart[gi]! !== 1) return false;
    const e = g.memberDep[g.memberStart[gi]!]!;
    return !timed || t.tti[e]! + t.backup[e]! === 0;
  };
  const ks: KillSets = computeKillSets(t, g, horizon, { threshold, spofNeeds, byWeight });
  const alive = t.assetAlive;
  // chain counts: assets whose base chain passes through x (bases come first in ks.order)
  const chainCount = new Int32Array(n);
  const chainPeople = new Float64Array(n);
  for (let v = 0; v < n; v++) if (alive[v] === 1) { chainCount[v] = 1; chainPeople[v] = t.population[v]!; }
  for (let i = ks.order.length - 1; i >= 0; i--) {
    const v = ks.order[i]!;
    const b = ks.base[v]!;
    if (b >= 0) { chainCount[b]! += chainCount[v]!; chainPeople[b]! += chainPeople[v]!; }
  }
  const assetsLost = new Int32Array(n);
  const peopleAffected = new Float64Array(n);
  let totalKillSetSize = 0;
  for (let x = 0; x < n; x++) {
    if (alive[x] !== 1) continue;
    totalKillSetSize += ks.size[x]!;
    const c = chainCount[x]!;
    const p = chainPeople[x]!;
    for (let i = ks.extraStart[x]!, end = i + ks.extraLen[x]!; i < end; i++) {
      const u = ks.pool[i]!;
      assetsLost[u]! += c;
      peopleAffected[u]! += p;
    }
  }

  // single points of failure, counted: spofNeeds(u) = #{(v, need g of v) : crit(v) ≥ threshold, v ≠ u, u ∈ I(g)}.
  // A one-member need on w with zero delay has I(g) = K(w): weigh w and spread the weights down the
  // base chains like the counts above; other needs (alternates, delays under a horizon) are enumerated.
  const weight = new Float64Array(n);
  let spofPairs = 0;
  for (let v = 0; v < n; v++) {
    if (alive[v] !== 1 || t.criticality[v]! < threshold) continue;
    for (let gi = g.needStart[v]!; gi < g.needStart[v + 1]!; gi++) {
      if (byWeight(gi)) {
        const w = t.provider[g.memberDep[g.memberStart[gi]!]!]!;
        weight[w]!++;
        if (ks.contains(w, v)) spofNeeds[v]!--; // v's own loss is not a single point of failure of v
        continue;
      }
      if (ks.countedInUnion(v, gi)) continue;
      ks.needLostBy(gi, (u) => {
        if (u !== v) spofNeeds[u]!++;
      });
    }
  }
  const chainWeight = weight;
  for (let i = ks.order.length - 1; i >= 0; i--) {
    const v = ks.order[i]!;
    const b = ks.base[v]!;
    if (b >= 0) chainWeight[b]! += chainWeight[v]!;
  }
  for (let x = 0; x < n; x++) {
    const w = chainWeight[x]!;
    if (alive[x] !== 1 || w === 0) continue;
    for (let i = ks.extraStart[x]!, end = i + ks.extraLen[x]!; i < end; i++) spofNeeds[ks.pool[i]!]! += w;
  }
  for (let u = 0; u < n; u++) spofPairs += spofNeeds[u]!;
  return new NationalRanking(t, g, Number.isFinite(horizon) ? horizon : null, {
    components: ks.components, largestComponent: ks.largestComponent, andCycles: ks.andCycles, iterations: ks.iterations,
    storedElements: ks.pool.length, totalKillSetSize, spofPairs, millis: performance.now() - t0,
  }, assetsLost, peopleAffected, spofNeeds, threshold, detail);
}
