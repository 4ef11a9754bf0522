/**
 * CSAF statements as plain JSON: one (advisory, CVE, product status, product identity) each — what a
 * CsafMatcher is built from, whether read straight from advisories ({@link statementsOf}) or rebuilt from
 * stored rows (the `csaf_product` table keeps the identity's fields; a version may be stored as its text
 * alone and is normalised again here).
 */
import type { CsafAdvisory, ProductStatus } from '../sources/csaf-advisory.js';
import type { ProductIdentity } from '../sources/csaf-product-tree.js';
import { normaliseVersionText, type VersionConstraint } from '../sources/version-text.js';
import type { VersionBounds } from '../version-range.js';

/** A product identity as JSON (ProductIdentity fits it; extra fields are ignored). */
export interface CsafIdentity {
  /** The product's full name as the advisory gives it. */
  readonly name: string;
  /** The vendor as the advisory spells it (preferred), or NVD-style normalised. */
  readonly vendorName?: string | undefined;
  readonly vendor?: string | undefined;
  readonly productName?: string | undefined;
  readonly family?: string | undefined;
  /** The normalised constraint, or the advisory's version text (normalised when the matcher is built). */
  readonly version: VersionConstraint | string;
  readonly helper?: { readonly cpe?: string; readonly purl?: string; readonly modelNumbers?: readonly string[] } | undefined;
  /** A relationship product (CSAF `installed_on` …): what it relates to (ProductIdentity's `platform`, or just its name). */
  readonly relationship?: { readonly category: string; readonly relatesTo: string; readonly platformName?: string; readonly platform?: { readonly name: string } | undefined } | undefined;
}

export interface CsafStatement {
  readonly advisoryId: string;
  readonly cveId: string;
  /** CSAF product status: known_affected, first_affected, last_affected, fixed, first_fixed, known_not_affected, … */
  readonly status: ProductStatus | string;
  readonly productId: string;
  readonly identity: CsafIdentity;
}

/** What a status says: affected statements make findings, not-affected ones clear them; the rest say neither. */
export type Effect = 'affected' | 'not-affected' | 'none';

export function effectOf(status: string): Effect {
  switch (status) {
    case 'known_affected': case 'first_affected': case 'last_affected': return 'affected';
    case 'fixed': case 'first_fixed': case 'known_not_affected': return 'not-affected';
    default: return 'none'; // recommended, under_investigation
  }
}

function compactIdentity(p: ProductIdentity): CsafIdentity {
  const helper = p.helper && (p.helper.cpe || p.helper.purl || p.helper.modelNumbers)
    ? { ...(p.helper.cpe ? { cpe: p.helper.cpe } : {}), ...(p.helper.purl ? { purl: p.helper.purl } : {}), ...(p.helper.modelNumbers ? { modelNumbers: p.helper.modelNumbers } : {}) }
    : undefined;
  return {
    name: p.name, vendorName: p.vendorName, vendor: p.vendor, productName: p.productName, family: p.family, version: p.version,
    ...(helper ? { helper } : {}),
    ...(p.relationship ? { relationship: { category: p.relationship.category, relatesTo: p.relationship.relatesTo, ...(p.relationship.platform ? { platformName: p.relationship.platform.name } : {}) } } : {}),
  };
}

/**
 * Every statement of an advisory that has a CVE and an identity (JSON-serialisable). Vulnerabilities
 * without a CVE and product ids missing from the tree are left out (the reader lists the latter as problems).
 */
export function statementsOf(a: CsafAdvisory): CsafStatement[] {
  const out: CsafStatement[] = [];
  for (const v of a.vulnerabilities) {
    if (!v.cve) continue;
    for (const p of v.products) {
      if (p.identity) out.push({ advisoryId: a.id, cveId: v.cve, status: p.status, productId: p.productId, identity: compactIdentity(p.identity) });
    }
  }
  return out;
}

/** The identity's version as a constraint (stored text normalised again). */
export function constraintOf(i: CsafIdentity): VersionConstraint {
  return typeof i.version === 'string' ? normaliseVersionText(i.version) : i.version;
}

/** An exact version (`= v`) written as one range, or undefined. */
function exactVersion(c: VersionConstraint): string | undefined {
  if (c.kind !== 'ranges' || c.ranges.length !== 1) return undefined;
  const r = c.ranges[0]!;
  return r.versionStartIncluding !== undefined && r.versionStartIncluding === r.versionEndIncluding && r.versionStartExcluding === undefined && r.versionEndExcluding === undefined
    ? r.versionStartIncluding : undefined;
}

const ranged = (c: VersionConstraint, b: VersionBounds, why: string): VersionConstraint => ({ kind: 'ranges', text: `${c.text} (${why})`, ranges: [b] });

/**
 * The version constraint a statement means. `first_affected V` is `>= V`, `last_affected V` is `<= V`
 * and `first_fixed V` is `>= V` (not affected); when the same advisory gives `first_affected` and
 * `last_affected` for the same CVE and product (`pairKey`), they make one range. Other statuses, and
 * first/last statuses whose version is not one exact version, keep the identity's constraint.
 */
export function statementConstraint(s: CsafStatement, c: VersionConstraint, pairs: ReadonlyMap<string, string>, pairKey: string): VersionConstraint {
  const v = exactVersion(c);
  if (v === undefined) return c;
  switch (s.status) {
    case 'first_affected': {
      const last = pairs.get(`last_affected\u0000${pairKey}`);
      return last !== undefined ? ranged(c, { versionStartIncluding: v, versionEndIncluding: last }, `first_affected to last_affected ${last}`) : ranged(c, { versionStartIncluding: v }, 'first_affected: this version and later');
    }
    case 'last_affected': {
      const first = pairs.get(`first_affected\u0000${pairKey}`);
      return first !== undefined ? ranged(c, { versionStartIncluding: first, versionEndIncluding: v }, `first_affected ${first} to last_affected`) : ranged(c, { versionEndIncluding: v }, 'last_affected: this version and earlier');
    }
    case 'first_fixed': return ranged(c, { versionStartIncluding: v }, 'first_fixed: this version and later');
    default: return c;
  }
}

/** Exact versions of first_affected / last_affected statements by `status\0pairKey`, for {@link statementConstraint}. */
export function pairVersions(items: readonly { s: CsafStatement; c: VersionConstraint; pairKey: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { s, c, pairKey } of items) {
    if (s.status !== 'first_affected' && s.status !== 'last_affected') continue;
    const v = exactVersion(c);
    if (v !== undefined) out.set(`${s.status}\u0000${pairKey}`, v);
  }
  return out;
}
