/**
 * The OSV reader: records, arrays, directories, tar.gz and zip archives; package keys normalised per
 * ecosystem; bad records reported with file, index, id, field and reason while the good ones go on.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type OsvItem, readOsv } from './osv.js';
import { ALL_RECORDS, DEBIAN, LODASH, LOG4J, osvRecord, PYSEC, zipOf } from './osv-fixtures.js';
import { packageKeyOfOsvName, releaseOfDistro, releaseOfEcosystem } from './osv-ecosystems.js';
import { tarOf } from './test-fixtures.js';
import { readZip, ZipError } from './zip.js';

async function all(source: Parameters<typeof readOsv>[0]): Promise<OsvItem[]> {
  const out: OsvItem[] = [];
  for await (const i of readOsv(source)) out.push(i);
  return out;
}
const records = (items: OsvItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

test('one record: identity, dates, CVE aliases, severity, packages with ranges and versions', async () => {
  const [item] = await all(json(LOG4J));
  assert.equal(item?.kind, 'record');
  const r = records([item!])[0]!;
  assert.equal(r.id, 'GHSA-jfh8-c2jp-5v3q');
  assert.deepEqual(r.cveIds, ['CVE-2021-44228', 'CVE-2021-45046']);
  assert.equal(r.withdrawn, null);
  assert.equal(r.affected.length, 1);
  assert.deepEqual(r.affected[0]!.key, { type: 'maven', namespace: 'org.apache.logging.log4j', name: 'log4j-core' });
  assert.equal(r.affected[0]!.ranges[0]!.events.length, 6);
  assert.match(r.contentHash, /^[0-9a-f]{64}$/);
  const [lodash] = records(await all(json(LODASH)));
  assert.deepEqual(lodash!.severity, [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }]);
});

test('a record without a CVE alias files its findings under its own id', async () => {
  const [r] = records(await all(json(PYSEC)));
  assert.deepEqual(r!.cveIds, ['PYSEC-2024-42']);
  assert.deepEqual(r!.affected[0]!.key, { type: 'pypi', namespace: '', name: 'foo-bar-baz' });
  assert.deepEqual(r!.affected[0]!.versions, ['1.0', '1.1rc1']);
});

test('package keys per ecosystem: npm scope, Go module path, Packagist, Debian and Ubuntu as deb namespaces, an unlisted ecosystem kept; distribution releases', () => {
  assert.deepEqual(packageKeyOfOsvName('npm', '@Angular/Core'), { type: 'npm', namespace: '@angular', name: 'core' });
  assert.deepEqual(packageKeyOfOsvName('Go', 'golang.org/x/net'), { type: 'golang', namespace: 'golang.org/x', name: 'net' });
  assert.deepEqual(packageKeyOfOsvName('Packagist', 'Symfony/Http-Kernel'), { type: 'composer', namespace: 'symfony', name: 'http-kernel' });
  assert.deepEqual(packageKeyOfOsvName('Debian:11', 'openssl'), { type: 'deb', namespace: 'debian', name: 'openssl' });
  assert.deepEqual(packageKeyOfOsvName('Ubuntu:22.04:LTS', 'openssl'), { type: 'deb', namespace: 'ubuntu', name: 'openssl' });
  assert.deepEqual(packageKeyOfOsvName('Red Hat', 'curl'), { type: 'rpm', namespace: 'redhat', name: 'curl' });
  assert.deepEqual(packageKeyOfOsvName('PyPI', 'Django__REST.framework'), { type: 'pypi', namespace: '', name: 'django-rest-framework' });
  assert.deepEqual(packageKeyOfOsvName('Nimble', 'jester'), { type: 'nimble', namespace: '', name: 'jester' });
  assert.deepEqual(['Debian:11', 'Ubuntu:22.04:LTS', 'Ubuntu:Pro:18.04:LTS', 'Debian', 'npm'].map(releaseOfEcosystem), ['11', '22.04', '18.04', null, null]);
  assert.deepEqual(['debian-11', 'ubuntu-22.04', 'bookworm', 'Jammy', 'sid', undefined].map(releaseOfDistro), ['11', '22.04', '12', '22.04', null, null]);
});

test('a JSON array, a directory, a tar.gz and a zip give the same records', async () => {
  const fromArray = records(await all(json(ALL_RECORDS)));
  assert.equal(fromArray.length, ALL_RECORDS.length);
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-osv-'));
  try {
    mkdirSync(join(dir, 'npm'));
    ALL_RECORDS.forEach((r, i) => writeFileSync(join(dir, i % 2 ? 'npm' : '', `${String(r.id)}.json`), JSON.stringify(r)));
    writeFileSync(join(dir, 'README.md'), 'not a record');
    const fromDir = records(await all(dir));
    const files = ALL_RECORDS.map((r) => ({ path: `osv/${String(r.id)}.json`, data: JSON.stringify(r) }));
    const fromTar = records(await all(gzipSync(tarOf(files))));
    const zipPath = join(dir, 'all.zip');
    writeFileSync(zipPath, zipOf(files));
    const fromZip = records(await all(zipPath));
    const ids = (rs: { id: string }[]) => rs.map((r) => r.id).sort();
    for (const got of [fromDir, fromTar, fromZip]) assert.deepEqual(ids(got), ids(fromArray));
    assert.deepEqual(fromZip.find((r) => r.id === DEBIAN.id), fromArray.find((r) => r.id === DEBIAN.id));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad records are reported with file, index, id, field and reason; the good ones are read', async () => {
  const bad = [
    LODASH,
    osvRecord('GHSA-bad1', [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVERISH', events: [{ introduced: '0' }] }] }]),
    osvRecord('GHSA-bad2', [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }] }]),
    osvRecord('GHSA-bad3', [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] }]),
    { ...osvRecord('GHSA-bad4', []), modified: 'yesterday' },
    osvRecord('GHSA-bad5', [{ package: { ecosystem: 'npm', purl: 'npm/x' } }]),
    osvRecord('GHSA-bad6', [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0', 2] }]),
    { modified: '2025-01-01T00:00:00Z' },
    osvRecord('GHSA-bad7', [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }] }]),
  ];
  const items = await all(json(bad));
  assert.deepEqual(records(items).map((r) => r.id), ['GHSA-35jh-r3h4-6jhm']);
  const issues = items.filter((i) => i.kind === 'rejected').map((i) => i.kind === 'rejected' ? [i.index, i.id, i.field, i.reason] : []);
  assert.deepEqual(issues, [
    [1, 'GHSA-bad1', 'affected[0].ranges[0].type', "'SEMVERISH' is not a range type (SEMVER, ECOSYSTEM, GIT)"],
    [2, 'GHSA-bad2', 'affected[0].ranges[0].events[0]', 'an event holds exactly one of introduced, fixed, last_affected, limit (found 2)'],
    [3, 'GHSA-bad3', 'affected[0].ranges[0].repo', 'is required for a GIT range'],
    [4, 'GHSA-bad4', 'modified', "'yesterday' is not a date-time"],
    [5, 'GHSA-bad5', 'affected[0].package.purl', 'invalid purl at character 0: the scheme must be "pkg:"'],
    [6, 'GHSA-bad6', 'affected[0].versions[1]', 'must be a string, not a number'],
    [7, undefined, 'id', 'is required'],
    [8, 'GHSA-bad7', 'affected[0].ranges[0].events', 'a range needs an introduced event'],
  ]);
  const [notJson] = await all(Buffer.from('{"id": '));
  assert.equal(notJson?.kind, 'rejected');
  assert.equal(notJson?.kind === 'rejected' && notJson.source, '(document)');
});

test('zip reader: stored and deflated entries, directories skipped; a damaged archive is named, not read as JSON', () => {
  const files = [{ path: 'a.json', data: '{"x":1}' }, { path: 'b/c.json', data: '[]' }];
  assert.deepEqual([...readZip(zipOf(files))].map((e) => [e.path, e.data.toString()]), [['a.json', '{"x":1}'], ['b/c.json', '[]']]);
  const z = zipOf(files);
  assert.throws(() => [...readZip(z.subarray(0, z.length - 30))], (e: unknown) => e instanceof ZipError && /end-of-central-directory|damaged/.test(e.message));
  const bad = Buffer.from(z);
  bad.writeUInt16LE(12, 8); // local method field is not read; the central directory's is
  bad.writeUInt16LE(12, z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
  assert.throws(() => [...readZip(bad)], /a\.json uses compression method 12/);
});
