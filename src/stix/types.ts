/** Wire-level STIX 2.1 types. Property names stay snake_case as on the wire. */
export type StixObject = {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  revoked?: boolean;
  labels?: string[];
  created_by_ref?: string;
  object_marking_refs?: string[];
  [key: string]: unknown;
};

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** One problem found in an object; `path` is a JSON path relative to the object, e.g. `external_references[0].url`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export const SDO_TYPES = [
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure',
  'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report',
  'threat-actor', 'tool', 'vulnerability',
] as const;

export const SRO_TYPES = ['relationship', 'sighting'] as const;

export const SCO_TYPES = [
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate',
] as const;

export const META_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

export type ObjectCategory = 'sdo' | 'sro' | 'sco' | 'meta' | 'custom';

const CATEGORY = new Map<string, ObjectCategory>([
  ...SDO_TYPES.map((t) => [t, 'sdo'] as const),
  ...SRO_TYPES.map((t) => [t, 'sro'] as const),
  ...SCO_TYPES.map((t) => [t, 'sco'] as const),
  ...META_TYPES.map((t) => [t, 'meta'] as const),
]);

export function categoryOf(type: string): ObjectCategory {
  return CATEGORY.get(type) ?? 'custom';
}
