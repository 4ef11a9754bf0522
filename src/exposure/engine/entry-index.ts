/**
 * cpeMatch entries by part:vendor:product, with removal and a version filter for busy keys (gitlab:
 * ~50,000 entries at 300,000 CVEs).
 *
 * Within a key, an entry whose version constraint is a plain-numeric interval — bounds in the numeric
 * scheme, or a numeric fixed criteria version (lo = hi) — is kept in a centred interval tree: a component
 * with a plain-numeric version (where the order is total) visits only the intervals that contain it, in
 * O(log n + hits); survivors are checked with the core's `decide`. Other entries (`rest`), entries added
 * since the last build (`recent`, rebuilt once they pass 4·√n) and other component versions are checked
 * one by one, which stays correct when a comparison is undecidable. Entries of removed CVEs carry
 * `cve = -1` and are dropped at the next build.
 */
import type { CompiledComponent } from '../component.js';
import { decide } from '../entry-match.js';
import type { CompiledCve, CompiledEntry } from '../nvd-config.js';
import type { Outcome } from '../version-range.js';
import { orderVersions, type ParsedVersion } from '../version.js';
import { entriesOf } from './compile.js';

export interface Hit { readonly entry: CompiledEntry; readonly outcome: Outcome }

interface Interval { readonly e: CompiledEntry; readonly lo: ParsedVersion | undefined; readonly hi: ParsedVersion | undefined }

/** A centred interval tree node: the intervals containing `center`, by low end ascending and by high end descending. */
interface TreeNode {
  readonly center: ParsedVersion;
  readonly byLo: Interval[];
  readonly byHi: Interval[];
  readonly left: TreeNode | undefined;
  readonly right: TreeNode | undefined;
}

function build(iv: Interval[]): TreeNode | undefined {
  if (iv.length === 0) return undefined;
  const pts: ParsedVersion[] = [];
  for (const x of iv) { if (x.lo) pts.push(x.lo); if (x.hi) pts.push(x.hi); }
  pts.sort(orderVersions);
  const center = pts[pts.length >> 1]!;
  const left: Interval[] = [];
  const right: Interval[] = [];
  const here: Interval[] = [];
  for (const x of iv) {
    if (x.hi && orderVersions(x.hi, center) < 0) left.push(x);
    else if (x.lo && orderVersions(x.lo, center) > 0) right.push(x);
    else here.push(x);
  }
  return {
    center, byLo: [...here].sort((a, b) => cmpEnd(a.lo, b.lo)), byHi: here.sort((a, b) => cmpEnd(b.hi, a.hi, 1)),
    left: build(left), right: build(right),
  };
}

/** Visits every interval of the tree that may contain v (all of them when v is undefined). */
function stab(n: TreeNode | undefined, v: ParsedVersion | undefined, visit: (e: CompiledEntry) => void): void {
  while (n) {
    const o = v ? orderVersions(v, n.center) : NaN;
    if (o < 0) {
      for (const x of n.byLo) { if (x.lo && orderVersions(x.lo, v!) > 0) break; visit(x.e); }
      n = n.left;
    } else if (o > 0) {
      for (const x of n.byHi) { if (x.hi && orderVersions(x.hi, v!) < 0) break; visit(x.e); }
      n = n.right;
    } else {
      for (const x of n.byLo) visit(x.e);
      if (v) return;
      stab(n.left, v, visit);
      n = n.right;
    }
  }
}

class Bucket {
  all: CompiledEntry[] = [];
  tree: TreeNode | undefined;
  rest: CompiledEntry[] = [];
  /** Empty numeric intervals (low end above high end): no numeric version is in them. */
  empty: CompiledEntry[] = [];
  recent: CompiledEntry[] = [];
  dead = 0;

  add(e: CompiledEntry, bulk: boolean): void {
    this.all.push(e);
    this.recent.push(e);
    if (!bulk && this.recent.length > 4 * Math.sqrt(this.all.length) + 16) this.organise();
  }

  organise(): void {
    if (this.dead > 0) { this.all = this.all.filter((e) => e.cve >= 0); this.dead = 0; }
    const iv: Interval[] = [];
    this.rest = [];
    this.empty = [];
    for (const e of this.all) {
      const x = intervalOf(e);
      // An empty interval (low end above high end) is kept apart: no numeric version is in it, but a
      // version that is not numeric may be undecidable against it.
      if (x === EMPTY) this.empty.push(e); else if (x) iv.push(x); else this.rest.push(e);
    }
    this.tree = build(iv);
    this.recent = [];
  }
}

