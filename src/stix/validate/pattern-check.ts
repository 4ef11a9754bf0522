/**
 * Indicator patterns (pattern_type 'stix'): syntax through the pattern parser, then the object
 * types and property names the pattern's comparisons use.
 */
import { parsePattern } from '../pattern/index.js';
import type { Ctx } from './ctx.js';
import type { Obj } from './common.js';
import { SCO_PROPERTIES } from './sco.js';

const TYPE_FORMAT_RE = /^-?[a-z0-9]+(?:-[a-z0-9]+)*-?$/;
const PROP_FORMAT_RE = /^[a-z0-9_]{3,250}$/;
const CUSTOM_TYPE_STRICT = /^x-.+-.+$/;
const CUSTOM_TYPE_LAX = /^x-.+$/;
const CUSTOM_PROP_STRICT = /^x_.+_.+$/;
const CUSTOM_PROP_LAX = /^x_.+$/;

function skipString(p: string, i: number): number {
  // p[i] is the opening quote; returns the index after the closing quote.
  let j = i + 1;
  while (j < p.length) {
    const ch = p.charCodeAt(j);
    if (ch === 92 /* \ */) j += 2;
    else if (ch === 39) return j + 1;
    else j++;
  }
  return j;
}

function isTypeChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 45;
}

function isPropChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95;
}

/** Calls `fn(type, firstProperty)` for every object path (`type:property...`) in a pattern. */
export function forEachObjectPath(p: string, fn: (type: string, prop: string) => void): void {
  const n = p.length;
  let i = 0;
  while (i < n) {
    const ch = p.charCodeAt(i);
    if (ch === 39) {
      i = skipString(p, i);
      continue;
    }
    if (!isTypeChar(ch) || ch === 45) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isTypeChar(p.charCodeAt(j))) j++;
    if (j < n && p.charCodeAt(j) === 39) {
      i = skipString(p, j); // prefixed literal such as t'...', h'...' or b'...'
      continue;
    }
    if (j < n && p.charCodeAt(j) === 58 /* : */) {
      const type = p.slice(i, j);
      let k = j + 1;
      let prop: string;
      if (p.charCodeAt(k) === 39) {
        const end = skipString(p, k);
        prop = p.slice(k + 1, end - 1);
        k = end;
      } else {
        const start = k;
        while (k < n && isPropChar(p.charCodeAt(k))) k++;
        prop = p.slice(start, k);
      }
      fn(type, prop);
      i = k;
      continue;
    }
    i = j;
  }
}

export function validateIndicatorPattern(o: Obj, c: Ctx): void {
  const pattern = o.pattern;
  if (o.pattern_type !== 'stix' || typeof pattern !== 'string') return;
  try {
    parsePattern(pattern);
  } catch (e) {
    const pos = (e as { position?: unknown }).position;
    const where = typeof pos === 'number' ? ` at character ${pos}` : '';
    c.err(`pattern is not a valid STIX pattern${where}: ${e instanceof Error ? e.message : String(e)}`, 'pattern');
    return;
  }
  const off = c.opts.disabled;
  const extOff = off.has('extensions-use');
  const formatOff = off.has('all') || off.has('format-checks');
  const strictPrefix = extOff && !formatOff && !off.has('custom-prefix');
  const laxPrefix = extOff && !formatOff && !off.has('custom-prefix-lax');
  forEachObjectPath(pattern, (type, prop) => {
    const known = SCO_PROPERTIES.get(type);
    if (known === undefined) {
      if (!TYPE_FORMAT_RE.test(type) || type.length < 3 || type.length > 250) {
        c.err(`pattern uses '${type}', which is not a valid object type name (3-250 characters of a-z, 0-9 and hyphens)`, 'pattern');
      } else if (strictPrefix && !CUSTOM_TYPE_STRICT.test(type)) {
        c.err(`pattern uses custom object type '${type}', which must start with 'x-', a source identifier and a hyphen`, 'pattern');
      } else if (laxPrefix && !CUSTOM_TYPE_LAX.test(type)) {
        c.err(`pattern uses custom object type '${type}', which must start with 'x-'`, 'pattern');
      }
      if (c.on('strict-types')) c.warn('strict-types', `pattern uses '${type}', which is not an SCO type defined by the specification`, 'pattern');
    }
    if (known !== undefined && known.has(prop)) return;
    if (!PROP_FORMAT_RE.test(prop)) {
      c.err(`pattern uses '${type}:${prop}', but '${prop}' is not a valid property name (3-250 characters of a-z, 0-9, _)`, 'pattern');
    } else if (known === undefined) {
      return;
    } else if (strictPrefix && !CUSTOM_PROP_STRICT.test(prop)) {
      c.err(`pattern uses custom property '${prop}' of '${type}', which must start with 'x_', a source identifier and '_'`, 'pattern');
    } else if (laxPrefix && !CUSTOM_PROP_LAX.test(prop)) {
      c.err(`pattern uses custom property '${prop}' of '${type}', which must start with 'x_'`, 'pattern');
    }
    if (c.on('strict-properties')) {
      c.warn('strict-properties', `pattern uses '${prop}', which is not a property the specification defines for ${type}`, 'pattern');
    }
  });
}
