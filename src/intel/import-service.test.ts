import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, testEngines, type TestStore } from '../store/test-engines.js';
import { appendAudit } from '../access/audit-log.js';
import { verifyAudit } from '../access/audit-verify.js';
import { importFile, validateFile } from './import-service.js';
import type { AuditAppender } from './import-service.js';
import { bundle, indicator, malware, relationship, T0 } from './test-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-import-'));
let fileNo = 0;
function file(text: string, ext = 'json'): string {
  const p = join(dir, `f${fileNo++}.${ext}`);
  writeFileSync(p, text);
  return p;
}
const audit: AuditAppender = async (tx, e) => {
  await appendAudit(tx, e);
};
const opts = { ctx: { ownerOrg: 'authority', recipients: null }, actor: 'test', audit };

async function count(s: TestStore, where = 'true'): Promise<number> {
  const r = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stix_object WHERE ${where}`);
  return r[0]!.n;
}

for (const { engine, skip } of testEngines()) {
  describe(`import on ${engine}`, { skip }, () => {
    let s: TestStore;
    before(async () => {
      s = await openTestStore(engine);
    });
    after(async () => s?.dispose());

    test('stores valid objects and reports each rejected one by index, id, field and reason', async () => {
      const bad = { ...malware(2), created: 'yesterday' };
      const r = await importFile(s.db, file(bundle([malware(1), bad, indicator(3)])), opts);
      assert.equal(r.imported, 2);
      assert.equal(r.rejected, 1);
      assert.equal(r.errors[0]!.index, 1);
      assert.equal(r.errors[0]!.id, malware(2).id);
      assert.ok(r.errors[0]!.errors.some((e) => e.path === 'created'), JSON.stringify(r.errors));
      assert.equal(await count(s, `id = '${malware(1).id}'`), 1);
      assert.equal(await count(s, `id = '${malware(2).id}'`), 0);
    });

    test('re-importing identical objects is a no-op', async () => {
      const f = file(bundle([malware(10), indicator(11)]));
      await importFile(s.db, f, opts);
      const before = await count(s);
      const r = await importFile(s.db, f, opts);
      assert.deepEqual([r.imported, r.unchanged, r.rejected], [0, 2, 0]);
      assert.equal(await count(s), before);
    });

    test('a newer modified is a new version: history kept, latest flagged', async () => {
      await importFile(s.db, file(bundle([malware(20)])), opts);
      const v2 = malware(20, { modified: '2025-02-01T00:00:00.000Z', description: 'updated' });
      const r = await importFile(s.db, file(bundle([v2])), opts);
      assert.equal(r.imported, 1);
      const rows = await s.db.query<{ version: string; is_latest: boolean }>(
        `SELECT version, is_latest FROM stix_object WHERE id = $1 ORDER BY version`, [v2.id]);
      assert.deepEqual(rows.map((x) => x.is_latest), [false, true]);
    });

    test('an older version arriving late is kept as history without displacing the latest', async () => {
      const newer = malware(21, { modified: '2025-03-01T00:00:00.000Z' });
      await importFile(s.db, file(bundle([newer])), opts);
      await importFile(s.db, file(bundle([malware(21)])), opts);
      const rows = await s.db.query<{ version: string; is_latest: boolean }>(
        `SELECT version, is_latest FROM stix_object WHERE id = $1 ORDER BY version`, [newer.id]);
      assert.equal(rows.length, 2);
      assert.equal(rows[1]!.is_latest, true);
      assert.equal(rows[0]!.is_latest, false);
    });

    test('same id and modified with different content is rejected as a conflict', async () => {
      await importFile(s.db, file(bundle([malware(22)])), opts);
      const r = await importFile(s.db, file(bundle([malware(22, { description: 'tampered' })])), opts);
      assert.equal(r.rejected, 1);
      assert.match(r.errors[0]!.errors[0]!.message, /already stored with different content/);
    });

    test('a revoked object takes no newer versions', async () => {
      await importFile(s.db, file(bundle([malware(23, { revoked: true })])), opts);
      const r = await importFile(s.db, file(bundle([malware(23, { modified: '2026-01-01T00:00:00.000Z' })])), opts);
      assert.equal(r.rejected, 1);
      assert.match(r.errors[0]!.errors[0]!.message, /revoked/);
    });

    test('--strict stores nothing from a file with an invalid object', async () => {
      const before = await count(s);
      const r = await importFile(s.db, file(bundle([malware(30), { ...indicator(31), pattern: "[ipv4-addr:value = '1.2.3.4'" }])), { ...opts, strict: true });
      assert.equal(r.rejected, 1);
      assert.equal(r.imported, 0);
      assert.equal(await count(s), before);
    });

    test('--strict stores a clean file whole', async () => {
      const r = await importFile(s.db, file(bundle([malware(32), indicator(33), relationship(34, 'indicates', indicator(33).id, malware(32).id)])), { ...opts, strict: true });
      assert.deepEqual([r.imported, r.rejected], [3, 0]);
    });

    test('JSON lines: rejects a broken line by number and stores the rest', async () => {
      const text = `${JSON.stringify(malware(40))}\nnot json\n${JSON.stringify(indicator(41))}\n`;
      const r = await importFile(s.db, file(text, 'jsonl'), opts);
      assert.equal(r.imported, 2);
      assert.equal(r.errors[0]!.line, 2);
    });

    test('SCOs without an id get their deterministic id', async () => {
      const r = await importFile(s.db, file(bundle([{ type: 'ipv4-addr', spec_version: '2.1', value: '203.0.113.9' } as never])), opts);
      assert.equal(r.imported, 1, JSON.stringify(r.errors));
      const rows = await s.db.query<{ id: string }>(`SELECT id FROM stix_object WHERE type = 'ipv4-addr' AND doc->>'value' = '203.0.113.9'`);
      assert.equal(rows.length, 1);
      assert.match(rows[0]!.id, /^ipv4-addr--[0-9a-f]{8}-[0-9a-f]{4}-5/);
    });

    test('every import batch that writes is in the audit log, and the chain verifies', async () => {
      const r = await verifyAudit(s.db);
      assert.equal(r.ok, true);
      const rows = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'intel.import'`);
      assert.ok(rows[0]!.n >= 8);
    });
  });
}

test('validateFile reports objects, valid count and each invalid object without storing', async () => {
  const r = await validateFile(file(bundle([malware(1), { ...malware(2), modified: '2024-01-01T00:00:00Z', created: T0 }])));
  assert.equal(r.objects, 2);
  assert.equal(r.valid, 1);
  assert.equal(r.invalid[0]!.index, 1);
  assert.ok(r.invalid[0]!.errors.some((e) => e.path === 'modified'), JSON.stringify(r.invalid));
});
