/**
 * The exposure engine: the national picture in memory (design in README.md). Plain data in; no store access.
 * Full evaluation matches each distinct component identity once, then evaluates device-level CVEs once per
 * distinct device profile; incremental changes touch only what the changed CVE or component can reach.
 */
import { errors } from '../../errors.js';
import type { AdvisoryMatcher } from '../advisory.js';
import { compileComponent, type CompiledComponent, type DeviceComponent } from '../component.js';
import { CpeSyntaxError } from '../cpe-wfn.js';
import { evaluateCve, type Finding as NvdFinding } from '../evaluate.js';
import type { EpssFact, KevFact, Sighting, ThreatActor } from '../priority/index.js';
import { productKeyOf } from './compile.js';
import { CveTable } from './cves.js';
import { DeltaBuilder } from './delta.js';
import { diffSeats, type Seat, seats } from './device-delta.js';
import { explain, findingKey } from './explain.js';
import { AFFECTED } from './compile.js';
import { entryAt, type Identity, IdentityTable } from './identities.js';
import { hasSlot, slotRange } from './packed.js';
import { ProfileTable } from './profiles.js';
import { findingsPage, summarise } from './query.js';
import { RegisterTable } from './register.js';
import { StateBook } from './states.js';
import {
  type DeviceFinding, type EngineAsset, type EngineComponent, type EngineCve, type EngineInput, type EngineOptions, type EngineStats,
  type ExplainedFinding, FINDING_STATES, type FindingFilter, type FindingsDelta, type FindingsPage, type FindingState, type OrgSummary,
  type PageRequest,
} from './types.js';
import { type Tables, walk } from './walk.js';

const now = () => performance.now();

export class ExposureEngine {
  private t: Tables;
  private states: StateBook;
  /** Position of each component in its identity's component list (for O(1) removal). */
  private identityPos: number[] = [];
  private timings: Record<string, number> = {};
  /** Bumped by every change that can move findings: a delta expands its keys only while it is current. */
  private version = 0;

  constructor(readonly options: EngineOptions = {}) {
    this.t = this.fresh(options.advisoryMatchers ?? []);
    this.states = new StateBook(options.now ?? (() => new Date()));
  }

  private delta(): DeltaBuilder {
    const v = ++this.version;
    return new DeltaBuilder(() => this.version === v);
  }

  private fresh(matchers: readonly AdvisoryMatcher[]): Tables {
    const cves = new CveTable();
    const ids = new IdentityTable(cves, matchers);
    return { cves, ids, reg: new RegisterTable(), profiles: new ProfileTable(cves, ids) };
  }

  /** Replaces everything with `input` and evaluates it in full; on a rejected record nothing changes. */
  load(input: EngineInput): EngineStats {
    this.version++;
    const previous = { t: this.t, states: this.states, identityPos: this.identityPos };
    this.t = this.fresh(this.t.ids.matchers);
    this.states = new StateBook(this.options.now ?? (() => new Date()));
    this.identityPos = [];
    const timings: Record<string, number> = {};
    let t0 = now();
    try {
      this.t.cves.index.bulk = true;
      for (const c of input.cves) this.t.cves.set(c);
      this.t.cves.index.endBulk();
      for (const [id, f] of input.kev ?? []) this.t.cves.setKev(this.t.cves.ensure(id), f);
      for (const [id, f] of input.epss ?? []) this.t.cves.setEpss(this.t.cves.ensure(id), f);
      for (const [id, a] of input.threats ?? []) this.t.cves.setThreats(this.t.cves.ensure(id), a);
      for (const [id, s] of input.sightings ?? []) this.t.cves.setSightings(this.t.cves.ensure(id), s);
      timings.cves = now() - t0;
      t0 = now();
      for (const a of input.assets) this.t.reg.upsertAsset(a);
      const problems: { path: string; message: string }[] = [];
      for (const c of input.components) {
        const problem = this.file(c);
        if (problem) problems.push(problem);
      }
      if (problems.length) throw errors.validation(`${problems.length} component(s) rejected; nothing was loaded.`, problems.slice(0, 100));
      timings.components = now() - t0;
      t0 = now();
      for (let s = 0; s < this.t.reg.systems.length; s++) this.profile(s);
      timings.profiles = now() - t0;
      for (const [k, s] of input.states ?? []) this.setState(k, s);
    } catch (e) {
      ({ t: this.t, states: this.states, identityPos: this.identityPos } = previous);
      throw e;
    }
    this.timings = timings;
    return this.stats();
  }

