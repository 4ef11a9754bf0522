/**
 * CsafMatcher: the components a CSAF advisory's statements name, by four rules (README.md here):
 * the helper's CPE, the helper's purl, a model number in the component's product text, and the
 * vendor + product name with the version constraint. Only affected statements (known_affected,
 * first_affected, last_affected) make hits; a not-affected statement (fixed, first_fixed,
 * known_not_affected) the component matches with certainty clears that CVE's hits, and is reported.
 *
 * Indexes: vendor key + product tokens (a component looks up each token-prefix of its own product),
 * model number, CPE part:vendor:product, purl type/namespace/name — a component meets only its candidates.
 */
import type { AdvisoryHit, AdvisoryMatcher } from '../advisory.js';
import { type CompiledComponent, compileComponent, type DeviceComponent } from '../component.js';
import { parseCpe } from '../cpe-parse.js';
import { ANY, CpeSyntaxError, NA, plainValue } from '../cpe-wfn.js';
import { explainEntry } from '../entry-match.js';
import { ecosystemOf } from '../purl/ecosystems.js';
import { parsePurl, type Purl, PurlSyntaxError } from '../purl/parse.js';
import type { CsafAdvisory } from '../sources/csaf-advisory.js';
import { type ParsedVersion, version as parseVersion } from '../version.js';
import { compileEntries, type Entry, purlKey } from './entry.js';
import { modelTokens, productTokens, vendorKeys } from './names.js';
import { type CsafStatement, statementsOf } from './statement.js';
import { checkPurlVersion, checkVersion, type VersionVerdict } from './version-check.js';

/** A register component as the advisory matcher reads it: a DeviceComponent, with its purl when it has one. */
export type AdvisoryComponent = DeviceComponent & { readonly purl?: string | null };

export type Rule = 'cpe' | 'purl' | 'model-number' | 'name';

/** A not-affected statement the component matched, and the hits it cleared. */
export interface ClearedBy {
  readonly cveId: string;
  readonly source: string;
  readonly status: string;
  readonly rule: Rule;
  readonly identity: string;
  readonly version: VersionVerdict;
  /** productKeys of the hits it removed (empty when there were none). */
  readonly cleared: string[];
}

export interface MatcherStats {
  statements: number;
  ignoredStatus: number;
  entries: number;
  affectedEntries: number;
  notAffectedEntries: number;
  indexed: { name: number; model: number; cpe: number; purl: number };
  /** Entries no rule can reach (no vendor key or no product tokens, and no helper). */
  unindexed: number;
  vendors: number;
  buildMs: number;
}

interface Candidate {
  readonly entry: Entry; readonly rule: Rule; readonly vendor: string; readonly matched: string; readonly cpeAt?: number;
  /** Why this match can only be undecidable. */
  readonly condition?: string;
}

interface Prepared {
  readonly label: string;
  readonly names: { vendor: string; tokens: string[] }[];
  readonly vendors: ReadonlySet<string>;
  readonly models: readonly string[];
  readonly version: ParsedVersion | undefined;
  readonly purl: Purl | undefined;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
const SEP = '\u0000';

export class CsafMatcher implements AdvisoryMatcher {
  readonly stats: MatcherStats;
  private readonly byName = new Map<string, Entry[]>();
  private readonly byModel = new Map<string, Entry[]>();
  private readonly byCpe = new Map<string, { entry: Entry; at: number }[]>();
  private readonly byPurl = new Map<string, Entry[]>();

