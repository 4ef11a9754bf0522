/**
 * Validation of one register record on its own (pure, no I/O): ids, enumerations, ranges,
 * coordinates, the fields a site or a system must or must not have, backup figures, CPE and purl
 * shape. Each problem names the field and the reason. Checks that need other records (a system's
 * site exists and is of the same organisation, dependency endpoints exist) are the repository's
 * and the importer's.
 *
 * Inputs come from JSON (typed values) or from CSV (text: `textValues` converts them first, an
 * empty cell being absent).
 */
import {
  ASSET_KINDS, BACKUP_KINDS, DEPENDENCY_TYPES, NETWORK_ZONES, REGION_CODES, REGISTER_ID, SECTORS, SECTOR_CODES, SERVICES, SYSTEM_TYPES,
  type AssetKind, type AssetRecord, type ComponentRecord, type DependencyRecord, type OrganisationRecord, type RegionCode,
} from './model.js';
import { fieldByCsv, fieldsOf, RECORD_TYPES, type RecordType } from './fields.js';

export interface FieldError {
  /** The model's field name (camelCase), or '' for the record as a whole. */
  field: string;
  reason: string;
}

export type Checked<R> = { ok: true; record: R } | { ok: false; errors: FieldError[] };

/** An asset as given: a system's region and coordinates may be left to be copied from its site. */
export type AssetInput = Omit<AssetRecord, 'region'> & { region: RegionCode | null };
/** A component as given: its organisation is its system's (checked when given). */
export type ComponentInput = Omit<ComponentRecord, 'orgId'> & { orgId: string | null };
/**
 * A dependency as stored: the model's record plus the organisation that records it (its
 * dependent's; table column `dependency.org_id`, which the access policy reads).
 */
export type StoredDependency = DependencyRecord & { orgId: string };
/** A dependency as given: its organisation is its dependent's (checked when given). */
export type DependencyInput = DependencyRecord & { orgId: string | null };

const MAX_TEXT = 1000;
const CPE23 = /^cpe:2\.3:[aho*-](?::(?:[^:\\]|\\.)*){10}$/;
const PURL = /^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*\/[^\s]+$/;
const IDENTITY_REF = /^identity--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Text cells → typed values (by the field's type); an empty cell is absent. Bad numbers are reported by the checks. */
export function textValues(t: RecordType, cells: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byCsv = fieldByCsv(t);
  for (const [col, raw] of Object.entries(cells)) {
    const f = byCsv.get(col);
    const v = raw.trim();
    if (!f) {
      out[col] = raw;
      continue;
    }
    if (v === '') continue;
    switch (f.type) {
      case 'int':
      case 'num': out[f.key] = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : v; break;
      case 'bool': {
        const b = v.toLowerCase();
        out[f.key] = ['true', '1', 'yes', 't', 'y'].includes(b) ? true : ['false', '0', 'no', 'f', 'n'].includes(b) ? false : v;
        break;
      }
      default: out[f.key] = v;
    }
  }
  return out;
}

/** Collects errors while reading fields of one input object. */
class Reader {
  readonly errors: FieldError[] = [];
  constructor(private readonly v: Record<string, unknown>, allowed: readonly string[]) {
    // a field that does not apply but is empty (a site's siteId: null) is as good as absent
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k) && v[k] !== null && v[k] !== undefined) this.err(k, `unknown field (expected one of ${allowed.join(', ')})`);
    }
  }

  err(field: string, reason: string): void {
    this.errors.push({ field, reason });
  }

  has(k: string): boolean {
    return this.v[k] !== undefined && this.v[k] !== null;
  }

  id(k: string, required = true): string | null {
    const x = this.v[k];
    if (x === undefined || x === null || x === '') {
      if (required) this.err(k, 'required');
      return null;
    }
    if (typeof x !== 'string' || !REGISTER_ID.test(x)) {
      this.err(k, `'${String(x).slice(0, 140)}' is not a valid id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`);
      return null;
    }
    return x;
  }

  text(k: string, required = false, max = MAX_TEXT): string | null {
    const x = this.v[k];
    if (x === undefined || x === null || (typeof x === 'string' && x.trim() === '')) {
      if (required) this.err(k, 'required');
      return null;
    }
    if (typeof x !== 'string') {
      this.err(k, 'must be text');
      return null;
    }
    if (x.length > max) this.err(k, `at most ${max} characters (got ${x.length})`);
    return x;
  }

  oneOf<T extends string>(k: string, values: readonly T[], required: boolean, fallback: T | null = null): T | null {
    const x = this.v[k];
    if (x === undefined || x === null || x === '') {
      if (required && fallback === null) this.err(k, `required: one of ${values.join(', ')}`);
      return fallback;
    }
    if (typeof x !== 'string' || !(values as readonly string[]).includes(x)) {
      this.err(k, `'${String(x).slice(0, 100)}' is not one of ${values.join(', ')}`);
      return null;
    }
    return x as T;
  }

  num(k: string, o: { required?: boolean; min?: number; max?: number; minExclusive?: boolean; int?: boolean; fallback?: number | null }): number | null {
    const x = this.v[k];
    if (x === undefined || x === null || x === '') {
      if (o.required && o.fallback === undefined) this.err(k, 'required');
      return o.fallback ?? null;
    }
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      this.err(k, `'${String(x).slice(0, 60)}' is not a number`);
      return null;
    }
    if (o.int && !Number.isSafeInteger(x)) this.err(k, `must be a whole number (got ${x})`);
    else if (o.min !== undefined && (o.minExclusive ? x <= o.min : x < o.min)) {
      this.err(k, `must be ${o.minExclusive ? 'greater than' : 'at least'} ${o.min}${o.max !== undefined ? ` and at most ${o.max}` : ''} (got ${x})`);
    } else if (o.max !== undefined && x > o.max) this.err(k, `must be at most ${o.max}${o.min !== undefined ? ` and at least ${o.min}` : ''} (got ${x})`);
    return x;
  }

  bool(k: string, fallback: boolean): boolean {
    const x = this.v[k];
    if (x === undefined || x === null || x === '') return fallback;
    if (typeof x !== 'boolean') {
      this.err(k, `'${String(x).slice(0, 60)}' is not true or false`);
      return fallback;
    }
    return x;
  }

  result<R>(record: R): Checked<R> {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, record };
  }
}

