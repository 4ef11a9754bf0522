/**
 * The bulk of the stream after the foundation: a weighted mix of steps (indicators, observations with SCOs,
 * sightings, relationships, campaigns, reports, new versions and revocations of earlier objects). Each step
 * queues one or a few objects on IntelState.out.
 */
import type { StixObject } from '../stix/types.js';
import { campaign, indicator, rel, report, sectorOf } from './builders.js';
import { victim } from './foundation.js';
import { observables } from './observables.js';
import { pickLive } from './pools.js';
import { weighted, type Prng } from './prng.js';
import { DAY, iso, MAX_MS, START_MS, type IntelState } from './state.js';

function observation(s: IntelState): void {
  const r = s.rng;
  const refs = observables(s);
  const now = s.now();
  const vic = s.victims.length ? r.pick(s.victims) : undefined;
  const o = s.sdo('observed-data', s.producerFor(vic?.sector), now);
  o.first_observed = iso(Math.max(START_MS, now - r.int(72) * 3_600_000));
  o.last_observed = iso(now);
  o.number_observed = 1 + r.int(50);
  o.object_refs = refs;
  s.finish(o, { labels: 0.1 });
  s.observed.add(o.id);
  if (r.chance(0.25)) {
    const ind = pickLive(s.indicators);
    if (ind) rel(s, 'based-on', ind.id, o.id, o.created_by_ref);
  }
}

function sighting(s: IntelState): void {
  const r = s.rng;
  const ind = pickLive(s.indicators);
  const target = ind?.id ?? (s.malware.length ? r.pick(s.malware).id : r.pick(s.intrusionSets).id);
  const vic = s.victims.length ? r.pick(s.victims) : undefined;
  const now = s.now();
  const o = s.sdo('sighting', s.producerFor(vic?.sector), now);
  o.description = vic ? `Activity sighted at ${vic.name}.` : 'Activity sighted by a sector partner.';
  o.first_seen = iso(Math.max(START_MS, now - r.int(14) * DAY));
  o.last_seen = iso(now);
  o.count = 1 + r.int(200);
  o.sighting_of_ref = target;
  const od = r.chance(0.7) ? s.observed.pick() : undefined;
  if (od !== undefined) o.observed_data_refs = [od];
  o.where_sighted_refs = [vic?.id ?? s.producers[1 + r.int(s.producers.length - 1)] ?? s.producers[0]!];
  s.finish(o, { confidence: true });
}

/** One relationship among entities already in the stream. */
function relationship(s: IntelState): void {
  const r = s.rng;
  const set = r.pick(s.intrusionSets);
  const k = r.int(10);
  if (k < 3 && set.techniques.length) {
    const t = r.chance(0.7) ? r.pick(set.techniques) : r.int(s.attackPatterns.length);
    rel(s, 'uses', set.id, s.attackPatterns[t]!.id);
  } else if (k < 4 && s.vulnerabilities.length) {
    rel(s, 'targets', r.chance(0.5) || !s.malware.length ? set.id : r.pick(s.malware).id, r.pick(s.vulnerabilities).id);
  } else if (k < 6 && s.victims.length) {
    const c = pickLive(s.campaigns);
    const sector = sectorOf(s, set);
    const vic = s.victims.find((v) => v.sector === sector) ?? r.pick(s.victims);
    rel(s, 'targets', c?.id ?? set.id, vic.id, s.producerFor(vic.sector));
  } else if (k < 7 && s.malware.length) {
    rel(s, 'uses', r.pick(s.malware).id, r.pick(s.attackPatterns).id);
  } else if (k < 8 && s.tools.length) {
    rel(s, 'uses', set.id, r.pick(s.tools).id);
  } else if (k < 9) {
    const ind = pickLive(s.indicators);
    if (ind) rel(s, 'indicates', ind.id, r.pick(s.attackPatterns).id);
    else rel(s, 'targets', set.id, r.pick(s.locations).id);
  } else {
    const a = pickLive(s.campaigns);
    const b = pickLive(s.campaigns);
    if (a && b && a.id !== b.id) rel(s, 'related-to', a.id, b.id);
    else rel(s, 'targets', set.id, r.pick(s.locations).id);
  }
}

const REVOCABLE = new Set(['indicator', 'relationship', 'report', 'campaign']);

/** A newer version (same id, later `modified`) of an earlier object; or, with `revoke`, its revocation. */
function newVersion(s: IntelState, revoke: boolean): void {
  const r = s.rng;
  const i = s.versionable.pickIndex();
  if (i < 0) return indicator(s);
  const prev = s.versionable.items[i]!;
  const ms = Math.min(MAX_MS, Math.max(s.now(), prev.ms + 1000));
  const o: StixObject = { ...prev.obj, modified: iso(ms) };
  const gone = s.revoked;
  // A relationship whose end was revoked is revoked with it (never re-issued pointing at a revoked object).
  const orphan = o.type === 'relationship' && (gone.has(o.source_ref as string) || gone.has(o.target_ref as string));
  if (o.type === 'report' && gone.size) {
    const kept = (o.object_refs as string[]).filter((id) => !gone.has(id));
    if (kept.length) o.object_refs = kept;
    else revoke = true;
  }
  // Only operational objects are revoked; actors, malware and reference data stay live (later objects use them).
  if (orphan || (revoke && REVOCABLE.has(o.type))) {
    o.revoked = true;
    s.versionable.removeAt(i);
    if (prev.ref) prev.ref.revoked = true;
    gone.add(o.id);
    s.out.push(o);
    return;
  }
  if (r.chance(0.5) || o.confidence !== undefined) o.confidence = 15 + 5 * r.int(18);
  switch (o.type) {
    case 'indicator':
      o.valid_until = iso(Math.min(MAX_MS, ms + (30 + r.int(180)) * DAY));
      break;
    case 'campaign':
    case 'intrusion-set':
    case 'threat-actor':
    case 'malware':
      o.last_seen = iso(Math.max(ms, typeof o.last_seen === 'string' ? Date.parse(o.last_seen) : 0));
      break;
    case 'report': {
      const extra = pickLive(s.indicators);
      const refs = o.object_refs as string[];
      if (extra && !refs.includes(extra.id)) o.object_refs = [...refs, extra.id];
      break;
    }
    default:
      if (r.chance(0.5)) o.labels = [...((o.labels as string[] | undefined) ?? []).filter((l) => l !== 'reviewed'), 'reviewed'];
  }
  s.versionable.items[i] = { obj: o, ms, ref: prev.ref };
  s.out.push(o);
}

type Step = (s: IntelState) => void;

const STEP: (rng: Prng) => Step = weighted<Step>([
  [indicator, 30],
  [observation, 18],
  [sighting, 10],
  [relationship, 14],
  [campaign, 1.2],
  [report, 2.5],
  [(s) => newVersion(s, false), 5],
  [(s) => newVersion(s, true), 0.6],
  [victim, 0.4],
]);

/** Queues the objects of one activity step. */
export function activityStep(s: IntelState): void {
  STEP(s.rng)(s);
}
