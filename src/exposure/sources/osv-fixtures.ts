/**
 * Hand-written OSV records for the tests of the OSV reader, store, matcher and service (there is no OSV
 * data in ../shared): shapes as osv.dev serves them, ids and versions modelled on real advisories.
 */
import { deflateRawSync } from 'node:zlib';

type Rec = Record<string, unknown>;
const semver = (...events: Rec[]) => ({ type: 'SEMVER', events });
const eco = (...events: Rec[]) => ({ type: 'ECOSYSTEM', events });

export function osvRecord(id: string, affected: Rec[], over: Rec = {}): Rec {
  return { schema_version: '1.6.0', id, modified: '2025-01-10T12:00:00Z', published: '2024-12-01T00:00:00Z', summary: `Test advisory ${id}`, affected, ...over };
}

/** lodash: command injection, introduced 0 / fixed 4.17.21 (SEMVER). */
export const LODASH = osvRecord('GHSA-35jh-r3h4-6jhm', [{ package: { ecosystem: 'npm', name: 'lodash', purl: 'pkg:npm/lodash' }, ranges: [semver({ introduced: '0' }, { fixed: '4.17.21' })] }], {
  aliases: ['CVE-2021-23337'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' }],
});

/** log4j-core (Maven namespace), three introduced/fixed pairs, two CVE aliases. */
export const LOG4J = osvRecord('GHSA-jfh8-c2jp-5v3q', [{
  package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
  ranges: [eco({ introduced: '2.13.0' }, { fixed: '2.15.0' }, { introduced: '2.0-beta9' }, { fixed: '2.3.1' }, { introduced: '2.4' }, { fixed: '2.12.2' })],
}], { aliases: ['CVE-2021-44228', 'CVE-2021-45046'] });

/** A PyPI package without a CVE alias, listed versions only; the name written with `_` and `.`. */
export const PYSEC = osvRecord('PYSEC-2024-42', [{ package: { ecosystem: 'PyPI', name: 'Foo_Bar.Baz' }, versions: ['1.0', '1.1rc1'] }]);

/** Debian bullseye openssl: dpkg ordering with epoch and revision. */
export const DEBIAN = osvRecord('DSA-5343-1', [{
  package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: [eco({ introduced: '0' }, { fixed: '1.1.1n-0+deb11u4' })],
}], { aliases: ['CVE-2023-0286'] });

/** A crate with last_affected and limit ranges. */
export const CRATE = osvRecord('RUSTSEC-2025-0001', [{
  package: { ecosystem: 'crates.io', name: 'tokio' },
  ranges: [semver({ introduced: '1.0.0' }, { last_affected: '1.2.0' }), semver({ introduced: '1.5.0' }, { limit: '1.8.0' })],
}], { aliases: ['CVE-2025-20001'] });

/** A GIT range only, and one listed version. */
export const GIT_ONLY = osvRecord('OSV-2025-7', [{
  package: { ecosystem: 'npm', name: 'gitpkg' }, ranges: [{ type: 'GIT', repo: 'https://github.com/example/gitpkg', events: [{ introduced: '0' }, { fixed: 'a1b2c3d4' }] }], versions: ['1.0.0'],
}]);

/** Ecosystems without an ordering: Hex (known) and one OSV does not list (kept as its lowercased name). */
export const NO_ORDERING = osvRecord('GHSA-hex0-0000-0001', [
  { package: { ecosystem: 'Hex', name: 'Plug' }, ranges: [eco({ introduced: '0' }, { fixed: '1.14.2' })] },
  { package: { ecosystem: 'Nimble', name: 'jester' }, ranges: [eco({ introduced: '0' }, { fixed: '0.6.0' })] },
], { aliases: ['CVE-2025-20002'] });

export const WITHDRAWN = osvRecord('GHSA-wdrw-0000-0001', [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [semver({ introduced: '0' }, { fixed: '5.0.0' })] }], {
  aliases: ['CVE-2025-20003'], withdrawn: '2025-01-11T00:00:00Z',
});

export const ALL_RECORDS = [LODASH, LOG4J, PYSEC, DEBIAN, CRATE, GIT_ONLY, NO_ORDERING];

/** A zip archive (deflated entries, CRC fields left 0) of the given files, as osv.dev's all.zip. */
export function zipOf(files: { path: string; data: string }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const raw = Buffer.from(f.data);
    const packed = deflateRawSync(raw);
    const name = Buffer.from(f.path);
    const crc = 0; // the reader does not check CRCs (zlib.crc32 is Node ≥ 20.15)
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(raw.length, 22); local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(packed.length, 20); c.writeUInt32LE(raw.length, 24); c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(c, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
