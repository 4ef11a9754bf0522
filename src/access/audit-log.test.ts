import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testEngines, type TestStore } from '../store/test-engines.js';
import { openDb, type Db, type Queryable } from '../store/db.js';
import { isAppError } from '../errors.js';
import { canonicalJson, computeEntryHash } from './audit-hash.js';
import { GENESIS_HASH, append, appendAudit, appendAuditBatch, auditHead, formatAnchor, listAudit, parseAnchor } from './audit-log.js';
import { AuditLog } from './audit-service.js';
import { verifyAudit, type AuditVerifyResult } from './audit-verify.js';
import { openAccessTestStore, resetAudit } from './test-support.js';

describe('audit hashing (pure)', () => {
  it('serialises canonically: sorted keys at every depth, no whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: true } }), '{"a":{"c":true,"d":[3,{"y":"é","z":null}]},"b":1}');
  });

  it('hashes SHA-256 hex over prev_hash + canonical {action, actor, at, detail, seq, target}', () => {
    const e = { seq: 7, at: '2025-01-01T00:00:00.000000Z', actor: 'alice', action: 'user.create', target: 'u1', detail: { z: 1, a: [1, 2] } };
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(e)).digest('hex');
    assert.equal(computeEntryHash(GENESIS_HASH, e), expected);
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });

  it('formats and parses a head anchor as seq:hash, rejecting malformed ones', () => {
    const a = { seq: 42, hash: 'ab'.repeat(32) };
    assert.deepEqual(parseAnchor(formatAnchor(a)), a);
    assert.deepEqual(parseAnchor(JSON.stringify(a)), a);
    assert.throws(() => parseAnchor('42:xyz'), (e) => isAppError(e) && e.code === 'VALIDATION_FAILED');
  });
});

async function seed(db: Db, n: number): Promise<void> {
  await resetAudit(db);
  await db.transaction((tx) =>
    appendAuditBatch(tx, Array.from({ length: n }, (_, i) => ({ actor: 'alice', action: `test.step${i + 1}`, target: `t${i + 1}`, detail: { i: i + 1 } }))),
  );
}

function firstBad(r: AuditVerifyResult) {
  assert.equal(r.ok, false, `expected tampering to be detected, got ${JSON.stringify(r)}`);
  return r.ok ? undefined : r.firstBad;
}

/** Moves rows' seq without tripping the primary key mid-statement: via negative values. */
async function renumber(db: Db, where: string, expr: string): Promise<void> {
  await db.query(`UPDATE audit_log SET seq = -(${expr}) WHERE ${where}`);
  await db.query('UPDATE audit_log SET seq = -seq WHERE seq < 0');
}

/** What an attacker with full write access does: recompute every hash and the head. */
async function rebuildChain(db: Db): Promise<void> {
  const rows = await db.query<{ seq: string; at: string; actor: string | null; action: string; target: string | null; detail: unknown }>(
    'SELECT seq::text AS seq, at, actor, action, target, detail FROM audit_log ORDER BY audit_log.seq',
  );
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = computeEntryHash(prev, { ...r, seq: Number(r.seq) });
    await db.query('UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3::bigint', [prev, hash, r.seq]);
    prev = hash;
  }
  await db.query('UPDATE audit_head SET seq = $1::bigint, hash = $2', [String(rows.length), prev]);
}

