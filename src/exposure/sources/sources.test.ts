/** The readers on hand-written inputs: NVD CVE pages, STIX mapping, CPE dictionary, KEV, EPSS, tar, CSAF. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync as gzSync } from 'node:zlib';
import { validateObject } from '../../stix/validate/index.js';
import { compileConfigurations } from '../nvd-config.js';
import { readCpeDictionary } from './cpe-dictionary.js';
import { parseCsafText, readCsafArchive } from './csaf-advisory.js';
import { readEpss, type EpssHeader } from './epss.js';
import { readKev } from './kev.js';
import { newCveStats, readNvdCves } from './nvd-cve-reader.js';
import { generateNvdYear } from './nvd-generate.js';
import { uuidv5 } from '../../stix/sco-id.js';
import { toStixVulnerability, VULNERABILITY_NAMESPACE, vulnerabilityId } from './stix-vulnerability.js';
import { readTar, TarError } from './tar.js';
import { chunked, CSAF_DOC, CVE_GOOD, gz, page, tarOf } from './test-fixtures.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('NVD page → normalised CveRecord (metrics of every CVSS version, CWEs, configurations the core compiles)', async () => {
  const stats = newCveStats();
  const items = await all(readNvdCves(Buffer.from(page([CVE_GOOD])), { stats }));
  assert.equal(items.length, 1);
  const it = items[0]!;
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const r = it.record;
  assert.equal(r.id, 'CVE-2024-12345');
  assert.equal(r.description, 'A vulnerability in the \\"web\\" server.');
  assert.deepEqual(r.metrics.map((m) => [m.version, m.type, m.baseScore, m.baseSeverity, m.source]), [
    ['4.0', 'Secondary', 9.3, 'CRITICAL', 'productcert@siemens.com'],
    ['3.1', 'Primary', 9.8, 'CRITICAL', 'nvd@nist.gov'],
    ['2.0', 'Primary', 7.5, 'HIGH', 'nvd@nist.gov'],
  ]);
  assert.deepEqual(r.cwes, ['CWE-787']);
  assert.equal(r.references[0]!.tags![0], 'Vendor Advisory');
  assert.equal(compileConfigurations(r.id, r.configurations).configurations[0]!.nodes[0]!.entries[0]!.key, 'o:siemens:simatic_s7-1200_firmware');
  assert.match(r.contentHash, /^[0-9a-f]{64}$/);
  assert.deepEqual(stats.header?.totalResults, 1);
});

test('bad records are reported (which record, which field, why) and skipped; the stream goes on', async () => {
  const bad = [
    { ...CVE_GOOD, id: 'CVE-24-1' },
    { ...CVE_GOOD, id: 'CVE-2024-0002', published: 'yesterday' },
    { ...CVE_GOOD, id: 'CVE-2024-0003', metrics: { cvssMetricV31: [{ source: 'x', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N', baseScore: 11, baseSeverity: 'HIGH' } }] } },
    { ...CVE_GOOD, id: 'CVE-2024-0004', configurations: [{ nodes: [{ operator: 'XOR', cpeMatch: [] }] }] },
    { ...CVE_GOOD, id: 'CVE-2024-0005', configurations: [{ nodes: [{ operator: 'OR', cpeMatch: [{ criteria: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*', matchCriteriaId: 'x' }] }] }] },
    { ...CVE_GOOD, id: 'CVE-2024-0006', descriptions: [] },
    { ...CVE_GOOD, id: 'CVE-2024-0007', references: undefined },
    { ...CVE_GOOD, id: 'CVE-2024-0008', metrics: { cvssMetricV31: [{ source: 'x', type: 'Tertiary', cvssData: {} }] } },
  ];
  const text = page([CVE_GOOD, ...bad, { ...CVE_GOOD, id: 'CVE-2024-0009' }]).replace('{"cve":{"id":"CVE-2024-0009"', '{"cve":{"id":"CVE-2024-0009",,');
  const stats = newCveStats();
  const items = await all(readNvdCves(chunked(Buffer.from(text), 7), { stats }));
  const rejected: unknown[][] = items.filter((i) => i.kind === 'rejected').map((i) => (i.kind === 'rejected' ? [i.index, i.id, i.field, i.reason] : []));
  assert.match(rejected[8]![3] as string, /^invalid JSON at byte \d+/);
  assert.deepEqual(rejected.slice(0, 8), [
    [1, 'CVE-24-1', 'cve.id', "'CVE-24-1' is not a CVE id (CVE-YYYY-NNNN…)"],
    [2, 'CVE-2024-0002', 'cve.published', "'yesterday' is not a date-time"],
    [3, 'CVE-2024-0003', 'cve.metrics.cvssMetricV31[0].cvssData.baseScore', 'must be a number from 0 to 10, not 11'],
    [4, 'CVE-2024-0004', 'cve.configurations[0].nodes[0].operator', 'must be AND or OR, not "XOR"'],
    [5, 'CVE-2024-0005', 'cve.configurations[0].nodes[0].cpeMatch[0].vulnerable', 'is required'],
    [6, 'CVE-2024-0006', 'cve.descriptions', 'must hold at least one description'],
    [7, 'CVE-2024-0007', 'cve.references', 'is required'],
    [8, 'CVE-2024-0008', 'cve.metrics.cvssMetricV31[0].type', 'must be Primary or Secondary, not "Tertiary"'],
  ]);
  assert.deepEqual(rejected[8]!.slice(0, 3), [9, undefined, '']);
  assert.deepEqual([stats.parsed, stats.rejected], [1, 9]);
});

test('gzip, a single {"cve"} record, and incremental re-import (unchanged records skipped)', async () => {
  const first = await all(readNvdCves(gz(page([CVE_GOOD, { ...CVE_GOOD, id: 'CVE-2024-0002' }]))));
  assert.deepEqual(first.map((i) => i.kind), ['record', 'record']);
  const single = await all(readNvdCves(Buffer.from(JSON.stringify({ cve: CVE_GOOD }))));
  assert.equal(single[0]!.kind === 'record' && single[0]!.record.id, 'CVE-2024-12345');
  const known = new Map(first.map((i) => (i.kind === 'record' ? [i.record.id, i.record.contentHash] : ['', ''])));
  const stats = newCveStats();
  const changed = { ...CVE_GOOD, id: 'CVE-2024-0002', lastModified: '2024-06-01T00:00:00.000' };
  const again = await all(readNvdCves(gz(page([CVE_GOOD, changed])), { known, stats }));
  assert.deepEqual(again.map((i) => (i.kind === 'record' ? i.record.id : i.kind)), ['CVE-2024-0002']);
  assert.equal(stats.unchanged, 1);
});

test('STIX vulnerability: deterministic id from the CVE id, cve external reference, valid', async () => {
  const [it] = await all(readNvdCves(Buffer.from(page([CVE_GOOD]))));
  assert.equal(it!.kind, 'record');
  if (it!.kind !== 'record') return;
  const v = toStixVulnerability(it!.record) as Record<string, unknown>;
  assert.equal(uuidv5('urn:bulwark:stix:vulnerability', '6ba7b811-9dad-11d1-80b4-00c04fd430c8'), VULNERABILITY_NAMESPACE);
  assert.equal(v.id, vulnerabilityId('CVE-2024-12345'));
  assert.match(v.id as string, /^vulnerability--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(vulnerabilityId('cve-2024-12345'), v.id, 'case-insensitive CVE id');
  assert.notEqual(vulnerabilityId('CVE-2024-12346'), v.id);
  assert.equal(v.name, 'CVE-2024-12345');
  assert.equal(v.created, '2024-03-12T10:15:07.123Z');
  assert.equal(v.modified, '2024-04-01T08:00:00.000Z');
  assert.deepEqual((v.external_references as unknown[])[0], { source_name: 'cve', external_id: 'CVE-2024-12345', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-12345' });
  assert.deepEqual(validateObject(v), []);
});

test('the generator writes NVD pages the reader takes whole, the same for the same seed', async () => {
  const text = [...generateNvdYear({ year: 2024, count: 500, seed: 7, piece: 64 })].join('');
  assert.equal(text, [...generateNvdYear({ year: 2024, count: 500, seed: 7 })].join(''));
  const stats = newCveStats();
  const items = await all(readNvdCves(Buffer.from(text), { stats }));
  assert.deepEqual([stats.parsed, stats.rejected], [500, 0]);
  const versions = new Set(items.flatMap((i) => (i.kind === 'record' ? i.record.metrics.map((m) => m.version) : [])));
  assert.deepEqual([...versions].sort(), ['2.0', '3.1', '4.0']);
  for (const i of items.slice(0, 50)) if (i.kind === 'record') assert.deepEqual(validateObject(toStixVulnerability(i.record)), []);
});

test('CPE dictionary products', async () => {
  const doc = { resultsPerPage: 2, startIndex: 0, totalResults: 2, format: 'NVD_CPE', version: '2.0', timestamp: '2023-07-31T18:32:08.920', products: [
    { cpe: { deprecated: true, cpeName: 'cpe:2.3:a:3com:3cdaemon:-:*:*:*:*:*:*:*', cpeNameId: 'BAE41D20-D4AF-4AF0-AA7D-3BD04DA402A7', lastModified: '2011-01-12T14:35:43.723', created: '2007-08-23T21:05:57.937', titles: [{ title: 'スリーコム', lang: 'ja' }, { title: '3Com 3CDaemon', lang: 'en' }], deprecatedBy: [{ cpeName: 'cpe:2.3:a:3com:3cdaemon:2.0:*:*:*:*:*:*:*' }] } },
    { cpe: { deprecated: false, cpeName: 'cpe:2.3:a:bad name', cpeNameId: 'x', lastModified: '2011-01-12T14:35:43.723', created: '2007-08-23T21:05:57.937' } },
  ] };
  const items = await all(readCpeDictionary(Buffer.from(JSON.stringify(doc))));
  const [a, b] = items;
  assert.ok(a!.kind === 'record' && a!.record.deprecated && a!.record.title === '3Com 3CDaemon' && a!.record.deprecatedBy.length === 1);
  assert.ok(b!.kind === 'rejected' && b!.field === 'cpe.cpeName' && b!.id === 'cpe:2.3:a:bad name');
});

test('KEV catalogue', async () => {
  const entry = { cveID: 'CVE-2025-48384', vendorProject: 'Git', product: 'Git', vulnerabilityName: 'Git Link Following Vulnerability', dateAdded: '2025-08-25', shortDescription: 'x', requiredAction: 'Apply mitigations', dueDate: '2025-09-15', knownRansomwareCampaignUse: 'Known', notes: 'https://example.test', cwes: ['CWE-59'] };
  const doc = { title: 'CISA Catalog', catalogVersion: '2025.08.25', dateReleased: '2025-08-25T17:04:19.9796Z', count: 2, vulnerabilities: [entry, { ...entry, cveID: 'CVE-2025-1', dueDate: '2025-13-45' }] };
  let catalogue: unknown;
  const items = await all(readKev(gz(JSON.stringify(doc)), (c) => { catalogue = c; }));
  assert.ok(items[0]!.kind === 'record' && items[0]!.record.ransomware && items[0]!.record.cwes[0] === 'CWE-59');
  assert.deepEqual(items[1], { kind: 'rejected', index: 1, id: 'CVE-2025-1', field: 'cveID', reason: "'CVE-2025-1' is not a CVE id" });
  assert.deepEqual(catalogue, { title: 'CISA Catalog', catalogVersion: '2025.08.25', dateReleased: '2025-08-25T17:04:19.9796Z', count: 2 });
});

test('EPSS CSV: model version and score date kept, bad rows reported', async () => {
  const csv = '#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000\r\ncve,epss,percentile\r\nCVE-1999-0001,0.01141,0.82\r\nCVE-1999-0002,1.5,0.9\r\nnope,0.1,0.1\r\nCVE-2024-0001,0.5,0.99';
  const header: EpssHeader = { columns: [] };
  const items = await all(readEpss(chunked(Buffer.from(csv), 5), header));
  assert.deepEqual(header, { modelVersion: 'v2023.03.01', scoreDate: '2023-03-07T00:00:00+0000', columns: ['cve', 'epss', 'percentile'] });
  assert.deepEqual(items, [
    { kind: 'record', index: 0, record: { cve: 'CVE-1999-0001', epss: 0.01141, percentile: 0.82 } },
    { kind: 'rejected', index: 1, id: 'CVE-1999-0002', field: 'epss', reason: "'1.5' is not a probability from 0 to 1" },
    { kind: 'rejected', index: 2, field: 'cve', reason: "'nope' is not a CVE id" },
    { kind: 'record', index: 3, record: { cve: 'CVE-2024-0001', epss: 0.5, percentile: 0.99 } },
  ]);
});

test('tar reader: files (long names too), directories skipped, a damaged header named', async () => {
  const long = `${'d'.repeat(90)}/${'f'.repeat(40)}.json`;
  const archive = tarOf([{ path: 'dir/', data: '', type: '5' }, { path: 'a.json', data: '{"x":1}' }, { path: long, data: 'é'.repeat(600) }]);
  const got = await all(readTar(chunked(archive, 100)));
  assert.deepEqual(got.map((e) => [e.path, e.data.toString()]), [['a.json', '{"x":1}'], [long, 'é'.repeat(600)]]);
  const gzipped = await all(readTar(Buffer.from(gzSync(archive))));
  assert.equal(gzipped.length, 2);
  const damaged = Buffer.from(archive);
  damaged[512 + 3] = 0x41; // first file's header
  await assert.rejects(all(readTar(damaged)), (e: unknown) => e instanceof TarError && /checksum/.test(e.message));
});
test('CSAF: product tree to identities (vendor/product normalised, version constraints), statuses, remediations, scores', () => {
  const it = parseCsafText(JSON.stringify(CSAF_DOC), 0, 'x.json');
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const a = it.record;
  assert.deepEqual([a.id, a.title, a.initialReleaseDate, a.currentReleaseDate, a.tlp, a.publisher], ['ICSA-19-038-02', 'Siemens EN100 Ethernet Module', '2019-02-07T00:00:00.000000Z', '2019-03-01T00:00:00.000000Z', 'WHITE', 'CISA']);
  const p1 = a.products.get('CSAFPID-0001')!;
  assert.deepEqual([p1.vendor, p1.product, p1.vendorName, p1.version], ['siemens', 'firmware_variant_iec_61850_for_en100_ethernet_module', 'Siemens', { kind: 'ranges', text: 'vers:all/<V4.33', ranges: [{ versionEndExcluding: 'V4.33' }] }]);
  assert.deepEqual(p1.helper, { modelNumbers: ['6MF2101-0AB10-0AA0'] });
  const p2 = a.products.get('CSAFPID-0002')!;
  assert.deepEqual([p2.family, p2.product, p2.version.kind], ['SIPROTEC 5', 'siprotec_5_compact', 'ranges']);
  assert.equal(a.products.get('CSAFPID-0003')!.version.kind, 'text');
  assert.deepEqual(a.products.get('CSAFPID-0004')!.helper, { cpe: 'cpe:2.3:a:example:runtime:2.0:*:*:*:*:*:*:*', purl: 'pkg:generic/example/runtime@2.0' });
  const rel = a.products.get('CSAFPID-0005')!;
  assert.deepEqual([rel.product, rel.relationship?.category, rel.relationship?.platform?.productId], [p1.product, 'installed_on', 'CSAFPID-0002']);
  const v = a.vulnerabilities[0]!;
  assert.equal(v.cve, 'CVE-2018-11451');
  assert.deepEqual(v.products.map((p) => [p.status, p.productId, p.identity?.productId]), [
    ['known_affected', 'CSAFPID-0001', 'CSAFPID-0001'], ['known_affected', 'CSAFPID-0005', 'CSAFPID-0005'],
    ['fixed', 'CSAFPID-0002', 'CSAFPID-0002'], ['known_not_affected', 'CSAFPID-0099', undefined],
  ]);
  assert.deepEqual(a.problems, [{ field: 'vulnerabilities[0].product_status.known_not_affected', reason: "unknown product id 'CSAFPID-0099'" }]);
  assert.equal(v.remediations[0]!.category, 'vendor_fix');
  assert.equal(v.scores[0]!.cvssV3!.baseScore, 7.5);
  assert.equal(a.vulnerabilities[1]!.cve, undefined);
});

test('CSAF archive: advisories read from a tar.gz; a non-advisory JSON is reported', async () => {
  const archive = gzSync(tarOf([{ path: 'feed.json', data: '{"feed":{}}' }, { path: 'a.json', data: JSON.stringify(CSAF_DOC) }, { path: 'a.json.sha512', data: 'x' }]));
  const items = await all(readCsafArchive(archive));
  assert.deepEqual(items.map((i) => [i.kind, i.source, i.kind === 'rejected' ? i.field : i.record.id]), [['rejected', 'feed.json', 'document'], ['record', 'a.json', 'ICSA-19-038-02']]);
});
