/**
 * The statuses `evaluateCve` gives a device, without building explanations: the same three-valued
 * AND/OR/negate evaluation (see ../evaluate.ts) over the core's allocation-free `decide`, answering
 * (component index, product key, status) — what device profiles need for thousands of CVEs at a time.
 * Explanations are built only when a finding is read (explain.ts calls evaluateCve itself).
 */
import type { CompiledComponent } from '../component.js';
import { decide } from '../entry-match.js';
import type { CompiledConfiguration, CompiledCve, CompiledEntry, CompiledNode } from '../nvd-config.js';
import type { Outcome } from '../version-range.js';
import { AFFECTED, UNDECIDABLE } from './compile.js';

export type Tri = 0 | 1 | 2; // false, unknown, true

/**
 * What an entry answers for the k-th component of the device. By default `decide` is asked; a caller that
 * already holds each component's hits on the CVE (every entry it matched or was undecidable against, as the
 * engine's identities do) answers from them instead: an entry not among them is a no-match.
 */
export type EntryOutcome = (e: CompiledEntry, k: number) => Outcome;

interface EntryState { readonly e: CompiledEntry; readonly state: Tri; readonly hits: number[]; readonly unknowns: number[] }

function entryState(e: CompiledEntry, comps: readonly CompiledComponent[], outcome: EntryOutcome | undefined): EntryState {
  const hits: number[] = [];
  const unknowns: number[] = [];
  // An unparseable criteria is unknown and names no component (evaluateCve reports it without one).
  if (!e.wfn) return { e, state: 1, hits, unknowns };
  for (let k = 0; k < comps.length; k++) {
    const c = comps[k]!;
    const o = outcome ? outcome(e, k) : decide(e, c, e.key !== undefined && c.keys.includes(e.key) ? 3 : 0);
    if (o === 'match') hits.push(k); else if (o === 'undecidable') unknowns.push(k);
  }
  return { e, state: hits.length ? 2 : unknowns.length ? 1 : 0, hits, unknowns };
}

const combine = (and: boolean, xs: readonly Tri[]): Tri =>
  (and ? (xs.includes(0) ? 0 : xs.includes(1) ? 1 : 2) : (xs.includes(2) ? 2 : xs.includes(1) ? 1 : 0));
const not = (t: Tri): Tri => (2 - t) as Tri;

/** A node's state on a device (negation applied), as `configuration` reads it. */
export function nodeState(n: CompiledNode, comps: readonly CompiledComponent[]): Tri {
  const s = combine(n.operator === 'AND', n.entries.map((e) => entryState(e, comps, undefined).state));
  return n.negate ? not(s) : s;
}

function configuration(
  cfg: CompiledConfiguration, comps: readonly CompiledComponent[], out: (comp: number, e: CompiledEntry, status: number) => void, outcome: EntryOutcome | undefined,
): void {
  const nodes = cfg.nodes.map((n) => {
    const entries = n.entries.map((e) => entryState(e, comps, outcome));
    const s = combine(n.operator === 'AND', entries.map((x) => x.state));
    return { negate: n.negate, entries, state: n.negate ? not(s) : s };
  });
  const inner = combine(cfg.operator === 'AND', nodes.map((x) => x.state));
  const state = cfg.negate ? not(inner) : inner;
  if (state === 0 || cfg.negate) return;
  const contributing = nodes.filter((x) => !x.negate && (cfg.operator === 'AND' || x.state === state));
  if (state === 2) {
    for (const x of contributing) for (const es of x.entries) if (es.e.entry.vulnerable && es.state === 2) for (const k of es.hits) out(k, es.e, AFFECTED);
    for (const x of nodes) {
      if (x.negate || x.state === 0) continue;
      for (const es of x.entries) if (es.e.entry.vulnerable) for (const k of es.unknowns) out(k, es.e, UNDECIDABLE);
    }
    return;
  }
  for (const x of contributing) for (const es of x.entries) {
    if (!es.e.entry.vulnerable || es.state === 0) continue;
    for (const k of es.hits) out(k, es.e, UNDECIDABLE);
    for (const k of es.unknowns) out(k, es.e, UNDECIDABLE);
  }
}

/** Every (component index, entry, status) evaluateCve would report for the device (its findings' subjects). */
export function deviceStatuses(
  cve: CompiledCve, comps: readonly CompiledComponent[], out: (comp: number, e: CompiledEntry, status: number) => void, outcome?: EntryOutcome,
): void {
  for (const cfg of cve.configurations) configuration(cfg, comps, out, outcome);
}