  /** Files a component (identity interned, lists kept); returns a problem instead of throwing on bad input. */
  private file(c: EngineComponent): { path: string; message: string } | undefined {
    const s = this.t.reg.system(c.systemId);
    if (s === undefined) return { path: `component ${c.id}.systemId`, message: `system ${c.systemId} is not in the register` };
    const x = this.identity(c);
    if (!('idx' in x)) return x;
    const k = this.t.reg.putComponent(c, s, x.idx);
    this.identityPos[k] = x.components.length;
    x.components.push(k);
    this.t.reg.systems[s]!.comps.push(k);
    return undefined;
  }

  /** The component's identity, or the problem with its CPE. */
  private identity(c: EngineComponent): Identity | { path: string; message: string } {
    try {
      return this.t.ids.intern(c);
    } catch (e) {
      if (e instanceof CpeSyntaxError) return { path: `component ${c.id}.cpe`, message: e.message };
      throw e;
    }
  }

  private unfile(k: number): void {
    const { reg, ids } = this.t;
    const x = ids.all[reg.compIdentity[k]!]!;
    const at = this.identityPos[k]!;
    const last = x.components.pop()!;
    if (last !== k) { x.components[at] = last; this.identityPos[last] = at; }
    const sys = reg.systems[reg.compSystem[k]!]!;
    sys.comps.splice(sys.comps.indexOf(k), 1);
    reg.dropComponent(k);
  }

  /** Puts a system in the profile of its components' identities (its components reordered to match). */
  private profile(s: number): void {
    const { reg, profiles } = this.t;
    const sys = reg.systems[s]!;
    const near = sys.profile >= 0 ? profiles.all[sys.profile] : undefined;
    near?.systems.delete(s);
    sys.comps.sort((a, b) => reg.compIdentity[a]! - reg.compIdentity[b]! || a - b);
    const p = profiles.get(sys.comps.map((c) => reg.compIdentity[c]!), near);
    p.systems.add(s);
    sys.profile = p.idx;
  }

  private checkCveId(id: string): void {
    if (!/^CVE-\d{4}-\d{4,}$/.test(id)) throw errors.validation(`Invalid CVE id ${JSON.stringify(id)}.`, [{ path: 'id', message: 'must look like CVE-2024-12345' }]);
  }

  /** A new or changed CVE: evaluated only against the component identities its entries can match. */
  upsertCve(cve: EngineCve): FindingsDelta {
    this.checkCveId(cve.id);
    const { cves, ids } = this.t;
    const slot = cves.ensure(cve.id);
    const old = cves.slots[slot]!.cve;
    const was = this.kindOf(slot);
    const gid = cves.slots[slot]!.gid;
    const touched = old ? ids.candidates(old) : new Set<number>();
    cves.set(cve);
    for (const k of ids.candidates(cves.slots[slot]!.cve!)) touched.add(k);
    return this.reevaluateCve(slot, touched, was, gid);
  }

  /** Whether a CVE's NVD findings are its components' own (1), device findings (2), or none (0). */
  private kindOf(slot: number): number {
    const s = this.t.cves.slots[slot]!;
    return !s.cve ? 0 : s.deviceLevel ? 2 : 1;
  }

  removeCve(cveId: string): FindingsDelta {
    const { cves, ids } = this.t;
    const slot = cves.slotOf(cveId);
    const old = slot === undefined ? undefined : cves.slots[slot]!.cve;
    if (!old) return this.delta().build();
    const touched = ids.candidates(old);
    const was = this.kindOf(slot!);
    const gid = cves.slots[slot!]!.gid;
    cves.remove(cveId);
    return this.reevaluateCve(slot!, touched, was, gid);
  }

