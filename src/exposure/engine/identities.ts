/**
 * Distinct component identities (cpe / purl / vendor / product / version): real registers repeat the same
 * product and version across thousands of sites, so each identity is matched once — against the entry index
 * and the advisory matchers — and every component of that identity shares the result.
 *
 * Per identity, in flat arrays sorted by (CVE slot, product key) and never changed in place (packed.ts):
 * its own findings (CVEs whose configurations need no other component — ORs of vulnerable entries — and
 * advisory hits), and its hits on the vulnerable entries of grouped device-level CVEs, per platform group
 * (groups.ts); for general device-level CVEs, its hits by slot and the slots where a vulnerable entry hit,
 * which make its devices' profiles evaluate that CVE. Nothing is allocated per hit: a Chrome version meets
 * ~11,000 CVEs.
 */
import type { AdvisoryHit, AdvisoryMatcher } from '../advisory.js';
import { compileComponent, type CompiledComponent, type DeviceComponent } from '../component.js';
import { parseCpe } from '../cpe-parse.js';
import { ATTRIBUTES, plainValue } from '../cpe-wfn.js';
import { decide } from '../entry-match.js';
import type { CompiledCve, CompiledEntry } from '../nvd-config.js';
import type { Outcome } from '../version-range.js';
import { AFFECTED, type EngineEntry, entriesOf, ROLE_GATED, ROLE_GENERAL, ROLE_PLATFORM, UNDECIDABLE } from './compile.js';
import type { CveTable } from './cves.js';
import type { Hit, MatchSink } from './entry-index.js';
import { foldRecords } from './groups.js';
import { EMPTY, hasSlot, PK_SPAN, replaceSlot, slotRange } from './packed.js';
import type { EngineComponent } from './types.js';

export { AFFECTED, Names, UNDECIDABLE } from './compile.js';

/** An engine component as the matchers see it (the purl rides along for advisory matchers). */
export type MatchableComponent = DeviceComponent & { purl?: string };

/** An identity's hits in one platform group. */
export interface GroupHits {
  /** (slot, pk, platform signature index or -1 for an own configuration, status) quads sorted by slot, pk, signature. */
  readonly hits: Int32Array;
  /** (slot, pk, status) triples by platform state (groups.ts), built when first read. */
  readonly mat: Map<number, Int32Array>;
}

export interface Identity {
  readonly idx: number;
  readonly key: string;
  readonly device: MatchableComponent;
  readonly comp: CompiledComponent;
  /**
   * Whether NVD configurations are matched at all: not for a component with neither a CPE nor a product
   * (a purl-only SBOM entry), which NISTIR 7696 would call undecidable against every criteria; advisory
   * (purl) matchers still see it.
   */
  readonly nvd: boolean;
  /** Own findings: (slot, pk, status) triples sorted by slot and pk, status AFFECTED or UNDECIDABLE. */
  own: Int32Array;
  /** Hits on grouped device-level CVEs, by group id. */
  readonly groups: Map<number, GroupHits>;
  /** General device-level CVEs: every hit (platform entries included), by slot. */
  readonly general: Map<number, Hit[]>;
  /** General device-level CVE slots where a vulnerable entry matched or was undecidable. */
  readonly trigger: Set<number>;
  /**
   * Platform groups whose platform entries it matched or was undecidable against (kept when the CVEs go):
   * a group's platform state on a device can change with this identity only if it is listed here.
   */
  readonly platforms: Set<number>;
  advisory: AdvisoryHit[];
  /** Components of this identity (indices), and profiles containing it. */
  readonly components: number[];
  readonly profiles: Set<number>;
  /**
   * The identity whose NVD matches it shares (a twin: same attributes beside the version, the version in
   * the same place among every entry; see IdentityTable.alike), or its own index. Twins answer every entry
   * alike, so a device evaluation memoised for one holds for the other (profiles.ts).
   */
  matchesOf: number;
}

/** Sort keys in a growable Float64Array. */
class Keys {
  buf = new Float64Array(64);
  n = 0;
  push(k: number): void {
    if (this.n === this.buf.length) { const b = new Float64Array(this.n * 2); b.set(this.buf); this.buf = b; }
    this.buf[this.n++] = k;
  }
  /**
   * The keys in order. The index gives a key's ranked entries in CVE order, after the few hits of its other
   * entries: the keys are one long ascending run and a few others. Those few are sorted and merged into the
   * run (a Chrome version's ~9,000 keys: a sort of all of them was half the cost of matching it).
   */
  sorted(): Float64Array {
    const a = this.buf.subarray(0, this.n);
    // the longest ascending run
    let start = 0;
    let best = 0;
    let bestAt = 0;
    for (let k = 1; k <= a.length; k++) {
      if (k < a.length && a[k - 1]! <= a[k]!) continue;
      if (k - start > best) { best = k - start; bestAt = start; }
      start = k;
    }
    if (best === a.length) return a;
    const rest = a.length - best;
    if (rest * 8 > a.length) return a.sort();
    const other = new Float64Array(rest);
    other.set(a.subarray(0, bestAt));
    other.set(a.subarray(bestAt + best), bestAt);
    other.sort();
    const out = new Float64Array(a.length);
    let i = bestAt;
    const end = bestAt + best;
    let j = 0;
    let o = 0;
    while (i < end && j < rest) out[o++] = a[i]! <= other[j]! ? a[i++]! : other[j++]!;
    while (i < end) out[o++] = a[i++]!;
    while (j < rest) out[o++] = other[j++]!;
    return out;
  }
}

