/**
 * Deterministic scenarios: resolve the scenario's initial failures (asset ids, areas, services lost
 * in a region) to indices, run the propagation, and explain the result: the time-ordered assets
 * losing function with the need that failed each, its providers and backups, and the chain back to
 * an initial failure; degraded assets; people and essential services affected over time.
 */
import type { RegionCode, Service } from '../register/model.js';
import { areaTest, type Area } from './geo.js';
import type { CompiledGraph } from './graph.js';
import type { Propagator } from './propagate.js';
import { REGION_INDEX, SERVICE_INDEX, backupKindName, sectorName, serviceName, type RegisterTable } from './table.js';

export interface ServiceLoss {
  service: Service;
  region: RegionCode;
}

export interface ScenarioInput {
  /** Asset ids failing at t = 0 (unknown ids are reported in `unknownAssets`). */
  initialFailures?: string[];
  /** Every asset with a location inside any of these fails at t = 0. */
  areas?: Area[];
  /** Every dependency carrying `service` whose dependent is in `region` has its supply cut at t = 0 (lost at tti + backup: backups still run). */
  servicesLost?: ServiceLoss[];
  /** Only events at t ≤ horizon count; default: none (sustained loss). */
  horizonHours?: number;
  /**
   * Materialise each event's chain back to an initial failure (default false: each event links to
   * its cause event, which is the same chain in O(1) space per event; long cascades × deep chains
   * would otherwise cost O(events × depth)).
   */
  chains?: boolean;
}

export interface ProviderLoss {
  dependencyId: string;
  providerId: string;
  service: string;
  /** When the provider failed; null when the service was lost in the region (supply cut at 0). */
  providerFailedAt: number | null;
  timeToImpactHours: number;
  backupKind: string;
  backupHours: number;
  /** When the backup ran out (= lostAt), null when there was no backup. */
  backupRanOutAt: number | null;
  /** When this dependency was lost. */
  lostAt: number;
}

export interface ChainLink {
  assetId: string;
  timeHours: number;
  /** The dependency whose loss failed this link's asset (from the next link's asset, or forced); absent on an initial failure. */
  viaDependencyId?: string;
  service?: string;
}

export interface CascadeEvent {
  timeHours: number;
  assetId: string;
  /** initial: listed or in an area; need: a full need was lost. */
  cause: 'initial' | 'need';
  /** The need that failed it: services, and every member (alternates) with its loss. */
  need?: { services: string[]; providers: ProviderLoss[] };
  /**
   * Index in `events` of the event of the provider whose loss came last (the one that set this
   * asset's failure time); null for initial failures and losses forced by a regional service loss.
   * Following it repeatedly is the chain back to an initial failure (always to an earlier event).
   */
  causeEvent: number | null;
  /** The same chain materialised (when the scenario asks for chains): this asset first. */
  chain?: ChainLink[];
  /** Set when the event (with chains: its chain) ends at a service lost in a region. */
  rootServiceLoss?: ServiceLoss;
}

export interface DegradedAsset {
  assetId: string;
  /** 1 − min(1, Σ shares of its lost partial needs), at the horizon. */
  remainingFunction: number;
  lostNeeds: Array<{ timeHours: number; services: string[]; share: number; dependencyIds: string[] }>;
}

export interface ImpactPoint {
  timeHours: number;
  /** Cumulative, at this time. */
  assetsLost: number;
  peopleAffected: number;
}

export interface SeriesPoint {
  timeHours: number;
  peopleAffected: number;
}

export interface CascadeResult {
  horizonHours: number | null;
  unknownAssets: string[];
  events: CascadeEvent[];
  degraded: DegradedAsset[];
  impact: ImpactPoint[];
  byEssentialService: Array<{ essentialService: string; points: SeriesPoint[] }>;
  bySector: Array<{ sector: string; points: SeriesPoint[] }>;
  totals: { assetsLost: number; peopleAffected: number; degraded: number };
}

export interface ResolvedScenario {
  initial: Int32Array;
  forced: Int32Array;
  horizon: number;
  unknown: string[];
}

