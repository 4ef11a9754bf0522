/**
 * The CVEs the engine knows, each in a stable slot: NVD configurations (compiled, filed in a MatchIndex),
 * and the facts that prioritise its findings (CVSS vector, reference tags, KEV, EPSS, sightings, threat
 * context). A CVE may have facts and no configurations (known from KEV or an advisory only).
 *
 * Entries are filed in an EntryIndex (by part:vendor:product, with a version filter); each entry's `cve`
 * is its slot while filed, -1 once its CVE is changed or removed.
 */
import { SECTOR_CODES } from '../../register/model.js';
import type { CompiledComponent } from '../component.js';
import type { CompiledCve } from '../nvd-config.js';
import {
  automatableOf, type EpssFact, EXPLOITATIONS, exploitationOf, type KevFact, type Sighting, type ThreatActor,
} from '../priority/index.js';
import { CveCompiler, type EngineEntry, entriesOf, isDeviceLevel } from './compile.js';
import { EntryIndex, type Hit } from './entry-index.js';
import { classify, GroupTable } from './groups.js';
import type { EngineCve } from './types.js';

export interface CveSlot {
  readonly id: string;
  input: EngineCve | undefined;
  cve: CompiledCve | undefined;
  deviceLevel: boolean;
  /** The platform group of a grouped device-level CVE (groups.ts); -1 otherwise. */
  gid: number;
  kev: KevFact | null;
  epss: EpssFact | null;
  threats: readonly ThreatActor[];
  sightings: readonly Sighting[];
  /** Derived for ranking: exploitation 0 none / 1 poc / 2 active; automatable 0/1; EPSS; sectors targeted (bit per SECTOR_CODES index). */
  exploitation: number;
  automatable: number;
  epssP: number;
  threatMask: number;
}

export const sectorBit = (s: string): number => 1 << SECTOR_CODES.indexOf(s as never);

export class CveTable {
  readonly slots: CveSlot[] = [];
  private readonly byId = new Map<string, number>();
  readonly index = new EntryIndex();
  private live = 0;
  readonly compiler = new CveCompiler();
  readonly groups = new GroupTable();

  get count(): number { return this.live; }

  slotOf(id: string): number | undefined { return this.byId.get(id); }

  /** The slot of a CVE id, created (without configurations) when new. */
  ensure(id: string): number {
    let s = this.byId.get(id);
    if (s === undefined) {
      s = this.slots.length;
      this.slots.push({
        id, input: undefined, cve: undefined, deviceLevel: false, gid: -1, kev: null, epss: null, threats: [], sightings: [],
        exploitation: 0, automatable: 0, epssP: 0, threatMask: 0,
      });
      this.byId.set(id, s);
    }
    return s;
  }

  /** Files (or replaces) a CVE's configurations; returns its slot and the configurations it replaced. */
  set(input: EngineCve): { slot: number; old: CompiledCve | undefined } {
    const slot = this.ensure(input.id);
    const x = this.slots[slot]!;
    const old = x.cve;
    this.unfile(x);
    x.input = input;
    x.cve = this.compiler.compile(input.id, input.configurations);
    x.deviceLevel = isDeviceLevel(x.cve);
    const grouped = x.deviceLevel ? classify(x.cve) : undefined;
    x.gid = grouped ? this.groups.of(grouped.sig, grouped.platforms) : -1;
    for (const e of entriesOf(x.cve) as EngineEntry[]) e.gid = x.gid;
    this.index.add(x.cve, slot);
    this.live++;
    this.derive(slot);
    return { slot, old };
  }

  /** Removes a CVE's configurations (its facts stay: KEV or EPSS may still name it). */
  remove(id: string): { slot: number; old: CompiledCve } | undefined {
    const slot = this.byId.get(id);
    const x = slot === undefined ? undefined : this.slots[slot]!;
    if (!x?.cve) return undefined;
    const old = x.cve;
    this.unfile(x);
    x.input = undefined;
    x.cve = undefined;
    x.deviceLevel = false;
    x.gid = -1;
    this.derive(slot!);
    return { slot: slot!, old };
  }

  private unfile(x: CveSlot): void {
    if (!x.cve) return;
    this.index.remove(x.cve);
    this.live--;
  }

  /** Every live entry the component matches or is undecidable against, grouped by CVE slot. */
  matchComponent(c: CompiledComponent): Map<number, Hit[]> {
    const out = new Map<number, Hit[]>();
    for (const h of this.index.matchComponent(c)) {
      const l = out.get(h.entry.cve);
      if (l) l.push(h); else out.set(h.entry.cve, [h]);
    }
    return out;
  }

  setKev(slot: number, f: KevFact | null): void { this.slots[slot]!.kev = f; this.derive(slot); }
  setEpss(slot: number, f: EpssFact | null): void { this.slots[slot]!.epss = f; this.derive(slot); }
  setThreats(slot: number, a: readonly ThreatActor[]): void { this.slots[slot]!.threats = a; this.derive(slot); }
  setSightings(slot: number, s: readonly Sighting[]): void { this.slots[slot]!.sightings = s; this.derive(slot); }

  /** Recomputes the ranking facts of one CVE (the only work a KEV/EPSS/threat change needs). */
  private derive(slot: number): void {
    const x = this.slots[slot]!;
    const ex = exploitationOf({ kev: x.kev, sightings: x.sightings, referenceTags: x.input?.referenceTags, publicPoc: x.input?.publicPoc });
    x.exploitation = EXPLOITATIONS.indexOf(ex.value);
    x.automatable = automatableOf(x.input?.cvssVector).value === 'yes' ? 1 : 0;
    x.epssP = x.epss?.probability ?? 0;
    let mask = 0;
    for (const a of x.threats) for (const s of a.targetsSectors) mask |= sectorBit(s);
    x.threatMask = mask;
  }
}
