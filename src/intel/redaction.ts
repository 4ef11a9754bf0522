/**
 * Presenter-side need-to-know: references inside a visible object to objects the reader may not
 * see are removed, so that an id of a hidden object never leaks through a report's object_refs,
 * a created_by_ref or any other *_ref / *_refs property.
 */
import type { Queryable } from '../store/db.js';
import type { StixObject } from '../stix/types.js';
import { hiddenAmong } from './object-repository.js';

type Visible = (alias: string, params: unknown[]) => string;

function collectRefs(obj: StixObject, into: Set<string>): void {
  for (const key in obj) {
    const v = obj[key];
    if (key.endsWith('_ref')) {
      if (typeof v === 'string') into.add(v);
    } else if (key.endsWith('_refs') && Array.isArray(v)) {
      for (const r of v) if (typeof r === 'string') into.add(r);
    }
  }
}

/** Returns the objects with every reference to a hidden object removed (copies only what changes). */
export async function redactReferences(q: Queryable, objects: StixObject[], visible: Visible): Promise<StixObject[]> {
  const refs = new Set<string>();
  for (const o of objects) collectRefs(o, refs);
  for (const o of objects) refs.delete(o.id);
  if (refs.size === 0) return objects;
  const hidden = await hiddenAmong(q, [...refs], visible);
  if (hidden.size === 0) return objects;
  return objects.map((o) => {
    let copy: StixObject | null = null;
    for (const key in o) {
      const v = o[key];
      if (key.endsWith('_ref') && typeof v === 'string' && hidden.has(v)) {
        copy ??= { ...o };
        delete copy[key];
      } else if (key.endsWith('_refs') && Array.isArray(v) && v.some((r) => hidden.has(r as string))) {
        copy ??= { ...o };
        copy[key] = v.filter((r) => !hidden.has(r as string));
      }
    }
    return copy ?? o;
  });
}
