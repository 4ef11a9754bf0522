/**
 * NVD version ranges: versionStartIncluding/Excluding and versionEndIncluding/Excluding on a cpeMatch,
 * evaluated with {@link compareVersions}. Every bound is checked and reported; the range holds when all
 * hold, fails as soon as one bound is decided false (a decided exclusion is certain even when another
 * bound is undecidable), and is undecidable otherwise.
 */
import { compareVersions, type Order, orderVersions, type ParsedVersion, version } from './version.js';

export const BOUND_NAMES = ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const;
export type BoundName = (typeof BOUND_NAMES)[number];
export type VersionBounds = Partial<Record<BoundName, string>>;

export interface CompiledBound {
  readonly bound: BoundName;
  readonly value: string;
  readonly parsed: ParsedVersion;
}

export function compileBounds(b: VersionBounds): CompiledBound[] {
  const out: CompiledBound[] = [];
  for (const bound of BOUND_NAMES) {
    const value = b[bound];
    if (value !== undefined && value !== '') out.push({ bound, value, parsed: version(value) });
  }
  return out;
}

export interface BoundCheck {
  readonly bound: BoundName;
  readonly value: string;
  /** true/false when decided, undefined when undecidable. */
  readonly holds: boolean | undefined;
  /** Component version compared to the bound, when decided. */
  readonly order?: Order;
  readonly scheme: string;
  readonly reason?: string;
}

export type Outcome = 'match' | 'no-match' | 'undecidable';

export interface RangeResult {
  readonly outcome: Outcome;
  readonly checks: readonly BoundCheck[];
  /** A sentence: "2.3 < 2.4 (versionEndExcluding, numeric)". */
  readonly explanation: string;
}

const OP: Record<BoundName, string> = {
  versionStartIncluding: '>=', versionStartExcluding: '>', versionEndIncluding: '<=', versionEndExcluding: '<',
};
const SYM: Record<string, string> = { '-1': '<', '0': '=', '1': '>' };

function holdsFor(bound: BoundName, o: Order): boolean {
  switch (bound) {
    case 'versionStartIncluding': return o >= 0;
    case 'versionStartExcluding': return o > 0;
    case 'versionEndIncluding': return o <= 0;
    case 'versionEndExcluding': return o < 0;
  }
}

/** The outcome alone, without explanation: the hot path of matching (no allocation). */
export function rangeOutcome(pv: ParsedVersion, bounds: readonly CompiledBound[]): Outcome {
  let unknown = false;
  for (const b of bounds) {
    const o = orderVersions(pv, b.parsed);
    if (Number.isNaN(o)) unknown = true;
    else if (!holdsFor(b.bound, o as Order)) return 'no-match';
  }
  return unknown ? 'undecidable' : 'match';
}

/** Evaluates a version against compiled bounds (an empty list matches every version). */
export function evaluateRange(v: string | ParsedVersion, bounds: readonly CompiledBound[]): RangeResult {
  const pv = version(v);
  const checks: BoundCheck[] = [];
  let failed = false;
  let unknown = false;
  for (const b of bounds) {
    const c = compareVersions(pv, b.parsed);
    if (c.decided) {
      const holds = holdsFor(b.bound, c.order);
      if (!holds) failed = true;
      checks.push({ bound: b.bound, value: b.value, holds, order: c.order, scheme: c.scheme });
    } else {
      unknown = true;
      checks.push({ bound: b.bound, value: b.value, holds: undefined, scheme: c.scheme, reason: c.reason });
    }
  }
  const outcome: Outcome = failed ? 'no-match' : unknown ? 'undecidable' : 'match';
  const explanation = checks
    .map((c) => c.holds === undefined
      ? `${pv.raw} ? ${c.value} (${c.bound}, undecidable: ${c.reason})`
      : `${pv.raw} ${SYM[String(c.order)]} ${c.value} (${c.bound} ${OP[c.bound]} ${c.value}: ${c.holds ? 'holds' : 'fails'}, ${c.scheme})`)
    .join('; ');
  return { outcome, checks, explanation: explanation || 'no version bounds' };
}
