export { type AdvisoryComponent, type ClearedBy, CsafMatcher, type MatcherStats, purlProductKey, type Rule } from './csaf-matcher.js';
export { productTokens, VENDOR_ALIASES, vendorKeys } from './names.js';
export { type CsafIdentity, type CsafStatement, effectOf, statementsOf } from './statement.js';
export type { VersionVerdict } from './version-check.js';
