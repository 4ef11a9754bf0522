/**
 * The per-type property table and the driver that validates an object against it: known
 * properties through their checkers, custom properties through the naming and value rules,
 * required properties, id and timestamp consistency, and the common MUST checks.
 */
import type { Ctx } from './ctx.js';
import {
  type Chk, type Obj, bool, compareTimestamps, customProperty, ident, idTypeIs, intRange, isIdentifier, isObj, str,
  strList, tsMillis, typeName, uuidVersion,
} from './common.js';
import { extensionsChecker, customPropertyPractices, usesExtension } from './extensions.js';
import { isLanguageTag } from './lang.js';
import { externalReferences, granularMarkings, markingRefs } from './structures.js';

export type Kind = 'sdo' | 'sro' | 'sco' | 'meta';

export interface TypeSpec {
  type: string;
  kind: Kind;
  props: Map<string, Chk>;
  required: readonly string[];
  /** Pairs [later, earlier, strictlyLater] that must be ordered in time (beyond modified >= created). */
  order?: readonly (readonly [string, string, boolean])[];
  /** Whether properties.json-style naming rules and reserved names apply (not for marking-definition). */
  generic: boolean;
  /** Cross-property MUST checks. */
  check?: (o: Obj, c: Ctx) => void;
  /** Best-practice checks, called only when they can be reported. */
  practices?: (o: Obj, c: Ctx) => void;
}

export const SPEC_VERSION: Chk = (v, c) => {
  if (v !== '2.1') c.bad(`must be '2.1' for STIX 2.1 content, not ${typeof v === 'string' ? `'${v}'` : typeName(v)}`);
};

/** Properties common to SDOs, SROs and the language-content / extension-definition objects. */
export function sdoCommon(): Record<string, Chk> {
  return {
    type: str,
    spec_version: SPEC_VERSION,
    id: ident,
    created_by_ref: ident,
    created: tsMillis,
    modified: tsMillis,
    revoked: bool,
    labels: strList,
    confidence: intRange(0, 100),
    lang: str,
    external_references: externalReferences,
    object_marking_refs: markingRefs,
    granular_markings: granularMarkings,
    extensions: extensionsChecker(null, false),
    description: str,
  };
}

/** Properties common to SCOs. */
export function scoCommon(): Record<string, Chk> {
  return {
    type: str,
    spec_version: SPEC_VERSION,
    id: ident,
    object_marking_refs: markingRefs,
    granular_markings: granularMarkings,
    defanged: bool,
    extensions: extensionsChecker(null, false),
  };
}

export const SDO_REQUIRED = ['type', 'spec_version', 'id', 'created', 'modified'] as const;
export const SCO_REQUIRED = ['type', 'id'] as const;

/** Names the specification reserves; objects must not use them as properties. */
export const RESERVED_PROPERTIES = new Set(['severity', 'action', 'username', 'phone_numbers']);

const TYPE_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-?$/;

/** Object type names: 3-250 chars of a-z, 0-9 and single hyphens, starting with a letter. */
export function typeNameOk(t: string): boolean {
  return t.length >= 3 && t.length <= 250 && TYPE_RE.test(t) && t !== 'action';
}

/** Validates the properties of `o` against `spec` (known properties, custom properties, required ones). */
export function checkProperties(o: Obj, spec: TypeSpec, official: boolean, c: Ctx): void {
  const props = spec.props;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue; // only possible for objects built in JS, never from JSON
    const chk = props.get(k);
    c.push(k);
    if (chk !== undefined) {
      if (v === null) c.bad('must not be null (omit the property instead)');
      else chk(v, c);
    } else if (spec.generic && RESERVED_PROPERTIES.has(k)) {
      c.bad('is a name reserved by the STIX specification and must not be used');
    } else {
      if (spec.generic) customProperty(k, v, c);
      if (official && c.practices) customPropertyPractices(o, k, spec.type, c);
    }
    c.pop();
  }
  for (const r of spec.required) {
    if (o[r] === undefined) c.err(`'${r}' is required for ${spec.type} objects`, r);
  }
}

/** Requirements every object shares: id matches type, timestamp order, language tag, marking selectors. */
export function checkCommon(o: Obj, type: string, order: TypeSpec['order'], c: Ctx): void {
  const id = o.id;
  if (typeof id === 'string' && !idTypeIs(id, type) && isIdentifier(id)) {
    c.err(`id must start with '${type}--' (the object's type), not '${id}'`, 'id');
  }
  checkOrder(o, 'modified', 'created', false, c);
  if (order !== undefined) for (const [later, earlier, strict] of order) checkOrder(o, later, earlier, strict, c);
  const lang = o.lang;
  if (typeof lang === 'string' && !isLanguageTag(lang)) {
    c.err(`lang must be an RFC 5646 language tag such as 'en' or 'pt-BR', not '${lang}'`, 'lang');
  }
  if (o.granular_markings !== undefined) checkSelectors(o, c);
}

export function checkOrder(o: Obj, later: string, earlier: string, strict: boolean, c: Ctx): void {
  const a = o[later];
  const b = o[earlier];
  if (typeof a !== 'string' || typeof b !== 'string') return;
  const d = compareTimestamps(a, b);
  if (strict ? d <= 0 : d < 0) {
    c.err(`${later} (${a}) must be ${strict ? 'later than' : 'later than or equal to'} ${earlier} (${b})`, later);
  }
}

