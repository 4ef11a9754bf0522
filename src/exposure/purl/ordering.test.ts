import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apkOrdering } from './order-apk.js';
import { dpkgOrdering } from './order-dpkg.js';
import { mavenOrdering } from './order-maven.js';
import { nugetOrdering } from './order-nuget.js';
import { pep440Ordering } from './order-pep440.js';
import { rpmOrdering } from './order-rpm.js';
import { rubygemsOrdering } from './order-rubygems.js';
import { semverOrdering } from './order-semver.js';
import type { VersionOrdering } from './ordering.js';

/** Each chain is strictly increasing; every pair in it is checked both ways. */
function ascending(o: VersionOrdering, chain: string[]): void {
  for (let i = 0; i < chain.length; i++) {
    for (let j = 0; j < chain.length; j++) {
      const c = o.compare(chain[i]!, chain[j]!);
      assert.ok(c.decided, `${o.scheme}: ${chain[i]} vs ${chain[j]} undecidable`);
      assert.equal(c.order, Math.sign(i - j), `${o.scheme}: ${chain[i]} vs ${chain[j]}`);
    }
  }
}
function equal(o: VersionOrdering, pairs: [string, string][]): void {
  for (const [a, b] of pairs) assert.deepEqual(o.compare(a, b), { decided: true, order: 0 }, `${o.scheme}: ${a} = ${b}`);
}
function undecidable(o: VersionOrdering, a: string, b: string, reason: string): void {
  assert.deepEqual(o.compare(a, b), { decided: false, reason }, `${o.scheme}: ${a} vs ${b}`);
}

