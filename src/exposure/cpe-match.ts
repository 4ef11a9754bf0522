/**
 * CPE name matching (NISTIR 7696). Attribute comparison gives one of SUPERSET, SUBSET, EQUAL, DISJOINT
 * or UNDEFINED, per the spec's table (source → target):
 *
 * | source \ target | ANY      | NA       | i (value)            | m + wildcards |
 * |-----------------|----------|----------|----------------------|---------------|
 * | ANY             | EQUAL    | SUPERSET | SUPERSET             | UNDEFINED     |
 * | NA              | SUBSET   | EQUAL    | DISJOINT             | UNDEFINED     |
 * | i               | SUBSET   | DISJOINT | EQUAL if i = k, else DISJOINT | UNDEFINED |
 * | m + wildcards   | SUBSET   | DISJOINT | SUPERSET if m matches k, else DISJOINT | UNDEFINED |
 *
 * Values compare case-insensitively. A leading `*` matches any prefix and a trailing `*` any suffix;
 * each leading (trailing) `?` matches at most one character, as the spec's `compareStrings` pseudo-code
 * does (a run of n `?` allows a prefix of 0…n characters).
 *
 * Name comparison: CPE_DISJOINT when any attribute is DISJOINT; CPE_EQUAL when all are EQUAL;
 * CPE_SUBSET when all are SUBSET or EQUAL; CPE_SUPERSET when all are SUPERSET or EQUAL.
 */
import { ATTRIBUTES, type Attribute, type CompiledValue, type CompiledWfn } from './cpe-wfn.js';

export type Relation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED';

export function compareAttribute(source: CompiledValue, target: CompiledValue): Relation {
  if (target.kind === 'pattern') return 'UNDEFINED';
  switch (source.kind) {
    case 'any':
      return target.kind === 'any' ? 'EQUAL' : 'SUPERSET';
    case 'na':
      return target.kind === 'any' ? 'SUBSET' : target.kind === 'na' ? 'EQUAL' : 'DISJOINT';
    case 'value':
      if (target.kind === 'any') return 'SUBSET';
      if (target.kind === 'na') return 'DISJOINT';
      return source.text === target.text ? 'EQUAL' : 'DISJOINT';
    case 'pattern':
      if (target.kind === 'any') return 'SUBSET';
      if (target.kind === 'na') return 'DISJOINT';
      return patternMatches(source, target.text) ? 'SUPERSET' : 'DISJOINT';
  }
}

/** Does the wildcard pattern (compiled source) match the plain lowercased target text? */
export function patternMatches(p: CompiledValue, target: string): boolean {
  const n = p.text.length;
  let from = 0;
  while (from <= target.length) {
    const at = target.indexOf(p.text, from);
    if (at < 0) return false;
    if (p.lead !== -1 && at > p.lead) return false;
    const rest = target.length - at - n;
    if (p.trail === -1 || rest <= p.trail) return true;
    from = at + 1;
  }
  return false;
}

export interface NameComparison {
  /** The relation of each attribute, source to target. */
  readonly attributes: Readonly<Record<Attribute, Relation>>;
  /** DISJOINT, EQUAL, SUBSET or SUPERSET per the name-level functions; UNDEFINED when none holds. */
  readonly relation: Relation;
}

export function compareNames(source: CompiledWfn, target: CompiledWfn): NameComparison {
  const attributes = {} as Record<Attribute, Relation>;
  let disjoint = false;
  let allEqual = true;
  let subset = true;
  let superset = true;
  for (const a of ATTRIBUTES) {
    const r = compareAttribute(source[a], target[a]);
    attributes[a] = r;
    if (r === 'DISJOINT') disjoint = true;
    if (r !== 'EQUAL') allEqual = false;
    if (r !== 'SUBSET' && r !== 'EQUAL') subset = false;
    if (r !== 'SUPERSET' && r !== 'EQUAL') superset = false;
  }
  const relation: Relation = disjoint ? 'DISJOINT' : allEqual ? 'EQUAL' : subset ? 'SUBSET' : superset ? 'SUPERSET' : 'UNDEFINED';
  return { attributes, relation };
}

export const isDisjoint = (s: CompiledWfn, t: CompiledWfn): boolean => compareNames(s, t).relation === 'DISJOINT';
export const isEqual = (s: CompiledWfn, t: CompiledWfn): boolean => compareNames(s, t).relation === 'EQUAL';
export function isSubset(s: CompiledWfn, t: CompiledWfn): boolean {
  const r = compareNames(s, t).relation;
  return r === 'SUBSET' || r === 'EQUAL';
}
export function isSuperset(s: CompiledWfn, t: CompiledWfn): boolean {
  const r = compareNames(s, t).relation;
  return r === 'SUPERSET' || r === 'EQUAL';
}

/**
 * The predicate NVD match criteria use: the criteria (source) covers the name (target) when every
 * attribute is SUPERSET or EQUAL (CPE_SUPERSET). `strict: false` accepts any non-DISJOINT relation,
 * i.e. a target that is less specific than the criteria (ANY where the criteria names a value).
 */
export function criteriaMatches(criteria: CompiledWfn, name: CompiledWfn, strict = true): boolean {
  const r = compareNames(criteria, name).relation;
  return strict ? r === 'SUPERSET' || r === 'EQUAL' : r !== 'DISJOINT';
}