const INDEX_RE = /^\[(\d+)\]$/;

/** Every granular-marking selector must point at content present in the object. */
function checkSelectors(o: Obj, c: Ctx): void {
  const gms = o.granular_markings;
  if (!Array.isArray(gms)) return;
  for (let i = 0; i < gms.length; i++) {
    const sels = isObj(gms[i]) ? (gms[i] as Obj).selectors : undefined;
    if (!Array.isArray(sels)) continue;
    for (let j = 0; j < sels.length; j++) {
      const sel = sels[j];
      if (typeof sel !== 'string') continue;
      const problem = selectorProblem(o, sel);
      if (problem !== null) {
        c.push('granular_markings');
        c.push(i);
        c.push('selectors');
        c.err(`selector '${sel}' does not select anything in this object: ${problem}`, j);
        c.pop();
        c.pop();
        c.pop();
      }
    }
  }
}

function selectorProblem(o: Obj, sel: string): string | null {
  let cur: unknown = o;
  for (const seg of sel.split('.')) {
    const m = INDEX_RE.exec(seg);
    if (m !== null) {
      const idx = Number(m[1]);
      if (Array.isArray(cur) || typeof cur === 'string') {
        if (idx >= cur.length) return `index ${idx} is out of range`;
        cur = cur[idx];
      } else {
        return `'${seg}' is applied to something that is not a list`;
      }
    } else if (isObj(cur) && cur[seg] !== undefined) {
      cur = cur[seg];
    } else {
      return `'${seg}' is not a property there`;
    }
  }
  return null;
}

/** Validates an object whose type is defined by the specification. */
export function validateKnown(o: Obj, spec: TypeSpec, c: Ctx): void {
  checkProperties(o, spec, true, c);
  checkCommon(o, spec.type, spec.order, c);
  if (spec.check !== undefined) spec.check(o, c);
  if (c.practices) {
    // SCO ids are checked by the SCO table (deterministic UUIDv5 unless no id-contributing property is present).
    if (spec.kind !== 'sco' && c.on('uuid-check')) uuidPractice(o, 4, c);
    if (spec.kind !== 'sco' && c.on('extref-hashes')) extrefHashes(o, c);
    if (spec.practices !== undefined) spec.practices(o, c);
  }
}

export function uuidPractice(o: Obj, want: number, c: Ctx): void {
  const id = o.id;
  if (typeof id !== 'string' || !isIdentifier(id)) return;
  if (uuidVersion(id) !== want) c.warn('uuid-check', `id should use a version ${want} UUID`, 'id');
}

function extrefHashes(o: Obj, c: Ctx): void {
  const refs = o.external_references;
  if (!Array.isArray(refs)) return;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (isObj(r) && r.url !== undefined && r.hashes === undefined) {
      c.push('external_references');
      c.warn('extref-hashes', 'an external reference with a url should also give hashes of the referenced content', i);
      c.pop();
    }
  }
}

const CUSTOM_SDO = (() => {
  const p = sdoCommon();
  return { type: '', kind: 'sdo' as Kind, props: new Map(Object.entries(p)), required: SDO_REQUIRED, generic: true };
})();
const CUSTOM_SCO = (() => {
  const p = scoCommon();
  return { type: '', kind: 'sco' as Kind, props: new Map(Object.entries(p)), required: SCO_REQUIRED, generic: true };
})();

const CUSTOM_TYPE_STRICT = /^x-.+-.+$/;
const CUSTOM_TYPE_LAX = /^x-.+$/;

/**
 * Validates an object of a type the specification does not define. Objects with created/modified
 * follow the SDO rules; others the SCO rules. Such types should be defined by an extension
 * definition (extension_type new-sdo, new-sco or new-sro).
 */
export function validateCustom(o: Obj, type: string, c: Ctx): void {
  if (!typeNameOk(type)) {
    c.err(
      `type '${type}' is not a valid object type name: use 3 to 250 characters of lowercase a-z, 0-9 and ` +
        'single hyphens, starting with a letter',
      'type',
    );
  }
  const sdoLike = o.created !== undefined || o.modified !== undefined;
  const spec = sdoLike ? CUSTOM_SDO : CUSTOM_SCO;
  checkProperties(o, spec, false, c);
  checkCommon(o, type, undefined, c);
  if (!c.practices) return;
  if (c.on('extensions-use') && !usesExtension(o, 'new-sdo', 'new-sco', 'new-sro')) {
    c.warn('extensions-use', `custom object type '${type}' should be defined by an extension definition with extension_type new-sdo, new-sco or new-sro`, 'type');
  }
  if (c.on('custom-prefix') && !CUSTOM_TYPE_STRICT.test(type)) {
    c.warn('custom-prefix', `custom object type '${type}' should start with 'x-', a source identifier and a hyphen (e.g. 'x-acme-widget')`, 'type');
  }
  if (c.on('custom-prefix-lax') && !CUSTOM_TYPE_LAX.test(type)) {
    c.warn('custom-prefix-lax', `custom object type '${type}' should start with 'x-'`, 'type');
  }
  if (c.on('strict-types')) c.warn('strict-types', `object type '${type}' is not defined by the STIX specification`, 'type');
  if (c.on('uuid-check') && !usesExtension(o, 'new-sco')) uuidPractice(o, 4, c);
  if (c.on('extref-hashes')) extrefHashes(o, c);
}
