/**
 * The bulk write path of imports: rows through COPY, prepare workers sharing a file, bulk loading
 * (indexes set aside and built again), held-back objects when two batches are written at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../store/db.js';
import { createTestDatabase, openTestStore, testEngines, type TestStore } from '../store/test-engines.js';
import { appendAudit } from '../access/audit-log.js';
import { verifyAudit } from '../access/audit-verify.js';
import { generateIntel } from '../demo/intel-generator.js';
import type { StixObject } from '../stix/types.js';
import { importFile, type AuditAppender, type ImportOptions } from './import-service.js';
import { bundle, indicator, malware, T0 } from './test-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-bulk-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function file(text: string, ext = 'json'): string {
  const p = join(dir, `f${fileNo++}.${ext}`);
  writeFileSync(p, text);
  return p;
}
const jsonl = (objects: Iterable<StixObject>) => {
  let text = '';
  for (const o of objects) text += `${JSON.stringify(o)}\n`;
  return file(text, 'jsonl');
};
const audit: AuditAppender = async (tx, e) => {
  await appendAudit(tx, e);
};
const base: ImportOptions = { ctx: { ownerOrg: 'authority', recipients: null }, actor: 'test', audit };

/** Every stored version as "id version latest hash", sorted. */
async function contents(db: Db): Promise<string[]> {
  const rows = await db.query<{ r: string }>(
    `SELECT id || ' ' || version || ' ' || is_latest::text || ' ' || content_hash AS r FROM stix_object ORDER BY id, version`);
  return rows.map((x) => x.r);
}

async function indexes(db: Db): Promise<string[]> {
  const rows = await db.query<{ d: string }>(`SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'stix_object' ORDER BY indexname`);
  return rows.map((r) => r.d);
}

async function deferred(db: Db): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM deferred_index'))[0]!.n;
}