/**
 * The highest status of each run of sorted keys (x · 2 + status) with the same x, in order. The keys pass
 * 2^31, so the status is taken by subtraction (% of a double is a call into V8's runtime).
 */
function highest(keys: Float64Array, emit: (x: number, status: number) => void): void {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const x = Math.floor(key / 2);
    if (k + 1 < keys.length && Math.floor(keys[k + 1]! / 2) === x) continue; // the last of a run is the highest
    emit(x, key - 2 * x);
  }
}

/**
 * A component's hits, sorted into own findings and grouped hits as sort keys ((slot, pk) then status, and
 * for grouped hits the kind: gated or own), general hits into the identity.
 */
class Collector implements MatchSink {
  private readonly own = new Keys();
  private readonly grouped = new Map<number, Keys>();
  constructor(private readonly x: Identity) {}

  hit(e: CompiledEntry, o: Outcome): void {
    const en = e as EngineEntry;
    if (en.role === ROLE_GENERAL) {
      const l = this.x.general.get(e.cve);
      if (l) l.push({ entry: e, outcome: o }); else this.x.general.set(e.cve, [{ entry: e, outcome: o }]);
      if (e.entry.vulnerable) this.x.trigger.add(e.cve);
      return;
    }
    // As evaluateCve: a platform entry makes no finding, an unparseable criteria of a device-level CVE names no component.
    if (en.gid >= 0 && en.role === ROLE_PLATFORM) { this.x.platforms.add(en.gid); return; }
    if (en.gid >= 0 && !e.wfn) return;
    this.put(e.cve, en.pk, en.role, en.gid, o === 'match' ? AFFECTED : UNDECIDABLE);
  }

  ranked(slot: number, pk: number, role: number, gid: number, entries: readonly CompiledEntry[], k: number): void {
    if (role === ROLE_GENERAL) { this.hit(entries[k]!, 'match'); return; }
    if (role !== ROLE_PLATFORM || gid < 0) this.put(slot, pk, role, gid, AFFECTED);
    else this.x.platforms.add(gid);
  }

  advisory(slot: number, pk: number, st: number): void { this.own.push((slot * PK_SPAN + pk) * 2 + st); }

  private put(slot: number, pk: number, role: number, gid: number, st: number): void {
    if (gid < 0) { this.own.push((slot * PK_SPAN + pk) * 2 + st); return; }
    let g = this.grouped.get(gid);
    if (!g) { g = new Keys(); this.grouped.set(gid, g); }
    g.push(((slot * PK_SPAN + pk) * 16 + (role >= ROLE_GATED ? role - ROLE_GATED + 1 : 0)) * 2 + st);
  }

  // (slot · PK_SPAN + pk) is split by subtraction too.

  /** (slot, pk, status) triples, the highest status per (slot, pk). */
  ownRecords(): Int32Array {
    const keys = this.own.sorted();
    const out = new Int32Array(keys.length * 3);
    let n = 0;
    highest(keys, (sp, st) => {
      const slot = Math.floor(sp / PK_SPAN);
      out[n++] = slot;
      out[n++] = sp - slot * PK_SPAN;
      out[n++] = st;
    });
    return n === out.length ? out : out.slice(0, n);
  }

  /** Group id → (slot, pk, signature, status) quads, the highest status per (slot, pk, signature). */
  groupedRecords(): Map<number, Int32Array> {
    const out = new Map<number, Int32Array>();
    for (const [gid, g] of this.grouped) {
      const keys = g.sorted();
      const q = new Int32Array(keys.length * 4);
      let n = 0;
      highest(keys, (sps, st) => {
        const sp = Math.floor(sps / 16);
        const slot = Math.floor(sp / PK_SPAN);
        q[n++] = slot;
        q[n++] = sp - slot * PK_SPAN;
        q[n++] = sps - 16 * sp - 1;
        q[n++] = st;
      });
      out.set(gid, n === q.length ? q : q.slice(0, n));
    }
    return out;
  }
}

const VERSION_AT = ATTRIBUTES.indexOf('version');