  /** Built from statements (from advisories with {@link statementsOf}, or rebuilt from stored rows). */
  constructor(statements: Iterable<CsafStatement>) {
    const t0 = performance.now();
    const st = { statements: 0, ignoredStatus: 0 };
    const entries = compileEntries(statements, st);
    const indexed = { name: 0, model: 0, cpe: 0, purl: 0 };
    let unindexed = 0;
    const vendors = new Set<string>();
    for (const e of entries) {
      let reached = false;
      if (e.vendors.length > 0 && e.tokens.length > 0) {
        for (const v of e.vendors) { push(this.byName, `${v}${SEP}${e.tokens.join(' ')}`, e); vendors.add(v); }
        indexed.name++; reached = true;
      }
      for (const m of e.models) push(this.byModel, m, e);
      if (e.models.length > 0) { indexed.model++; reached = true; }
      e.cpe?.entries?.forEach((ce, at) => { if (ce.key) { push(this.byCpe, ce.key, { entry: e, at }); reached = true; } });
      if (e.cpe?.entries) indexed.cpe++;
      if (e.purl?.purl) { push(this.byPurl, e.purl.key, e); indexed.purl++; reached = true; }
      if (!reached) unindexed++;
    }
    this.stats = {
      ...st, entries: entries.length,
      affectedEntries: entries.filter((e) => e.effect === 'affected').length, notAffectedEntries: entries.filter((e) => e.effect === 'not-affected').length,
      indexed, unindexed, vendors: vendors.size, buildMs: performance.now() - t0,
    };
  }

  static fromAdvisories(advisories: Iterable<CsafAdvisory>): CsafMatcher {
    const all: CsafStatement[] = [];
    for (const a of advisories) for (const s of statementsOf(a)) all.push(s);
    return new CsafMatcher(all);
  }

  matchComponent(c: AdvisoryComponent): AdvisoryHit[] {
    return this.explainComponent(c).hits;
  }

  /** The hits, and the not-affected statements that cleared any (or that the component matched). */
  explainComponent(c: AdvisoryComponent): { hits: AdvisoryHit[]; cleared: ClearedBy[] } {
    const p = prepare(c);
    const hits = new Map<string, { hit: AdvisoryHit; sources: string[] }>();
    const clears: ClearedBy[] = [];
    let compiled: CompiledComponent | null | undefined;
    for (const cand of this.candidates(c, p)) {
      const e = cand.entry;
      let verdict: VersionVerdict;
      if (cand.rule === 'cpe') {
        compiled ??= safeCompile(c);
        if (!compiled) continue;
        const m = explainEntry(e.cpe!.entries![cand.cpeAt!]!, compiled);
        if (m.outcome === 'no-match') continue;
        verdict = e.version.constraint.kind === 'text' ? checkVersion(e.version, undefined)
          : { outcome: m.outcome, text: e.version.constraint.text, explanation: m.version?.explanation ?? m.reason ?? 'criteria version ANY', ...(m.version?.checks ? { checks: m.version.checks } : {}) };
      } else if (cand.rule === 'purl') {
        const eco = ecosystemOf(p.purl!.type);
        const pv = e.purl!.purl!.version;
        const constraint = pv !== null && e.version.constraint.kind === 'all' && e.version.constraint.text === ''
          ? { kind: 'ranges' as const, text: pv, ranges: [{ versionStartIncluding: pv, versionEndIncluding: pv }] } : e.version.constraint;
        verdict = checkPurlVersion(constraint, p.purl!.version, eco?.ordering ?? null, p.purl!.type);
      } else {
        verdict = checkVersion(e.version, p.version);
      }
      if (verdict.outcome === 'no-match') continue;
      const condition = e.condition ?? cand.condition ?? (cand.rule === 'name' ? variantCondition(e, p.models) : undefined);
      const identity = e.identity.name;
      if (e.effect === 'not-affected') {
        if (verdict.outcome === 'match' && condition === undefined) {
          for (const cve of e.cves) clears.push({ cveId: cve, source: e.advisoryId, status: e.status, rule: cand.rule, identity, version: verdict, cleared: [] });
        }
        continue;
      }
      const status = verdict.outcome === 'match' && condition === undefined ? 'affected' : 'undecidable';
      const productKey = cand.rule === 'purl' ? purlProductKey(e.purl!.purl!)
        : cand.rule === 'cpe' ? `csaf:${e.cpe!.entries![0]!.key!.split(':').slice(1).join(':')}`
          : `csaf:${cand.vendor}:${e.tokens.join('_')}`;
      for (const cveId of e.cves) {
        const k = `${cveId}${SEP}${productKey}`;
        const prev = hits.get(k);
        // one hit per (CVE, productKey): affected wins; `sources` are the advisories that say the same
        if (prev && prev.hit.status === status) { if (!prev.sources.includes(e.advisoryId)) prev.sources.push(e.advisoryId); continue; }
        if (prev && prev.hit.status === 'affected') continue;
        hits.set(k, {
          sources: [e.advisoryId],
          hit: {
            cveId, productKey, status, source: e.advisoryId,
            explanation: {
              rule: cand.rule, matched: cand.matched, advisory: e.advisoryId, productId: e.productId, csafStatus: e.status,
              identity: { name: identity, vendor: e.identity.vendorName ?? e.identity.vendor, product: e.identity.productName, family: e.identity.family, ...(e.models.length ? { modelNumbers: e.models } : {}) },
              version: verdict, component: p.label,
              ...(status === 'undecidable' ? { reason: condition ?? verdict.explanation } : {}),
            },
          },
        });
      }
    }
    const out: AdvisoryHit[] = [];
    const clearedCves = new Map<string, ClearedBy[]>();
    for (const cl of clears) { const l = clearedCves.get(cl.cveId); if (l) l.push(cl); else clearedCves.set(cl.cveId, [cl]); }
    // a CVE the component is affected by is not also reported undecidable under another productKey
    const affectedCves = new Set<string>();
    for (const { hit } of hits.values()) if (hit.status === 'affected') affectedCves.add(hit.cveId);
    for (const { hit, sources } of hits.values()) {
      const by = clearedCves.get(hit.cveId);
      if (by) { for (const b of by) b.cleared.push(hit.productKey); continue; }
      if (hit.status === 'undecidable' && affectedCves.has(hit.cveId)) continue;
      out.push(sources.length > 1 ? { ...hit, explanation: { ...hit.explanation, sources } } : hit);
    }
    return { hits: out, cleared: clears };
  }