for (const { engine, skip } of testEngines()) {
  describe(`audit log on ${engine}`, { skip }, () => {
    let store: TestStore;
    let db: Db;
    before(async () => {
      store = await openAccessTestStore(engine);
      db = store.db;
    });
    after(async () => {
      await store?.dispose();
    });
    beforeEach(async () => {
      await resetAudit(db);
    });

    it('chains appended entries: seq 1, 2, 3, genesis prev_hash, each linking to the one before', async () => {
      const a = await AuditLog.record(db, { actor: 'alice', action: 'user.create', target: 'u1', detail: { role: 'analyst' } });
      const b = await AuditLog.record(db, { actor: null, action: 'auth.login.failed' });
      const c = await append(db, { actor: 'bob', action: 'token.revoke', target: 't9' });
      assert.deepEqual([a.seq, b.seq, c.seq], [1, 2, 3]);
      assert.equal(a.prevHash, GENESIS_HASH);
      assert.equal(b.prevHash, a.hash);
      assert.equal(c.prevHash, b.hash);
      assert.match(a.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      const stored = await listAudit(db);
      assert.deepEqual(stored.map((e) => [e.seq, e.action, e.target, e.hash]), [
        [1, 'user.create', 'u1', a.hash], [2, 'auth.login.failed', null, b.hash], [3, 'token.revoke', 't9', c.hash],
      ]);
      assert.equal(stored[0]!.hash, computeEntryHash(GENESIS_HASH, stored[0]!));
      assert.deepEqual(await auditHead(db), { seq: 3, hash: c.hash });
      assert.deepEqual(await verifyAudit(db), { ok: true, entries: 3, head: c.hash });
    });

    it('verifies an empty log with the genesis head', async () => {
      assert.deepEqual(await verifyAudit(db), { ok: true, entries: 0, head: GENESIS_HASH });
    });

    it('stores details exactly as hashed: key order, unicode, numbers, NUL and lone surrogates', async () => {
      const detail = { z: 'last', a: { y: [1, 0.1, 1e21, -0, 5e-324], x: 'naïve 😀 \u0000 \ud800 end' }, u: undefined, d: new Date(0) };
      const e = await AuditLog.record(db, { actor: 'al\u0000ice', action: 'test.detail', target: 'x\udc00', detail });
      assert.deepEqual(e.detail, { z: 'last', a: { y: [1, 0.1, 1e21, 0, 5e-324], x: 'naïve 😀 \ufffd \ufffd end' }, d: '1970-01-01T00:00:00.000Z' });
      assert.equal(e.actor, 'al\ufffdice');
      assert.deepEqual(await verifyAudit(db), { ok: true, entries: 1, head: e.hash });
      await AuditLog.record(db, { actor: 'a', action: 'test.scalar', detail: 'just a string' });
      await AuditLog.record(db, { actor: 'a', action: 'test.array', detail: [3, 2, 1] });
      assert.equal((await verifyAudit(db)).ok, true);
    });

    it('appends a batch of 1200 in one transaction, contiguous and verifiable in small pages', async () => {
      await AuditLog.record(db, { actor: 'a', action: 'test.first' });
      const out = await db.transaction((tx) => appendAuditBatch(tx, Array.from({ length: 1200 }, (_, i) => ({ actor: 'importer', action: 'intel.import', target: `obj-${i}` }))));
      assert.equal(out.length, 1200);
      assert.equal(out[0]!.seq, 2);
      assert.equal(out[1199]!.seq, 1201);
      const r = await verifyAudit(db, { pageSize: 97 });
      assert.deepEqual(r, { ok: true, entries: 1201, head: out[1199]!.hash });
    });

    it('commits an entry together with the caller\'s write, and rolls both back together', async () => {
      await db.query('CREATE TABLE IF NOT EXISTS audit_probe (id text PRIMARY KEY)');
      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO audit_probe VALUES ('kept')");
        await appendAudit(tx, { actor: 'alice', action: 'probe.write', target: 'kept' });
      });
      const headBefore = await auditHead(db);
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO audit_probe VALUES ('lost')");
          await appendAudit(tx, { actor: 'alice', action: 'probe.write', target: 'lost' });
          throw new Error('business rule failed');
        }),
        /business rule failed/,
      );
      assert.deepEqual((await db.query<{ id: string }>('SELECT id FROM audit_probe ORDER BY id')).map((r) => r.id), ['kept']);
      assert.deepEqual((await listAudit(db)).map((e) => e.target), ['kept']);
      assert.deepEqual(await auditHead(db), headBefore);
    });

    it('refuses appendAudit outside a transaction (INTERNAL, naming the fix)', async () => {
      const plain: Queryable = { query: (sql, params) => db.query(sql, params) };
      await assert.rejects(appendAudit(plain, { actor: 'a', action: 'x' }), (e) => {
        assert.ok(isAppError(e));
        assert.equal(e.code, 'INTERNAL');
        assert.match(e.message, /must run inside a transaction/);
        return true;
      });
      assert.equal((await listAudit(db)).length, 0);
    });

    it('rejects an entry without an action', async () => {
      await assert.rejects(AuditLog.record(db, { actor: 'a', action: ' ' }), (e) => isAppError(e) && e.code === 'VALIDATION_FAILED');
    });

    it('detects an altered entry (content changed, hash not) and names its seq', async () => {
      await seed(db, 6);
      await db.query("UPDATE audit_log SET detail = '{\"i\": 99}' WHERE seq = 3");
      const r = await verifyAudit(db);
      assert.deepEqual(firstBad(r), { seq: 3, reason: 'altered', message: 'Entry 3 was altered: its content does not match its hash.' });
      assert.equal(!r.ok && r.entriesChecked, 2);
    });

    it('detects an altered entry whose own hash was recomputed, by the next entry\'s link', async () => {
      await seed(db, 6);
      const [row] = await db.query<{ prev_hash: string; at: string; target: string }>('SELECT prev_hash, at, target FROM audit_log WHERE seq = 3');
      const forged = computeEntryHash(row!.prev_hash, { seq: 3, at: row!.at, actor: 'mallory', action: 'test.step3', target: row!.target, detail: { i: 3 } });
      await db.query("UPDATE audit_log SET actor = 'mallory', hash = $1 WHERE seq = 3", [forged]);
      const bad = firstBad(await verifyAudit(db));
      assert.equal(bad?.seq, 3);
      assert.equal(bad?.reason, 'altered');
      assert.match(bad!.message, /Entry 3 was changed and its hash recomputed: entry 4 records a different hash/);
    });

    it('detects a removed entry in the middle (seq gap) and names the missing seq', async () => {
      await seed(db, 6);
      await db.query('DELETE FROM audit_log WHERE seq = 3');
      const r = await verifyAudit(db);
      assert.deepEqual(firstBad(r), { seq: 3, reason: 'removed', message: 'Entry 3 was removed: entry 4 follows entry 2.' });
    });

    it('detects the first entry removed', async () => {
      await seed(db, 4);
      await db.query('DELETE FROM audit_log WHERE seq = 1');
      assert.deepEqual(firstBad(await verifyAudit(db)), { seq: 1, reason: 'removed', message: 'Entry 1 was removed: entry 2 starts the log.' });
    });

    it('detects a removal hidden by renumbering the later entries', async () => {
      await seed(db, 6);
      await db.query('DELETE FROM audit_log WHERE seq = 3');
      await renumber(db, 'seq > 3', 'seq - 1');
      const bad = firstBad(await verifyAudit(db));
      assert.equal(bad?.seq, 3);
      assert.equal(bad?.reason, 'removed');
    });

    it('detects reordered entries (seq swapped) and names the first', async () => {
      await seed(db, 6);
      await db.query('UPDATE audit_log SET seq = -3 WHERE seq = 3');
      await db.query('UPDATE audit_log SET seq = 3 WHERE seq = 4');
      await db.query('UPDATE audit_log SET seq = 4 WHERE seq = -3');
      const r = await verifyAudit(db);
      assert.deepEqual(firstBad(r), { seq: 3, reason: 'reordered', message: 'Entry 3 is out of order: its content was written as seq 4.' });
    });

    it('detects a removed last entry (truncation) through the head anchor', async () => {
      await seed(db, 6);
      await db.query('DELETE FROM audit_log WHERE seq = 6');
      const r = await verifyAudit(db);
      assert.deepEqual(firstBad(r), {
        seq: 6, reason: 'removed',
        message: 'Entry 6, the last one, was removed: the head anchor records 6 entries, the log ends at 5.',
      });
      assert.equal(!r.ok && r.entriesChecked, 5);
    });

    it('keeps a truncation visible after later appends (appends chain from the anchor, not the last row)', async () => {
      await seed(db, 6);
      await db.query('DELETE FROM audit_log WHERE seq >= 5');
      const e = await AuditLog.record(db, { actor: 'alice', action: 'after.truncation' });
      assert.equal(e.seq, 7);
      assert.deepEqual(firstBad(await verifyAudit(db)), { seq: 5, reason: 'removed', message: 'Entries 5 to 6 (2) were removed: entry 7 follows entry 4.' });
    });

    it('detects an entry inserted after the anchored head', async () => {
      await seed(db, 4);
      const head = (await auditHead(db))!;
      const at = '2030-01-01T00:00:00.000000Z';
      const hash = computeEntryHash(head.hash, { seq: 5, at, actor: 'mallory', action: 'cover.story', target: null, detail: null });
      await db.query("INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) VALUES (5, $1, 'mallory', 'cover.story', $2, $3)", [at, head.hash, hash]);
      assert.deepEqual(firstBad(await verifyAudit(db)), { seq: 5, reason: 'inserted', message: 'Entry 5 was inserted after the last anchored entry 4.' });
    });

    it('detects an entry inserted mid-chain (later entries renumbered)', async () => {
      await seed(db, 6);
      const [two] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 2');
      await renumber(db, 'seq >= 3', 'seq + 1');
      const at = '2030-01-01T00:00:00.000000Z';
      const hash = computeEntryHash(two!.hash, { seq: 3, at, actor: 'mallory', action: 'cover.story', target: null, detail: null });
      await db.query("INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) VALUES (3, $1, 'mallory', 'cover.story', $2, $3)", [at, two!.hash, hash]);
      const bad = firstBad(await verifyAudit(db));
      assert.equal(bad?.seq, 3);
      assert.equal(bad?.reason, 'inserted');
    });

    it('finds tampering across page boundaries', async () => {
      await seed(db, 9);
      await db.query('UPDATE audit_log SET seq = -5 WHERE seq = 5');
      await db.query('UPDATE audit_log SET seq = 5 WHERE seq = 6');
      await db.query('UPDATE audit_log SET seq = 6 WHERE seq = -5');
      const bad = firstBad(await verifyAudit(db, { pageSize: 2 }));
      assert.equal(bad?.seq, 5);
      assert.equal(bad?.reason, 'reordered');
    });

    it('reports a missing head anchor and refuses to append until it is restored', async () => {
      await seed(db, 3);
      await db.query('DELETE FROM audit_head');
      const bad = firstBad(await verifyAudit(db));
      assert.equal(bad?.reason, 'anchor');
      assert.equal(bad?.seq, 3);
      await assert.rejects(AuditLog.record(db, { actor: 'a', action: 'x' }), (e) => isAppError(e) && e.code === 'INTERNAL' && /anchor/.test(e.message));
    });

    it('catches a fully rebuilt chain only with an externally kept anchor (the threat model)', async () => {
      await seed(db, 6);
      const exported = parseAnchor(formatAnchor((await auditHead(db))!));
      await db.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
      await rebuildChain(db);
      assert.equal((await verifyAudit(db)).ok, true, 'an attacker with full write access can rebuild the chain and head');
      const bad = firstBad(await verifyAudit(db, { anchor: exported }));
      assert.equal(bad?.seq, 6);
      assert.equal(bad?.reason, 'altered');
      assert.match(bad!.message, /does not match the exported anchor/);
    });

    it('catches truncation with a rolled-back head only with an externally kept anchor', async () => {
      await seed(db, 6);
      const exported = (await auditHead(db))!;
      const [five] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 5');
      await db.query('DELETE FROM audit_log WHERE seq = 6');
      await db.query('UPDATE audit_head SET seq = 5, hash = $1', [five!.hash]);
      assert.equal((await verifyAudit(db)).ok, true);
      assert.deepEqual(firstBad(await verifyAudit(db, { anchor: exported })), {
        seq: 6, reason: 'removed',
        message: 'The log ends at entry 5 but the exported anchor records entry 6: entries from 6 were removed.',
      });
      // an older anchor still in the chain verifies
      assert.equal((await verifyAudit(db, { anchor: { seq: 5, hash: five!.hash } })).ok, true);
    });

    it('keeps one valid chain under concurrent appends from parallel transactions', async () => {
      const others: Db[] = [];
      if (engine === 'postgres') {
        // a second pool on the same database stands in for another process
        others.push(await openDb({ dataDir: '', databaseUrl: store.location.databaseUrl! }));
      }
      try {
        const writers = [db, ...others];
        const jobs: Promise<unknown>[] = [];
        for (let i = 0; i < 40; i++) {
          const w = writers[i % writers.length]!;
          jobs.push(AuditLog.record(w, { actor: `w${i}`, action: 'test.concurrent', target: String(i) }));
          if (i % 10 === 0) {
            jobs.push(w.transaction(async (tx) => {
              await tx.query('SELECT 1');
              await appendAuditBatch(tx, Array.from({ length: 25 }, (_, j) => ({ actor: `b${i}`, action: 'test.batch', target: String(j) })));
            }));
          }
        }
        await Promise.all(jobs);
        const r = await verifyAudit(db);
        assert.equal(r.ok, true, JSON.stringify(r));
        assert.equal(r.ok && r.entries, 40 + 4 * 25);
        const seqs = (await listAudit(db, { limit: 1000 })).map((e) => e.seq);
        assert.deepEqual(seqs, Array.from({ length: 140 }, (_, i) => i + 1));
      } finally {
        for (const o of others) await o.close();
      }
    });
  });
}
