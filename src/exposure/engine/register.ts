/**
 * The register as the engine keeps it: columns indexed by small integers (components, systems,
 * organisations), with the scopes queries start from (organisation → systems, site → systems,
 * system → its components in profile order). Sites are not kept: a system carries its site's id.
 */
import type { Criticality, NetworkZone, SectorCode } from '../../register/model.js';
import { Names } from './compile.js';
import type { EngineAsset, EngineComponent } from './types.js';

export interface SystemFacts {
  readonly id: string;
  org: number;
  siteId: string | null;
  zone: NetworkZone | null;
  criticality: Criticality;
  sector: SectorCode;
  /** Component indices in profile order (position = index here). */
  comps: number[];
  /** Profile index; -1 while none. */
  profile: number;
}

export class RegisterTable {
  readonly compIds: string[] = [];
  private readonly compById = new Map<string, number>();
  readonly compIdentity: number[] = [];
  readonly compSystem: number[] = [];
  readonly compOrg: number[] = [];
  readonly compExposed: boolean[] = [];
  readonly compName: (string | undefined)[] = [];
  private readonly free: number[] = [];

  readonly systems: SystemFacts[] = [];
  private readonly sysById = new Map<string, number>();
  readonly orgs = new Names();
  readonly orgSystems: Set<number>[] = [];
  readonly siteSystems = new Map<string, Set<number>>();

  get componentCount(): number { return this.compById.size; }
  get systemCount(): number { return this.sysById.size; }
  component(id: string): number | undefined { return this.compById.get(id); }
  system(id: string): number | undefined { return this.sysById.get(id); }
  orgIndex(id: string): number { return this.orgs.id(id); }

  /** Adds or updates a system (sites are ignored); returns its index, or undefined for a site. */
  upsertAsset(a: EngineAsset): number | undefined {
    if (a.kind !== 'system') return undefined;
    const org = this.orgs.id(a.orgId);
    let s = this.sysById.get(a.id);
    if (s === undefined) {
      s = this.systems.length;
      this.systems.push({ id: a.id, org, siteId: null, zone: null, criticality: 0, sector: a.sector, comps: [], profile: -1 });
      this.sysById.set(a.id, s);
    }
    const x = this.systems[s]!;
    this.unscope(s);
    x.org = org;
    x.siteId = a.siteId;
    x.zone = a.networkZone;
    x.criticality = a.criticality;
    x.sector = a.sector;
    (this.orgSystems[org] ??= new Set()).add(s);
    if (x.siteId) {
      const l = this.siteSystems.get(x.siteId);
      if (l) l.add(s); else this.siteSystems.set(x.siteId, new Set([s]));
    }
    return s;
  }

  private unscope(s: number): void {
    const x = this.systems[s]!;
    this.orgSystems[x.org]?.delete(s);
    if (x.siteId) this.siteSystems.get(x.siteId)?.delete(s);
  }

  /** Forgets a system without components. */
  removeSystem(s: number): void {
    this.unscope(s);
    this.sysById.delete(this.systems[s]!.id);
  }

  /** Files a component (new or replacing its old slot); returns its index. The caller has checked its system. */
  putComponent(c: EngineComponent, system: number, identity: number): number {
    let k = this.compById.get(c.id);
    if (k === undefined) {
      k = this.free.pop() ?? this.compIds.length;
      this.compById.set(c.id, k);
    }
    this.compIds[k] = c.id;
    this.compIdentity[k] = identity;
    this.compSystem[k] = system;
    this.compOrg[k] = this.orgs.id(c.orgId);
    this.compExposed[k] = c.internetExposed;
    this.compName[k] = c.name;
    return k;
  }

  dropComponent(k: number): void {
    this.compById.delete(this.compIds[k]!);
    this.compIds[k] = '';
    this.compIdentity[k] = -1;
    this.compSystem[k] = -1;
    this.free.push(k);
  }
}
