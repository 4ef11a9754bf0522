/**
 * TypeBox schemas of the register's REST API (and so of its part of /openapi.json). Record
 * schemas list every field the API returns; write bodies are loose in type (null or absent for
 * optional fields) and the register's validator gives the reasons, naming the field.
 */
import { Type, type TSchema } from 'typebox';
import {
  BACKUP_KINDS, DEPENDENCY_TYPES, NETWORK_ZONES, REGION_CODES, SECTOR_CODES, SERVICES, SYSTEM_TYPES, REGISTER_ID,
} from '../../register/model.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const oneOf = (values: readonly string[], description: string) => Type.String({ description: `${description} One of: ${values.join(', ')}.` });

export const RegisterIdParams = Type.Object({
  id: Type.String({ pattern: REGISTER_ID.source, description: 'Register id: 1 to 128 letters, digits, ".", "_", ":" or "-".' }),
});

export const OrganisationView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sector: Nullable(Type.String({ description: `Main sector: ${SECTOR_CODES.join(', ')}.` })),
  identityRef: Nullable(Type.String({ description: 'STIX identity id of the organisation.' })),
}, { $id: 'RegisterOrganisation', description: 'An organisation as the register knows it.' });

export const AssetView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('site'), Type.Literal('system')]),
  orgId: Type.String({ description: 'Owning organisation.' }),
  name: Type.String(),
  sector: Type.String(),
  subSector: Nullable(Type.String()),
  siteId: Nullable(Type.String({ description: 'The site a system is at; null for sites.' })),
  region: Type.String({ description: `ITL1 region: ${REGION_CODES.join(', ')}.` }),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  criticality: Type.Integer({ minimum: 0, maximum: 5, description: 'CAT 0 (minor) … CAT 5 (national, catastrophic).' }),
  essentialService: Nullable(Type.String()),
  populationServed: Type.Integer({ minimum: 0 }),
  systemType: Nullable(Type.String({ description: `Systems: ${SYSTEM_TYPES.join(' or ')}.` })),
  function: Nullable(Type.String()),
  networkZone: Nullable(Type.String({ description: `Systems: ${NETWORK_ZONES.join(', ')}.` })),
}, { $id: 'RegisterAsset', description: 'A site or a system.' });

export const ComponentView = Type.Object({
  id: Type.String(),
  systemId: Type.String(),
  orgId: Type.String({ description: "The system's organisation." }),
  name: Type.String(),
  cpe: Nullable(Type.String({ description: 'CPE 2.3 formatted string.' })),
  purl: Nullable(Type.String({ description: 'Package URL.' })),
  vendor: Nullable(Type.String()),
  product: Nullable(Type.String()),
  version: Nullable(Type.String()),
  internetExposed: Type.Boolean(),
}, { $id: 'RegisterComponent', description: 'Software or hardware a system runs.' });

export const DependencyView = Type.Object({
  id: Type.String(),
  dependentId: Type.String({ description: 'The asset that needs the service.' }),
  providerId: Type.String({ description: 'The asset that supplies it (possibly of another organisation: only its id is shown).' }),
  orgId: Type.String({ description: "The dependent's organisation, which records the dependency." }),
  type: Type.String({ description: `${DEPENDENCY_TYPES.join(', ')}.` }),
  service: Type.String({ description: `${SERVICES.join(', ')}.` }),
  timeToImpactHours: Type.Number(),
  backupKind: Type.String({ description: `${BACKUP_KINDS.join(', ')}.` }),
  backupHours: Type.Number(),
  backupHoursLow: Nullable(Type.Number()),
  backupHoursHigh: Nullable(Type.Number()),
  shareLost: Type.Number(),
  recoveryHours: Type.Number(),
  alternateGroup: Nullable(Type.String({ description: 'Dependencies of one dependent in the same group are alternates (either will do).' })),
  failureProbability: Type.Number(),
}, { $id: 'RegisterDependency', description: 'An asset needing a service from another.' });

// Nullable inputs are typed with a type list, not a union: with the server's type coercion a union
// would turn null into 0 or "" (and 0 into null), where a type list leaves a matching value alone.
const num = (d: string) => Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'], description: d }));
const str = (d: string) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], description: d }));

export const OrganisationInput = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  sector: str(`Main sector: ${SECTOR_CODES.join(', ')}.`),
  identityRef: str('STIX identity id (identity--<uuid>).'),
});