const KEYS = new Map(RECORD_TYPES.map((t) => [t, fieldsOf(t).map((f) => f.key)]));
const keysOf = (t: RecordType) => KEYS.get(t)!;

export function checkOrganisation(v: Record<string, unknown>): Checked<OrganisationRecord> {
  const r = new Reader(v, keysOf('organisation'));
  const rec: OrganisationRecord = {
    id: r.id('id') ?? '',
    name: r.text('name', true, 200) ?? '',
    sector: r.oneOf('sector', SECTOR_CODES, false),
    identityRef: r.text('identityRef'),
  };
  if (rec.identityRef !== null && !IDENTITY_REF.test(rec.identityRef)) r.err('identityRef', 'must be a STIX identity id: identity--<uuid>');
  return r.result(rec);
}

/**
 * An asset. `kind` fixes the kind when the input is a site or a system by where it came from
 * (a sites file, /register/sites); the input's own `kind`, if any, must then agree.
 */
export function checkAsset(v: Record<string, unknown>, kind?: AssetKind): Checked<AssetInput> {
  // every asset field is known; those a site does not have are reported below, saying so
  const r = new Reader(v, keysOf('asset'));
  let k = r.oneOf('kind', ASSET_KINDS, kind === undefined);
  if (kind && k !== null && k !== kind) r.err('kind', `is '${k}' in a record of ${kind}s`);
  k = kind ?? k;
  const sector = r.oneOf('sector', SECTOR_CODES, true);
  const rec: AssetInput = {
    id: r.id('id') ?? '',
    kind: k ?? 'site',
    orgId: r.id('orgId') ?? '',
    name: r.text('name', true, 300) ?? '',
    sector: sector ?? 'energy',
    subSector: r.text('subSector', false, 100),
    siteId: r.id('siteId', false),
    region: r.oneOf('region', REGION_CODES, k === 'site'),
    lat: r.num('lat', { min: -90, max: 90 }),
    lon: r.num('lon', { min: -180, max: 180 }),
    criticality: (r.num('criticality', { required: true, min: 0, max: 5, int: true }) ?? 0) as AssetRecord['criticality'],
    essentialService: r.text('essentialService', false, 300),
    populationServed: r.num('populationServed', { min: 0, int: true, fallback: 0 }) ?? 0,
    systemType: r.oneOf('systemType', SYSTEM_TYPES, k === 'system'),
    function: r.text('function', false, 200),
    networkZone: r.oneOf('networkZone', NETWORK_ZONES, false),
  };
  if (sector && rec.subSector !== null) {
    const subs = SECTORS.find((s) => s.code === sector)!.subSectors as readonly string[];
    if (!subs.includes(rec.subSector)) r.err('subSector', `'${rec.subSector}' is not a sub-sector of ${sector} (${subs.join(', ')})`);
  }
  const badCoord = r.errors.some((e) => e.field === 'lat' || e.field === 'lon');
  if (!badCoord && (rec.lat === null) !== (rec.lon === null)) {
    r.err(rec.lat === null ? 'lat' : 'lon', 'lat and lon go together: give both or neither');
  }
  if (k === 'site') {
    if (!r.has('lat') && !r.has('lon') && !badCoord) r.err('lat', 'a site needs its location: lat and lon');
    if (rec.siteId !== null) r.err('siteId', 'a site is not at another site: only systems have a siteId');
    for (const f of ['systemType', 'function', 'networkZone'] as const) if (r.has(f)) r.err(f, 'only systems have this field');
  }
  if (k === 'system' && rec.siteId === null && !r.errors.some((e) => e.field === 'siteId')) r.err('siteId', 'required: the site this system is at');
  return r.result(rec);
}

