import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPurl, parsePurl, type Purl, PurlSyntaxError } from './parse.js';

const P = (type: string, namespace: string | null, name: string, version: string | null, qualifiers: Record<string, string> = {}, subpath: string | null = null): Purl =>
  ({ type, namespace, name, version, qualifiers, subpath });

// [input, parsed, canonical form]
const VECTORS: [string, Purl, string][] = [
  ['pkg:npm/%40angular/animation@12.3.1', P('npm', '@angular', 'animation', '12.3.1'), 'pkg:npm/%40angular/animation@12.3.1'],
  ['pkg:npm/@Angular/Core@1.0.0', P('npm', '@angular', 'core', '1.0.0'), 'pkg:npm/%40angular/core@1.0.0'],
  ['pkg:npm/@angular/core', P('npm', '@angular', 'core', null), 'pkg:npm/%40angular/core'],
  ['pkg:pypi/Django_Rest_Framework@3.14.0', P('pypi', null, 'django-rest-framework', '3.14.0'), 'pkg:pypi/django-rest-framework@3.14.0'],
  ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar&classifier=', P('maven', 'org.apache.logging.log4j', 'log4j-core', '2.14.1', { type: 'jar' }),
    'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar'],
  ['pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=repo.spring.io%2Frelease', P('maven', 'org.apache.xmlgraphics', 'batik-anim', '1.9.1', { repository_url: 'repo.spring.io/release' }),
    'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=repo.spring.io/release'],
  ['pkg:nuget/EnterpriseLibrary.Common@6.0.1304', P('nuget', null, 'EnterpriseLibrary.Common', '6.0.1304'), 'pkg:nuget/EnterpriseLibrary.Common@6.0.1304'],
  ['pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api', P('golang', 'github.com/gorilla', 'context', '234fd47e07d1004f0aed9c', {}, 'api'),
    'pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api'],
  ['pkg:cargo/rand@0.7.2', P('cargo', null, 'rand', '0.7.2'), 'pkg:cargo/rand@0.7.2'],
  ['pkg:gem/jruby-launcher@1.1.2?Platform=java', P('gem', null, 'jruby-launcher', '1.1.2', { platform: 'java' }), 'pkg:gem/jruby-launcher@1.1.2?platform=java'],
  ['pkg:deb/Debian/CURL@7.50.3-1?arch=i386&distro=jessie', P('deb', 'debian', 'curl', '7.50.3-1', { arch: 'i386', distro: 'jessie' }),
    'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie'],
  ['pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25', P('rpm', 'fedora', 'curl', '7.50.3-1.fc25', { arch: 'i386', distro: 'fedora-25' }),
    'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25'],
  ['pkg:rpm/opensuse/curl@1:7.56.1', P('rpm', 'opensuse', 'curl', '1:7.56.1'), 'pkg:rpm/opensuse/curl@1:7.56.1'],
  ['pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da',
    P('generic', null, 'openssl', '1.1.10g', { download_url: 'https://openssl.org/source/openssl-1.1.0g.tar.gz', checksum: 'sha256:de4d501267da' }),
    'pkg:generic/openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz'],
  ['PKG://generic//a%20b//c%2Bd@1.0%2B2#/sub/./../dir//file.c', P('generic', 'a b', 'c+d', '1.0+2', {}, 'sub/dir/file.c'), 'pkg:generic/a%20b/c%2Bd@1.0%2B2#sub/dir/file.c'],
];

test('parse: spec examples per type, percent-decoding, normalisation, canonical form round-trips', () => {
  for (const [input, parsed, canonical] of VECTORS) {
    assert.deepEqual(parsePurl(input), parsed, input);
    assert.equal(formatPurl(parsed), canonical, input);
    assert.deepEqual(parsePurl(canonical), parsed, canonical);
  }
});

// [input, position, reason]
const ERRORS: [string, number, string][] = [
  ['npm/foo@1.0', 0, 'the scheme must be "pkg:"'],
  ['pkg:npm', 7, 'the name is missing (expected "/" after the type)'],
  ['pkg:', 4, 'the type is missing'],
  ['pkg:n&m/foo', 4, 'type "n&m" may hold only letters, digits, ".", "+", "-" and not start with a digit'],
  ['pkg:3d/foo', 4, 'type "3d" may hold only letters, digits, ".", "+", "-" and not start with a digit'],
  ['pkg:npm/', 8, 'the name is missing'],
  ['pkg:npm//@1.0', 9, 'the name is missing'],
  ['pkg:npm/foo@', 12, 'the version after "@" is empty'],
  ['pkg:npm/foo bar', 11, 'whitespace is not allowed (encode it as %20)'],
  ['pkg:npm/foo%2@1', 11, '"%" not followed by two hex digits'],
  ['pkg:npm/foo@1?a=1&a=2', 18, 'qualifier "a" appears twice'],
  ['pkg:npm/foo@1?novalue', 14, 'qualifier "novalue" is not key=value'],
  ['pkg:npm/foo@1?9x=1', 14, 'qualifier key "9x" may hold only letters, digits, ".", "-", "_" and not start with a digit'],
  ['pkg:maven/log4j@1.0', 10, 'a maven purl needs a namespace'],
  ['pkg:pypi/acme/django@1.0', 9, 'a pypi purl has no namespace'],
  ['pkg:generic/a%2Fb/c', 12, 'a namespace segment may not contain an encoded "/"'],
  ['pkg:npm/foo%C3%28', 8, 'percent-encoding of "foo%C3%28" is not valid UTF-8'],
];

test('parse errors: position and reason', () => {
  for (const [input, position, reason] of ERRORS) {
    assert.throws(() => parsePurl(input), (e: unknown) => {
      assert.ok(e instanceof PurlSyntaxError, input);
      assert.deepEqual([e.position, e.reason], [position, reason], input);
      assert.equal(e.message, `invalid purl at character ${position}: ${reason}`);
      return true;
    });
  }
});
