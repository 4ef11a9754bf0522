import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ValidationIssue } from '../types.js';
import { type ValidateOptions, validateObject } from './index.js';

type O = Record<string, unknown>;

const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

function indicator(extra: O = {}): O {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2016-04-06T20:03:48.000Z',
    modified: '2016-04-06T20:03:48.000Z',
    created_by_ref: IDENTITY,
    name: 'Poison Ivy C2',
    description: 'Known Poison Ivy command and control address',
    indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '198.51.100.3']",
    pattern_type: 'stix',
    valid_from: '2016-04-06T20:03:48Z',
    ...extra,
  };
}

function attackPattern(extra: O = {}): O {
  return {
    type: 'attack-pattern',
    spec_version: '2.1',
    id: 'attack-pattern--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
    created: '2016-05-12T08:17:27.000Z',
    modified: '2016-05-12T08:17:27.000Z',
    name: 'Spear Phishing',
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' }],
    external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
    ...extra,
  };
}

function file(extra: O = {}): O {
  return {
    type: 'file',
    spec_version: '2.1',
    id: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68',
    name: 'invoice.pdf.exe',
    hashes: { MD5: 'b365b9a80a06906fc9b400c06c33ff43' },
    ...extra,
  };
}

/** Exactly one issue, at `path`, whose message contains every fragment. */
function assertIssue(issues: ValidationIssue[], path: string, ...fragments: string[]): void {
  assert.equal(issues.length, 1, `expected one issue, got ${JSON.stringify(issues, null, 1)}`);
  const [issue] = issues as [ValidationIssue];
  assert.equal(issue.path, path);
  for (const f of fragments) assert.ok(issue.message.includes(f), `message ${JSON.stringify(issue.message)} lacks ${JSON.stringify(f)}`);
}

function validate(o: unknown, opts?: ValidateOptions): ValidationIssue[] {
  return validateObject(o, opts);
}

test('a well-formed indicator, attack pattern and file have no issues', () => {
  assert.deepEqual(validate(indicator()), []);
  assert.deepEqual(validate(attackPattern()), []);
  assert.deepEqual(validate(file()), []);
});

test('a value that is not an object is reported at the empty path', () => {
  assertIssue(validate('indicator'), '', 'must be a JSON object');
  assertIssue(validate({ id: 'x' }), 'type', "'type' is required");
});

test('a missing required property is reported at its own path', () => {
  const o = indicator();
  delete o.pattern;
  assertIssue(validate(o), 'pattern', "'pattern' is required", 'indicator');
});

