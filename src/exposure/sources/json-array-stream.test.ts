import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ArrayElementScanner, JsonStructureError } from './json-array-stream.js';

function scanAll(text: string, key: string, chunk: number): { items: string[]; header: Record<string, unknown> } {
  const s = new ArrayElementScanner(key);
  const buf = Buffer.from(text);
  const items: string[] = [];
  for (let i = 0; i < buf.length; i += chunk) items.push(...s.push(buf.subarray(i, i + chunk)).map((e) => e.text));
  return { items, header: s.end().header };
}

const DOC = '{"a":1,"s":"x\\"[{","vulnerabilities":[ {"cve":{"id":"CVE-1","d":"br]ace}\\\\"}}, [1,2] ,"str\\"ing",42 ,null,{"é":"ü"}],"z":{"k":[1]}}';

test('elements of the named array, whole at every chunk size; the other members are the header', () => {
  const expected = ['{"cve":{"id":"CVE-1","d":"br]ace}\\\\"}}', '[1,2]', '"str\\"ing"', '42', 'null', '{"é":"ü"}'];
  for (let size = 1; size <= Buffer.byteLength(DOC); size++) {
    const { items, header } = scanAll(DOC, 'vulnerabilities', size);
    assert.deepEqual(items, expected, `chunk size ${size}`);
    assert.deepEqual(header, { a: 1, s: 'x"[{', z: { k: [1] } }, `chunk size ${size}`);
  }
});

test('a nested array of the same name is not the target; a document without it has only a header', () => {
  assert.deepEqual(scanAll('{"x":{"vulnerabilities":[1]},"vulnerabilities":[2]}', 'vulnerabilities', 3).items, ['2']);
  const r = scanAll('{"cve":{"id":"CVE-1"}}', 'vulnerabilities', 4);
  assert.deepEqual(r.items, []);
  assert.deepEqual(r.header, { cve: { id: 'CVE-1' } });
});

test('structural damage names the byte offset', () => {
  const s = new ArrayElementScanner('v');
  s.push(Buffer.from('{"v":[{"a":1},{"b":'));
  assert.throws(() => s.end(), (e: unknown) => e instanceof JsonStructureError && /truncated/.test(e.message) && e.offset === 19);
  assert.throws(() => new ArrayElementScanner('v').push(Buffer.from('[1]')), JsonStructureError);
  assert.throws(() => new ArrayElementScanner('v').push(Buffer.from('{}}')), /unexpected '}' \(byte 2\)/);
});
