/**
 * STIX Meta Objects: marking-definition (statement markings, the TLP 1.0 markings of the
 * specification, TLP 2.0 markings defined through their extension definition), language-content
 * and extension-definition.
 */
import type { Ctx } from './ctx.js';
import { type Chk, type Obj, ident, identNot, isObj, list, oneOf, str, strList, ts, typeName } from './common.js';
import { type TypeSpec, SDO_REQUIRED, SPEC_VERSION, sdoCommon } from './core.js';
import { EXTENSION_TYPE } from './data.js';
import { extensionsChecker } from './extensions.js';
import { isLanguageTag } from './lang.js';
import { openVocabFormat } from './practices.js';
import { dict, externalReferences, granularMarkings, markingRefs } from './structures.js';

const TLP1: Record<string, [string, string]> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': ['white', 'TLP:WHITE'],
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': ['green', 'TLP:GREEN'],
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': ['amber', 'TLP:AMBER'],
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': ['red', 'TLP:RED'],
};
const TLP1_KEYS = new Set(['type', 'id', 'spec_version', 'name', 'created', 'definition', 'definition_type']);

export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP2: Record<string, [string, string]> = {
  clear: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'TLP:CLEAR'],
  green: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'TLP:GREEN'],
  amber: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'TLP:AMBER'],
  'amber+strict': ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'TLP:AMBER+STRICT'],
  red: ['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'TLP:RED'],
};

/** The four TLP 1.0 marking definitions are fixed objects; anything else using definition_type 'tlp' is invalid. */
function checkTlp1(o: Obj, c: Ctx): void {
  const fixed = typeof o.id === 'string' ? TLP1[o.id] : undefined;
  const problems: string[] = [];
  if (fixed === undefined) problems.push('its id is not one of the four TLP marking definition ids');
  else {
    const def = o.definition;
    if (!isObj(def) || def.tlp !== fixed[0]) problems.push(`definition must be {"tlp": "${fixed[0]}"}`);
    if (o.name !== fixed[1]) problems.push(`name must be '${fixed[1]}'`);
  }
  if (o.created !== '2017-01-20T00:00:00.000Z') problems.push("created must be '2017-01-20T00:00:00.000Z'");
  for (const k in o) if (!TLP1_KEYS.has(k)) problems.push(`property '${k}' is not allowed`);
  if (problems.length > 0) {
    c.err(`a TLP marking definition must be exactly one of the four TLP 1.0 marking definitions of the specification: ${problems.join('; ')}`);
  }
}

function checkTlp2(o: Obj, ext: unknown, c: Ctx): void {
  c.push('extensions');
  c.push(TLP2_EXTENSION);
  if (isObj(ext)) {
    const level = ext.tlp_2_0;
    const fixed = typeof level === 'string' ? TLP2[level] : undefined;
    if (fixed === undefined) c.bad(`must be one of ${Object.keys(TLP2).join(', ')}`, 'tlp_2_0');
    if (ext.extension_type !== 'property-extension') c.bad("must be 'property-extension'", 'extension_type');
    for (const k in ext) if (k !== 'extension_type' && k !== 'tlp_2_0') c.err(`'${k}' is not a property of the TLP 2.0 extension`, k);
    c.pop();
    c.pop();
    if (fixed !== undefined) {
      if (o.id !== fixed[0]) c.err(`a TLP 2.0 '${level as string}' marking definition must have id '${fixed[0]}'`, 'id');
      if (o.name !== fixed[1]) c.err(`a TLP 2.0 '${level as string}' marking definition must have name '${fixed[1]}'`, 'name');
    }
    return;
  }
  c.pop();
  c.pop();
}

const definitionObject: Chk = (v, c) => {
  if (!isObj(v)) c.bad(`must be an object, not ${typeName(v)}`);
};

