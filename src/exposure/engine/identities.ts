/**
 * Distinct component identities (cpe / purl / vendor / product / version): real registers repeat the same
 * product and version across thousands of sites, so each identity is matched once — against the MatchIndex
 * and the advisory matchers — and every component of that identity shares the result.
 *
 * Per identity: the raw hits per CVE slot; its own findings (CVEs whose configurations need no other
 * component: ORs of vulnerable entries; and advisory hits) grouped by product key; and the device-level CVEs
 * where one of its vulnerable entries hit, which make its devices' profiles evaluate that CVE.
 */
import type { AdvisoryHit, AdvisoryMatcher } from '../advisory.js';
import { compileComponent, type CompiledComponent, type DeviceComponent } from '../component.js';
import { parseCpe } from '../cpe-parse.js';
import { plainValue } from '../cpe-wfn.js';
import { decide } from '../entry-match.js';
import type { CompiledCve } from '../nvd-config.js';
import { entriesOf, productKeyOf } from './compile.js';
import type { CveTable } from './cves.js';
import type { Hit } from './entry-index.js';
import type { EngineComponent } from './types.js';

export const AFFECTED = 1;
export const UNDECIDABLE = 0;

/** An engine component as the matchers see it (the purl rides along for advisory matchers). */
export type MatchableComponent = DeviceComponent & { purl?: string };

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
  readonly hits: Map<number, Hit[]>;
  /** CVE slot → (product key id, status) pairs, status AFFECTED or UNDECIDABLE (usually one pair). */
  readonly own: Map<number, number[]>;
  /** Device-level CVE slots where a vulnerable entry matched or was undecidable. */
  readonly trigger: Set<number>;
  advisory: AdvisoryHit[];
  /** `own` flattened as (slot, pk, status) triples; null when it must be rebuilt. */
  packed: Int32Array | null;
  /** Components of this identity (indices), and profiles containing it. */
  readonly components: number[];
  readonly profiles: Set<number>;
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

export class Names {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) { k = this.names.length; this.names.push(s); this.ids.set(s, k); }
    return k;
  }
}

export class IdentityTable {
  readonly all: Identity[] = [];
  private readonly byKey = new Map<string, number>();
  /** Identities filed under each index key (part:vendor:product), and those without a key. */
  private readonly byIndexKey = new Map<string, number[]>();
  private readonly keyless: number[] = [];
  readonly productKeys = new Names();

  constructor(private readonly cves: CveTable, public matchers: readonly AdvisoryMatcher[]) {}

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
      idx, key, device, comp: compileComponent(device), nvd: Boolean(c.cpe || c.product), hits: new Map(), own: new Map(), trigger: new Set(),
      advisory: [], packed: null, components: [], profiles: new Set(),
    };
    this.all.push(x);
    this.byKey.set(key, idx);
    if (x.nvd) {
      if (x.comp.keys.length === 0) this.keyless.push(idx);
      for (const k of x.comp.keys) {
        const l = this.byIndexKey.get(k);
        if (l) l.push(idx); else this.byIndexKey.set(k, [idx]);
      }
      for (const [slot, hits] of this.cves.matchComponent(x.comp)) { x.hits.set(slot, hits); this.settle(x, slot); }
    }
    this.askAdvisories(x);
    return x;
  }

  /** Re-asks the advisory matchers about one identity; returns the CVE slots whose own findings may have changed. */
  askAdvisories(x: Identity): Set<number> {
    const touched = new Set<number>();
    for (const h of x.advisory) touched.add(this.cves.ensure(h.cveId));
    x.advisory = this.matchers.flatMap((m) => m.matchComponent(x.device));
    for (const h of x.advisory) touched.add(this.cves.ensure(h.cveId));
    for (const slot of touched) this.settle(x, slot);
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

  /** Re-matches one identity against one CVE slot's current configurations (none: the hits go). */
  rematch(x: Identity, slot: number): void {
    const cve = this.cves.slots[slot]!.cve;
    const hits: Hit[] = [];
    if (cve) {
      for (const e of entriesOf(cve)) {
        const o = decide(e, x.comp, e.key !== undefined && x.comp.keys.includes(e.key) ? 3 : 0);
        if (o !== 'no-match') hits.push({ entry: e, outcome: o });
      }
    }
    if (hits.length) x.hits.set(slot, hits); else x.hits.delete(slot);
    this.settle(x, slot);
  }

  /** Recomputes the identity's own findings and trigger for one CVE slot from its hits and advisory hits. */
  settle(x: Identity, slot: number): void {
    x.own.delete(slot);
    x.trigger.delete(slot);
    x.packed = null;
    const s = this.cves.slots[slot]!;
    const hits = x.hits.get(slot);
    const found: number[] = [];
    const put = (pk: number, st: number): void => {
      for (let k = 0; k < found.length; k += 2) if (found[k] === pk) { if (st > found[k + 1]!) found[k + 1] = st; return; }
      found.push(pk, st);
    };
    if (hits && s.cve) {
      if (s.deviceLevel) {
        if (hits.some((h) => h.entry.entry.vulnerable)) x.trigger.add(slot);
      } else {
        // ORs of vulnerable entries, one component: each entry it matches is affected, each it is
        // undecidable against is undecidable (what evaluateCve answers, without building explanations).
        for (const h of hits) put(this.productKeys.id(productKeyOf(h.entry)), h.outcome === 'match' ? AFFECTED : UNDECIDABLE);
      }
    }
    for (const h of x.advisory) if (h.cveId === s.id) put(this.productKeys.id(h.productKey), h.status === 'affected' ? AFFECTED : UNDECIDABLE);
    if (found.length) x.own.set(slot, found);
  }

  /** (slot, pk, status) triples of the identity's own findings. */
  packed(x: Identity): Int32Array {
    if (x.packed) return x.packed;
    let n = 0;
    for (const m of x.own.values()) n += m.length / 2;
    const p = new Int32Array(n * 3);
    let k = 0;
    for (const [slot, m] of x.own) for (let j = 0; j < m.length; j += 2) { p[k++] = slot; p[k++] = m[j]!; p[k++] = m[j + 1]!; }
    x.packed = p;
    return p;
  }
}

/** The compiled entry at a configuration path of a CVE. */
export function entryAt(cve: CompiledCve, path: string): import('../nvd-config.js').CompiledEntry {
  const m = /^configurations\[(\d+)\]\.nodes\[(\d+)\]\.cpeMatch\[(\d+)\]$/.exec(path);
  const e = m ? cve.configurations[Number(m[1])]?.nodes[Number(m[2])]?.entries[Number(m[3])] : undefined;
  if (!e) throw new Error(`no entry at ${path} in ${cve.id}`);
  return e;
}
