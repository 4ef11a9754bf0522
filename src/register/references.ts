/**
 * The checks of one register record against the others it names (for writes through the API one
 * record at a time): a system's site exists, is a site and is of the same organisation; a
 * component's system exists and is a system; a dependency's endpoints exist and the subject may
 * write its dependent; alternates carry the same service; a site keeps the systems at it
 * consistent. Records the subject may not read are reported exactly like missing ones.
 */
import type { Queryable } from '../store/db.js';
import { canReadRegister, type Subject } from '../access/policy.js';
import type { AssetRecord } from './model.js';
import * as repo from './repository.js';
import type { AssetInput, ComponentInput, DependencyInput, FieldError } from './validate.js';

/** An asset the subject may read, else null (whether it does not exist or is hidden). */
async function visibleAsset(q: Queryable, s: Subject, id: string): Promise<AssetRecord | null> {
  const a = await repo.getRecord<AssetRecord>(q, 'asset', id);
  return a && canReadRegister(s, a.orgId) ? a : null;
}

/**
 * Completes a system from its site (region, coordinates when not given) and reports what is
 * wrong with its site, or with the systems at a site whose organisation or kind changes.
 */
export async function checkAssetReferences(q: Queryable, s: Subject, a: AssetInput, before: AssetRecord | null): Promise<FieldError[]> {
  const errs: FieldError[] = [];
  const [org] = await q.query<{ id: string }>('SELECT id FROM organisation WHERE id = $1', [a.orgId]);
  if (!org) errs.push({ field: 'orgId', reason: `no organisation '${a.orgId}'` });
  if (a.kind === 'system' && a.siteId !== null) {
    const site = await visibleAsset(q, s, a.siteId);
    if (!site) errs.push({ field: 'siteId', reason: `no site '${a.siteId}' is available to you` });
    else if (site.kind !== 'site') errs.push({ field: 'siteId', reason: `'${a.siteId}' is a system, not a site` });
    else if (site.orgId !== a.orgId) errs.push({ field: 'siteId', reason: `site '${a.siteId}' belongs to '${site.orgId}'; a system must be at a site of its own organisation ('${a.orgId}')` });
    else {
      a.region ??= site.region;
      if (a.lat === null && a.lon === null) {
        a.lat = site.lat;
        a.lon = site.lon;
      }
    }
  }
  if (before?.kind === 'site' && (a.kind !== 'site' || a.orgId !== before.orgId)) {
    const at = (await repo.systemsAt(q, [a.id])).filter((x) => a.kind !== 'site' || x.orgId !== a.orgId);
    if (at.length) {
      const what = a.kind !== 'site' ? 'cannot become a system' : `cannot move to '${a.orgId}'`;
      errs.push({ field: a.kind !== 'site' ? 'kind' : 'orgId', reason: `${what}: systems are at this site (${at.slice(0, 10).map((x) => x.id).join(', ')}${at.length > 10 ? ', …' : ''})` });
    }
  }
  if (before?.kind === 'system' && a.kind === 'site') {
    const [c] = await q.query<{ id: string }>('SELECT id FROM component WHERE system_id = $1 LIMIT 1', [a.id]);
    if (c) errs.push({ field: 'kind', reason: 'cannot become a site: components are registered on this system' });
  }
  return errs;
}

/** The component's organisation (its system's), or the errors. */
export async function checkComponentReferences(q: Queryable, s: Subject, c: ComponentInput): Promise<{ orgId: string | null; errors: FieldError[] }> {
  const sys = await visibleAsset(q, s, c.systemId);
  if (!sys) return { orgId: null, errors: [{ field: 'systemId', reason: `no system '${c.systemId}' is available to you` }] };
  if (sys.kind !== 'system') return { orgId: null, errors: [{ field: 'systemId', reason: `'${c.systemId}' is a site; components belong to systems` }] };
  if (c.orgId !== null && c.orgId !== sys.orgId) {
    return { orgId: null, errors: [{ field: 'orgId', reason: `is '${c.orgId}' but system '${c.systemId}' belongs to '${sys.orgId}' (leave it out: it is the system's)` }] };
  }
  return { orgId: sys.orgId, errors: [] };
}

/** The dependency's organisation (its dependent's), or the errors. */
export async function checkDependencyReferences(q: Queryable, s: Subject, d: DependencyInput): Promise<{ orgId: string | null; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const dependent = await visibleAsset(q, s, d.dependentId);
  if (!dependent) errors.push({ field: 'dependentId', reason: `no asset '${d.dependentId}' is available to you` });
  else if (d.orgId !== null && d.orgId !== dependent.orgId) {
    errors.push({ field: 'orgId', reason: `is '${d.orgId}' but dependent '${d.dependentId}' belongs to '${dependent.orgId}' (leave it out: it is the dependent's)` });
  }
  // the provider may be another organisation's: its id is all a reader learns of it
  const [provider] = await q.query<{ id: string }>('SELECT id FROM asset WHERE id = $1', [d.providerId]);
  if (!provider) errors.push({ field: 'providerId', reason: `no asset '${d.providerId}'` });
  if (d.alternateGroup !== null && dependent) {
    const other = (await repo.alternatesOf(q, d.dependentId, d.alternateGroup, d.id)).find((x) => x.service !== d.service);
    if (other) {
      errors.push({
        field: 'alternateGroup',
        reason: `alternates must carry the same service: group '${d.alternateGroup}' of '${d.dependentId}' carries ${other.service} (dependency '${other.id}'), this one ${d.service}`,
      });
    }
  }
  return { orgId: dependent?.orgId ?? null, errors };
}
