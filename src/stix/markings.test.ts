import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BULWARK_MARKING_NAMESPACE,
  CLASSIFICATION_MARKING_DEFINITIONS,
  CLASSIFICATION_MARKING_IDS,
  CLASSIFICATION_ORDER,
  classificationNameOfMarkingRef,
  classificationOfMarkingRef,
  compareTlp,
  markingRefOfClassification,
  markingRefOfTlp,
  mostRestrictiveTlp,
  TLP1_MARKING_DEFINITIONS,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_DEFINITION,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP2_MARKING_DEFINITIONS,
  TLP2_MARKING_IDS,
  tlp1MarkingRefOf,
  TLP_ORDER,
  tlpOfMarkingRef,
  tlpRank,
  wellKnownMarkingDefinition,
  wellKnownMarkingObjects,
  type Tlp,
} from './markings.js';
import { uuidv5 } from './sco-id.js';

test('TLP 2.0 marking definitions are the OASIS-published objects', () => {
  // As in oasis-open/cti-stix-common-objects extension-definition-specifications/tlp-2.0/examples/tlp-amber+strict.json
  assert.deepEqual(TLP2_MARKING_DEFINITIONS['AMBER+STRICT'], {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:AMBER+STRICT',
    extensions: {
      'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber+strict' },
    },
  });
  const expected: Record<Tlp, [string, string]> = {
    CLEAR: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'clear'],
    GREEN: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'green'],
    AMBER: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'amber'],
    'AMBER+STRICT': ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'amber+strict'],
    RED: ['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'red'],
  };
  for (const tlp of TLP_ORDER) {
    const md = TLP2_MARKING_DEFINITIONS[tlp];
    const [id, value] = expected[tlp];
    assert.equal(md.id, id);
    assert.equal(TLP2_MARKING_IDS[tlp], id);
    assert.equal(md.name, `TLP:${tlp}`);
    assert.deepEqual(md.extensions, { [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: value } });
    assert.deepEqual(Object.keys(md).sort(), ['created', 'extensions', 'id', 'name', 'spec_version', 'type']);
  }
  assert.equal(TLP2_EXTENSION_DEFINITION.id, TLP2_EXTENSION_DEFINITION_ID);
  assert.deepEqual(TLP2_EXTENSION_DEFINITION.extension_types, ['property-extension']);
});

test('TLP 1.0 marking definitions are the STIX 2.1 objects', () => {
  assert.deepEqual(TLP1_MARKING_DEFINITIONS.WHITE, {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: 'TLP:WHITE',
    definition: { tlp: 'white' },
  });
  assert.equal(TLP1_MARKING_IDS.GREEN, 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da');
  assert.equal(TLP1_MARKING_IDS.AMBER, 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82');
  assert.equal(TLP1_MARKING_IDS.RED, 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed');
  assert.deepEqual(TLP1_MARKING_DEFINITIONS.RED.definition, { tlp: 'red' });
});

test('tlpOfMarkingRef reads TLP 2.0 and TLP 1.0 ids; markingRefOfTlp gives TLP 2.0', () => {
  for (const tlp of TLP_ORDER) {
    assert.equal(tlpOfMarkingRef(markingRefOfTlp(tlp)), tlp);
    const v1 = tlp1MarkingRefOf(tlp);
    if (v1) assert.equal(tlpOfMarkingRef(v1), tlp);
  }
  assert.equal(tlpOfMarkingRef(TLP1_MARKING_IDS.WHITE), 'CLEAR');
  assert.equal(tlp1MarkingRefOf('AMBER+STRICT'), undefined);
  assert.equal(tlpOfMarkingRef('marking-definition--00000000-0000-4000-8000-000000000000'), undefined);
  assert.equal(tlpOfMarkingRef(CLASSIFICATION_MARKING_IDS.SECRET), undefined);
});

test('TLP ordering: CLEAR < GREEN < AMBER < AMBER+STRICT < RED', () => {
  assert.deepEqual(TLP_ORDER.map(tlpRank), [0, 1, 2, 3, 4]);
  assert.deepEqual((['RED', 'CLEAR', 'AMBER+STRICT', 'GREEN', 'AMBER'] as Tlp[]).sort(compareTlp), TLP_ORDER);
  assert.equal(mostRestrictiveTlp(['GREEN', undefined, 'AMBER+STRICT', 'AMBER']), 'AMBER+STRICT');
  assert.equal(mostRestrictiveTlp([]), undefined);
});

test('classification markings: fixed ids derived as documented, statement definitions', () => {
  // namespace = UUIDv5(NAMESPACE_URL, 'urn:bulwark:stix:marking-definition')
  assert.equal(uuidv5('urn:bulwark:stix:marking-definition', '6ba7b811-9dad-11d1-80b4-00c04fd430c8'), BULWARK_MARKING_NAMESPACE);
  CLASSIFICATION_ORDER.forEach((level, rank) => {
    const id = `marking-definition--${uuidv5(`classification:${level}`, BULWARK_MARKING_NAMESPACE)}`;
    assert.equal(CLASSIFICATION_MARKING_IDS[level], id, level);
    assert.equal(markingRefOfClassification(level), id);
    assert.equal(classificationOfMarkingRef(id), rank);
    assert.equal(classificationNameOfMarkingRef(id), level);
    assert.deepEqual(CLASSIFICATION_MARKING_DEFINITIONS[level], {
      type: 'marking-definition',
      spec_version: '2.1',
      id,
      created: '2025-01-01T00:00:00.000Z',
      name: `UK ${level}`,
      definition_type: 'statement',
      definition: { statement: level },
    });
  });
  assert.equal(classificationOfMarkingRef(TLP2_MARKING_IDS.RED), undefined);
});

test('seed objects: all well-known markings, ids unique, copies independent of the frozen constants', () => {
  const objs = wellKnownMarkingObjects();
  assert.equal(objs.length, 1 + 5 + 4 + 3);
  assert.equal(new Set(objs.map((o) => o.id)).size, objs.length);
  for (const o of objs) {
    assert.match(o.id, /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    if (o.type === 'marking-definition') assert.deepEqual(wellKnownMarkingDefinition(o.id), o);
  }
  (objs[1] as unknown as { name: string }).name = 'changed';
  assert.equal(TLP2_MARKING_DEFINITIONS.CLEAR.name, 'TLP:CLEAR');
  assert.ok(Object.isFrozen(TLP2_MARKING_DEFINITIONS.CLEAR.extensions));
});
