import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileBounds, evaluateRange, type VersionBounds } from './version-range.js';
import { compareVersions, parseVersion } from './version.js';

function order(a: string, b: string): number | string {
  const c = compareVersions(a, b);
  return c.decided ? c.order : 'undecidable';
}

// [left, right, expected order, scheme of the comparison]
const ORDERED: [string, string, -1 | 0 | 1, string][] = [
  ['1.10', '1.9', 1, 'numeric'],
  ['1.9', '1.10', -1, 'numeric'],
  ['1.0', '1.0.0', 0, 'numeric'],
  ['2.4.49', '2.4.5', 1, 'numeric'],
  ['10.0.19041.1415', '10.0.19041.999', 1, 'numeric'],
  ['77.0.3865.75', '77.0.3865.120', -1, 'numeric'],
  ['123456789012345678901', '123456789012345678900', 1, 'numeric'],
  ['V4.33', '4.33', 0, 'numeric'],
  ['V4.32', 'v4.33', -1, 'numeric'],
  ['R28.3.16', '28.3.17', -1, 'numeric'],
  ['V3.1 SP2', 'V3.1', 1, 'post-release/numeric'],
  ['V3.1 SP2', 'V3.1 SP10', -1, 'post-release'],
  ['V3.1 SP2', 'V3.2', -1, 'post-release/numeric'],
  ['update3o', 'update3', 1, 'post-release'],
  ['update3o', 'update3p', -1, 'post-release'],
  ['8u202', '8u191', 1, 'post-release'],
  ['2022 su5', '2022 su6', -1, 'post-release'],
  ['12 sp2 build (1204.200)', '12 sp2 build (1204.100)', 1, 'post-release'],
  ['22.7r2.3', '22.7r1', 1, 'post-release'],
  ['1.8.0_201', '1.8.0_211', -1, 'numeric'],
  ['2.8.123e', '2.8.123', 1, 'letter-suffix/numeric'],
  ['2.8.123e', '2.8.123f', -1, 'letter-suffix'],
  ['2.8.123e', '2.8.124', -1, 'letter-suffix/numeric'],
  ['1.1.1z', '1.1.1za', -1, 'letter-suffix'],
  ['1.0.2zi', '1.0.2ze', 1, 'letter-suffix'],
  ['2023-01-15', '20230115', 0, 'date'],
  ['2023-01-15', '2023-02-01', -1, 'date'],
  ['20231231', '2024-01', -1, 'date'],
  ['1.0.0-rc.1', '1.0.0', -1, 'pre-release/numeric'],
  ['1.0-rc1', '1.0.0-rc1', 0, 'pre-release'],
  ['3.13.0a1', '3.13.0b1', -1, 'pre-release'],
  ['3.13.0rc1', '3.13.0', -1, 'pre-release/numeric'],
  ['4.0.0-alpha-1', '4.0.0-beta', -1, 'pre-release'],
  ['2.0-M4-2304', '2.0', -1, 'pre-release/numeric'],
  ['5.10.pre1', '5.10', -1, 'pre-release/numeric'],
  ['2.8-dev0', '2.8-alpha1', -1, 'pre-release'],
  ['1.27.0-0', '1.27.0-rc.3', -1, 'pre-release'],
  ['1.27.0-0', '1.26.9', 1, 'pre-release/numeric'],
  ['7.4-4', '7.4', 1, 'numeric'],
  ['2024.2 EAP3', '2024.2', -1, 'pre-release/numeric'],
  ['11.6.10+security-01', '11.6.10', 1, 'post-release/numeric'],
  ['14.0.18.Final', '14.0.18', 0, 'numeric'],
  ['5.5.3 - #40', '5.5.3 #59', -1, 'numeric'],
  ['0.0.0-20250616162021-79b2f26125a1', '0.0.0-20260407035653-2f416e5253f1', -1, 'pseudo-version'],
];

test('version order across vendor schemes', () => {
  for (const [a, b, o, scheme] of ORDERED) {
    const c = compareVersions(a, b);
    assert.ok(c.decided, `${a} vs ${b}: ${!c.decided ? c.reason : ''}`);
    assert.equal(c.order, o, `${a} vs ${b}`);
    assert.equal(c.scheme, scheme, `${a} vs ${b} scheme`);
    const back = compareVersions(b, a);
    assert.ok(back.decided && back.order === -o, `${b} vs ${a} is the reverse`);
  }
});

