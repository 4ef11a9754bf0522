/**
 * Need-to-know over HTTP, case by case: TLP:RED to the named recipients only, AMBER+STRICT within
 * the producing organisation, classification never above clearance, per-version visibility,
 * reference redaction, and the write paths (a new version keeps the producer and the sharing list,
 * and the references its writer could not see).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../store/test-engines.js';
import { T0 } from '../intel/test-fixtures.js';
import { assertMentionsNone, nonexistentId, startTestServer, type TestServer, type UserKey } from './test-server.js';
import * as W from './test-world.js';

const q = encodeURIComponent;
const REPORT_REFS = W.report.object_refs as string[];

for (const { engine, skip } of testEngines()) {
  describe(`need-to-know cases over the REST API on ${engine}`, { skip }, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(engine);
    });
    after(async () => s?.close());

    async function sees(who: UserKey, id: string): Promise<boolean> {
      const r = await s.get(who, `/objects/${id}`);
      assert.ok(r.status === 200 || r.status === 404, r.text);
      return r.status === 200;
    }

    const CASES: [string, string, UserKey[], UserKey[]][] = [
      ['TLP:RED shared with authority only', W.redIndicator.id, ['analyst', 'operator', 'adviser', 'admin'], ['ngOperator', 'ngAdviser', 'ngAnalyst']],
      ['TLP:RED shared with northgrid too', W.sharedRed.id, ['analyst', 'operator', 'ngOperator', 'ngAdviser'], []],
      ['TLP:AMBER+STRICT of authority', W.strictMalware.id, ['operator', 'adviser', 'analyst'], ['ngOperator', 'ngAdviser', 'ngAnalyst']],
      ['SECRET', W.secretMalware.id, ['adviser', 'analyst', 'ngAnalyst', 'ngAdviser'], ['operator', 'ngOperator']],
      ['TOP SECRET', W.tsIntrusionSet.id, ['analyst', 'admin', 'ngAdviser'], ['adviser', 'operator', 'ngAnalyst', 'ngOperator']],
      ['TLP:AMBER (not strict)', W.amberMalware.id, ['operator', 'ngOperator'], []],
      ['a relationship to a SECRET object', W.relVisToSecret.id, ['adviser'], ['operator', 'ngOperator']],
      ['a SECRET relationship between visible objects', W.relSecret.id, ['adviser', 'ngAnalyst'], ['operator', 'ngOperator']],
      ['a sighting of a SECRET object', W.sightingHidden.id, ['adviser'], ['operator', 'ngOperator']],
      ['a relationship from a TLP:RED object', W.relRedToVis.id, ['operator'], ['ngAdviser']],
    ];
    for (const [what, id, yes, no] of CASES) {
      test(`${what}: seen by ${yes.join(', ')}${no.length ? `; not by ${no.join(', ')}` : ''}`, async () => {
        for (const who of yes) assert.equal(await sees(who, id), true, `${who} should see ${id}`);
        for (const who of no) assert.equal(await sees(who, id), false, `${who} should not see ${id}`);
      });
    }

    test('versions: each is shown only to readers cleared for it, and only while the latest is visible too', async () => {
      const down = W.downgraded[0]!.id;
      assert.deepEqual((await s.get('admin', `/objects/${down}/versions`)).json.versions, [T0, W.T1]);
      assert.deepEqual((await s.get('operator', `/objects/${down}/versions`)).json.versions, [W.T1]);
      const old = await s.get('operator', `/objects/${down}?version=${q(T0)}`);
      const none = await s.get('operator', `/objects/${down}?version=${q('2024-06-01T00:00:00Z')}`);
      assert.equal(old.status, 404);
      assert.equal(old.text, none.text);
      const up = W.upgraded[0]!.id; // v1 OFFICIAL, latest SECRET
      assert.deepEqual((await s.get('adviser', `/objects/${up}/versions`)).json.versions, [T0, W.T1]);
      for (const path of [`/objects/${up}/versions`, `/objects/${up}?version=${q(T0)}`]) {
        const r = await s.get('operator', path);
        const n = await s.get('operator', path.replace(up, nonexistentId()));
        assert.equal(r.status, 404, path);
        assert.equal(r.text, n.text, path);
      }
    });

    test('references to hidden objects are removed from what is shown, and kept for those who may see them', async () => {
      const report = (await s.get('operator', `/objects/${W.report.id}`)).json;
      const hiddenForOperator = W.hiddenFor('authority', 'OFFICIAL');
      assert.deepEqual(report.object_refs, REPORT_REFS.filter((r: string) => !hiddenForOperator.includes(r)));
      assert.deepEqual((await s.get('admin', `/objects/${W.report.id}`)).json.object_refs, W.report.object_refs);
      const group = await s.get('adviser', `/objects/${W.greenIntrusionSet.id}`);
      assert.equal(group.json.created_by_ref, undefined);
      assert.equal((await s.get('analyst', `/objects/${W.greenIntrusionSet.id}`)).json.created_by_ref, W.identHidden.id);
      const sighting = await s.get('adviser', `/objects/${W.sightingVisible.id}`);
      assert.deepEqual(sighting.json.where_sighted_refs, [W.identNorthgrid.id]);
    });

    test('a relationship or sighting whose endpoint is hidden is not a reference that survives redaction', async () => {
      // report.object_refs names relVisToSecret, visible by its own marking but linking to a SECRET object
      const r = await s.get('ngOperator', `/objects/${W.report.id}`);
      assertMentionsNone(r.text, [W.relVisToSecret.id, W.secretMalware.id, W.redIndicator.id, W.strictMalware.id], 'report');
      assert.ok(r.json.object_refs.includes(W.relVisible.id));
    });

    test('references nested inside sub-objects are redacted too (email body part → SECRET artifact)', async () => {
      const artifact = {
        type: 'artifact', spec_version: '2.1', id: nonexistentId('artifact'), mime_type: 'text/plain', payload_bin: 'aGVsbG8=',
        object_marking_refs: W.secretMalware.object_marking_refs,
      };
      const email = {
        type: 'email-message', spec_version: '2.1', id: nonexistentId('email-message'), is_multipart: true, subject: 'Invoice',
        body_multipart: [{ content_type: 'text/plain', body_raw_ref: artifact.id }, { content_type: 'text/html', body: '<p>hi</p>' }],
        object_marking_refs: W.greenIndicator.object_marking_refs,
      };
      for (const o of [artifact, email]) {
        const r = await s.req('analyst', 'POST', '/objects', o);
        assert.equal(r.status, 201, r.text);
      }
      const shown = await s.get('operator', `/objects/${email.id}`);
      assert.equal(shown.status, 200, shown.text);
      assertMentionsNone(shown.text, [artifact.id], 'email for the operator');
      assert.deepEqual(shown.json.body_multipart, [{ content_type: 'text/plain' }, email.body_multipart[1]]);
      assert.deepEqual((await s.get('adviser', `/objects/${email.id}`)).json.body_multipart, email.body_multipart);
      const exported = await s.get('operator', '/export?type=email-message');
      assertMentionsNone(exported.text, [artifact.id], 'export');
    });

    test('PATCH by a writer who cannot see all references: the answer mentions none; the hidden ones are kept', async () => {
      const report2 = { ...W.report, id: nonexistentId('report'), name: 'Report to edit' };
      assert.equal((await s.req('analyst', 'POST', '/objects', report2)).status, 201);
      const hiddenForNg = W.hiddenFor('northgrid', 'SECRET');
      const r = await s.req('ngAnalyst', 'PATCH', `/objects/${report2.id}`, { name: 'Edited by northgrid', object_refs: [W.greenIndicator.id] });
      assert.equal(r.status, 200, r.text);
      assertMentionsNone(r.text, hiddenForNg, 'PATCH answer');
      assert.deepEqual(r.json.object_refs, [W.greenIndicator.id]);
      const stored = (await s.get('admin', `/objects/${report2.id}`)).json;
      assert.equal(stored.name, 'Edited by northgrid');
      assert.deepEqual([...stored.object_refs].sort(), [W.greenIndicator.id, ...REPORT_REFS.filter((x: string) => hiddenForNg.includes(x))].sort());
    });

    test('a new version keeps the TLP:RED sharing list and the producing organisation, whoever writes it', async () => {
      const id = W.sharedRed.id;
      const byProducer = await s.req('analyst', 'PATCH', `/objects/${id}`, { description: 'updated by authority' });
      assert.equal(byProducer.status, 200, byProducer.text);
      assert.equal(await sees('ngOperator', id), true, 'still shared with northgrid');
      const byRecipient = await s.req('ngAnalyst', 'PATCH', `/objects/${id}`, { description: 'updated by northgrid' });
      assert.equal(byRecipient.status, 200, byRecipient.text);
      assert.equal(await sees('operator', id), true, 'the producer still sees its own object');
      assert.equal((await s.get('operator', `/objects/${id}`)).json.description, 'updated by northgrid');
      // a recipient may not share it further
      const next = { ...(await s.get('admin', `/objects/${id}`)).json, modified: '2030-01-01T00:00:00.000Z' };
      const widen = await s.req('ngAnalyst', 'POST', `/objects?share_with=elsewhere`, next);
      assert.equal(widen.status, 403, widen.text);
      assert.match(widen.json.message, /Only the producing organisation/);
      // AMBER+STRICT set by a northgrid writer stays with the producer (authority)
      const strict = await s.req('ngAnalyst', 'PATCH', `/objects/${W.amberMalware.id}`, { object_marking_refs: W.strictMalware.object_marking_refs });
      assert.equal(strict.status, 200, strict.text);
      assert.equal(await sees('operator', W.amberMalware.id), true);
      assert.equal(await sees('ngOperator', W.amberMalware.id), false);
    });

    test('a writer cannot overwrite, update or revoke an object hidden from them', async () => {
      const hiddenObj = { ...W.strictMalware, modified: '2030-01-01T00:00:00.000Z', name: 'Overwritten' };
      const put = await s.req('ngAnalyst', 'POST', '/objects', hiddenObj);
      assert.equal(put.status, 403, put.text);
      for (const [method, path, body] of [['PATCH', `/objects/${W.strictMalware.id}`, { name: 'x' }], ['POST', `/objects/${W.strictMalware.id}/revoke`, undefined]] as const) {
        assert.equal((await s.req('ngAnalyst', method, path, body)).status, 404);
      }
      const still = (await s.get('analyst', `/objects/${W.strictMalware.id}`)).json;
      assert.equal(still.name, W.strictMalware.name);
      assert.equal(still.revoked, undefined);
    });
  });
}
