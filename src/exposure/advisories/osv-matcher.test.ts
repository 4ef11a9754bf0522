/**
 * OsvMatcher golden vectors: hand-written OSV records (sources/osv-fixtures.ts) against components'
 * purls — SEMVER introduced/fixed, introduced "0", last_affected, limit, several ranges, listed versions,
 * GIT ranges, PyPI name normalisation, a Maven namespace, Debian's dpkg ordering, ecosystems without an
 * ordering (undecidable, with the reason), and the hit's key, CVE ids and explanation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AdvisoryHit } from '../advisory.js';
import { readOsvRecord } from '../sources/osv.js';
import { ALL_RECORDS, CRATE, DEBIAN, GIT_ONLY, LODASH, LOG4J, NO_ORDERING, PYSEC } from '../sources/osv-fixtures.js';
import type { OsvPackageStatement } from '../store/osv-import.js';
import { OsvMatcher } from './osv-matcher.js';

function statements(raw: unknown[]): OsvPackageStatement[] {
  return raw.flatMap((x) => {
    const r = readOsvRecord(x);
    return r.affected.map((a) => ({
      advisoryId: r.id, cveIds: r.cveIds, ecosystem: a.ecosystem, purl: a.purl, type: a.key.type, namespace: a.key.namespace, name: a.key.name,
      ranges: a.ranges, versions: a.versions, modified: r.modified,
    }));
  });
}

const matcher = new OsvMatcher(statements(ALL_RECORDS));
const hits = (purl: string, version?: string): AdvisoryHit[] => matcher.matchComponent({ id: 'c', purl, ...(version ? { version } : {}) });
const brief = (purl: string) => hits(purl).map((h) => `${h.cveId} ${h.status}`).sort();

test('SEMVER introduced 0 / fixed: below the fix affected, at and above it not; key, source and explanation', () => {
  assert.deepEqual(brief('pkg:npm/lodash@4.17.20'), ['CVE-2021-23337 affected']);
  assert.deepEqual(brief('pkg:npm/lodash@4.17.3'), ['CVE-2021-23337 affected']);
  assert.deepEqual(brief('pkg:npm/lodash@4.17.21'), []);
  assert.deepEqual(brief('pkg:npm/lodash@5.0.0'), []);
  assert.deepEqual(brief('pkg:npm/underscore@1.0.0'), []);
  const [h] = hits('pkg:npm/lodash@4.17.20');
  assert.equal(h!.productKey, 'purl:pkg:npm/lodash');
  assert.equal(h!.source, 'GHSA-35jh-r3h4-6jhm');
  const e = h!.explanation as Record<string, unknown>;
  assert.equal(e.rule, 'osv-range');
  assert.equal(e.advisory, 'GHSA-35jh-r3h4-6jhm');
  assert.equal(e.ordering, 'semver');
  assert.equal(e.detail, 'affected since introduced 0 (SEMVER, semver): 4.17.20 > introduced 0; 4.17.20 < fixed 4.17.21');
  assert.deepEqual(e.ranges, [{ type: 'SEMVER', scheme: 'semver', outcome: 'match', decidedBy: { kind: 'introduced', value: '0' }, events: [{ introduced: '0', order: 1 }, { fixed: '4.17.21', order: -1 }] }]);
});

test('the component\'s own version is used when its purl has none', () => {
  assert.deepEqual(hits('pkg:npm/lodash', '4.17.20').map((h) => h.status), ['affected']);
  const [h] = hits('pkg:npm/lodash');
  assert.equal(h!.status, 'undecidable');
  assert.match(String((h!.explanation as Record<string, unknown>).detail), /no version/);
});

test('Maven namespace, several introduced/fixed pairs out of order, one hit per CVE alias', () => {
  assert.deepEqual(brief('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'), ['CVE-2021-44228 affected', 'CVE-2021-45046 affected']);
  assert.deepEqual(brief('pkg:maven/org.apache.logging.log4j/log4j-core@2.0-beta9'), ['CVE-2021-44228 affected', 'CVE-2021-45046 affected']);
  for (const v of ['2.0-alpha1', '2.3.1', '2.12.2', '2.15.0', '2.17.1']) assert.deepEqual(brief(`pkg:maven/org.apache.logging.log4j/log4j-core@${v}`), [], v);
  assert.deepEqual(brief('pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1'), [], 'another artifact of the group');
  assert.deepEqual(brief('pkg:maven/org.example/log4j-core@2.14.1'), [], 'another group');
  assert.equal(hits('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1')[0]!.productKey, 'purl:pkg:maven/org.apache.logging.log4j/log4j-core');
});

test('last_affected is inclusive, limit exclusive, either range of several may hit', () => {
  const o = (v: string) => brief(`pkg:cargo/tokio@${v}`).length;
  assert.deepEqual(['0.9.0', '1.0.0', '1.2.0', '1.2.1', '1.4.9', '1.5.0', '1.7.9', '1.8.0', '2.0.0'].map(o), [0, 1, 1, 0, 0, 1, 1, 0, 0]);
  const [h] = hits('pkg:cargo/tokio@1.6.0');
  assert.equal(h!.cveId, 'CVE-2025-20001');
  assert.equal((h!.explanation as { ranges: unknown[] }).ranges.length, 2);
  assert.ok(CRATE);
});

test('explicit versions: PyPI names normalised (case, "_" and "." runs), a version equal under PEP 440 matches, the OSV id is the CVE id', () => {
  for (const purl of ['pkg:pypi/foo-bar-baz@1.0', 'pkg:pypi/Foo_Bar.Baz@1.0', 'pkg:pypi/foo.bar_baz@1.0.0', 'pkg:pypi/foo-bar-baz@1.1rc1']) {
    assert.deepEqual(brief(purl), ['PYSEC-2024-42 affected'], purl);
  }
  assert.deepEqual(brief('pkg:pypi/foo-bar-baz@1.1'), []);
  const [h] = hits('pkg:pypi/foo-bar-baz@1.0.0');
  assert.equal(h!.productKey, 'purl:pkg:pypi/foo-bar-baz');
  assert.equal((h!.explanation as Record<string, unknown>).rule, 'osv-version');
  assert.ok(PYSEC);
});

test('GIT ranges place no version: only a listed version hits, and says the GIT range was not used', () => {
  assert.deepEqual(brief('pkg:npm/gitpkg@1.0.0'), ['OSV-2025-7 affected']);
  assert.deepEqual(brief('pkg:npm/gitpkg@1.0.1'), []);
  const e = hits('pkg:npm/gitpkg@1.0.0')[0]!.explanation as Record<string, unknown>;
  assert.equal(e.rule, 'osv-version');
  assert.equal(e.gitRanges, 1);
  assert.equal(matcher.stats.gitOnly, 1);
  assert.ok(GIT_ONLY);
});

test('Debian: the dpkg ordering with revision and epoch; Ubuntu packages are another namespace; a distro qualifier keeps to its release', () => {
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64'), ['CVE-2023-0286 affected']);
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u4'), []);
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u4~bpo1'), ['CVE-2023-0286 affected'], '~ sorts before the end');
  assert.deepEqual(brief('pkg:deb/debian/openssl@1:1.0.0'), [], 'an epoch outranks every upstream version');
  assert.deepEqual(brief('pkg:deb/ubuntu/openssl@1.1.1f-1ubuntu2'), []);
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=debian-11'), ['CVE-2023-0286 affected']);
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=bullseye'), ['CVE-2023-0286 affected']);
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=debian-12'), [], 'a Debian 11 statement says nothing of Debian 12');
  assert.deepEqual(brief('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=bookworm'), []);
  const e = hits('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3')[0]!.explanation as Record<string, unknown>;
  assert.equal(e.ordering, 'dpkg');
  assert.equal(e.ecosystem, 'Debian:11');
  assert.ok(DEBIAN);
});

test('an ecosystem without an ordering (one the mapping does not list) is undecidable with the reason, never matched or dropped; Hex is SemVer', () => {
  const [h, ...rest] = hits('pkg:nimble/jester@0.5.0');
  assert.equal(rest.length, 0);
  assert.equal(h!.status, 'undecidable');
  assert.equal(h!.cveId, 'CVE-2025-20002');
  assert.match(String((h!.explanation as Record<string, unknown>).detail), /no version ordering is implemented for this ecosystem/);
  // Hex packages are versioned by SemVer: decided both ways
  const [plug] = hits('pkg:hex/plug@1.10.0');
  assert.equal(plug!.status, 'affected');
  assert.equal(plug!.productKey, 'purl:pkg:hex/plug');
  assert.deepEqual(hits('pkg:hex/plug@1.14.2'), []);
  assert.ok(NO_ORDERING);
});

test('a version the ordering cannot read is undecidable; affected wins over undecidable for the same CVE and package', () => {
  const [h] = hits('pkg:npm/lodash@latest');
  assert.equal(h!.status, 'undecidable');
  const twice = new OsvMatcher(statements([LODASH, { ...LODASH, id: 'GHSA-dupe-0000-0001' }, {
    ...LODASH, id: 'GHSA-und0-0000-0001', affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: 'x.y' }] }] }],
  }]));
  const got = twice.matchComponent({ id: 'c', purl: 'pkg:npm/lodash@4.17.20' });
  assert.equal(got.length, 1);
  assert.equal(got[0]!.status, 'affected');
  assert.deepEqual((got[0]!.explanation as Record<string, unknown>).sources, ['GHSA-35jh-r3h4-6jhm', 'GHSA-dupe-0000-0001']);
  assert.deepEqual(matcher.matchComponent({ id: 'c', cpe: 'cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*' }), [], 'no purl, no hit');
  assert.deepEqual(matcher.matchComponent({ id: 'c', purl: 'not a purl' }), []);
  assert.ok(LOG4J);
});
