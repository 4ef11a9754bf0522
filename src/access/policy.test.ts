/**
 * The policy's two forms — canRead (in memory, used by caches) and visibilityPredicate (in SQL,
 * used by every query) — must agree on every combination of reader and object facts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testEngines, type TestStore } from '../store/test-engines.js';
import { CLEARANCES, ROLES, TLP_LEVELS, can, canRead, isSensitive, systemSubject, visibilityPredicate, type AccessMeta, type Subject } from './policy.js';

const ORGS = ['authority', 'northgrid'];
const metas: AccessMeta[] = [];
for (const tlp of [null, ...TLP_LEVELS]) {
  for (const classification of [0, 1, 2]) {
    for (const ownerOrg of [null, ...ORGS]) {
      for (const recipients of [null, [], ['authority'], ['authority', 'northgrid']]) metas.push({ tlp, classification, ownerOrg, recipients });
    }
  }
}
const subjects: Subject[] = [];
for (const orgId of ORGS) for (const clearance of CLEARANCES) subjects.push({ userId: `${orgId}-${clearance}`, username: 'u', orgId, role: 'operator', clearance });

test('TLP:RED only to recipients, AMBER+STRICT only to the owner, classification never above clearance', () => {
  const op: Subject = { userId: 'u', username: 'u', orgId: 'northgrid', role: 'operator', clearance: 'OFFICIAL' };
  assert.equal(canRead(op, { tlp: 'RED', classification: 0, ownerOrg: 'authority', recipients: ['authority'] }), false);
  assert.equal(canRead(op, { tlp: 'RED', classification: 0, ownerOrg: 'authority', recipients: ['authority', 'northgrid'] }), true);
  assert.equal(canRead(op, { tlp: 'AMBER+STRICT', classification: 0, ownerOrg: 'authority', recipients: null }), false);
  assert.equal(canRead(op, { tlp: 'AMBER+STRICT', classification: 0, ownerOrg: 'northgrid', recipients: null }), true);
  assert.equal(canRead(op, { tlp: 'GREEN', classification: 1, ownerOrg: 'northgrid', recipients: null }), false);
  assert.equal(canRead({ ...op, clearance: 'SECRET' }, { tlp: 'GREEN', classification: 1, ownerOrg: null, recipients: null }), true);
  assert.equal(canRead({ ...op, clearance: 'SECRET' }, { tlp: 'CLEAR', classification: 2, ownerOrg: null, recipients: null }), false);
});

test('reads above OFFICIAL or above TLP:GREEN are the sensitive ones', () => {
  assert.equal(isSensitive({ tlp: 'GREEN', classification: 0 }), false);
  assert.equal(isSensitive({ tlp: null, classification: 0 }), false);
  assert.equal(isSensitive({ tlp: 'AMBER', classification: 0 }), true);
  assert.equal(isSensitive({ tlp: 'CLEAR', classification: 1 }), true);
});

test('roles: only admins manage users; operators and advisers only read intelligence', () => {
  const s = (role: (typeof ROLES)[number]): Subject => ({ userId: 'x', username: 'x', orgId: 'o', role, clearance: 'OFFICIAL' });
  assert.deepEqual(ROLES.map((r) => can(s(r), 'users:manage')), [true, false, false, false]);
  assert.deepEqual(ROLES.map((r) => can(s(r), 'intel:write')), [true, true, false, false]);
  assert.deepEqual(ROLES.map((r) => can(s(r), 'intel:read')), [true, true, true, true]);
  assert.equal(canRead(systemSubject(), { tlp: 'RED', classification: 2, ownerOrg: 'x', recipients: [] }), true);
});

for (const { engine, skip } of testEngines()) {
  describe(`the SQL predicate equals canRead on ${engine}`, { skip }, () => {
    let s: TestStore;
    before(async () => {
      s = await openTestStore(engine);
      await s.db.query('CREATE TABLE policy_case (n int, tlp text, classification smallint, owner_org text, recipients text[])');
      await s.db.query(
        `INSERT INTO policy_case SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, tlp text, classification smallint, owner_org text, recipients text[])`,
        [JSON.stringify(metas.map((m, n) => ({ n, tlp: m.tlp, classification: m.classification, owner_org: m.ownerOrg, recipients: m.recipients })))],
      );
    });
    after(async () => s?.dispose());

    test(`for ${subjects.length} readers × ${metas.length} objects`, async () => {
      for (const subj of subjects) {
        const params: unknown[] = [];
        const rows = await s.db.query<{ n: number }>(`SELECT n FROM policy_case c WHERE ${visibilityPredicate(subj, 'c', params)} ORDER BY n`, params);
        const expected = metas.map((m, n) => (canRead(subj, m) ? n : -1)).filter((n) => n >= 0);
        assert.deepEqual(rows.map((r) => r.n), expected, `${subj.orgId} ${subj.clearance}`);
      }
    });
  });
}
