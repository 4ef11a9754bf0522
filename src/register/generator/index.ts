/**
 * The synthetic nation generator (issue 3, item 5): public API.
 *
 *   const nation = generateNation({ assets: 100_000, seed: 1, operators: [{ id: 'northgrid', name: 'NorthGrid Energy', sector: 'energy' }] });
 *   nation.organisations();            // OrganisationRecord[]
 *   for (const a of nation.assets()) …  // sites, each followed by its systems
 *   nation.components(); nation.dependencies();   // generators, regenerated on demand
 *   nation.forEachBatch((b) => …);     // one pass: assets, components, dependencies, 2,000 sites at a time
 *   generateNationArrays({ assets, seed, components: false });   // arrays, for benchmarks
 *   formatSummary(summariseNation({ organisations, assets, components, dependencies }));
 *
 * Same options → byte-identical records. Only the plan (typed arrays, ~40 bytes a site) is held;
 * records are rebuilt from it and a per-site seeded stream. Dependencies may point to assets of
 * later batches: a store that checks references loads assets() before dependencies().
 */
export { generateNation, generateNationArrays } from './nation.js';
export type { GenerateOptions, Nation, NationArrays, NationBatch } from './nation.js';
export { NationSummariser, summariseNation, formatSummary } from './summary.js';
export type { NationSummary } from './summary.js';
export type { OperatorInput } from './operators.js';
export { MIN_ASSETS, MAX_ASSETS } from './plan.js';
export { catalogueKevCves } from './catalogue-info.js';
