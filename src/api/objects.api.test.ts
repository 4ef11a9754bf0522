/**
 * The REST API of the knowledge store end to end, against a real HTTP server on a loopback port, on
 * both engines: get (latest / a version), versions, list filters, cursor paging, full-text search,
 * neighbours, create / update / revoke, authentication and role errors, error shapes, OpenAPI and docs.
 * The reader here is the TOP SECRET authority analyst, who may see everything seeded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../store/test-engines.js';
import { malware, T0 } from '../intel/test-fixtures.js';
import { TLP2_MARKING_IDS } from '../stix/markings.js';
import { idsOf, nonexistentId, startTestServer, type TestServer } from './test-server.js';
import * as W from './test-world.js';

const sorted = (a: readonly string[]) => [...a].sort();
const q = encodeURIComponent;

/** Every route the API serves, in OpenAPI form. */
const ROUTES: [string, string][] = [
  ['get', '/health'], ['get', '/objects'], ['post', '/objects'], ['get', '/objects/{id}'], ['patch', '/objects/{id}'],
  ['get', '/objects/{id}/versions'], ['get', '/objects/{id}/neighbours'], ['post', '/objects/{id}/revoke'],
  ['get', '/search'], ['get', '/stats'], ['get', '/export'], ['post', '/auth/login'], ['get', '/me'],
  ['get', '/organisations'], ['post', '/organisations'], ['get', '/users'], ['post', '/users'], ['post', '/users/{id}/grant'],
  ['get', '/tokens'], ['post', '/tokens'], ['delete', '/tokens/{id}'], ['get', '/audit/verify'],
  ['post', '/scenarios'], ['post', '/scenarios/monte-carlo'], ['get', '/ranking'],
];

