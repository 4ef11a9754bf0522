/**
 * Need-to-know over HTTP, table-driven over every endpoint that returns intelligence, for readers
 * of each organisation and clearance: an object a reader may not see is never shown, counted,
 * found, linked or mentioned; asking for it by id is answered exactly as for an id that does not
 * exist. The reference is an administrator (TOP SECRET, producing organisation), who sees all.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../store/test-engines.js';
import { T0 } from '../intel/test-fixtures.js';
import { assertMentionsNone, idsOf, nonexistentId, startTestServer, USERS, type ApiResponse, type TestServer, type UserKey } from './test-server.js';
import { ALL_IDS, hiddenFor, SECRET_WORDS, SEED } from './test-world.js';
import type { StixObject } from '../stix/types.js';

const READERS: UserKey[] = ['operator', 'adviser', 'ngOperator', 'ngAdviser', 'ngAnalyst'];
const q = encodeURIComponent;
const sorted = (a: readonly string[]) => [...a].sort();
const typeOf = (id: string) => id.slice(0, id.indexOf('--'));

/** The latest seeded version of each id. */
const LATEST = new Map<string, StixObject>(SEED.map((x) => [x.obj.id, x.obj]));

/** Every endpoint that takes an object id. */
const ID_ENDPOINTS: { name: string; method: string; path: (id: string) => string; body?: unknown }[] = [
  { name: 'GET /objects/:id', method: 'GET', path: (id) => `/objects/${id}` },
  { name: 'HEAD /objects/:id', method: 'HEAD', path: (id) => `/objects/${id}` },
  { name: 'GET /objects/:id?version=', method: 'GET', path: (id) => `/objects/${id}?version=${q(T0)}` },
  { name: 'GET /objects/:id/versions', method: 'GET', path: (id) => `/objects/${id}/versions` },
  { name: 'GET /objects/:id/neighbours', method: 'GET', path: (id) => `/objects/${id}/neighbours` },
  { name: 'PATCH /objects/:id', method: 'PATCH', path: (id) => `/objects/${id}`, body: { description: 'probe' } },
  { name: 'POST /objects/:id/revoke', method: 'POST', path: (id) => `/objects/${id}/revoke` },
];

/** List queries that name a hidden object's type, labels, markings, creator or modified time. */
function probingQueries(hidden: readonly string[]): string[] {
  const out = new Set<string>(['', 'include_revoked=true']);
  for (const id of hidden) {
    const o = LATEST.get(id)!;
    out.add(`type=${typeOf(id)}`);
    for (const l of (o.labels as string[] | undefined) ?? []) out.add(`label=${q(l)}`);
    for (const m of (o.object_marking_refs as string[] | undefined) ?? []) out.add(`marking=${q(m)}`);
    if (typeof o.created_by_ref === 'string') out.add(`created_by=${o.created_by_ref}`);
    if (typeOf(id) === 'identity') out.add(`created_by=${id}`);
    out.add(`modified_since=${q(o.modified as string)}&modified_until=${q(o.modified as string)}`);
  }
  return [...out];
}

type NeighbourItem = { direction: string; relationship: { id: string }; object: { id: string } };
const neighbourKeys = (items: NeighbourItem[]) => items.map((n) => `${n.direction} ${n.relationship.id} ${n.object.id}`).sort();

