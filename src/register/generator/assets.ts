/**
 * Sites and systems of one planned site, and the components of its systems. Regenerated from the
 * plan and the site's own seeded stream, so the same site always comes out the same.
 */
import type { AssetRecord, ComponentRecord, Criticality, NetworkZone } from '../model.js';
import { cpeName, hwCpeName, purlName, type Product, type Version } from './catalogue-types.js';
import { regionCode, townName } from './geo.js';
import { componentId, siteId, systemId } from './ids.js';
import { KITS, PRODUCTS, type Slot } from './kits.js';
import { KINDS } from './kinds.js';
import type { Plan } from './plan.js';
import { STREAM } from './plan.js';
import { Rng, Weighted } from './prng.js';

const QUALIFIER = [
  'North', 'South', 'East', 'West', 'Central', 'Road', 'Lane', 'Park', 'Moor', 'Bridge', 'Green', 'Hill', 'Vale',
  'Common', 'Fields', 'Cross', 'Gate', 'Mill', 'Heath', 'Wood', 'Marsh', 'Castle', 'Abbey', 'Farm',
];

const ZONES = KINDS.map((k) => k.systems.map((t) => new Weighted(t.zones)));
const SLOT_PICKERS = new Map<Slot, Weighted<Product>>();
const VERSION_PICKERS = new Map<Product, Weighted<Version>>();
for (const slots of Object.values(KITS)) {
  for (const s of slots) SLOT_PICKERS.set(s, new Weighted(s.pick.map(([key, w]) => [PRODUCTS.get(key)!, w] as const)));
}
for (const p of PRODUCTS.values()) VERSION_PICKERS.set(p, new Weighted(p.versions.map((v) => [v, v.w ?? 1] as const)));

/** What the records of a site's systems need to know (reused by components and dependencies). */
export interface SystemFacts {
  zone: NetworkZone;
  criticality: Criticality;
}

const detailRng = new Rng(0);

/** The site and its systems, in order; `facts` receives each system's zone and criticality. */
export function siteAssets(plan: Plan, i: number, out: AssetRecord[], facts?: SystemFacts[]): void {
  const rng = detailRng.reset(plan.seed, STREAM.detail, i);
  const k = KINDS[plan.kind[i]!]!;
  const r = plan.region[i]!;
  const region = regionCode(r);
  const orgId = plan.operators[plan.org[i]!]!.id;
  const name = `${townName(r, plan.town[i]!)} ${rng.pick(QUALIFIER)} ${k.label}`;
  const pop = logUniform(rng, k.pop[0], k.pop[1]);
  const crit = plan.crit[i]! as Criticality;
  const lat = plan.lat[i]!;
  const lon = plan.lon[i]!;
  const id = siteId(i);
  out.push({
    id, kind: 'site', orgId, name, sector: k.sector, subSector: k.subSector, siteId: null, region, lat, lon,
    criticality: crit, essentialService: k.service, populationServed: pop,
    systemType: null, function: null, networkZone: null,
  });
  const n = plan.systems[i]!;
  const zones = ZONES[plan.kind[i]!]!;
  for (let j = 0; j < n; j++) {
    const t = k.systems[j]!;
    const zone = zones[j]!.pick(rng);
    const c = Math.max(0, Math.min(5, crit + t.crit)) as Criticality;
    facts?.push({ zone, criticality: c });
    out.push({
      id: systemId(i, j + 1), kind: 'system', orgId, name: `${name}: ${t.fn}`, sector: k.sector, subSector: k.subSector,
      siteId: id, region, lat, lon, criticality: c, essentialService: k.service,
      // the site's people are counted once, at the site: a sum over lost assets counts no one twice
      populationServed: 0,
      systemType: t.type, function: t.fn, networkZone: zone,
    });
  }
}

const compRng = new Rng(0);

/** Components of the site's systems; `facts` from siteAssets (zones decide exposure). */
export function siteComponents(plan: Plan, i: number, facts: readonly SystemFacts[], out: ComponentRecord[]): void {
  const rng = compRng.reset(plan.seed, STREAM.components, i);
  const k = KINDS[plan.kind[i]!]!;
  const orgId = plan.operators[plan.org[i]!]!.id;
  const n = plan.systems[i]!;
  for (let j = 0; j < n; j++) {
    const sys = systemId(i, j + 1);
    const zone = facts[j]!.zone;
    const floor = zone === 'internet' ? 0.7 : zone === 'dmz' ? 0.1 : 0;
    let c = 0;
    for (const slot of KITS[k.systems[j]!.kit]) {
      if (!rng.chance(slot.p)) continue;
      const count = slot.count ? rng.range(slot.count[0], slot.count[1]) : 1;
      for (let m = 0; m < count; m++) {
        const product = SLOT_PICKERS.get(slot)!.pick(rng);
        const ver = VERSION_PICKERS.get(product)!.pick(rng);
        const exposed = rng.chance(Math.max(slot.exposed ?? 0, floor));
        const version = ver.v === '-' ? (ver.u ?? null) : ver.u ? `${ver.v} ${ver.u}` : ver.v;
        out.push({
          id: componentId(i, j + 1, ++c), systemId: sys, orgId,
          name: version ? `${product.vendor} ${product.product} ${version}` : `${product.vendor} ${product.product}`,
          cpe: cpeName(product, ver), purl: purlName(product, ver), vendor: product.vendor, product: product.product,
          version, internetExposed: exposed,
        });
        const hw = hwCpeName(product);
        if (hw) {
          out.push({
            id: componentId(i, j + 1, ++c), systemId: sys, orgId, name: `${product.vendor} ${product.hwProduct ?? product.product}`,
            cpe: hw, purl: null, vendor: product.vendor, product: product.hwProduct ?? product.product, version: null,
            internetExposed: exposed,
          });
        }
      }
    }
  }
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  const v = Math.exp(rng.real(Math.log(lo), Math.log(hi)));
  const mag = Math.pow(10, Math.max(0, Math.floor(Math.log10(v)) - 1));
  return Math.round(v / mag) * mag;
}
