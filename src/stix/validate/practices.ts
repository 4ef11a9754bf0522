/**
 * Helpers for best-practice (SHOULD) checks shared by several object types: open-vocabulary
 * membership and formatting, kill-chain phase naming, hash algorithm names.
 */
import type { Ctx } from './ctx.js';
import { type Obj, isObj } from './common.js';
import { HASH_ALGORITHM } from './data.js';

/** Python's str.islower(): at least one cased character and no upper-case one. */
export function isLowerCased(s: string): boolean {
  return s === s.toLowerCase() && s !== s.toUpperCase();
}

function formatOk(s: string): boolean {
  return isLowerCased(s) && !s.includes('_') && !s.includes(' ');
}

/** Values of open-vocabulary property `prop` should come from `vocab` (check `check`, vocabulary `name`). */
export function vocabPractice(o: Obj, prop: string, vocab: ReadonlySet<string>, check: string, name: string, c: Ctx): void {
  const v = o[prop];
  if (v === undefined || !c.on(check)) return;
  let ok = true;
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x !== 'string' || !vocab.has(x)) ok = false;
  } else if (typeof v !== 'string' || !vocab.has(v)) {
    ok = false;
  }
  if (!ok) c.warn(check, `the value of ${prop} is allowed, but should come from the ${name} vocabulary`, prop);
}

/** Open-vocabulary values should be lowercase, with hyphens as word separators. */
export function openVocabFormat(o: Obj, props: readonly string[], c: Ctx): void {
  if (!c.on('open-vocab-format')) return;
  for (const prop of props) {
    const v = o[prop];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      if (typeof x === 'string' && !formatOk(x)) {
        c.warn('open-vocab-format', `open vocabulary value '${x}' should be lowercase and use hyphens, not spaces or underscores, between words`, prop);
      }
    }
  }
}

/** kill_chain_name and phase_name should be lowercase with hyphens between words. */
export function killChainNames(o: Obj, c: Ctx): void {
  const phases = o.kill_chain_phases;
  if (!Array.isArray(phases) || !c.on('kill-chain-names')) return;
  c.push('kill_chain_phases');
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i];
    if (!isObj(p)) continue;
    c.push(i);
    for (const key of ['kill_chain_name', 'phase_name']) {
      const v = p[key];
      if (typeof v === 'string' && !formatOk(v)) {
        c.warn('kill-chain-names', `${key} '${v}' should be lowercase and use hyphens, not spaces or underscores, between words`, key);
      }
    }
    c.pop();
  }
  c.pop();
}

/** Hash names should come from hash-algorithm-ov, or be custom names starting with 'x_'; keys at most 30 chars. */
export function hashPractices(h: unknown, c: Ctx): void {
  if (!isObj(h)) return;
  for (const k in h) {
    if (c.on('hash-algo') && !HASH_ALGORITHM.has(k) && !k.startsWith('x_')) {
      c.warn('hash-algo', `hash name '${k}' should be one of ${[...HASH_ALGORITHM].join(', ')}, or a custom name starting with 'x_'`, k);
    }
    if (c.on('hash-length') && k.length > 30) c.warn('hash-length', `hash name '${k}' should be at most 30 characters long`, k);
  }
}

/** Runs hashPractices on o[prop] with the property pushed. */
export function hashPracticesAt(o: Obj, prop: string, c: Ctx): void {
  const h = o[prop];
  if (h === undefined) return;
  c.push(prop);
  hashPractices(h, c);
  c.pop();
}
