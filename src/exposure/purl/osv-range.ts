/**
 * OSV `affected` entries evaluated against a component's purl: the package (purl or ecosystem + name),
 * the `versions` list and `ranges[]` (SEMVER, ECOSYSTEM, GIT) with their `introduced` / `fixed` /
 * `last_affected` / `limit` events, using the ecosystem's own version ordering.
 *
 * Range semantics (OSV schema): events are placed in version order (introduced "0" first); a version is
 * affected when the latest event at or below it is an `introduced` — an `introduced` or `fixed` counts when
 * the version is ≥ it, a `last_affected` when the version is > it. A version at or above a `limit` is not
 * affected by that range. The entry matches when the version is listed or any range matches; it is
 * undecidable when nothing matched and some comparison was undecidable (a GIT range, an ecosystem
 * without an ordering, a version the ordering cannot read) — never silently dropped or matched.
 */
import { ecosystemOf } from './ecosystems.js';
import { semverOrdering } from './order-semver.js';
import type { VersionOrdering } from './ordering.js';
import { parsePurl, type Purl } from './parse.js';

export type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
export type OsvEvent = Partial<Record<EventKind, string>>;
export interface OsvRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}
export interface OsvAffected {
  readonly package?: { readonly ecosystem?: string; readonly name?: string; readonly purl?: string };
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
}

export type PurlOutcome = 'match' | 'no-match' | 'undecidable';

export interface EventCheck {
  readonly kind: EventKind;
  readonly value: string;
  /** Component version compared to the event's, when decided. */
  readonly order?: -1 | 0 | 1;
  readonly reason?: string;
}

export interface RangeVerdict {
  readonly outcome: PurlOutcome;
  readonly rangeType: OsvRange['type'];
  readonly scheme: string | null;
  /** The event that decided the outcome (the latest one at or below the version), when there is one. */
  readonly event?: { readonly kind: EventKind; readonly value: string };
  readonly checks: readonly EventCheck[];
  readonly explanation: string;
}

export interface AffectedVerdict {
  readonly outcome: PurlOutcome;
  readonly version: string | null;
  readonly ranges: readonly RangeVerdict[];
  readonly explanation: string;
}

const KINDS: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];
const SYM = { '-1': '<', '0': '=', '1': '>' } as const;

function eventsOf(range: OsvRange): { kind: EventKind; value: string }[] {
  const out: { kind: EventKind; value: string }[] = [];
  for (const e of range.events) for (const kind of KINDS) if (e[kind] !== undefined) out.push({ kind, value: e[kind]! });
  return out;
}

/** One range against one version, with the ordering the range type and ecosystem call for. */
export function evaluateOsvRange(range: OsvRange, version: string, ecosystemOrdering: VersionOrdering | null): RangeVerdict {
  const base = { rangeType: range.type };
  if (range.type === 'GIT') {
    return { ...base, outcome: 'undecidable', scheme: null, checks: [], explanation: `GIT range${range.repo ? ` of ${range.repo}` : ''}: its events are commits, and a package version cannot be placed among them` };
  }
  const ordering = range.type === 'SEMVER' ? semverOrdering : ecosystemOrdering;
  if (!ordering) return { ...base, outcome: 'undecidable', scheme: null, checks: [], explanation: 'ECOSYSTEM range: no version ordering is implemented for this ecosystem' };
  const scheme = ordering.scheme;
  const events = eventsOf(range);
  const checks: EventCheck[] = [];
  const passed: { kind: EventKind; value: string }[] = [];
  let unknown = false;
  for (const ev of events) {
    if (ev.kind === 'introduced' && ev.value === '0') {
      checks.push({ kind: ev.kind, value: ev.value, order: 1 });
      passed.push(ev);
      continue;
    }
    const c = ordering.compare(version, ev.value);
    if (!c.decided) { unknown = true; checks.push({ kind: ev.kind, value: ev.value, reason: c.reason }); continue; }
    checks.push({ kind: ev.kind, value: ev.value, order: c.order });
    if (ev.kind === 'last_affected' ? c.order > 0 : c.order >= 0) passed.push(ev);
  }
  const text = (extra: string): string => `${extra} (${range.type}, ${scheme}): ${checks.map((c) => c.order === undefined
    ? `${version} ? ${c.kind} ${c.value} (${c.reason})`
    : `${version} ${c.kind === 'introduced' && c.value === '0' ? '>' : SYM[c.order]} ${c.kind} ${c.value}`).join('; ')}`;
  if (unknown) return { ...base, outcome: 'undecidable', scheme, checks, explanation: text('undecidable') };
  const limit = passed.find((e) => e.kind === 'limit');
  if (limit) return { ...base, outcome: 'no-match', scheme, event: limit, checks, explanation: text(`at or above limit ${limit.value}`) };
  if (passed.length === 0) return { ...base, outcome: 'no-match', scheme, checks, explanation: text('below every introduced event') };
  // The latest passed event, in version order (introduced "0" lowest; at equal versions a closing event is later).
  let latest = passed[0]!;
  for (const ev of passed.slice(1)) {
    const c = latest.kind === 'introduced' && latest.value === '0' ? -1 : ev.kind === 'introduced' && ev.value === '0' ? 1 : (() => {
      const o = ordering.compare(latest.value, ev.value);
      return o.decided ? o.order : NaN;
    })();
    if (Number.isNaN(c)) {
      return { ...base, outcome: 'undecidable', scheme, checks, explanation: text(`events ${latest.value} and ${ev.value} cannot be ordered`) };
    }
    if (c < 0 || (c === 0 && ev.kind !== 'introduced')) latest = ev;
  }
  const affected = latest.kind === 'introduced';
  return {
    ...base, outcome: affected ? 'match' : 'no-match', scheme, event: latest, checks,
    explanation: text(affected ? `affected since introduced ${latest.value}` : `not affected: past ${latest.kind} ${latest.value}`),
  };
}

