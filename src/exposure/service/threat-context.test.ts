/**
 * Threat context from the knowledge store, on both engines: intrusion sets and campaigns that use or
 * target a vulnerability, with the Bulwark sectors of the identities they target; sightings of a
 * vulnerability as exploitation evidence; only intelligence every signed-in user may read counts; the
 * latest version counts and revoked objects do not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../store/test-engines.js';
import { openAccessTestStore, SYSTEM } from '../../access/test-support.js';
import { createServices, type AppServices } from '../../app.js';
import type { TestStore } from '../../store/test-engines.js';
import { TLP2_MARKING_IDS } from '../../stix/markings.js';
import { vulnerabilityId } from '../sources/stix-vulnerability.js';
import { buildThreatContext, cveOf, loadThreatContext, sectorsOf } from './threat-context.js';

const T = '2026-01-10T00:00:00.000Z';
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const sdo = (type: string, extra: Record<string, unknown>) => ({ type, spec_version: '2.1', id: `${type}--${uuid()}`, created: T, modified: T, ...extra });
const rel = (kind: string, source: { id: string }, target: { id: string }, extra: Record<string, unknown> = {}) =>
  sdo('relationship', { relationship_type: kind, source_ref: source.id, target_ref: target.id, ...extra });

test('STIX industry sectors map to Bulwark sector codes; unknown ones to none', () => {
  assert.deepEqual(sectorsOf('energy'), ['energy']);
  assert.deepEqual(sectorsOf('Utilities'), ['energy', 'water']);
  assert.deepEqual(sectorsOf('telecommunications'), ['communications']);
  assert.deepEqual(sectorsOf('financial-services'), ['finance']);
  assert.deepEqual(sectorsOf('government-national'), ['government']);
  assert.deepEqual(sectorsOf('defense'), ['defence']);
  assert.deepEqual(sectorsOf('nuclear'), ['civil-nuclear']);
  assert.deepEqual(sectorsOf('healthcare'), ['health']);
  assert.deepEqual(sectorsOf('transportation'), ['transport']);
  assert.deepEqual(sectorsOf('chemical'), ['chemicals']);
  assert.deepEqual(sectorsOf('agriculture'), ['food']);
  assert.deepEqual(sectorsOf('education'), []);
});

test('a vulnerability names its CVE by its cve external reference, else by its name', () => {
  assert.equal(cveOf({ name: 'Citrix Bleed', external_references: [{ source_name: 'cve', external_id: 'CVE-2023-4966' }] }), 'CVE-2023-4966');
  assert.equal(cveOf({ name: 'cve-2024-3400' }), 'CVE-2024-3400');
  assert.equal(cveOf({ name: 'a bug' }), null);
});

test('actors using or targeting a CVE carry the sectors they target; campaigns and intrusion sets alike; other relationship types ignored', () => {
  const v1 = sdo('vulnerability', { name: 'CVE-2024-21762' });
  const v2 = sdo('vulnerability', { name: 'CVE-2016-8562' });
  const energy = sdo('identity', { name: 'Energy operators', identity_class: 'class', sectors: ['energy', 'utilities'] });
  const telco = sdo('identity', { name: 'Telcos', identity_class: 'class', sectors: ['telecommunications'] });
  const set = sdo('intrusion-set', { name: 'Copper Lantern' });
  const camp = sdo('campaign', { name: 'Operation Dim Grid' });
  const malware = sdo('malware', { name: 'x', is_family: true });
  const ctx = buildThreatContext([
    v1, v2, energy, telco, set, camp, malware,
    rel('uses', set, v1), rel('targets', set, v2), rel('targets', set, energy),
    rel('targets', camp, v1), rel('targets', camp, telco),
    rel('related-to', malware, v2), rel('mitigates', set, v2),
  ]);
  assert.deepEqual(ctx.usedBy.get('CVE-2024-21762'), [
    { name: 'Copper Lantern', kind: 'intrusion-set', targetsSectors: ['energy', 'water'] },
    { name: 'Operation Dim Grid', kind: 'campaign', targetsSectors: ['communications'] },
  ]);
  assert.deepEqual(ctx.usedBy.get('CVE-2016-8562'), [{ name: 'Copper Lantern', kind: 'intrusion-set', targetsSectors: ['energy', 'water'] }]);
  assert.equal(ctx.usedBy.size, 2);
});

for (const { engine, skip } of testEngines()) {
  describe(`threat context from the knowledge store on ${engine}`, { skip }, () => {
    let store: TestStore;
    let app: AppServices;
    before(async () => {
      store = await openAccessTestStore(engine);
      app = createServices(store.db, { loginRateLimit: 10, importBatchSize: 500 });
      await app.users.createOrganisation(SYSTEM, { id: 'authority', name: 'The Authority' });
    });
    after(async () => store?.dispose());

    test('reads actors, targeted sectors and sightings; ignores what not every signed-in user may read, and revoked objects', async () => {
      const green = [TLP2_MARKING_IDS.GREEN];
      // the NVD import's vulnerability object for the CVE (deterministic id), and one named only by its name
      const v1 = sdo('vulnerability', { id: vulnerabilityId('CVE-2024-21762'), name: 'CVE-2024-21762', external_references: [{ source_name: 'cve', external_id: 'CVE-2024-21762' }] });
      const v2 = sdo('vulnerability', { name: 'CVE-2023-6448', object_marking_refs: green });
      const energy = sdo('identity', { name: 'UK electricity operators', identity_class: 'class', sectors: ['energy'] });
      const ncsc = sdo('identity', { name: 'Northgrid SOC', identity_class: 'organization' });
      const set = sdo('intrusion-set', { name: 'Copper Lantern', object_marking_refs: green });
      const secret = sdo('intrusion-set', { name: 'Hidden Heron', object_marking_refs: [TLP2_MARKING_IDS.RED] });
      const strict = sdo('campaign', { name: 'Operation Strict', object_marking_refs: [TLP2_MARKING_IDS['AMBER+STRICT']] });
      const gone = sdo('campaign', { name: 'Operation Gone' });
      const objects = [
        v1, v2, energy, ncsc, set, secret, strict, gone,
        rel('uses', set, v1), rel('targets', set, v2), rel('targets', set, energy),
        rel('uses', secret, v1), rel('targets', secret, energy),
        rel('uses', strict, v1),
        rel('uses', gone, v1),
        sdo('sighting', { sighting_of_ref: v2.id, created_by_ref: ncsc.id, first_seen: '2026-03-01T00:00:00Z', last_seen: '2026-03-04T00:00:00Z', count: 3 }),
      ];
      for (const o of objects) await app.knowledge.put(SYSTEM, o);
      await app.knowledge.revoke(SYSTEM, gone.id);
      const ctx = await loadThreatContext(store.db);
      assert.deepEqual(ctx.usedBy.get('CVE-2024-21762'), [{ name: 'Copper Lantern', kind: 'intrusion-set', targetsSectors: ['energy'] }]);
      assert.deepEqual(ctx.usedBy.get('CVE-2023-6448'), [{ name: 'Copper Lantern', kind: 'intrusion-set', targetsSectors: ['energy'] }]);
      assert.deepEqual(ctx.sightings.get('CVE-2023-6448'), [{ source: 'Northgrid SOC', exploited: true, date: '2026-03-04' }]);
      assert.doesNotMatch(JSON.stringify([...ctx.usedBy]), /Hidden Heron|Operation Strict|Operation Gone/);
      // a new version that stops targeting energy changes the context (and its digest)
      await app.knowledge.put(SYSTEM, { ...energy, modified: '2026-02-01T00:00:00.000Z', sectors: ['education'] });
      const later = await loadThreatContext(store.db);
      assert.deepEqual(later.usedBy.get('CVE-2024-21762'), [{ name: 'Copper Lantern', kind: 'intrusion-set', targetsSectors: [] }]);
      assert.notEqual(later.digest, ctx.digest);
    });
  });
}
