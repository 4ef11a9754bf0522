/**
 * One cpeMatch entry against one component.
 *
 * - Every attribute but the version is compared per NISTIR 7696 (criteria = source, component = target):
 *   any DISJOINT is no match. SUBSET or UNDEFINED (the component says ANY where the criteria names a value,
 *   e.g. no target_sw) still match, as the domain rule "a name matches when no attribute is DISJOINT" says;
 *   those attributes are listed in `lessSpecific` so the explanation shows it.
 * - The version: with bounds, the component's version is checked against them ({@link evaluateRange});
 *   with a fixed criteria version, it must compare equal under the version comparator (1.2 = 1.2.0);
 *   ANY matches every version; NA and wildcard criteria versions follow NISTIR 7696. A component without a
 *   version (ANY) against bounds or a fixed version is undecidable, never assumed either way.
 */
import type { CompiledComponent } from './component.js';
import { compareAttribute, type Relation } from './cpe-match.js';
import { ATTRIBUTES, type Attribute } from './cpe-wfn.js';
import type { CompiledEntry } from './nvd-config.js';
import { type BoundCheck, evaluateRange, type Outcome, rangeOutcome } from './version-range.js';
import { compareVersions, orderVersions } from './version.js';

export interface VersionExplanation {
  /** How the version was decided. */
  readonly compared: 'range' | 'fixed' | 'any' | 'na' | 'pattern';
  readonly scheme?: string;
  readonly explanation: string;
  readonly checks?: readonly BoundCheck[];
}

export interface EntryMatch {
  readonly outcome: Outcome;
  /** NISTIR 7696 relation of the name without its version attribute. */
  readonly relation: Relation;
  readonly lessSpecific: readonly Attribute[];
  readonly version?: VersionExplanation;
  /** Why no match or why undecidable. */
  readonly reason?: string;
}

const NAME_ATTRS = ATTRIBUTES.filter((a) => a !== 'version');

const VERSION_AT = ATTRIBUTES.indexOf('version');
const NO_MATCH: EntryMatch = Object.freeze({ outcome: 'no-match', relation: 'DISJOINT', lessSpecific: Object.freeze([]) as readonly Attribute[], reason: 'an attribute is disjoint or the version is outside' });

/**
 * The outcome alone, allocation-free: the hot path of candidate lookup. `from` skips attributes known
 * equal (3 when the entry was found under the component's own part:vendor:product key).
 * {@link explainEntry} gives the same outcome with its explanation.
 */
export function decide(e: CompiledEntry, c: CompiledComponent, from = 0): Outcome {
  const ev = e.wfn?.values;
  if (!ev) return 'undecidable';
  const cv = c.wfn.values;
  // Only attributes the criteria constrains (not ANY) can be DISJOINT.
  const cons = e.constrained;
  for (let i = 0; i < cons.length; i++) {
    const k = cons[i]!;
    if (k >= from && compareAttribute(ev[k]!, cv[k]!) === 'DISJOINT') return 'no-match';
  }
  const fixed = ev[VERSION_AT]!;
  if (e.bounds.length > 0 || fixed.kind === 'value') {
    if (c.version === undefined) return 'undecidable';
    let r: Outcome = 'match';
    if (e.bounds.length > 0) {
      r = rangeOutcome(c.version, e.bounds);
      if (r === 'no-match') return r;
    }
    if (e.fixedVersion) {
      const o = orderVersions(c.version, e.fixedVersion);
      if (Number.isNaN(o)) r = 'undecidable';
      else if (o !== 0) return 'no-match';
    }
    return r;
  }
  return compareAttribute(fixed, cv[VERSION_AT]!) === 'DISJOINT' ? 'no-match' : 'match';
}

/** One entry against one component, explained (the explanation is built only when it is not a plain no-match). */
export function matchEntry(e: CompiledEntry, c: CompiledComponent): EntryMatch {
  return decide(e, c) === 'no-match' ? NO_MATCH : explainEntry(e, c);
}

