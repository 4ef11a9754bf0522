/**
 * The generator's API: `generateNation({ assets, seed, operators? })` plans a synthetic nation
 * (compact facts only) and hands out its records as iterables or in batches, regenerated on demand.
 */
import type { AssetRecord, ComponentRecord, DependencyRecord, OrganisationRecord } from '../model.js';
import { siteAssets, siteComponents, type SystemFacts } from './assets.js';
import { siteDependencies } from './dependencies.js';
import { organisationRecord, type OperatorInput } from './operators.js';
import { buildPlan, type Plan } from './plan.js';

export interface GenerateOptions {
  /** Total assets (sites + systems), 1,000 … 1,000,000; the nation has exactly this many. */
  assets: number;
  seed: number;
  /** Existing organisations to include as operators of their sector (e.g. the demo's). */
  operators?: readonly OperatorInput[];
}

export interface NationBatch {
  /** Index of the first site in this batch. */
  firstSite: number;
  assets: AssetRecord[];
  components: ComponentRecord[];
  /** Dependencies of this batch's assets; their providers may be in any batch. */
  dependencies: DependencyRecord[];
}

export interface Nation {
  readonly seed: number;
  readonly assetCount: number;
  readonly siteCount: number;
  /** The compact plan (typed arrays) the records are derived from. */
  readonly plan: Plan;
  organisations(): OrganisationRecord[];
  /** Sites and systems (a site is followed by its systems). */
  assets(): Generator<AssetRecord>;
  components(): Generator<ComponentRecord>;
  dependencies(): Generator<DependencyRecord>;
  /** Every asset, component and dependency in one pass, `sitesPerBatch` sites at a time: the fastest way through. */
  forEachBatch(cb: (batch: NationBatch) => void, sitesPerBatch?: number): void;
}

export function generateNation(opts: GenerateOptions): Nation {
  const plan = buildPlan(opts);
  return {
    seed: opts.seed,
    assetCount: plan.assets,
    siteCount: plan.sites,
    plan,
    organisations: () => plan.operators.map(organisationRecord),
    *assets() {
      const buf: AssetRecord[] = [];
      for (let i = 0; i < plan.sites; i++) {
        buf.length = 0;
        siteAssets(plan, i, buf);
        yield* buf;
      }
    },
    *components() {
      const a: AssetRecord[] = [];
      const f: SystemFacts[] = [];
      const buf: ComponentRecord[] = [];
      for (let i = 0; i < plan.sites; i++) {
        a.length = 0;
        f.length = 0;
        buf.length = 0;
        siteAssets(plan, i, a, f);
        siteComponents(plan, i, f, buf);
        yield* buf;
      }
    },
    *dependencies() {
      const buf: DependencyRecord[] = [];
      for (let i = 0; i < plan.sites; i++) {
        buf.length = 0;
        siteDependencies(plan, i, buf);
        yield* buf;
      }
    },
    forEachBatch(cb, sitesPerBatch = 2000) {
      const f: SystemFacts[] = [];
      for (let first = 0; first < plan.sites; first += sitesPerBatch) {
        const batch: NationBatch = { firstSite: first, assets: [], components: [], dependencies: [] };
        const end = Math.min(plan.sites, first + sitesPerBatch);
        for (let i = first; i < end; i++) {
          f.length = 0;
          siteAssets(plan, i, batch.assets, f);
          siteComponents(plan, i, f, batch.components);
          siteDependencies(plan, i, batch.dependencies);
        }
        cb(batch);
      }
    },
  };
}

export interface NationArrays {
  organisations: OrganisationRecord[];
  assets: AssetRecord[];
  components: ComponentRecord[];
  dependencies: DependencyRecord[];
}

/**
 * For benchmarks and tests: the whole nation as arrays, in one pass. `components: false` skips
 * components (the cascade engine does not need them), which saves most of the time and memory.
 */
export function generateNationArrays(opts: GenerateOptions & { components?: boolean }): NationArrays {
  const nation = generateNation(opts);
  const plan = nation.plan;
  const out: NationArrays = { organisations: nation.organisations(), assets: [], components: [], dependencies: [] };
  const f: SystemFacts[] = [];
  const withComponents = opts.components !== false;
  for (let i = 0; i < plan.sites; i++) {
    f.length = 0;
    siteAssets(plan, i, out.assets, f);
    if (withComponents) siteComponents(plan, i, f, out.components);
    siteDependencies(plan, i, out.dependencies);
  }
  return out;
}
