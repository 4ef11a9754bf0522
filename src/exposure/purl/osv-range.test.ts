import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateAffected, evaluateOsvRange, type OsvAffected, type OsvRange } from './osv-range.js';
import { dpkgOrdering } from './order-dpkg.js';
import { pep440Ordering } from './order-pep440.js';

const outcome = (a: OsvAffected, purl: string) => evaluateAffected(a, purl).outcome;

test('SEMVER range (npm): introduced/fixed, the classic traps, explanation names the event', () => {
  const a: OsvAffected = { package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] };
  assert.equal(outcome(a, 'pkg:npm/lodash@4.17.20'), 'match');
  assert.equal(outcome(a, 'pkg:npm/lodash@4.17.3'), 'match'); // 4.17.3 < 4.17.21 (lexically it would not be)
  assert.equal(outcome(a, 'pkg:npm/lodash@4.17.21'), 'no-match');
  assert.equal(outcome(a, 'pkg:npm/lodash@4.17.21-rc.1'), 'match'); // a pre-release is below its release
  assert.equal(outcome(a, 'pkg:npm/underscore@1.0.0'), 'no-match');
  const v = evaluateAffected(a, 'pkg:npm/lodash@4.17.20');
  assert.equal(v.explanation, 'affected since introduced 0 (SEMVER, semver): 4.17.20 > introduced 0; 4.17.20 < fixed 4.17.21');
  assert.deepEqual(v.ranges[0]!.event, { kind: 'introduced', value: '0' });
  const f = evaluateAffected(a, 'pkg:npm/lodash@4.17.21');
  assert.equal(f.explanation, 'not affected: past fixed 4.17.21 (SEMVER, semver): 4.17.21 > introduced 0; 4.17.21 = fixed 4.17.21');
});

test('several introduced/fixed pairs, last_affected, limit, events out of order', () => {
  const r: OsvRange = { type: 'SEMVER', events: [{ fixed: '2.0.5' }, { introduced: '2.0.0' }, { introduced: '1.0.0' }, { fixed: '1.4.2' }] };
  const o = (v: string) => evaluateOsvRange(r, v, null).outcome;
  assert.deepEqual(['0.9.0', '1.0.0', '1.4.1', '1.4.2', '1.10.0', '2.0.0', '2.0.4', '2.0.5', '3.0.0'].map(o),
    ['no-match', 'match', 'match', 'no-match', 'no-match', 'match', 'match', 'no-match', 'no-match']);
  assert.equal(evaluateOsvRange(r, '0.9.0', null).explanation.split(' (')[0], 'below every introduced event');
  const la: OsvRange = { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.2.0' }] };
  assert.deepEqual(['1.2.0', '1.2.1'].map((v) => evaluateOsvRange(la, v, null).outcome), ['match', 'no-match']);
  assert.equal(evaluateOsvRange(la, '1.2.1', null).explanation, 'not affected: past last_affected 1.2.0 (SEMVER, semver): 1.2.1 > introduced 1.0.0; 1.2.1 > last_affected 1.2.0');
  const lim: OsvRange = { type: 'SEMVER', events: [{ introduced: '0' }, { limit: '3.0.0' }] };
  assert.deepEqual(['2.9.9', '3.0.0'].map((v) => evaluateOsvRange(lim, v, null).outcome), ['match', 'no-match']);
  assert.match(evaluateOsvRange(lim, '3.0.0', null).explanation, /^at or above limit 3\.0\.0/);
});

test('ECOSYSTEM ranges use the ecosystem ordering: PyPI, Maven, NuGet, Debian, RPM, Go, crates.io', () => {
  const range = (introduced: string, fixed: string): OsvRange[] => [{ type: 'ECOSYSTEM', events: [{ introduced }, { fixed }] }];
  const py: OsvAffected = { package: { ecosystem: 'PyPI', name: 'Django' }, ranges: range('4.2', '4.2.post1') };
  assert.deepEqual(['4.2rc1', '4.2', '4.2.0+ubuntu', '4.2.post1'].map((v) => outcome(py, `pkg:pypi/django@${v}`)), ['no-match', 'match', 'match', 'no-match']);
  const mvn: OsvAffected = { package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' }, ranges: range('2.0-beta9', '2.15.0') };
  assert.deepEqual(['2.0-alpha1', '2.0-beta9', '2.0', '2.14.1', '2.15.0-rc1', '2.15.0'].map((v) => outcome(mvn, `pkg:maven/org.apache.logging.log4j/log4j-core@${v}`)),
    ['no-match', 'match', 'match', 'match', 'match', 'no-match']);
  const nuget: OsvAffected = { package: { ecosystem: 'NuGet', name: 'Newtonsoft.Json' }, ranges: range('0', '13.0.1') };
  assert.deepEqual(['12.0.3', '13.0.1-beta1', '13.0.1'].map((v) => outcome(nuget, `pkg:nuget/newtonsoft.json@${v}`)), ['match', 'match', 'no-match']);
  const deb: OsvAffected = { package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: range('0', '1.1.1n-0+deb11u2') };
  assert.deepEqual(['1.1.1n-0+deb11u1', '1.1.1n-0+deb11u2', '1.1.1n~rc1-1', '1:1.0'].map((v) => outcome(deb, `pkg:deb/debian/openssl@${v}`)),
    ['match', 'no-match', 'match', 'no-match']);
  const rpm: OsvAffected = { package: { ecosystem: 'Red Hat', name: 'curl' }, ranges: range('0', '7.61.1-25.el8') };
  assert.deepEqual(['7.61.1-22.el8', '7.61.1-25.el8', '1:7.0-1', '7.61.1'].map((v) => outcome(rpm, `pkg:rpm/redhat/curl@${v}`)),
    ['match', 'no-match', 'no-match', 'undecidable']); // no release: reported, not passed as equal
  const go: OsvAffected = { package: { ecosystem: 'Go', name: 'golang.org/x/net' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.7.0' }] }] };
  assert.deepEqual(['v0.6.0', 'v0.0.0-20220906165146-f3363e06e74c', 'v0.7.0'].map((v) => outcome(go, `pkg:golang/golang.org/x/net@${v}`)), ['match', 'match', 'no-match']);
  const gem: OsvAffected = { package: { ecosystem: 'RubyGems', name: 'rails' }, ranges: range('7.0.0', '7.0.4.1') };
  assert.deepEqual(['7.0.0.rc1', '7.0.0', '7.0.4', '7.0.4.1'].map((v) => outcome(gem, `pkg:gem/rails@${v}`)), ['no-match', 'match', 'match', 'no-match']);
  const cargo: OsvAffected = { package: { ecosystem: 'crates.io', name: 'tokio' }, ranges: range('1.9.0', '1.18.4') };
  assert.deepEqual(['1.9.0', '1.18.3', '1.18.4'].map((v) => outcome(cargo, `pkg:cargo/tokio@${v}`)), ['match', 'match', 'no-match']);
});

test('versions list: exact, equal under the ordering, and neither', () => {
  const a: OsvAffected = { package: { ecosystem: 'PyPI', name: 'pyyaml' }, versions: ['5.3', '5.3.1'] };
  assert.deepEqual(evaluateAffected(a, 'pkg:pypi/PyYAML@5.3.1'), { outcome: 'match', version: '5.3.1', ranges: [], explanation: '5.3.1 is listed in versions' });
  assert.equal(evaluateAffected(a, 'pkg:pypi/pyyaml@5.3.0').explanation, '5.3.0 = 5.3, listed in versions (pep440)');
  assert.deepEqual(evaluateAffected(a, 'pkg:pypi/pyyaml@5.4'), { outcome: 'no-match', version: '5.4', ranges: [], explanation: '5.4 is not in the versions list' });
});

test('undecidable: GIT ranges, ecosystems without an ordering, unreadable versions, no version — never dropped', () => {
  const git: OsvAffected = { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'GIT', repo: 'https://github.com/x/x', events: [{ introduced: '0' }, { fixed: 'a1b2c3d' }] }] };
  assert.deepEqual([evaluateAffected(git, 'pkg:npm/x@1.0.0').outcome, evaluateAffected(git, 'pkg:npm/x@1.0.0').explanation],
    ['undecidable', 'GIT range of https://github.com/x/x: its events are commits, and a package version cannot be placed among them']);
  // A GIT range beside a decided SEMVER match: the match wins.
  const both: OsvAffected = { ...git, ranges: [...git.ranges!, { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] };
  assert.equal(outcome(both, 'pkg:npm/x@1.0.0'), 'match');
  const generic: OsvAffected = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.0.4' }] }] };
  assert.equal(evaluateAffected(generic, 'pkg:generic/thing@7.0.3').explanation, 'ECOSYSTEM range: no version ordering is implemented for this ecosystem');
  const npm: OsvAffected = { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '2.0.0' }] }] };
  const bad = evaluateAffected(npm, 'pkg:npm/x@latest');
  assert.equal(bad.outcome, 'undecidable');
  assert.equal(bad.explanation, 'undecidable (SEMVER, semver): latest ? introduced 1.0.0 ("latest" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])); latest ? fixed 2.0.0 ("latest" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build]))');
  assert.equal(evaluateAffected(npm, 'pkg:npm/x').explanation, 'the component\'s purl has no version');
  // Undecidable event order: a Debian range whose events the ordering cannot read.
  const r: OsvRange = { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'unknown' }] };
  assert.equal(evaluateOsvRange(r, '1.0-1', dpkgOrdering).outcome, 'undecidable');
  assert.equal(evaluateOsvRange({ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }] }, '1.0.dev0', pep440Ordering).outcome, 'no-match');
});