/** The component's attributes other than the version (what the entries compare beside it) and its keys. */
function attributesBesideVersion(c: CompiledComponent): string {
  return `${c.keys.join(',')}\u0001${c.wfn.values.map((v, k) => (k === VERSION_AT ? '' : `${v.kind}:${v.lead}:${v.trail}:${v.text}`)).join('\u0001')}`;
}

/** Gives x the NVD matches of twin (same attributes, version in the same place among every entry): arrays are shared, never changed in place. */
function shareMatches(twin: Identity, x: Identity): void {
  x.own = twin.own;
  for (const [gid, g] of twin.groups) x.groups.set(gid, g);
  for (const [slot, hits] of twin.general) x.general.set(slot, [...hits]);
  for (const s of twin.trigger) x.trigger.add(s);
  for (const g of twin.platforms) x.platforms.add(g);
}

export function identityKey(c: EngineComponent): string {
  return `${c.cpe ?? ''}\u0001${c.purl ?? ''}\u0001${c.vendor ?? ''}\u0001${c.product ?? ''}\u0001${c.version ?? ''}`;
}

/** The matcher's view of a register component: the CPE (its version overridden only when the register's differs). */
export function matchable(c: Pick<EngineComponent, 'cpe' | 'purl' | 'vendor' | 'product' | 'version'>, id: string): MatchableComponent {
  const d: MatchableComponent = { id };
  if (c.purl) d.purl = c.purl;
  if (c.cpe) {
    d.cpe = c.cpe;
    if (c.version && plainValue(parseCpe(c.cpe).version) !== c.version.trim()) d.version = c.version;
  } else {
    if (c.vendor) d.vendor = c.vendor;
    if (c.product) d.product = c.product;
    if (c.version) d.version = c.version;
  }
  return d;
}

export class IdentityTable {
  readonly all: Identity[] = [];
  private readonly byKey = new Map<string, number>();
  /** Identities filed under each index key (part:vendor:product), and those without a key. */
  private readonly byIndexKey = new Map<string, number[]>();
  private readonly keyless: number[] = [];
  /**
   * Identities by match signature (attributes beside the version, and where the version falls among every
   * entry of its keys: entry-index.ts), valid within one index epoch: a new version that falls where an
   * identity's does (a new Chrome build between the same two bounds) shares its arrays instead of being
   * matched again. Only identities without advisory hits (those depend on the version otherwise).
   */
  private alike = new Map<string, number>();
  private alikeEpoch = -1;

  constructor(private readonly cves: CveTable, public matchers: readonly AdvisoryMatcher[]) {}

  get productKeys() { return this.cves.compiler.productKeys; }

  get(key: string): Identity | undefined {
    const k = this.byKey.get(key);
    return k === undefined ? undefined : this.all[k];
  }

  /** The identity of a component, created and evaluated against everything when new. Raises CpeSyntaxError on a bad CPE. */
  intern(c: EngineComponent): Identity {
    const key = identityKey(c);
    const known = this.get(key);
    if (known) return known;
    const idx = this.all.length;
    const device = matchable(c, `identity-${idx}`);
    const x: Identity = {
      idx, matchesOf: idx, key, device, comp: compileComponent(device), nvd: Boolean(c.cpe || c.product), own: EMPTY, groups: new Map(),
      general: new Map(), trigger: new Set(), platforms: new Set(), advisory: [], components: [], profiles: new Set(),
    };
    this.all.push(x);
    this.byKey.set(key, idx);
    const found = new Collector(x);
    x.advisory = this.matchers.flatMap((m) => m.matchComponent(x.device));
    if (x.nvd) {
      if (x.comp.keys.length === 0) this.keyless.push(idx);
      for (const k of x.comp.keys) {
        const l = this.byIndexKey.get(k);
        if (l) l.push(idx); else this.byIndexKey.set(k, [idx]);
      }
      const { index } = this.cves;
      const sig = x.advisory.length === 0 ? index.signature(x.comp) : undefined;
      const key = sig === undefined ? undefined : `${attributesBesideVersion(x.comp)}\u0002${sig}`;
      if (this.alikeEpoch !== index.epoch) { this.alike = new Map(); this.alikeEpoch = index.epoch; }
      const twin = key === undefined ? undefined : this.all[this.alike.get(key) ?? -1];
      if (twin && twin.advisory.length === 0) { shareMatches(twin, x); x.matchesOf = twin.matchesOf; return x; }
      index.eachMatch(x.comp, found);
      if (key !== undefined && this.alikeEpoch === index.epoch) this.alike.set(key, idx);
    }
    for (const h of x.advisory) this.addAdvisory(found, this.cves.ensure(h.cveId), h);
    x.own = found.ownRecords();
    for (const [gid, q] of found.groupedRecords()) x.groups.set(gid, { hits: q, mat: new Map() });
    return x;
  }

