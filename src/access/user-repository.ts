/**
 * SQL for organisations, users and API tokens. No authorisation and no auditing here: that is
 * user-service.ts. Every function takes the Queryable to run on, so callers can compose them in
 * one transaction.
 */
import type { Queryable } from '../store/db.js';
import { CLEARANCES, type Clearance, type Role, type Subject } from './policy.js';

export interface Organisation {
  /** A slug, e.g. `acme-water`: the value stored in owner_org / recipients of intelligence. */
  id: string;
  name: string;
  /** The STIX identity object (`identity--<uuid>`) that stands for this organisation, if any. */
  identityRef: string | null;
  createdAt: string;
}

export interface User {
  id: string;
  username: string;
  orgId: string;
  role: Role;
  clearance: Clearance;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
}

/** A user with the stored password hash: never leaves the access module. */
export interface UserRecord extends User {
  passwordHash: string | null;
}

export type TokenStatus = 'active' | 'revoked' | 'expired';

/** What is known about a token without its secret. */
export interface TokenInfo {
  id: string;
  userId: string;
  name: string;
  status: TokenStatus;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}
function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

// --- organisations ------------------------------------------------------------------------------

interface OrgRow { id: string; name: string; identity_ref: string | null; created_at: unknown }
const toOrg = (r: OrgRow): Organisation => ({ id: r.id, name: r.name, identityRef: r.identity_ref, createdAt: iso(r.created_at) });

export async function insertOrganisation(q: Queryable, o: { id: string; name: string; identityRef: string | null }): Promise<Organisation> {
  const [r] = await q.query<OrgRow>(
    'INSERT INTO organisation (id, name, identity_ref) VALUES ($1, $2, $3) RETURNING id, name, identity_ref, created_at',
    [o.id, o.name, o.identityRef],
  );
  return toOrg(r!);
}

export async function findOrganisation(q: Queryable, id: string): Promise<Organisation | null> {
  const [r] = await q.query<OrgRow>('SELECT id, name, identity_ref, created_at FROM organisation WHERE id = $1', [id]);
  return r ? toOrg(r) : null;
}

export async function findOrganisationByName(q: Queryable, name: string): Promise<Organisation | null> {
  const [r] = await q.query<OrgRow>('SELECT id, name, identity_ref, created_at FROM organisation WHERE lower(name) = lower($1)', [name]);
  return r ? toOrg(r) : null;
}

export async function listOrganisations(q: Queryable): Promise<Organisation[]> {
  return (await q.query<OrgRow>('SELECT id, name, identity_ref, created_at FROM organisation ORDER BY id')).map(toOrg);
}

// --- users --------------------------------------------------------------------------------------

interface UserRow {
  id: string; username: string; org_id: string; role: Role; clearance: number;
  password_hash: string | null; disabled: boolean; created_at: unknown;
}
const USER_COLUMNS = 'id, username, org_id, role, clearance, password_hash, disabled, created_at';

function toUserRecord(r: UserRow): UserRecord {
  return {
    id: r.id, username: r.username, orgId: r.org_id, role: r.role,
    clearance: CLEARANCES[Number(r.clearance)] ?? 'OFFICIAL',
    disabled: r.disabled, hasPassword: r.password_hash !== null, createdAt: iso(r.created_at),
    passwordHash: r.password_hash,
  };
}

/** Drops the password hash. */
export function publicUser(u: UserRecord): User {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

export function subjectOf(u: User): Subject {
  return { userId: u.id, username: u.username, orgId: u.orgId, role: u.role, clearance: u.clearance };
}

export async function insertUser(
  q: Queryable,
  u: { id: string; username: string; orgId: string; role: Role; clearance: Clearance; passwordHash: string | null },
): Promise<UserRecord> {
  const [r] = await q.query<UserRow>(
    `INSERT INTO app_user (id, username, org_id, role, clearance, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
    [u.id, u.username, u.orgId, u.role, CLEARANCES.indexOf(u.clearance), u.passwordHash],
  );
  return toUserRecord(r!);
}

export async function findUserById(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<UserRecord | null> {
  const [r] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r ? toUserRecord(r) : null;
}

export async function findUserByUsername(q: Queryable, username: string): Promise<UserRecord | null> {
  const [r] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE username = $1`, [username]);
  return r ? toUserRecord(r) : null;
}

export async function listUsers(q: Queryable, opts: { orgId?: string } = {}): Promise<User[]> {
  const rows = opts.orgId === undefined
    ? await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY username`)
    : await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE org_id = $1 ORDER BY username`, [opts.orgId]);
  return rows.map((r) => publicUser(toUserRecord(r)));
}