test('semver (npm, cargo, golang): numeric parts, pre-releases, build metadata', () => {
  ascending(semverOrdering, ['1.9.0', '1.10.0', '1.10.1', '2.0.0']);
  // SemVer 2.0.0 §11's own example chain.
  ascending(semverOrdering, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  ascending(semverOrdering, ['0.0.0-20250616162021-79b2f26125a1', 'v0.0.1', 'v1.2.3']); // Go pseudo-version, v prefix
  ascending(semverOrdering, ['1.0.0-2', '1.0.0-10', '1.0.0-a']); // numeric identifiers as numbers, below alphanumerics
  equal(semverOrdering, [['1.0.0+build.1', '1.0.0+build.2'], ['v1.2.3', '1.2.3'], ['99999999999999999999.0.0', '99999999999999999999.0.0']]);
  ascending(semverOrdering, ['99999999999999999999.0.0', '100000000000000000000.0.0']);
  undecidable(semverOrdering, '1.2', '1.2.0', '"1.2" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])');
  undecidable(semverOrdering, '1.2.3', '01.2.3', '"01.2.3" is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])');
});

test('PEP 440 (pypi): dev < pre < release < local < post, epochs, normalised spellings', () => {
  ascending(pep440Ordering, ['1.0.dev0', '1.0a1.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0+local.1', '1.0.post1.dev0', '1.0.post1', '1.1.dev1', '1.1']);
  ascending(pep440Ordering, ['1.9', '1.10', '2.0', '1!0.1']);
  ascending(pep440Ordering, ['1.0+abc', '1.0+abc.5', '1.0+5']); // local: numeric segments above alphanumeric ones
  equal(pep440Ordering, [
    ['1.0', '1.0.0'], ['1.0RC1', '1.0rc1'], ['1.0-c1', '1.0rc1'], ['1.0alpha1', '1.0a1'], ['1.0-1', '1.0.post1'],
    ['1.0rev1', '1.0.post1'], ['v2.0', '2.0'], ['0!1.0', '1.0'], ['1.0a', '1.0a0'], ['1.0.dev', '1.0.dev0'],
  ]);
  undecidable(pep440Ordering, '1.0', 'not-a-version', '"not-a-version" is not a PEP 440 version');
});

// Apache Maven's own ComparableVersionTest lists (strictly ascending) and the POM reference's examples.
const MAVEN_QUALIFIERS = ['1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2',
  '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123'];
const MAVEN_NUMBERS = ['2.0', '2.0.a', '2-1', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123',
  '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m'];

test('Maven: the version order specification (Maven test lists, the POM reference examples)', () => {
  ascending(mavenOrdering, MAVEN_QUALIFIERS);
  ascending(mavenOrdering, MAVEN_NUMBERS);
  ascending(mavenOrdering, ['1.0-alpha', '1.0-beta', '1.0-rc1', '1.0-SNAPSHOT', '1.0', '1.0-sp1', '1.0-xyz', '1.0-1', '1.0.1']);
  ascending(mavenOrdering, ['1.9', '1.10', '1.10.1', '2']);
  // POM reference: 1 < 1.1; 1-snapshot < 1 < 1-sp; 1-foo2 < 1-foo10; 1.foo = 1-foo < 1-1 < 1.1; 1-sp.1 > 1-ga.1; 1-sp-1 < 1-ga-1; 1.7 > 1.K.
  ascending(mavenOrdering, ['1-snapshot', '1', '1-sp', '1-foo2', '1-foo10', '1-1', '1.1']);
  ascending(mavenOrdering, ['1-sp-1', '1-ga-1']); // 1-ga-1 = 1-1, and -qualifier < -number
  ascending(mavenOrdering, ['1-ga.1', '1-sp.1']);
  ascending(mavenOrdering, ['1.K', '1.7']);
  ascending(mavenOrdering, ['5.aardvark', '5.zebra']);
  equal(mavenOrdering, [
    ['1.foo', '1-foo'], ['1', '1.0'], ['1.0', '1.0.0'], ['1.ga', '1'], ['1-ga', '1'], ['1-0', '1'], ['1.0-final', '1.0'], ['1.0-RELEASE', '1.0'],
    ['1.0-cr1', '1.0-rc1'], ['1-a1', '1-alpha-1'], ['1.0-alpha1', '1.0-ALPHA1'], ['2.0.a', '2.0.0.a'], ['1-ga-1', '1-1'],
  ]);
});

test('NuGet: four parts, case-insensitive pre-release labels, metadata ignored', () => {
  ascending(nugetOrdering, ['1.0.0-alpha', '1.0.0-Beta', '1.0.0-rc.1', '1.0.0', '1.0.0.1', '1.0.1', '1.10.0']);
  equal(nugetOrdering, [['1.0', '1.0.0.0'], ['1.0.0-BETA', '1.0.0-beta'], ['1.0.0+abc', '1.0.0'], ['01.0', '1.0']]);
  undecidable(nugetOrdering, '1.0.0.0.0', '1.0', '"1.0.0.0.0" is not a NuGet version (N[.N[.N[.N]]][-label][+metadata])');
});

test('dpkg (deb): epochs, ~ before the end, letters before other characters, revisions', () => {
  ascending(dpkgOrdering, ['1.0~alpha', '1.0~rc1', '1.0', '1.0-1', '1.0-1ubuntu0.1', '1.0-2', '1.0a', '1.0+b1', '1.1', '1:0.9']);
  ascending(dpkgOrdering, ['1.9', '1.10']);
  ascending(dpkgOrdering, ['2.30-1~bpo1', '2.30-1', '2.30-1+deb11u1']);
  equal(dpkgOrdering, [['0:1.0-1', '1.0-1'], ['1.0', '1.0-0'], ['1.01', '1.1']]);
  undecidable(dpkgOrdering, 'abc', '1.0', '"abc" is not a Debian version ([epoch:]upstream[-revision], upstream starting with a digit)');
});

test('RPM (rpmvercmp): epochs, ~ and ^, digits beat letters, separators ignored', () => {
  ascending(rpmOrdering, ['1.0~rc1', '1.0', '1.0^git1', '1.0a', '1.0.1', '1.1', '1:0.5']);
  ascending(rpmOrdering, ['1.9', '1.10']);
  ascending(rpmOrdering, ['2.0-1.el8', '2.0-2.el8', '2.0-10.el8']);
  ascending(rpmOrdering, ['1.a', '1.1']); // a digit run is newer than a letter run
  equal(rpmOrdering, [['1.0_1', '1.0.1'], ['0:1.0-1', '1.0-1'], ['1.01', '1.1'], ['1.0', '1.0']]);
  ascending(rpmOrdering, ['1.0-5', '1.1']); // a release matters only when the versions are equal
  undecidable(rpmOrdering, '7.61.1', '7.61.1-25.el8', '"7.61.1" has no release and "7.61.1-25.el8" differs from it only by release');
  undecidable(rpmOrdering, '1.0-1-2', '1.0', '"1.0-1-2" is not an RPM version ([epoch:]version[-release])');
});

test('RubyGems: letters mean pre-release, trailing zeros ignored, "-" is ".pre."', () => {
  ascending(rubygemsOrdering, ['1.0.a', '1.0.b1', '1.0-1', '1.0.rc1', '1.0', '1.0.1', '1.9', '1.10', '2.0.0.pre1', '2']);
  equal(rubygemsOrdering, [['1', '1.0'], ['1.0.0', '1'], ['1.0.rc1', '1.0.0.rc1'], ['1.0.pre.1', '1.0-1'], ['1.0.rc.1', '1.0.rc1']]);
  undecidable(rubygemsOrdering, '1.0', 'a.b', '"a.b" is not a RubyGems version');
});

test('dpkg: Debian Policy example ~~ < ~~a < ~ < (nothing) < a', () => {
  ascending(dpkgOrdering, ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a']);
});

test('apk (Alpine): numbers, a letter, suffixes around the release, revisions; leading zeros compare as text', () => {
  ascending(apkOrdering, ['1.0_alpha', '1.0_alpha2', '1.0_beta', '1.0_pre1', '1.0_rc1', '1.0', '1.0-r1', '1.0-r2', '1.0_cvs', '1.0_svn', '1.0_git20230101', '1.0_hg', '1.0_p1', '1.0_p2', '1.0a', '1.0b', '1.0.1', '1.1', '2.8.123e', '10.0']);
  ascending(apkOrdering, ['1.01', '1.1', '1.2', '1.10']);
  ascending(apkOrdering, ['3.1.4-r0', '3.1.4-r5', '3.1.4_p1-r0', '3.1.5-r0']);
  equal(apkOrdering, [['1.010', '1.01'], ['1.0', '1.0-r0'], ['1.0_p', '1.0_p0']]);
  undecidable(apkOrdering, '1.0-beta', '1.0', '"1.0-beta" is not an apk version (1.2.3[letter][_suffix[N]][-rN])');
  undecidable(apkOrdering, '1.0', 'v1.0', '"v1.0" is not an apk version (1.2.3[letter][_suffix[N]][-rN])');
});

test('every ordering is a consistent order: antisymmetric and transitive over a shared pool', () => {
  const pool = ['0', '1', '1.0', '1.0.0', '1.0.0-rc.1', '1.0rc1', '1.0~rc1', '1.0-1', '1.0.1', '1.9', '1.10', '1.0a', '1.0-sp1', '1.0.post1',
    '1:0.9', '2.0.0', '1.0-alpha', '1.0^git1', '1.0.dev0', 'v1.2.3', '1.0+b1', '1.0_rc1', '1.0_p1-r2', '1.01', '1.0-r1'];
  for (const o of [semverOrdering, pep440Ordering, mavenOrdering, nugetOrdering, dpkgOrdering, rpmOrdering, rubygemsOrdering, apkOrdering]) {
    const c = (a: string, b: string): number | undefined => { const r = o.compare(a, b); return r.decided ? r.order : undefined; };
    for (const a of pool) for (const b of pool) {
      const ab = c(a, b);
      const ba = c(b, a);
      assert.equal(ab === undefined, ba === undefined, `${o.scheme}: ${a} vs ${b} decided one way only`);
      if (ab !== undefined) assert.equal(ab, -ba! || 0, `${o.scheme}: ${a} vs ${b} not antisymmetric`);
      for (const d of pool) {
        const bd = c(b, d);
        if (ab !== undefined && bd !== undefined && ab <= 0 && bd <= 0) assert.ok((c(a, d) ?? 0) <= 0, `${o.scheme}: ${a} <= ${b} <= ${d}`);
      }
    }
  }
});
