import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindFormattedString, parseCpe, parseFormattedString, parseUri } from './cpe-parse.js';
import { ANY, CpeSyntaxError, NA, wfn } from './cpe-wfn.js';

test('formatted string: ANY, NA, plain values, quoting of punctuation', () => {
  const w = parseFormattedString('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:-');
  assert.equal(w.part, 'a');
  assert.equal(w.vendor, 'microsoft');
  assert.equal(w.version, '8\\.0\\.6001', '"." is quoted in the WFN');
  assert.equal(w.update, 'beta');
  assert.equal(w.edition, ANY);
  assert.equal(w.other, NA);
});

test('formatted string: backslash-quoted characters, including a quoted colon, stay literal', () => {
  const w = parseFormattedString('cpe:2.3:a:donweb:envialosimple\\::*:*:*:*:*:wordpress:*:*');
  assert.equal(w.product, 'envialosimple\\:');
  assert.equal(w.target_sw, 'wordpress');
  const j = parseFormattedString('cpe:2.3:a:joplin_project:\\@joplin\\/renderer:*:*:*:*:*:node.js:*:*');
  assert.equal(j.product, '\\@joplin\\/renderer');
  assert.equal(j.target_sw, 'node\\.js');
  const q = parseFormattedString('cpe:2.3:a:hp:foo\\*bar\\?:1:*:*:*:*:*:*:*');
  assert.equal(q.product, 'foo\\*bar\\?', 'quoted * and ? are literals, not wildcards');
});

test('formatted string: unquoted wildcards at the start or end are kept as wildcards', () => {
  assert.equal(parseFormattedString('cpe:2.3:a:foo:bar:1.*:*:*:*:*:*:*:*').version, '1\\.*');
  assert.equal(parseFormattedString('cpe:2.3:a:foo:bar:*1.2:*:*:*:*:*:*:*').version, '*1\\.2');
  assert.equal(parseFormattedString('cpe:2.3:a:foo:bar:??1.2??:*:*:*:*:*:*:*').version, '??1\\.2??');
});

test('formatted string: unquoted punctuation other than . - _ is accepted and quoted (add_quoting)', () => {
  assert.equal(parseFormattedString('cpe:2.3:a:foo:bar&baz:1:*:*:*:*:*:*:*').product, 'bar\\&baz');
});

test('binding back: round trip of real names, and . - _ unquoted in the formatted string', () => {
  for (const s of [
    'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*',
    'cpe:2.3:a:donweb:envialosimple\\::*:*:*:*:*:wordpress:*:*',
    "cpe:2.3:a:designextreme:we\\'re_open\\!:*:*:*:*:*:wordpress:*:*",
    'cpe:2.3:a:miniorange:wordpress_social_login_and_register_\\(discord\\,_google\\,_twitter\\,_linkedin\\):*:*:*:*:*:wordpress:*:*',
    'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:x64:*',
    'cpe:2.3:a:foo:bar:1.*:*:*:*:*:*:*:*',
    'cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:*',
  ]) assert.equal(bindFormattedString(parseFormattedString(s)), s);
  assert.equal(bindFormattedString(wfn({ part: 'a', vendor: 'foo', product: '\\-' })), 'cpe:2.3:a:foo:\\-:*:*:*:*:*:*:*:*', 'a lone literal hyphen stays quoted (unquoted it is NA)');
});

function syntaxError(name: string): CpeSyntaxError {
  try { parseCpe(name); } catch (e) { if (e instanceof CpeSyntaxError) return e; throw e; }
  assert.fail(`${name} parsed`);
}

test('malformed names: the error names the position, the attribute and the reason', () => {
  const cases: [string, number, string | undefined, RegExp][] = [
    ['cpe:2.2:a:foo:bar:1:*:*:*:*:*:*:*', 0, undefined, /begins with "cpe:2\.3:"/],
    ['cpe:2.3:a:foo:bar:1:*:*:*:*:*:*', 31, undefined, /11 components.*found 10/],
    ['cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:*:*', 33, undefined, /found 12/],
    ['cpe:2.3:x:foo:bar:1:*:*:*:*:*:*:*', 8, 'part', /part must be a/],
    ['cpe:2.3:a:foo:b*r:1:*:*:*:*:*:*:*', 15, 'product', /unquoted \* inside a value/],
    ['cpe:2.3:a:foo:b?r:1:*:*:*:*:*:*:*', 15, 'product', /unquoted \? inside a value/],
    ['cpe:2.3:a:foo:ba r:1:*:*:*:*:*:*:*', 16, 'product', /U\+0020/],
    ['cpe:2.3:a:foo::1:*:*:*:*:*:*:*', 14, 'product', /empty component/],
    ['cpe:2.3:a:foo:b\\ar:1:*:*:*:*:*:*:*', 15, 'product', /only punctuation is quoted/],
    ['cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:x\\', 33, 'other', /backslash ends/],
    ['cpe:2.3:a:foo:bär:1:*:*:*:*:*:*:*', 15, 'product', /printable ASCII/],
  ];
  for (const [name, pos, attr, re] of cases) {
    const e = syntaxError(name);
    assert.equal(e.position, pos, name);
    assert.equal(e.attribute, attr, name);
    assert.match(e.reason, re, name);
    assert.equal(e.code, 'CPE_INVALID');
  }
});

test('URI binding: components, ANY for empty, NA for "-", percent-decoding and the packed edition', () => {
  const w = parseUri('cpe:/a:microsoft:internet_explorer:8.0.6001:beta');
  assert.equal(w.version, '8\\.0\\.6001');
  assert.equal(w.update, 'beta');
  assert.equal(w.edition, ANY);
  assert.equal(w.target_sw, ANY);
  const p = parseUri('cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~');
  assert.equal(p.update, NA);
  assert.equal(p.edition, ANY);
  assert.equal(p.sw_edition, 'online');
  assert.equal(p.target_sw, 'win2003');
  assert.equal(p.target_hw, 'x64');
  assert.equal(p.other, ANY);
  const e = parseUri('cpe:/a:foo%21bar:baz:%01%01:%02');
  assert.equal(e.vendor, 'foo\\!bar');
  assert.equal(e.version, '??', '%01 is the ? wildcard');
  assert.equal(e.update, '*', '%02 is the * wildcard');
  assert.equal(parseUri('cpe:/O:Microsoft:Windows_XP').vendor, 'microsoft', 'the URI binding is case-folded');
  assert.equal(bindFormattedString(parseCpe('cpe:/h:siemens:simatic_s7-1500:-')), 'cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:*');
});

test('URI binding errors: position and reason', () => {
  assert.match(syntaxError('cpe:/a:foo:bar:1:2:3:4:5').reason, /at most 7 components/);
  assert.match(syntaxError('cpe:/a:foo:b%01r').reason, /%01 .* may only begin or end/);
  assert.match(syntaxError('cpe:/a:foo:bar%zz').reason, /two hex digits/);
  const e = syntaxError('cpe:/a:foo:bar:1:u:~a~b~c');
  assert.equal(e.attribute, 'edition');
  assert.match(e.reason, /5 fields\), found 3/);
  assert.match(syntaxError('cpe:/a:foo:b!r').reason, /must be percent-encoded/);
});
