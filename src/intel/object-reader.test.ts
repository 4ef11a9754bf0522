import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readObjects, type RawItem } from './object-reader.js';
import { isAppError } from '../errors.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-reader-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function all(path: string): Promise<RawItem[]> {
  const out: RawItem[] = [];
  for await (const i of readObjects(path)) out.push(i);
  return out;
}

const a = { type: 'malware', id: 'malware--11111111-1111-4111-8111-111111111111', name: 'braces { } [ ] and "quotes" \\ in strings' };
const b = { type: 'ipv4-addr', id: 'ipv4-addr--22222222-2222-4222-8222-222222222222', value: '198.51.100.3' };

test('reads every object of a bundle, in order, whatever the strings contain', async () => {
  const items = await all(file('b.json', JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [a, b] }, null, 2)));
  assert.deepEqual(items.map((i) => i.value), [a, b]);
  assert.deepEqual(items.map((i) => i.index), [0, 1]);
});

test('reads a bundle whose objects array comes before its type and id', async () => {
  const items = await all(file('b2.json', `{"objects":[${JSON.stringify(a)}],"id":"bundle--x","type":"bundle"}`));
  assert.deepEqual(items.map((i) => i.value), [a]);
});

test('reads a JSON array of objects and a single bare object', async () => {
  assert.deepEqual((await all(file('arr.json', JSON.stringify([a, b])))).map((i) => i.value), [a, b]);
  assert.deepEqual((await all(file('one.json', JSON.stringify(a)))).map((i) => i.value), [a]);
});

test('reads JSON lines, reporting a bad line by its number without stopping', async () => {
  const items = await all(file('x.jsonl', `${JSON.stringify(a)}\n\n{"type": broken\n${JSON.stringify(b)}\n`));
  assert.equal(items.length, 3);
  assert.deepEqual(items[0]!.value, a);
  assert.equal(items[1]!.line, 3);
  assert.match(items[1]!.parseError!, /invalid JSON/);
  assert.deepEqual(items[2]!.value, b);
});

test('objects split across read chunks are reassembled (multi-byte text included)', async () => {
  const big = Array.from({ length: 3000 }, (_, k) => ({ ...a, id: `malware--${String(k).padStart(8, '0')}-1111-4111-8111-111111111111`, description: 'é€𝄞'.repeat(300) }));
  const items = await all(file('big.json', JSON.stringify({ type: 'bundle', id: 'bundle--2', objects: big })));
  assert.equal(items.length, 3000);
  assert.deepEqual(items[2999]!.value, big[2999]);
});

test('a truncated file is a BAD_FILE error naming the file', async () => {
  const text = JSON.stringify({ type: 'bundle', id: 'bundle--3', objects: [a, b] });
  await assert.rejects(all(file('trunc.json', text.slice(0, text.length - 30))), (e: unknown) => {
    assert.ok(isAppError(e));
    assert.equal(e.code, 'BAD_FILE');
    assert.match(e.message, /trunc\.json: the file ends inside an object/);
    return true;
  });
});

test('a top-level object with an objects array that is not a bundle is refused', async () => {
  await assert.rejects(all(file('nb.json', `{"type":"report","objects":[${JSON.stringify(a)}]}`)), /must be a STIX bundle/);
});