export async function updateUser(
  q: Queryable,
  id: string,
  change: { role?: Role; clearance?: Clearance; disabled?: boolean; passwordHash?: string | null },
): Promise<UserRecord | null> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (col: string, v: unknown) => {
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  };
  if (change.role !== undefined) set('role', change.role);
  if (change.clearance !== undefined) set('clearance', CLEARANCES.indexOf(change.clearance));
  if (change.disabled !== undefined) set('disabled', change.disabled);
  if (change.passwordHash !== undefined) set('password_hash', change.passwordHash);
  if (sets.length === 0) return findUserById(q, id);
  const [r] = await q.query<UserRow>(`UPDATE app_user SET ${sets.join(', ')} WHERE id = $1 RETURNING ${USER_COLUMNS}`, params);
  return r ? toUserRecord(r) : null;
}

/** Ids of enabled admins, row-locked until the transaction ends (serialises "last admin" checks). */
export async function lockActiveAdmins(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>("SELECT id FROM app_user WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE");
  return rows.map((r) => r.id);
}

// --- tokens -------------------------------------------------------------------------------------

interface TokenRow {
  id: string; user_id: string; name: string; created_at: unknown; expires_at: unknown;
  revoked_at: unknown; last_used_at: unknown; expired: boolean;
}
const TOKEN_COLUMNS =
  'id, user_id, name, created_at, expires_at, revoked_at, last_used_at, (expires_at IS NOT NULL AND expires_at <= now()) AS expired';

function toToken(r: TokenRow): TokenInfo {
  return {
    id: r.id, userId: r.user_id, name: r.name,
    status: r.revoked_at !== null && r.revoked_at !== undefined ? 'revoked' : r.expired ? 'expired' : 'active',
    createdAt: iso(r.created_at), expiresAt: isoOrNull(r.expires_at), revokedAt: isoOrNull(r.revoked_at), lastUsedAt: isoOrNull(r.last_used_at),
  };
}

export async function insertToken(
  q: Queryable,
  t: { id: string; userId: string; name: string; tokenHash: string; expiresAt: Date | null },
): Promise<TokenInfo> {
  const [r] = await q.query<TokenRow>(
    `INSERT INTO api_token (id, user_id, name, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
     RETURNING ${TOKEN_COLUMNS}`,
    [t.id, t.userId, t.name, t.tokenHash, t.expiresAt ? t.expiresAt.toISOString() : null],
  );
  return toToken(r!);
}

export async function findToken(q: Queryable, id: string): Promise<TokenInfo | null> {
  const [r] = await q.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token WHERE id = $1`, [id]);
  return r ? toToken(r) : null;
}

export async function listTokens(q: Queryable, opts: { userId?: string } = {}): Promise<TokenInfo[]> {
  const rows = opts.userId === undefined
    ? await q.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token ORDER BY created_at, id`)
    : await q.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_token WHERE user_id = $1 ORDER BY created_at, id`, [opts.userId]);
  return rows.map(toToken);
}

/** Sets revoked_at if not yet set; returns the token, or null when there is none with that id. */
export async function revokeToken(q: Queryable, id: string): Promise<TokenInfo | null> {
  await q.query('UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return findToken(q, id);
}

/** Revokes every live token of a user; returns how many. */
export async function revokeUserTokens(q: Queryable, userId: string): Promise<number> {
  const rows = await q.query<{ id: string }>('UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id', [userId]);
  return rows.length;
}

export interface TokenPrincipal {
  tokenId: string;
  lastUsedAt: Date | null;
  /** Epoch milliseconds, or null for a token that never expires. */
  expiresAt: number | null;
  user: User;
}

/** The live token with this hash and its enabled user, or null (unknown, revoked, expired, user disabled). */
export async function findLiveToken(q: Queryable, hash: string): Promise<TokenPrincipal | null> {
  const [r] = await q.query<UserRow & { token_id: string; last_used_at: unknown; expires_at: unknown }>(
    `SELECT t.id AS token_id, t.last_used_at, t.expires_at, u.id, u.username, u.org_id, u.role, u.clearance, u.password_hash, u.disabled, u.created_at
       FROM api_token t JOIN app_user u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled`,
    [hash],
  );
  if (!r) return null;
  const lu = r.last_used_at;
  const ex = r.expires_at;
  return {
    tokenId: r.token_id,
    lastUsedAt: lu === null || lu === undefined ? null : lu instanceof Date ? lu : new Date(String(lu)),
    expiresAt: ex === null || ex === undefined ? null : (ex instanceof Date ? ex : new Date(String(ex))).getTime(),
    user: publicUser(toUserRecord(r)),
  };
}

/** Writes last_used_at unless another request did so within the last minute. */
export async function touchToken(q: Queryable, id: string): Promise<void> {
  await q.query(
    "UPDATE api_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
    [id],
  );
}
