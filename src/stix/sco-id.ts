/**
 * Deterministic SCO identifiers (STIX 2.1 §2.9): `${type}--` + UUIDv5 in the SCO namespace
 * 00abedb4-aa42-466c-9c01-fed23315a9b7 over the RFC 8785 canonical JSON of an object holding the type's
 * "ID Contributing Properties" that are present. When none is present the id is a UUIDv4, and computeScoId
 * returns undefined.
 *
 * The per-type lists are those of the STIX 2.1 object definitions (§6). `hashes` contributes a single hash,
 * chosen as the python stix2 reference library does: MD5, else SHA-1, else SHA-256, else SHA-512, else the
 * first entry in the object's own key order; hash names are used as written. `process` has no contributing
 * properties (always UUIDv4). Checked against stix2 3.x output (see sco-id.test.ts).
 *
 * Custom SCOs (an `extension-definition` with extension_type `new-sco`) have contributing properties only if
 * their extension says so in prose; give them via `registerIdContributingProperties` or the `idContributing`
 * option, keyed by the SCO type or by the extension-definition id. Without such a rule the result is undefined.
 */
import { createHash } from 'node:crypto';
import { canonicalize, CanonicalizationError } from './canonical-json.js';
import { SCO_TYPES, type StixObject } from './types.js';

/** UUIDv5 namespace the STIX 2.1 specification reserves for SCO identifiers. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** ID Contributing Properties of the STIX 2.1 SCOs, in the specification's order. */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<(typeof SCO_TYPES)[number], readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** Order in which one hash is picked from a `hashes` dictionary. */
export const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

const BUILTIN = new Map<string, readonly string[]>(Object.entries(ID_CONTRIBUTING_PROPERTIES));
const registered = new Map<string, readonly string[]>();

/**
 * Declares the ID Contributing Properties of a custom SCO, by its type name or by the id of the
 * extension-definition (extension_type `new-sco`) that defines it. The specification's own SCO types cannot
 * be redefined.
 */
export function registerIdContributingProperties(typeOrExtensionId: string, properties: readonly string[]): void {
  if (BUILTIN.has(typeOrExtensionId)) {
    throw new Error(`the ID contributing properties of '${typeOrExtensionId}' are fixed by the STIX specification`);
  }
  registered.set(typeOrExtensionId, [...properties]);
}

export interface ScoIdOptions {
  /**
   * Extra rules for custom SCOs, keyed by type name or extension-definition id; consulted before the
   * registered ones. Ignored for the specification's SCO types.
   */
  idContributing?: Readonly<Record<string, readonly string[]>>;
}

/** The ID Contributing Properties that apply to `obj`, or undefined when no rule is known. */
export function idContributingPropertiesOf(obj: StixObject, options: ScoIdOptions = {}): readonly string[] | undefined {
  const type = obj.type;
  const builtin = BUILTIN.get(type);
  if (builtin) return builtin;
  const lookup = (key: string): readonly string[] | undefined => options.idContributing?.[key] ?? registered.get(key);
  const byType = lookup(type);
  if (byType) return byType;
  const extensions = obj.extensions;
  if (extensions !== null && typeof extensions === 'object' && !Array.isArray(extensions)) {
    for (const [key, ext] of Object.entries(extensions as Record<string, unknown>)) {
      const isNewSco =
        key.startsWith('extension-definition--') &&
        ext !== null &&
        typeof ext === 'object' &&
        (ext as { extension_type?: unknown }).extension_type === 'new-sco';
      if (isNewSco) {
        const byExtension = lookup(key);
        if (byExtension) return byExtension;
      }
    }
  }
  return undefined;
}

/** The single-entry dictionary the `hashes` property contributes, or undefined for an empty/invalid one. */
export function chooseOneHash(hashes: unknown): Record<string, unknown> | undefined {
  if (hashes === null || typeof hashes !== 'object' || Array.isArray(hashes)) return undefined;
  const dict = hashes as Record<string, unknown>;
  for (const name of HASH_PREFERENCE) {
    if (dict[name] !== undefined && Object.hasOwn(dict, name)) return { [name]: dict[name] };
  }
  for (const name of Object.keys(dict)) {
    if (dict[name] !== undefined) return { [name]: dict[name] };
  }
  return undefined;
}

/**
 * The object whose canonical JSON names the UUIDv5: the contributing properties present (null counts as
 * absent), `hashes` reduced to one hash. Undefined when there is nothing to contribute.
 */
export function idContributingObjectOf(obj: StixObject, options: ScoIdOptions = {}): Record<string, unknown> | undefined {
  const props = idContributingPropertiesOf(obj, options);
  if (!props) return undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const key of props) {
    if (!Object.hasOwn(obj, key)) continue;
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (key === 'hashes') {
      const one = chooseOneHash(value);
      if (!one) continue;
      out[key] = one;
    } else {
      out[key] = value;
    }
    any = true;
  }
  return any ? out : undefined;
}

/**
 * Returns the deterministic id for an SCO, or undefined when none of its id-contributing properties is present
 * (a UUIDv4 is then allowed), when it is a custom SCO with no known rule, or when the contributing values are
 * not I-JSON (e.g. a string with a lone surrogate) and so have no canonical form.
 */
export function computeScoId(obj: StixObject, options: ScoIdOptions = {}): string | undefined {
  const contributing = idContributingObjectOf(obj, options);
  if (!contributing) return undefined;
  let name: string;
  try {
    name = canonicalize(contributing);
  } catch (e) {
    if (e instanceof CanonicalizationError) return undefined;
    throw e;
  }
  return `${obj.type}--${uuidv5(name, SCO_ID_NAMESPACE)}`;
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/** RFC 4122 (RFC 9562) name-based UUID, version 5: SHA-1 of namespace bytes + UTF-8 name. */
export function uuidv5(name: string, namespace: string): string {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = digest.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
