/**
 * Turns one parsed input value into a PreparedObject (validated, keyed, with its access facts),
 * or a rejection that names the object, the field and the reason.
 */
import * as nodeCrypto from 'node:crypto';
import { validateObject } from '../stix/validate/index.js';
import { computeScoId } from '../stix/sco-id.js';
import { categoryOf, type StixObject, type ValidationIssue } from '../stix/types.js';
import { classificationOfMarkingRef, tlpOfMarkingRef } from '../stix/markings.js';
import type { TlpLevel } from '../access/policy.js';
import type { PreparedObject } from './object-repository.js';
import { versionKeyOf } from './version-key.js';

export interface IngestContext {
  /** Organisation that produced the objects (the importing user's). */
  ownerOrg: string | null;
  /** Organisations a TLP:RED object is shared with (the owner is always included). */
  recipients: string[] | null;
}

export interface Rejection {
  index: number;
  line?: number;
  id?: string;
  errors: ValidationIssue[];
}

export type Prepared = { ok: true; item: PreparedObject } | { ok: false; rejection: Rejection };

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Reads TLP and classification from an object's marking refs (highest classification wins). */
export function accessFactsOf(obj: StixObject): { tlp: TlpLevel | null; classification: number } {
  let tlp: TlpLevel | null = null;
  let classification = 0;
  const refs = obj.object_marking_refs;
  if (Array.isArray(refs)) {
    for (const r of refs) {
      if (typeof r !== 'string') continue;
      const t = tlpOfMarkingRef(r);
      if (t && (tlp === null || TLP_RANK[t] > TLP_RANK[tlp])) tlp = t;
      const c = classificationOfMarkingRef(r);
      if (c !== undefined && c > classification) classification = c;
    }
  }
  return { tlp, classification };
}

const TLP_RANK: Record<TlpLevel, number> = { CLEAR: 0, GREEN: 1, AMBER: 2, 'AMBER+STRICT': 3, RED: 4 };

export function prepareObject(value: unknown, index: number, ctx: IngestContext, line?: number): Prepared {
  const reject = (errors: ValidationIssue[], id?: string): Prepared => {
    const r: Rejection = { index, errors };
    if (line !== undefined) r.line = line;
    if (id !== undefined) r.id = id;
    return { ok: false, rejection: r };
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject([{ path: '', message: 'expected a JSON object (a STIX object)' }]);
  }
  const obj = value as StixObject;
  if (obj.type === 'bundle') return reject([{ path: 'type', message: 'a bundle cannot be nested inside another bundle' }]);
  const sco = typeof obj.type === 'string' && categoryOf(obj.type) === 'sco';
  if (sco && obj.id === undefined) {
    const id = computeScoId(obj);
    obj.id = id ?? `${obj.type}--${crypto.randomUUID()}`;
  }
  const issues = validateObject(obj);
  const id = typeof obj.id === 'string' ? obj.id : undefined;
  if (issues.length) return reject(issues, id);
  if (sco) {
    const expected = computeScoId(obj);
    const uuid = obj.id.slice(obj.id.indexOf('--') + 2);
    if (expected !== undefined && UUID_V5.test(uuid) && expected !== obj.id) {
      return reject([{ path: 'id', message: `deterministic id does not match the id-contributing properties: expected ${expected}` }], id);
    }
  }
  const json = JSON.stringify(obj);
  const { tlp, classification } = accessFactsOf(obj);
  let recipients: string[] | null = null;
  if (tlp === 'RED') {
    const set = new Set(ctx.recipients ?? []);
    if (ctx.ownerOrg) set.add(ctx.ownerOrg);
    recipients = [...set];
  }
  return {
    ok: true,
    item: {
      index,
      id: obj.id,
      type: obj.type,
      revoked: obj.revoked === true,
      stamp: typeof obj.modified === 'string' ? obj.modified : typeof obj.created === 'string' ? obj.created : undefined,
      obj,
      json,
      hash: sha1Hex(json),
      version: versionKeyOf(obj),
      tlp,
      classification,
      ownerOrg: ctx.ownerOrg,
      recipients,
      labels: stringList(obj.labels),
      markingRefs: stringList(obj.object_marking_refs),
    },
  };
}

/** SHA-1 hex of a string: the one-shot crypto.hash where Node has it (20.12+; a fraction of the cost per call), else createHash. */
const sha1Hex: (s: string) => string = typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
  ? (s) => (nodeCrypto as unknown as { hash(alg: string, data: string, enc: 'hex'): string }).hash('sha1', s, 'hex')
  : (s) => nodeCrypto.createHash('sha1').update(s).digest('hex');

function stringList(v: unknown): string[] | null {
  return Array.isArray(v) && v.length > 0 ? (v.filter((x) => typeof x === 'string') as string[]) : null;
}
