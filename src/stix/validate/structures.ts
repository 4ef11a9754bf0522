/**
 * Structured property types shared by many objects: STIX dictionaries, hashes, kill-chain phases,
 * external references, granular markings and reference lists.
 */
import type { Ctx } from './ctx.js';
import { type Chk, ident, identOf, isObj, list, shape, str, strMatch, typeName } from './common.js';
import { uri } from './formats.js';

// ---------------------------------------------------------------- dictionaries and hashes

const DICT_KEY_RE = /^[a-zA-Z0-9_-]{0,250}$/;

/** STIX dictionary: a non-empty object whose keys are ASCII letters, digits, '_' or '-' (max 250). */
export function dict(value?: Chk, keyCheck?: (k: string, c: Ctx) => void): Chk {
  return (v, c) => {
    if (!isObj(v)) return c.bad(`must be a dictionary (JSON object), not ${typeName(v)}`);
    let n = 0;
    for (const k in v) {
      n++;
      const x = v[k];
      c.push(k);
      if (keyCheck !== undefined) keyCheck(k, c);
      else if (!DICT_KEY_RE.test(k)) c.bad("is not a valid dictionary key: use at most 250 ASCII letters, digits, '_' or '-'");
      if (x === null) c.bad('must not be null');
      else if (Array.isArray(x) && x.length === 0) c.bad('must not be an empty list');
      else if (value !== undefined) value(x, c);
      c.pop();
    }
    if (n === 0) c.bad('must not be an empty dictionary');
  };
}

const HASH_KEY_RE = /^[a-zA-Z0-9_-]{3,250}$/;
const HASH_FORMATS = new Map<string, [RegExp, string]>([
  ['MD5', [/^[a-fA-F0-9]{32}$/, '32 hexadecimal characters']],
  ['SHA-1', [/^[a-fA-F0-9]{40}$/, '40 hexadecimal characters']],
  ['SHA-256', [/^[a-fA-F0-9]{64}$/, '64 hexadecimal characters']],
  ['SHA-512', [/^[a-fA-F0-9]{128}$/, '128 hexadecimal characters']],
  ['SHA3-256', [/^[a-fA-F0-9]{64}$/, '64 hexadecimal characters']],
  ['SHA3-512', [/^[a-fA-F0-9]{128}$/, '128 hexadecimal characters']],
  ['SSDEEP', [/^[a-zA-Z0-9/+:.]{1,128}$/, 'an ssdeep digest (up to 128 of a-z, 0-9, /, +, :, .)']],
  ['TLSH', [/^[a-zA-Z0-9]{70}$/, '70 alphanumeric characters']],
]);

function checkHashes(v: unknown, c: Ctx, extRef: boolean): void {
  if (!isObj(v)) return c.bad(`must be a dictionary of hash algorithm names to hash values, not ${typeName(v)}`);
  let n = 0;
  for (const k in v) {
    n++;
    const h = v[k];
    c.push(k);
    if (!HASH_KEY_RE.test(k)) {
      c.bad("is not a valid hash algorithm name: use 3 to 250 ASCII letters, digits, '_' or '-' (e.g. 'SHA-256')");
    } else if (extRef && !externalRefHashName(k)) {
      c.bad('is not a hash algorithm allowed in external references (MD5, SHA-1, SHA-256, SHA-512, SHA3-256, SHA3-512, SSDEEP, TLSH)');
    } else if (typeof h !== 'string') {
      c.bad(`must be a string, not ${typeName(h)}`);
    } else {
      const f = HASH_FORMATS.get(k);
      if (f !== undefined && !f[0].test(h)) c.bad(`must be ${f[1]} for a ${k} hash, not '${h}'`);
    }
    c.pop();
  }
  if (n === 0) c.bad('must contain at least one hash');
}

function externalRefHashName(k: string): boolean {
  return (
    k.startsWith('MD5') || k.endsWith('TLSH') || k.includes('SHA-1') || k.includes('SHA-256') ||
    k.includes('SHA-512') || k.includes('SHA3-256') || k.includes('SHA3-512') || k.includes('SSDEEP')
  );
}

export const hashes: Chk = (v, c) => checkHashes(v, c, false);

// ---------------------------------------------------------------- common embedded types

export const killChainPhases = list(
  shape({ what: 'a kill chain phase', props: { kill_chain_name: str, phase_name: str }, required: ['kill_chain_name', 'phase_name'] }),
);

const CVE_RE = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;
const CAPEC_RE = /^CAPEC-\d+$/;

const externalReference = shape({
  what: 'an external reference',
  props: { source_name: str, description: str, url: uri, external_id: str, hashes: (v, c) => checkHashes(v, c, true) },
  required: ['source_name'],
  extra(o, c) {
    const sn = o.source_name;
    const eid = o.external_id;
    if (sn === 'cve' || sn === 'capec') {
      const re = sn === 'cve' ? CVE_RE : CAPEC_RE;
      const form = sn === 'cve' ? 'CVE-YYYY-NNNN' : 'CAPEC-N';
      if (eid === undefined) c.err(`an external reference with source_name '${sn}' requires external_id (${form})`, 'external_id');
      else if (typeof eid === 'string' && !re.test(eid)) {
        c.err(`external_id must have the form ${form} when source_name is '${sn}', not '${eid}'`, 'external_id');
      }
    } else if (typeof sn === 'string') {
      if (eid === undefined && o.description === undefined && o.url === undefined) {
        c.err('an external reference needs at least one of description, external_id or url');
      } else if (typeof eid === 'string' && (CVE_RE.test(eid) || CAPEC_RE.test(eid))) {
        const want = eid.startsWith('CVE') ? 'cve' : 'capec';
        c.err(`external_id '${eid}' is a ${want.toUpperCase()} identifier, so source_name must be '${want}', not '${sn}'`, 'source_name');
      }
    }
  },
});

export const externalReferences = list(externalReference);

const SELECTOR_RE = /^(?:[a-z0-9_-]{3,249}(?:\.(?:\[\d+\]|[a-z0-9_-]{1,250}))*|id)$/;

const markingRef = identOf(['marking-definition']);

export const granularMarkings = list(
  shape({
    what: 'a granular marking',
    props: {
      selectors: list(strMatch(SELECTOR_RE, "a selector such as 'description', 'labels.[1]' or 'external_references.[0].url'")),
      lang: str,
      marking_ref: markingRef,
    },
    required: ['selectors'],
    extra(o, c) {
      const hasLang = o.lang !== undefined;
      const hasRef = o.marking_ref !== undefined;
      if (hasLang === hasRef) c.err('a granular marking must have exactly one of marking_ref or lang');
    },
  }),
);

export const markingRefs = list(markingRef);
export const identList = list(ident);
