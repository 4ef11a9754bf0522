/**
 * The 19 STIX Domain Objects: property tables, cross-property requirements and best practices.
 */
import type { Ctx } from './ctx.js';
import {
  type Chk, type Obj, bool, ident, identOf, idType, intRange, isIdentifier, isObj, list, num, numRange, oneOf, str,
  strList, ts, typeName,
} from './common.js';
import { type TypeSpec, SDO_REQUIRED, sdoCommon } from './core.js';
import * as V from './data.js';
import { killChainNames, openVocabFormat, vocabPractice } from './practices.js';
import { validateIndicatorPattern } from './pattern-check.js';
import { identList, killChainPhases } from './structures.js';

type Order = TypeSpec['order'];

function sdo(type: string, props: Record<string, Chk>, required: readonly string[], more: Partial<TypeSpec> = {}): TypeSpec {
  return {
    type,
    kind: 'sdo',
    props: new Map(Object.entries({ ...sdoCommon(), ...props })),
    required: [...SDO_REQUIRED, ...required],
    generic: true,
    ...more,
  };
}

const seen: Order = [['last_seen', 'first_seen', false]];
const software = identOf(['software']);

const SDO_TYPE_NAMES = [
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure',
  'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report',
  'threat-actor', 'tool', 'vulnerability',
];
const SDO_SET = new Set(SDO_TYPE_NAMES);

/** observed-data object_refs: SCOs and SROs (and custom objects), never SDOs. */
const observedRef: Chk = (v, c) => {
  if (typeof v !== 'string' || !isIdentifier(v)) return ident(v, c);
  if (SDO_SET.has(idType(v))) c.bad(`must refer to a Cyber-observable Object or a relationship/sighting, not the SDO '${v}'`);
};

/** Validator for the deprecated observed-data `objects` dictionary; installed by index.ts. */
let observedObjects: (objects: Obj, c: Ctx) => void = () => undefined;
export function setObservedObjectsValidator(fn: (objects: Obj, c: Ctx) => void): void {
  observedObjects = fn;
}

const objectsDict: Chk = (v, c) => {
  if (!isObj(v)) return c.bad(`must be a dictionary of Cyber-observable Objects keyed by reference, not ${typeName(v)}`);
  let n = 0;
  for (const k in v) {
    n++;
    if (!isObj(v[k])) c.bad(`must be a Cyber-observable Object, not ${typeName(v[k])}`, k);
  }
  if (n === 0) return c.bad('must not be an empty dictionary');
  observedObjects(v, c);
};

const DIGITS_RE = /^\d+$/;
const PRODUCT_RE = /^[a-z0-9-]+$/;