  /**
   * Re-matches the touched identities and re-evaluates the profiles concerned. Own and device findings are
   * compared apart, unless one key can be both: when the CVE turns from own findings to device findings or
   * back, or an advisory names it; then the findings at this CVE are compared by key. `gid0` is the CVE's
   * platform group before the change (its identities' grouped hits are still filed under it).
   */
  private reevaluateCve(slot: number, touched: Set<number>, was: number, gid0: number): FindingsDelta {
    const { ids, profiles, reg } = this.t;
    const cveId = this.t.cves.slots[slot]!.id;
    const now = this.kindOf(slot);
    const byKey = (was !== now && was !== 0 && now !== 0) || ids.all.some((x) => x.advisory.some((h) => h.cveId === cveId));
    const keys0 = byKey ? this.findingsAt(slot) : undefined;
    const delta = this.delta();
    profiles.forget(slot);
    // Profiles whose device findings at this slot may change: those holding general findings for it, and
    // those of the identities involved in it before or after; their findings are read before re-matching.
    const affected = new Set(profiles.bySlot.get(slot) ?? []);
    const involved = (x: Identity): boolean => {
      if (x.trigger.has(slot)) return true;
      for (const g of x.groups.values()) if (hasSlot(g.hits, 4, slot)) return true;
      return false;
    };
    for (const k of touched) { const x = ids.all[k]!; if (involved(x)) for (const p of x.profiles) affected.add(p); }
    const before = keys0 ? undefined : new Map([...affected].map((pi) => [pi, profiles.atSlot(profiles.all[pi]!, slot, gid0)] as const));
    for (const k of touched) {
      const x = ids.all[k]!;
      const own0 = ids.ownAt(x, slot);
      if (ids.rematch(x, slot)) profiles.invalidate(x);
      if (!keys0) delta.diff(x.components.length, () => x.components.map((c) => reg.compIds[c]!), cveId, this.named(own0), this.named(ids.ownAt(x, slot)));
      if (involved(x)) for (const p of x.profiles) affected.add(p);
    }
    for (const pi of affected) {
      const p = profiles.all[pi]!;
      profiles.evaluate(p, slot);
      if (keys0) continue;
      const b = before!.get(pi);
      const a = profiles.atSlot(p, slot, this.t.cves.slots[slot]!.gid);
      for (const pos of new Set([...(b?.keys() ?? []), ...a.keys()])) {
        delta.diff(p.systems.size, () => [...p.systems].map((s) => reg.compIds[reg.systems[s]!.comps[pos]!]!), cveId, this.named(b?.get(pos)), this.named(a.get(pos)));
      }
    }
    if (keys0) delta.diffKeys(keys0, this.findingsAt(slot));
    return delta.build();
  }

  /** Every finding at one CVE slot, by key (status the highest of own and device findings). */
  private findingsAt(slot: number): Map<string, number> {
    const { ids, profiles, reg, cves } = this.t;
    const systems = new Set<number>();
    for (const x of ids.all) if (ids.touches(x, slot)) for (const c of x.components) systems.add(reg.compSystem[c]!);
    for (const p of profiles.bySlot.get(slot) ?? []) for (const s of profiles.all[p]!.systems) systems.add(s);
    const out = new Map<string, number>();
    walk(this.t, systems, (_s, c, sl, pk, st) => {
      if (sl !== slot) return;
      const key = findingKey(reg.compIds[c]!, cves.slots[slot]!.id, ids.productKeys.names[pk]!);
      out.set(key, Math.max(st, out.get(key) ?? -1));
    });
    return out;
  }

  /** pk → status by product key name. */
  private named(m: ReadonlyMap<number, number> | undefined): Map<string, number> | undefined {
    if (!m) return undefined;
    const names = this.t.ids.productKeys.names;
    return new Map([...m].map(([pk, st]) => [names[pk]!, st]));
  }

  /**
   * A system's zone / criticality / sector / site / organisation: its findings are re-prioritised (ranks are
   * read at query time). Sites are ignored. Components keep their own organisation until they are upserted.
   */
  upsertAsset(asset: EngineAsset): void {
    this.t.reg.upsertAsset(asset);
  }

  /** A removed system takes its components (and their findings) with it; sites are ignored. */
  removeAsset(assetId: string): FindingsDelta {
    const { reg, profiles } = this.t;
    const s = reg.system(assetId);
    if (s === undefined) return this.delta().build();
    const sys = reg.systems[s]!;
    const before = seats(this.t, [s]);
    for (const c of [...sys.comps]) this.unfile(c);
    if (sys.profile >= 0) profiles.all[sys.profile]!.systems.delete(s);
    sys.profile = -1;
    reg.removeSystem(s);
    return this.seatDelta(before, new Map());
  }