for (const { engine, skip } of testEngines()) {
  describe(`bulk import path on ${engine}`, { skip }, () => {
    let s: TestStore;
    before(async () => {
      s = await openTestStore(engine);
    });
    after(async () => s?.dispose());

    test('text with backslashes, tabs, newlines, quotes and non-ASCII characters is stored exactly (worker and in-thread)', async () => {
      const tricky = 'back\\slash, tab\there, new\nline, cr\r, "quoted", \\N, \\., é ü 中文 😀, {brace}, comma,';
      const objs = [
        malware(101, { description: tricky, labels: ['a"b', 'c\\d', 'tab\tlabel', 'x,y', '{z}', 'NULL', ''] }),
        indicator(102, { pattern: "[file:name = 'C:\\\\Windows\\\\evil.exe']", description: tricky }),
        malware(103, { name: '\u00a0non-breaking\u2028line separator' }),
      ];
      const f = file(bundle(objs));
      for (const inThread of [false, true]) {
        const r = await importFile(s.db, f, { ...base, inThread });
        assert.equal(r.rejected, 0, JSON.stringify(r.errors));
        for (const o of objs) {
          const [row] = await s.db.query<{ doc: StixObject; labels: string[] | null }>('SELECT doc, labels FROM stix_object WHERE id = $1', [o.id]);
          assert.deepEqual(row!.doc, o);
          assert.deepEqual(row!.labels, Array.isArray(o.labels) && o.labels.length ? o.labels : null);
        }
      }
    });

    test('a version-less object (SCO) changed in place is stored from its encoded row', async () => {
      const { computeScoId } = await import('../stix/sco-id.js');
      const a: StixObject = { type: 'domain-name', spec_version: '2.1', id: '', value: 'bulk.example.org', labels: ['x\\y', 'q"uote'] };
      a.id = computeScoId(a)!;
      const b: StixObject = { ...a, object_marking_refs: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'], x_note: 'tab\there \\ back' };
      assert.equal((await importFile(s.db, file(bundle([a])), base)).imported, 1);
      assert.equal((await importFile(s.db, file(bundle([b])), base)).imported, 1);
      const rows = await s.db.query<{ doc: StixObject; tlp: string | null; marking_refs: string[] | null; version: string }>(
        'SELECT doc, tlp, marking_refs, version FROM stix_object WHERE id = $1', [a.id]);
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0]!.doc, b);
      assert.equal(rows[0]!.tlp, 'CLEAR');
      assert.deepEqual(rows[0]!.marking_refs, b.object_marking_refs);
    });

    test('objects of one id spread over consecutive batches end as when written one by one', async () => {
      // 5 versions of each of 300 ids, newest first for half of them (older versions arrive late as
      // history), with one conflicting copy; batches of 100 share ids with the ones before them
      const objs: StixObject[] = [];
      const ts = (r: number) => `2025-02-0${r + 1}T00:00:00.000Z`;
      for (let r = 0; r < 5; r++) {
        for (let i = 0; i < 300; i++) {
          const round = i % 2 === 0 ? r : 4 - r;
          objs.push(malware(1000 + i, { modified: ts(round), description: `v${round}` }));
        }
      }
      objs.push(malware(1000, { modified: ts(2), description: 'tampered' }));
      const r = await importFile(s.db, jsonl(objs), { ...base, batchSize: 100 });
      assert.equal(r.imported, 1500);
      assert.equal(r.rejected, 1);
      assert.match(r.errors[0]!.errors[0]!.message, /already stored with different content/);
      const rows = await s.db.query<{ id: string; n: number; latest: string }>(
        `SELECT id, count(*)::int AS n, max(version) FILTER (WHERE is_latest) AS latest FROM stix_object
         WHERE id LIKE 'malware--00000000-0000-4000-8000-0000000%' AND doc->>'description' LIKE 'v%' GROUP BY id`);
      assert.equal(rows.length, 300);
      for (const x of rows) {
        assert.equal(x.n, 5);
        assert.equal(x.latest, '2025-02-05T00:00:00.000000000Z');
      }
      const again = await importFile(s.db, jsonl(objs.slice(0, 1500)), { ...base, batchSize: 100 });
      assert.deepEqual([again.imported, again.unchanged, again.rejected], [0, 1500, 0]);
    });
  });

  describe(`bulk loading on ${engine}`, { skip }, () => {
    const stores: TestStore[] = [];
    const open = async () => {
      const st = await openTestStore(engine);
      stores.push(st);
      return st;
    };
    after(async () => {
      for (const st of stores) await st.dispose();
    });

    test('a large source into an empty table is loaded with its indexes set aside; the result is the same', async () => {
      const f = jsonl(generateIntel({ seed: 11, count: 6000 }));
      const bulk = await open();
      const plain = await open();
      const before = await indexes(bulk.db);
      const a = await importFile(bulk.db, f, { ...base, batchSize: 500, bulkMinObjects: 1000 });
      const b = await importFile(plain.db, f, { ...base, batchSize: 500, bulkMinObjects: 0 });
      assert.deepEqual([a.imported, a.unchanged, a.rejected], [b.imported, b.unchanged, b.rejected]);
      assert.equal(a.rejected, 0, JSON.stringify(a.errors.slice(0, 3)));
      assert.deepEqual(await contents(bulk.db), await contents(plain.db));
      assert.deepEqual(await indexes(bulk.db), before, 'every index is back, as defined');
      assert.equal(await deferred(bulk.db), 0);
      const stats = await bulk.db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'stix_object'`);
      assert.ok(stats[0]!.n > 0, 'statistics were taken');
      const again = await importFile(bulk.db, f, { ...base, batchSize: 500, bulkMinObjects: 1000 });
      assert.deepEqual([again.imported, again.unchanged], [0, a.imported], 'a full table is not bulk loaded again; all unchanged');
      assert.equal((await verifyAudit(bulk.db)).ok, true);
    });

    test('objects of ids already written wait for the primary key; when too many wait, it is built early; the result is the same', async () => {
      const f = jsonl(generateIntel({ seed: 12, count: 6000 }));
      const early = await open();
      const plain = await open();
      const a = await importFile(early.db, f, { ...base, batchSize: 500, bulkMinObjects: 1000, heldForKeyMax: 25 });
      const b = await importFile(plain.db, f, { ...base, batchSize: 500, bulkMinObjects: 0 });
      assert.deepEqual([a.imported, a.unchanged, a.rejected], [b.imported, b.unchanged, b.rejected]);
      assert.deepEqual(await contents(early.db), await contents(plain.db));
      assert.equal(await deferred(early.db), 0);
      const versions = await plain.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stix_object WHERE NOT is_latest');
      assert.ok(versions[0]!.n > 0, 'the source holds several versions of some ids');
    });

    test('indexes a killed bulk import set aside are built by the next import', { timeout: 180_000 }, async () => {
      const COUNT = 40_000;
      const f = jsonl(generateIntel({ seed: 13, count: COUNT }));
      let env: NodeJS.ProcessEnv;
      let drop: (() => Promise<void>) | undefined;
      if (engine === 'pglite') env = { BULWARK_DATA_DIR: join(dir, `kill-${fileNo++}`), DATABASE_URL: '' };
      else {
        const t = await createTestDatabase(process.env.BULWARK_TEST_DATABASE_URL!);
        drop = t.drop;
        env = { DATABASE_URL: t.url };
      }
      const openEnv = () => openDb({ dataDir: env.BULWARK_DATA_DIR ?? '', databaseUrl: env.DATABASE_URL || undefined });
      try {
        const init = await openEnv();
        const before = await indexes(init);
        await init.close();
        // a child process bulk-imports and is killed (SIGKILL) after a few batches
        const script = `
          import { openDb } from ${JSON.stringify(resolve('dist/store/db.js'))};
          import { importFile } from ${JSON.stringify(resolve('dist/intel/import-service.js'))};
          import { appendAudit } from ${JSON.stringify(resolve('dist/access/audit-log.js'))};
          const db = await openDb({ dataDir: process.env.BULWARK_DATA_DIR ?? '', databaseUrl: process.env.DATABASE_URL || undefined });
          let n = 0;
          await importFile(db, ${JSON.stringify(f)}, {
            ctx: { ownerOrg: 'authority', recipients: null }, actor: 'test', audit: (tx, e) => appendAudit(tx, e),
            batchSize: 500, bulkMinObjects: 1000, onProgress: () => { if (++n >= 3) process.stdout.write('progress\\n'); },
          });
          process.stdout.write('finished\\n');`;
        const killed = await new Promise<{ signal: string | null; out: string }>((done, fail) => {
          const scriptFile = join(dir, `kill-${fileNo++}.mjs`);
          writeFileSync(scriptFile, script);
          const child = spawn(process.execPath, [scriptFile], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('progress') && child.exitCode === null) child.kill('SIGKILL');
          });
          child.on('error', fail);
          child.on('close', (_code, signal) => done({ signal, out }));
        });
        assert.equal(killed.signal, 'SIGKILL', `the import finished before it could be killed: ${killed.out}`);

        const db = await openEnv();
        try {
          assert.ok(await deferred(db) > 0, 'the killed import had set indexes aside');
          const names = (await db.query<{ name: string }>('SELECT name FROM deferred_index')).map((r) => r.name);
          // the embedded store is the import's alone and was empty: its primary key was set aside too
          assert.equal(names.includes('stix_object_pkey'), engine === 'pglite', names.join(', '));
          assert.ok((await indexes(db)).length < before.length);
          const dupLatest = await db.query('SELECT id FROM stix_object WHERE is_latest GROUP BY id HAVING count(*) > 1');
          assert.equal(dupLatest.length, 0, 'one latest version per id');
          const audited = (await db.query<{ n: number }>(
            `SELECT coalesce(sum((detail->>'written')::int), 0)::int AS n FROM audit_log WHERE action = 'intel.import'`))[0]!.n;
          const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stix_object'))[0]!.n;
          assert.equal(audited, rows, 'every stored row was written by an audited, committed batch');

          // the next import (not a bulk one: the table is no longer small next to this source) builds them first
          const small = file(bundle([malware(7), indicator(8, { modified: T0 })]));
          await importFile(db, small, base);
          assert.equal(await deferred(db), 0);
          assert.deepEqual(await indexes(db), before);
          const r = await importFile(db, f, { ...base, batchSize: 500, bulkMinObjects: 1000 });
          assert.equal(r.rejected, 0);
          const distinct = new Set<string>();
          for (const o of generateIntel({ seed: 13, count: COUNT })) distinct.add(o.id);
          const latest = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stix_object WHERE is_latest'))[0]!.n;
          assert.equal(latest, distinct.size + 2);
          assert.equal((await verifyAudit(db)).ok, true);
        } finally {
          await db.close();
        }
      } finally {
        await drop?.();
      }
    });
  });
}

describe('prepare workers sharing a file', () => {
  test('report rejections by index and line, in file order, whatever worker prepared them', async () => {
    const { workerBatches } = await import('./prepared-batches.js');
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 97 === 5) lines.push('{not json');
      else if (i % 89 === 7) lines.push(JSON.stringify({ ...malware(i), created: 'yesterday' }));
      else lines.push(JSON.stringify(malware(i)));
    }
    const f = file(`${lines.join('\n')}\n`, 'jsonl');
    for (const workers of [1, 2, 3]) {
      const seen: number[] = [];
      const rejected: number[] = [];
      for await (const b of workerBatches(f, { ownerOrg: 'authority', recipients: null }, 64, 2, workers)) {
        for (const i of b.items) seen.push(i.index);
        for (const r of b.rejections) {
          rejected.push(r.index);
          assert.equal(r.line, r.index + 1);
        }
      }
      assert.deepEqual(seen, [...seen].sort((x, y) => x - y), 'objects come in file order');
      assert.equal(seen.length + rejected.length, 1000);
      assert.deepEqual(rejected, [...rejected].sort((x, y) => x - y));
      assert.ok(rejected.includes(5) && rejected.includes(7));
    }
    // an empty source yields one empty batch
    const empty: number[] = [];
    for await (const b of workerBatches(file('', 'jsonl'), { ownerOrg: null, recipients: null }, 64, 2, 2)) empty.push(b.items.length + b.rejections.length);
    assert.deepEqual(empty, [0]);
  });
});
