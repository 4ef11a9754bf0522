/**
 * Organisations, users, API tokens and login. Every change is authorised against the acting
 * subject and audited in the same transaction as the change (they commit together).
 *
 * Identifiers: an organisation's id is a slug (`acme-water`), given or derived from its name,
 * because organisation ids are what intelligence records carry in owner_org and in TLP:RED
 * sharing lists, where people read and type them. Users and tokens get random UUIDs. User names
 * are case-insensitive: stored in lower case.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../store/db.js';
import { errors, isAppError } from '../errors.js';
import { authorize, can, CLEARANCES, ROLES, type Clearance, type Role, type Subject } from './policy.js';
import { appendAudit, type AuditEntryInput } from './audit-log.js';
import { checkPasswordPolicy, dummyVerify, hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.js';
import { generateToken, isTokenFormat, shouldTouch, tokenHash } from './tokens.js';
import { LoginRateLimiter } from './rate-limit.js';
import * as repo from './user-repository.js';
import type { Organisation, TokenInfo, User } from './user-repository.js';

export type { Organisation, TokenInfo, TokenStatus, User } from './user-repository.js';

export interface UserServiceOptions {
  /** Failed logins allowed per (user name, client address) per minute (setting loginRateLimit). Default 10. */
  loginRateLimit?: number;
  /** Lifetime of the token a login returns. Default 12 hours. */
  sessionTtlSeconds?: number;
  /** Clock for the rate limiter (tests). */
  now?: () => number;
  /**
   * How long an authenticated token is remembered in memory (default 10 s). Changes made through
   * this process (revocation, grant, disable) take effect at once; changes made by another process
   * sharing a PostgreSQL server take effect within this time.
   */
  tokenCacheSeconds?: number;
}

export interface NewOrganisation {
  /** Slug; derived from the name when absent. */
  id?: string;
  name: string;
  /** `identity--<uuid>` of the STIX identity for this organisation. */
  identityRef?: string | null;
}

export interface NewUser {
  username: string;
  orgId: string;
  role: Role;
  clearance: Clearance;
  /** Omit for a token-only (e.g. service) account. */
  password?: string;
}

export interface NewToken {
  /** Whose token; default the actor. Another user's needs users:manage. */
  userId?: string;
  name: string;
  /** Absent or null: never expires. Must be in the future. */
  expiresAt?: Date | string | null;
}

export interface CreatedToken {
  /** The clear token: shown once, never stored. */
  token: string;
  info: TokenInfo;
}

export interface LoginResult {
  subject: Subject;
  token: string;
  expiresAt: string;
}

const ORG_ID_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const USERNAME_RE = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
const IDENTITY_RE = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GENERIC_LOGIN_FAILURE = 'Invalid user name or password.';

function invalid(path: string, message: string) {
  return errors.validation(message, [{ path, message }]);
}

/** A slug of a name: `Acme Water plc` → `acme-water-plc`; '' when nothing usable is left. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** Lower-cases and checks a user name; throws VALIDATION_FAILED naming the rule. */
export function normaliseUsername(username: unknown): string {
  if (typeof username !== 'string') throw invalid('username', 'User name must be a string.');
  const u = username.trim().toLowerCase();
  if (!USERNAME_RE.test(u)) {
    throw invalid('username', `User name "${username}" is not valid: use 2 to 64 characters from a-z, 0-9, '.', '_', '@' and '-', starting with a letter or digit.`);
  }
  return u;
}

function checkRole(role: unknown): Role {
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw invalid('role', `Role "${String(role)}" is not one of: ${ROLES.join(', ')}.`);
  }
  return role as Role;
}

function checkClearance(c: unknown): Clearance {
  if (typeof c !== 'string' || !(CLEARANCES as readonly string[]).includes(c)) {
    throw invalid('clearance', `Clearance "${String(c)}" is not one of: ${CLEARANCES.join(', ')}.`);
  }
  return c as Clearance;
}