export const AssetInput = Type.Object({
  id: Type.Optional(Type.String()),
  kind: Type.Optional(oneOf(['site', 'system'], 'Only on /register/assets; fixed by /sites and /systems.')),
  orgId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  sector: Type.Optional(oneOf(SECTOR_CODES, 'Sector.')),
  subSector: str('A sub-sector of the sector.'),
  siteId: str('Systems: the site (of the same organisation) they are at.'),
  region: str(`Required for sites; a system takes its site's when absent. ${REGION_CODES.join(', ')}.`),
  lat: num('Latitude (sites: required; systems: the site\'s when absent).'),
  lon: num('Longitude.'),
  criticality: Type.Optional(Type.Integer({ description: 'CAT 0–5.' })),
  essentialService: str('The essential service delivered.'),
  populationServed: Type.Optional(Type.Integer()),
  systemType: str(`Systems: ${SYSTEM_TYPES.join(' or ')}.`),
  function: str('Systems: what they do.'),
  networkZone: str(`Systems: ${NETWORK_ZONES.join(', ')}.`),
});

export const ComponentInput = Type.Object({
  id: Type.Optional(Type.String()),
  systemId: Type.Optional(Type.String()),
  orgId: str("Leave out: it is the system's."),
  name: Type.Optional(Type.String()),
  cpe: str('CPE 2.3 formatted string.'),
  purl: str('Package URL.'),
  vendor: str('Vendor.'),
  product: str('Product (model).'),
  version: str('Version (firmware version).'),
  internetExposed: Type.Optional(Type.Boolean()),
});

export const DependencyInput = Type.Object({
  id: Type.Optional(Type.String()),
  dependentId: Type.Optional(Type.String()),
  providerId: Type.Optional(Type.String()),
  orgId: str("Leave out: it is the dependent's."),
  type: Type.Optional(oneOf(DEPENDENCY_TYPES, 'Dependency type.')),
  service: Type.Optional(oneOf(SERVICES, 'Service carried.')),
  timeToImpactHours: num('Hours from losing the provider to losing the service, without backup (default 0).'),
  backupKind: Type.Optional(oneOf(BACKUP_KINDS, 'Backup (default none).')),
  backupHours: num('Hours the backup lasts (0 when none).'),
  backupHoursLow: num('Low end of the backup duration (with backupHoursHigh; low ≤ backupHours ≤ high).'),
  backupHoursHigh: num('High end of the backup duration.'),
  shareLost: num('Share of function lost, in (0, 1] (default 1).'),
  recoveryHours: num('Hours to recover once the provider is back (default 0).'),
  alternateGroup: str('Alternates of one dependent share a group (and a service).'),
  failureProbability: num('Probability, in [0, 1], that losing the provider takes the service away (default 1).'),
});

export const Page = (ref: string) => Type.Object({
  items: Type.Array(Type.Ref(ref)),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor for the next page; null on the last page.' }),
});

const PageQuery = {
  cursor: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
};

export const OrganisationListQuery = Type.Object({ sector: Type.Optional(Type.String()), ...PageQuery });
export const AssetListQuery = Type.Object({
  org: Type.Optional(Type.String({ description: 'Owning organisation.' })),
  kind: Type.Optional(Type.Union([Type.Literal('site'), Type.Literal('system')], { description: 'Only on /register/assets.' })),
  sector: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  min_criticality: Type.Optional(Type.Integer({ minimum: 0, maximum: 5, description: 'Criticality category at least this.' })),
  site: Type.Optional(Type.String({ description: 'Systems at this site.' })),
  ...PageQuery,
});
export const ComponentListQuery = Type.Object({ system: Type.Optional(Type.String()), org: Type.Optional(Type.String()), ...PageQuery });
export const DependencyListQuery = Type.Object({
  dependent: Type.Optional(Type.String()), provider: Type.Optional(Type.String()), org: Type.Optional(Type.String()), ...PageQuery,
});

export const DeleteResultView = Type.Object({
  deleted: Type.Object({ assets: Type.Array(Type.String()), components: Type.Array(Type.String()), dependencies: Type.Array(Type.String()) }),
});

const Counts = Type.Object({ inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });
export const ImportReportView = Type.Object({
  ok: Type.Boolean({ description: 'True when stored; false when any row was rejected (then nothing was stored).' }),
  files: Type.Array(Type.Object({ name: Type.String(), format: Type.String(), type: Nullable(Type.String()), rows: Type.Integer() })),
  rows: Type.Integer(),
  rejected: Type.Integer({ description: 'Rows with at least one error.' }),
  errors: Type.Array(Type.Object({
    file: Type.String(),
    row: Type.Integer({ description: 'CSV: line (header is 1); JSON: position in the array or line of JSON lines.' }),
    column: Nullable(Type.String()),
    reason: Type.String(),
  })),
  truncated: Type.Boolean(),
  counts: Type.Record(Type.String(), Counts),
  seconds: Type.Number(),
  rowsPerSecond: Type.Number(),
  phases: Type.Optional(Type.Object({ read: Type.Number(), check: Type.Number(), merge: Type.Number() })),
  systemId: Type.Optional(Type.String()),
  removed: Type.Optional(Type.Array(Type.String(), { description: 'SBOM: components of an earlier SBOM no longer listed (removed).' })),
}, { $id: 'RegisterImportReport' });