  private addAdvisory(found: Collector, slot: number, h: AdvisoryHit): void {
    found.advisory(slot, this.productKeys.id(h.productKey), h.status === 'affected' ? AFFECTED : UNDECIDABLE);
  }

  /** Re-asks the advisory matchers about one identity; returns the CVE slots whose own findings may have changed. */
  askAdvisories(x: Identity): Set<number> {
    const touched = new Set<number>();
    for (const h of x.advisory) touched.add(this.cves.ensure(h.cveId));
    x.advisory = this.matchers.flatMap((m) => m.matchComponent(x.device));
    for (const h of x.advisory) touched.add(this.cves.ensure(h.cveId));
    for (const slot of touched) this.rematch(x, slot);
    return touched;
  }

  /** Identities a CVE's entries can touch: filed under their keys (all of them for a wide entry), and the keyless. */
  candidates(cve: CompiledCve): Set<number> {
    const out = new Set<number>(this.keyless);
    for (const e of entriesOf(cve)) {
      if (e.key === undefined) { for (const x of this.all) if (x.nvd) out.add(x.idx); return out; }
      for (const k of this.byIndexKey.get(e.key) ?? []) out.add(k);
    }
    return out;
  }

  /**
   * Re-matches one identity against one CVE slot's current configurations (none: the hits go) and its
   * advisory hits; returns whether its grouped hits changed.
   */
  rematch(x: Identity, slot: number): boolean {
    const s = this.cves.slots[slot]!;
    // the CVE changed: its entries may tell x from its twins now (its memoised device evaluations are its own again)
    x.matchesOf = x.idx;
    x.general.delete(slot);
    x.trigger.delete(slot);
    const found = new Collector(x);
    if (s.cve && x.nvd) {
      for (const e of entriesOf(s.cve)) {
        const o = decide(e, x.comp, e.key !== undefined && x.comp.keys.includes(e.key) ? 3 : 0);
        if (o !== 'no-match') found.hit(e, o);
      }
    }
    for (const h of x.advisory) if (h.cveId === s.id) this.addAdvisory(found, slot, h);
    x.own = replaceSlot(x.own, 3, slot, found.ownRecords());
    let changed = false;
    for (const [gid, g] of x.groups) {
      if (!hasSlot(g.hits, 4, slot)) continue;
      const hits = replaceSlot(g.hits, 4, slot, []);
      if (hits.length) x.groups.set(gid, { hits, mat: new Map() }); else x.groups.delete(gid);
      changed = true;
    }
    for (const [gid, q] of found.groupedRecords()) {
      x.groups.set(gid, { hits: replaceSlot(x.groups.get(gid)?.hits ?? EMPTY, 4, slot, q), mat: new Map() });
      changed = true;
    }
    return changed;
  }

  /** Own findings at one slot: product key id → status. */
  ownAt(x: Identity, slot: number): Map<number, number> {
    const out = new Map<number, number>();
    const [from, to] = slotRange(x.own, 3, slot);
    for (let k = from; k < to; k++) out.set(x.own[k * 3 + 1]!, x.own[k * 3 + 2]!);
    return out;
  }

  /** Whether the identity has findings, or findings depending on its device, at a slot. */
  touches(x: Identity, slot: number): boolean {
    if (hasSlot(x.own, 3, slot) || x.general.has(slot)) return true;
    for (const g of x.groups.values()) if (hasSlot(g.hits, 4, slot)) return true;
    return false;
  }

  /** (slot, pk, status) triples of the identity's own findings. */
  packed(x: Identity): Int32Array { return x.own; }
}

/** An identity's findings in a group at a platform state: (slot, pk, status) triples, shared. */
export function groupFindings(g: GroupHits, code: number): Int32Array {
  let m = g.mat.get(code);
  if (m) return m;
  const out = new Int32Array(g.hits.length / 4 * 3);
  let n = 0;
  foldRecords(g.hits, 0, g.hits.length / 4, code, (slot, pk, st) => { out[n++] = slot; out[n++] = pk; out[n++] = st; });
  m = n === out.length ? out : out.slice(0, n);
  g.mat.set(code, m);
  return m;
}

/** The compiled entry at a configuration path of a CVE. */
export function entryAt(cve: CompiledCve, path: string): import('../nvd-config.js').CompiledEntry {
  const m = /^configurations\[(\d+)\]\.nodes\[(\d+)\]\.cpeMatch\[(\d+)\]$/.exec(path);
  const e = m ? cve.configurations[Number(m[1])]?.nodes[Number(m[2])]?.entries[Number(m[3])] : undefined;
  if (!e) throw new Error(`no entry at ${path} in ${cve.id}`);
  return e;
}
