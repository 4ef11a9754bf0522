import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatPattern,
  objectTypesOf,
  parsePattern,
  PatternSemanticError,
  PatternSyntaxError,
  validatePattern,
  type Comparison,
  type ObservationCompound,
  type PatternAst,
} from './index.js';

/** The tree without positions, for structural comparison. */
function shape(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'loc' || k === 'typeLoc' ? undefined : v)));
}

function failsAt(src: string, position: number, message: RegExp, options?: { semantic?: boolean }): void {
  const r = validatePattern(src, options);
  assert.equal(r.ok, false, `expected ${src} to be rejected`);
  if (r.ok) return;
  assert.equal(r.position, position, `position for ${src}: ${r.message}`);
  assert.match(r.message, message);
  assert.ok(r.message.includes(`at ${position}`), `message names the position: ${r.message}`);
}

// The STIX 2.1 patterning examples (§9.9), as collected by the OASIS pattern validator (v21/spec_examples.txt),
// then one more from the specification text and two covering the remaining constructs.
const SPEC_EXAMPLES = [
  String.raw`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
  String.raw`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
  String.raw`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']`,
  String.raw`[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
  String.raw`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
  String.raw`[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']`,
  String.raw`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
  String.raw`[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']`,
  String.raw`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`,
  String.raw`[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']`,
  String.raw`[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']`,
  String.raw`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS`,
  String.raw`[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']`,
  String.raw`[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']`,
  String.raw`[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']`,
  String.raw`[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']`,
  String.raw`[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']`,
  String.raw`[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']`,
  String.raw`[x-usb-device:usbdrive.serial_number = '575833314133343231313937']`,
  String.raw`[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS`,
  String.raw`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`,
  String.raw`([file:name = 'foo.dll'] AND [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`,
  String.raw`[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a69faa']`,
  String.raw`([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS`,
  String.raw`[file:created > t'2016-06-01T01:30:00.123Z' AND file:size IN (1024, 2048, 4096)] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'`,
  String.raw`[file:name NOT LIKE 'setup%.exe' AND NOT EXISTS file:parent_directory_ref AND file:is_encrypted = true]`,
];

test('every STIX 2.1 specification example parses, with semantic checks', () => {
  for (const src of SPEC_EXAMPLES) {
    const r = validatePattern(src);
    assert.ok(r.ok, `${src}\n${r.ok ? '' : r.message}`);
  }
});

test('formatPattern round-trips: parse(format(ast)) has the same shape', () => {
  for (const src of SPEC_EXAMPLES) {
    const ast = parsePattern(src);
    const printed = formatPattern(ast);
    assert.deepEqual(shape(parsePattern(printed)), shape(ast), printed);
    assert.equal(formatPattern(parsePattern(printed)), printed);
  }
});

test('a simple comparison becomes a typed tree with positions', () => {
  const src = "[ipv4-addr:value = '198.51.100.1/32']";
  const ast = parsePattern(src);
  assert.deepEqual(ast, {
    kind: 'pattern',
    loc: { start: 0, end: src.length },
    expression: {
      kind: 'observation',
      loc: { start: 0, end: src.length },
      expression: {
        kind: 'comparison',
        loc: { start: 1, end: 36 },
        negated: false,
        operator: '=',
        path: {
          kind: 'path',
          objectType: 'ipv4-addr',
          typeLoc: { start: 1, end: 10 },
          steps: [{ kind: 'property', name: 'value', quoted: false, loc: { start: 11, end: 16 } }],
          loc: { start: 1, end: 16 },
        },
        value: { kind: 'string', value: '198.51.100.1/32', loc: { start: 19, end: 36 } },
      },
    },
  });
});

test('object paths: quoted components, nested properties and list indexes', () => {
  const ast = parsePattern(String.raw`[file:extensions.'windows-pebinary-ext'.sections[*].hashes.'SHA-256' MATCHES '^ab' OR file:x_list[-1] = 1 OR file:x_list[0] = 2]`);
  const cmp = (ast.expression as unknown as { expression: { operands: Comparison[] } }).expression.operands;
  assert.deepEqual(shape(cmp[0]?.path.steps), [
    { kind: 'property', name: 'extensions', quoted: false },
    { kind: 'property', name: 'windows-pebinary-ext', quoted: true },
    { kind: 'property', name: 'sections', quoted: false },
    { kind: 'index', index: '*' },
    { kind: 'property', name: 'hashes', quoted: false },
    { kind: 'property', name: 'SHA-256', quoted: true },
  ]);
  assert.deepEqual(shape(cmp[1]?.path.steps[1]), { kind: 'index', index: -1 });
  assert.deepEqual(shape(cmp[2]?.path.steps[1]), { kind: 'index', index: 0 });
});

test('literals of every kind, escapes undone', () => {
  const values = (src: string): unknown => shape((parsePattern(src).expression as { expression: Comparison }).expression.value);
  assert.deepEqual(values(String.raw`[file:name = 'it\'s C:\\x']`), { kind: 'string', value: "it's C:\\x" });
  assert.deepEqual(values('[file:size = +42]'), { kind: 'int', value: 42, raw: '+42' });
  assert.deepEqual(values('[file:size = -7]'), { kind: 'int', value: -7, raw: '-7' });
  assert.deepEqual(values('[file:x_f = .5]'), { kind: 'float', value: 0.5, raw: '.5' });
  assert.deepEqual(values('[file:x_f = -12.25]'), { kind: 'float', value: -12.25, raw: '-12.25' });
  assert.deepEqual(values('[file:is_encrypted = false]'), { kind: 'bool', value: false });
  assert.deepEqual(values("[file:ctime = t'2016-02-29T23:59:60.5Z']"), { kind: 'timestamp', value: '2016-02-29T23:59:60.5Z' });
  assert.deepEqual(values("[file:magic_number_hex = h'FFd8']"), { kind: 'hex', value: 'FFd8' });
  assert.deepEqual(values("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']"), { kind: 'binary', value: 'dGhpcyBpcyBhIHRlc3Q=' });
  assert.deepEqual(values("[file:name IN ('a', 1, true, t'2020-01-01T00:00:00Z')]"), {
    kind: 'set',
    elements: [
      { kind: 'string', value: 'a' },
      { kind: 'int', value: 1, raw: '1' },
      { kind: 'bool', value: true },
      { kind: 'timestamp', value: '2020-01-01T00:00:00Z' },
    ],
  });
  assert.deepEqual(values('[file:name IN ()]'), { kind: 'set', elements: [] });
});

test('operators: all of them, == and <> normalised, NOT after the path, [NOT] EXISTS', () => {
  const ops = ['=', '!=', '<', '<=', '>', '>='];
  for (const op of ops) {
    const c = (parsePattern(`[file:size ${op} 10]`).expression as { expression: Comparison }).expression;
    assert.equal(c.operator, op);
  }
  const op = (src: string): unknown => {
    const c = (parsePattern(src).expression as { expression: Comparison }).expression;
    return [c.operator, c.negated];
  };
  assert.deepEqual(op('[file:size == 1]'), ['=', false]);
  assert.deepEqual(op('[file:size <> 1]'), ['!=', false]);
  assert.deepEqual(op("[file:name NOT LIKE 'a%']"), ['LIKE', true]);
  assert.deepEqual(op("[file:name MATCHES '^a'] "), ['MATCHES', false]);
  assert.deepEqual(op("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']"), ['ISSUBSET', true]);
  assert.deepEqual(op("[ipv4-addr:value ISSUPERSET '10.0.0.1']"), ['ISSUPERSET', false]);
  assert.deepEqual(op('[file:size NOT IN (1, 2)]'), ['IN', true]);
  assert.deepEqual(shape(parsePattern('[NOT EXISTS file:name]').expression), {
    kind: 'observation',
    expression: { kind: 'exists', negated: true, path: { kind: 'path', objectType: 'file', steps: [{ kind: 'property', name: 'name', quoted: false }] } },
  });
});

test('precedence: AND over OR over FOLLOWEDBY; qualifiers bind to the nearest observation', () => {
  const ast = parsePattern("[file:name = 'a'] OR [file:name = 'b'] AND [file:name = 'c'] FOLLOWEDBY [file:name = 'd'] WITHIN 5 SECONDS");
  const top = ast.expression as ObservationCompound;
  assert.equal(top.operator, 'FOLLOWEDBY');
  const or = top.operands[0] as ObservationCompound;
  assert.equal(or.operator, 'OR');
  assert.equal((or.operands[1] as ObservationCompound).operator, 'AND');
  assert.equal(top.operands[1]?.kind, 'qualified');
  assert.equal(formatPattern(ast), "[file:name = 'a'] OR [file:name = 'b'] AND [file:name = 'c'] FOLLOWEDBY [file:name = 'd'] WITHIN 5 SECONDS");

  const grouped = parsePattern("([file:name = 'a'] OR [file:name = 'b']) AND [file:name = 'c'] REPEATS 2 TIMES WITHIN 9.5 SECONDS");
  assert.equal(formatPattern(grouped), "([file:name = 'a'] OR [file:name = 'b']) AND [file:name = 'c'] REPEATS 2 TIMES WITHIN 9.5 SECONDS");
  const last = (grouped.expression as ObservationCompound).operands[1];
  assert.deepEqual(shape(last && last.kind === 'qualified' ? last.qualifier : undefined), { kind: 'within', seconds: 9.5 });

  const cmp = parsePattern("[file:name = 'a' OR file:size = 1 AND file:size = 2]");
  assert.equal(formatPattern(cmp), "[file:name = 'a' OR file:size = 1 AND file:size = 2]");
  const inner = (cmp.expression as unknown as { expression: { operator: string; operands: { operator?: string }[] } }).expression;
  assert.equal(inner.operator, 'OR');
  assert.equal(inner.operands[1]?.operator, 'AND');
  // Chains of one operator are flat.
  assert.equal((parsePattern("[file:size = 1] AND [file:size = 2] AND [file:size = 3]").expression as ObservationCompound).operands.length, 3);
});

test('whitespace (incl. Unicode spaces) and comments are skipped', () => {
  const src = "/* lead */ (\u00a0[ file : size\n>= 1 // eol\n ]\u3000) /* tail */";
  assert.equal(formatPattern(parsePattern(src)), '[file:size >= 1]');
});

test('START/STOP qualifier keeps its timestamps', () => {
  const ast = parsePattern("[file:size = 1] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T01:30:00.001Z'");
  assert.deepEqual(shape(ast.expression), {
    kind: 'qualified',
    expression: shape((ast.expression as { expression: unknown }).expression),
    qualifier: { kind: 'start-stop', start: '2016-06-01T01:30:00Z', stop: '2016-06-01T01:30:00.001Z' },
  });
});

test('syntax errors: position (matching the OASIS validator where it has a case) and message', () => {
  failsAt('file:size = 1280', 0, /^expected '\[' or '\(' to start an observation expression at 0, found 'file'$/);
  failsAt('[file:size = ]', 13, /expected a literal value at 13, found '\]'/);
  failsAt('[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 19, /expected a literal value at 19, found 'cead3f77.*single quotes/);
  failsAt('[file.size = 1280]', 5, /expected ':' after the object type at 5, found '\.'/);
  failsAt(String.raw`[file:name MATCHES /.*\\.dll/]`, 19, /expected a string literal at 19, found '\/'/);
  failsAt(String.raw`[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN ]`, 63, /expected a positive number of seconds at 63/);
  failsAt(String.raw`[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN 5 HOURS]`, 65, /expected SECONDS at 65, found 'HOURS'/);
  failsAt(String.raw`[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN -5 SECONDS]`, 63, /found '-5'/);
  failsAt('[network-traffic:dst_ref.value ISSUBSET ]', 40, /expected a string literal at 40, found '\]'/);
  failsAt("[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']", 18, /expected a literal value at 18, found '\?'/);
  failsAt("[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", 24, /invalid timestamp t'2457-73-22T32:81:84\.1Z' at 24: month 73/);
  failsAt("[artifact:payload_bin = b'====']", 24, /invalid binary literal at 24/);
  failsAt('[foo:bar=1] within 2 seconds', 12, /at 12, found 'within' \(keywords are upper case: WITHIN\)/);
  failsAt(`[file:hashes."SHA-256" = 'aec0']`, 13, /expected a property name at 13, found '"' \(strings are written in single quotes\)/);
  failsAt("[file:hashes.SHA-256 = 'x']", 13, /found 'SHA-256' \(a name containing '-' must be quoted: 'SHA-256'\)/);
  failsAt("[file:name = 'a' file:size = 1]", 17, /^expected '\]' at 17, found 'file'$/);
  failsAt("[file:name = 'a'", 16, /expected '\]' at 16, found end of input/);
  failsAt("[file:x[1 AND file:y = 1]", 10, /expected '\]' after the list index at 10, found 'AND'/);
  failsAt('[file:x[1.5] = 1]', 8, /expected a list index/);
  failsAt("[file:name = 'a'])", 17, /unbalanced '\)'/);
  failsAt('', 0, /found end of input/);
  failsAt('[]', 1, /expected an object path \(type:property\), '\(' or EXISTS at 1, found '\]'/);
  failsAt('[NOT file:name = 1]', 5, /expected EXISTS after NOT at 5/);
  failsAt('[file:name > true]', 13, /true\/false only compare with = and !=/);
  failsAt('[file:name LIKE 5]', 16, /expected a string literal at 16/);
  failsAt('[file:name IN 5]', 14, /expected '\(' to start a set/);
  failsAt("[file:name IN ('a' 'b')]", 19, /expected ',' or '\)' at 19/);
  failsAt("[file:size = 1] REPEATS 2.5 TIMES", 24, /expected a positive integer at 24/);
  failsAt("[file:size = 1] START '2016-01-01T00:00:00Z' STOP t'2016-01-01T00:00:01Z'", 22, /expected a timestamp/);
  failsAt("[file:size = 1] and [file:size = 2]", 16, /keywords are upper case: AND/);
  failsAt('[file:size ! 1]', 11, /expected a comparison operator/);
});

test('lexical errors name the offending spot', () => {
  failsAt("[file:name = 'abc]", 13, /unterminated string starting at 13/);
  failsAt(String.raw`[file:name MATCHES '\d+']`, 20, /invalid escape '\\d' in string at 20/);
  failsAt('[file:size = 1] /* never closed', 16, /unterminated comment starting at 16/);
  failsAt('[file:size = 007]', 13, /invalid integer '007' at 13: leading zeros/);
  failsAt("[file:magic_number_hex = h'abc']", 25, /invalid hex literal at 25: expected an even number/);
  failsAt("[file:magic_number_hex = h'zz']", 25, /'z' is not a hex digit/);
  failsAt("[file:ctime = t'2016-01-01T00:00:00']", 14, /invalid timestamp .* at 14: expected YYYY-MM-DDTHH:MM:SS/);
  failsAt("[file:ctime = t'2016-01-01]", 14, /unterminated timestamp literal starting at 14/);
});

test('timestamps: the grammar ranges always, real calendar dates with semantic checks', () => {
  for (const bad of ['2024-13-01T12:00:00Z', '2024-00-01T12:00:00Z', '2024-01-32T12:00:00Z', '2024-01-00T12:00:00Z', '2024-01-15T25:00:00Z',
    '2024-01-15T12:60:00Z', '2024-01-15T12:30:61Z', '2024-01-15T12:30:45', 'not-a-timestamp', '2024/01/15T12:30:45Z', '2024-01-15T12:30:45.Z']) {
    failsAt(`[file:ctime = t'${bad}']`, 14, /invalid timestamp/, { semantic: false });
  }
  for (const ok of ['2024-01-15T12:30:45Z', '2024-01-15T12:30:45.123456Z', '2024-02-29T12:00:00Z', '2000-02-29T12:00:00Z', '2016-12-31T23:59:60Z']) {
    assert.ok(validatePattern(`[file:ctime = t'${ok}']`).ok, ok);
  }
  for (const notReal of ['2024-02-30T12:00:00Z', '2024-04-31T12:00:00Z', '2023-02-29T12:00:00Z', '1900-02-29T00:00:00Z', '2016-12-31T12:00:60Z']) {
    assert.ok(validatePattern(`[file:ctime = t'${notReal}']`, { semantic: false }).ok, `grammar accepts ${notReal}`);
    failsAt(`[file:ctime = t'${notReal}']`, 14, /invalid timestamp/);
  }
});

test('semantic: object type and property names', () => {
  failsAt("[f:name = 'x']", 1, /invalid object type 'f' at 1/);
  failsAt("[ab:yz = 'x']", 1, /invalid object type 'ab'/);
  failsAt("[x_whatever:name = 'x']", 1, /invalid object type 'x_whatever'/);
  failsAt("[File:name = 'x']", 1, /invalid object type 'File'/);
  failsAt("[x--foo:name = 'x']", 1, /invalid object type/);
  failsAt("[x-foo-:name = 'x']", 1, /invalid object type/);
  failsAt(`[${'a'.repeat(251)}:name = 'x']`, 1, /invalid object type/);
  assert.ok(validatePattern(`[${'a'.repeat(250)}:name = 'x']`).ok);
  failsAt("[file:n = 'x']", 6, /invalid property name 'n' at 6/);
  failsAt("[file:'has space' = 'x']", 6, /invalid property name 'has space'/);
  assert.ok(validatePattern("[file:id = 'file--5a27d487-c542-5f97-a131-a8866b477b46']").ok, 'id is a spec property');
  assert.ok(validatePattern("[x-foo-bar:x_name MATCHES 'buzz' AND x-foo-bar:bizz.n = 1]").ok, 'only the first component is a property name');
  // Grammar-only mode accepts what the OASIS grammar does.
  assert.ok(validatePattern("[x:created = t'2024-02-30T12:00:00Z']", { semantic: false }).ok);
});

test('semantic: AND inside one observation needs one object type; OR may mix', () => {
  failsAt("[file:name = 'a' AND ipv4-addr:value = '1.2.3.4']", 21, /joined by AND must all be on one object type, found 'ipv4-addr' at 21 after 'file'/);
  failsAt("[network-traffic:src_port = 37020 AND user-account:user_id = 'root']", 38, /one object type/);
  failsAt("[(file:name = 'a' OR ipv4-addr:value = 'b') AND domain-name:value = 'c']", 48, /'domain-name' at 48 after 'file'\/'ipv4-addr'/);
  assert.ok(validatePattern("[file:name = 'a' OR ipv4-addr:value = 'b']").ok);
  assert.ok(validatePattern("[(file:name = 'a' OR ipv4-addr:value = 'b') AND file:size = 1]").ok);
  assert.ok(validatePattern("[file:name = 'a'] AND [ipv4-addr:value = 'b']").ok);
  assert.ok(validatePattern("[network-traffic:src_port = 37020 AND user-account:user_id = 'root']", { semantic: false }).ok);
});

test('semantic: qualifier values, START before STOP, no repeated qualifier on one [...]', () => {
  failsAt('[file:size = 1] WITHIN 0 SECONDS', 23, /WITHIN needs a number of seconds above zero at 23/);
  failsAt('[file:size = 1] WITHIN 0.0 SECONDS', 23, /above zero/);
  failsAt('[file:size = 1] REPEATS 0 TIMES', 24, /REPEATS needs a count above zero at 24/);
  assert.ok(validatePattern('[file:size = 1] WITHIN 0.5 SECONDS').ok);
  const ss = (a: string, b: string): string => `[file:size = 1] START t'${a}' STOP t'${b}'`;
  failsAt(ss('2016-06-01T02:00:00Z', '2016-06-01T01:00:00Z'), 51, /STOP '2016-06-01T01:00:00Z' at 51 must be later than START/);
  failsAt(ss('2016-06-01T02:00:00.5Z', '2016-06-01T02:00:00.50Z'), 53, /must be later/);
  assert.ok(validatePattern(ss('2016-06-01T02:00:00.5Z', '2016-06-01T02:00:00.51Z')).ok);
  const key = String.raw`[win-registry-key:key = 'hkey_local_machine\\foo\\bar']`;
  failsAt(`${key} WITHIN 5 SECONDS WITHIN 6 SECONDS`, 73, /duplicate WITHIN qualifier at 73/);
  failsAt(`(${key} REPEATS 2 TIMES REPEATS 3 TIMES)`, 73, /duplicate REPEATS qualifier/);
  failsAt(`${key} START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z' START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'`, 123, /duplicate START\/STOP qualifier/);
  // On a parenthesised group the OASIS validator allows it, and nesting is meaningful.
  assert.ok(validatePattern(`(${key}) WITHIN 5 SECONDS WITHIN 6 SECONDS`).ok);
  assert.ok(validatePattern(`(${key} REPEATS 2 TIMES) REPEATS 2 TIMES`).ok);
  assert.ok(validatePattern(`${key} REPEATS 2 TIMES WITHIN 6 SECONDS`).ok);
});

test('semantic: hash values have the length of their algorithm', () => {
  failsAt("[file:hashes.'SHA-256' = 'f00']", 25, /'f00' at 25 is not a valid SHA-256 hash \(64 hex digits\)/);
  failsAt("[file:hashes.md5 IN ('cead3f77f6cda6ec00f57d76c9a6879f', 'xyz')]", 57, /'xyz' at 57 is not a valid MD5 hash/);
  failsAt("[file:extensions.'windows-pebinary-ext'.sections[*].hashes.'SHA-1' != 'abc']", 70, /SHA-1/);
  assert.ok(validatePattern("[file:hashes.'SHA-256' LIKE 'aec07%']").ok, 'LIKE takes a prefix');
  assert.ok(validatePattern("[file:hashes.SSDEEP = '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C']").ok, 'non-hex algorithms are not checked');
  assert.ok(validatePattern("[file:hashes.'SHA-256' = 'f00']", { semantic: false }).ok);
});

test('errors are PatternSyntaxError, semantic ones the PatternSemanticError subclass', () => {
  assert.throws(() => parsePattern('[file:size = ]'), (e: unknown) => e instanceof PatternSyntaxError && !(e instanceof PatternSemanticError) && e.position === 13);
  assert.throws(() => parsePattern("[f:name = 'x']"), (e: unknown) => e instanceof PatternSemanticError && e instanceof PatternSyntaxError && e.position === 1);
  const r = validatePattern("[f:name = 'x']");
  assert.equal(r.ok ? undefined : r.kind, 'semantic');
});

test('objectTypesOf lists the types in order of first use', () => {
  const ast: PatternAst = parsePattern(SPEC_EXAMPLES[21] ?? '');
  assert.deepEqual(objectTypesOf(ast), ['file', 'win-registry-key', 'process']);
});

test('speed: a one-comparison pattern parses in microseconds', (t) => {
  const src = "[ipv4-addr:value = '1.2.3.4']";
  for (let i = 0; i < 2000; i++) parsePattern(src); // warm up
  const n = 20000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parsePattern(src);
  const micros = Number(process.hrtime.bigint() - t0) / n / 1000;
  t.diagnostic(`parsePattern: ${micros.toFixed(2)} µs per call`);
  assert.ok(micros < 25, `${micros} µs per parse`);
});
