/**
 * Need-to-know: the one policy that decides what a subject may see and do.
 * Every read path filters through `visibilityPredicate` (in SQL) or `canRead` (in memory);
 * both encode the same rules:
 *  - classification never above the subject's clearance;
 *  - TLP:RED only to organisations on the object's sharing list (recipients);
 *  - TLP:AMBER+STRICT only within the producing organisation;
 *  - TLP:CLEAR, GREEN, AMBER (and unmarked) to any authenticated user.
 */
import { errors } from '../errors.js';

export const ROLES = ['admin', 'analyst', 'adviser', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const CLEARANCES = ['OFFICIAL', 'SECRET', 'TOP SECRET'] as const;
export type Clearance = (typeof CLEARANCES)[number];

export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

export function clearanceRank(c: Clearance): number {
  return CLEARANCES.indexOf(c);
}

export interface Subject {
  userId: string;
  username: string;
  orgId: string;
  role: Role;
  clearance: Clearance;
}

/** The access-relevant facts stored with each object. */
export interface AccessMeta {
  tlp: TlpLevel | null;
  /** 0 OFFICIAL, 1 SECRET, 2 TOP SECRET */
  classification: number;
  ownerOrg: string | null;
  recipients: string[] | null;
}

export function canRead(s: Subject, m: AccessMeta): boolean {
  if (s.userId === SYSTEM_USER_ID) return true;
  if (m.classification > clearanceRank(s.clearance)) return false;
  switch (m.tlp) {
    case 'RED':
      return m.recipients !== null && m.recipients.includes(s.orgId);
    case 'AMBER+STRICT':
      return m.ownerOrg === s.orgId;
    default:
      return true;
  }
}

/**
 * SQL predicate equivalent to canRead over a row alias with columns tlp, classification,
 * owner_org, recipients. Appends its parameters to `params`.
 */
export function visibilityPredicate(s: Subject, alias: string, params: unknown[]): string {
  if (s.userId === SYSTEM_USER_ID) return 'true';
  params.push(clearanceRank(s.clearance));
  const c = `$${params.length}`;
  params.push(s.orgId);
  const o = `$${params.length}`;
  return `(${alias}.classification <= ${c} AND (${alias}.tlp IS NULL OR ${alias}.tlp IN ('CLEAR','GREEN','AMBER')` +
    ` OR (${alias}.tlp = 'AMBER+STRICT' AND ${alias}.owner_org = ${o})` +
    ` OR (${alias}.tlp = 'RED' AND ${o} = ANY(${alias}.recipients))))`;
}

/** Whether reading this object must be audited: anything above OFFICIAL or above TLP:GREEN. */
export function isSensitive(m: Pick<AccessMeta, 'tlp' | 'classification'>): boolean {
  return m.classification > 0 || m.tlp === 'AMBER' || m.tlp === 'AMBER+STRICT' || m.tlp === 'RED';
}

export type Action =
  | 'intel:read'
  | 'intel:write'
  | 'intel:import'
  | 'users:manage'
  | 'audit:read'
  | 'register:read'
  | 'register:write'
  | 'register:organisations'
  | 'cascade:run'
  | 'exposure:read'
  | 'exposure:triage'
  | 'exposure:match'
  | 'vuln:import';

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>(['intel:read', 'intel:write', 'intel:import', 'users:manage', 'audit:read', 'register:read', 'register:write', 'register:organisations', 'cascade:run', 'exposure:read', 'exposure:triage', 'exposure:match', 'vuln:import']),
  analyst: new Set<Action>(['intel:read', 'intel:write', 'intel:import', 'register:read', 'cascade:run', 'exposure:read', 'exposure:match', 'vuln:import']),
  adviser: new Set<Action>(['intel:read', 'register:read', 'cascade:run', 'exposure:read', 'exposure:triage', 'exposure:match']),
  operator: new Set<Action>(['intel:read', 'register:read', 'register:write', 'exposure:read', 'exposure:triage', 'exposure:match']),
};

export function can(s: Subject, action: Action): boolean {
  return GRANTS[s.role].has(action);
}

export function authorize(s: Subject, action: Action): void {
  if (!can(s, action)) throw errors.forbidden(`Your role (${s.role}) may not perform '${action}'.`);
}

// --- the infrastructure register ------------------------------------------------------------------
// Records (assets, components, dependencies) carry the organisation that owns them (`org_id`; a
// dependency's is its dependent's). Admins read and write all of them; analysts and advisers read
// all of them and write none; operators read and write only their own organisation's (a dependency
// of theirs on another organisation's provider shows the provider's id, never its record). Records
// a subject may not read are answered exactly like records that do not exist. Organisations'
// register records (name, sector, identity) are written by admins only; operators see their own.

/** The organisation whose register records the subject is confined to, or null for all of them. */
export function registerScope(s: Subject): string | null {
  return s.userId === SYSTEM_USER_ID || s.role !== 'operator' ? null : s.orgId;
}

/** Whether `orgId` is within the organisations the subject is confined to (all of them for most roles). */
function inScope(s: Subject, orgId: string): boolean {
  const scope = registerScope(s);
  return scope === null || scope === orgId;
}

/** Whether the subject may read a register record owned by `orgId`. */
export function canReadRegister(s: Subject, orgId: string): boolean {
  return can(s, 'register:read') && inScope(s, orgId);
}

/** Whether the subject may create, change or delete a register record owned by `orgId`. */
export function canWriteRegister(s: Subject, orgId: string): boolean {
  return can(s, 'register:write') && canReadRegister(s, orgId);
}

/** SQL predicate equivalent to canReadRegister over a column holding the owner; appends its parameters. */
export function registerPredicate(s: Subject, orgColumn: string, params: unknown[]): string {
  const scope = registerScope(s);
  if (scope === null) return 'true';
  params.push(scope);
  return `${orgColumn} = $${params.length}`;
}

// --- the exposure engine (issue 4) ----------------------------------------------------------------
// A finding belongs to the organisation that owns its component. `exposure:read`: every role;
// operators see only their own organisation's findings (the register's scope), and a finding they
// may not see answers exactly like one that does not exist (404) and is never counted (lists,
// counts, summaries). `exposure:triage` (change a finding's state: acknowledged, mitigated,
// risk-accepted): operators for their own organisation, advisers and admins for all; analysts read
// findings and import vulnerability data but do not decide what an operator accepts.
// `exposure:match` (match a set of CPEs against the loaded vulnerability data, no register data
// involved): every role. `vuln:import` (NVD, KEV, EPSS, CSAF, CPE dictionary): admins and analysts.

/** The organisation whose findings the subject is confined to, or null for all of them. */
export const exposureScope = (s: Subject): string | null => registerScope(s);

/** Whether the subject may read a finding whose component `orgId` owns. */
export function canReadFinding(s: Subject, orgId: string): boolean {
  return can(s, 'exposure:read') && inScope(s, orgId);
}

/** Whether the subject may change the state of a finding whose component `orgId` owns. */
export function canTriageFinding(s: Subject, orgId: string): boolean {
  return can(s, 'exposure:triage') && canReadFinding(s, orgId);
}

/**
 * The local system principal: whoever runs the CLI on the machine that holds the store already
 * has the data files, so the CLI acts as the system (sees and may do everything; its actions are
 * still audited, with the OS user name). `bulwark export --as USER` applies a user's view instead.
 */
export const SYSTEM_USER_ID = 'system';

export function systemSubject(actorName = 'system', orgId = 'authority'): Subject {
  return { userId: SYSTEM_USER_ID, username: actorName, orgId, role: 'admin', clearance: 'TOP SECRET' };
}