const markingDefinition: TypeSpec = {
  type: 'marking-definition',
  kind: 'meta',
  generic: false,
  props: new Map(Object.entries({
    type: str, spec_version: SPEC_VERSION, id: ident, created_by_ref: ident, created: ts,
    external_references: externalReferences, object_marking_refs: markingRefs, granular_markings: granularMarkings,
    extensions: extensionsChecker(null, true), name: str, definition_type: str, definition: definitionObject,
  })),
  required: ['type', 'spec_version', 'id', 'created'],
  check(o, c) {
    const dt = o.definition_type;
    const def = o.definition;
    if (dt === 'tlp') checkTlp1(o, c);
    else if (dt === undefined || def === undefined) {
      if (o.extensions === undefined) {
        c.err('a marking definition needs definition_type and definition, or an extension (such as TLP 2.0) that defines the marking');
      }
    } else if (dt === 'statement') {
      if (isObj(def) && typeof def.statement !== 'string') c.err('a statement marking needs definition.statement (a string)', 'definition');
    } else if (typeof dt === 'string' && (dt.startsWith('statement') || dt.endsWith('tlp'))) {
      c.err(`definition_type '${dt}' is neither 'statement' nor 'tlp' nor a distinct custom definition type`, 'definition_type');
    }
    const exts = o.extensions;
    if (isObj(exts) && exts[TLP2_EXTENSION] !== undefined) checkTlp2(o, exts[TLP2_EXTENSION], c);
    const id = o.id;
    const refs = o.object_marking_refs;
    if (Array.isArray(refs) && refs.includes(id)) {
      c.err('object_marking_refs must not refer to this marking definition itself', 'object_marking_refs');
    }
    const gms = o.granular_markings;
    if (Array.isArray(gms) && gms.some((g) => isObj(g) && g.marking_ref === id)) {
      c.err('granular_markings must not refer to this marking definition itself', 'granular_markings');
    }
  },
  practices(o, c) {
    const dt = o.definition_type;
    if (dt !== undefined && dt !== 'statement' && dt !== 'tlp') {
      c.warn('marking-definition-type', "definition_type should be 'statement' or 'tlp'; define other markings through an extension", 'definition_type');
      if (o.extensions === undefined) {
        c.warn('extensions-use', 'custom marking definitions should be defined through an extension definition', 'definition_type');
      }
    } else if (dt === undefined && o.extensions === undefined) {
      c.warn('extensions-use', 'custom marking definitions should be defined through an extension definition');
    }
    openVocabFormat(o, ['definition_type'], c);
  },
};

const PROPERTY_NAME_RE = /^[a-z0-9_]{3,250}$/;

const contents = dict((v, c) => {
  if (!isObj(v)) return c.bad(`must be an object mapping property names to translated values, not ${typeName(v)}`);
  for (const k in v) {
    if (!PROPERTY_NAME_RE.test(k)) c.bad('is not a property name (3-250 characters of a-z, 0-9, _)', k);
  }
});

function withoutProps(p: Record<string, Chk>, names: readonly string[]): Record<string, Chk> {
  const out = { ...p };
  for (const n of names) delete out[n];
  return out;
}

const languageContent: TypeSpec = {
  type: 'language-content',
  kind: 'meta',
  generic: true,
  props: new Map(Object.entries({
    ...withoutProps(sdoCommon(), ['lang', 'description']),
    object_ref: identNot(['bundle', 'language-content'], 'the object being translated'),
    object_modified: ts,
    contents,
  })),
  required: [...SDO_REQUIRED, 'object_ref', 'contents'],
  check(o, c) {
    const cs = o.contents;
    if (!isObj(cs)) return;
    c.push('contents');
    for (const k in cs) {
      if (!isLanguageTag(k)) c.bad(`is not an RFC 5646 language tag (such as 'de' or 'pt-BR')`, k);
    }
    c.pop();
  },
};

const extensionDefinition: TypeSpec = {
  type: 'extension-definition',
  kind: 'meta',
  generic: true,
  props: new Map(Object.entries({
    ...withoutProps(sdoCommon(), ['lang', 'confidence', 'extensions']),
    name: str,
    schema: str,
    version: str,
    extension_types: list(oneOf(EXTENSION_TYPE, 'extension-type-enum')),
    extension_properties: strList,
  })),
  required: [...SDO_REQUIRED, 'created_by_ref', 'name', 'schema', 'version', 'extension_types'],
  check(o, c) {
    const types = o.extension_types;
    if (o.extension_properties !== undefined && Array.isArray(types) && !types.includes('toplevel-property-extension')) {
      c.err("extension_properties is only allowed when extension_types includes 'toplevel-property-extension'", 'extension_properties');
    }
  },
  practices(o, c) {
    if (o.description === undefined) c.warn('extension-description', 'an extension definition should have a description');
    const types = o.extension_types;
    if (Array.isArray(types) && types.includes('toplevel-property-extension') && o.extension_properties === undefined) {
      c.warn('extension-properties', "a 'toplevel-property-extension' should list its property names in extension_properties");
    }
  },
};

export const META_SPECS: readonly TypeSpec[] = [markingDefinition, languageContent, extensionDefinition];