export function checkComponent(v: Record<string, unknown>): Checked<ComponentInput> {
  const r = new Reader(v, keysOf('component'));
  const rec: ComponentInput = {
    id: r.id('id') ?? '',
    systemId: r.id('systemId') ?? '',
    orgId: r.id('orgId', false),
    name: r.text('name', true, 300) ?? '',
    cpe: r.text('cpe', false, 500),
    purl: r.text('purl', false, 1000),
    vendor: r.text('vendor', false, 200),
    product: r.text('product', false, 200),
    version: r.text('version', false, 200),
    internetExposed: r.bool('internetExposed', false),
  };
  if (rec.cpe !== null && !CPE23.test(rec.cpe)) r.err('cpe', `'${rec.cpe.slice(0, 100)}' is not a CPE 2.3 formatted string (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other)`);
  if (rec.purl !== null && !PURL.test(rec.purl)) r.err('purl', `'${rec.purl.slice(0, 100)}' is not a package URL (pkg:type/namespace/name@version)`);
  return r.result(rec);
}

export function checkDependency(v: Record<string, unknown>): Checked<DependencyInput> {
  const r = new Reader(v, keysOf('dependency'));
  const hours = { min: 0, fallback: 0 };
  const rec: DependencyInput = {
    id: r.id('id') ?? '',
    dependentId: r.id('dependentId') ?? '',
    providerId: r.id('providerId') ?? '',
    orgId: r.id('orgId', false),
    type: r.oneOf('type', DEPENDENCY_TYPES, true) ?? 'physical',
    service: r.oneOf('service', SERVICES, true) ?? 'other',
    timeToImpactHours: r.num('timeToImpactHours', hours) ?? 0,
    backupKind: r.oneOf('backupKind', BACKUP_KINDS, false, 'none') ?? 'none',
    backupHours: r.num('backupHours', hours) ?? 0,
    backupHoursLow: r.num('backupHoursLow', { min: 0 }),
    backupHoursHigh: r.num('backupHoursHigh', { min: 0 }),
    shareLost: r.num('shareLost', { min: 0, minExclusive: true, max: 1, fallback: 1 }) ?? 1,
    recoveryHours: r.num('recoveryHours', hours) ?? 0,
    alternateGroup: r.text('alternateGroup', false, 128),
    failureProbability: r.num('failureProbability', { min: 0, max: 1, fallback: 1 }) ?? 1,
  };
  if (rec.dependentId && rec.dependentId === rec.providerId) r.err('providerId', 'an asset cannot depend on itself: dependentId and providerId are the same');
  if (rec.backupKind === 'none' && rec.backupHours > 0) r.err('backupHours', `is ${rec.backupHours} but backupKind is 'none': give the kind of backup, or 0 hours`);
  if (rec.backupKind === 'none' && (rec.backupHoursLow !== null || rec.backupHoursHigh !== null)) r.err('backupHoursLow', "backupKind is 'none': no backup range");
  if ((rec.backupHoursLow === null) !== (rec.backupHoursHigh === null)) {
    r.err(rec.backupHoursLow === null ? 'backupHoursLow' : 'backupHoursHigh', 'backupHoursLow and backupHoursHigh go together: give both or neither');
  } else if (rec.backupHoursLow !== null && rec.backupHoursHigh !== null) {
    if (!(rec.backupHoursLow <= rec.backupHours && rec.backupHours <= rec.backupHoursHigh)) {
      r.err('backupHours', `the range must hold backupHoursLow ≤ backupHours ≤ backupHoursHigh (got ${rec.backupHoursLow} ≤ ${rec.backupHours} ≤ ${rec.backupHoursHigh})`);
    }
  }
  if (rec.alternateGroup !== null && !REGISTER_ID.test(rec.alternateGroup)) r.err('alternateGroup', 'letters, digits, ., _, : or -, up to 128');
  return r.result(rec);
}

/** Validates one record of the given type (sites and systems fix the kind). */
export function checkRecord(t: RecordType, v: Record<string, unknown>): Checked<OrganisationRecord | AssetInput | ComponentInput | DependencyInput> {
  switch (t) {
    case 'organisation': return checkOrganisation(v);
    case 'site': return checkAsset(v, 'site');
    case 'system': return checkAsset(v, 'system');
    case 'asset': return checkAsset(v);
    case 'component': return checkComponent(v);
    case 'dependency': return checkDependency(v);
  }
}