export const SDO_SPECS: readonly TypeSpec[] = [
  sdo('attack-pattern', { name: str, aliases: strList, kill_chain_phases: killChainPhases }, ['name'], {
    practices: (o, c) => killChainNames(o, c),
  }),
  sdo('campaign', { name: str, aliases: strList, first_seen: ts, last_seen: ts, objective: str }, ['name'], { order: seen }),
  sdo('course-of-action', { name: str }, ['name']),
  sdo('grouping', { name: str, context: str, object_refs: identList }, ['context', 'object_refs'], {
    practices(o, c) {
      vocabPractice(o, 'context', V.GROUPING_CONTEXT, 'grouping-context', 'grouping-context-ov', c);
      openVocabFormat(o, ['context'], c);
    },
  }),
  sdo(
    'identity',
    { name: str, roles: strList, identity_class: str, sectors: strList, contact_information: str },
    ['name'],
    {
      practices(o, c) {
        vocabPractice(o, 'identity_class', V.IDENTITY_CLASS, 'identity-class', 'identity-class-ov', c);
        vocabPractice(o, 'sectors', V.INDUSTRY_SECTOR, 'industry-sector', 'industry-sector-ov', c);
        openVocabFormat(o, ['identity_class', 'sectors'], c);
      },
    },
  ),
  sdo('incident', { name: str }, ['name']),
  sdo(
    'indicator',
    {
      name: str, indicator_types: strList, pattern: str, pattern_type: str, pattern_version: str, valid_from: ts,
      valid_until: ts, kill_chain_phases: killChainPhases,
    },
    ['pattern', 'pattern_type', 'valid_from'],
    {
      order: [['valid_until', 'valid_from', true]],
      check: (o, c) => validateIndicatorPattern(o, c),
      practices(o, c) {
        vocabPractice(o, 'indicator_types', V.INDICATOR_TYPE, 'indicator-types', 'indicator-type-ov', c);
        vocabPractice(o, 'pattern_type', V.PATTERN_TYPE, 'indicator-pattern-types', 'pattern-type-ov', c);
        if (c.on('indicator-properties') && (o.name === undefined || o.description === undefined)) {
          c.warn('indicator-properties', 'an indicator should have both a name and a description');
        }
        killChainNames(o, c);
        openVocabFormat(o, ['indicator_types'], c);
      },
    },
  ),
  sdo(
    'infrastructure',
    { name: str, infrastructure_types: strList, aliases: strList, kill_chain_phases: killChainPhases, first_seen: ts, last_seen: ts },
    ['name'],
    {
      order: seen,
      practices(o, c) {
        vocabPractice(o, 'infrastructure_types', V.INFRASTRUCTURE_TYPE, 'infrastructure-types', 'infrastructure-type-ov', c);
        killChainNames(o, c);
        openVocabFormat(o, ['infrastructure_types'], c);
      },
    },
  ),
  sdo(
    'intrusion-set',
    {
      name: str, aliases: strList, first_seen: ts, last_seen: ts, goals: strList, resource_level: str,
      primary_motivation: str, secondary_motivations: strList,
    },
    ['name'],
    {
      order: seen,
      practices(o, c) {
        vocabPractice(o, 'resource_level', V.ATTACK_RESOURCE_LEVEL, 'attack-resource-level', 'attack-resource-level-ov', c);
        vocabPractice(o, 'primary_motivation', V.ATTACK_MOTIVATION, 'attack-motivation', 'attack-motivation-ov', c);
        vocabPractice(o, 'secondary_motivations', V.ATTACK_MOTIVATION, 'attack-motivation', 'attack-motivation-ov', c);
        openVocabFormat(o, ['resource_level', 'primary_motivation', 'secondary_motivations'], c);
      },
    },
  ),
  sdo(
    'location',
    {
      name: str, latitude: numRange(-90, 90), longitude: numRange(-180, 180), precision: num, region: str, country: str,
      administrative_area: str, city: str, street_address: str, postal_code: str,
    },
    [],
    {
      check(o, c) {
        const lat = o.latitude !== undefined;
        const lon = o.longitude !== undefined;
        if (lat !== lon) c.err('latitude and longitude must be given together', lat ? 'longitude' : 'latitude');
        if (o.precision !== undefined && !(lat && lon)) c.err('precision requires latitude and longitude', 'precision');
        if (o.region === undefined && o.country === undefined && !(lat && lon)) {
          c.err('a location needs at least one of region, country, or latitude and longitude');
        }
      },
      practices(o, c) {
        vocabPractice(o, 'region', V.REGION, 'region', 'region-ov', c);
        const country = o.country;
        if (c.on('countries') && typeof country === 'string' && !V.COUNTRY_ALPHA2.has(country.toUpperCase())) {
          c.warn('countries', `country should be an ISO 3166-1 alpha-2 code (e.g. 'DE'), not '${country}'`, 'country');
        }
        openVocabFormat(o, ['region'], c);
      },
    },
  ),
  sdo(
    'malware',
    {
      name: str, is_family: bool, malware_types: strList, aliases: strList, kill_chain_phases: killChainPhases,
      first_seen: ts, last_seen: ts, operating_system_refs: list(software), architecture_execution_envs: strList,
      implementation_languages: strList, capabilities: strList, sample_refs: identList,
    },
    ['is_family'],
    {
      order: seen,
      check(o, c) {
        if (o.is_family === true && o.name === undefined) c.err('name is required when is_family is true', 'name');
      },
      practices(o, c) {
        vocabPractice(o, 'malware_types', V.MALWARE_TYPE, 'malware-types', 'malware-type-ov', c);
        vocabPractice(o, 'implementation_languages', V.IMPLEMENTATION_LANGUAGE, 'implementation-languages', 'implementation-language-ov', c);
        vocabPractice(o, 'capabilities', V.MALWARE_CAPABILITIES, 'malware-capabilities', 'malware-capabilities-ov', c);
        vocabPractice(o, 'architecture_execution_envs', V.PROCESSOR_ARCHITECTURE, 'processor-architecture', 'processor-architecture-ov', c);
        killChainNames(o, c);
        openVocabFormat(o, ['malware_types', 'architecture_execution_envs', 'implementation_languages', 'capabilities'], c);
      },
    },
  ),
  sdo(
    'malware-analysis',
    {
      product: str, version: str, host_vm_ref: software, operating_system_ref: software,
      installed_software_refs: list(software), configuration_version: str, modules: strList,
      analysis_engine_version: str, analysis_definition_version: str, submitted: ts, analysis_started: ts,
      analysis_ended: ts, result_name: str, result: str, analysis_sco_refs: identList,
      sample_ref: identOf(['artifact', 'file', 'network-traffic']),
    },
    ['product'],
    {
      check(o, c) {
        if (o.result === undefined && o.analysis_sco_refs === undefined) {
          c.err('a malware-analysis needs at least one of result or analysis_sco_refs');
        }
      },
      practices(o, c) {
        vocabPractice(o, 'result', V.MALWARE_RESULT, 'malware-result', 'malware-result-ov', c);
        const p = o.product;
        if (c.on('malware-analysis-product') && typeof p === 'string' && !PRODUCT_RE.test(p)) {
          c.warn('malware-analysis-product', `product '${p}' should be lowercase with words separated by hyphens`, 'product');
        }
        openVocabFormat(o, ['result'], c);
      },
    },
  ),
  sdo('note', { abstract: str, content: str, authors: strList, object_refs: identList }, ['content', 'object_refs']),
  sdo(
    'observed-data',
    {
      first_observed: ts, last_observed: ts, number_observed: intRange(1, 999999999), objects: objectsDict,
      object_refs: list(observedRef),
    },
    ['first_observed', 'last_observed', 'number_observed'],
    {
      order: [['last_observed', 'first_observed', false]],
      check(o, c) {
        if ((o.objects === undefined) === (o.object_refs === undefined)) {
          c.err('observed-data must have exactly one of object_refs or the deprecated objects');
        }
      },
      practices(o, c) {
        const objs = o.objects;
        if (objs === undefined) return;
        c.warn('deprecated-properties', "'objects' is deprecated in STIX 2.1: use object_refs to SCOs instead", 'objects');
        if (isObj(objs) && c.on('observable-object-keys')) {
          c.push('objects');
          for (const k in objs) {
            if (!DIGITS_RE.test(k)) c.warn('observable-object-keys', `key '${k}' should be a non-negative integer`, k);
          }
          c.pop();
        }
      },
    },
  ),
  sdo(
    'opinion',
    { explanation: str, authors: strList, object_refs: identList, opinion: oneOf(V.OPINION, 'opinion-enum') },
    ['object_refs', 'opinion'],
  ),
  sdo(
    'report',
    { name: str, report_types: strList, published: ts, object_refs: identList },
    ['name', 'published', 'object_refs'],
    {
      practices(o, c) {
        vocabPractice(o, 'report_types', V.REPORT_TYPE, 'report-types', 'report-type-ov', c);
        openVocabFormat(o, ['report_types'], c);
      },
    },
  ),
  sdo(
    'threat-actor',
    {
      name: str, threat_actor_types: strList, aliases: strList, first_seen: ts, last_seen: ts, roles: strList,
      goals: strList, sophistication: str, resource_level: str, primary_motivation: str,
      secondary_motivations: strList, personal_motivations: strList,
    },
    ['name'],
    {
      order: seen,
      practices(o, c) {
        vocabPractice(o, 'threat_actor_types', V.THREAT_ACTOR_TYPE, 'threat-actor-types', 'threat-actor-type-ov', c);
        vocabPractice(o, 'roles', V.THREAT_ACTOR_ROLE, 'threat-actor-role', 'threat-actor-role-ov', c);
        vocabPractice(o, 'sophistication', V.THREAT_ACTOR_SOPHISTICATION, 'threat-actor-sophistication', 'threat-actor-sophistication-ov', c);
        vocabPractice(o, 'resource_level', V.ATTACK_RESOURCE_LEVEL, 'attack-resource-level', 'attack-resource-level-ov', c);
        for (const p of ['primary_motivation', 'secondary_motivations', 'personal_motivations']) {
          vocabPractice(o, p, V.ATTACK_MOTIVATION, 'attack-motivation', 'attack-motivation-ov', c);
        }
        openVocabFormat(o, ['threat_actor_types', 'roles', 'sophistication', 'resource_level', 'primary_motivation',
          'secondary_motivations', 'personal_motivations'], c);
      },
    },
  ),
  sdo(
    'tool',
    { name: str, tool_types: strList, aliases: strList, kill_chain_phases: killChainPhases, tool_version: str },
    ['name'],
    {
      practices(o, c) {
        vocabPractice(o, 'tool_types', V.TOOL_TYPE, 'tool-types', 'tool-type-ov', c);
        killChainNames(o, c);
        openVocabFormat(o, ['tool_types'], c);
      },
    },
  ),
  sdo('vulnerability', { name: str }, ['name']),
];