// [left, right, reason pattern]
const UNDECIDABLE: [string, string, RegExp][] = [
  ['20230115', '5.2', /is a date .* not/],
  ['2023-01-15', '4.1.0', /is a date/],
  ['617e44c71f1dd9043870205f371d375c5c4d886d', '1.0', /commit hash/],
  ['August 2025', '2.0', /cannot be ordered/],
  ['and including 26.3.2', '26.3.1', /cannot be ordered/],
  ['2024 november security update', '2024 december security update', /no known order/],
  ['9.6-ESV', '9.6', /esv.*no known order/],
  ['10.2 sp3', '10.2 update 1', /different kinds of update/],
  ['115.*', '115.2', /version pattern/],
  ['0.0.0-20250616162021-79b2f26125a1', '0.0.0-20250616162021-2f416e5253f1', /no known order/],
];

test('undecidable comparisons say why', () => {
  for (const [a, b, re] of UNDECIDABLE) {
    const c = compareVersions(a, b);
    assert.ok(!c.decided, `${a} vs ${b} must be undecidable`);
    assert.match(c.reason, re, `${a} vs ${b}`);
  }
  assert.equal(order('August 2025', 'august 2025'), 0, 'identical strings are always equal');
});

test('schemes are recognised', () => {
  const cases: [string, string][] = [
    ['1.2.3', 'numeric'], ['V3.1 SP2', 'post-release'], ['2.8.123e', 'letter-suffix'], ['1.0.0-rc1', 'pre-release'],
    ['2023-01-15', 'date'], ['20230115', 'date'], ['9265bdd', 'commit'], ['August 2025', 'text'], ['4.*', 'wildcard'],
  ];
  for (const [v, s] of cases) assert.equal(parseVersion(v).scheme, s, v);
});

function range(v: string, b: VersionBounds) {
  return evaluateRange(v, compileBounds(b));
}

test('NVD ranges: each bound inclusive and exclusive, at, inside and outside', () => {
  const b = { versionStartIncluding: '2.4.0', versionEndExcluding: '2.4.50' };
  assert.equal(range('2.4.0', b).outcome, 'match', 'start included');
  assert.equal(range('2.4.49', b).outcome, 'match');
  assert.equal(range('2.4.50', b).outcome, 'no-match', 'end excluded');
  assert.equal(range('2.3.99', b).outcome, 'no-match');
  const c = { versionStartExcluding: '1.0', versionEndIncluding: '1.10' };
  assert.equal(range('1.0', c).outcome, 'no-match', 'start excluded');
  assert.equal(range('1.0.1', c).outcome, 'match');
  assert.equal(range('1.10', c).outcome, 'match', 'end included');
  assert.equal(range('1.9', c).outcome, 'match', '1.9 < 1.10 numerically');
  assert.equal(range('1.11', c).outcome, 'no-match');
  assert.equal(range('V3.1', { versionEndExcluding: 'V3.1 SP2' }).outcome, 'match');
  assert.equal(range('V3.1 SP2', { versionEndExcluding: 'V3.1 SP2' }).outcome, 'no-match');
  assert.equal(range('anything', {}).outcome, 'match', 'no bounds');
});

test('NVD ranges: the result names the bound, the order and the scheme', () => {
  const r = range('2.3', { versionEndExcluding: '2.4' });
  assert.deepEqual(r.checks, [{ bound: 'versionEndExcluding', value: '2.4', holds: true, order: -1, scheme: 'numeric' }]);
  assert.equal(r.explanation, '2.3 < 2.4 (versionEndExcluding < 2.4: holds, numeric)');
});

test('NVD ranges: undecidable bounds are reported, a decided failing bound still excludes', () => {
  const u = range('9.6-ESV', { versionEndExcluding: '9.6' });
  assert.equal(u.outcome, 'undecidable');
  assert.equal(u.checks[0]!.holds, undefined);
  assert.match(u.explanation, /undecidable/);
  const n = range('9.7-ESV', { versionStartIncluding: 'abc123def', versionEndExcluding: '9.6' });
  assert.equal(n.outcome, 'no-match', '9.7-ESV ≥ 9.6 is decided, so the range fails whatever the start says');
});
