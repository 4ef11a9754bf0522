/**
 * STIX Relationship Objects: relationship and sighting, with the relationship types the
 * specification defines between object types (best practice 'relationship-types').
 */
import { type Chk, bool, identNot, identOf, idType, intRange, list, strMatch, ts } from './common.js';
import { type TypeSpec, SDO_REQUIRED, sdoCommon } from './core.js';

const SCO_TYPES = [
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate',
];

/** source type -> relationship type -> allowed target types (STIX 2.1 relationship summaries). */
const RELATIONSHIPS: Record<string, Record<string, readonly string[]>> = {
  'attack-pattern': { delivers: ['malware'], targets: ['identity', 'location', 'vulnerability'], uses: ['malware', 'tool'] },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'], compromises: ['infrastructure'], 'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'], uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  'course-of-action': {
    investigates: ['indicator'], mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  'domain-name': { 'resolves-to': ['domain-name', 'ipv4-addr', 'ipv6-addr'] },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    'consists-of': ['infrastructure', 'observed-data', ...SCO_TYPES], controls: ['infrastructure', 'malware'],
    delivers: ['malware'], has: ['vulnerability'], hosts: ['tool', 'malware'], 'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'], compromises: ['infrastructure'], hosts: ['infrastructure'],
    'originates-from': ['location'], owns: ['infrastructure'], targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  'ipv4-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
  'ipv6-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'], 'beacons-to': ['infrastructure'], 'exfiltrates-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'], controls: ['malware'],
    downloads: ['malware', 'file', 'tool'], drops: ['malware', 'file', 'tool'], exploits: ['vulnerability'],
    'originates-from': ['location'], targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'], 'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: ['malware'], 'analysis-of': ['malware'], 'static-analysis-of': ['malware'], 'dynamic-analysis-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'], compromises: ['infrastructure'], hosts: ['infrastructure'], owns: ['infrastructure'],
    impersonates: ['identity'], 'located-at': ['location'], targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  tool: {
    delivers: ['malware'], drops: ['malware'], has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'], uses: ['infrastructure'],
  },
  vulnerability: { impacts: ['infrastructure', 'tool'] },
};

const COMMON_RELATIONSHIPS = new Set(['derived-from', 'duplicate-of', 'related-to']);
const NOT_SDO = new Set(['bundle', 'language-content', 'marking-definition', 'sighting', 'relationship', 'extension-definition']);
const NOT_RELATABLE = ['relationship', 'sighting', 'bundle', 'marking-definition', 'language-content'];

const endpoint = identNot(NOT_RELATABLE, 'an SDO, SCO or custom object (not an SRO, bundle or meta object)');

function sro(type: string, props: Record<string, Chk>, required: readonly string[], more: Partial<TypeSpec>): TypeSpec {
  return {
    type,
    kind: 'sro',
    props: new Map(Object.entries({ ...sdoCommon(), ...props })),
    required: [...SDO_REQUIRED, ...required],
    generic: true,
    ...more,
  };
}

export const SRO_SPECS: readonly TypeSpec[] = [
  sro(
    'relationship',
    {
      relationship_type: strMatch(/^[a-z0-9-]+$/, 'lowercase letters, digits and hyphens (e.g. indicates)'),
      source_ref: endpoint, target_ref: endpoint, start_time: ts, stop_time: ts,
    },
    ['relationship_type', 'source_ref', 'target_ref'],
    {
      order: [['stop_time', 'start_time', true]],
      practices(o, c) {
        const rt = o.relationship_type;
        const s = o.source_ref;
        const t = o.target_ref;
        if (!c.on('relationship-types') || typeof rt !== 'string' || typeof s !== 'string' || typeof t !== 'string') return;
        const src = idType(s);
        const tgt = idType(t);
        if (COMMON_RELATIONSHIPS.has(rt) || NOT_SDO.has(src) || NOT_SDO.has(tgt)) return;
        const bySource = RELATIONSHIPS[src];
        const targets = bySource?.[rt];
        if (bySource === undefined) {
          c.warn('relationship-types', `'${src}' is not a source type of any relationship the specification defines other than derived-from, duplicate-of and related-to`, 'source_ref');
        } else if (targets === undefined) {
          c.warn('relationship-types', `'${rt}' is not a relationship type the specification defines for '${src}' sources`, 'relationship_type');
        } else if (!targets.includes(tgt)) {
          c.warn('relationship-types', `'${src}' ${rt} '${tgt}' is not a relationship the specification defines (targets: ${targets.join(', ')})`, 'target_ref');
        }
      },
    },
  ),
  sro(
    'sighting',
    {
      first_seen: ts, last_seen: ts, count: intRange(0, 999999999),
      sighting_of_ref: identNot(NOT_RELATABLE, 'an SDO or custom object (not an SRO, bundle or meta object)'),
      observed_data_refs: list(identOf(['observed-data'])), where_sighted_refs: list(identOf(['identity', 'location'])),
      summary: bool,
    },
    ['sighting_of_ref'],
    { order: [['last_seen', 'first_seen', false]] },
  ),
];
