/**
 * The demo dataset: organisations, one user of each role (credentials returned once), the
 * well-known marking definitions and a body of generated, realistic intelligence — all stored
 * through the same services a real deployment uses.
 */
import { randomBytes } from 'node:crypto';
import type { AppServices } from '../app.js';
import type { Subject, Role, Clearance } from '../access/policy.js';
import { importItems, type ImportReport } from '../intel/import-service.js';
import type { RawItem } from '../intel/object-reader.js';
import { generateIntel } from './intel-generator.js';
import { storeNation } from './nation.js';
import type { ImportReport as RegisterImportReport } from '../register/import-service.js';
import { seedExposureDemo, type ExposureDemoResult } from './exposure-demo.js';

export interface DemoCredentials {
  username: string;
  password: string;
  role: Role;
  clearance: Clearance;
  orgId: string;
}

export interface DemoResult {
  organisations: string[];
  users: DemoCredentials[];
  intel: ImportReport;
  register: RegisterImportReport;
  /** Generated vulnerability data (NVD, KEV, EPSS, CSAF) and the threat intelligence that uses it. */
  exposure: ExposureDemoResult;
}

const ORGS = [
  { id: 'authority', name: 'National Protective Security Authority' },
  { id: 'northgrid', name: 'Northgrid Electricity Networks plc' },
  { id: 'severn-vale-water', name: 'Severn Vale Water Ltd' },
  { id: 'albion-telecom', name: 'Albion Telecom Group' },
] as const;

/** The demo operators run part of the generated nation's infrastructure in their sectors. */
const OPERATORS = [
  { id: 'northgrid', name: 'Northgrid Electricity Networks plc', sector: 'energy' },
  { id: 'severn-vale-water', name: 'Severn Vale Water Ltd', sector: 'water' },
  { id: 'albion-telecom', name: 'Albion Telecom Group', sector: 'communications' },
] as const;

const USERS: { username: string; role: Role; clearance: Clearance; orgId: string }[] = [
  { username: 'admin', role: 'admin', clearance: 'TOP SECRET', orgId: 'authority' },
  { username: 'analyst', role: 'analyst', clearance: 'TOP SECRET', orgId: 'authority' },
  { username: 'adviser', role: 'adviser', clearance: 'SECRET', orgId: 'authority' },
  { username: 'operator', role: 'operator', clearance: 'OFFICIAL', orgId: 'northgrid' },
];

/** True when the store holds no objects and no users. */
export async function storeIsEmpty(app: AppServices): Promise<boolean> {
  const rows = await app.db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM (SELECT 1 FROM stix_object LIMIT 1) a) + (SELECT count(*) FROM (SELECT 1 FROM app_user LIMIT 1) b) AS n',
  );
  return Number(rows[0]?.n ?? 0) === 0;
}

export async function seedDemo(app: AppServices, actor: Subject, opts: { seed: number; objects: number; assets?: number }): Promise<DemoResult> {
  for (const o of ORGS) {
    const existing = (await app.users.listOrganisations(actor)).find((x) => x.id === o.id);
    if (!existing) await app.users.createOrganisation(actor, o);
  }
  const users: DemoCredentials[] = [];
  for (const u of USERS) {
    const password = randomBytes(12).toString('base64url');
    await app.users.createUser(actor, { ...u, password });
    users.push({ ...u, password });
  }
  const source = async function* (): AsyncGenerator<RawItem> {
    let index = 0;
    for (const value of generateIntel({ seed: opts.seed, count: opts.objects })) yield { index: index++, value };
  };
  const intel = await importItems(app.db, 'demo', source, 0, {
    ctx: { ownerOrg: 'authority', recipients: ['authority', 'northgrid'] },
    actor: actor.username,
    audit: app.appendAudit,
  });
  const { report: register } = await storeNation(app, actor, { assets: opts.assets ?? 1000, seed: opts.seed, operators: OPERATORS });
  if (!register.ok) throw new Error(`the generated register was rejected: ${JSON.stringify(register.errors.slice(0, 5))}`);
  const exposure = await seedExposureDemo(app, actor);
  return { organisations: ORGS.map((o) => o.id), users, intel, register, exposure };
}
