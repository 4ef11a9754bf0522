/**
 * A test-graph generator for the cascade engine's oracle test and benchmark (until the national
 * generator of src/register/generator/ exists): deterministic for a seed, ~5 dependencies per asset,
 * with the dependency structure of real infrastructure —
 *  - power: a meshed transmission grid (alternates among its nodes: an OR cycle), grid supply points
 *    on two transmission nodes, primary substations on one or two grid supply points (dual feed),
 *    secondary substations on a primary, and power under nearly every other asset;
 *  - telecoms: core nodes meshed by alternates, local exchanges dual-homed to two core nodes,
 *    mobile masts on an exchange; substations' SCADA needs an exchange (battery-backed) while
 *    exchanges need a primary (battery/generator) — the substation↔exchange cycles;
 *  - water works needing power, telecoms and chemicals; data centres; fuel depots;
 *  - consumer sites (hospitals, banks, food, government…) with power (sometimes a dual feed),
 *    telecoms, water (full for health, partial otherwise), fuel and data; systems at a site.
 * Providers are chosen near the dependent (same region, nearby position), so cascades stay local.
 * Records are produced lazily (iterables), so 1,000,000 assets need not be held as objects.
 */
import type { AssetRecord, BackupKind, Criticality, DependencyRecord, RegionCode, SectorCode, Service } from '../register/model.js';
import { REGIONS } from '../register/model.js';
import { mulberry32 } from '../demo/prng.js';

export interface TestRegisterOptions {
  assets: number;
  seed?: number;
}

type Role = 'trans' | 'gsp' | 'primary' | 'secondary' | 'core' | 'exchange' | 'mast' | 'water' | 'chem' | 'fuel' | 'dc' | 'site' | 'system';
const SHARES: Array<[Role, number, number]> = [
  ['trans', 0.0005, 6], ['gsp', 0.004, 12], ['primary', 0.02, 24], ['secondary', 0.08, 24], ['core', 0.0005, 6],
  ['exchange', 0.02, 24], ['mast', 0.04, 12], ['water', 0.01, 12], ['chem', 0.002, 6], ['fuel', 0.003, 6], ['dc', 0.001, 4],
];


export interface TestRegister {
  assetCount: number;
  assets(): Iterable<AssetRecord>;
  dependencies(): Iterable<DependencyRecord>;
}

const SECTOR_OF: Partial<Record<Role, SectorCode>> = {
  trans: 'energy', gsp: 'energy', primary: 'energy', secondary: 'energy', core: 'communications', exchange: 'communications',
  mast: 'communications', water: 'water', chem: 'chemicals', fuel: 'energy', dc: 'data-infrastructure',
};
const CONSUMER_SECTORS: SectorCode[] = ['health', 'finance', 'food', 'government', 'transport', 'emergency-services', 'defence', 'civil-nuclear', 'space'];

