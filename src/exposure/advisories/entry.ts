/**
 * Statements → matchable entries: one per (advisory, product id, status), listing its CVEs, with the
 * vendor keys, product tokens, model numbers, version constraint (bounds parsed once), and the CPE or purl
 * of the identification helper compiled for their rules.
 */
import { bindFormattedString, parseCpe } from '../cpe-parse.js';
import { CpeSyntaxError } from '../cpe-wfn.js';
import { type CompiledEntry, compileEntry } from '../nvd-config.js';
import { parsePurl, type Purl, PurlSyntaxError } from '../purl/parse.js';
import type { VersionConstraint } from '../sources/version-text.js';
import { bracketVariants, isModelNumber, namesALine, productTokens, vendorKeys } from './names.js';
import { constraintOf, type CsafIdentity, type CsafStatement, type Effect, effectOf, pairVersions, statementConstraint } from './statement.js';
import { type CompiledConstraint, compileConstraint } from './version-check.js';

export interface Entry {
  readonly advisoryId: string;
  readonly productId: string;
  /** The CSAF status as written. */
  readonly status: string;
  readonly effect: Exclude<Effect, 'none'>;
  readonly cves: string[];
  readonly identity: CsafIdentity;
  readonly vendors: readonly string[];
  /** Product tokens (productName, under its family when the name does not start with it; else the family). */
  readonly tokens: readonly string[];
  /** The advisory's name says it means a whole line (`family`, `series`, `all`, …). */
  readonly line: boolean;
  readonly version: CompiledConstraint;
  /** Model numbers, lowercased: the helper's, and part numbers written in brackets in the name. */
  readonly models: readonly string[];
  /** Variant designations in brackets (`CP100`, `l8z`): not indexed, but a name match that gives none of them is undecidable. */
  readonly variants: readonly string[];
  /** The helper's CPE as NVD-style criteria (one per range), or why it could not be read. */
  readonly cpe?: { readonly entries: readonly CompiledEntry[]; readonly error?: undefined } | { readonly entries?: undefined; readonly error: string };
  readonly purl?: { readonly purl: Purl; readonly key: string } | { readonly purl?: undefined; readonly error: string };
  /** Why a match can only be undecidable (a relationship product: installed on another). */
  readonly condition?: string;
}

/** purl identity key: type, namespace and name as the registry compares them. */
export function purlKey(p: Purl): string {
  const name = p.type === 'pypi' ? p.name.toLowerCase().replace(/[-_.]+/g, '-') : p.type === 'nuget' ? p.name.toLowerCase() : p.name;
  return `${p.type}/${p.namespace ?? ''}/${name}`;
}

/** Part numbers written in brackets: `(6ES7516-3AN02-0AB0)`, `(MLFB- 6ES7518-4AX00-1AC0 …)`. */
function bracketedModels(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(/\(([^()]*)\)?/g)) {
    for (const t of m[1]!.toLowerCase().split(/[\s,;]+/)) if (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(t) && t.length >= 8 && /\d/.test(t)) out.push(t);
  }
  return out;
}

function tokensOf(i: CsafIdentity, vendor: string | undefined): string[] {
  const fam = productTokens(i.family, vendor);
  const prod = productTokens(i.productName ?? (i.family ? undefined : i.name), vendor);
  if (prod.length === 0) return fam;
  if (fam.length === 0 || fam.every((t, k) => prod[k] === t)) return prod;
  return [...fam, ...prod];
}

function cpeOf(cpe: string, c: VersionConstraint, path: string): Entry['cpe'] {
  try {
    const criteria = bindFormattedString(parseCpe(cpe));
    const bounds = c.kind === 'ranges' ? c.ranges : [{}];
    return { entries: bounds.map((b, k) => compileEntry({ vulnerable: true, criteria, ...b }, `${path}.cpe[${k}]`)) };
  } catch (e) {
    if (e instanceof CpeSyntaxError) return { error: e.message };
    throw e;
  }
}

function purlOf(purl: string): Entry['purl'] {
  try {
    const p = parsePurl(purl);
    return { purl: p, key: purlKey(p) };
  } catch (e) {
    if (e instanceof PurlSyntaxError) return { error: e.message };
    throw e;
  }
}

export interface EntryStats {
  statements: number;
  /** Statements whose status says neither affected nor not affected (recommended, under_investigation). */
  ignoredStatus: number;
}

/** Groups statements into entries (one per advisory, product id and status). */
export function compileEntries(statements: Iterable<CsafStatement>, stats: EntryStats): Entry[] {
  const groups = new Map<string, { s: CsafStatement; cves: Set<string> }>();
  for (const s of statements) {
    stats.statements++;
    if (effectOf(s.status) === 'none') { stats.ignoredStatus++; continue; }
    // first/last_affected pair per CVE, so those entries are not shared between CVEs
    const perCve = s.status === 'first_affected' || s.status === 'last_affected';
    const k = `${s.advisoryId}\u0000${s.productId}\u0000${s.status}${perCve ? `\u0000${s.cveId}` : ''}`;
    const g = groups.get(k);
    if (g) g.cves.add(s.cveId); else groups.set(k, { s, cves: new Set([s.cveId]) });
  }
  const prepared = [...groups.values()].map(({ s, cves }) => {
    const vendors = vendorKeys(s.identity.vendorName ?? s.identity.vendor);
    const tokens = tokensOf(s.identity, vendors[0]);
    return { s, cves, vendors, tokens, c: constraintOf(s.identity), pairKey: `${s.advisoryId}\u0000${s.cveId}\u0000${vendors.join(',')}\u0000${tokens.join(' ')}` };
  });
  // first_affected / last_affected pair within one advisory, CVE and product
  const pairs = pairVersions(prepared);
  return prepared.map(({ s, cves, vendors, tokens, c, pairKey }): Entry => {
    const i = s.identity;
    const constraint = statementConstraint(s, c, pairs, pairKey);
    const models = new Set<string>();
    for (const m of i.helper?.modelNumbers ?? []) { const t = m.trim().toLowerCase(); if (isModelNumber(t)) models.add(t); }
    for (const m of bracketedModels(i.productName ?? i.name)) models.add(m);
    const rel = i.relationship;
    return {
      advisoryId: s.advisoryId, productId: s.productId, status: s.status, effect: effectOf(s.status) as Entry['effect'], cves: [...cves],
      identity: i, vendors, tokens, variants: bracketVariants(i.productName ?? i.name).filter((v) => !models.has(v)), line: namesALine(i.productName ?? i.name) || namesALine(i.family), version: compileConstraint(constraint), models: [...models],
      ...(i.helper?.cpe ? { cpe: cpeOf(i.helper.cpe, constraint, `${s.advisoryId}/${s.productId}`) } : {}),
      ...(i.helper?.purl ? { purl: purlOf(i.helper.purl) } : {}),
      ...(rel ? { condition: `the advisory names this product ${rel.category.replace(/_/g, ' ')} ${rel.platformName ?? rel.platform?.name ?? rel.relatesTo}; the register does not say what the component is ${rel.category.replace(/_/g, ' ')}` } : {}),
    };
  });
}