for (const { engine, skip } of testEngines()) {
  describe(`need-to-know over the REST API on ${engine}`, { skip }, () => {
    let s: TestServer;
    const adminCache = new Map<string, ApiResponse>();
    before(async () => {
      s = await startTestServer(engine);
    });
    after(async () => s?.close());

    /** The administrator's answer (cached: the reference view). */
    async function admin(path: string): Promise<ApiResponse> {
      let r = adminCache.get(path);
      if (!r) adminCache.set(path, (r = await s.get('admin', path)));
      assert.equal(r.status, 200, `admin ${path}: ${r.text}`);
      return r;
    }

    for (const reader of READERS) {
      const { org, clearance, role } = USERS[reader];
      const hidden = hiddenFor(org, clearance);
      const hiddenSet = new Set(hidden);
      const visible = ALL_IDS.filter((id) => !hiddenSet.has(id));

      describe(`${reader} (${org}, ${role}, ${clearance})`, () => {
        const bodies: string[] = [];
        /** A request as the reader; every body is kept for the final no-mention check. */
        async function as(method: string, path: string, body?: unknown): Promise<ApiResponse> {
          const r = await s.req(reader, method, path, body);
          bodies.push(`${method} ${path} → ${r.status} ${r.text}`);
          return r;
        }
        const get = (path: string) => as('GET', path);

        test('the world is not trivial for this reader: some objects hidden, most visible', () => {
          assert.ok(hidden.length >= 3 && visible.length >= 10, `${hidden.length} hidden`);
        });

        test('every id endpoint answers for a hidden id byte for byte as for a nonexistent id', async () => {
          for (const id of hidden) {
            for (const e of ID_ENDPOINTS) {
              const h = await as(e.method, e.path(id), e.body);
              const n = await as(e.method, e.path(nonexistentId(typeOf(id))), e.body);
              const what = `${e.name} ${id}`;
              assert.equal(h.status, n.status, what);
              assert.equal(h.text, n.text, what);
              assert.equal(h.headers.get('content-type'), n.headers.get('content-type'), what);
              assert.equal(h.headers.get('content-length'), n.headers.get('content-length'), what);
              const writes = e.method === 'PATCH' || e.method === 'POST';
              assert.equal(h.status, writes && role !== 'analyst' ? 403 : 404, `${what}: ${h.text}`);
            }
          }
        });

        test('GET /objects: with and without filters (also naming hidden labels, markings, creators): admin minus hidden', async () => {
          for (const query of probingQueries(hidden)) {
            const path = `/objects?limit=1000${query ? `&${query}` : ''}`;
            // naming a hidden creator matches nothing: the visible objects it created would reveal it
            const namesHidden = hidden.some((id) => query === `created_by=${id}`);
            const expected = namesHidden ? [] : sorted(idsOf((await admin(path)).json).filter((id) => !hiddenSet.has(id)));
            const r = await get(path);
            assert.equal(r.status, 200, `${path}: ${r.text}`);
            assert.deepEqual(sorted(idsOf(r.json)), expected, path);
            assertMentionsNone(r.text, hidden, path);
          }
        });

        test('GET /objects paged: the pages add up to the unpaged visible list', async () => {
          const whole = idsOf((await get('/objects?limit=1000&include_revoked=true')).json);
          assert.deepEqual(sorted(whole), sorted(visible));
          const paged: string[] = [];
          let cursor: string | null = null;
          do {
            const r: ApiResponse = await get(`/objects?include_revoked=true&limit=3${cursor ? `&cursor=${q(cursor)}` : ''}`);
            paged.push(...idsOf(r.json));
            cursor = r.json.next;
          } while (cursor);
          assert.deepEqual(paged, whole);
        });

        test('GET /search: words found only in hidden objects give no hits; other searches: admin minus hidden', async () => {
          for (const { id, words } of SECRET_WORDS) {
            for (const w of [...words, words.join(' OR ')]) {
              const r = await get(`/search?q=${q(w)}`);
              assert.equal(r.status, 200);
              if (hiddenSet.has(id)) assert.deepEqual(r.json, { items: [], next: null }, w);
              else assert.ok(idsOf(r.json).includes(id), `${w} should find ${id}`);
            }
          }
          for (const text of ['water', 'beacon', 'sample', 'group', 'implant', 'desk', 'security']) {
            const path = `/search?q=${q(text)}&limit=500`;
            const expected = sorted(idsOf((await admin(path)).json).filter((id) => !hiddenSet.has(id)));
            assert.deepEqual(sorted(idsOf((await get(path)).json)), expected, text);
          }
        });

        test('GET /objects/:id/neighbours of every visible object: hidden links and hidden endpoints never appear', async () => {
          for (const id of visible) {
            const path = `/objects/${id}/neighbours`;
            const all = (await admin(path)).json.items as NeighbourItem[];
            const expected = neighbourKeys(all.filter((n) => !hiddenSet.has(n.relationship.id) && !hiddenSet.has(n.object.id)));
            const r = await get(path);
            assert.equal(r.status, 200, `${path}: ${r.text}`);
            assert.deepEqual(neighbourKeys(r.json.items), expected, path);
            assertMentionsNone(r.text, hidden, path);
          }
        });

        test('GET /objects/:id and /versions of every visible object: shown, with no reference to a hidden one', async () => {
          for (const id of visible) {
            const r = await get(`/objects/${id}`);
            assert.equal(r.status, 200, `${id}: ${r.text}`);
            assert.equal(r.json.id, id);
            assertMentionsNone(r.text, hidden, id);
            assert.equal((await get(`/objects/${id}/versions`)).status, 200);
          }
        });

        test('GET /stats: the counts of visible objects only (admin counts minus hidden, per type)', async () => {
          const expected: Record<string, number> = { ...(await admin('/stats')).json.counts };
          for (const id of hidden) expected[typeOf(id)]! -= 1;
          for (const k of Object.keys(expected)) if (expected[k] === 0) delete expected[k];
          const r = await get('/stats');
          assert.deepEqual(r.json.counts, expected);
        });

        test('GET /export: hidden ids appear nowhere in the bundle, filtered or not', async () => {
          for (const query of probingQueries(hidden)) {
            const path = `/export${query ? `?${query}` : ''}`;
            const r = await get(path);
            assert.equal(r.status, 200, `${path}: ${r.text}`);
            assert.match(r.headers.get('content-type') ?? '', /^application\/stix\+json/);
            assertMentionsNone(r.text, hidden, path);
            const listed = idsOf((await get(`/objects?limit=1000${query ? `&${query}` : ''}`)).json);
            assert.deepEqual(sorted(idsOf(JSON.parse(r.text))), sorted(listed), path);
          }
        });

        test('no response to this reader, of any kind, mentioned a hidden id', () => {
          assert.ok(bodies.length > 100, `${bodies.length} responses checked`);
          for (const b of bodies) assertMentionsNone(b.slice(b.indexOf(' → ')), hidden, b.slice(0, 120));
        });
      });
    }

    test('the administrator, for reference, sees every object', async () => {
      const r = await admin('/objects?limit=1000&include_revoked=true');
      assert.deepEqual(sorted(idsOf(r.json)), sorted(ALL_IDS));
    });
  });
}
