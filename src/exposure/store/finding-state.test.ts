/**
 * Finding triage state on both engines: allowed transitions, risk acceptance rules (reason, future
 * expiry, 2000 characters), the optimistic `expect` check, first_seen kept, reads by organisation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors.js';
import { openAccessTestStore } from '../../access/test-support.js';
import { testEngines, type TestStore } from '../../store/test-engines.js';
import { findingKey, getStates, putState, type PutStateInput } from './index.js';

const NOW = new Date('2026-11-25T16:00:00.000Z');
const base: PutStateInput = { componentId: 'ng-scada-rtu', cveId: 'CVE-2024-3400', productKey: 'cpe:o:paloaltonetworks:pan-os', orgId: 'northgrid', state: 'acknowledged', changedBy: 'alice' };

async function refused(p: Promise<unknown>, code: string, path: string | undefined, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code);
    if (path !== undefined) assert.equal(e.details[0]?.path, path);
    assert.match(e.message, message);
    return true;
  });
}

for (const { engine, skip } of testEngines()) {
  describe(`finding state on ${engine}`, { skip }, () => {
    let store: TestStore;
    before(async () => {
      store = await openAccessTestStore(engine);
      await store.db.query("INSERT INTO organisation (id, name) VALUES ('northgrid', 'Northgrid'), ('aquaflow', 'Aquaflow')");
    });
    after(async () => store?.dispose());

    test('a finding is acknowledged, then risk-accepted with a reason and a future expiry; first seen is kept', async () => {
      const a = await store.db.transaction((tx) => putState(tx, { ...base, firstSeen: '2026-11-20T08:00:00Z' }, NOW));
      assert.deepEqual(a, {
        findingKey: 'ng-scada-rtu|CVE-2024-3400|cpe:o:paloaltonetworks:pan-os', componentId: 'ng-scada-rtu', cveId: 'CVE-2024-3400',
        productKey: 'cpe:o:paloaltonetworks:pan-os', orgId: 'northgrid', state: 'acknowledged', reason: null, expiresAt: null, changedBy: 'alice',
        changedAt: '2026-11-25T16:00:00.000Z', firstSeen: '2026-11-20T08:00:00.000Z',
      });
      const later = new Date('2026-11-26T09:00:00Z');
      const r = await store.db.transaction((tx) => putState(tx, { ...base, state: 'risk-accepted', reason: 'Isolated behind the data diode until the January outage.', expiresAt: '2027-01-31T00:00:00Z', changedBy: 'bob', expect: 'acknowledged' }, later));
      assert.deepEqual([r.state, r.expiresAt, r.changedBy, r.changedAt, r.firstSeen], ['risk-accepted', '2027-01-31T00:00:00.000Z', 'bob', '2026-11-26T09:00:00.000Z', '2026-11-20T08:00:00.000Z']);
    });

    test('risk acceptance without a reason, without an expiry, or with a past expiry is refused naming the field', async () => {
      const k = { ...base, componentId: 'ng-hmi', state: 'risk-accepted' as const };
      await refused(store.db.transaction((tx) => putState(tx, { ...k, expiresAt: '2027-01-01T00:00:00Z' }, NOW)), 'VALIDATION_FAILED', 'reason', /reason is required to accept a risk/);
      await refused(store.db.transaction((tx) => putState(tx, { ...k, reason: 'compensating control' }, NOW)), 'VALIDATION_FAILED', 'expiresAt', /expiresAt is required/);
      await refused(store.db.transaction((tx) => putState(tx, { ...k, reason: 'x', expiresAt: '2026-11-01T00:00:00Z' }, NOW)), 'VALIDATION_FAILED', 'expiresAt', /not in the future/);
      await refused(store.db.transaction((tx) => putState(tx, { ...k, reason: 'y'.repeat(2001), expiresAt: '2027-01-01T00:00:00Z' }, NOW)), 'VALIDATION_FAILED', 'reason', /2001 characters; at most 2000/);
      await refused(store.db.transaction((tx) => putState(tx, { ...base, componentId: 'ng-hmi', expiresAt: '2027-01-01T00:00:00Z' }, NOW)), 'VALIDATION_FAILED', 'expiresAt', /risk-accepted findings only/);
      assert.equal((await getStates(store.db)).has(findingKey('ng-hmi', 'CVE-2024-3400', base.productKey)), false);
    });

    test('a transition the table does not allow, or a stale expectation, is refused and changes nothing', async () => {
      const k = { ...base, componentId: 'ng-fw' };
      await store.db.transaction((tx) => putState(tx, { ...k, state: 'mitigated' }, NOW));
      await refused(store.db.transaction((tx) => putState(tx, { ...k, state: 'mitigated' }, NOW)), 'VALIDATION_FAILED', 'state', /is already mitigated/);
      await store.db.transaction((tx) => putState(tx, { ...k, state: 'acknowledged' }, NOW));
      await refused(store.db.transaction((tx) => putState(tx, { ...k, state: 'new' }, NOW)), 'VALIDATION_FAILED', 'state', /cannot go from acknowledged to new/);
      await refused(store.db.transaction((tx) => putState(tx, { ...k, state: 'mitigated', expect: 'new' }, NOW)), 'CONFLICT', undefined, /is acknowledged, not new as expected/);
      assert.equal((await getStates(store.db)).get(findingKey('ng-fw', base.cveId, base.productKey))!.state, 'acknowledged');
    });

    test('getStates reads one organisation\'s states, or all', async () => {
      await store.db.transaction((tx) => putState(tx, { ...base, componentId: 'aq-plc', orgId: 'aquaflow', state: 'mitigated' }, NOW));
      assert.deepEqual([...(await getStates(store.db, ['aquaflow'])).keys()], ['aq-plc|CVE-2024-3400|cpe:o:paloaltonetworks:pan-os']);
      assert.equal((await getStates(store.db)).size, 3);
      assert.equal((await getStates(store.db, [])).size, 0);
    });
  });
}