function isUniqueViolation(e: unknown): boolean {
  return !isAppError(e) && typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

export class UserService {
  private readonly limiter: LoginRateLimiter;
  private readonly sessionTtlMs: number;

  /** token hash → the subject it stood for, until when it may be reused without asking the store */
  private readonly tokenCache = new Map<string, { subject: Subject; until: number }>();
  private readonly tokenCacheMs: number;

  constructor(private readonly db: Db, opts: UserServiceOptions = {}) {
    this.limiter = new LoginRateLimiter(opts.loginRateLimit ?? 10, 60_000, opts.now ?? Date.now);
    this.sessionTtlMs = (opts.sessionTtlSeconds ?? 12 * 3600) * 1000;
    this.tokenCacheMs = (opts.tokenCacheSeconds ?? 10) * 1000;
  }

  /** Forgets every cached token (any change to users or tokens). */
  private forgetTokens(): void {
    this.tokenCache.clear();
  }

  private audit(tx: Queryable, actor: Subject | null, entry: Omit<AuditEntryInput, 'actor'>) {
    return appendAudit(tx, { ...entry, actor: actor ? actor.username : null });
  }

  // --- organisations ----------------------------------------------------------------------------

  async createOrganisation(actor: Subject, input: NewOrganisation): Promise<Organisation> {
    authorize(actor, 'users:manage');
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '' || name.length > 200) throw invalid('name', 'Organisation name must be 1 to 200 characters.');
    const id = input.id ?? slugify(name);
    if (!ORG_ID_RE.test(id)) {
      throw invalid('id', input.id === undefined
        ? `Cannot derive an organisation id from "${name}": give one (lower-case letters, digits and '-', up to 64).`
        : `Organisation id "${id}" is not valid: use lower-case letters, digits and '-', up to 64, not starting or ending with '-'.`);
    }
    const identityRef = input.identityRef ?? null;
    if (identityRef !== null && !IDENTITY_RE.test(identityRef)) {
      throw invalid('identityRef', `Identity reference "${identityRef}" is not a STIX identity id (identity--<uuid>, lower case).`);
    }
    try {
      return await this.db.transaction(async (tx) => {
        if (await repo.findOrganisation(tx, id)) throw errors.conflict(`Organisation id "${id}" is already taken.`);
        if (await repo.findOrganisationByName(tx, name)) throw errors.conflict(`An organisation named "${name}" already exists.`);
        const org = await repo.insertOrganisation(tx, { id, name, identityRef });
        await this.audit(tx, actor, { action: 'org.create', target: id, detail: { name, identityRef } });
        return org;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.conflict(`Organisation "${id}" (${name}) already exists.`);
      throw e;
    }
  }

  /** Admins see any organisation; others only their own (any other is NOT_FOUND). */
  async getOrganisation(actor: Subject, id: string): Promise<Organisation> {
    const org = can(actor, 'users:manage') || actor.orgId === id ? await repo.findOrganisation(this.db, id) : null;
    if (!org) throw errors.notFound(`Organisation "${id}"`);
    return org;
  }

  /** Admins: all organisations; others: their own. */
  async listOrganisations(actor: Subject): Promise<Organisation[]> {
    if (can(actor, 'users:manage')) return repo.listOrganisations(this.db);
    const own = await repo.findOrganisation(this.db, actor.orgId);
    return own ? [own] : [];
  }

  // --- users ------------------------------------------------------------------------------------

  async createUser(actor: Subject, input: NewUser): Promise<User> {
    authorize(actor, 'users:manage');
    const username = normaliseUsername(input.username);
    const role = checkRole(input.role);
    const clearance = checkClearance(input.clearance);
    if (typeof input.orgId !== 'string') throw invalid('orgId', 'Organisation id must be a string.');
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    try {
      return await this.db.transaction(async (tx) => {
        if (!(await repo.findOrganisation(tx, input.orgId))) throw errors.notFound(`Organisation "${input.orgId}"`);
        if (await repo.findUserByUsername(tx, username)) throw errors.conflict(`User name "${username}" is already taken.`);
        const user = await repo.insertUser(tx, { id: randomUUID(), username, orgId: input.orgId, role, clearance, passwordHash });
        await this.audit(tx, actor, {
          action: 'user.create', target: user.id,
          detail: { username, orgId: user.orgId, role, clearance, password: passwordHash !== null },
        });
        return repo.publicUser(user);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.conflict(`User name "${username}" is already taken.`);
      throw e;
    }
  }

  /** Self, or anyone with users:manage; otherwise NOT_FOUND. */
  async getUser(actor: Subject, id: string): Promise<User> {
    const u = actor.userId === id || can(actor, 'users:manage') ? await repo.findUserById(this.db, id) : null;
    if (!u) throw errors.notFound(`User "${id}"`);
    return repo.publicUser(u);
  }

  async getUserByUsername(actor: Subject, username: string): Promise<User> {
    const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
    const u = actor.username === name || can(actor, 'users:manage') ? await repo.findUserByUsername(this.db, name) : null;
    if (!u) throw errors.notFound(`User "${username}"`);
    return repo.publicUser(u);
  }

  async listUsers(actor: Subject, opts: { orgId?: string } = {}): Promise<User[]> {
    authorize(actor, 'users:manage');
    return repo.listUsers(this.db, opts);
  }

  /** Changes role and/or clearance. Refuses to leave no enabled admin. */
  async grant(actor: Subject, userId: string, change: { role?: Role; clearance?: Clearance }): Promise<User> {
    authorize(actor, 'users:manage');
    const role = change.role === undefined ? undefined : checkRole(change.role);
    const clearance = change.clearance === undefined ? undefined : checkClearance(change.clearance);
    if (role === undefined && clearance === undefined) throw errors.badRequest('Nothing to grant: give a role and/or a clearance.');
    this.forgetTokens();
    return this.db.transaction(async (tx) => {
      const before = await repo.findUserById(tx, userId, { forUpdate: true });
      if (!before) throw errors.notFound(`User "${userId}"`);
      if (before.role === 'admin' && role !== undefined && role !== 'admin' && !before.disabled) await this.keepAnAdmin(tx, userId, 'demote');
      const after = (await repo.updateUser(tx, userId, { role, clearance }))!;
      await this.audit(tx, actor, {
        action: 'user.grant', target: userId,
        detail: { username: before.username, from: { role: before.role, clearance: before.clearance }, to: { role: after.role, clearance: after.clearance } },
      });
      return repo.publicUser(after);
    }).finally(() => this.forgetTokens());
  }

  /** Disables a user: their tokens stop working at once and they cannot log in. */
  async disableUser(actor: Subject, userId: string): Promise<User> {
    return this.setDisabled(actor, userId, true);
  }

  async enableUser(actor: Subject, userId: string): Promise<User> {
    return this.setDisabled(actor, userId, false);
  }

  private async setDisabled(actor: Subject, userId: string, disabled: boolean): Promise<User> {
    authorize(actor, 'users:manage');
    this.forgetTokens();
    return this.db.transaction(async (tx) => {
      const before = await repo.findUserById(tx, userId, { forUpdate: true });
      if (!before) throw errors.notFound(`User "${userId}"`);
      if (before.disabled === disabled) return repo.publicUser(before);
      if (disabled && before.role === 'admin') await this.keepAnAdmin(tx, userId, 'disable');
      const after = (await repo.updateUser(tx, userId, { disabled }))!;
      await this.audit(tx, actor, { action: disabled ? 'user.disable' : 'user.enable', target: userId, detail: { username: before.username } });
      return repo.publicUser(after);
    }).finally(() => this.forgetTokens());
  }

  private async keepAnAdmin(tx: Queryable, userId: string, what: 'demote' | 'disable'): Promise<void> {
    const admins = await repo.lockActiveAdmins(tx);
    if (admins.length <= 1 && admins.includes(userId)) {
      throw errors.conflict(`Cannot ${what} the last enabled admin: make another user admin first.`);
    }
  }

  /** Sets (or replaces) a password: one's own, or anyone's with users:manage. */
  async setPassword(actor: Subject, userId: string, password: string): Promise<void> {
    if (actor.userId !== userId) authorize(actor, 'users:manage');
    const hash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      const u = await repo.updateUser(tx, userId, { passwordHash: hash });
      if (!u) throw errors.notFound(`User "${userId}"`);
      await this.audit(tx, actor, { action: 'user.password', target: userId, detail: { username: u.username } });
    });
  }

  // --- tokens -----------------------------------------------------------------------------------

  /** Creates a token and returns it in clear ONCE; only its SHA-256 is stored. */
  async createToken(actor: Subject, input: NewToken): Promise<CreatedToken> {
    const userId = input.userId ?? actor.userId;
    if (userId !== actor.userId) authorize(actor, 'users:manage');
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '' || name.length > 100) throw invalid('name', 'Token name must be 1 to 100 characters.');
    let expiresAt: Date | null = null;
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      expiresAt = input.expiresAt instanceof Date ? input.expiresAt : new Date(input.expiresAt);
      if (Number.isNaN(expiresAt.getTime())) throw invalid('expiresAt', `Expiry "${String(input.expiresAt)}" is not a date-time.`);
      if (expiresAt.getTime() <= Date.now()) throw invalid('expiresAt', `Expiry ${expiresAt.toISOString()} is not in the future.`);
    }
    return this.db.transaction((tx) => this.issueToken(tx, actor, userId, name, expiresAt, 'token.create'));
  }

  private async issueToken(
    tx: Queryable, actor: Subject | null, userId: string, name: string, expiresAt: Date | null, action: string,
    extra: Record<string, unknown> = {},
  ): Promise<CreatedToken> {
    const user = await repo.findUserById(tx, userId);
    if (!user) throw errors.notFound(`User "${userId}"`);
    if (user.disabled) throw errors.conflict(`User "${user.username}" is disabled: enable them before issuing a token.`);
    const token = generateToken();
    const info = await repo.insertToken(tx, { id: randomUUID(), userId, name, tokenHash: tokenHash(token), expiresAt });
    await appendAudit(tx, {
      actor: actor ? actor.username : user.username, action, target: info.id,
      detail: { userId, username: user.username, name, expiresAt: info.expiresAt, ...extra },
    });
    return { token, info };
  }

  /** One's own tokens, or (users:manage) any user's, or all when userId is absent and the actor is an admin. */
  async listTokens(actor: Subject, opts: { userId?: string } = {}): Promise<TokenInfo[]> {
    if (opts.userId === undefined) {
      return can(actor, 'users:manage') ? repo.listTokens(this.db) : repo.listTokens(this.db, { userId: actor.userId });
    }
    if (opts.userId !== actor.userId) authorize(actor, 'users:manage');
    return repo.listTokens(this.db, { userId: opts.userId });
  }

  /** Revokes one's own token, or (users:manage) anyone's. Another user's token is NOT_FOUND to the rest. */
  async revokeToken(actor: Subject, tokenId: string): Promise<TokenInfo> {
    this.forgetTokens();
    return this.db.transaction(async (tx) => {
      const t = await repo.findToken(tx, tokenId);
      if (!t || (t.userId !== actor.userId && !can(actor, 'users:manage'))) throw errors.notFound(`Token "${tokenId}"`);
      if (t.status === 'revoked') return t;
      const after = (await repo.revokeToken(tx, tokenId))!;
      await this.audit(tx, actor, { action: 'token.revoke', target: tokenId, detail: { userId: t.userId, name: t.name } });
      return after;
    }).finally(() => this.forgetTokens());
  }

  /** The subject a clear token stands for; null when unknown, malformed, revoked, expired or the user is disabled. */
  async authenticateToken(clear: string): Promise<Subject | null> {
    if (!isTokenFormat(clear)) return null;
    const hash = tokenHash(clear);
    const now = Date.now();
    const hit = this.tokenCache.get(hash);
    if (hit && hit.until > now) return hit.subject;
    const found = await repo.findLiveToken(this.db, hash);
    if (!found) {
      this.tokenCache.delete(hash);
      return null;
    }
    if (shouldTouch(found.lastUsedAt, now)) await repo.touchToken(this.db, found.tokenId);
    const subject = repo.subjectOf(found.user);
    if (this.tokenCacheMs > 0) {
      if (this.tokenCache.size >= 10_000) this.tokenCache.clear();
      this.tokenCache.set(hash, { subject, until: Math.min(now + this.tokenCacheMs, found.expiresAt ?? Infinity) });
    }
    return subject;
  }

  // --- login ------------------------------------------------------------------------------------

  /**
   * Password login from `clientKey` (the client address). Returns the subject and a new token
   * (expiring after sessionTtlSeconds). Wrong user name, wrong password, disabled account and
   * password-less account all fail alike (UNAUTHENTICATED, same work, same message). More than
   * loginRateLimit failures per (user name, client) within a minute: RATE_LIMITED with a
   * retry-after figure (see retryAfterSeconds in rate-limit.ts).
   */
  async login(username: string, password: string, clientKey: string): Promise<LoginResult> {
    const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
    const key = `${name}\u0000${clientKey}`;
    try {
      this.limiter.begin(key);
    } catch (e) {
      // a refused attempt is a login attempt too: it is audited like the others
      await this.db.transaction((tx) =>
        appendAudit(tx, { actor: null, action: 'auth.login.rate_limited', target: name.slice(0, 64), detail: { client: clientKey } }),
      );
      throw e;
    }
    const user = USERNAME_RE.test(name) ? await repo.findUserByUsername(this.db, name) : null;
    const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
    if (!user || !passwordOk || user.disabled) {
      const reason = !user ? 'unknown user' : !user.passwordHash ? 'no password set' : !passwordOk ? 'wrong password' : 'user disabled';
      await this.db.transaction((tx) =>
        appendAudit(tx, { actor: null, action: 'auth.login.failed', target: name.slice(0, 64), detail: { client: clientKey, reason } }),
      );
      throw errors.unauthenticated(GENERIC_LOGIN_FAILURE);
    }
    this.limiter.succeed(key);
    const expiresAt = new Date(Date.now() + this.sessionTtlMs);
    const { token } = await this.db.transaction(async (tx) => {
      if (passwordNeedsRehash(user.passwordHash!)) {
        try {
          checkPasswordPolicy(password);
          await repo.updateUser(tx, user.id, { passwordHash: await hashPassword(password) });
        } catch (e) {
          if (!isAppError(e)) throw e; // an old password below today's policy keeps its old hash
        }
      }
      return this.issueToken(tx, null, user.id, 'login', expiresAt, 'auth.login', { client: clientKey });
    });
    return { subject: repo.subjectOf(user), token, expiresAt: expiresAt.toISOString() };
  }

  /** Failed login attempts currently counted for (user name, client). */
  loginFailures(username: string, clientKey: string): number {
    return this.limiter.failures(`${username.trim().toLowerCase()}\u0000${clientKey}`);
  }
}
