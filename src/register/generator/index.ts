/** The synthetic nation generator (issue 3, item 5): public API. */
export { generateNation, generateNationArrays } from './nation.js';
export type { GenerateOptions, Nation, NationArrays, NationBatch } from './nation.js';
export { NationSummariser, summariseNation, formatSummary } from './summary.js';
export type { NationSummary } from './summary.js';
export type { OperatorInput } from './operators.js';
export { MIN_ASSETS, MAX_ASSETS } from './plan.js';
export { catalogueKevCves } from './catalogue-info.js';