/** Orders ends; an undefined end (unbounded) sorts first, or last with `undef = 1`. */
function cmpEnd(a: ParsedVersion | undefined, b: ParsedVersion | undefined, undef: -1 | 1 = -1): number {
  if (!a) return b ? undef : 0;
  if (!b) return -undef;
  return orderVersions(a, b);
}

const EMPTY: Interval = Object.freeze({ e: undefined as unknown as CompiledEntry, lo: undefined, hi: undefined });

/** The entry's version constraint as a numeric interval (EMPTY when its low end is above its high end); undefined when it is not one. */
function intervalOf(e: CompiledEntry): Interval | undefined {
  if (!e.wfn) return undefined;
  let lo: ParsedVersion | undefined;
  let hi: ParsedVersion | undefined;
  if (e.fixedVersion) {
    if (e.fixedVersion.scheme !== 'numeric') return undefined;
    lo = hi = e.fixedVersion;
  } else if (e.wfn.version.kind !== 'any' || e.bounds.length === 0) return undefined;
  for (const b of e.bounds) {
    if (b.parsed.scheme !== 'numeric') return undefined;
    if (b.bound === 'versionStartIncluding' || b.bound === 'versionStartExcluding') lo = b.parsed; else hi = b.parsed;
  }
  if (lo && hi && orderVersions(lo, hi) > 0) return EMPTY;
  return { e, lo, hi };
}

export class EntryIndex {
  private readonly byKey = new Map<string, Bucket>();
  private wide: CompiledEntry[] = [];
  private wideDead = 0;

  /** While true (a full load), buckets are built once, at its end, not as they grow. */
  bulk = false;

  /** Ends a full load: every bucket built now (not at the first new CVE or component that meets it). */
  endBulk(): void {
    this.bulk = false;
    for (const b of this.byKey.values()) b.organise();
  }

  /** Files a CVE's entries; each entry's `cve` is set to `slot`. */
  add(cve: CompiledCve, slot: number): void {
    for (const e of entriesOf(cve)) {
      e.cve = slot;
      if (e.key === undefined) { this.wide.push(e); continue; }
      let b = this.byKey.get(e.key);
      if (!b) { b = new Bucket(); this.byKey.set(e.key, b); }
      b.add(e, this.bulk);
    }
  }

  /** Unfiles a CVE's entries (they are skipped at once, dropped at the next sort). */
  remove(cve: CompiledCve): void {
    for (const e of entriesOf(cve)) {
      e.cve = -1;
      if (e.key === undefined) this.wideDead++;
      else this.byKey.get(e.key)!.dead++;
    }
    if (this.wideDead > 64) { this.wide = this.wide.filter((e) => e.cve >= 0); this.wideDead = 0; }
  }

  /** Every live entry the component matches or is undecidable against. */
  matchComponent(c: CompiledComponent, out: Hit[] = []): Hit[] {
    this.eachMatch(c, (entry, outcome) => { out.push({ entry, outcome }); });
    return out;
  }

  /** Visits every live entry the component matches or is undecidable against (nothing allocated per entry). */
  eachMatch(c: CompiledComponent, visit: (e: CompiledEntry, o: Outcome) => void): void {
    const v = c.version !== undefined && c.version.scheme === 'numeric' ? c.version : undefined;
    const keys = c.keys.length > 0 ? c.keys : [...this.byKey.keys()];
    const from = c.keys.length > 0 ? 3 : 0;
    const consider = (e: CompiledEntry): void => {
      if (e.cve < 0) return;
      const o = decide(e, c, from);
      if (o !== 'no-match') visit(e, o);
    };
    for (const k of keys) {
      const b = this.byKey.get(k);
      if (!b) continue;
      if (b.dead * 4 > b.all.length || b.recent.length > 4 * Math.sqrt(b.all.length) + 16) b.organise();
      for (const e of b.rest) consider(e);
      for (const e of b.recent) consider(e);
      if (!v) for (const e of b.empty) consider(e);
      stab(b.tree, v, consider);
    }
    for (const e of this.wide) if (e.cve >= 0) { const o = decide(e, c, 0); if (o !== 'no-match') visit(e, o); }
  }
}
