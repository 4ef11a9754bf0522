/**
 * The vulnerability store (issue 4): incremental, batched imports of NVD, KEV, EPSS, CSAF and the CPE
 * dictionary into the tables of migration 005; the loaders the exposure engine reads them back with;
 * the change log it follows; and the triage state of findings. See README.md.
 */
export * from './types.js';
export { importNvd } from './nvd-import.js';
export { importKev } from './kev-import.js';
export { importEpss } from './epss-import.js';
export { importCsaf } from './csaf-import.js';
export { importCpeDictionary } from './cpe-import.js';
export { streamCves, loadKev, loadEpss, loadCsafProducts } from './loaders.js';
export { cveChangesSince, lastVulnChangeSeq } from './change-log.js';
export { findingKey, getStates, putState, ALLOWED_TRANSITIONS, MAX_REASON_LENGTH } from './finding-state.js';
export { importOsv, loadOsvPackages, type OsvImportReport, type OsvPackageStatement } from './osv-import.js';
