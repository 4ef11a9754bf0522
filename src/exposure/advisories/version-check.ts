/**
 * An advisory's version constraint (src/exposure/sources/version-text.ts) against a component's version:
 * match / no-match / undecidable, explained.
 *
 * - NVD comparator (src/exposure/version.ts via version-range.ts) for name, model-number and CPE matches:
 *   any range holding is a match; else any undecidable range makes it undecidable; else no match.
 * - A purl's own ecosystem ordering (src/exposure/purl) for purl matches; an ecosystem without an
 *   ordering is undecidable.
 * - `all` matches every version (also a component without one); a constraint kept as text is undecidable
 *   and carries the advisory's text and why it was not normalised; a component without a version against
 *   a range is undecidable.
 */
import type { VersionConstraint } from '../sources/version-text.js';
import type { VersionOrdering } from '../purl/ordering.js';
import { type BoundCheck, type CompiledBound, compileBounds, evaluateRange, type Outcome, rangeOutcome, type VersionBounds } from '../version-range.js';
import type { ParsedVersion } from '../version.js';

export interface VersionVerdict {
  readonly outcome: Outcome;
  /** The advisory's version text. */
  readonly text: string;
  readonly explanation: string;
  readonly checks?: readonly BoundCheck[];
}

/** A constraint with its ranges' bounds parsed once. */
export interface CompiledConstraint {
  readonly constraint: VersionConstraint;
  readonly ranges: readonly (readonly CompiledBound[])[];
}

export function compileConstraint(constraint: VersionConstraint): CompiledConstraint {
  return { constraint, ranges: constraint.kind === 'ranges' ? constraint.ranges.map(compileBounds) : [] };
}

const show = (b: VersionBounds): string => [
  b.versionStartIncluding !== undefined ? `>= ${b.versionStartIncluding}` : '', b.versionStartExcluding !== undefined ? `> ${b.versionStartExcluding}` : '',
  b.versionEndIncluding !== undefined ? `<= ${b.versionEndIncluding}` : '', b.versionEndExcluding !== undefined ? `< ${b.versionEndExcluding}` : '',
].filter(Boolean).join(' ');

/** The constraint against a component version parsed for the NVD comparator (undefined: no version). */
export function checkVersion(cc: CompiledConstraint, v: ParsedVersion | undefined): VersionVerdict {
  const c = cc.constraint;
  if (c.kind === 'all') return { outcome: 'match', text: c.text, explanation: `all versions${c.text ? ` ('${c.text}')` : ' (no version given)'}` };
  if (c.kind === 'text') return { outcome: 'undecidable', text: c.text, explanation: `the advisory's version text '${c.text}' is not a range the comparator can evaluate (${c.reason})` };
  if (v === undefined) return { outcome: 'undecidable', text: c.text, explanation: `the component has no version; the advisory names ${c.ranges.map(show).join(' or ')}` };
  // Hot path: decide without explanations first.
  let best: Outcome = 'no-match';
  for (const r of cc.ranges) {
    const o = rangeOutcome(v, r);
    if (o === 'match') { best = o; break; }
    if (o === 'undecidable') best = o;
  }
  const results = cc.ranges.map((r) => evaluateRange(v, r));
  const chosen = best === 'no-match' ? results : results.filter((r) => r.outcome === best).slice(0, 1);
  return {
    outcome: best, text: c.text,
    explanation: chosen.map((r) => r.explanation).join(' | '),
    checks: chosen.flatMap((r) => r.checks),
  };
}

const HOLDS: Record<keyof VersionBounds, (o: number) => boolean> = {
  versionStartIncluding: (o) => o >= 0, versionStartExcluding: (o) => o > 0, versionEndIncluding: (o) => o <= 0, versionEndExcluding: (o) => o < 0,
};
const OP: Record<keyof VersionBounds, string> = { versionStartIncluding: '>=', versionStartExcluding: '>', versionEndIncluding: '<=', versionEndExcluding: '<' };

/** One range's bounds with an ecosystem ordering. */
function purlRange(b: VersionBounds, version: string, ordering: VersionOrdering): { outcome: Outcome; explanation: string } {
  let failed = false, unknown = false;
  const parts: string[] = [];
  for (const key of Object.keys(OP) as (keyof VersionBounds)[]) {
    const bound = b[key];
    if (bound === undefined) continue;
    const value = bound.replace(/^[vV](?=\d)/, '');
    const c = ordering.compare(version, value);
    if (!c.decided) { unknown = true; parts.push(`${version} ? ${value} (${key}, undecidable: ${c.reason})`); continue; }
    const holds = HOLDS[key](c.order);
    if (!holds) failed = true;
    parts.push(`${version} ${c.order < 0 ? '<' : c.order > 0 ? '>' : '='} ${value} (${key} ${OP[key]} ${value}: ${holds ? 'holds' : 'fails'}, ${ordering.scheme})`);
  }
  return { outcome: failed ? 'no-match' : unknown ? 'undecidable' : 'match', explanation: parts.join('; ') || 'no version bounds' };
}

/** The constraint against a purl version with the purl type's ordering (null: the type has none). */
export function checkPurlVersion(c: VersionConstraint, version: string | null, ordering: VersionOrdering | null, type: string): VersionVerdict {
  if (c.kind === 'all') return { outcome: 'match', text: c.text, explanation: 'all versions' };
  if (c.kind === 'text') return { outcome: 'undecidable', text: c.text, explanation: `the advisory's version text '${c.text}' is not a range (${c.reason})` };
  if (version === null) return { outcome: 'undecidable', text: c.text, explanation: 'the component\'s purl has no version' };
  if (ordering === null) return { outcome: 'undecidable', text: c.text, explanation: `no version ordering is implemented for purl type '${type}'` };
  const results = c.ranges.map((r) => purlRange(r, version, ordering));
  const best: Outcome = results.some((r) => r.outcome === 'match') ? 'match' : results.some((r) => r.outcome === 'undecidable') ? 'undecidable' : 'no-match';
  const chosen = best === 'no-match' ? results : results.filter((r) => r.outcome === best).slice(0, 1);
  return { outcome: best, text: c.text, explanation: chosen.map((r) => r.explanation).join(' | ') };
}
