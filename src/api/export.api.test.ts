/**
 * GET /export over HTTP on both engines: a bad filter is a clean JSON error (nothing streamed yet);
 * a bundle spanning many store pages streams whole, once each; a client that goes away mid-stream
 * leaves the server serving.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngines } from '../store/test-engines.js';
import { importFile } from '../intel/import-service.js';
import { bundle, uuid } from '../intel/test-fixtures.js';
import { startTestServer, type TestServer } from './test-server.js';

const TOOLS = 2300; // more than two export pages (1000 objects each)

function tool(n: number) {
  return {
    type: 'tool', spec_version: '2.1', id: `tool--${uuid(100_000 + n)}`, created: '2024-01-01T00:00:00.000Z',
    modified: `2024-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`, name: `Bulk tool ${n}`, labels: ['bulk'],
  };
}

for (const { engine, skip } of testEngines()) {
  describe(`REST API export on ${engine}`, { skip }, () => {
    let s: TestServer;
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-export-'));
    before(async () => {
      s = await startTestServer(engine);
      const file = join(dir, 'tools.json');
      writeFileSync(file, bundle(Array.from({ length: TOOLS }, (_, n) => tool(n))));
      const report = await importFile(s.store.db, file, {
        ctx: { ownerOrg: 'authority', recipients: null }, actor: 'test', audit: s.svc.appendAudit,
      });
      assert.equal(report.imported, TOOLS);
    });
    after(async () => {
      await s?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('bad filters: a JSON error naming the parameter, not a broken stream', async () => {
      for (const [query, path] of [['modified_since=last%20week', 'modified_since'], ['include_revoked=perhaps', 'querystring/include_revoked']]) {
        const r = await s.get('operator', `/export?${query}`);
        assert.equal(r.status, 400, r.text);
        assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal(r.json.details[0].path, path);
      }
      const anonymous = await s.get(null, '/export');
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.json.code, 'UNAUTHENTICATED');
    });

    test('a bundle spanning several store pages streams whole: every object once, valid JSON', async () => {
      const r = await s.get('operator', '/export?type=tool&label=bulk');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/stix+json;version=2.1');
      const b = JSON.parse(r.text) as { type: string; id: string; objects: { id: string }[] };
      assert.equal(b.type, 'bundle');
      assert.match(b.id, /^bundle--[0-9a-f-]{36}$/);
      assert.equal(b.objects.length, TOOLS);
      assert.equal(new Set(b.objects.map((o) => o.id)).size, TOOLS);
      const list = await s.get('operator', '/objects?type=tool&label=bulk&limit=1000');
      assert.deepEqual(b.objects.slice(0, 1000).map((o) => o.id), list.json.items.map((o: { id: string }) => o.id), 'list order');
    });

    test('an empty selection is an empty bundle', async () => {
      const r = await s.get('operator', '/export?label=no-such-label');
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.text).objects, []);
    });

    test('a client that goes away mid-export leaves the server serving', async () => {
      for (let k = 0; k < 3; k++) {
        const ac = new AbortController();
        const res = await fetch(`${s.url}/export?type=tool`, { headers: { authorization: `Bearer ${s.users.operator.token}` }, signal: ac.signal });
        assert.equal(res.status, 200);
        const reader = res.body!.getReader();
        const first = await reader.read();
        assert.ok(first.value && first.value.length > 0);
        ac.abort();
        await reader.cancel().catch(() => undefined);
      }
      const health = await s.get(null, '/health');
      assert.equal(health.status, 200);
      const again = await s.get('operator', '/export?type=tool&label=bulk');
      assert.equal(JSON.parse(again.text).objects.length, TOOLS);
    });
  });
}
