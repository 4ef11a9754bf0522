import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, type TestStore } from '../store/test-engines.js';
import type { Db } from '../store/db.js';
import { AppError, isAppError } from '../errors.js';
import type { Subject } from './policy.js';
import { listAudit } from './audit-log.js';
import { verifyAudit } from './audit-verify.js';
import { retryAfterSeconds } from './rate-limit.js';
import { tokenHash } from './tokens.js';
import { UserService, slugify, type User } from './user-service.js';
import { openAccessTestStore, SYSTEM } from './test-support.js';

const PW = 'correct horse battery staple';

async function rejectsWith(p: Promise<unknown>, code: string, message?: string | RegExp): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(p, (e) => {
    caught = e;
    return true;
  });
  assert.ok(isAppError(caught), `expected AppError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else if (message) assert.match(caught.message, message);
  return caught;
}

async function auditActions(db: Db): Promise<string[]> {
  return (await listAudit(db, { limit: 10_000 })).map((e) => e.action);
}

describe('slugify', () => {
  it('derives organisation ids from names', () => {
    assert.equal(slugify('Acme Water plc'), 'acme-water-plc');
    assert.equal(slugify('  Électricité & Gaz — Nord '), 'electricite-gaz-nord');
    assert.equal(slugify('***'), '');
  });
});

for (const { engine, skip } of testEngines()) {
  describe(`user service on ${engine}`, { skip }, () => {
    let store: TestStore;
    let db: Db;
    let svc: UserService;
    let admin: Subject;
    let analyst: User;
    let analystSubject: Subject;

    before(async () => {
      store = await openAccessTestStore(engine);
      db = store.db;
      // these tests change tokens behind the service's back (as another process would): no cache
      svc = new UserService(db, { loginRateLimit: 3, tokenCacheSeconds: 0 });
      await svc.createOrganisation(SYSTEM, { name: 'Acme Water', identityRef: 'identity--0b9f7c3e-6f8a-4a7e-9d2b-1c3d4e5f6a7b' });
      await svc.createOrganisation(SYSTEM, { id: 'ncsc', name: 'National Cyber Security Centre' });
      const root = await svc.createUser(SYSTEM, { username: 'Root', orgId: 'ncsc', role: 'admin', clearance: 'TOP SECRET', password: PW });
      admin = { userId: root.id, username: root.username, orgId: 'ncsc', role: 'admin', clearance: 'TOP SECRET' };
      analyst = await svc.createUser(admin, { username: 'alice', orgId: 'acme-water', role: 'analyst', clearance: 'SECRET', password: PW });
      analystSubject = { userId: analyst.id, username: 'alice', orgId: 'acme-water', role: 'analyst', clearance: 'SECRET' };
    });
    after(async () => {
      await store?.dispose();
    });

    describe('organisations', () => {
      it('creates with a slug id derived from the name and keeps the STIX identity', async () => {
        const o = await svc.getOrganisation(admin, 'acme-water');
        assert.equal(o.name, 'Acme Water');
        assert.equal(o.identityRef, 'identity--0b9f7c3e-6f8a-4a7e-9d2b-1c3d4e5f6a7b');
        assert.match(o.createdAt, /^\d{4}-\d\d-\d\dT/);
        assert.deepEqual((await svc.listOrganisations(admin)).map((x) => x.id), ['acme-water', 'ncsc']);
      });

      it('refuses a taken id or name with CONFLICT, and a bad id or identity with VALIDATION_FAILED', async () => {
        await rejectsWith(svc.createOrganisation(admin, { id: 'ncsc', name: 'Other' }), 'CONFLICT', 'Organisation id "ncsc" is already taken.');
        await rejectsWith(svc.createOrganisation(admin, { id: 'acme-2', name: 'acme water' }), 'CONFLICT', 'An organisation named "acme water" already exists.');
        await rejectsWith(svc.createOrganisation(admin, { id: 'Bad Id', name: 'X' }), 'VALIDATION_FAILED', /Organisation id "Bad Id" is not valid/);
        await rejectsWith(svc.createOrganisation(admin, { name: 'Y', identityRef: 'identity--nope' }), 'VALIDATION_FAILED', /not a STIX identity id/);
      });

      it('shows a non-admin only their own organisation', async () => {
        assert.equal((await svc.getOrganisation(analystSubject, 'acme-water')).id, 'acme-water');
        await rejectsWith(svc.getOrganisation(analystSubject, 'ncsc'), 'NOT_FOUND', 'Organisation "ncsc" was not found.');
        assert.deepEqual((await svc.listOrganisations(analystSubject)).map((o) => o.id), ['acme-water']);
        await rejectsWith(svc.createOrganisation(analystSubject, { name: 'Z' }), 'FORBIDDEN');
      });
    });

    describe('users', () => {
      it('creates users with lower-cased names, role, clearance and organisation, never exposing the hash', async () => {
        const root = await svc.getUserByUsername(admin, 'ROOT');
        assert.equal(root.username, 'root');
        assert.equal(root.role, 'admin');
        assert.equal(root.clearance, 'TOP SECRET');
        assert.equal(root.hasPassword, true);
        assert.equal('passwordHash' in root, false);
        assert.deepEqual((await svc.listUsers(admin, { orgId: 'acme-water' })).map((u) => u.username), ['alice']);
      });

      it('refuses a taken user name with CONFLICT and records no audit entry for the failed write', async () => {
        const before = (await auditActions(db)).length;
        await rejectsWith(
          svc.createUser(admin, { username: 'ALICE', orgId: 'acme-water', role: 'adviser', clearance: 'OFFICIAL' }),
          'CONFLICT', 'User name "alice" is already taken.',
        );
        assert.equal((await auditActions(db)).length, before);
      });

      it('validates organisation, role, clearance, name and password, naming the problem', async () => {
        await rejectsWith(svc.createUser(admin, { username: 'bob', orgId: 'nowhere', role: 'analyst', clearance: 'OFFICIAL' }), 'NOT_FOUND', 'Organisation "nowhere" was not found.');
        await rejectsWith(svc.createUser(admin, { username: 'bob', orgId: 'ncsc', role: 'boss' as never, clearance: 'OFFICIAL' }), 'VALIDATION_FAILED', 'Role "boss" is not one of: admin, analyst, adviser, operator.');
        await rejectsWith(svc.createUser(admin, { username: 'bob', orgId: 'ncsc', role: 'analyst', clearance: 'COSMIC' as never }), 'VALIDATION_FAILED', /Clearance "COSMIC" is not one of/);
        await rejectsWith(svc.createUser(admin, { username: 'b', orgId: 'ncsc', role: 'analyst', clearance: 'OFFICIAL' }), 'VALIDATION_FAILED', /User name "b" is not valid/);
        await rejectsWith(svc.createUser(admin, { username: 'bob', orgId: 'ncsc', role: 'analyst', clearance: 'OFFICIAL', password: 'short' }), 'VALIDATION_FAILED', 'Password must be at least 12 characters long (it has 5).');
        await rejectsWith(svc.getUserByUsername(admin, 'bob'), 'NOT_FOUND');
      });

      it('lets only users:manage create users or list them', async () => {
        await rejectsWith(svc.createUser(analystSubject, { username: 'eve', orgId: 'acme-water', role: 'admin', clearance: 'TOP SECRET' }), 'FORBIDDEN', "Your role (analyst) may not perform 'users:manage'.");
        await rejectsWith(svc.listUsers(analystSubject), 'FORBIDDEN');
        assert.equal((await svc.getUser(analystSubject, analyst.id)).username, 'alice');
        await rejectsWith(svc.getUser(analystSubject, admin.userId), 'NOT_FOUND');
      });

      it('grants a new role and clearance, audited with before and after', async () => {
        const u = await svc.createUser(admin, { username: 'carol', orgId: 'acme-water', role: 'operator', clearance: 'OFFICIAL' });
        const g = await svc.grant(admin, u.id, { role: 'adviser', clearance: 'SECRET' });
        assert.equal(g.role, 'adviser');
        assert.equal(g.clearance, 'SECRET');
        const last = (await listAudit(db, { limit: 10_000 })).at(-1)!;
        assert.equal(last.action, 'user.grant');
        assert.equal(last.actor, 'root');
        assert.deepEqual(last.detail, { username: 'carol', from: { role: 'operator', clearance: 'OFFICIAL' }, to: { role: 'adviser', clearance: 'SECRET' } });
        await rejectsWith(svc.grant(admin, u.id, {}), 'BAD_REQUEST');
        await rejectsWith(svc.grant(admin, 'no-such-id', { role: 'analyst' }), 'NOT_FOUND');
      });

      it('refuses to demote or disable the last enabled admin', async () => {
        await rejectsWith(svc.grant(admin, admin.userId, { role: 'analyst' }), 'CONFLICT', 'Cannot demote the last enabled admin: make another user admin first.');
        await rejectsWith(svc.disableUser(admin, admin.userId), 'CONFLICT', /Cannot disable the last enabled admin/);
      });
    });

    describe('tokens', () => {
      it('a cached token stops working at once when revoked, or its user disabled or granted, through the service', async () => {
        const cached = new UserService(db, { tokenCacheSeconds: 60 });
        const a = await cached.createToken(analystSubject, { name: 'cache-a' });
        const first = await cached.authenticateToken(a.token);
        assert.equal(first?.userId, analystSubject.userId);
        await cached.revokeToken(analystSubject, a.info.id);
        assert.equal(await cached.authenticateToken(a.token), null);
        const b = await cached.createToken(analystSubject, { name: 'cache-b' });
        assert.equal((await cached.authenticateToken(b.token))?.clearance, analystSubject.clearance);
        const other = analystSubject.clearance === 'OFFICIAL' ? 'SECRET' : 'OFFICIAL';
        await cached.grant(SYSTEM, analystSubject.userId, { clearance: other });
        assert.equal((await cached.authenticateToken(b.token))?.clearance, other);
        await cached.grant(SYSTEM, analystSubject.userId, { clearance: analystSubject.clearance });
      });

      it('returns a bwk_ token once, stores only its SHA-256, and authenticates it to the user', async () => {
        const { token, info } = await svc.createToken(analystSubject, { name: 'ci' });
        assert.match(token, /^bwk_[A-Za-z0-9_-]{43}$/);
        const [row] = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_token WHERE id = $1', [info.id]);
        assert.equal(row!.token_hash, tokenHash(token));
        const listed = await svc.listTokens(analystSubject);
        assert.ok(listed.some((t) => t.id === info.id && t.status === 'active'));
        assert.equal(JSON.stringify(listed).includes(token.slice(4)) || JSON.stringify(listed).includes(row!.token_hash), false);
        assert.deepEqual(await svc.authenticateToken(token), analystSubject);
      });

      it('returns null for unknown, malformed, revoked and expired tokens', async () => {
        assert.equal(await svc.authenticateToken(`bwk_${'A'.repeat(43)}`), null);
        assert.equal(await svc.authenticateToken('Bearer nonsense'), null);
        const revoked = await svc.createToken(analystSubject, { name: 'to-revoke' });
        const r = await svc.revokeToken(analystSubject, revoked.info.id);
        assert.equal(r.status, 'revoked');
        assert.equal(await svc.authenticateToken(revoked.token), null);
        const expiring = await svc.createToken(analystSubject, { name: 'short-lived', expiresAt: new Date(Date.now() + 3600_000) });
        assert.notEqual(await svc.authenticateToken(expiring.token), null);
        await db.query("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1", [expiring.info.id]);
        assert.equal(await svc.authenticateToken(expiring.token), null);
        assert.equal((await svc.listTokens(analystSubject)).find((t) => t.id === expiring.info.id)?.status, 'expired');
      });

      it('refuses an expiry in the past and a token for someone else without users:manage', async () => {
        await rejectsWith(svc.createToken(analystSubject, { name: 'x', expiresAt: '2001-01-01T00:00:00Z' }), 'VALIDATION_FAILED', /is not in the future/);
        await rejectsWith(svc.createToken(analystSubject, { name: 'x', userId: admin.userId }), 'FORBIDDEN');
        const adminsToken = await svc.createToken(admin, { name: 'admin-own' });
        await rejectsWith(svc.revokeToken(analystSubject, adminsToken.info.id), 'NOT_FOUND');
        const forAlice = await svc.createToken(admin, { name: 'issued-by-admin', userId: analyst.id });
        assert.equal(forAlice.info.userId, analyst.id);
        assert.equal((await svc.revokeToken(admin, forAlice.info.id)).status, 'revoked');
      });

      it('writes last_used_at on use, at most once a minute', async () => {
        const { token, info } = await svc.createToken(analystSubject, { name: 'touch' });
        const lastUsed = async () => (await db.query<{ t: string | null }>('SELECT last_used_at::text AS t FROM api_token WHERE id = $1', [info.id]))[0]!.t;
        assert.equal(await lastUsed(), null);
        await svc.authenticateToken(token);
        assert.notEqual(await lastUsed(), null);
        await db.query("UPDATE api_token SET last_used_at = now() - interval '30 seconds' WHERE id = $1", [info.id]);
        const recent = await lastUsed();
        await svc.authenticateToken(token);
        assert.equal(await lastUsed(), recent, 'not rewritten within a minute');
        await db.query("UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [info.id]);
        const stale = await lastUsed();
        await svc.authenticateToken(token);
        assert.notEqual(await lastUsed(), stale, 'rewritten after a minute');
      });

      it('stops a disabled user\'s tokens at once and restores them on enable', async () => {
        const u = await svc.createUser(admin, { username: 'dave', orgId: 'ncsc', role: 'operator', clearance: 'OFFICIAL' });
        const { token } = await svc.createToken(admin, { name: 'svc', userId: u.id });
        assert.equal((await svc.authenticateToken(token))?.username, 'dave');
        assert.equal((await svc.disableUser(admin, u.id)).disabled, true);
        assert.equal(await svc.authenticateToken(token), null);
        await rejectsWith(svc.createToken(admin, { name: 'again', userId: u.id }), 'CONFLICT', /is disabled/);
        await svc.enableUser(admin, u.id);
        assert.equal((await svc.authenticateToken(token))?.username, 'dave');
      });
    });

    describe('login', () => {
      it('returns the subject and a 12-hour token that authenticates', async () => {
        const r = await svc.login('Alice', PW, '192.0.2.1');
        assert.deepEqual(r.subject, analystSubject);
        assert.deepEqual(await svc.authenticateToken(r.token), analystSubject);
        const hours = (Date.parse(r.expiresAt) - Date.now()) / 3600_000;
        assert.ok(hours > 11.9 && hours <= 12, `expires in ${hours} h`);
        const last = (await listAudit(db, { limit: 10_000 })).at(-1)!;
        assert.equal(last.action, 'auth.login');
        assert.equal(last.actor, 'alice');
      });

      it('fails alike (401, same message) for a wrong password, an unknown user, no password and a disabled user', async () => {
        const fresh = new UserService(db, { loginRateLimit: 100 });
        const u = await fresh.createUser(admin, { username: 'nopass', orgId: 'ncsc', role: 'operator', clearance: 'OFFICIAL' });
        const d = await fresh.createUser(admin, { username: 'gone', orgId: 'ncsc', role: 'operator', clearance: 'OFFICIAL', password: PW });
        await fresh.disableUser(admin, d.id);
        for (const [name, pw] of [['alice', 'wrong password!!'], ['nobody', PW], [u.username, PW], ['gone', PW]] as const) {
          const e = await rejectsWith(fresh.login(name, pw, '192.0.2.2'), 'UNAUTHENTICATED', 'Invalid user name or password.');
          assert.equal(e.status, 401);
        }
        const failures = (await listAudit(db, { limit: 10_000 })).filter((x) => x.action === 'auth.login.failed').slice(-4);
        assert.deepEqual(failures.map((f) => (f.detail as { reason: string }).reason), ['wrong password', 'unknown user', 'no password set', 'user disabled']);
      });

      it(`rate-limits: after N failed attempts per user and address within a minute, 429 with a retry-after`, async () => {
        let now = Date.now();
        const limited = new UserService(db, { loginRateLimit: 3, now: () => now });
        for (let i = 0; i < 3; i++) await rejectsWith(limited.login('alice', 'wrong password!!', '198.51.100.9'), 'UNAUTHENTICATED');
        const e = await rejectsWith(limited.login('alice', PW, '198.51.100.9'), 'RATE_LIMITED', /Too many failed login attempts.*try again in \d+ seconds?\./);
        assert.equal(e.status, 429);
        const after = retryAfterSeconds(e)!;
        assert.ok(after >= 1 && after <= 60, `retry after ${after}`);
        // the same user from another address is unaffected
        assert.equal((await limited.login('alice', PW, '203.0.113.5')).subject.username, 'alice');
        // a minute later the window has slid past the failures
        now += 60_001;
        assert.equal((await limited.login('alice', PW, '198.51.100.9')).subject.username, 'alice');
        assert.equal(limited.loginFailures('alice', '198.51.100.9'), 0);
      });

      it('counts unknown user names too, so guessing names is throttled as well', async () => {
        const limited = new UserService(db, { loginRateLimit: 2 });
        await rejectsWith(limited.login('ghost', PW, '10.0.0.1'), 'UNAUTHENTICATED');
        await rejectsWith(limited.login('ghost', PW, '10.0.0.1'), 'UNAUTHENTICATED');
        await rejectsWith(limited.login('ghost', PW, '10.0.0.1'), 'RATE_LIMITED');
        const refused = await db.query<{ target: string }>("SELECT target FROM audit_log WHERE action = 'auth.login.rate_limited'");
        assert.ok(refused.some((r) => r.target === 'ghost'), 'a refused attempt is audited');
      });
    });

    it('leaves a valid audit chain recording every change', async () => {
      const r = await verifyAudit(db);
      assert.equal(r.ok, true, JSON.stringify(r));
      const actions = new Set(await auditActions(db));
      for (const a of ['org.create', 'user.create', 'user.grant', 'user.disable', 'user.enable', 'token.create', 'token.revoke', 'auth.login', 'auth.login.failed']) {
        assert.ok(actions.has(a), `missing audit action ${a}`);
      }
    });
  });
}