/**
 * The package name as OSV writes it for an ecosystem: Maven group:artifact, npm @scope/name, Go module
 * path; a deb or rpm namespace is the distribution vendor, not part of the name.
 */
export function osvPackageName(p: Purl): string {
  if (p.type === 'maven') return `${p.namespace}:${p.name}`;
  if (p.type === 'deb' || p.type === 'rpm') return p.name;
  return p.namespace ? `${p.namespace}/${p.name}` : p.name;
}

/** Names as the registry compares them: PyPI per PEP 503 (case, runs of `-_.`), NuGet case-insensitively. */
function registryName(type: string, name: string): string {
  if (type === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return type === 'nuget' ? name.toLowerCase() : name;
}

function samePackage(a: Purl, b: Purl): boolean {
  return a.type === b.type && a.namespace === b.namespace && registryName(a.type, a.name) === registryName(b.type, b.name);
}

/** An OSV `affected` entry against a component's purl (a string or a parsed purl). */
export function evaluateAffected(affected: OsvAffected, component: string | Purl): AffectedVerdict {
  const p = typeof component === 'string' ? parsePurl(component) : component;
  const eco = ecosystemOf(p.type);
  const pkg = affected.package;
  if (pkg?.purl) {
    const q = parsePurl(pkg.purl);
    if (!samePackage(p, q)) return { outcome: 'no-match', version: p.version, ranges: [], explanation: `different package: ${pkg.purl}` };
  } else if (pkg?.name !== undefined) {
    const eName = pkg.ecosystem?.split(':')[0];
    if (eco && eName !== undefined && eName !== eco.osv) return { outcome: 'no-match', version: p.version, ranges: [], explanation: `different ecosystem: ${pkg.ecosystem} (component is ${eco.osv})` };
    if (registryName(p.type, pkg.name) !== registryName(p.type, osvPackageName(p))) return { outcome: 'no-match', version: p.version, ranges: [], explanation: `different package: ${pkg.name}` };
  }
  const v = p.version;
  if (v === null) return { outcome: 'undecidable', version: null, ranges: [], explanation: 'the component\'s purl has no version' };
  const ordering = eco?.ordering ?? null;
  for (const listed of affected.versions ?? []) {
    if (listed === v) return { outcome: 'match', version: v, ranges: [], explanation: `${v} is listed in versions` };
    const c = ordering?.compare(v, listed);
    if (c?.decided && c.order === 0) return { outcome: 'match', version: v, ranges: [], explanation: `${v} = ${listed}, listed in versions (${ordering!.scheme})` };
  }
  const ranges = (affected.ranges ?? []).map((r) => evaluateOsvRange(r, v, ordering));
  const hit = ranges.find((r) => r.outcome === 'match');
  if (hit) return { outcome: 'match', version: v, ranges, explanation: hit.explanation };
  const open = ranges.filter((r) => r.outcome === 'undecidable');
  if (open.length) return { outcome: 'undecidable', version: v, ranges, explanation: open.map((r) => r.explanation).join(' | ') };
  return {
    outcome: 'no-match', version: v, ranges,
    explanation: ranges.length ? ranges.map((r) => r.explanation).join(' | ') : `${v} is not in the versions list`,
  };
}