/** Resolves ids, areas and regional service losses to asset indices and dependency slots. */
export function resolveScenario(t: RegisterTable, g: CompiledGraph, s: ScenarioInput): ResolvedScenario {
  const initial: number[] = [];
  const unknown: string[] = [];
  for (const id of s.initialFailures ?? []) {
    const v = t.slotOf(id);
    if (v === undefined || !t.isAsset(v)) unknown.push(id);
    else initial.push(v);
  }
  for (const area of s.areas ?? []) {
    const inside = areaTest(area);
    const { lat, lon, assetAlive } = t;
    for (let v = 0; v < t.assetCount; v++) {
      const la = lat[v]!;
      if (assetAlive[v] === 1 && la === la && inside(la, lon[v]!)) initial.push(v);
    }
  }
  const forced: number[] = [];
  if (s.servicesLost && s.servicesLost.length > 0) {
    const wanted = s.servicesLost.map((l) => [SERVICE_INDEX.get(l.service) ?? -2, REGION_INDEX.get(l.region) ?? -2] as const);
    const { service, dependent, region } = t;
    for (let e = 0; e < t.depCount; e++) {
      if (g.depNeed[e]! < 0) continue;
      const sv = service[e]!;
      const rg = region[dependent[e]!]!;
      for (const [ws, wr] of wanted) if (sv === ws && rg === wr) { forced.push(e); break; }
    }
  }
  const h = s.horizonHours;
  return { initial: Int32Array.from(initial), forced: Int32Array.from(forced), horizon: h === undefined || h === null ? Infinity : Math.max(0, h), unknown };
}