export function testRegister(o: TestRegisterOptions): TestRegister {
  const N = Math.max(50, Math.floor(o.assets));
  const rnd = mulberry32(o.seed ?? 1);
  const role: Role[] = new Array(N);
  const region = new Uint8Array(N);
  const pos = new Float64Array(N);
  let k = 0;
  for (const [r, share, min] of SHARES) {
    const c = Math.max(min, Math.round(share * N));
    for (let i = 0; i < c && k < N; i++) role[k++] = r;
  }
  const firstConsumer = k;
  for (; k < N; k++) role[k] = k > firstConsumer + 10 && rnd() < 0.3 ? 'system' : 'site';
  for (let i = 0; i < N; i++) { region[i] = Math.floor(rnd() * REGIONS.length); pos[i] = rnd(); }
  // providers by role and region, sorted by position
  const byRole = new Map<string, number[]>();
  for (let i = 0; i < N; i++) {
    for (const key of [`${role[i]}:${region[i]}`, `${role[i]}:*`]) {
      let l = byRole.get(key);
      if (!l) byRole.set(key, (l = []));
      l.push(i);
    }
  }
  for (const l of byRole.values()) l.sort((a, b) => pos[a]! - pos[b]!);
  // a system's site: a consumer site before it
  const siteOf = new Int32Array(N).fill(-1);
  let lastSite = -1;
  for (let i = firstConsumer; i < N; i++) {
    if (role[i] === 'site') lastSite = i;
    else siteOf[i] = lastSite;
  }
  const seed = o.seed ?? 1;
  const assetId = (i: number) => `a${i}`;
  const crit: Criticality[] = new Array(N);
  const pop = new Float64Array(N);
  const sector: SectorCode[] = new Array(N);
  const rr = mulberry32(seed ^ 0x5bd1e995);
  for (let i = 0; i < N; i++) {
    const r = role[i]!;
    const s = SECTOR_OF[r] ?? CONSUMER_SECTORS[Math.floor(rr() * CONSUMER_SECTORS.length)]!;
    sector[i] = r === 'system' && siteOf[i]! >= 0 ? sector[siteOf[i]!]! : s;
    const base: Record<Role, [number, number, number]> = {
      trans: [5, 5, 2e6], gsp: [4, 4, 3e5], primary: [3, 3, 2e4], secondary: [1, 2, 500], core: [4, 4, 1e6], exchange: [2, 3, 1e4],
      mast: [1, 2, 2e3], water: [4, 4, 2e5], chem: [2, 3, 0], fuel: [2, 3, 5e4], dc: [3, 4, 1e5], site: [0, 5, 3e4], system: [0, 5, 1e4],
    };
    const [lo, hi, p] = base[r];
    crit[i] = (lo + Math.floor(rr() * (hi - lo + 1))) as Criticality;
    pop[i] = Math.round(p * (0.2 + rr() * 1.6));
  }

  function* assets(): Iterable<AssetRecord> {
    for (let i = 0; i < N; i++) {
      const reg = REGIONS[region[i]!]!;
      const [a, b, c, d] = reg.box;
      const r = role[i]!;
      const lat = a + (c - a) * pos[i]!;
      const lon = b + (d - b) * (((i * 0.618034) % 1 + pos[i]! * 7) % 1);
      yield {
        id: assetId(i), kind: r === 'system' ? 'system' : 'site', orgId: `org-${r}`, name: `${r} ${i}`, sector: sector[i]!, subSector: null,
        siteId: r === 'system' && siteOf[i]! >= 0 ? assetId(siteOf[i]!) : null, region: reg.code as RegionCode,
        lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5, criticality: crit[i]!,
        essentialService: r === 'site' || r === 'system' ? `${sector[i]} services` : r === 'water' ? 'drinking water' : r === 'secondary' || r === 'primary' ? 'electricity distribution' : null,
        populationServed: pop[i]!, systemType: r === 'system' ? 'OT' : null, function: null, networkZone: null,
      };
    }
  }

  function* dependencies(): Iterable<DependencyRecord> {
    const dr = mulberry32(seed ^ 0x9e3779b9);
    let n = 0;
    const near = (i: number, r: Role, skip = -1): number => {
      let l = byRole.get(`${r}:${region[i]}`);
      if (!l || l.length < 3) l = byRole.get(`${r}:*`)!;
      let lo = 0, hi = l.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (pos[l[m]!]! < pos[i]!) lo = m + 1; else hi = m; }
      for (let tries = 0; tries < 8; tries++) {
        const j = Math.min(l.length - 1, Math.max(0, lo + Math.round((dr() - 0.5) * 6)));
        const c = l[j]!;
        if (c !== i && c !== skip) return c;
      }
      return l.find((c) => c !== i && c !== skip) ?? l[0]!;
    };
    const dep = (dependent: number, provider: number, service: Service, tti: number, backupKind: BackupKind, backup: number, share: number, group: string | null, uncertain = false): DependencyRecord => ({
      id: `d${n++}`, dependentId: assetId(dependent), providerId: assetId(provider), type: service === 'data' ? 'cyber' : 'physical', service,
      timeToImpactHours: tti, backupKind, backupHours: backup,
      backupHoursLow: uncertain ? backup / 2 : null, backupHoursHigh: uncertain ? backup * 1.5 : null,
      shareLost: share, recoveryHours: 4, alternateGroup: group, failureProbability: Math.round((0.6 + dr() * 0.4) * 100) / 100,
    });
    const pair = (i: number, r: Role): [number, number] => {
      const a = near(i, r);
      return [a, near(i, r, a)];
    };
    for (let i = 0; i < N; i++) {
      const r = role[i]!;
      const q = dr();
      switch (r) {
        case 'trans': {
          const [a, b] = pair(i, 'trans');
          yield dep(i, a, 'power', 0, 'none', 0, 1, 'grid');
          yield dep(i, b, 'power', 0, 'none', 0, 1, 'grid');
          if (q < 0.5) yield dep(i, near(i, 'core'), 'telecoms', 0.5, 'battery', 8, 1, null, true);
          break;
        }
        case 'gsp': {
          const [a, b] = pair(i, 'trans');
          yield dep(i, a, 'power', 0, 'none', 0, 1, 'feed');
          yield dep(i, b, 'power', 0, 'none', 0, 1, 'feed');
          const [c, d] = pair(i, 'core');
          yield dep(i, c, 'telecoms', 0.5, 'battery', 6, 1, 'scada', true);
          yield dep(i, d, 'telecoms', 0.5, 'battery', 6, 1, 'scada', true);
          break;
        }
        case 'primary': {
          if (q < 0.5) { const [a, b] = pair(i, 'gsp'); yield dep(i, a, 'power', 0, 'none', 0, 1, 'feed'); yield dep(i, b, 'power', 0, 'none', 0, 1, 'feed'); }
          else yield dep(i, near(i, 'gsp'), 'power', 0, 'none', 0, 1, null);
          if (dr() < 0.6) { const [a, b] = pair(i, 'exchange'); yield dep(i, a, 'telecoms', 0.5, 'battery', 4, 1, 'scada'); yield dep(i, b, 'telecoms', 0.5, 'battery', 4, 1, 'scada'); }
          else yield dep(i, near(i, 'exchange'), 'telecoms', 0.5, 'battery', 4, 1, null, true);
          yield dep(i, near(i, 'mast'), 'telecoms', 0, 'none', 0, 0.2, null);
          break;
        }
        case 'secondary':
          if (q < 0.2) { const [a, b] = pair(i, 'primary'); yield dep(i, a, 'power', 0, 'none', 0, 1, 'feed'); yield dep(i, b, 'power', 0, 'none', 0, 1, 'feed'); }
          else yield dep(i, near(i, 'primary'), 'power', 0, 'none', 0, 1, null);
          if (dr() < 0.5) yield dep(i, near(i, 'mast'), 'telecoms', 1, 'none', 0, 0.3, null);
          break;
        case 'core': {
          const [p1, p2] = pair(i, 'primary');
          yield dep(i, p1, 'power', 0, 'generator', 48, 1, 'feed', true);
          yield dep(i, p2, 'power', 0, 'generator', 48, 1, 'feed', true);
          const [a, b] = pair(i, 'core');
          yield dep(i, a, 'telecoms', 0, 'none', 0, 1, 'mesh');
          yield dep(i, b, 'telecoms', 0, 'none', 0, 1, 'mesh');
          yield dep(i, near(i, 'water'), 'cooling', 2, 'storage', 12, 0.3, null);
          break;
        }
        case 'exchange': {
          yield dep(i, near(i, 'primary'), 'power', 0, q < 0.5 ? 'generator' : 'battery', q < 0.5 ? 24 : 4, 1, null, true);
          const [a, b] = pair(i, 'core');
          yield dep(i, a, 'telecoms', 0, 'none', 0, 1, 'uplink');
          yield dep(i, b, 'telecoms', 0, 'none', 0, 1, 'uplink');
          yield dep(i, near(i, 'fuel'), 'fuel', 12, 'storage', 24, 0.5, null);
          break;
        }
        case 'mast':
          yield dep(i, near(i, 'secondary'), 'power', 0, 'battery', 2, 1, null, true);
          yield dep(i, near(i, 'exchange'), 'telecoms', 0, 'none', 0, 1, null);
          break;
        case 'water':
          yield dep(i, near(i, 'primary'), 'power', 0, 'generator', 24, 1, null, true);
          yield dep(i, near(i, 'exchange'), 'telecoms', 2, 'manual', 6, 1, null);
          yield dep(i, near(i, 'chem'), 'chemicals', 0, 'storage', 72, 1, null, true);
          yield dep(i, near(i, 'fuel'), 'fuel', 6, 'storage', 24, 0.3, null);
          break;
        case 'chem':
          yield dep(i, near(i, 'secondary'), 'power', 0, 'none', 0, 1, null);
          yield dep(i, near(i, 'water'), 'water', 4, 'storage', 8, 0.5, null);
          break;
        case 'fuel':
          yield dep(i, near(i, 'secondary'), 'power', 0, 'generator', 12, 1, null, true);
          yield dep(i, near(i, 'mast'), 'telecoms', 1, 'none', 0, 0.4, null);
          break;
        case 'dc': {
          const [a, b] = pair(i, 'primary');
          yield dep(i, a, 'power', 0, 'generator', 48, 1, 'feed', true);
          yield dep(i, b, 'power', 0, 'generator', 48, 1, 'feed', true);
          const [c, d] = pair(i, 'core');
          yield dep(i, c, 'telecoms', 0, 'none', 0, 1, 'uplink');
          yield dep(i, d, 'telecoms', 0, 'none', 0, 1, 'uplink');
          yield dep(i, near(i, 'water'), 'cooling', 1, 'storage', 12, 0.4, null);
          break;
        }
        case 'site': {
          const health = sector[i] === 'health';
          if (q < 0.25) { const [a, b] = pair(i, 'secondary'); yield dep(i, a, 'power', 0, 'none', 0, 1, 'feed'); yield dep(i, b, 'power', 0, 'none', 0, 1, 'feed'); }
          else yield dep(i, near(i, 'secondary'), 'power', 0, health ? 'generator' : 'none', health ? 24 : 0, 1, null, health);
          const t = dr();
          if (t < 0.2) { yield dep(i, near(i, 'exchange'), 'telecoms', 0, 'none', 0, 1, 'tel'); yield dep(i, near(i, 'mast'), 'telecoms', 0, 'none', 0, 1, 'tel'); }
          else yield dep(i, near(i, t < 0.6 ? 'exchange' : 'mast'), 'telecoms', 0.5, 'none', 0, health ? 0.5 : 1, null);
          yield dep(i, near(i, 'water'), 'water', 2, 'storage', health ? 12 : 4, health ? 1 : 0.3, null);
          if (dr() < 0.4) yield dep(i, near(i, 'fuel'), 'fuel', 12, 'storage', 48, health ? 1 : 0.2, null, true);
          if (dr() < 0.3) yield dep(i, near(i, 'dc'), 'data', 0, 'none', 0, dr() < 0.5 ? 1 : 0.5, null);
          break;
        }
        case 'system': {
          const s = siteOf[i]!;
          yield dep(i, s >= 0 ? s : near(i, 'secondary'), 'power', 0, q < 0.3 ? 'battery' : 'none', q < 0.3 ? 1 : 0, 1, null);
          if (dr() < 0.5) yield dep(i, near(i, 'exchange'), 'telecoms', 0, 'none', 0, 1, null);
          if (dr() < 0.4) yield dep(i, near(i, 'dc'), 'data', 0, 'none', 0, 1, null);
          if (dr() < 0.5) yield dep(i, near(i, 'water'), 'water', 4, 'storage', 8, 0.2, null);
          break;
        }
      }
    }
  }

  return { assetCount: N, assets, dependencies };
}
