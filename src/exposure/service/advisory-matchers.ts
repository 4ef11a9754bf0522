/**
 * The advisory matchers the exposure engine is given, built from stored rows: one CsafMatcher
 * (src/exposure/advisories) over every CSAF statement and one OsvMatcher over every OSV affected
 * package, each only when there is something stored for it.
 */
import type { Queryable } from '../../store/db.js';
import type { AdvisoryMatcher } from '../advisory.js';
import { CsafMatcher } from '../advisories/csaf-matcher.js';
import { OsvMatcher } from '../advisories/osv-matcher.js';
import { loadCsafProducts, loadOsvPackages, type CsafStatement, type OsvPackageStatement } from '../store/index.js';

export function advisoryMatchersOf(statements: readonly CsafStatement[], osv: readonly OsvPackageStatement[] = []): AdvisoryMatcher[] {
  const out: AdvisoryMatcher[] = [];
  if (statements.length) out.push(new CsafMatcher(statements));
  if (osv.length) out.push(new OsvMatcher(osv));
  return out;
}

/** The matchers of everything stored now (CSAF statements and OSV packages). */
export async function loadAdvisoryMatchers(db: Queryable): Promise<AdvisoryMatcher[]> {
  return advisoryMatchersOf(await loadCsafProducts(db), await loadOsvPackages(db));
}