  /** Each candidate entry once, with the strongest rule that reaches it (cpe, purl, model number, name). */
  private candidates(c: AdvisoryComponent, p: Prepared): Candidate[] {
    const seen = new Map<Entry, Candidate>();
    const add = (cand: Candidate): void => { if (!seen.has(cand.entry)) seen.set(cand.entry, cand); };
    if (this.byCpe.size > 0) {
      // the component's own part:vendor:product keys (three, one per part, without a CPE), as for NVD criteria
      for (const key of safeCompile(c)?.keys ?? []) {
        for (const { entry, at } of this.byCpe.get(key) ?? []) add({ entry, rule: 'cpe', vendor: key.split(':')[1]!, matched: `CPE ${entry.cpe!.entries![at]!.entry.criteria} against ${p.label}`, cpeAt: at });
      }
    }
    if (p.purl) {
      for (const entry of this.byPurl.get(purlKey(p.purl)) ?? []) add({ entry, rule: 'purl', vendor: '', matched: `purl package ${purlKey(p.purl!)} (type/namespace/name) equal` });
    }
    for (const m of p.models) {
      for (const entry of this.byModel.get(m) ?? []) {
        const vendor = entry.vendors.find((v) => p.vendors.has(v));
        if (entry.vendors.length > 0 && p.vendors.size > 0 && vendor === undefined) continue;
        add({ entry, rule: 'model-number', vendor: vendor ?? entry.vendors[0] ?? '-', matched: `model number ${m} in the component's product text` });
      }
    }
    for (const { vendor, tokens } of p.names) {
      let key = `${vendor}${SEP}`;
      for (let k = 0; k < tokens.length; k++) {
        key += (k ? ' ' : '') + tokens[k];
        const list = this.byName.get(key);
        if (!list) continue;
        const how = k + 1 === tokens.length ? 'equals' : 'is a token-prefix of';
        // the component's name goes on in words only (no model or variant designation): another product of the line?
        const words = tokens.slice(k + 1).every((t) => !/\d/.test(t)) ? tokens.slice(k + 1) : [];
        for (const entry of list) {
          add({
            entry, rule: 'name', vendor, matched: `vendor ${vendor}; advisory product [${entry.tokens.join(' ')}] ${how} the component's [${tokens.join(' ')}]`,
            ...(words.length > 0 && !entry.line ? { condition: `the component's product goes on with [${words.join(' ')}], which the advisory's '${entry.identity.productName ?? entry.identity.name}' neither names nor calls a family or series: it may be another product of the line` } : {}),
          });
        }
      }
    }
    return [...seen.values()];
  }
}

/** `purl:pkg:type/namespace/name`: the package, without version, qualifiers or subpath. */
export function purlProductKey(p: Purl): string {
  const key = purlKey(p);
  const name = key.slice(key.lastIndexOf('/') + 1);
  return `purl:pkg:${p.type}/${p.namespace ? `${p.namespace}/` : ''}${name}`;
}

/** A name match to a model- or variant-specific identity whose model the component's text does not give: why it is undecidable. */
function variantCondition(e: Entry, models: readonly string[]): string | undefined {
  if (e.models.length > 0 && !e.models.some((m) => models.includes(m))) return `the advisory names model numbers ${e.models.join(', ')}; the component's product text gives none of them`;
  if (e.variants.length > 0 && !e.variants.some((m) => models.includes(m))) return `the advisory names the variant ${e.variants.join(' ')}; the component's product text does not`;
  return undefined;
}

function safeCompile(c: DeviceComponent): CompiledComponent | null {
  try { return compileComponent(c); } catch (e) { if (e instanceof CpeSyntaxError) return null; throw e; }
}

/** The component's vendor keys, product tokens (from its fields and from its CPE), model tokens, version and purl. */
function prepare(c: AdvisoryComponent): Prepared {
  const pairs: { vendor: string | undefined; product: string | undefined }[] = [{ vendor: c.vendor, product: c.product }];
  let cpeVersion: string | undefined;
  if (c.cpe) {
    try {
      const w = parseCpe(c.cpe);
      pairs.push({ vendor: plainValue(w.vendor), product: plainValue(w.product) });
      if (w.version !== ANY && w.version !== NA) { const v = plainValue(w.version); if (v && !/[*?]/.test(v)) cpeVersion = v; }
    } catch (e) { if (!(e instanceof CpeSyntaxError)) throw e; }
  }
  const names: { vendor: string; tokens: string[] }[] = [];
  const vendors = new Set<string>();
  const seen = new Set<string>();
  const models = new Set<string>();
  for (const { vendor, product } of pairs) {
    for (const m of modelTokens(product)) models.add(m);
    for (const v of vendorKeys(vendor)) {
      vendors.add(v);
      const tokens = productTokens(product, v);
      const k = `${v}${SEP}${tokens.join(' ')}`;
      if (tokens.length > 0 && !seen.has(k)) { seen.add(k); names.push({ vendor: v, tokens }); }
    }
  }
  let purl: Purl | undefined;
  if (c.purl) { try { purl = parsePurl(c.purl); } catch (e) { if (!(e instanceof PurlSyntaxError)) throw e; } }
  const v = c.version?.trim() || cpeVersion;
  return {
    label: c.cpe ? (c.version ? `${c.cpe} (version ${c.version})` : c.cpe) : c.purl ?? [c.vendor, c.product, c.version].filter(Boolean).join(' '),
    names, vendors, models: [...models], version: v ? parseVersion(v) : undefined, purl,
  };
}