for (const { engine, skip } of testEngines()) {
  describe(`REST API objects on ${engine}`, { skip }, () => {
    let s: TestServer;
    const ids = async (path: string, who: 'analyst' | 'admin' = 'analyst') => {
      const r = await s.get(who, path);
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      return sorted(idsOf(r.json));
    };

    before(async () => {
      s = await startTestServer(engine);
    });
    after(async () => s?.close());

    // --- get, versions --------------------------------------------------------------------------

    test('GET /objects/:id returns the latest version; ?version= any stored version', async () => {
      const id = W.multiVersion[0]!.id;
      const latest = await s.get('analyst', `/objects/${id}`);
      assert.equal(latest.status, 200);
      assert.deepEqual(latest.json, W.multiVersion[2]);
      const v1 = await s.get('analyst', `/objects/${id}?version=${q(T0)}`);
      assert.deepEqual(v1.json, W.multiVersion[0]);
      // any RFC 3339 spelling of the same instant names the same version
      const v2 = await s.get('analyst', `/objects/${id}?version=${q('2025-02-01T00:00:00Z')}`);
      assert.deepEqual(v2.json, W.multiVersion[1]);
    });

    test('GET /objects/:id?version= with a bad or unknown timestamp: 400 naming the parameter, 404', async () => {
      const id = W.multiVersion[0]!.id;
      const bad = await s.get('analyst', `/objects/${id}?version=yesterday`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.code, 'BAD_REQUEST');
      assert.equal(bad.json.details[0].path, 'version');
      const unknown = await s.get('analyst', `/objects/${id}?version=${q('2030-01-01T00:00:00Z')}`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.code, 'NOT_FOUND');
    });

    test('GET /objects/:id/versions lists the modified timestamps, oldest first', async () => {
      const r = await s.get('analyst', `/objects/${W.multiVersion[0]!.id}/versions`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { versions: [T0, W.T1, W.T2] });
    });

    // --- list and its filters -------------------------------------------------------------------

    const FILTERS: [string, string[]][] = [
      ['type=malware', [W.secretMalware.id, W.strictMalware.id, W.amberMalware.id, W.multiVersion[0]!.id, W.upgraded[0]!.id, W.downgraded[0]!.id]],
      ['type=intrusion-set,indicator', [W.tsIntrusionSet.id, W.greenIntrusionSet.id, W.redIndicator.id, W.greenIndicator.id, W.sharedRed.id]],
      ['label=water', [W.greenIndicator.id, W.amberMalware.id]],
      ['label=public-label,water', [W.greenIndicator.id]],
      [`created_by=${W.identAuthority.id}`, [W.secretMalware.id, W.greenIndicator.id, W.report.id]],
      [`marking=${q(TLP2_MARKING_IDS.AMBER)}`, [W.amberMalware.id]],
      [`marking=${q(`${TLP2_MARKING_IDS.RED},${TLP2_MARKING_IDS['AMBER+STRICT']}`)}`, [W.redIndicator.id, W.sharedRed.id, W.strictMalware.id]],
      [`modified_since=${q(W.T1)}`, [W.multiVersion[0]!.id, W.upgraded[0]!.id, W.downgraded[0]!.id]],
      [`modified_since=${q(W.T1)}&modified_until=${q(W.T1)}`, [W.upgraded[0]!.id, W.downgraded[0]!.id]],
      ['type=malware&label=water', [W.amberMalware.id]],
      ['type=malware&include_revoked=true', [W.secretMalware.id, W.strictMalware.id, W.amberMalware.id, W.multiVersion[0]!.id, W.upgraded[0]!.id, W.downgraded[0]!.id, W.toRevoke.id]],
    ];
    for (const [query, expected] of FILTERS) {
      test(`GET /objects?${decodeURIComponent(query)} returns exactly the matching latest versions`, async () => {
        assert.deepEqual(await ids(`/objects?${query}`), sorted(expected));
      });
    }

    test('GET /objects without filters: every latest, unrevoked object; the revoked one only with include_revoked', async () => {
      const all = await ids('/objects?limit=1000');
      assert.deepEqual(all, sorted(W.ALL_IDS.filter((i) => i !== W.toRevoke.id)));
      assert.deepEqual(await ids('/objects?limit=1000&include_revoked=true'), sorted(W.ALL_IDS));
      const r = await s.get('analyst', `/objects?type=malware&include_revoked=true`);
      assert.equal(r.json.items.find((o: { id: string }) => o.id === W.toRevoke.id).revoked, true);
    });

    test('bad list parameters: 400 naming the parameter', async () => {
      for (const [query, path] of [['modified_since=soon', 'modified_since'], ['limit=0', 'querystring/limit'], ['limit=abc', 'querystring/limit'], ['cursor=!!', 'cursor']]) {
        const r = await s.get('analyst', `/objects?${query}`);
        assert.equal(r.status, 400, query);
        assert.ok(['BAD_REQUEST', 'VALIDATION_FAILED'].includes(r.json.code), r.text);
        assert.equal(r.json.details[0].path, path, r.text);
      }
    });

    // --- cursor paging --------------------------------------------------------------------------

    async function pages(path: string, limit: number, from: string | null = null): Promise<{ pages: string[][]; all: string[] }> {
      const out: string[][] = [];
      let cursor: string | null = from;
      do {
        const r = await s.get('analyst', `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${q(cursor)}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.items.length <= limit);
        out.push(idsOf(r.json));
        cursor = r.json.next;
        assert.ok(out.length < 100, 'paging does not end');
      } while (cursor);
      return { pages: out, all: out.flat() };
    }

    test('cursor paging walks every object once, in the unpaged order, for several page sizes and filters', async () => {
      for (const path of ['/objects?include_revoked=true', '/objects?type=malware,relationship']) {
        const whole = idsOf((await s.get('analyst', `${path}&limit=1000`)).json);
        for (const limit of [1, 2, 4, 7]) {
          const p = await pages(path, limit);
          assert.deepEqual(p.all, whole, `${path} limit ${limit}`);
          assert.equal(new Set(p.all).size, p.all.length, 'no duplicates');
          assert.ok(p.pages.slice(0, -1).every((pg) => pg.length === limit), 'full pages until the last');
        }
      }
    });

    test('cursor paging is stable while objects are written between pages', async () => {
      const whole = idsOf((await s.get('analyst', '/objects?limit=1000')).json);
      const first = await s.get('analyst', '/objects?limit=5');
      // a new object that sorts before the cursor, and one that sorts after everything
      const early = { type: 'tool', spec_version: '2.1', id: nonexistentId('tool'), created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z', name: 'Early tool' };
      const late = { ...early, id: nonexistentId('tool'), created: '2031-01-01T00:00:00.000Z', modified: '2031-01-01T00:00:00.000Z', name: 'Late tool' };
      for (const o of [early, late]) assert.equal((await s.req('analyst', 'POST', '/objects', o)).status, 201);
      const rest = await pages('/objects', 5, first.json.next);
      assert.deepEqual([...idsOf(first.json), ...rest.all], [...whole, late.id]);
    });

    // --- search ---------------------------------------------------------------------------------

    const SEARCHES: [string, string[]][] = [
      ['Zephyrwhisk', [W.secretMalware.id]],
      ['"water treatment"', [W.greenIndicator.id, W.multiVersion[0]!.id, W.upgraded[0]!.id, W.downgraded[0]!.id]],
      ['water -implant', [W.greenIndicator.id, W.report.id]],
      ['Zephyrwhisk OR Gorsewind', [W.secretMalware.id, W.strictMalware.id]],
      ['kestrelvault', [W.secretMalware.id]], // description, any case
      ['withdrawn', []], // revoked objects are not found
      ['the', []], // only a stop word
    ];
    for (const [text, expected] of SEARCHES) {
      test(`GET /search?q=${text} finds names and descriptions`, async () => {
        assert.deepEqual(await ids(`/search?q=${q(text)}`), sorted(expected));
      });
    }

    test('GET /search: type filter, best match first, cursor paging without repeats, bad input', async () => {
      assert.deepEqual(await ids(`/search?q=water&type=indicator`), [W.greenIndicator.id]);
      // a name match outranks a description-only match
      const ranked = await s.get('analyst', `/search?q=${q('Harbour sensor')}`);
      assert.equal(ranked.json.items[0].id, W.greenIndicator.id);
      const whole = idsOf((await s.get('analyst', '/search?q=water&limit=500')).json);
      assert.ok(whole.length >= 4);
      const p = await pages('/search?q=water', 1);
      assert.deepEqual(p.all, whole);
      for (const query of ['q=', '', 'q=water&cursor=xyz', 'q=water&limit=501']) {
        const r = await s.get('analyst', `/search?${query}`);
        assert.equal(r.status, 400, query);
        assert.ok(r.json.details?.length, r.text);
      }
    });

    // --- neighbours -----------------------------------------------------------------------------

    const NEIGHBOURS: [string, [string, string, string][]][] = [
      [W.greenIntrusionSet.id, [
        ['outgoing', W.relVisToSecret.id, W.secretMalware.id], ['incoming', W.relRedToVis.id, W.redIndicator.id],
        ['incoming', W.relVisible.id, W.greenIndicator.id], ['outgoing', W.relVisible2.id, W.amberMalware.id],
      ]],
      [W.greenIndicator.id, [
        ['outgoing', W.relVisible.id, W.greenIntrusionSet.id], ['outgoing', W.relSecret.id, W.amberMalware.id],
        ['incoming', W.sightingVisible.id, W.identNorthgrid.id], ['incoming', W.sightingVisible.id, W.identHidden.id],
      ]],
      [W.secretMalware.id, [['incoming', W.relVisToSecret.id, W.greenIntrusionSet.id], ['incoming', W.sightingHidden.id, W.identNorthgrid.id]]],
      [W.report.id, []],
    ];
    for (const [id, expected] of NEIGHBOURS) {
      test(`GET /objects/${id.split('--')[0]}/neighbours: relationships both ways and sightings`, async () => {
        const r = await s.get('analyst', `/objects/${id}/neighbours`);
        assert.equal(r.status, 200, r.text);
        const got = r.json.items.map((n: { direction: string; relationship: { id: string }; object: { id: string } }) => [n.direction, n.relationship.id, n.object.id]);
        assert.deepEqual(got.map(String).sort(), expected.map(String).sort());
        for (const n of r.json.items) assert.ok(n.relationship.type && n.object.type && n.object.created, 'whole objects');
      });
    }

    test('GET /objects/:id/neighbours?limit= caps the list', async () => {
      const r = await s.get('analyst', `/objects/${W.greenIntrusionSet.id}/neighbours?limit=1`);
      assert.equal(r.json.items.length, 1);
    });

    // --- create, update, revoke -----------------------------------------------------------------

    const fresh = malware(5001, { name: 'Fresh sample' }, { tlp: 'GREEN' });

    test('POST /objects creates: 201 with the object; GET returns it; posting it again stores nothing new', async () => {
      const r = await s.req('analyst', 'POST', '/objects', fresh);
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json, fresh);
      assert.deepEqual((await s.get('operator', `/objects/${fresh.id}`)).json, fresh);
      assert.equal((await s.req('analyst', 'POST', '/objects', fresh)).status, 201);
      assert.deepEqual((await s.get('analyst', `/objects/${fresh.id}/versions`)).json.versions, [T0]);
    });

    test('POST /objects with an invalid object: 400 VALIDATION_FAILED whose details name the field', async () => {
      const cases: [unknown, string][] = [
        [{ ...fresh, id: nonexistentId(), name: 5 }, 'name'],
        [{ ...fresh, id: nonexistentId(), created: 'yesterday' }, 'created'],
        [{ type: 'malware', spec_version: '2.1', name: 'no id' }, 'body/id'],
        [{ id: nonexistentId() }, 'body/type'],
      ];
      for (const [body, path] of cases) {
        const r = await s.req('analyst', 'POST', '/objects', body);
        assert.equal(r.status, 400, r.text);
        assert.equal(r.json.code, 'VALIDATION_FAILED');
        assert.ok(r.json.details.some((d: { path: string }) => d.path === path), `${path}: ${r.text}`);
      }
      const notJson = await s.req('analyst', 'POST', '/objects', '{"type":');
      assert.equal(notJson.status, 400);
      assert.equal(notJson.json.code, 'BAD_REQUEST');
      assert.match(notJson.json.message, /not valid JSON/);
      const xml = await s.req('analyst', 'POST', '/objects', '<malware/>', { 'content-type': 'application/xml' });
      assert.equal(xml.status, 415, xml.text);
      assert.equal(xml.json.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(xml.json.message, /application\/json/);
    });

    test('POST /objects with changed content under the same modified: 409 CONFLICT telling what to do', async () => {
      const r = await s.req('analyst', 'POST', '/objects', { ...fresh, name: 'Changed without a new modified' });
      assert.equal(r.status, 409, r.text);
      assert.equal(r.json.code, 'CONFLICT');
      assert.match(r.json.message, /newer 'modified'/);
    });

    test('PATCH /objects/:id makes a new version (modified now); the old one stays readable', async () => {
      const before = Date.now();
      const r = await s.req('analyst', 'PATCH', `/objects/${fresh.id}`, { name: 'Renamed sample', labels: ['renamed'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.name, 'Renamed sample');
      assert.equal(r.json.created, fresh.created);
      assert.ok(Date.parse(r.json.modified) >= before - 1000);
      const versions = (await s.get('analyst', `/objects/${fresh.id}/versions`)).json.versions;
      assert.deepEqual(versions, [T0, r.json.modified]);
      assert.equal((await s.get('analyst', `/objects/${fresh.id}`)).json.name, 'Renamed sample');
      assert.equal((await s.get('analyst', `/objects/${fresh.id}?version=${q(T0)}`)).json.name, 'Fresh sample');
      assert.deepEqual(await ids('/objects?label=renamed'), [fresh.id]);
    });

    test('PATCH /objects/:id refuses immutable or invalid changes with 400 naming the field', async () => {
      for (const [body, path] of [[{ created: '2024-01-01T00:00:00Z' }, 'created'], [{ type: 'tool' }, 'type'], [{ name: 7 }, 'name']] as const) {
        const r = await s.req('analyst', 'PATCH', `/objects/${fresh.id}`, body);
        assert.equal(r.status, 400, r.text);
        assert.equal(r.json.details[0].path, path, r.text);
      }
    });

    test('POST /objects/:id/revoke: a revoked version; hidden from lists and search; again or a new version: 409', async () => {
      const r = await s.req('analyst', 'POST', `/objects/${fresh.id}/revoke`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.revoked, true);
      assert.equal((await s.get('analyst', `/objects/${fresh.id}`)).json.revoked, true);
      assert.ok(!(await ids('/objects?type=malware&limit=1000')).includes(fresh.id));
      assert.ok((await ids('/objects?type=malware&include_revoked=true&limit=1000')).includes(fresh.id));
      assert.deepEqual(await ids(`/search?q=${q('Renamed sample')}`), []);
      const again = await s.req('analyst', 'POST', `/objects/${fresh.id}/revoke`);
      assert.equal(again.status, 409);
      assert.equal(again.json.code, 'CONFLICT');
      const patch = await s.req('analyst', 'PATCH', `/objects/${fresh.id}`, { name: 'Back from the dead' });
      assert.equal(patch.status, 409, patch.text);
    });

    // --- authentication, roles, error shapes -----------------------------------------------------

    const PROTECTED: [string, string, unknown?][] = [
      ['GET', '/objects'], ['GET', `/objects/${W.greenIndicator.id}`], ['GET', `/objects/${W.greenIndicator.id}/versions`],
      ['GET', `/objects/${W.greenIndicator.id}/neighbours`], ['GET', '/search?q=water'], ['GET', '/stats'], ['GET', '/export'],
      ['POST', '/objects', malware(5002)], ['PATCH', `/objects/${W.greenIndicator.id}`, { name: 'x' }],
      ['POST', `/objects/${W.greenIndicator.id}/revoke`], ['GET', '/me'], ['GET', '/tokens'], ['GET', '/audit/verify'],
    ];

    test('every protected route: 401 UNAUTHENTICATED without a token, with an unknown token, or a malformed header', async () => {
      for (const [method, path, body] of PROTECTED) {
        for (const who of [null, { token: 'bwk_' + 'A'.repeat(43) }, { token: 'not-a-token' }]) {
          const r = await s.req(who, method, path, body);
          assert.equal(r.status, 401, `${method} ${path}: ${r.text}`);
          assert.equal(r.json.code, 'UNAUTHENTICATED');
          assert.ok(r.json.message.length > 10);
        }
        const basic = await s.req(null, method, path, body, { authorization: 'Basic YWRtaW46YWRtaW4=' });
        assert.equal(basic.status, 401);
        assert.match(basic.json.message, /Bearer/);
      }
    });

    test('operators and advisers may not write: 403 FORBIDDEN, before the body is even validated', async () => {
      for (const who of ['operator', 'adviser', 'ngOperator'] as const) {
        for (const [method, path, body] of [
          ['POST', '/objects', malware(5003)], ['POST', '/objects', { nonsense: true }],
          ['PATCH', `/objects/${W.greenIndicator.id}`, { name: 'x' }], ['POST', `/objects/${W.greenIndicator.id}/revoke`, undefined],
        ] as const) {
          const r = await s.req(who, method, path, body);
          assert.equal(r.status, 403, `${who} ${method} ${path}: ${r.text}`);
          assert.equal(r.json.code, 'FORBIDDEN');
          assert.match(r.json.message, /may not perform 'intel:write'/);
        }
      }
      assert.equal((await s.get('analyst', `/objects/${malware(5003).id}`)).status, 404);
    });

    test('404 shapes: an unknown object on every id route, an unknown route; 400 for a malformed id', async () => {
      const id = nonexistentId();
      for (const [method, path, body] of [
        ['GET', `/objects/${id}`], ['GET', `/objects/${id}/versions`], ['GET', `/objects/${id}/neighbours`],
        ['PATCH', `/objects/${id}`, { name: 'x' }], ['POST', `/objects/${id}/revoke`],
      ] as const) {
        const r = await s.req('analyst', method, path, body);
        assert.equal(r.status, 404, `${method} ${path}`);
        assert.deepEqual(Object.keys(r.json).sort(), ['code', 'message']);
        assert.equal(r.json.code, 'NOT_FOUND');
        assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
      }
      const route = await s.get('analyst', '/no/such/route');
      assert.equal(route.status, 404);
      assert.equal(route.json.code, 'NOT_FOUND');
      assert.match(route.json.message, /\/docs/);
      const malformed = await s.get('analyst', '/objects/not-an-id');
      assert.equal(malformed.status, 400);
      assert.equal(malformed.json.code, 'VALIDATION_FAILED');
      assert.equal(malformed.json.details[0].path, 'params/id');
    });

    // --- OpenAPI and docs -----------------------------------------------------------------------

    test('/openapi.json is an OpenAPI 3.1 document listing every route, with typed errors and bearer security', async () => {
      const r = await s.get(null, '/openapi.json');
      assert.equal(r.status, 200);
      const doc = r.json;
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
      assert.ok(doc.components.schemas.Error && doc.components.schemas.StixObject);
      const operations: string[] = [];
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(item)) if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.push(`${method} ${path}`);
      }
      // the register's and exposure's routes are listed and checked in routes/register.api.test.ts and routes/exposure.api.test.ts
      assert.deepEqual(operations.filter((o) => !o.includes(' /register/') && !o.includes(' /exposure/')).sort(), ROUTES.map(([m, p]) => `${m} ${p}`).sort());
      for (const [method, path] of ROUTES) {
        assert.ok(s.app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace('{id}', ':id') }), `${method} ${path} served`);
        if (path === '/health') continue;
        const op = doc.paths[path][method];
        assert.ok(op.summary, `${method} ${path} has a summary`);
        assert.equal(op.responses['401'].content['application/json'].schema.$ref, '#/components/schemas/Error', `${method} ${path}`);
      }
      assert.ok(doc.paths['/export'].get.responses['200'].content['application/stix+json;version=2.1']);
    });

    test('/docs serves the API documentation page', async () => {
      const r = await s.get(null, '/docs');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      assert.match(r.text, /swagger-ui/);
      const health = await s.get(null, '/health');
      assert.deepEqual(health.json, { status: 'ok', engine });
    });
  });
}
