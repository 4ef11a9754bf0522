/**
 * Identities, credentials and the audit log over HTTP, on both engines: login (and its rate limit),
 * API tokens (create, list, revoke), administrator-only endpoints, and what the audit log records:
 * every login, every write, and every read of material above OFFICIAL or above TLP:GREEN — and not
 * the reads of OFFICIAL TLP:GREEN material.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../store/test-engines.js';
import { listAudit, type AuditEntry } from '../access/audit-log.js';
import { malware } from '../intel/test-fixtures.js';
import { PASSWORD, startTestServer, type TestServer, type UserKey } from './test-server.js';
import * as W from './test-world.js';

const RATE_LIMIT = 3;

for (const { engine, skip } of testEngines()) {
  describe(`REST API access and audit on ${engine}`, { skip }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(engine, { loginRateLimit: RATE_LIMIT });
    });
    after(async () => s?.close());

    const login = (username: string, password: string) => s.req(null, 'POST', '/auth/login', { username, password });
    async function head(): Promise<number> {
      return (await s.svc.audit.head())?.seq ?? 0;
    }
    async function auditSince(seq: number): Promise<AuditEntry[]> {
      return listAudit(s.store.db, { afterSeq: seq, limit: 10_000 });
    }

    // --- login ----------------------------------------------------------------------------------

    test('login: a token that works, the subject, an expiry; audited as auth.login', async () => {
      const seq = await head();
      const r = await login('Operator', PASSWORD);
      assert.equal(r.status, 200, r.text);
      assert.match(r.json.token, /^bwk_[A-Za-z0-9_-]{43}$/);
      assert.ok(Date.parse(r.json.expiresAt) > Date.now());
      assert.deepEqual(r.json.subject, s.users.operator.subject);
      const me = await s.get({ token: r.json.token }, '/me');
      assert.equal(me.status, 200);
      assert.equal(me.json.username, 'operator');
      const entries = await auditSince(seq);
      assert.ok(entries.some((e) => e.action === 'auth.login' && e.actor === 'operator'), JSON.stringify(entries));
    });

    test('login failures: 401 with one generic message whatever was wrong; audited as auth.login.failed', async () => {
      const seq = await head();
      const wrong = await login('adviser', 'not the password');
      const unknown = await login('nobody-at-all', 'not the password');
      for (const r of [wrong, unknown]) {
        assert.equal(r.status, 401);
        assert.deepEqual(r.json, { code: 'UNAUTHENTICATED', message: 'Invalid user name or password.' });
      }
      assert.equal(wrong.text, unknown.text);
      const failed = (await auditSince(seq)).filter((e) => e.action === 'auth.login.failed');
      assert.deepEqual(failed.map((e) => e.target), ['adviser', 'nobody-at-all']);
      assert.ok(!JSON.stringify(failed).includes('not the password'), 'no password in the log');
      const invalid = await s.req(null, 'POST', '/auth/login', { username: 'adviser' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.json.details[0].path, 'body/password');
    });

    test(`login is rate-limited: after ${RATE_LIMIT} failures, 429 with Retry-After, even with the right password`, async () => {
      for (let k = 0; k < RATE_LIMIT; k++) assert.equal((await login('ngoperator', `wrong ${k}`)).status, 401);
      for (const password of ['wrong again', PASSWORD]) {
        const r = await login('ngoperator', password);
        assert.equal(r.status, 429, r.text);
        assert.equal(r.json.code, 'RATE_LIMITED');
        const retry = Number(r.headers.get('retry-after'));
        assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${r.headers.get('retry-after')}`);
        assert.match(r.json.message, /try again in \d+ second/);
      }
      // another user name from the same address is not locked out
      assert.equal((await login('ngadviser', PASSWORD)).status, 200);
    });

    // --- tokens ---------------------------------------------------------------------------------

    test('tokens: create (shown once), list (never the secret), use, revoke (then 401); audited', async () => {
      const seq = await head();
      const created = await s.req('operator', 'POST', '/tokens', { name: 'dashboard' });
      assert.equal(created.status, 201, created.text);
      const { token, info } = created.json;
      assert.equal(info.status, 'active');
      assert.equal(info.userId, s.users.operator.subject.userId);
      assert.equal((await s.get({ token }, '/me')).json.username, 'operator');
      const list = await s.get('operator', '/tokens');
      assert.ok(list.json.items.some((t: { id: string }) => t.id === info.id));
      assert.ok(!list.text.includes(token.slice(4)), 'the list never shows a token');
      assert.ok(list.json.items.every((t: { userId: string }) => t.userId === info.userId), 'only your own');
      const revoked = await s.req('operator', 'DELETE', `/tokens/${info.id}`);
      assert.equal(revoked.status, 200, revoked.text);
      assert.equal(revoked.json.status, 'revoked');
      const after = await s.get({ token }, '/objects');
      assert.equal(after.status, 401);
      assert.equal(after.json.code, 'UNAUTHENTICATED');
      const actions = (await auditSince(seq)).map((e) => e.action);
      assert.ok(actions.includes('token.create') && actions.includes('token.revoke'), actions.join());
    });

    test("tokens: another user's are not yours to list, create or revoke; an administrator may", async () => {
      const other = await s.req('adviser', 'POST', '/tokens', { name: 'advisers own' });
      const id = other.json.info.id;
      const revoke = await s.req('operator', 'DELETE', `/tokens/${id}`);
      assert.equal(revoke.status, 404, revoke.text);
      assert.equal((await s.get('operator', `/tokens?user=${s.users.adviser.subject.userId}`)).status, 403);
      assert.equal((await s.req('operator', 'POST', '/tokens', { name: 'x', userId: s.users.adviser.subject.userId })).status, 403);
      assert.equal((await s.get({ token: other.json.token }, '/me')).status, 200);
      const byAdmin = await s.req('admin', 'DELETE', `/tokens/${id}`);
      assert.equal(byAdmin.json.status, 'revoked');
      assert.equal((await s.get({ token: other.json.token }, '/me')).status, 401);
    });

    // --- administrator-only endpoints ---------------------------------------------------------------

    const ADMIN_ONLY: [string, string, () => unknown][] = [
      ['GET', '/users', () => undefined],
      ['POST', '/users', () => ({ username: `u${Date.now()}`, orgId: 'northgrid', role: 'operator', clearance: 'OFFICIAL', password: PASSWORD })],
      ['POST', '/organisations', () => ({ name: `Org ${Date.now()}` })],
      ['GET', '/audit/verify', () => undefined],
    ];

    test('administrator-only endpoints: 403 FORBIDDEN for every other role, whatever the body', async () => {
      for (const who of ['analyst', 'adviser', 'operator', 'ngAnalyst'] as UserKey[]) {
        for (const [method, path, body] of [...ADMIN_ONLY, ['POST', `/users/${s.users.operator.subject.userId}/grant`, () => ({ clearance: 'TOP SECRET' })] as const]) {
          const r = await s.req(who, method, path, body());
          assert.equal(r.status, 403, `${who} ${method} ${path}: ${r.text}`);
          assert.equal(r.json.code, 'FORBIDDEN');
        }
        const bad = await s.req(who, 'POST', '/users', { nonsense: true });
        assert.equal(bad.status, 403, 'role before validation');
      }
      assert.equal((await s.get('operator', `/objects/${W.secretMalware.id}`)).status, 404, 'no grant happened');
    });

    test('administrator-only endpoints work for an administrator, and are audited', async () => {
      const seq = await head();
      for (const [method, path, body] of ADMIN_ONLY) {
        const r = await s.req('admin', method, path, body());
        assert.ok(r.status === 200 || r.status === 201, `${method} ${path}: ${r.text}`);
      }
      const orgs = await s.get('operator', '/organisations');
      assert.deepEqual(orgs.json.items.map((o: { id: string }) => o.id), ['authority'], 'others see their own organisation');
      const actions = (await auditSince(seq)).map((e) => e.action);
      assert.ok(actions.includes('user.create') && actions.includes('org.create'), actions.join());
    });

    // --- the audit of intelligence ----------------------------------------------------------------

    const SENSITIVE_READS: [string, UserKey, string, string][] = [
      ['a SECRET object', 'adviser', `/objects/${W.secretMalware.id}`, W.secretMalware.id],
      ['a TOP SECRET object', 'analyst', `/objects/${W.tsIntrusionSet.id}`, W.tsIntrusionSet.id],
      ['a TLP:AMBER object', 'operator', `/objects/${W.amberMalware.id}`, W.amberMalware.id],
      ['a TLP:AMBER+STRICT object', 'operator', `/objects/${W.strictMalware.id}`, W.strictMalware.id],
      ['a TLP:RED object', 'operator', `/objects/${W.redIndicator.id}`, W.redIndicator.id],
      ['an older SECRET version', 'adviser', `/objects/${W.downgraded[0]!.id}?version=2025-01-01T00:00:00Z`, W.downgraded[0]!.id],
      ['a list with AMBER in it', 'operator', '/objects?label=water', W.amberMalware.id],
      ['a search hit', 'operator', '/search?q=Tidewater', W.amberMalware.id],
      ['a neighbour', 'operator', `/objects/${W.greenIntrusionSet.id}/neighbours`, W.amberMalware.id],
      ['an export', 'ngOperator', '/export?type=malware', W.amberMalware.id],
    ];
    for (const [what, who, path, id] of SENSITIVE_READS) {
      test(`reading ${what} is audited (${path.split('?')[0]!.replace(/--[0-9a-f-]+/, '--…')})`, async () => {
        const seq = await head();
        const r = await s.get(who, path);
        assert.equal(r.status, 200, r.text);
        const entries = (await auditSince(seq)).filter((e) => e.action.startsWith('intel.'));
        assert.equal(entries.length, 1, JSON.stringify(entries));
        assert.equal(entries[0]!.actor, s.users[who].username);
        assert.ok(JSON.stringify(entries[0]!.detail).includes(id), JSON.stringify(entries[0]));
        if (path.startsWith('/export')) assert.equal(entries[0]!.action, 'intel.export');
      });
    }

    test('reading OFFICIAL TLP:GREEN material, counts and versions leaves no audit entry', async () => {
      const seq = await head();
      for (const path of [
        `/objects/${W.greenIndicator.id}`, `/objects/${W.greenIndicator.id}/versions`, '/objects?label=public-label',
        '/search?q=Harbour', `/objects/${W.identAuthority.id}/neighbours`, `/objects/${W.report.id}`, '/stats', '/export?type=report',
        `/objects/${W.secretMalware.id}`, // hidden from the operator: nothing read, nothing to audit
      ]) {
        const r = await s.get('operator', path);
        assert.ok(r.status === 200 || r.status === 404, `${path}: ${r.text}`);
      }
      assert.deepEqual(await auditSince(seq), []);
    });

    test('every write is audited with its actor and the version written: create, update, revoke', async () => {
      const obj = malware(7001, { name: 'Audited sample' }, { tlp: 'GREEN' });
      const seq = await head();
      assert.equal((await s.req('analyst', 'POST', '/objects', obj)).status, 201);
      const patched = await s.req('analyst', 'PATCH', `/objects/${obj.id}`, { name: 'Audited sample, renamed' });
      assert.equal((await s.req('analyst', 'POST', `/objects/${obj.id}/revoke`)).status, 200);
      const entries = (await auditSince(seq)).filter((e) => e.action.startsWith('intel.'));
      assert.deepEqual(entries.map((e) => e.action), ['intel.create', 'intel.update', 'intel.revoke']);
      assert.ok(entries.every((e) => e.actor === 'analyst'));
      assert.ok(entries[0]!.target!.startsWith(`${obj.id}@2025-01-01T00:00:00`), entries[0]!.target!);
      assert.ok(entries[1]!.target!.startsWith(`${obj.id}@${patched.json.modified.slice(0, 19)}`), entries[1]!.target!);
      // a rejected write leaves nothing
      const seq2 = await head();
      assert.equal((await s.req('analyst', 'POST', '/objects', { ...obj, name: 5 })).status, 400);
      assert.equal((await s.req('operator', 'POST', '/objects', malware(7002))).status, 403);
      assert.deepEqual((await auditSince(seq2)).filter((e) => e.action.startsWith('intel.')), []);
    });

    test('GET /audit/verify: the hash chain of everything above verifies', async () => {
      const r = await s.get('admin', '/audit/verify');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.ok, true);
      assert.ok(r.json.entries > 20, r.text);
    });
  });
}
