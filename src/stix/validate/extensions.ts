/**
 * The `extensions` dictionary and the rules for custom content. STIX 2.1 adds custom properties
 * and object types through extension definitions: an `extension-definition--<UUID>` key whose
 * `extension_type` says how (property-extension, toplevel-property-extension, new-sdo/sco/sro).
 * Predefined SCO extensions (`ntfs-ext`, `http-request-ext`, ...) are validated by their tables.
 */
import type { Ctx } from './ctx.js';
import { type Chk, type Obj, customProperty, isObj, typeName } from './common.js';
import { EXTENSION_TYPE } from './data.js';

const EXT_KEY_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-ext$/;
export const EXT_DEF_RE =
  /^extension-definition--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const CUSTOM_PROP_STRICT = /^x_.+_.+$/;
const CUSTOM_PROP_LAX = /^x_.+$/;
const CUSTOM_EXT_STRICT = /^x-.+-.+-ext$/;
const CUSTOM_EXT_LAX = /^x-.+-ext$/;

/** True when one of the object's extensions has one of the given extension_type values. */
export function usesExtension(o: Obj, ...types: string[]): boolean {
  const exts = o.extensions;
  if (!isObj(exts)) return false;
  for (const k in exts) {
    const e = exts[k];
    if (isObj(e) && typeof e.extension_type === 'string' && types.includes(e.extension_type)) return true;
  }
  return false;
}

/** Properties of an extension object obey the same naming and value rules as top-level ones. */
function extensionBody(e: Obj, c: Ctx): number {
  let n = 0;
  for (const k in e) {
    n++;
    c.push(k);
    customProperty(k, e[k], c);
    c.pop();
  }
  return n;
}

function extensionDefinitionEntry(e: unknown, c: Ctx): void {
  if (!isObj(e)) return c.bad(`must be an object holding the extension's properties, not ${typeName(e)}`);
  if (extensionBody(e, c) === 0) return c.bad('must not be empty: it needs at least extension_type');
  const t = e.extension_type;
  if (t === undefined) c.err('an extension-definition extension requires extension_type', 'extension_type');
  else if (typeof t !== 'string' || !EXTENSION_TYPE.has(t)) {
    c.bad(`must be one of ${[...EXTENSION_TYPE].join(', ')}, not ${typeof t === 'string' ? `'${t}'` : typeName(t)}`, 'extension_type');
  }
}

/**
 * Checker for an `extensions` dictionary. `predefined` maps the extension names the object type
 * defines to their checkers (null when it has none); marking definitions allow only
 * extension-definition keys.
 */
export function extensionsChecker(predefined: ReadonlyMap<string, Chk> | null, markingOnly: boolean): Chk {
  return (v, c) => {
    if (!isObj(v)) return c.bad(`must be a dictionary of extensions, not ${typeName(v)}`);
    let n = 0;
    for (const k in v) {
      n++;
      const e = v[k];
      c.push(k);
      if (EXT_DEF_RE.test(k)) {
        extensionDefinitionEntry(e, c);
      } else if (!markingOnly && EXT_KEY_RE.test(k)) {
        if (!isObj(e)) c.bad(`must be an object holding the extension's properties, not ${typeName(e)}`);
        else if (extensionBody(e, c) === 0) c.bad('must not be an empty extension');
        else predefined?.get(k)?.(e, c);
      } else {
        c.bad(
          markingOnly
            ? "is not a valid extension key: marking definitions only allow 'extension-definition--<UUID>' keys"
            : "is not a valid extension key: use 'extension-definition--<UUID>' or a predefined '<name>-ext' extension",
        );
      }
      if (predefined !== null && c.practices && !predefined.has(k)) customExtensionPractices(v, k, c);
      c.pop();
    }
    if (n === 0) c.bad('must not be an empty dictionary');
  };
}

/** Best practices for an extension key that is not predefined for this SCO type (key is pushed). */
function customExtensionPractices(exts: Obj, k: string, c: Ctx): void {
  if (c.on('extensions-use')) {
    let propExt = false;
    for (const key in exts) {
      const e = exts[key];
      if (isObj(e) && e.extension_type === 'property-extension') propExt = true;
    }
    if (!propExt) {
      c.warn('extensions-use', `custom extension '${k}' should be defined by an extension definition with extension_type 'property-extension'`);
    }
  }
  if (c.on('custom-prefix') && !CUSTOM_EXT_STRICT.test(k)) {
    c.warn('custom-prefix', `custom extension name '${k}' should start with 'x-', a source identifier and a hyphen, and end with '-ext'`);
  }
  if (c.on('custom-prefix-lax') && !CUSTOM_EXT_LAX.test(k)) {
    c.warn('custom-prefix-lax', `custom extension name '${k}' should start with 'x-' and end with '-ext'`);
  }
}

/** Best practices for a custom top-level property `k` of an object of a specified type (k is pushed). */
export function customPropertyPractices(o: Obj, k: string, type: string, c: Ctx): void {
  if (c.on('extensions-use') && !usesExtension(o, 'toplevel-property-extension')) {
    c.warn(
      'extensions-use',
      `custom property '${k}' should be defined by an extension definition: declare it with extension_type ` +
        "'toplevel-property-extension', or move it into a 'property-extension'",
    );
  }
  prefixPractices(k, c);
  if (c.on('strict-properties')) c.warn('strict-properties', `'${k}' is not a property the specification defines for ${type} objects`);
}

/** Best practices for a custom property inside a predefined extension or embedded object (k is not pushed). */
export function customEmbeddedPractices(where: string, k: string, c: Ctx): void {
  c.push(k);
  if (c.on('extensions-use')) {
    c.warn('extensions-use', `custom property '${k}' in ${where} should be defined by an extension definition (extension_type 'property-extension')`);
  }
  prefixPractices(k, c);
  if (c.on('strict-properties')) c.warn('strict-properties', `'${k}' is not a property the specification defines for ${where}`);
  c.pop();
}

function prefixPractices(k: string, c: Ctx): void {
  if (c.on('custom-prefix') && !CUSTOM_PROP_STRICT.test(k)) {
    c.warn('custom-prefix', `custom property '${k}' should start with 'x_', a source identifier and an underscore (e.g. 'x_acme_score')`);
  }
  if (c.on('custom-prefix-lax') && !CUSTOM_PROP_LAX.test(k)) {
    c.warn('custom-prefix-lax', `custom property '${k}' should start with 'x_'`);
  }
}

/** `onCustom` hook for embedded shapes: custom-property practices describing where the property is. */
export function embeddedCustom(where: string): (k: string, c: Ctx) => void {
  return (k, c) => customEmbeddedPractices(where, k, c);
}
