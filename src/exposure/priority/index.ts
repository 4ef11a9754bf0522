export * from './decision-table.js';
export * from './mappings.js';
export * from './prioritise.js';
