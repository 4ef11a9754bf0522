/**
 * The cascade engine's own copy of the register, in columns: what the engine needs of each asset
 * and dependency, and nothing else (no names, no components), so that a 1,000,000-asset register
 * fits in a few hundred megabytes.
 *
 * - Every asset id ever mentioned (by an asset or by either end of a dependency) is interned to a
 *   **slot**: an index into the asset columns that never changes while the table lives. A slot named
 *   only by a dependency is a placeholder (`assetAlive = 0`) until its asset is upserted; the
 *   compiled graph ignores dependencies with a dead end.
 * - Dependencies get slots the same way; removal marks the slot dead.
 * - Columns are typed arrays on SharedArrayBuffers, so Monte Carlo workers read them without copies.
 *
 * The table is mutable; `version` increases on every change so that compiled indexes can tell they
 * are stale.
 */
import type { AssetRecord, DependencyRecord } from '../register/model.js';
import { BACKUP_KINDS, REGION_CODES, SECTOR_CODES, SERVICES } from '../register/model.js';

type TypedArrayCtor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;
type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array;

/** Allocates a typed array on a SharedArrayBuffer. */
export function shared<C extends TypedArrayCtor>(Ctor: C, length: number): InstanceType<C> {
  const buf = new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT);
  return new (Ctor as unknown as new (b: SharedArrayBuffer, o: number, l: number) => InstanceType<C>)(buf, 0, length);
}

function grow<T extends TypedArray>(a: T, capacity: number, fill?: number): T {
  const Ctor = a.constructor as TypedArrayCtor;
  const b = shared(Ctor, capacity) as T;
  b.set(a as never);
  if (fill !== undefined) b.fill(fill as never, a.length);
  return b;
}

/** Interns strings to small integers (essential services, alternate groups). */
export class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export const REGION_INDEX = new Map<string, number>(REGION_CODES.map((c, i) => [c, i]));
export const SECTOR_INDEX = new Map<string, number>(SECTOR_CODES.map((c, i) => [c, i]));
export const SERVICE_INDEX = new Map<string, number>(SERVICES.map((c, i) => [c, i]));
export const BACKUP_INDEX = new Map<string, number>(BACKUP_KINDS.map((c, i) => [c, i]));
export const NONE = 255;

export class RegisterTable {
  /** Increases on every change. */
  version = 0;

  // ---- assets (by slot) ----
  assetCount = 0;
  assetLive = 0;
  readonly assetIds: string[] = [];
  private readonly assetSlot = new Map<string, number>();
  assetAlive = shared(Uint8Array, 0);
  population = shared(Float64Array, 0);
  criticality = shared(Uint8Array, 0);
  lat = shared(Float64Array, 0);
  lon = shared(Float64Array, 0);
  region = shared(Uint8Array, 0);
  sector = shared(Uint8Array, 0);
  /** Index into `essentialServices`, −1 for none. */
  essential = shared(Int32Array, 0);
  readonly essentialServices = new StringTable();

  // ---- dependencies (by slot) ----
  depCount = 0;
  depLive = 0;
  readonly depIds: string[] = [];
  private readonly depSlot = new Map<string, number>();
  depAlive = shared(Uint8Array, 0);
  provider = shared(Int32Array, 0);
  dependent = shared(Int32Array, 0);
  service = shared(Uint8Array, 0);
  backupKind = shared(Uint8Array, 0);
  /** Hours; the effective delay of a dependency is `tti[e] + backup[e]` (always added in this order). */
  tti = shared(Float64Array, 0);
  backup = shared(Float64Array, 0);
  /** Triangular bounds of the backup duration (NaN when exact). */
  backupLow = shared(Float32Array, 0);
  backupHigh = shared(Float32Array, 0);
  share = shared(Float64Array, 0);
  probability = shared(Float32Array, 0);
  /** Index of the alternate group's label in `groups`, −1 for none (a need of its own). Labels are per dependent. */
  group = shared(Int32Array, 0);
  readonly groups = new StringTable();

  /** The slot of an asset id, or undefined when never mentioned. */
  slotOf(id: string): number | undefined {
    return this.assetSlot.get(id);
  }

  /** True when the slot holds a registered (not placeholder, not removed) asset. */
  isAsset(slot: number): boolean {
    return slot >= 0 && slot < this.assetCount && this.assetAlive[slot] === 1;
  }

  depSlotOf(id: string): number | undefined {
    return this.depSlot.get(id);
  }