  /** A new or changed component: only its own device (system, and the one it left) is re-evaluated. */
  upsertComponent(c: EngineComponent): FindingsDelta {
    const { reg } = this.t;
    const target = reg.system(c.systemId);
    if (target === undefined) throw errors.validation(`Component ${c.id} names an unknown system.`, [{ path: 'systemId', message: `system ${c.systemId} is not in the register` }]);
    const k = reg.component(c.id);
    const from = k === undefined ? undefined : reg.compSystem[k]!;
    // Checked before anything changes: a rejected component leaves the old one as it was.
    const x = this.identity(c);
    if (!('idx' in x)) throw errors.validation(`Component ${c.id} rejected.`, [x]);
    const systems = [...new Set([from, target].filter((s): s is number => s !== undefined))];
    const before = seats(this.t, systems);
    if (k !== undefined) this.unfile(k);
    this.file(c);
    for (const s of systems) this.profile(s);
    return this.seatDelta(before, seats(this.t, systems));
  }

  removeComponent(componentId: string): FindingsDelta {
    const k = this.t.reg.component(componentId);
    if (k === undefined) return this.delta().build();
    const s = this.t.reg.compSystem[k]!;
    const before = seats(this.t, [s]);
    this.unfile(k);
    this.profile(s);
    return this.seatDelta(before, seats(this.t, [s]));
  }

  private seatDelta(before: ReadonlyMap<string, Seat>, after: ReadonlyMap<string, Seat>): FindingsDelta {
    const d = this.delta();
    diffSeats(this.t, d, before, after);
    return d.build();
  }

  /** Facts that re-prioritise one CVE's findings (null / [] removes): O(1), ranks are computed when read. */
  setKev(cveId: string, fact: KevFact | null): void { this.t.cves.setKev(this.t.cves.ensure(cveId), fact); }
  setEpss(cveId: string, fact: EpssFact | null): void { this.t.cves.setEpss(this.t.cves.ensure(cveId), fact); }
  setThreatContext(cveId: string, actors: readonly ThreatActor[]): void { this.t.cves.setThreats(this.t.cves.ensure(cveId), actors); }
  setSightings(cveId: string, sightings: readonly Sighting[]): void { this.t.cves.setSightings(this.t.cves.ensure(cveId), sightings); }

  /** Triage state of a finding key (null: back to new). Kept even while no such finding exists. */
  setState(key: string, state: FindingState | null): void {
    if (key.split('|').length < 3) throw errors.validation('Invalid finding key.', [{ path: 'key', message: 'must be componentId|cveId|productKey' }]);
    if (state && !FINDING_STATES.includes(state.state)) {
      throw errors.validation(`Invalid state for finding ${key}.`, [{ path: 'state', message: `must be one of ${FINDING_STATES.join(', ')}` }]);
    }
    if (state?.expiresAt !== undefined && Number.isNaN(Date.parse(state.expiresAt))) {
      throw errors.validation(`Invalid expiry for finding ${key}.`, [{ path: 'expiresAt', message: 'must be an ISO 8601 date-time' }]);
    }
    this.states.set(key, state);
  }

  /** Replaces the advisory matchers (e.g. after a CSAF import) and re-asks them about every identity. */
  setAdvisoryMatchers(matchers: readonly AdvisoryMatcher[]): FindingsDelta {
    const { ids, reg, cves, profiles } = this.t;
    ids.matchers = matchers;
    const delta = this.delta();
    for (const x of ids.all) {
      const own0 = x.own;
      for (const slot of ids.askAdvisories(x)) {
        const before = new Map<number, number>();
        const [from, to] = slotRange(own0, 3, slot);
        for (let k = from; k < to; k++) before.set(own0[k * 3 + 1]!, own0[k * 3 + 2]!);
        delta.diff(x.components.length, () => x.components.map((c) => reg.compIds[c]!), cves.slots[slot]!.id, this.named(before), this.named(ids.ownAt(x, slot)));
      }
      profiles.invalidate(x);
    }
    return delta.build();
  }

