import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testEngines, type TestStore } from '../store/test-engines.js';
import { copyData, copyRow, detached, RowWriter, StagedObject } from './copy-rows.js';
import { prepareObject } from './prepare.js';
import { fromWire, toWire } from './prepared-batches.js';
import type { PreparedObject } from './object-repository.js';
import { writeBatch } from './object-repository.js';
import { indicator, malware } from './test-fixtures.js';

/** Text that a row format could trip on: separators, escapes, quotes, braces, multi-byte and astral characters. */
const AWKWARD = 'tab\there, line\nbreak, cr\r, back\\slash, "quoted", {braces}, comma, NULL, \\N, é ß 東京 🛰️';

function prepared(): PreparedObject[] {
  const objs = [
    malware(1, { description: AWKWARD, labels: [AWKWARD, 'plain', ''], name: 'Ünïcödé 🛰️' }, { tlp: 'RED', classification: 'SECRET' }),
    indicator(2, { labels: ['one'] }, { tlp: 'AMBER' }),
    malware(3), // no labels, no markings: NULL arrays, NULL tlp
  ];
  return objs.map((o, k) => {
    const p = prepareObject(o, k, { ownerOrg: k === 2 ? null : 'water-co', recipients: ['authority', 'grid "north"'] });
    assert.ok(p.ok, JSON.stringify(p));
    return p.item;
  });
}

const facts = (i: PreparedObject) => ({
  id: i.id, type: i.type, version: i.version, hash: i.hash, json: i.json, tlp: i.tlp, classification: i.classification,
  ownerOrg: i.ownerOrg, recipients: i.recipients, labels: i.labels, markingRefs: i.markingRefs, revoked: i.revoked,
});

describe('binary COPY rows of stix_object', () => {
  test('a row decodes back to every field it was written from, awkward text included', () => {
    const items = prepared();
    const w = new RowWriter(64); // grows as it goes
    for (const i of items) w.push(i, true);
    const block = w.finish();
    items.forEach((i, k) => {
      const s = new StagedObject(block, k, i.index, i.id, i.type, i.revoked, i.stamp, i.hash, i.version);
      assert.deepEqual(facts(s), facts(i));
      assert.deepEqual(s.obj, i.obj);
      assert.deepEqual(facts(detached(s)), facts(i));
    });
  });

  test('a batch crosses threads as one buffer and comes back with the same objects', () => {
    const items = prepared();
    const { batch } = toWire(items);
    const back = fromWire(batch);
    assert.deepEqual(back.map(facts), items.map(facts));
  });

  test('the data is framed by the binary COPY header and trailer, and is_latest is patched per row', () => {
    const items = prepared();
    const staged = fromWire(toWire(items).batch);
    const data = copyData([staged[0]!, items[1]!, staged[2]!], (i) => i.id !== items[1]!.id);
    assert.equal(Buffer.from(data.subarray(0, 11)).toString('latin1'), 'PGCOPY\n\xff\r\n\0');
    assert.deepEqual([...data.subarray(data.length - 2)], [0xff, 0xff]);
    // the unstaged object is encoded with its own is_latest (false here)
    const own = copyRow(items[1]!, false);
    assert.equal(own[6], 0);
    assert.ok(Buffer.from(data).includes(Buffer.from(own)));
  });
});

for (const { engine, skip } of testEngines()) {
  describe(`binary COPY into stix_object on ${engine}`, { skip }, () => {
    let s: TestStore;
    before(async () => {
      s = await openTestStore(engine);
    });
    after(async () => s?.dispose());

    test('staged and unstaged objects are stored with every column exact', async () => {
      const items = prepared();
      const staged = fromWire(toWire(items.slice(0, 2)).batch);
      await s.db.transaction((tx) => writeBatch(tx, [...staged, items[2]!]));
      const rows = await s.db.query<{
        id: string; doc: unknown; tlp: string | null; classification: number; owner_org: string | null;
        recipients: string[] | null; labels: string[] | null; marking_refs: string[] | null; is_latest: boolean; content_hash: string;
      }>('SELECT id, doc, tlp, classification, owner_org, recipients, labels, marking_refs, is_latest, content_hash FROM stix_object ORDER BY id');
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const i of items) {
        const r = byId.get(i.id);
        assert.ok(r, i.id);
        assert.deepEqual(r.doc, i.obj);
        assert.equal(r.tlp, i.tlp);
        assert.equal(r.classification, i.classification);
        assert.equal(r.owner_org, i.ownerOrg);
        assert.deepEqual(r.recipients, i.recipients);
        assert.deepEqual(r.labels, i.labels);
        assert.deepEqual(r.marking_refs, i.markingRefs);
        assert.equal(r.is_latest, true);
        assert.equal(r.content_hash, i.hash);
      }
      // the awkward text is searchable as text, not as escapes
      const [hit] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stix_object WHERE search @@ plainto_tsquery('english', 'quoted braces')`);
      assert.equal(hit!.n, 1);
    });
  });
}
