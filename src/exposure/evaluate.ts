/**
 * Evaluates a CVE's NVD configuration trees against one device (a set of components), in three-valued
 * logic: true, false, or unknown (some comparison undecidable).
 *
 * - A cpeMatch is true when some component matches it, unknown when none matches but one is undecidable.
 * - A node is the OR / AND of its cpeMatch entries; a configuration the AND / OR of its nodes (an absent
 *   operator reads as OR); `negate` flips true and false (unknown stays unknown).
 * - Findings come only from `vulnerable: true` entries that matched, in non-negated nodes that make the
 *   configuration hold: in AND(OR(firmware, vulnerable), OR(hardware, vulnerable:false)) the firmware is a
 *   finding only when the hardware is present, and the hardware itself never is. The matched
 *   `vulnerable: false` entries are listed as the finding's platform.
 * - When the configuration is unknown, each vulnerable entry that matched or was undecidable becomes an
 *   `undecidable` finding carrying every undecidable comparison of the configuration as its reasons; when
 *   it holds, a vulnerable entry that was itself undecidable (beside others that decided the node) is an
 *   `undecidable` finding with its own reasons: never dropped.
 */
import type { CompiledComponent } from './component.js';
import type { Relation } from './cpe-match.js';
import type { Attribute } from './cpe-wfn.js';
import { type EntryMatch, matchEntry, type VersionExplanation } from './entry-match.js';
import type { CompiledConfiguration, CompiledCve, CompiledEntry, CompiledNode } from './nvd-config.js';

type Tri = 'T' | 'F' | 'U';

export interface PlatformMatch {
  readonly path: string;
  readonly criteria: string;
  readonly matchCriteriaId?: string;
  readonly componentId: string;
}

export interface Finding {
  readonly status: 'affected' | 'undecidable';
  readonly cveId: string;
  /** e.g. configurations[0].nodes[1].cpeMatch[3] */
  readonly path: string;
  readonly criteria: string;
  readonly matchCriteriaId?: string;
  readonly componentId: string;
  /** The component as named on input (its CPE, or vendor product version). */
  readonly component: string;
  /** NISTIR 7696 relation of criteria to component name, version aside. */
  readonly nameRelation: Relation;
  /** Attributes the criteria names and the component leaves ANY. */
  readonly lessSpecific: readonly Attribute[];
  readonly version?: VersionExplanation;
  /** The running-on entries (vulnerable: false) that held. */
  readonly platform: readonly PlatformMatch[];
  /** For undecidable findings: each undecidable comparison in the configuration. */
  readonly reasons: readonly { path: string; componentId?: string; reason: string }[];
}

interface EntryState {
  readonly e: CompiledEntry;
  readonly state: Tri;
  readonly hits: { c: CompiledComponent; m: EntryMatch }[];
  readonly unknowns: { c: CompiledComponent | undefined; m: EntryMatch }[];
}

/** Entry results may be memoised by the caller (one component meets one entry once per device). */
export type EntryMatcher = (e: CompiledEntry, c: CompiledComponent) => EntryMatch;

function entryState(e: CompiledEntry, comps: readonly CompiledComponent[], match: EntryMatcher): EntryState {
  const hits: EntryState['hits'] = [];
  const unknowns: EntryState['unknowns'] = [];
  if (!e.wfn) {
    unknowns.push({ c: undefined, m: matchEntry(e, comps[0] ?? ({} as CompiledComponent)) });
    return { e, state: 'U', hits, unknowns };
  }
  for (const c of comps) {
    const m = match(e, c);
    if (m.outcome === 'match') hits.push({ c, m });
    else if (m.outcome === 'undecidable') unknowns.push({ c, m });
  }
  return { e, state: hits.length ? 'T' : unknowns.length ? 'U' : 'F', hits, unknowns };
}

const not = (t: Tri): Tri => (t === 'T' ? 'F' : t === 'F' ? 'T' : 'U');
function combine(op: 'AND' | 'OR', xs: readonly Tri[]): Tri {
  if (op === 'OR') return xs.includes('T') ? 'T' : xs.includes('U') ? 'U' : 'F';
  return xs.includes('F') ? 'F' : xs.includes('U') ? 'U' : 'T';
}

