/**
 * Golden vectors for the CSAF version-text normaliser: every form the brief names, and tricky texts taken
 * from the real CISA advisories (each kept as text with the reason when it is not a version range).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileBounds, evaluateRange } from '../version-range.js';
import { normaliseVersionText, reasonCategory } from './version-text.js';

type B = Record<string, string>;
const lt = (v: string): B => ({ versionEndExcluding: v });
const le = (v: string): B => ({ versionEndIncluding: v });
const eq = (v: string): B => ({ versionStartIncluding: v, versionEndIncluding: v });

// [text, expected ranges]
const RANGES: [string, B[]][] = [
  ['vers:all/<V4.33', [lt('V4.33')]],
  ['vers:generic/>=2.0|<2.5', [{ versionStartIncluding: '2.0', versionEndExcluding: '2.5' }]],
  ['vers:generic/>=1.0|<1.2|>=2.0|<2.1', [{ versionStartIncluding: '1.0', versionEndExcluding: '1.2' }, { versionStartIncluding: '2.0', versionEndExcluding: '2.1' }]],
  ['vers:generic/1.5|2.0', [eq('1.5'), eq('2.0')]],
  ['vers:all/>=V7.80<V9.40', [{ versionStartIncluding: 'V7.80', versionEndExcluding: 'V9.40' }]],
  ['vers:all/>=V5.4<V5.5 SP1', [{ versionStartIncluding: 'V5.4', versionEndExcluding: 'V5.5 SP1' }]],
  ['vers:all/<V5.2 SP 3 HF 13', [lt('V5.2 SP 3 HF 13')]],
  ['All versions < V3.1 SP2', [lt('V3.1 SP2')]],
  ['All Versions < V6.4', [lt('V6.4')]],
  ['All BIOS versions < V1.0.212N', [lt('V1.0.212N')]],
  ['All versions >= V2.0 and < V2.5', [{ versionStartIncluding: 'V2.0', versionEndExcluding: 'V2.5' }]],
  ['All versions between V2.5 (including) and V2.7 (excluding)', [{ versionStartIncluding: 'V2.5', versionEndExcluding: 'V2.7' }]],
  ['V2.9.2 and prior', [le('V2.9.2')]],
  ['2.3.6 and  below', [le('2.3.6')]],
  ['4.1 and earlier', [le('4.1')]],
  ['versions prior to 4.1', [lt('4.1')]],
  ['prior to V2.2', [lt('V2.2')]],
  ['before 3.0', [lt('3.0')]],
  ['2.0 and later', [{ versionStartIncluding: '2.0' }]],
  ['<=1.2.3', [le('1.2.3')]],
  ['< V4.1.3', [lt('V4.1.3')]],
  [' <V4.3.10', [lt('V4.3.10')]],
  ['1.0 through 1.4', [{ versionStartIncluding: '1.0', versionEndIncluding: '1.4' }]],
  ['from V2.0 before V2.3', [{ versionStartIncluding: 'V2.0', versionEndExcluding: 'V2.3' }]],
  ['>= V2.0 < V2.2.28', [{ versionStartIncluding: 'V2.0', versionEndExcluding: 'V2.2.28' }]],
  ['> V1.1 and < V1.3.2', [{ versionStartExcluding: 'V1.1', versionEndExcluding: 'V1.3.2' }]],
  // clauses written together all hold, whatever their order
  ['All versions < V2.0 and >= V1.5', [{ versionStartIncluding: 'V1.5', versionEndExcluding: 'V2.0' }]],
  ['<= 2.1, >= 1.0', [{ versionStartIncluding: '1.0', versionEndIncluding: '2.1' }]],
  // CISA writes vers-style `|` between the bounds of one range
  ['>= 1.0 | <= 1.32', [{ versionStartIncluding: '1.0', versionEndIncluding: '1.32' }]],
  ['>=1.220|<=1.281', [{ versionStartIncluding: '1.220', versionEndIncluding: '1.281' }]],
  ['< 1.99 | 2.20 | 2.40', [lt('1.99'), eq('2.20'), eq('2.40')]],
  ['<= 4.2.21 | <= 5.0.27', [le('4.2.21'), le('5.0.27')]],
  ['5.011  | < 8.011', [eq('5.011'), lt('8.011')]],
  // spaces written as underscores
  ['<V18_Update_2', [lt('V18 Update 2')]],
  ['<V3.2_SP2', [lt('V3.2 SP2')]],
  ['>FW16_up_to_and_including_FW26', [{ versionStartExcluding: '16', versionEndIncluding: '26' }]],
  // wildcards
  ['All versions <= V7.x', [lt('8')]],
  ['2.X', [{ versionStartIncluding: '2', versionEndExcluding: '3' }]],
  ['<= 12.2.x.x', [lt('12.3')]],
  // exact versions and vendor schemes the comparator orders
  ['5.028', [eq('5.028')]],
  ['V35.011', [eq('V35.011')]],
  ['R16A', [eq('R16A')]],
  ['< 02.07.07(10)', [lt('02.07.07(10)')]],
  ['<= 3.4.4 Build 16102416', [le('3.4.4 Build 16102416')]],
  ['<=Ver.2.60', [le('2.60')]],
  ['v.32.011', [eq('v32.011')]],
  ['< V15.1 Upd 4', [lt('V15.1 Upd 4')]],
];

const ALL = ['All versions', 'All Versions', 'vers:all/*', 'vers:generic/*', '*', 'all'];

// [text, reason category]
const TEXT: [string, string][] = [
  ['<=the_first_5_digits_of_serial_number_22081', 'serial-number condition'],
  ['<=The_first_5_digits_of_serial_No._"26061"', 'serial-number condition'],
  ['<April/20/2023', 'a date, not a version'],
  ['< January 31 2014', 'a date, not a version'],
  ['distributed  < april 1, 2018', 'text before the operator'],
  ['NMC2 <= 6.9.6', 'text before the operator'],
  ['All versions with U-Boot < V2016.05RS09', 'a condition beside the version'],
  ['All versions with Ethernet interface', 'a condition beside the version'],
  ['>= 20.8 (only affected by CVE-2019-10943)', 'a condition beside the version'],
  ['All versions <= V2.3.0 and Function State (FS) <= 3', 'a condition beside the version'],
  ['<= 7.20 (7.50 and 7.60 may also be affected if WibuKey was installed manually)', 'a condition beside the version'],
  [' <1.000.HW00.21.20190812', 'not a version the comparator orders'],
  ['< V3.X.17', 'not a version the comparator orders'],
  ['<= 15.2(5)EA.fc4', 'not a version the comparator orders'],
  ['1783-SAD4T0SBK9', 'not a version the comparator orders'],
  ['<=LF', 'not a version'],
  ['HD 16 | HD23', 'not a version'],
  ['M2.1.6.05', 'not a version'],
  ['No version', 'no version given'],
  ['', 'empty'],
  ['vers:all/!=1.2', 'an exclusion (!=) the bounds cannot hold'],
  ['< 2 < 3', 'clauses that do not make one range'],
];

test('version texts normalise to the bounds the matcher uses', () => {
  for (const [text, ranges] of RANGES) {
    const r = normaliseVersionText(text);
    assert.equal(r.kind, 'ranges', `${JSON.stringify(text)} → ${JSON.stringify(r)}`);
    if (r.kind === 'ranges') {
      assert.deepEqual(r.ranges, ranges, JSON.stringify(text));
      assert.equal(r.text, text, 'the original text is kept');
    }
  }
});

test('"all versions" forms', () => {
  for (const text of ALL) assert.deepEqual(normaliseVersionText(text), { kind: 'all', text }, text);
});

test('texts that are not version ranges are kept with the reason', () => {
  for (const [text, category] of TEXT) {
    const r = normaliseVersionText(text);
    assert.equal(r.kind, 'text', `${JSON.stringify(text)} → ${JSON.stringify(r)}`);
    if (r.kind === 'text') {
      assert.equal(reasonCategory(r.reason), category, `${JSON.stringify(text)}: ${r.reason}`);
      assert.equal(r.text, text);
    }
  }
});

test('normalised ranges evaluate with the matching core', () => {
  const check = (text: string, version: string, expected: string): void => {
    const r = normaliseVersionText(text);
    assert.equal(r.kind, 'ranges');
    if (r.kind !== 'ranges') return;
    const outcomes = r.ranges.map((b) => evaluateRange(version, compileBounds(b)).outcome);
    const got = outcomes.includes('match') ? 'match' : outcomes.includes('undecidable') ? 'undecidable' : 'no-match';
    assert.equal(got, expected, `${version} in ${text}`);
  };
  check('All versions < V3.1 SP2', 'V3.1 SP1', 'match');
  check('All versions < V3.1 SP2', '3.1 SP2', 'no-match');
  check('All versions < V3.1 SP2', 'V3.0', 'match');
  check('vers:all/<V4.33', '4.4', 'match'); // segments compare as integers: 4 < 33
  check('vers:all/<V4.33', '4.40', 'no-match');
  check('vers:all/<V4.33', '4.32', 'match');
  check('>= 1.0 | <= 1.32', '1.4', 'match');
  check('>= 1.0 | <= 1.32', '1.33', 'no-match');
  check('< 1.99 | 2.20 | 2.40', '2.20', 'match');
  check('< 1.99 | 2.20 | 2.40', '2.30', 'no-match');
  check('All versions <= V7.x', '7.9.9', 'match');
  check('All versions <= V7.x', '8.0', 'no-match');
});