  /** Findings ranked by priority (most urgent first), paged by cursor. */
  findings(filter: FindingFilter, page: PageRequest): FindingsPage { return findingsPage(this.t, this.states, filter, page); }

  /** One finding by key, explained; undefined when there is none. */
  finding(key: string): ExplainedFinding | undefined {
    const [compId, cveId] = key.split('|');
    const k = this.t.reg.component(compId ?? '');
    const slot = this.t.cves.slotOf(cveId ?? '');
    if (k === undefined || slot === undefined) return undefined;
    let hit: [number, number] | undefined;
    const { reg, ids } = this.t;
    walk(this.t, [reg.compSystem[k]!], (_s, c, sl, pk, st) => {
      if (c === k && sl === slot && findingKey(compId!, cveId!, ids.productKeys.names[pk]!) === key) hit = [pk, Math.max(st, hit?.[1] ?? 0)];
    });
    return hit && explain(this.t, this.states, k, slot, hit[0], hit[1]);
  }

  /** Counts per organisation (by outcome, state, status), for the organisations the filter allows. */
  summary(filter: Pick<FindingFilter, 'orgIds' | 'orgId'> = {}): OrgSummary[] { return summarise(this.t, this.states, filter); }

  /** A set of components as one device against the loaded CVEs and advisory matchers; nothing is stored. */
  matchDevice(components: readonly DeviceComponent[]): DeviceFinding[] {
    const comps: CompiledComponent[] = components.map((d, i) => {
      try { return compileComponent(d); } catch (e) {
        if (e instanceof CpeSyntaxError) throw errors.validation(`Component ${d.id} rejected.`, [{ path: `components[${i}].cpe`, message: e.message }]);
        throw e;
      }
    });
    const { cves } = this.t;
    const slots = new Set<number>();
    for (const c of comps) for (const slot of cves.matchComponent(c).keys()) slots.add(slot);
    const out = new Map<string, { status: number; nvd: NvdFinding[]; advisories: { source: string; status: 'affected' | 'undecidable'; explanation: Readonly<Record<string, unknown>> }[]; cveId: string; pk: string; componentId: string }>();
    const put = (componentId: string, cveId: string, pk: string, status: number) => {
      const key = findingKey(componentId, cveId, pk);
      let f = out.get(key);
      if (!f) { f = { status, nvd: [], advisories: [], cveId, pk, componentId }; out.set(key, f); }
      f.status = Math.max(f.status, status);
      return f;
    };
    for (const slot of [...slots].sort((a, b) => a - b)) {
      const s = cves.slots[slot]!;
      const found = s.deviceLevel ? evaluateCve(s.cve!, comps) : comps.flatMap((c) => evaluateCve(s.cve!, [c]));
      for (const f of found) {
        if (f.componentId === '') continue;
        put(f.componentId, s.id, productKeyOf(entryAt(s.cve!, f.path)), f.status === 'affected' ? AFFECTED : 0).nvd.push(f);
      }
    }
    for (const d of components) for (const m of this.t.ids.matchers) for (const h of m.matchComponent(d)) {
      put(d.id, h.cveId, h.productKey, h.status === 'affected' ? AFFECTED : 0).advisories.push({ source: h.source, status: h.status, explanation: h.explanation });
    }
    return [...out].map(([key, f]) => ({
      key, cveId: f.cveId, productKey: f.pk, status: f.status === AFFECTED ? 'affected' : 'undecidable', componentId: f.componentId, nvd: f.nvd, advisories: f.advisories,
    }));
  }

  hasCve(cveId: string): boolean {
    const s = this.t.cves.slotOf(cveId);
    return s !== undefined && this.t.cves.slots[s]!.cve !== undefined;
  }

  stats(): EngineStats {
    // Counted, not walked: an identity's own findings once per component, a profile's once per system.
    const { ids, profiles } = this.t;
    let findings = 0;
    for (const x of ids.all) findings += x.components.length * (x.own.length / 3);
    for (const p of profiles.all) if (p.systems.size > 0) findings += p.systems.size * profiles.findingCount(p);
    return {
      cves: this.t.cves.count, components: this.t.reg.componentCount, systems: this.t.reg.systemCount,
      identities: this.t.ids.all.length, profiles: this.t.profiles.count, findings, timings: { ...this.timings },
    };
  }
}