interface NodeState { readonly n: CompiledNode; readonly entries: EntryState[]; readonly state: Tri }

function nodeState(n: CompiledNode, comps: readonly CompiledComponent[], match: EntryMatcher): NodeState {
  const entries = n.entries.map((e) => entryState(e, comps, match));
  const s = combine(n.operator, entries.map((x) => x.state));
  return { n, entries, state: n.negate ? not(s) : s };
}

/** Evaluates one configuration; findings for its vulnerable entries when it holds or is unknown. */
export function evaluateConfiguration(
  cveId: string, cfg: CompiledConfiguration, comps: readonly CompiledComponent[], match: EntryMatcher = matchEntry,
): Finding[] {
  const nodes = cfg.nodes.map((n) => nodeState(n, comps, match));
  const inner = combine(cfg.operator, nodes.map((x) => x.state));
  const state = cfg.negate ? not(inner) : inner;
  if (state === 'F' || cfg.negate) return []; // a negated configuration that holds names nothing that matched
  // Nodes that make the configuration hold (AND: all; OR: those in the configuration's state).
  const contributing = nodes.filter((x) => !x.n.negate && (cfg.operator === 'AND' || x.state === state));
  const platform: PlatformMatch[] = [];
  for (const x of contributing) for (const es of x.entries) {
    if (es.e.entry.vulnerable || es.state !== 'T') continue;
    for (const h of es.hits) platform.push({ path: es.e.path, criteria: es.e.entry.criteria, matchCriteriaId: es.e.entry.matchCriteriaId, componentId: h.c.id });
  }
  const findings: Finding[] = [];
  const make = (es: EntryState, c: CompiledComponent | undefined, m: EntryMatch, status: Finding['status'], reasons: Finding['reasons']): Finding => ({
    status, cveId, path: es.e.path, criteria: es.e.entry.criteria, matchCriteriaId: es.e.entry.matchCriteriaId,
    componentId: c?.id ?? '', component: c?.label ?? '', nameRelation: m.relation, lessSpecific: m.lessSpecific,
    version: m.version, platform, reasons,
  });
  if (state === 'T') {
    for (const x of contributing) for (const es of x.entries) {
      if (!es.e.entry.vulnerable || es.state !== 'T') continue;
      for (const h of es.hits) findings.push(make(es, h.c, h.m, 'affected', []));
    }
    // The configuration holds; a component a vulnerable entry could not be decided for is still reported,
    // with its reasons — also when another component matched the same entry.
    for (const x of nodes) {
      if (x.n.negate || x.state === 'F') continue;
      for (const es of x.entries) {
        if (!es.e.entry.vulnerable || es.unknowns.length === 0) continue;
        const own = es.unknowns.map((u) => ({ path: es.e.path, componentId: u.c?.id, reason: u.m.reason ?? 'undecidable' }));
        for (const u of es.unknowns) findings.push(make(es, u.c, u.m, 'undecidable', own));
      }
    }
    return findings;
  }
  const reasons: { path: string; componentId?: string; reason: string }[] = [];
  for (const x of nodes) for (const es of x.entries) for (const u of es.unknowns) {
    reasons.push({ path: es.e.path, componentId: u.c?.id, reason: u.m.reason ?? 'undecidable' });
  }
  for (const x of contributing) for (const es of x.entries) {
    if (!es.e.entry.vulnerable || es.state === 'F') continue;
    for (const h of es.hits) findings.push(make(es, h.c, h.m, 'undecidable', reasons));
    for (const u of es.unknowns) findings.push(make(es, u.c, u.m, 'undecidable', reasons));
  }
  return findings;
}

/** Evaluates every configuration of a CVE against the device. */
export function evaluateCve(cve: CompiledCve, comps: readonly CompiledComponent[], match: EntryMatcher = matchEntry): Finding[] {
  const out: Finding[] = [];
  for (const cfg of cve.configurations) out.push(...evaluateConfiguration(cve.id, cfg, comps, match));
  return out;
}
