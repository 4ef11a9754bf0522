/**
 * National criticality ranking and single points of failure, from the kill sets (kill-sets.ts).
 *
 * - Ranking: for every asset u, the consequence of losing u alone — assets lost (u included) and
 *   people affected (Σ populationServed of the assets lost) — at the horizon (none by default:
 *   sustained loss). count(u) = Σ_{x : u ∈ extra(x)} chainCount(x), where chainCount(x) is the number
 *   of assets whose base chain passes through x; people likewise.
 * - Single points of failure: the pairs (u, v) where v has criticality ≥ 3 (configurable), u ≠ v, and
 *   losing u alone loses a need of v (full or partial) by the horizon; reported with the need's
 *   services and loss time.
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
  assetsLost: number;
  peopleAffected: number;
}

export interface SpofDependent {
  assetId: string;
  criticality: number;
  /** Services of the need lost (several for an alternate group of mixed services). */
  services: string[];
  /** When the need is lost after u alone fails (0 without a horizon). */
  lostAtHours: number;
  /** True when the need is a full need (v fails), false when it only degrades v. */
  fails: boolean;
}

export interface SinglePointOfFailure {
  assetId: string;
  dependents: SpofDependent[];
}

export class NationalRanking {
  /** Per asset slot (0 for slots that are not registered assets). */
  readonly assetsLost: Int32Array;
  readonly peopleAffected: Float64Array;
  /** Pairs (u = spofAsset[i], v = spofDependent[i], need = spofNeed[i]), grouped by u. */
  readonly spofAsset: Int32Array;
  readonly spofDependent: Int32Array;
  readonly spofNeed: Int32Array;
  readonly spofTime: Float64Array;
  private sorted: Int32Array | null = null;

  constructor(
    private readonly t: RegisterTable,
    private readonly g: CompiledGraph,
    readonly horizonHours: number | null,
    readonly stats: { components: number; largestComponent: number; iterations: number; storedElements: number; totalKillSetSize: number; millis: number },
    assetsLost: Int32Array, peopleAffected: Float64Array,
    spof: { u: Int32Array; v: Int32Array; need: Int32Array; time: Float64Array },
  ) {
    this.assetsLost = assetsLost;
    this.peopleAffected = peopleAffected;
    this.spofAsset = spof.u;
    this.spofDependent = spof.v;
    this.spofNeed = spof.need;
    this.spofTime = spof.time;
  }

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
    return { assetId: this.t.assetIds[v]!, assetsLost: this.assetsLost[v]!, peopleAffected: this.peopleAffected[v]! };
  }

  get spofPairs(): number {
    return this.spofAsset.length;
  }

  /** Single points of failure, those with the most critical dependents first (limit: how many assets). */
  singlePointsOfFailure(limit = Infinity): SinglePointOfFailure[] {
    const { t, g } = this;
    const groups: Array<[number, number, number]> = []; // [u, start, end]
    for (let i = 0; i < this.spofAsset.length; ) {
      const u = this.spofAsset[i]!;
      let j = i;
      while (j < this.spofAsset.length && this.spofAsset[j] === u) j++;
      groups.push([u, i, j]);
      i = j;
    }
    groups.sort((x, y) => y[2] - y[1] - (x[2] - x[1]) || (t.assetIds[x[0]]! < t.assetIds[y[0]]! ? -1 : 1));
    return groups.slice(0, Math.min(limit, groups.length)).map(([u, s, e]) => {
      const dependents: SpofDependent[] = [];
      for (let i = s; i < e; i++) {
        const v = this.spofDependent[i]!;
        const n = this.spofNeed[i]!;
        const services = new Set<string>();
        for (let k = g.memberStart[n]!; k < g.memberStart[n + 1]!; k++) services.add(serviceName(t.service[g.memberDep[k]!]!));
        dependents.push({ assetId: t.assetIds[v]!, criticality: t.criticality[v]!, services: [...services], lostAtHours: this.spofTime[i]!, fails: g.needShare[n]! >= 1 });
      }
      return { assetId: t.assetIds[u]!, dependents };
    });
  }
}

export function computeRanking(t: RegisterTable, g: CompiledGraph, o: RankingOptions = {}): NationalRanking {
  const t0 = performance.now();
  const horizon = o.horizonHours === undefined || o.horizonHours === null ? Infinity : Math.max(0, o.horizonHours);
  const ks: KillSets = computeKillSets(t, g, horizon);
  const n = g.n;
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

  // single points of failure: every need of every asset of criticality ≥ threshold
  const threshold = o.spofCriticality ?? 3;
  let su: number[] = [];
  let sv: number[] = [];
  let sn: number[] = [];
  let st: number[] = [];
  for (let v = 0; v < n; v++) {
    if (alive[v] !== 1 || t.criticality[v]! < threshold) continue;
    for (let gi = g.needStart[v]!; gi < g.needStart[v + 1]!; gi++) {
      ks.needLostBy(gi, (u, time) => {
        if (u === v) return;
        su.push(u); sv.push(v); sn.push(gi); st.push(time);
      });
    }
  }
  // group by u (stable counting sort)
  const cnt = new Int32Array(n + 1);
  for (const u of su) cnt[u + 1]!++;
  for (let i = 0; i < n; i++) cnt[i + 1]! += cnt[i]!;
  const m = su.length;
  const spof = { u: new Int32Array(m), v: new Int32Array(m), need: new Int32Array(m), time: new Float64Array(m) };
  for (let i = 0; i < m; i++) {
    const k = cnt[su[i]!]!++;
    spof.u[k] = su[i]!; spof.v[k] = sv[i]!; spof.need[k] = sn[i]!; spof.time[k] = st[i]!;
  }
  su = sv = sn = st = [];
  return new NationalRanking(t, g, Number.isFinite(horizon) ? horizon : null, {
    components: ks.components, largestComponent: ks.largestComponent, iterations: ks.iterations,
    storedElements: ks.pool.length, totalKillSetSize, millis: performance.now() - t0,
  }, assetsLost, peopleAffected, spof);
}
