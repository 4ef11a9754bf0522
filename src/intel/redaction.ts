/**
 * Presenter-side need-to-know: references inside a visible object to objects the reader may not
 * see are removed, so that an id of a hidden object never leaks through a report's object_refs,
 * a created_by_ref, a sighting's where_sighted_refs or any other *_ref / *_refs property — at any
 * depth (extensions and sub-objects carry references too, e.g. email-message body_multipart[].body_raw_ref).
 *
 * It also does the reverse for writers: `restoreHiddenRefs` puts back the references a writer could
 * not see when their new version replaces a *_refs list, so that saving a redacted view does not
 * silently drop what others may see.
 */
import type { Queryable } from '../store/db.js';
import type { StixObject } from '../stix/types.js';
import { hiddenAmong } from './object-repository.js';

type Visible = (alias: string, params: unknown[]) => string;

const isRefKey = (k: string) => k.endsWith('_ref');
const isRefsKey = (k: string) => k.endsWith('_refs');

function collectRefs(v: unknown, into: Set<string>): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, into);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  for (const [key, x] of Object.entries(v)) {
    if (isRefKey(key) && typeof x === 'string') into.add(x);
    else if (isRefsKey(key) && Array.isArray(x)) {
      for (const r of x) if (typeof r === 'string') into.add(r);
    } else collectRefs(x, into);
  }
}

/** A copy of `v` without references to `hidden` ids; `v` itself when nothing changes. */
function redact<T>(v: T, hidden: Set<string>): T {
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    v.forEach((x, k) => {
      const y = redact(x, hidden);
      if (y !== x) (out ??= [...v])[k] = y;
    });
    return (out ?? v) as T;
  }
  if (v === null || typeof v !== 'object') return v;
  let out: Record<string, unknown> | null = null;
  for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
    if (isRefKey(key) && typeof x === 'string') {
      if (hidden.has(x)) delete (out ??= { ...(v as Record<string, unknown>) })[key];
    } else if (isRefsKey(key) && Array.isArray(x)) {
      if (x.some((r) => typeof r === 'string' && hidden.has(r))) {
        (out ??= { ...(v as Record<string, unknown>) })[key] = x.filter((r) => !(typeof r === 'string' && hidden.has(r)));
      }
    } else {
      const y = redact(x, hidden);
      if (y !== x) (out ??= { ...(v as Record<string, unknown>) })[key] = y;
    }
  }
  return (out ?? v) as T;
}

/** Returns the objects with every reference to a hidden object removed (copies only what changes). */
export function redactReferences(q: Queryable, objects: StixObject[], visible: Visible): Promise<StixObject[]> {
  return redactReferencesWith(objects, (ids) => hiddenAmong(q, ids, visible));
}

/** The same, with the hidden ids among the references found by `hiddenOf` (e.g. from a cache). */
export async function redactReferencesWith(objects: StixObject[], hiddenOf: (ids: string[]) => Promise<Set<string>>): Promise<StixObject[]> {
  const refs = new Set<string>();
  for (const o of objects) collectRefs(o, refs);
  for (const o of objects) refs.delete(o.id);
  if (refs.size === 0) return objects;
  const hidden = await hiddenOf([...refs]);
  if (hidden.size === 0) return objects;
  return objects.map((o) => redact(o, hidden));
}

/**
 * For a writer's new version `next` of `stored`: every top-level *_refs list the writer replaced
 * gets back the entries of the stored list the writer may not see (they could not have meant to
 * remove what they were never shown). Returns `next`, changed in place.
 */
export async function restoreHiddenRefs(q: Queryable, stored: StixObject, next: StixObject, visible: Visible): Promise<StixObject> {
  const refs = new Set<string>();
  collectRefs(stored, refs);
  if (refs.size === 0) return next;
  const hidden = await hiddenAmong(q, [...refs], visible);
  if (hidden.size === 0) return next;
  for (const [key, was] of Object.entries(stored)) {
    if (isRefsKey(key) && Array.isArray(was) && Array.isArray(next[key])) {
      const now = next[key] as unknown[];
      const keep = was.filter((r) => typeof r === 'string' && hidden.has(r) && !now.includes(r));
      if (keep.length) next[key] = [...now, ...keep];
    }
  }
  return next;
}