/** The full comparison with its explanation. */
export function explainEntry(e: CompiledEntry, c: CompiledComponent): EntryMatch {
  if (!e.wfn) return { outcome: 'undecidable', relation: 'UNDEFINED', lessSpecific: [], reason: `criteria cannot be parsed: ${e.error}` };
  const lessSpecific: Attribute[] = [];
  let sup = false;
  let sub = false;
  let undef = false;
  for (const a of NAME_ATTRS) {
    const r = compareAttribute(e.wfn[a], c.wfn[a]);
    if (r === 'DISJOINT') return { outcome: 'no-match', relation: 'DISJOINT', lessSpecific, reason: `${a} differs` };
    if (r === 'SUPERSET') sup = true;
    else if (r === 'SUBSET') { sub = true; lessSpecific.push(a); } else if (r === 'UNDEFINED') { undef = true; lessSpecific.push(a); }
  }
  const relation: Relation = undef || (sup && sub) ? 'UNDEFINED' : sub ? 'SUBSET' : sup ? 'SUPERSET' : 'EQUAL';
  const base = { relation, lessSpecific };
  const cv = e.wfn.version;

  if (e.bounds.length > 0 || cv.kind === 'value') {
    if (c.versionKind !== 'value' || !c.version) {
      const why = c.versionKind === 'any' ? 'the component has no version' : c.versionKind === 'na' ? 'the component version is NA' : 'the component version is a pattern';
      return { ...base, outcome: 'undecidable', reason: `${why}; the criteria ${e.bounds.length ? 'has a version range' : `names version ${e.entry.criteria.split(':')[5]}`}` };
    }
    if (e.bounds.length > 0) {
      // Hot path: most candidates under a key fail on the range; decide that without building explanations.
      if (rangeOutcome(c.version, e.bounds) === 'no-match') return { ...base, outcome: 'no-match', reason: 'version outside the range' };
      // NVD puts ranges on criteria whose version is ANY; a fixed version alongside bounds must also hold.
      const r = evaluateRange(c.version, e.bounds);
      const version: VersionExplanation = { compared: 'range', scheme: r.checks[0]?.scheme, explanation: r.explanation, checks: r.checks };
      if (cv.kind === 'value') {
        const f = compareVersions(c.version, cv.text);
        if (f.decided && f.order !== 0) return { ...base, outcome: 'no-match', version, reason: `version ${c.version.raw} is not ${cv.text}` };
        if (!f.decided && r.outcome === 'match') return { ...base, outcome: 'undecidable', version, reason: f.reason };
      }
      return { ...base, outcome: r.outcome, version, reason: r.outcome === 'match' ? undefined : r.explanation };
    }
    const f = compareVersions(c.version, cv.text);
    const version: VersionExplanation = {
      compared: 'fixed', scheme: f.scheme,
      explanation: f.decided ? `${c.version.raw} ${f.order === 0 ? '=' : '≠'} ${cv.text} (fixed version, ${f.scheme})` : `${c.version.raw} ? ${cv.text} (fixed version, undecidable: ${f.reason})`,
    };
    if (!f.decided) return { ...base, outcome: 'undecidable', version, reason: f.reason };
    return { ...base, outcome: f.order === 0 ? 'match' : 'no-match', version, reason: f.order === 0 ? undefined : version.explanation };
  }
  const r = compareAttribute(cv, c.wfn.version);
  if (r === 'DISJOINT') return { ...base, outcome: 'no-match', reason: 'version differs (NISTIR 7696)' };
  const compared = cv.kind === 'any' ? 'any' : cv.kind === 'na' ? 'na' : 'pattern';
  return { ...base, outcome: 'match', version: { compared, explanation: `criteria version ${compared === 'any' ? 'ANY' : compared === 'na' ? 'NA' : 'pattern'}: ${r}` } };
}
