/** The `bulwark` command run as a real child process against a temporary embedded store. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bundle, indicator, malware, relationship } from '../intel/test-fixtures.js';
import { cliSandbox } from './test-support.js';

const { dir, store, bulwark } = cliSandbox('bulwark-cli-');

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('bulwark CLI', () => {
  let good: string;
  let mixed: string;
  before(() => {
    good = file('good.json', bundle([malware(1, { labels: ['ics'] }), indicator(2), relationship(3, 'indicates', indicator(2).id, malware(1).id)]));
    mixed = file('mixed.json', bundle([malware(4), { ...indicator(5), pattern: "[ipv4-addr:value = '1.2.3.4'" }, { ...malware(6), created: 'not a time' }]));
  });

  test('validate --json prints the documented shape and exits 1 when an object is invalid', () => {
    const r = bulwark(['validate', '--json', mixed]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { objects: number; valid: number; invalid: { index: number; id: string; errors: { path: string; message: string }[] }[] };
    assert.equal(out.objects, 3);
    assert.equal(out.valid, 1);
    assert.deepEqual(out.invalid.map((i) => i.index), [1, 2]);
    assert.equal(out.invalid[0]!.id, indicator(5).id);
    assert.equal(out.invalid[0]!.errors[0]!.path, 'pattern');
    assert.match(out.invalid[0]!.errors[0]!.message, /\d/); // names the position
    assert.equal(out.invalid[1]!.errors[0]!.path, 'created');
  });

  test('validate exits 0 on a clean file', () => {
    const r = bulwark(['validate', '--json', good]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { objects: 3, valid: 3, invalid: [] });
  });

  test('import --json reports imported, unchanged, rejected and errors; valid objects are stored', () => {
    const r = bulwark(['import', '--json', good, mixed]);
    assert.equal(r.code, 1, r.stderr); // some objects were rejected
    const out = JSON.parse(r.stdout) as { imported: number; unchanged: number; rejected: number; errors: { file: string; index: number }[] };
    assert.deepEqual([out.imported, out.unchanged, out.rejected], [4, 0, 2]);
    assert.ok(out.errors.every((e) => e.file === mixed));
    const again = JSON.parse(bulwark(['import', '--json', good]).stdout) as { imported: number; unchanged: number };
    assert.deepEqual([again.imported, again.unchanged], [0, 3]);
  });

  test('import --strict stores nothing from a file with an invalid object', () => {
    const strictFile = file('strict.json', bundle([malware(7), { ...malware(8), modified: '2000-01-01T00:00:00Z' }]));
    const r = bulwark(['import', '--json', '--strict', strictFile]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { imported: number; rejected: number };
    assert.deepEqual([out.imported, out.rejected], [0, 1]);
    const exported = bulwark(['export', '--type', 'malware']);
    assert.ok(!exported.stdout.includes(malware(7).id));
  });

  test('export streams a bundle filtered by type and label', () => {
    const r = bulwark(['export', '--type', 'malware', '--label', 'ics']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout) as { type: string; objects: { id: string }[] };
    assert.equal(b.type, 'bundle');
    assert.deepEqual(b.objects.map((o) => o.id), [malware(1).id]);
    const out = join(dir, 'out.json');
    assert.equal(bulwark(['export', '-o', out, '--type', 'indicator,relationship']).code, 0);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { objects: unknown[] }).objects.length, 2);
  });

  test('users: create, grant and token; a bad role is refused naming the choices', () => {
    assert.equal(bulwark(['orgs', 'create', 'Acme Water', '--id', 'acme-water']).code, 0);
    const created = bulwark(['users', 'create', 'alice', '--org', 'acme-water', '--role', 'operator', '--password-stdin'], 'a long enough password\n');
    assert.equal(created.code, 0, created.stderr);
    const granted = bulwark(['users', 'grant', 'alice', '--clearance', 'SECRET']);
    assert.equal((JSON.parse(granted.stdout) as { clearance: string }).clearance, 'SECRET');
    const tok = JSON.parse(bulwark(['users', 'token', 'alice']).stdout) as { token: string };
    assert.match(tok.token, /^bwk_/);
    const bad = bulwark(['users', 'grant', 'alice', '--role', 'king']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /role must be one of admin, analyst, adviser, operator/);
  });

  test('audit verify passes, then names the first entry altered behind its back', async () => {
    const ok = bulwark(['audit', 'verify', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { ok: boolean }).ok, true);
    const pg = new PGlite(store);
    await pg.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`);
    await pg.close();
    const bad = bulwark(['audit', 'verify', '--json']);
    assert.equal(bad.code, 1);
    const r = JSON.parse(bad.stdout) as { ok: boolean; firstBad: { seq: number; reason: string } };
    assert.deepEqual([r.ok, r.firstBad.seq, r.firstBad.reason], [false, 2, 'altered']);
  });

  test('a bad setting stops the command with a message naming it', () => {
    const r = bulwark(['orgs', 'list'], undefined, { BULWARK_LOG_LEVEL: 'chatty' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /BULWARK_LOG_LEVEL must be one of/);
  });

  test('demo refuses a store that holds data, and --if-empty makes that a quiet success', () => {
    const r = bulwark(['demo', '--objects', '10']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already holds data/);
    assert.equal(bulwark(['demo', '--if-empty']).code, 0);
  });
});

test('demo seeds an empty store and prints each role\'s credentials once', () => {
  const fresh = join(dir, 'demo-store');
  const r = bulwark(['demo', '--objects', '300'], undefined, { BULWARK_DATA_DIR: fresh });
  assert.equal(r.code, 0, r.stderr);
  for (const u of ['admin', 'analyst', 'adviser', 'operator']) assert.match(r.stdout, new RegExp(`^  ${u} +\\S{12,}`, 'm'));
  assert.match(r.stdout, /Demo seeded: 300 intelligence objects \(0 rejected\)/);
  assert.match(r.stdout, /Infrastructure register: 1000 assets, \d+ components, \d+ dependencies/);
  assert.match(r.stdout, /Vulnerability data \(generated[^)]*\): \d+ CVE records, \d+ KEV entries, \d+ EPSS scores, 1 CSAF advisory/);
});