/** Runs a resolved scenario and explains it. */
export function runScenario(t: RegisterTable, g: CompiledGraph, p: Propagator, r: ResolvedScenario, chains = false): CascadeResult {
  p.run({ initial: r.initial, forced: r.forced, horizon: r.horizon });
  const members = (n: number): number[] => {
    const out: number[] = [];
    for (let i = g.memberStart[n]!; i < g.memberStart[n + 1]!; i++) out.push(g.memberDep[i]!);
    return out;
  };
  const servicesOf = (ms: number[]) => [...new Set(ms.map((e) => serviceName(t.service[e]!)))];
  const forcedLoss = (e: number): ServiceLoss => ({ service: serviceName(t.service[e]!) as Service, region: regionCodeOf(t, t.dependent[e]!) });

  const events: CascadeEvent[] = [];
  const k = p.orderLength;
  const causeDep = new Int32Array(k).fill(-1); // by settle index: the member lost last
  const causeProvider = new Int32Array(k).fill(-1); // its provider's slot (−1: forced or initial)
  const impact: ImpactPoint[] = [];
  const byEss = new Map<string, SeriesPoint[]>();
  const bySec = new Map<string, SeriesPoint[]>();
  const essTotal = new Map<string, number>();
  const secTotal = new Map<string, number>();
  let people = 0;
  const addPoint = (series: Map<string, SeriesPoint[]>, totals: Map<string, number>, key: string, time: number, pop: number) => {
    const total = (totals.get(key) ?? 0) + pop;
    totals.set(key, total);
    let pts = series.get(key);
    if (!pts) series.set(key, (pts = []));
    const last = pts[pts.length - 1];
    if (last && last.timeHours === time) last.peopleAffected = total;
    else pts.push({ timeHours: time, peopleAffected: total });
  };
  for (let i = 0; i < k; i++) {
    const v = p.order[i]!;
    const time = p.timeOf(v);
    const n = p.failedBy(v);
    const ev: CascadeEvent = { timeHours: time, assetId: t.assetIds[v]!, cause: n < 0 ? 'initial' : 'need', causeEvent: null };
    if (n >= 0) {
      const ms = members(n);
      const providers: ProviderLoss[] = [];
      let crit = -1;
      let critAt = -Infinity;
      for (const e of ms) {
        const forced = p.isForced(e);
        const w = t.provider[e]!;
        const lostAt = (forced ? 0 : p.timeOf(w)) + t.tti[e]! + t.backup[e]!;
        if (lostAt > critAt) { critAt = lostAt; crit = e; }
        const backupHours = t.backup[e]!;
        providers.push({
          dependencyId: t.depIds[e]!,
          providerId: t.assetIds[w]!,
          service: serviceName(t.service[e]!),
          providerFailedAt: forced ? null : p.timeOf(w),
          timeToImpactHours: t.tti[e]!,
          backupKind: backupKindName(t.backupKind[e]!),
          backupHours,
          backupRanOutAt: backupHours > 0 ? lostAt : null,
          lostAt,
        });
      }
      ev.need = { services: ms.length === 1 ? [providers[0]!.service] : servicesOf(ms), providers };
      causeDep[i] = crit;
      if (p.isForced(crit)) ev.rootServiceLoss = forcedLoss(crit);
      else causeProvider[i] = t.provider[crit]!;
    }
    events.push(ev);
    const pop = t.population[v]!;
    people += pop;
    const last = impact[impact.length - 1];
    if (last && last.timeHours === time) { last.assetsLost++; last.peopleAffected = people; }
    else impact.push({ timeHours: time, assetsLost: (last?.assetsLost ?? 0) + 1, peopleAffected: people });
    const es = t.essential[v]!;
    if (es >= 0) addPoint(byEss, essTotal, t.essentialServices.values[es]!, time, pop);
    const sec = sectorName(t.sector[v]!);
    if (sec !== null) addPoint(bySec, secTotal, sec, time, pop);
  }

  // time order; ties by asset id (independent of registration order)
  const perm = Array.from({ length: k }, (_, i) => i);
  perm.sort((x, y) => {
    const a = events[x]!;
    const b = events[y]!;
    return a.timeHours - b.timeHours || (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0);
  });
  const sortedPos = new Int32Array(k); // settle index → position in the sorted events
  perm.forEach((si, pos) => (sortedPos[si] = pos));
  const settleOfSlot = new Map<number, number>();
  for (let i = 0; i < k; i++) settleOfSlot.set(p.order[i]!, i);
  const sorted = perm.map((si) => {
    const ev = events[si]!;
    const w = causeProvider[si]!;
    ev.causeEvent = w < 0 ? null : sortedPos[settleOfSlot.get(w)!]!;
    return ev;
  });
  if (chains) {
    for (let pos = 0; pos < k; pos++) {
      const ev = sorted[pos]!;
      const chain: ChainLink[] = [{ assetId: ev.assetId, timeHours: ev.timeHours }];
      let si = perm[pos]!;
      for (;;) {
        const e = causeDep[si]!;
        const link = chain[chain.length - 1]!;
        if (e >= 0) {
          link.viaDependencyId = t.depIds[e]!;
          link.service = serviceName(t.service[e]!);
        }
        const cur = events[si]!;
        if (cur.causeEvent === null) {
          if (cur.rootServiceLoss) ev.rootServiceLoss = cur.rootServiceLoss;
          break;
        }
        si = perm[cur.causeEvent]!;
        chain.push({ assetId: events[si]!.assetId, timeHours: events[si]!.timeHours });
      }
      ev.chain = chain;
    }
  }

  const degradedBy = new Map<number, DegradedAsset & { sum: number }>();
  for (let i = 0; i < p.lostNeedsLength; i++) {
    const n = p.lostNeeds[i]!;
    const v = g.needOwner[n]!;
    if (g.needShare[n]! >= 1 || p.timeOf(v) !== Infinity) continue;
    let d = degradedBy.get(v);
    if (!d) degradedBy.set(v, (d = { assetId: t.assetIds[v]!, remainingFunction: 1, lostNeeds: [], sum: 0 }));
    const ms = members(n);
    d.sum += g.needShare[n]!;
    d.remainingFunction = 1 - Math.min(1, d.sum);
    d.lostNeeds.push({ timeHours: p.needTime(n), services: servicesOf(ms), share: g.needShare[n]!, dependencyIds: ms.map((e) => t.depIds[e]!) });
  }
  const degraded = [...degradedBy.values()].map(({ sum: _sum, ...d }) => {
    d.lostNeeds.sort((a, b) => a.timeHours - b.timeHours);
    return d;
  });
  degraded.sort((a, b) => a.remainingFunction - b.remainingFunction || (a.assetId < b.assetId ? -1 : 1));

  return {
    horizonHours: Number.isFinite(r.horizon) ? r.horizon : null,
    unknownAssets: r.unknown,
    events: sorted,
    degraded,
    impact,
    byEssentialService: [...byEss].map(([essentialService, points]) => ({ essentialService, points })),
    bySector: [...bySec].map(([sector, points]) => ({ sector, points })),
    totals: { assetsLost: sorted.length, peopleAffected: people, degraded: degraded.length },
  };
}

function regionCodeOf(t: RegisterTable, v: number): RegionCode {
  const i = t.region[v]!;
  for (const [code, idx] of REGION_INDEX) if (idx === i) return code as RegionCode;
  return 'UKI';
}
