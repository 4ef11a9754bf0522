/** Golden vectors for the CSAF matcher: every rule, version outcomes, clearing, aliases, JSON statements. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AdvisoryHit } from '../advisory.js';
import { readCsafDocument } from '../sources/csaf-advisory.js';
import { CSAF_DOC } from '../sources/test-fixtures.js';
import { normaliseVersionText } from '../sources/version-text.js';
import { type AdvisoryComponent, CsafMatcher } from './csaf-matcher.js';
import { productTokens, vendorKeys } from './names.js';
import { type CsafIdentity, type CsafStatement, statementsOf } from './statement.js';

let pid = 0;
const st = (cveId: string, status: string, identity: Partial<CsafIdentity> & { version?: string }, advisoryId = 'ICSA-00-000-01'): CsafStatement => ({
  advisoryId, cveId, status, productId: `CSAFPID-${++pid}`,
  identity: { name: identity.productName ?? identity.name ?? 'x', ...identity, version: normaliseVersionText(identity.version ?? 'vers:all/*') },
});
const comp = (vendor: string, product: string, version?: string): AdvisoryComponent => ({ id: 'c1', vendor, product, ...(version !== undefined ? { version } : {}) });
const only = (hits: AdvisoryHit[]): AdvisoryHit => { assert.equal(hits.length, 1, JSON.stringify(hits, null, 1)); return hits[0]!; };
const ex = (h: AdvisoryHit): Record<string, unknown> => h.explanation as Record<string, unknown>;

const S7 = st('CVE-2020-15782', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)', version: 'All versions < V2.9.2' });

test('vendor keys: punctuation, legal forms and known spellings collapse; vendor lists split; "multiple" names none', () => {
  for (const v of ['schneider_electric', 'schneider-electric', 'Schneider Electric', 'Schneider Electric ', 'Schneider Electric Software, LLC', 'SchneiderElectric']) assert.deepEqual(vendorKeys(v), ['schneiderelectric'], v);
  for (const v of ['Siemens AG', 'Siemens', 'SIEMENS']) assert.deepEqual(vendorKeys(v), ['siemens'], v);
  for (const v of ['Rockwell Automation', 'rockwellautomation', 'rockwell_automation', 'Rockwell Automation ', 'Rockwell']) assert.deepEqual(vendorKeys(v), ['rockwellautomation'], v);
  for (const v of ['General Electric (GE)', 'GE Vernova', 'ge']) assert.deepEqual(vendorKeys(v), ['ge'], v);
  assert.deepEqual(vendorKeys('Schweitzer Engineering Laboratories, Inc.'), ['sel']);
  assert.deepEqual(vendorKeys('selinc'), ['sel']);
  assert.deepEqual(vendorKeys('Mitsubishi Electric Corporation'), ['mitsubishielectric']);
  assert.deepEqual(vendorKeys('Digi International, Inc. '), ['digiinternational']);
  assert.deepEqual(vendorKeys('ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO'), ['abb', 'phoenixcontact', 'schneiderelectric', 'siemens', 'wago']);
  assert.deepEqual(vendorKeys('Sensormatic Electronics, LLC, Johnson Controls Inc.'), ['sensormaticelectronics', 'johnsoncontrols']);
  assert.deepEqual(vendorKeys('multiple'), []);
  assert.deepEqual(vendorKeys(undefined), []);
});

test('product tokens: brackets (also unclosed), scope words and a repeated vendor are dropped; punctuation inside a token kept', () => {
  assert.deepEqual(productTokens('SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)'), ['simatic', 's7-1500', 'cpu']);
  assert.deepEqual(productTokens('SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS'), ['simatic', 's7-1500', 'cpu']);
  assert.deepEqual(productTokens('simatic_s7-1500_cpu_firmware'), ['simatic', 's7-1500', 'cpu']);
  assert.deepEqual(productTokens('SIMATIC S7-1500 CPU 1516-3 PN/DP'), ['simatic', 's7-1500', 'cpu', '1516-3', 'pn/dp']);
  assert.deepEqual(productTokens('simatic_s7-1500_cpu_1516-3_pn\\/dp'), ['simatic', 's7-1500', 'cpu', '1516-3', 'pn/dp']);
  assert.deepEqual(productTokens('Rockwell Automation ControlLogix 5580', 'rockwellautomation'), ['controllogix', '5580']);
  assert.deepEqual(productTokens('SIMATIC S7-1500 TM MFP - BIOS'), ['simatic', 's7-1500', 'tm', 'mfp', 'bios']);
  assert.deepEqual(productTokens('SIMATIC WinCC (TIA Portal)'), ['simatic', 'wincc', 'tia', 'portal'], 'a bracketed qualifier is part of the name');
  assert.deepEqual(productTokens('ControlLogix 5580 (1756 - L8z)'), ['controllogix', '5580'], 'bracketed part numbers are not');
  assert.deepEqual(productTokens('SIMATIC S7-1500 CPU 1518-4 PN/DP MFP (MLFB- 6ES7518-4AX00-1AC0 6AG1518-4AX00-4AC0 incl. SIPLUS variant)'), ['simatic', 's7-1500', 'cpu', '1518-4', 'pn/dp', 'mfp']);
});

test('name rule: a family is a token-prefix of the member; version inside the range → affected, explained with the bound and scheme', () => {
  const m = new CsafMatcher([S7]);
  const h = only(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '2.8.3')));
  assert.equal(h.status, 'affected');
  assert.equal(h.cveId, 'CVE-2020-15782');
  assert.equal(h.source, 'ICSA-00-000-01');
  assert.equal(h.productKey, 'csaf:siemens:simatic_s7-1500_cpu');
  assert.equal(ex(h).rule, 'name');
  assert.match(String(ex(h).matched), /\[simatic s7-1500 cpu\] is a token-prefix of the component's \[simatic s7-1500 cpu 1516-3 pn\/dp\]/);
  assert.match(JSON.stringify(ex(h).version), /2\.8\.3 < V2\.9\.2 \(versionEndExcluding < V2\.9\.2: holds, numeric\)/);
  // the same product by its CPE (firmware word dropped), version from the CPE
  const byCpe = only(m.matchComponent({ id: 'c2', cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.8.3:*:*:*:*:*:*:*' }));
  assert.equal(byCpe.status, 'affected');
  assert.equal(byCpe.productKey, h.productKey, 'productKey is the identity, whatever the component spelling');
});

test('name rule: version outside → no hit; productKey stable across versions; equal names match too', () => {
  const m = new CsafMatcher([S7]);
  assert.deepEqual(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '2.9.2')), []);
  assert.deepEqual(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', 'V3.1.2')), []);
  const a = only(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU', '2.0')));
  const b = only(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1518-4 PN/DP', 'V2.9.1')));
  assert.equal(a.productKey, b.productKey);
  assert.match(String(ex(a).matched), /equals/);
});

test('name rule: an undecidable version comparison is an undecidable hit with the reason, never dropped or matched', () => {
  const m = new CsafMatcher([st('CVE-2019-10952', 'known_affected', { vendorName: 'Rockwell Automation', productName: 'MicroLogix 1400', version: '<= 21.003' })]);
  const h = only(m.matchComponent(comp('Rockwell Automation', 'MicroLogix 1400', 'B 21.007')));
  assert.equal(h.status, 'undecidable');
  assert.match(String(ex(h).reason), /undecidable/);
  const none = only(m.matchComponent(comp('Rockwell Automation', 'MicroLogix 1400')));
  assert.equal(none.status, 'undecidable');
  assert.match(String(ex(none).reason), /the component has no version/);
});

test('a version kept as text gives an undecidable hit carrying the advisory\'s text and why', () => {
  const m = new CsafMatcher([st('CVE-2024-6207', 'known_affected', { vendorName: 'Rockwell Automation', productName: 'ControlLogix 5580', version: '<V33.017_V34.014_V35.013_V36.011' })]);
  const h = only(m.matchComponent(comp('Rockwell Automation', 'ControlLogix 5580 firmware', '33.011')));
  assert.equal(h.status, 'undecidable');
  assert.equal((ex(h).version as { text: string }).text, '<V33.017_V34.014_V35.013_V36.011');
  assert.match(String(ex(h).reason), /not a range the comparator can evaluate \(not a version the comparator orders/);
});

test('all versions match every version, also a component without one', () => {
  const m = new CsafMatcher([st('CVE-2018-7241', 'known_affected', { vendorName: 'Schneider Electric', productName: 'Modicon M340', version: 'vers:all/*' })]);
  assert.equal(only(m.matchComponent(comp('Schneider Electric', 'Modicon M340 BMXP342020', '3.20'))).status, 'affected');
  assert.equal(only(m.matchComponent(comp('schneider-electric', 'modicon_m340'))).status, 'affected');
});

test('vendor aliases match; a different vendor with the same product name does not; a less specific component does not', () => {
  const m = new CsafMatcher([
    st('CVE-2019-6821', 'known_affected', { vendorName: 'Schneider Electric Software, LLC', productName: 'Modicon M340', version: 'Firmware versions prior to v3.01' }),
    st('CVE-2020-6998', 'known_affected', { vendorName: 'Rockwell Automation ', productName: 'FactoryTalk View SE', version: '<= 13.0' }),
  ]);
  assert.equal(only(m.matchComponent({ id: 'x', cpe: 'cpe:2.3:o:schneider-electric:modicon_m340_firmware:2.90:*:*:*:*:*:*:*' })).cveId, 'CVE-2019-6821');
  assert.equal(only(m.matchComponent(comp('rockwell_automation', 'FactoryTalk View SE', '12.0'))).cveId, 'CVE-2020-6998');
  assert.deepEqual(m.matchComponent(comp('Acme Controls', 'Modicon M340', '2.90')), [], 'same product name, other vendor');
  assert.deepEqual(m.matchComponent(comp('Rockwell Automation', 'FactoryTalk View', '12.0')), [], 'the advisory names a more specific product than the component');
  assert.deepEqual(m.matchComponent(comp('Rockwell Automation', 'FactoryTalk', '12.0')), []);
});

test('a name that goes on in words only is another product of the line unless the advisory says family/series: undecidable, not affected', () => {
  const m = new CsafMatcher([
    st('CVE-2018-13814', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC WinCC (TIA Portal)', version: 'All versions < V14' }),
    st('CVE-2019-0001', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC WinCC', version: 'All versions < V7.5' }),
    st('CVE-2019-0002', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC HMI Panels family', version: 'vers:all/*' }),
  ]);
  assert.deepEqual(m.matchComponent(comp('Siemens', 'SIMATIC WinCC', '7.4')).map((h) => h.cveId), ['CVE-2019-0001'], 'WinCC (TIA Portal) is another product');
  const oa = only(m.matchComponent(comp('Siemens', 'SIMATIC WinCC OA', '3.18')));
  assert.equal(oa.status, 'undecidable');
  assert.match(String(ex(oa).reason), /goes on with \[oa\]/);
  assert.equal(only(m.matchComponent(comp('Siemens', 'SIMATIC HMI Panels Comfort', '17'))).status, 'affected', 'a family covers its members');
  assert.equal(only(m.matchComponent(comp('Siemens', 'SIMATIC WinCC 7.4 SP1', '7.4'))).status, 'affected', 'a variant designation with digits is a member');
});

test('model-number rule: the model number as a token of the component\'s product text decides; without it a model-specific identity is undecidable', () => {
  const m = new CsafMatcher([st('CVE-2022-38773', 'known_affected', {
    vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)', version: 'vers:all/*', helper: { modelNumbers: ['6ES7516-3AN02-0AB0'] },
  })]);
  const h = only(m.matchComponent(comp('Siemens', 'S7-1500 controller 6ES7516-3AN02-0AB0', 'V3.0.3')));
  assert.equal(h.status, 'affected');
  assert.equal(ex(h).rule, 'model-number');
  assert.match(String(ex(h).matched), /model number 6es7516-3an02-0ab0/);
  const byName = only(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '3.0.3')));
  assert.equal(byName.status, 'undecidable');
  assert.match(String(ex(byName).reason), /names model numbers 6es7516-3an02-0ab0; the component's product text gives none/);
  assert.deepEqual(m.matchComponent(comp('Acme', 'Clone 6ES7516-3AN02-0AB0', '1.0')), [], 'a model number under another vendor');
  // a variant in brackets (not a part number to index) makes a name match undecidable unless the component gives it
  const v = new CsafMatcher([st('CVE-2022-43439', 'known_affected', { vendorName: 'Siemens', productName: 'SIPROTEC 5 7SJ82 (CP100)', version: 'All versions < V8.90' })]);
  const noVariant = only(v.matchComponent(comp('Siemens', 'SIPROTEC 5 7SJ82', 'V8.30')));
  assert.equal(noVariant.status, 'undecidable');
  assert.match(String(ex(noVariant).reason), /names the variant cp100/);
  assert.equal(only(v.matchComponent(comp('Siemens', 'SIPROTEC 5 7SJ82 CP100', 'V8.30'))).status, 'affected');
});

test('fixed and known_not_affected statements the component matches clear that CVE, and say so', () => {
  const m = new CsafMatcher([
    st('CVE-2023-0001', 'known_affected', { vendorName: 'Moxa', productName: 'EDS-510E Series', version: 'All versions' }),
    st('CVE-2023-0001', 'fixed', { vendorName: 'Moxa', productName: 'EDS-510E Series', version: 'V5.3' }),
    st('CVE-2023-0002', 'known_affected', { vendorName: 'Moxa', productName: 'EDS-510E Series', version: '<= 5.3' }),
    st('CVE-2023-0003', 'known_not_affected', { vendorName: 'Moxa', productName: 'EDS-510E', version: 'V5.2 and earlier' }),
    st('CVE-2023-0003', 'known_affected', { vendorName: 'Moxa', productName: 'EDS-510E', version: 'vers:all/*' }),
  ]);
  const at53 = m.explainComponent(comp('Moxa', 'EDS-510E', '5.3'));
  assert.deepEqual(at53.hits.map((h) => h.cveId).sort(), ['CVE-2023-0002', 'CVE-2023-0003']);
  const fix = at53.cleared.find((c) => c.cveId === 'CVE-2023-0001')!;
  assert.equal(fix.status, 'fixed');
  assert.deepEqual(fix.cleared, ['csaf:moxa:eds-510e']);
  const at52 = m.explainComponent(comp('Moxa', 'EDS-510E', '5.2'));
  assert.deepEqual(at52.hits.map((h) => h.cveId).sort(), ['CVE-2023-0001', 'CVE-2023-0002']);
  assert.equal(at52.cleared.find((c) => c.cveId === 'CVE-2023-0003')!.status, 'known_not_affected');
  // a not-affected statement whose version cannot be decided clears nothing
  const odd = m.explainComponent(comp('Moxa', 'EDS-510E', 'build 7'));
  assert.ok(odd.hits.some((h) => h.cveId === 'CVE-2023-0001'));
});

test('first_affected and last_affected of one product in one advisory make one range; first_fixed clears from its version on', () => {
  const id = { vendorName: 'Acme', productName: 'Widget RTU' };
  const m = new CsafMatcher([
    st('CVE-2024-0001', 'first_affected', { ...id, version: '2.0' }),
    st('CVE-2024-0001', 'last_affected', { ...id, version: '2.4' }),
    st('CVE-2024-0002', 'first_affected', { ...id, version: '3.0' }),
    st('CVE-2024-0002', 'first_fixed', { ...id, version: '3.2' }),
  ]);
  const cves = (v: string): string[] => m.matchComponent(comp('Acme', 'Widget RTU', v)).map((h) => h.cveId).sort();
  assert.deepEqual(cves('1.9'), []);
  assert.deepEqual(cves('2.0'), ['CVE-2024-0001']);
  assert.deepEqual(cves('2.4'), ['CVE-2024-0001']);
  assert.deepEqual(cves('2.5'), []);
  assert.deepEqual(cves('3.1'), ['CVE-2024-0002']);
  assert.deepEqual(cves('3.2'), []);
});

test('cpe rule: the helper\'s CPE against the component\'s CPE, the range from the version text', () => {
  const m = new CsafMatcher([st('CVE-2024-1111', 'known_affected', {
    name: 'Widget firmware', vendorName: 'Acme', productName: 'Widget', version: '< 2.0', helper: { cpe: 'cpe:2.3:o:acme:widget_firmware:*:*:*:*:*:*:*:*' },
  })]);
  const h = only(m.matchComponent({ id: 'x', cpe: 'cpe:2.3:o:acme:widget_firmware:1.5:*:*:*:*:*:*:*' }));
  assert.equal(h.status, 'affected');
  assert.equal(ex(h).rule, 'cpe');
  assert.equal(h.productKey, 'csaf:acme:widget_firmware');
  assert.match(JSON.stringify(ex(h).version), /1\.5 < 2\.0/);
  assert.deepEqual(m.matchComponent({ id: 'x', cpe: 'cpe:2.3:o:acme:widget_firmware:2.0:*:*:*:*:*:*:*' }), []);
});

test('purl rule: type/namespace/name equal and the version in range under the ecosystem\'s ordering; no ordering → undecidable', () => {
  const m = new CsafMatcher([
    st('CVE-2021-23337', 'known_affected', { name: 'lodash', vendorName: 'OpenJS', productName: 'lodash', version: '< 4.17.21', helper: { purl: 'pkg:npm/lodash' } }),
    st('CVE-2021-44228', 'known_affected', { name: 'log4j-core', vendorName: 'Apache', productName: 'log4j-core', version: '>= 2.0-beta9 < 2.15.0', helper: { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core' } }),
    st('CVE-2024-2222', 'known_affected', { name: 'tool', vendorName: 'Acme', productName: 'tool', version: '< 2.0', helper: { purl: 'pkg:generic/acme/tool' } }),
  ]);
  const h = only(m.matchComponent({ id: 'p', purl: 'pkg:npm/lodash@4.17.20' }));
  assert.equal(h.status, 'affected');
  assert.equal(ex(h).rule, 'purl');
  assert.equal(h.productKey, 'purl:pkg:npm/lodash');
  assert.deepEqual(m.matchComponent({ id: 'p', purl: 'pkg:npm/lodash@4.17.21' }), []);
  assert.deepEqual(m.matchComponent({ id: 'p', purl: 'pkg:npm/lodash-es@4.17.20' }), []);
  const log4j = only(m.matchComponent({ id: 'p', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }));
  assert.equal(log4j.productKey, 'purl:pkg:maven/org.apache.logging.log4j/log4j-core');
  assert.match(JSON.stringify(ex(log4j).version), /maven/);
  assert.deepEqual(m.matchComponent({ id: 'p', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1' }), []);
  const generic = only(m.matchComponent({ id: 'p', purl: 'pkg:generic/acme/tool@1.0' }));
  assert.equal(generic.status, 'undecidable');
  assert.match(String(ex(generic).reason), /no version ordering is implemented for purl type 'generic'/);
});

test('a relationship product (installed_on) is at most undecidable: the register does not say what a component is installed on', () => {
  const m = new CsafMatcher([st('CVE-2018-11451', 'known_affected', {
    vendorName: 'Siemens', productName: 'EN100 Ethernet module', version: '< V4.33', relationship: { category: 'installed_on', relatesTo: 'CSAFPID-0002', platformName: 'SIPROTEC 5 Compact V8.30' },
  })]);
  const h = only(m.matchComponent(comp('Siemens', 'EN100 Ethernet module', 'V4.20')));
  assert.equal(h.status, 'undecidable');
  assert.match(String(ex(h).reason), /installed on SIPROTEC 5 Compact V8\.30/);
});

test('statements from an advisory survive JSON (stored rows), also with the version as text; recommended/under_investigation make nothing', () => {
  const a = readCsafDocument(CSAF_DOC);
  const statements = statementsOf(a);
  assert.deepEqual(statements.map((s) => `${s.cveId} ${s.status} ${s.productId}`), [
    'CVE-2018-11451 known_affected CSAFPID-0001', 'CVE-2018-11451 known_affected CSAFPID-0005', 'CVE-2018-11451 fixed CSAFPID-0002',
  ]);
  const stored = JSON.parse(JSON.stringify(statements)) as CsafStatement[];
  const asText = stored.map((s) => ({ ...s, identity: { ...s.identity, version: typeof s.identity.version === 'string' ? s.identity.version : s.identity.version.text } }));
  const c = comp('Siemens AG', 'Firmware variant IEC 61850 for EN100 Ethernet module 6MF2101-0AB10-0AA0', 'V4.30');
  const direct = new CsafMatcher(statements).matchComponent(c);
  assert.deepEqual(new CsafMatcher(stored).matchComponent(c), direct);
  assert.deepEqual(new CsafMatcher(asText).matchComponent(c), direct);
  assert.ok(direct.some((h) => h.status === 'affected' && h.cveId === 'CVE-2018-11451'));
  const m = new CsafMatcher([{ ...S7, status: 'recommended' }, { ...S7, status: 'under_investigation' }]);
  assert.equal(m.stats.ignoredStatus, 2);
  assert.deepEqual(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU', '2.0')), []);
});

test('a CVE already affected under one productKey is not also undecidable under another', () => {
  const m = new CsafMatcher([
    st('CVE-2022-38773', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU family', version: 'vers:all/*' }),
    st('CVE-2022-38773', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)', version: 'vers:all/*' }),
    st('CVE-2022-38774', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN02-0AB0)', version: 'vers:all/*' }),
  ]);
  const hits = m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '3.0.3'));
  assert.deepEqual(hits.map((h) => `${h.cveId} ${h.status} ${h.productKey}`).sort(), [
    'CVE-2022-38773 affected csaf:siemens:simatic_s7-1500_cpu', 'CVE-2022-38774 undecidable csaf:siemens:simatic_s7-1500_cpu_1516-3_pn/dp',
  ]);
});

test('hits are one per (CVE, productKey): affected wins over undecidable; the advisories saying the same are listed', () => {
  const m = new CsafMatcher([
    st('CVE-2020-15782', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU family', version: 'vers:all/<V2.9.2' }, 'ICSA-21-152-01'),
    st('CVE-2020-15782', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU family', version: 'fw before 2.9.2 (see notes)' }, 'ICSA-21-152-99'),
  ]);
  const h = only(m.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '2.8.3')));
  assert.equal(h.status, 'affected');
  assert.equal(h.source, 'ICSA-21-152-01');
  assert.equal(ex(h).sources, undefined, 'the other advisory only says undecidable');
  const both = new CsafMatcher([
    st('CVE-2020-15782', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU family', version: 'vers:all/<V2.9.2' }, 'ICSA-21-152-01'),
    st('CVE-2020-15782', 'known_affected', { vendorName: 'Siemens', productName: 'SIMATIC S7-1500 CPU', version: 'All versions < V2.9.2' }, 'ICSA-21-152-02'),
  ]);
  assert.deepEqual(ex(only(both.matchComponent(comp('Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '2.8.3')))).sources, ['ICSA-21-152-01', 'ICSA-21-152-02']);
});

test('components it cannot read (no names, a bad CPE, a bad purl) get no hits and no error', () => {
  const m = new CsafMatcher([S7, st('CVE-2021-23337', 'known_affected', { name: 'lodash', vendorName: 'OpenJS', productName: 'lodash', version: '< 4.17.21', helper: { purl: 'pkg:npm/lodash' } })]);
  assert.deepEqual(m.matchComponent({ id: 'empty' }), []);
  assert.deepEqual(m.matchComponent({ id: 'bad-cpe', cpe: 'cpe:2.3:o:siemens' }), []);
  assert.deepEqual(m.matchComponent({ id: 'bad-purl', purl: 'pkg:npm/%zz@1.0' }), []);
  assert.equal(m.matchComponent({ id: 'both', cpe: 'not a cpe', vendor: 'Siemens', product: 'SIMATIC S7-1500 CPU', version: '2.0' }).length, 1, 'the names still count when the CPE is bad');
});