test('the id must be type--UUID and name the object type', () => {
  assertIssue(validate(indicator({ id: 'indicator--blablabla' })), 'id', 'object-type--UUID', 'indicator--blablabla');
  assertIssue(validate(indicator({ id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' })), 'id', "must start with 'indicator--'");
});

test('spec_version must be 2.1 on SDOs', () => {
  assertIssue(validate(indicator({ spec_version: '2.0' })), 'spec_version', "'2.1'", "'2.0'");
});

test('created and modified need millisecond precision, UTC and a real calendar date', () => {
  assertIssue(validate(indicator({ created: '2016-04-06T20:03:48Z' })), 'created', 'millisecond');
  assertIssue(validate(indicator({ created: '2016-04-06T20:03:48.000+01:00' })), 'created', 'YYYY-MM-DDTHH:mm:ss');
  const issues = validate(indicator({ created: '2016-02-30T20:03:48.000Z', modified: '2016-03-01T00:00:00.000Z' }));
  assertIssue(issues, 'created', 'not a real date');
});

test('modified may not precede created, and valid_until must be strictly after valid_from', () => {
  assertIssue(validate(indicator({ modified: '2016-04-06T20:03:47.999Z' })), 'modified', 'later than or equal to created');
  assertIssue(validate(indicator({ created: '2016-04-06T20:03:48.000123Z', modified: '2016-04-06T20:03:48.000Z' })), 'modified', 'later than or equal');
  assertIssue(validate(indicator({ valid_until: '2016-04-06T20:03:48.000Z' })), 'valid_until', 'later than valid_from');
});

test('external references: CVE and CAPEC ids must match their source and form', () => {
  const bad = attackPattern({ external_references: [{ source_name: 'cve', external_id: 'CVE-2016-12' }] });
  assertIssue(validate(bad), 'external_references[0].external_id', 'CVE-YYYY-NNNN', 'CVE-2016-12');
  const wrongSource = attackPattern({ external_references: [{ source_name: 'nvd', external_id: 'CVE-2016-1234' }] });
  assertIssue(validate(wrongSource), 'external_references[0].source_name', "must be 'cve'");
  const noSource = attackPattern({ external_references: [{ url: 'https://example.com' }] });
  assertIssue(validate(noSource), 'external_references[0].source_name', 'requires');
  const empty = attackPattern({ external_references: [{ source_name: 'acme' }] });
  assertIssue(validate(empty), 'external_references[0]', 'description, external_id or url');
});

test('kill chain phases need both names', () => {
  const o = attackPattern({ kill_chain_phases: [{ kill_chain_name: 'mitre-attack' }] });
  assertIssue(validate(o), 'kill_chain_phases[0].phase_name', 'phase_name');
});

test('hash values must match their algorithm', () => {
  assertIssue(validate(file({ hashes: { MD5: 'abc' } })), 'hashes.MD5', 'MD5', '32 hexadecimal');
  assertIssue(validate(file({ hashes: { 'SHA-256': 'zz' } })), "hashes['SHA-256']", '64 hexadecimal');
  assertIssue(validate(file({ hashes: { MD: 'abc' } })), 'hashes.MD', 'hash algorithm name');
});

test('custom property names and values follow the STIX naming rules', () => {
  assertIssue(validate(attackPattern({ 'x-acme-score': 5 })), "['x-acme-score']", 'not a valid property name');
  assertIssue(validate(attackPattern({ x_acme_score: null })), 'x_acme_score', 'must not be null');
  assertIssue(validate(attackPattern({ x_acme_tags: [] })), 'x_acme_tags', 'empty list');
  assertIssue(validate(attackPattern({ x_acme_blob_bin: 'not base64!' })), 'x_acme_blob_bin', 'base64');
  assertIssue(validate(attackPattern({ severity: 'high' })), 'severity', 'reserved');
});

test('custom properties are a best practice issue: warnings by default, errors in strict mode', () => {
  const o = attackPattern({ x_acme_score: 5 });
  const warnings: ValidationIssue[] = [];
  assert.deepEqual(validate(o, { warnings }), []);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.path, 'x_acme_score');
  assert.match(warnings[0]?.message ?? '', /toplevel-property-extension.*\[best practice: extensions-use\]/);
  assertIssue(validate(o, { strict: true }), 'x_acme_score', 'extension definition');
  assert.deepEqual(validate(o, { strict: true, disabled: '401' }), [], 'code 401 disables extensions-use');
  const declared = attackPattern({
    x_acme_score: 5,
    extensions: { 'extension-definition--a932fcc6-e032-476c-826f-cb970a5a1fff': { extension_type: 'toplevel-property-extension' } },
  });
  assert.deepEqual(validate(declared, { strict: true }), []);
});

test('strict mode turns vocabulary findings into errors; disabled checks stay silent', () => {
  const o = indicator({ indicator_types: ['sinister'] });
  assert.deepEqual(validate(o), []);
  assertIssue(validate(o, { strict: true }), 'indicator_types', 'indicator-type-ov');
  assert.deepEqual(validate(o, { strict: true, disabled: ['indicator-types'] }), []);
});

test('an extension-definition extension must declare a valid extension_type', () => {
  const key = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
  assertIssue(validate(attackPattern({ extensions: { [key]: { rank: 5 } } })), `extensions['${key}'].extension_type`, 'requires extension_type');
  assertIssue(validate(attackPattern({ extensions: { [key]: { extension_type: 'new-thing' } } })), `extensions['${key}'].extension_type`, 'property-extension');
  assertIssue(validate(attackPattern({ extensions: { 'acme extension': { a_b: 1 } } })), "extensions['acme extension']", 'not a valid extension key');
});

test('indicator patterns are parsed and syntax errors carry the position', () => {
  const issues = validate(indicator({ pattern: "[ipv4-addr:value = '198.51.100.3'] AND" }));
  assertIssue(issues, 'pattern', 'not a valid STIX pattern', 'at character');
  assert.deepEqual(validate(indicator({ pattern: 'alert tcp any any -> any 80', pattern_type: 'snort' })), []);
  assertIssue(validate(indicator({ pattern: "[f:name = 'x']" })), 'pattern', "'f'");
});

test('relationships and sightings reference the right kinds of objects', () => {
  const rel = {
    type: 'relationship', spec_version: '2.1', id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
    created: '2016-04-06T20:06:37.000Z', modified: '2016-04-06T20:06:37.000Z', relationship_type: 'indicates',
    source_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', target_ref: TLP_GREEN,
  };
  assertIssue(validate(rel), 'target_ref', 'not an SRO, bundle or meta object');
  assertIssue(validate({ ...rel, target_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b', relationship_type: 'Indicates' }), 'relationship_type', 'lowercase');
  const sighting = {
    type: 'sighting', spec_version: '2.1', id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
    created: '2016-08-22T14:09:00.123Z', modified: '2016-08-22T14:09:00.123Z',
    sighting_of_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    where_sighted_refs: [IDENTITY, 'tool--36ffb872-1dd9-446e-b6f5-d58527e5b5d2'],
  };
  assertIssue(validate(sighting), 'where_sighted_refs[1]', 'identity or location');
});

test('location and malware cross-property rules', () => {
  const loc = {
    type: 'location', spec_version: '2.1', id: 'location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64',
    created: '2016-04-06T20:03:00.000Z', modified: '2016-04-06T20:03:00.000Z', latitude: 48.8566,
  };
  const issues = validate(loc);
  assert.ok(issues.some((i) => i.path === 'longitude' && i.message.includes('together')));
  const mal = {
    type: 'malware', spec_version: '2.1', id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    created: '2016-04-06T20:03:00.000Z', modified: '2016-04-06T20:03:00.000Z', is_family: true,
  };
  assertIssue(validate(mal), 'name', 'is_family is true');
});

test('IP addresses and CIDR blocks are checked', () => {
  const v4 = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.0/24' };
  assert.deepEqual(validate(v4), []);
  assertIssue(validate({ ...v4, value: '198.51.100.0/33' }), 'value', 'IPv4');
  const v6 = { type: 'ipv6-addr', spec_version: '2.1', id: 'ipv6-addr--1e61d36c-a16c-53b7-a80f-2a00161c96b1', value: '2001:db8::1' };
  assert.deepEqual(validate(v6), []);
  assert.deepEqual(validate({ ...v6, value: '::ffff:192.0.2.1' }), []);
  assertIssue(validate({ ...v6, value: '2001:db8::1/00' }), 'value', 'IPv6');
});

test('SCO requirements: file needs hashes or name, process ids are UUIDv4, artifact payload xor url', () => {
  const f = file();
  delete f.name;
  delete f.hashes;
  assertIssue(validate(f), '', 'hashes, name');
  const proc = { type: 'process', id: 'process--ff1e0780-358c-5808-a8c7-d0fca4ef6ef4', pid: 314 };
  assertIssue(validate(proc), 'id', 'version 4 UUID');
  const art = {
    type: 'artifact', id: 'artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641', payload_bin: 'aGVsbG8=',
    url: 'https://example.com/a.bin', hashes: { MD5: '5d41402abc4b2a76b9719d911017c592' },
  };
  assertIssue(validate(art), '', 'exactly one of payload_bin or url');
});

test('network traffic: is_active excludes end, ports are 0-65535', () => {
  const nt = {
    type: 'network-traffic', id: 'network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d',
    src_ref: 'ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53', protocols: ['ipv4', 'tcp'],
    is_active: true, end: '2016-04-06T20:06:37.000Z',
  };
  assertIssue(validate(nt), 'end', 'is_active is true');
  assertIssue(validate({ ...nt, end: undefined, src_port: 70000 }), 'src_port', 'between 0 and 65535');
});

test('predefined SCO extensions are validated by their tables', () => {
  const f = file({ extensions: { 'ntfs-ext': { alternate_data_streams: [{ size: 25536 }] } } });
  assertIssue(validate(f), "extensions['ntfs-ext'].alternate_data_streams[0].name", 'requires', 'name');
  const pe = file({ extensions: { 'windows-pebinary-ext': { pe_type: 'exe', time_date_stamp: '2016-01-01T00:00:00.5Z' } } });
  assertIssue(validate(pe), "extensions['windows-pebinary-ext'].time_date_stamp", 'fractional seconds');
});

test('TLP 1.0 markings must be the specification objects; statement and TLP 2.0 markings are validated', () => {
  const tlpGreen = {
    type: 'marking-definition', spec_version: '2.1', id: TLP_GREEN, created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp', name: 'TLP:GREEN', definition: { tlp: 'green' },
  };
  assert.deepEqual(validate(tlpGreen), []);
  assertIssue(validate({ ...tlpGreen, definition: { tlp: 'red' } }), '', 'four TLP 1.0 marking definitions', '"tlp": "green"');
  const statement = {
    type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd',
    created: '2016-08-01T00:00:00.000Z', definition_type: 'statement', definition: { statement: 'Copyright 2019, Example Corp' },
  };
  assert.deepEqual(validate(statement), []);
  assertIssue(validate({ ...statement, object_marking_refs: [statement.id] }), 'object_marking_refs', 'itself');
  const tlp2 = {
    type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
    created: '2022-10-01T00:00:00.000Z', name: 'TLP:AMBER',
    extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber' } },
  };
  assert.deepEqual(validate(tlp2), []);
  assertIssue(validate({ ...tlp2, name: 'TLP:RED' }), 'name', "'TLP:AMBER'");
});

test('granular markings: selectors must select content, and lang excludes marking_ref', () => {
  const o = indicator({ granular_markings: [{ marking_ref: TLP_GREEN, selectors: ['description', 'labels.[0]'] }] });
  assertIssue(validate(o), 'granular_markings[0].selectors[1]', "'labels.[0]'", 'not a property');
  const both = indicator({ granular_markings: [{ marking_ref: TLP_GREEN, lang: 'en', selectors: ['description'] }] });
  assertIssue(validate(both), 'granular_markings[0]', 'exactly one of marking_ref or lang');
  assert.deepEqual(validate(indicator({ granular_markings: [{ lang: 'de', selectors: ['name'] }] })), []);
});

test('lang and language-content keys must be RFC 5646 language tags', () => {
  assert.deepEqual(validate(indicator({ lang: 'pt-BR' })), []);
  assertIssue(validate(indicator({ lang: 'english' })), 'lang', 'RFC 5646');
  const lc = {
    type: 'language-content', spec_version: '2.1', id: 'language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d',
    created: '2017-02-08T21:31:22.007Z', modified: '2017-02-08T21:31:22.007Z',
    object_ref: 'campaign--12a111f0-b824-4baf-a224-83b80237a094', object_modified: '2017-02-08T21:31:22.007Z',
    contents: { de: { name: 'Bank Angriff 1' }, 'zz-QQ': { name: 'x' } },
  };
  assertIssue(validate(lc), "contents['zz-QQ']", 'RFC 5646');
});

test('extension definitions: extension_properties only for toplevel-property-extension', () => {
  const ed = {
    type: 'extension-definition', spec_version: '2.1', id: 'extension-definition--04b2d3ef-d061-4912-ab77-6bbe807a5bd5',
    created: '2014-02-20T09:16:08.989Z', modified: '2014-02-20T09:16:08.989Z', created_by_ref: IDENTITY,
    name: 'New SDO 1', description: 'A new object type', schema: 'https://www.example.com/schema-newsdo-1/v1/',
    version: '1.2.1', extension_types: ['new-sdo'], extension_properties: ['rank'],
  };
  assertIssue(validate(ed), 'extension_properties', 'toplevel-property-extension');
});

test('custom object types: name format is required, the extension definition is a best practice', () => {
  const custom = {
    type: 'x-acme-widget', spec_version: '2.1', id: 'x-acme-widget--4527e5de-8572-446a-a57a-706f15467461',
    created: '2021-02-20T09:16:08.989Z', modified: '2021-02-20T09:16:08.989Z', size_units: 14,
    extensions: { 'extension-definition--1bba6c39-7ac1-40a2-819a-f33f8ea81a25': { extension_type: 'new-sdo' } },
  };
  assert.deepEqual(validate(custom, { strict: true }), []);
  const undeclared = { ...custom, extensions: undefined };
  assertIssue(validate(undeclared, { strict: true }), 'type', 'new-sdo');
  const badName = { ...custom, type: 'Acme_Widget', id: 'Acme_Widget--4527e5de-8572-446a-a57a-706f15467461' };
  const issues = validate(badName);
  assert.ok(issues.some((i) => i.path === 'type' && i.message.includes('not a valid object type name')));
});

test('bundles validate each object and report paths inside objects[]', () => {
  const bundle = {
    type: 'bundle', id: 'bundle--44af6c39-c09b-49c5-9de2-394224b04982',
    objects: [indicator(), attackPattern({ name: 42 })],
  };
  assertIssue(validate(bundle), 'objects[1].name', 'must be a string');
  const dup = { ...bundle, objects: [indicator(), indicator()] };
  assertIssue(validate(dup, { strict: true }), 'objects[1]', 'same modified');
});

test('observed-data with the deprecated objects dictionary resolves its references', () => {
  const od = {
    type: 'observed-data', spec_version: '2.1', id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
    created: '2016-04-06T19:58:16.000Z', modified: '2016-04-06T19:58:16.000Z', first_observed: '2015-12-21T19:00:00Z',
    last_observed: '2015-12-21T19:00:00Z', number_observed: 50,
    objects: {
      '0': { type: 'domain-name', id: 'domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5', value: 'example.com', resolves_to_refs: ['1'] },
      '1': { type: 'mutex', id: 'mutex--eba44954-d4e4-5d3b-814c-2b17dd8de300', name: 'm' },
    },
  };
  assertIssue(validate(od), "objects['0'].resolves_to_refs", 'ipv4-addr or ipv6-addr or domain-name', 'mutex');
});

test('an SCO id that differs from its deterministic id is only a warning, even in strict mode', () => {
  const ip = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--ff1e0780-358c-5808-a8c7-d0fca4ef6ef4', value: '198.51.100.3' };
  const warnings: ValidationIssue[] = [];
  assert.deepEqual(validate(ip, { strict: true, warnings }), []);
  assert.ok(warnings.some((w) => w.path === 'id' && w.message.includes('deterministic id')), JSON.stringify(warnings));
});

test('options are re-read when a reused options object is changed', () => {
  const o = indicator({ indicator_types: ['sinister'] });
  const opts: ValidateOptions = {};
  assert.deepEqual(validate(o, opts), []);
  opts.strict = true;
  assertIssue(validate(o, opts), 'indicator_types', 'indicator-type-ov');
  opts.disabled = 'indicator-types';
  assert.deepEqual(validate(o, opts), []);
});
