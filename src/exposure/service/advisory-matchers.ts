/**
 * The advisory matchers the exposure engine is given, built from the stored CSAF statements: one
 * CsafMatcher (src/exposure/advisories) over all of them, or none when no advisory is stored.
 */
import type { AdvisoryMatcher } from '../advisory.js';
import { CsafMatcher } from '../advisories/csaf-matcher.js';
import type { CsafStatement } from '../store/index.js';

export function advisoryMatchersOf(statements: readonly CsafStatement[]): AdvisoryMatcher[] {
  return statements.length === 0 ? [] : [new CsafMatcher(statements)];
}
