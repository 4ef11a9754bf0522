/**
 * STIX 2.1 object validator.
 *
 * `validateObject(obj)` returns the specification violations of one STIX object (SDO, SRO, SCO,
 * meta object, custom object, or a bundle with its objects) as `{path, message}` issues; an empty
 * array means the object is valid. Best-practice findings are warnings unless `strict` is set.
 */
import type { ValidationIssue } from '../types.js';
import { type Obj, identOf, isObj, typeName } from './common.js';
import { type TypeSpec, checkProperties, checkCommon, uuidPractice, validateCustom, validateKnown } from './core.js';
import { Ctx, type ValidateOptions, resolveOptions } from './ctx.js';
import { META_SPECS } from './meta.js';
import { SCO_SPECS } from './sco.js';
import { SDO_SPECS, setObservedObjectsValidator } from './sdo.js';
import { SRO_SPECS } from './sro.js';

export type { ValidateOptions } from './ctx.js';
export type { ValidationIssue } from '../types.js';

const SPECS = new Map<string, TypeSpec>();
for (const s of [...SDO_SPECS, ...SRO_SPECS, ...SCO_SPECS, ...META_SPECS]) SPECS.set(s.type, s);

/** One context, reused by every call (validation is synchronous and never re-entered). */
const ctx = new Ctx();

/**
 * Validates one STIX 2.1 object. Returns the problems found (empty when the object is valid), each
 * with the JSON path of the offending value relative to the object ('' for the object itself).
 */
export function validateObject(obj: unknown, opts?: ValidateOptions): ValidationIssue[] {
  ctx.reset(resolveOptions(opts), opts?.warnings);
  validateAny(obj, ctx);
  return ctx.errors;
}

function validateAny(obj: unknown, c: Ctx): void {
  if (!isObj(obj)) return c.err(`a STIX object must be a JSON object, not ${typeName(obj)}`);
  const type = obj.type;
  if (type === undefined) {
    c.err("'type' is required: every STIX object names its type", 'type');
    return;
  }
  if (typeof type !== 'string') {
    c.err(`'type' must be a string, not ${typeName(type)}`, 'type');
    return;
  }
  const spec = SPECS.get(type);
  if (spec !== undefined) validateKnown(obj, spec, c);
  else if (type === 'bundle') validateBundle(obj, c);
  else validateCustom(obj, type, c);
}

const BUNDLE: TypeSpec = {
  type: 'bundle',
  kind: 'meta',
  generic: false,
  props: new Map([
    ['type', () => undefined],
    ['id', identOf(['bundle'])],
    ['objects', () => undefined],
  ]),
  required: ['type', 'id'],
};

function validateBundle(b: Obj, c: Ctx): void {
  checkProperties(b, BUNDLE, true, c);
  checkCommon(b, 'bundle', undefined, c);
  const objects = b.objects;
  if (objects !== undefined) {
    c.push('objects');
    if (!Array.isArray(objects)) c.bad(`must be a list of STIX objects, not ${typeName(objects)}`);
    else if (objects.length === 0) c.bad('must not be an empty list');
    else {
      for (let i = 0; i < objects.length; i++) {
        c.push(i);
        validateAny(objects[i], c);
        c.pop();
      }
    }
    c.pop();
  }
  if (!c.practices) return;
  if (c.on('uuid-check')) uuidPractice(b, 4, c);
  if (c.on('duplicate-ids') && Array.isArray(objects)) duplicateIds(objects, c);
}

/** Objects in a bundle that share an id should be different versions, i.e. differ in modified. */
function duplicateIds(objects: unknown[], c: Ctx): void {
  const seen = new Map<string, Set<unknown>>();
  c.push('objects');
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (!isObj(o) || typeof o.id !== 'string' || o.modified === undefined) continue;
    let versions = seen.get(o.id);
    if (versions === undefined) seen.set(o.id, (versions = new Set()));
    if (versions.has(o.modified)) {
      c.warn('duplicate-ids', `another object in the bundle has id '${o.id}' and the same modified timestamp; versions should differ in modified`, i);
    }
    versions.add(o.modified);
  }
  c.pop();
}

/** Reference properties of SCOs: property -> allowed target types (for the observed-data `objects` form). */
const SCO_REFS: Record<string, Record<string, readonly string[]>> = {
  directory: { contains_refs: ['file', 'directory'] },
  'domain-name': { resolves_to_refs: ['ipv4-addr', 'ipv6-addr', 'domain-name'] },
  'email-addr': { belongs_to_ref: ['user-account'] },
  'email-message': {
    from_ref: ['email-addr'], sender_ref: ['email-addr'], to_refs: ['email-addr'], cc_refs: ['email-addr'],
    bcc_refs: ['email-addr'], raw_email_ref: ['artifact'],
  },
  file: { parent_directory_ref: ['directory'], content_ref: ['artifact'] },
  'ipv4-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'ipv6-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'network-traffic': {
    src_ref: ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'], dst_ref: ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'],
    src_payload_ref: ['artifact'], dst_payload_ref: ['artifact'], encapsulates_refs: ['network-traffic'],
    encapsulated_by_ref: ['network-traffic'],
  },
  process: {
    opened_connection_refs: ['network-traffic'], creator_user_ref: ['user-account'], image_ref: ['file'],
    parent_ref: ['process'], child_refs: ['process'],
  },
  'windows-registry-key': { creator_user_ref: ['user-account'] },
};

/** Validates the SCOs of the deprecated observed-data `objects` dictionary; refs are keys of that dictionary. */
function observedObjects(objects: Obj, c: Ctx): void {
  for (const key in objects) {
    const o = objects[key];
    if (!isObj(o)) continue;
    c.push(key);
    validateAny(o, c);
    const refs = typeof o.type === 'string' ? SCO_REFS[o.type] : undefined;
    if (refs !== undefined) {
      for (const prop in refs) {
        const v = o[prop];
        if (v === undefined) continue;
        const allowed = refs[prop] as readonly string[];
        const list = Array.isArray(v) ? v : [v];
        for (const ref of list) {
          const target = typeof ref === 'string' ? objects[ref] : undefined;
          if (!isObj(target)) c.err(`${prop} refers to '${String(ref)}', which is not a key of this objects dictionary`, prop);
          else if (typeof target.type === 'string' && !allowed.includes(target.type)) {
            c.err(`${prop} must refer to an object of type ${allowed.join(' or ')}, not '${target.type}'`, prop);
          }
        }
      }
    }
    c.pop();
  }
}

setObservedObjectsValidator(observedObjects);
