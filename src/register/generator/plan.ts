/**
 * The plan of a nation: the compact facts every record is derived from. For each site: its kind,
 * region, town, location, operator, criticality and number of systems, in typed arrays (about 30
 * bytes a site). Everything else (names, systems, components, dependencies) is regenerated from the
 * plan and a per-site seeded stream, so any part of the output can be produced on its own.
 */
import { SECTORS } from '../model.js';
import { place, RURAL_REGION, URBAN_REGION } from './geo.js';
import { KINDS } from './kinds.js';
import { planOperators, type Operator, type OperatorInput } from './operators.js';
import { Rng, Weighted } from './prng.js';
import { SpatialIndex } from './spatial.js';

export interface PlanOptions {
  assets: number;
  seed: number;
  operators?: readonly OperatorInput[];
}

export interface Plan {
  seed: number;
  assets: number;
  sites: number;
  kind: Uint8Array;
  region: Uint8Array;
  town: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
  org: Uint32Array;
  crit: Uint8Array;
  systems: Uint8Array;
  operators: readonly Operator[];
  spatial: SpatialIndex;
}

/** Streams of the per-site generators (one independent sequence per purpose). */
export const STREAM = { order: 1, site: 2, detail: 3, components: 4, dependencies: 5 } as const;

export const MIN_ASSETS = 1000;
export const MAX_ASSETS = 1_000_000;

const CRIT = KINDS.map((k) => new Weighted(k.crit.map((w, c) => [c, w] as const)));

export function buildPlan(opts: PlanOptions): Plan {
  const { assets, seed } = opts;
  if (!Number.isInteger(assets) || assets < MIN_ASSETS || assets > MAX_ASSETS) {
    throw new RangeError(`assets must be an integer from ${MIN_ASSETS} to ${MAX_ASSETS}, got ${assets}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);

  // Sites: enough that sites plus their systems come to `assets`.
  const totalShare = KINDS.reduce((s, k) => s + k.share, 0);
  const meanSys = KINDS.reduce((s, k) => s + (k.share / totalShare) * ((k.sys[0] + k.sys[1]) / 2), 0);
  const target = Math.round(assets / (1 + meanSys));
  const counts = KINDS.map((k) => Math.max(k.min, Math.round((target * k.share) / totalShare)));
  const sites = counts.reduce((a, b) => a + b, 0);

  // Kinds in a shuffled order, so ids do not group by kind.
  const kind = new Uint8Array(sites);
  let p = 0;
  counts.forEach((c, k) => kind.fill(k, p, (p += c)));
  const orderRng = new Rng(seed, STREAM.order);
  for (let i = sites - 1; i > 0; i--) {
    const j = orderRng.int(i + 1);
    const t = kind[i]!;
    kind[i] = kind[j]!;
    kind[j] = t;
  }

  const operators = planOperators(assets, seed, opts.operators ?? []);
  const candidates = operatorCandidates(operators);

  const region = new Uint8Array(sites);
  const town = new Uint8Array(sites);
  const lat = new Float64Array(sites);
  const lon = new Float64Array(sites);
  const org = new Uint32Array(sites);
  const crit = new Uint8Array(sites);
  const systems = new Uint8Array(sites);
  const rng = new Rng(seed, STREAM.site);
  let total = sites;
  for (let i = 0; i < sites; i++) {
    rng.reset(seed, STREAM.site, i);
    const k = KINDS[kind[i]!]!;
    const r = (k.rural ? RURAL_REGION : URBAN_REGION).pick(rng);
    const at = place(rng, r, k.spread, k.rural);
    region[i] = r;
    town[i] = at.town;
    lat[i] = at.lat;
    lon[i] = at.lon;
    crit[i] = CRIT[kind[i]!]!.pick(rng);
    const n = rng.range(k.sys[0], k.sys[1]);
    systems[i] = n;
    total += n;
    const cands = candidates.get(`${k.sector}/${k.subSector}/${r}`) ?? candidates.get(`${k.sector}/*/${r}`)!;
    org[i] = cands[rng.int(cands.length)]!;
  }

  // Exactly `assets`: add or remove systems, from the last sites backwards, within each kind's range.
  for (let i = sites - 1; i >= 0 && total !== assets; i--) {
    const k = KINDS[kind[i]!]!;
    const n = systems[i]!;
    const want = Math.min(k.sys[1], Math.max(k.sys[0], n + (assets > total ? assets - total : -(total - assets))));
    systems[i] = want;
    total += want - n;
  }

  const spatial = new SpatialIndex(lat, lon, kind, KINDS.length);
  return { seed, assets: total, sites, kind, region, town, lat, lon, org, crit, systems, operators, spatial };
}

/**
 * For each sector, sub-sector and region: the operators that may own a site there — national and
 * regional ones of that sub-sector (regional ones favoured: listed twice), plus organisations passed
 * in for the sector; `sector/*\/region` when the sector has no operator of that sub-sector.
 */
function operatorCandidates(ops: readonly Operator[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of SECTORS) {
    const ofSector = ops.filter((o) => o.sector === s.code);
    const open = ofSector.filter((o) => o.subSector === null).map((o) => o.index);
    for (let r = 0; r < 12; r++) {
      const list = (sub: string | null) => {
        const mine = ofSector.filter((o) => o.subSector !== null && (sub === null || o.subSector === sub));
        const regional = mine.filter((o) => o.region === r).map((o) => o.index);
        return [...open, ...mine.filter((o) => o.region < 0).map((o) => o.index), ...regional, ...regional];
      };
      out.set(`${s.code}/*/${r}`, list(null));
      for (const sub of s.subSectors) {
        const l = list(sub);
        if (l.length > open.length) out.set(`${s.code}/${sub}/${r}`, l);
      }
    }
  }
  return out;
}
