/** Validation of single records, the file readers (CSV quoting, headers, JSON shapes) and the SBOM mapping: pure, no store. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAsset, checkComponent, checkDependency, checkOrganisation, textValues } from './validate.js';
import { readRows, sourceFromFile, type ImportSource, type RawRow } from './import-reader.js';
import { sbomComponents } from './cyclonedx.js';
import { DEPENDENCIES, SITES, SYSTEMS } from './test-fixtures.js';

const errorsOf = (c: { ok: boolean; errors?: { field: string; reason: string }[] }) => (c.ok ? [] : c.errors!.map((e) => e.field));

async function rows(src: ImportSource): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readRows(src)) out.push(r);
  return out;
}

describe('register record validation', () => {
  test('fixtures are valid; a site fills defaults; a system may leave region and location to its site', () => {
    const s = checkAsset(SITES[0]!, 'site');
    assert.ok(s.ok);
    assert.equal(s.record.kind, 'site');
    const y = checkAsset(SYSTEMS[1]!, 'system');
    assert.ok(y.ok);
    assert.deepEqual([y.record.region, y.record.lat, y.record.populationServed], [null, null, 0]);
    for (const d of DEPENDENCIES) assert.ok(checkDependency(d).ok, d.id);
  });

  test('each rule names its field', () => {
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]!, siteId: 'x' }, 'site')), ['siteId']);
    assert.deepEqual(errorsOf(checkAsset({ ...SYSTEMS[0]!, kind: 'site' }, 'system')), ['kind']);
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]!, lat: undefined, lon: undefined }, 'site')), ['lat']);
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]!, criticality: 2.5 }, 'site')), ['criticality']);
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]!, populationServed: -1 }, 'site')), ['populationServed']);
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]!, colour: 'red' }, 'site')), ['colour']);
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]!, kind: 'site' })), []);
    assert.deepEqual(errorsOf(checkAsset({ ...SITES[0]! })), ['kind']);
    assert.deepEqual(errorsOf(checkDependency({ ...DEPENDENCIES[0]!, backupHoursHigh: null })), ['backupHoursHigh']);
    assert.deepEqual(errorsOf(checkDependency({ ...DEPENDENCIES[0]!, failureProbability: 1.5 })), ['failureProbability']);
    assert.deepEqual(errorsOf(checkDependency({ ...DEPENDENCIES[0]!, type: 'emotional', service: 'love' })), ['type', 'service']);
    assert.deepEqual(errorsOf(checkDependency({ ...DEPENDENCIES[0]!, alternateGroup: 'a b' })), ['alternateGroup']);
    assert.deepEqual(errorsOf(checkComponent({ id: 'c', systemId: 'y', name: 'n', purl: 'npm/left-pad' })), ['purl']);
    assert.deepEqual(errorsOf(checkComponent({ id: 'c', systemId: 'y', name: 'n', internetExposed: 'maybe' })), ['internetExposed']);
    assert.deepEqual(errorsOf(checkOrganisation({ id: 'o', name: 'O', identityRef: 'identity--nope' })), ['identityRef']);
    assert.deepEqual(errorsOf(checkOrganisation({ id: 'o', name: '', sector: 'mining' })), ['name', 'sector']);
  });

  test('CSV cells become typed values by the column\'s field; empty cells are absent', () => {
    assert.deepEqual(textValues('dependency', { share_lost: '0.5', backup_kind: '', alternate_group: 'feed', time_to_impact_hours: '1e1' }), {
      shareLost: 0.5, alternateGroup: 'feed', timeToImpactHours: 10,
    });
    assert.deepEqual(textValues('component', { internet_exposed: 'Yes' }), { internetExposed: true });
    assert.deepEqual(textValues('site', { lat: 'north' }), { lat: 'north' });
  });
});

describe('register file readers', () => {
  test('CSV: quoted commas, quotes and newlines, a BOM, blank lines; rows numbered from the header', async () => {
    const text = '\ufeffid,org_id,name,sector,region,lat,lon,criticality\n' +
      'a,o,"Works, North",water,UKC,54,-1,3\n\n' +
      'b,o,"The ""Old"" Mill\nAnnex",water,UKC,54,-1,3\n' +
      'c,o,short\n';
    const r = await rows({ name: 't', format: 'csv', type: 'site', text });
    assert.deepEqual(r.map((x) => [x.row, x.cells?.name ?? x.error?.reason]), [
      [2, 'Works, North'], [4, 'The "Old" Mill\nAnnex'], [5, 'has 3 fields; the header has 8'],
    ]);
  });

  test('CSV: an unknown or repeated column is reported once, at the header', async () => {
    const r = await rows({ name: 't', format: 'csv', type: 'site', text: 'id,name,colour\na,b,c\n' });
    assert.equal(r.length, 1);
    assert.deepEqual([r[0]!.row, r[0]!.error!.column], [1, 'colour']);
    const d = await rows({ name: 't', format: 'csv', type: 'site', text: 'id,id\n' });
    assert.match(d[0]!.error!.reason, /column id appears twice/);
    await assert.rejects(rows({ name: 'x.csv', format: 'csv', text: 'id\n' }), /which records does this CSV file hold/);
  });

  test('JSON: arrays, JSON lines, recordType checks', async () => {
    const arr = await rows({ name: 't', format: 'json', text: '[{"recordType":"site","id":"a"},{"id":"b"},7]' });
    assert.deepEqual(arr.map((x) => [x.row, x.type, x.error?.column ?? null]), [[1, 'site', null], [2, null, 'recordType'], [3, null, null]]);
    const lines = await rows({ name: 't', format: 'json', type: 'asset', text: '{"recordType":"system","id":"a"}\n\n{"recordType":"component"}\n' });
    assert.deepEqual(lines.map((x) => [x.row, x.type, x.error?.reason ?? null]), [[1, 'system', null], [3, 'asset', 'is component in a file of asset records']]);
    await assert.rejects(rows({ name: 'body', format: 'json', text: '[{' }), /not valid JSON/);
  });

  test('file names tell format and type', () => {
    assert.deepEqual([sourceFromFile('/x/sites.csv').format, sourceFromFile('/x/sites.csv').type], ['csv', 'site']);
    assert.equal(sourceFromFile('acme-dependencies.csv').type, 'dependency');
    assert.equal(sourceFromFile('systems_2025.csv').type, 'system');
    assert.deepEqual([sourceFromFile('nation.jsonl').format, sourceFromFile('nation.jsonl').type], ['json', undefined]);
  });
});

describe('CycloneDX mapping', () => {
  const bom = (components: unknown[], specVersion = '1.4') => ({ bomFormat: 'CycloneDX', specVersion, components });

  test('nested components flattened depth first; ids stable and distinct; vendor fallbacks', () => {
    const c = sbomComponents('sys-1', bom([
      { name: 'a', 'bom-ref': 'a', manufacturer: { name: 'Maker' }, components: [{ name: 'a1', authors: [{ name: 'Ann' }] }] },
      { name: 'b', version: '2', purl: 'pkg:npm/b@2' },
      { name: 'b', version: '2', purl: 'pkg:npm/b@2' },
    ], '1.6'));
    assert.deepEqual(c.map((x) => x.path), ['components[0]', 'components[0].components[0]', 'components[1]', 'components[2]']);
    assert.deepEqual(c.map((x) => x.values.vendor), ['Maker', 'Ann', null, null]);
    assert.equal(new Set(c.map((x) => x.values.id)).size, 4);
    assert.deepEqual(sbomComponents('sys-1', bom([{ name: 'a', 'bom-ref': 'a' }])).map((x) => x.values.id), [c[0]!.values.id]);
    assert.notDeepEqual(sbomComponents('sys-2', bom([{ name: 'a', 'bom-ref': 'a' }]))[0]!.values.id, c[0]!.values.id);
  });

  test('not a CycloneDX 1.4–1.6 JSON BOM: BAD_FILE naming the field', () => {
    assert.throws(() => sbomComponents('s', { bomFormat: 'SPDX' }), /bomFormat must be "CycloneDX"/);
    assert.throws(() => sbomComponents('s', bom([], '1.3')), /specVersion "1.3" is not supported/);
    assert.throws(() => sbomComponents('s', { bomFormat: 'CycloneDX', specVersion: '1.5', components: {} }), /components must be an array/);
    assert.deepEqual(sbomComponents('s', { bomFormat: 'CycloneDX', specVersion: '1.5' }), []);
  });
});