  private internAsset(id: string): number {
    let s = this.assetSlot.get(id);
    if (s !== undefined) return s;
    s = this.assetCount++;
    if (s >= this.assetAlive.length) {
      const cap = Math.max(1024, this.assetAlive.length * 2);
      this.assetAlive = grow(this.assetAlive, cap, 0);
      this.population = grow(this.population, cap, 0);
      this.criticality = grow(this.criticality, cap, 0);
      this.lat = grow(this.lat, cap, NaN);
      this.lon = grow(this.lon, cap, NaN);
      this.region = grow(this.region, cap, NONE);
      this.sector = grow(this.sector, cap, NONE);
      this.essential = grow(this.essential, cap, -1);
    }
    this.assetIds.push(id);
    this.assetSlot.set(id, s);
    return s;
  }

  upsertAsset(a: AssetRecord): void {
    const s = this.internAsset(a.id);
    if (this.assetAlive[s] !== 1) this.assetLive++;
    this.assetAlive[s] = 1;
    this.population[s] = a.populationServed;
    this.criticality[s] = a.criticality;
    this.lat[s] = a.lat ?? NaN;
    this.lon[s] = a.lon ?? NaN;
    this.region[s] = REGION_INDEX.get(a.region) ?? NONE;
    this.sector[s] = SECTOR_INDEX.get(a.sector) ?? NONE;
    this.essential[s] = a.essentialService === null ? -1 : this.essentialServices.intern(a.essentialService);
    this.version++;
  }

  /** Removes an asset; its dependencies stay in the table but are ignored until it comes back. */
  removeAsset(id: string): boolean {
    const s = this.assetSlot.get(id);
    if (s === undefined || this.assetAlive[s] !== 1) return false;
    this.assetAlive[s] = 0;
    this.assetLive--;
    this.version++;
    return true;
  }

  upsertDependency(d: DependencyRecord): void {
    let e = this.depSlot.get(d.id);
    if (e === undefined) {
      e = this.depCount++;
      if (e >= this.depAlive.length) {
        const cap = Math.max(4096, this.depAlive.length * 2);
        this.depAlive = grow(this.depAlive, cap, 0);
        this.provider = grow(this.provider, cap);
        this.dependent = grow(this.dependent, cap);
        this.service = grow(this.service, cap);
        this.backupKind = grow(this.backupKind, cap);
        this.tti = grow(this.tti, cap);
        this.backup = grow(this.backup, cap);
        this.backupLow = grow(this.backupLow, cap, NaN);
        this.backupHigh = grow(this.backupHigh, cap, NaN);
        this.share = grow(this.share, cap);
        this.probability = grow(this.probability, cap);
        this.group = grow(this.group, cap, -1);
      }
      this.depIds.push(d.id);
      this.depSlot.set(d.id, e);
    }
    if (this.depAlive[e] !== 1) this.depLive++;
    this.depAlive[e] = 1;
    this.provider[e] = this.internAsset(d.providerId);
    this.dependent[e] = this.internAsset(d.dependentId);
    this.service[e] = SERVICE_INDEX.get(d.service) ?? NONE;
    this.backupKind[e] = BACKUP_INDEX.get(d.backupKind) ?? NONE;
    this.tti[e] = Math.max(0, d.timeToImpactHours);
    this.backup[e] = Math.max(0, d.backupHours);
    const uncertain = d.backupHoursLow !== null && d.backupHoursHigh !== null;
    this.backupLow[e] = uncertain ? Math.max(0, d.backupHoursLow!) : NaN;
    this.backupHigh[e] = uncertain ? Math.max(0, d.backupHoursHigh!) : NaN;
    this.share[e] = Math.min(1, Math.max(0, d.shareLost));
    this.probability[e] = Math.min(1, Math.max(0, d.failureProbability));
    // the label only: groups are per dependent (compileGraph groups by dependent, then label)
    this.group[e] = d.alternateGroup === null ? -1 : this.groups.intern(d.alternateGroup);
    this.version++;
  }

  removeDependency(id: string): boolean {
    const e = this.depSlot.get(id);
    if (e === undefined || this.depAlive[e] !== 1) return false;
    this.depAlive[e] = 0;
    this.depLive--;
    this.version++;
    return true;
  }

  /** Bytes held by the columns (typed arrays), excluding id strings and maps. */
  columnBytes(): number {
    let b = 0;
    for (const v of Object.values(this)) if (ArrayBuffer.isView(v)) b += v.byteLength;
    return b;
  }
}

export function serviceName(code: number): string {
  return SERVICES[code] ?? 'other';
}
export function backupKindName(code: number): string {
  return BACKUP_KINDS[code] ?? 'none';
}
export function sectorName(code: number): string | null {
  return SECTOR_CODES[code] ?? null;
}
