/**
 * The register's record types and their fields, in one table each: the model's field name (JSON,
 * API), its CSV column (snake_case of the field name) and its SQL column. Import, export, the
 * repository and the API all read these tables, so a field has one name per medium everywhere.
 */
import type { AssetRecord, ComponentRecord, DependencyRecord, OrganisationRecord } from './model.js';

/** What a stored row is (table level). */
export type Entity = 'organisation' | 'asset' | 'component' | 'dependency';

/** What a file or an API path holds: sites and systems are both assets, told apart by kind. */
export const RECORD_TYPES = ['organisation', 'site', 'system', 'asset', 'component', 'dependency'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Plural names (file names, CLI `--type`, export `type=`) → record type. */
export const PLURALS: Record<string, RecordType> = {
  organisations: 'organisation', sites: 'site', systems: 'system', assets: 'asset', components: 'component', dependencies: 'dependency',
};

export function entityOf(t: RecordType): Entity {
  return t === 'site' || t === 'system' ? 'asset' : t;
}

/** Accepts singular or plural, any case (`sites`, `Site`). */
export function parseRecordType(v: string): RecordType | null {
  const k = v.trim().toLowerCase();
  if ((RECORD_TYPES as readonly string[]).includes(k)) return k as RecordType;
  return PLURALS[k] ?? null;
}

export type FieldType = 'text' | 'int' | 'num' | 'bool';

export interface Field<R> {
  key: keyof R & string;
  csv: string;
  sql: string;
  type: FieldType;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function fields<R>(spec: [keyof R & string, FieldType, string?][]): Field<R>[] {
  return spec.map(([key, type, sql]) => ({ key, csv: snake(key), sql: sql ?? snake(key), type }));
}

export const ORGANISATION_FIELDS = fields<OrganisationRecord>([
  ['id', 'text'], ['name', 'text'], ['sector', 'text'], ['identityRef', 'text'],
]);

export const ASSET_FIELDS = fields<AssetRecord>([
  ['id', 'text'], ['kind', 'text'], ['orgId', 'text'], ['name', 'text'], ['sector', 'text'], ['subSector', 'text'],
  ['siteId', 'text'], ['region', 'text'], ['lat', 'num'], ['lon', 'num'], ['criticality', 'int'],
  ['essentialService', 'text'], ['populationServed', 'int'], ['systemType', 'text'], ['function', 'text'], ['networkZone', 'text'],
]);

export const COMPONENT_FIELDS = fields<ComponentRecord>([
  ['id', 'text'], ['systemId', 'text'], ['orgId', 'text'], ['name', 'text'], ['cpe', 'text'], ['purl', 'text'],
  ['vendor', 'text'], ['product', 'text'], ['version', 'text'], ['internetExposed', 'bool'],
]);

/** Dependencies also carry `orgId` (column org_id: the dependent's organisation, which records it). */
export const DEPENDENCY_FIELDS = fields<DependencyRecord & { orgId: string }>([
  ['id', 'text'], ['dependentId', 'text'], ['providerId', 'text'], ['orgId', 'text'], ['type', 'text'], ['service', 'text'],
  ['timeToImpactHours', 'num', 'time_to_impact_h'], ['backupKind', 'text'], ['backupHours', 'num', 'backup_h'],
  ['backupHoursLow', 'num', 'backup_h_low'], ['backupHoursHigh', 'num', 'backup_h_high'], ['shareLost', 'num'],
  ['recoveryHours', 'num', 'recovery_h'], ['alternateGroup', 'text'], ['failureProbability', 'num'],
]);

const SITE_ONLY_ABSENT = new Set(['kind', 'siteId', 'systemType', 'function', 'networkZone']);

function fieldsFor(t: RecordType): Field<Record<string, unknown>>[] {
  const f = (() => {
    switch (t) {
      case 'organisation': return ORGANISATION_FIELDS;
      case 'site': return ASSET_FIELDS.filter((x) => !SITE_ONLY_ABSENT.has(x.key));
      case 'system': return ASSET_FIELDS.filter((x) => x.key !== 'kind');
      case 'asset': return ASSET_FIELDS;
      case 'component': return COMPONENT_FIELDS;
      case 'dependency': return DEPENDENCY_FIELDS;
    }
  })();
  return f as unknown as Field<Record<string, unknown>>[];
}

const FIELDS_OF = new Map(RECORD_TYPES.map((t) => [t, fieldsFor(t)]));
const BY_CSV = new Map(RECORD_TYPES.map((t) => [t, new Map(fieldsFor(t).map((f) => [f.csv, f]))]));

/** The fields (and CSV columns, in order) of a record type's files. */
export function fieldsOf(t: RecordType): Field<Record<string, unknown>>[] {
  return FIELDS_OF.get(t)!;
}

/** A record type's fields by CSV column name. */
export function fieldByCsv(t: RecordType): ReadonlyMap<string, Field<Record<string, unknown>>> {
  return BY_CSV.get(t)!;
}

/** The SQL column list of an entity's table, in field order. */
export function sqlColumns(e: Entity): string {
  return fieldsOf(e).map((f) => f.sql).join(', ');
}

/** A SELECT list giving each column under its model name (`org_id AS "orgId"`). */
export function selectList(e: Entity, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return fieldsOf(e).map((f) => (f.sql === f.key ? `${p}${f.sql}` : `${p}${f.sql} AS "${f.key}"`)).join(', ');
}

export type AnyRecord = OrganisationRecord | AssetRecord | ComponentRecord | DependencyRecord;

/** Converts a row selected with selectList to a record (numbers from bigint text, nulls kept). */
export function rowToRecord<R>(e: Entity, row: Record<string, unknown>): R {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(e)) {
    const v = row[f.key];
    out[f.key] = v === null || v === undefined ? null : f.type === 'int' || f.type === 'num' ? Number(v) : v;
  }
  return out as R;
}
