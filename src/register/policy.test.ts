/**
 * The register's part of the access policy: the role × organisation matrix written out by hand,
 * and the SQL predicate proved equal to the in-memory rule on every combination, on both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, type TestStore } from '../store/test-engines.js';
import { openAccessTestStore } from '../access/test-support.js';
import {
  can, canReadRegister, canWriteRegister, registerPredicate, registerScope, systemSubject, ROLES, type Role, type Subject,
} from '../access/policy.js';

const subject = (role: Role, orgId = 'northgrid'): Subject => ({ userId: `u-${role}`, username: role, orgId, role, clearance: 'OFFICIAL' });

describe('register policy', () => {
  test('who reads and writes whose records (written out by hand)', () => {
    const expected: Record<Role, { readOwn: boolean; readOther: boolean; writeOwn: boolean; writeOther: boolean; orgs: boolean }> = {
      admin: { readOwn: true, readOther: true, writeOwn: true, writeOther: true, orgs: true },
      analyst: { readOwn: true, readOther: true, writeOwn: false, writeOther: false, orgs: false },
      adviser: { readOwn: true, readOther: true, writeOwn: false, writeOther: false, orgs: false },
      operator: { readOwn: true, readOther: false, writeOwn: true, writeOther: false, orgs: false },
    };
    for (const role of ROLES) {
      const s = subject(role);
      const e = expected[role];
      assert.deepEqual({
        readOwn: canReadRegister(s, 'northgrid'), readOther: canReadRegister(s, 'aquaflow'),
        writeOwn: canWriteRegister(s, 'northgrid'), writeOther: canWriteRegister(s, 'aquaflow'), orgs: can(s, 'register:organisations'),
      }, e, role);
      assert.equal(registerScope(s), role === 'operator' ? 'northgrid' : null);
    }
    const sys = systemSubject();
    assert.equal(registerScope(sys), null);
    assert.ok(canWriteRegister(sys, 'anyone'));
  });
});

for (const { engine, skip } of testEngines()) {
  describe(`register policy in SQL on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => {
      store = await openAccessTestStore(engine);
    });
    after(async () => store?.dispose());

    test('registerPredicate selects exactly the owners canReadRegister allows, for every role', async () => {
      const owners = ['northgrid', 'aquaflow', 'authority'];
      for (const role of ROLES) {
        for (const orgId of owners) {
          const s = subject(role, orgId);
          const params: unknown[] = [];
          const pred = registerPredicate(s, 'o.owner', params);
          const rows = await store.db.query<{ owner: string }>(`SELECT o.owner FROM unnest($${params.length + 1}::text[]) AS o(owner) WHERE ${pred} ORDER BY 1`, [...params, owners]);
          assert.deepEqual(rows.map((r) => r.owner), owners.filter((o) => canReadRegister(s, o)).sort(), `${role} of ${orgId}`);
        }
      }
    });
  });
}
