import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareAttribute, compareNames, criteriaMatches, isDisjoint, isEqual, isSubset, isSuperset, type Relation } from './cpe-match.js';
import { parseCpe } from './cpe-parse.js';
import { ANY, compileValue, compileWfn, NA, type WfnValue } from './cpe-wfn.js';

const rel = (s: WfnValue, t: WfnValue): Relation => compareAttribute(compileValue(s), compileValue(t));
const name = (s: string) => compileWfn(parseCpe(s));

// NISTIR 7696 Table 6-2, every cell: [source, target, expected].
const TABLE: [string, WfnValue, WfnValue, Relation][] = [
  ['1  ANY / ANY', ANY, ANY, 'EQUAL'],
  ['2  ANY / NA', ANY, NA, 'SUPERSET'],
  ['3  ANY / i', ANY, 'foo', 'SUPERSET'],
  ['4  ANY / m+wild', ANY, 'foo*', 'UNDEFINED'],
  ['5  NA / ANY', NA, ANY, 'SUBSET'],
  ['6  NA / NA', NA, NA, 'EQUAL'],
  ['7  NA / i', NA, 'foo', 'DISJOINT'],
  ['8  NA / m+wild', NA, '?foo', 'UNDEFINED'],
  ['9  i / ANY', 'foo', ANY, 'SUBSET'],
  ['10 i / NA', 'foo', NA, 'DISJOINT'],
  ['11 i / i', 'foo', 'foo', 'EQUAL'],
  ['12 i / k', 'foo', 'bar', 'DISJOINT'],
  ['13 i / m+wild', 'foo', 'fo?', 'UNDEFINED'],
  ['14 m+wild / ANY', 'fo*', ANY, 'SUBSET'],
  ['15 m+wild / NA', 'fo*', NA, 'DISJOINT'],
  ['16 m+wild / i (matches)', 'fo*', 'foo', 'SUPERSET'],
  ['17 m+wild / k (no match)', 'fo*', 'bar', 'DISJOINT'],
  ['18 m+wild / m+wild', 'fo*', '*oo', 'UNDEFINED'],
];

test('NISTIR 7696 attribute comparison: every cell of the table', () => {
  for (const [cell, s, t, expected] of TABLE) assert.equal(rel(s, t), expected, cell);
});

test('values compare case-insensitively and quoted punctuation literally', () => {
  assert.equal(rel('Microsoft', 'microsoft'), 'EQUAL');
  assert.equal(rel('8\\.0\\.6001', '8\\.0\\.6001'), 'EQUAL');
  assert.equal(rel('foo\\*', 'foox'), 'DISJOINT', 'a quoted * is a literal asterisk');
  assert.equal(rel('foo\\*', 'foo\\*'), 'EQUAL');
  assert.equal(rel('*\\*', 'a\\*'), 'SUPERSET');
});

test('wildcards: * any run at either end; each ? at most one character', () => {
  const cases: [string, string, Relation][] = [
    ['*soft', 'microsoft', 'SUPERSET'],
    ['micro*', 'microsoft', 'SUPERSET'],
    ['*cros*', 'microsoft', 'SUPERSET'],
    ['*cros', 'microsoft', 'DISJOINT'],
    ['8\\.0\\.*', '8\\.0\\.6001', 'SUPERSET'],
    ['8\\.0\\.*', '8\\.1\\.6001', 'DISJOINT'],
    ['?icrosoft', 'microsoft', 'SUPERSET'],
    ['??crosoft', 'microsoft', 'SUPERSET'],
    ['?crosoft', 'microsoft', 'DISJOINT'],
    ['microsof?', 'microsoft', 'SUPERSET'],
    ['microsoft?', 'microsoft', 'SUPERSET'],
    ['micro??', 'microsoft', 'DISJOINT'],
    ['micro????', 'microsoft', 'SUPERSET'],
    ['?foo*', 'xfooyyy', 'SUPERSET'],
    ['?foo*', 'xxfoo', 'DISJOINT'],
  ];
  for (const [s, t, expected] of cases) assert.equal(rel(s, t), expected, `${s} vs ${t}`);
});

test('name comparison: DISJOINT, EQUAL, SUBSET, SUPERSET and none', () => {
  const ie = 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*';
  assert.equal(compareNames(name(ie), name(ie)).relation, 'EQUAL');
  assert.ok(isEqual(name(ie), name(ie)));
  const wide = name('cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*');
  assert.ok(isSuperset(wide, name(ie)));
  assert.ok(isSubset(name(ie), wide));
  assert.ok(!isSuperset(name(ie), wide));
  assert.ok(isDisjoint(name('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp1:*:*:*:*:*:*'), name(ie)));
  const mixed = compareNames(name('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:*:*:*:*:*:*:*'), name('cpe:2.3:a:microsoft:internet_explorer:*:beta:*:*:*:*:*:*'));
  assert.equal(mixed.relation, 'UNDEFINED', 'SUBSET on version and SUPERSET on update: no name-level relation');
  assert.equal(mixed.attributes.version, 'SUBSET');
  assert.equal(mixed.attributes.update, 'SUPERSET');
});

test('criteria predicate: strict CPE_SUPERSET, or non-DISJOINT for less specific names', () => {
  const criteria = name('cpe:2.3:a:jenkins:openid:*:*:*:*:*:jenkins:*:*');
  assert.ok(criteriaMatches(criteria, name('cpe:2.3:a:jenkins:openid:2.3:*:*:*:*:jenkins:*:*')));
  const noTarget = name('cpe:2.3:a:jenkins:openid:2.3:*:*:*:*:*:*:*');
  assert.ok(!criteriaMatches(criteria, noTarget), 'target_sw ANY in the name: SUBSET, not covered strictly');
  assert.ok(criteriaMatches(criteria, noTarget, false));
  assert.ok(!criteriaMatches(criteria, name('cpe:2.3:a:jenkins:openid:2.3:*:*:*:*:-:*:*'), false));
  assert.ok(criteriaMatches(name('cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*'), name('cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:x64:*')));
  assert.ok(!criteriaMatches(name('cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*'), name('cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*'), false));
});