test('package identity: purl in the entry, OSV names (Maven group:artifact, npm scope, PyPI case), ecosystem', () => {
  const r: OsvRange[] = [{ type: 'SEMVER', events: [{ introduced: '0' }] }];
  assert.equal(outcome({ package: { purl: 'pkg:npm/%40babel/core' }, ranges: r }, 'pkg:npm/@babel/core@7.0.0'), 'match');
  assert.equal(outcome({ package: { purl: 'pkg:npm/%40babel/core' }, ranges: r }, 'pkg:npm/@babel/cli@7.0.0'), 'no-match');
  assert.equal(outcome({ package: { ecosystem: 'npm', name: '@babel/core' }, ranges: r }, 'pkg:npm/@babel/core@7.0.0'), 'match');
  assert.equal(outcome({ package: { ecosystem: 'PyPI', name: 'Foo_Bar' }, versions: ['1.0'] }, 'pkg:pypi/foo-bar@1.0'), 'match');
  assert.equal(outcome({ package: { ecosystem: 'PyPI', name: 'zope.interface' }, versions: ['1.0'] }, 'pkg:pypi/Zope_Interface@1.0'), 'match'); // PEP 503
  assert.equal(outcome({ package: { purl: 'pkg:nuget/Newtonsoft.Json' }, versions: ['1.0'] }, 'pkg:nuget/newtonsoft.json@1.0'), 'match');
  assert.equal(evaluateAffected({ package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1.0'] }, 'pkg:npm/x@1.0').explanation, 'different ecosystem: PyPI (component is npm)');
  assert.equal(outcome({ package: { ecosystem: 'Maven', name: 'log4j:log4j' }, versions: ['1.2.17'] }, 'pkg:maven/log4j/log4j@1.2.17'), 'match');
});
