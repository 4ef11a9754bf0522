/**
 * Candidate lookup by (part, vendor, product).
 *
 * Every cpeMatch entry whose criteria names a plain part, vendor and product is filed under the interned
 * id of `part:vendor:product` (a Map from the key to a small integer, and per id the list of entries);
 * the rare entries with ANY or a wildcard there go to one `wide` list checked against every component.
 * A component looks up only its own key (three keys when its part is unknown), so matching one component
 * touches only the entries that could possibly match it.
 *
 * Incremental evaluation (issue 4, "a new CVE re-evaluates only the components it can touch"): the
 * {@link ComponentIndex} files components under the same keys; a new or changed CVE takes the keys of its
 * cpeMatch entries, finds the components filed under them (plus, for a `wide` entry, all), groups them by
 * device, and evaluates its configurations only for those devices. A changed component re-evaluates only
 * the CVEs reachable from its own keys ({@link MatchIndex.candidateCves}).
 */
import type { CompiledComponent } from './component.js';
import { decide, type EntryMatch, matchEntry } from './entry-match.js';
import type { Outcome } from './version-range.js';
import { orderVersions, type ParsedVersion } from './version.js';
import { evaluateCve, type Finding } from './evaluate.js';
import type { CompiledCve, CompiledEntry } from './nvd-config.js';

export interface EntryHit {
  readonly cve: CompiledCve;
  readonly entry: CompiledEntry;
  /** match or undecidable; {@link explainEntry} gives the explanation when it is wanted. */
  readonly outcome: Outcome;
}

/**
 * The entries under one key. Those with a single end bound in the plain numeric scheme are also kept
 * sorted by that bound (rebuilt lazily after additions): a component whose version is plain numeric
 * (where the order is total, never undecidable) skips by binary search every range ending below it.
 */
interface Bucket {
  readonly all: CompiledEntry[];
  sorted: CompiledEntry[];
  ends: ParsedVersion[];
  rest: CompiledEntry[];
  dirty: boolean;
}

function numericEnd(e: CompiledEntry): ParsedVersion | undefined {
  let end: ParsedVersion | undefined;
  for (const b of e.bounds) {
    if (b.bound !== 'versionEndIncluding' && b.bound !== 'versionEndExcluding') continue;
    if (end || b.parsed.scheme !== 'numeric') return undefined;
    end = b.parsed;
  }
  return end;
}

function organise(b: Bucket): void {
  const withEnd: { e: CompiledEntry; end: ParsedVersion }[] = [];
  b.rest = [];
  for (const e of b.all) {
    const end = e.wfn ? numericEnd(e) : undefined;
    if (end) withEnd.push({ e, end }); else b.rest.push(e);
  }
  withEnd.sort((x, y) => orderVersions(x.end, y.end));
  b.sorted = withEnd.map((x) => x.e);
  b.ends = withEnd.map((x) => x.end);
  b.dirty = false;
}

export class MatchIndex {
  private readonly ids = new Map<string, number>();
  private readonly byKey: Bucket[] = [];
  private readonly wide: CompiledEntry[] = [];
  readonly cves: CompiledCve[] = [];

  /** Adds a compiled CVE; returns its index. */
  add(cve: CompiledCve): number {
    const k = this.cves.length;
    this.cves.push(cve);
    for (const cfg of cve.configurations) for (const n of cfg.nodes) for (const e of n.entries) {
      e.cve = k;
      if (e.key === undefined) { this.wide.push(e); continue; }
      let id = this.ids.get(e.key);
      if (id === undefined) {
        id = this.byKey.length;
        this.ids.set(e.key, id);
        this.byKey.push({ all: [], sorted: [], ends: [], rest: [], dirty: true });
      }
      const b = this.byKey[id]!;
      b.all.push(e);
      b.dirty = true;
    }
    return k;
  }

  get keyCount(): number { return this.byKey.length; }
  get wideCount(): number { return this.wide.length; }

  /** Every cpeMatch entry the component matches or is undecidable against (vulnerable or not). */
  matchComponent(c: CompiledComponent): EntryHit[] {
    const out: EntryHit[] = [];
    const v = c.version;
    const numeric = v !== undefined && v.scheme === 'numeric';
    // A component with ANY or a wildcard in its vendor or product has no key: every bucket is a candidate.
    const ids = c.keys.length > 0 ? c.keys.map((k) => this.ids.get(k)) : this.byKey.map((_, k) => k);
    const skip = c.keys.length > 0 ? 3 : 0;
    for (const id of ids) {
      if (id === undefined) continue;
      const b = this.byKey[id]!;
      if (b.dirty) organise(b);
      // Part, vendor and product are equal under the key: compare from the version on.
      let from = 0;
      if (numeric) {
        // First entry whose end bound is not below the version (below it, every such range excludes it).
        let lo = 0;
        let hi = b.ends.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (orderVersions(b.ends[mid]!, v) < 0) lo = mid + 1; else hi = mid;
        }
        from = lo;
      }
      for (let k = from; k < b.sorted.length; k++) this.consider(b.sorted[k]!, c, skip, out);
      for (const e of b.rest) this.consider(e, c, skip, out);
    }
    for (const e of this.wide) this.consider(e, c, 0, out);
    return out;
  }

  private consider(e: CompiledEntry, c: CompiledComponent, from: number, out: EntryHit[]): void {
    const o = decide(e, c, from);
    if (o !== 'no-match') out.push({ cve: this.cves[e.cve]!, entry: e, outcome: o });
  }

  /** CVEs with at least one entry a component of the device could match. */
  candidateCves(comps: readonly CompiledComponent[]): CompiledCve[] {
    const seen = new Set<number>();
    for (const c of comps) for (const h of this.matchComponent(c)) seen.add(h.entry.cve);
    return [...seen].sort((a, b) => a - b).map((k) => this.cves[k]!);
  }

  /** Findings for one device: only the candidate CVEs' configurations are evaluated. */
  evaluateDevice(comps: readonly CompiledComponent[]): Finding[] {
    const memo = new Map<CompiledEntry, Map<string, EntryMatch>>();
    const match = (e: CompiledEntry, c: CompiledComponent): EntryMatch => {
      let m = memo.get(e);
      if (!m) { m = new Map(); memo.set(e, m); }
      let r = m.get(c.id);
      if (!r) { r = matchEntry(e, c); m.set(c.id, r); }
      return r;
    };
    const out: Finding[] = [];
    for (const cve of this.candidateCves(comps)) out.push(...evaluateCve(cve, comps, match));
    return out;
  }
}

/** Components filed under their keys, for "which components can this CVE touch". */
export class ComponentIndex {
  private readonly byKey = new Map<string, CompiledComponent[]>();
  private readonly all: CompiledComponent[] = [];

  add(c: CompiledComponent): void {
    this.all.push(c);
    for (const k of c.keys) {
      let l = this.byKey.get(k);
      if (!l) { l = []; this.byKey.set(k, l); }
      l.push(c);
    }
  }

  /** Components a CVE's entries could match: by key, or all of them for a wide entry. */
  componentsFor(cve: CompiledCve): CompiledComponent[] {
    const out = new Set<CompiledComponent>();
    for (const cfg of cve.configurations) for (const n of cfg.nodes) for (const e of n.entries) {
      if (e.key === undefined) return [...this.all];
      for (const c of this.byKey.get(e.key) ?? []) out.add(c);
    }
    return [...out];
  }
}
