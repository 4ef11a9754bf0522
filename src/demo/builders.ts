/**
 * Builders for the SDOs and SROs that both the foundation and the activity phase produce: relationships,
 * campaigns, indicators and reports. Every builder only references objects already queued, so the stream never
 * holds a forward reference.
 */
import type { StixObject } from '../stix/types.js';
import { CAMPAIGN_WORDS_A, CAMPAIGN_WORDS_B } from './actors.js';
import { killChainName } from './catalog-attack.js';
import { makePattern } from './observables.js';
import { pickLive, type Ref } from './pools.js';
import { DAY, iso, START_MS, MAX_MS, type ActorEntity, type IntelState } from './state.js';
import { SECTOR_BY_KEY, UK_SECTORS } from './uk.js';

/** Queues a relationship and returns its id. */
export function rel(s: IntelState, type: string, source: string, target: string, createdBy?: string, description?: string): string {
  const o = s.sdo('relationship', createdBy ?? s.producerFor());
  o.relationship_type = type;
  if (description !== undefined) o.description = description;
  o.source_ref = source;
  o.target_ref = target;
  const ref: Ref = { id: o.id };
  s.finish(o, { confidence: true, version: s.rng.chance(0.02), ref });
  s.relationships.add(ref);
  return o.id;
}

/** Sector a profile-bearing actor is interested in (random among its sectors). */
export function sectorOf(s: IntelState, a: ActorEntity): string {
  return s.rng.pick(a.profile.sectors);
}

function campaignName(s: IntelState): string {
  const seen = s.campaignNames;
  const base = `Operation ${s.rng.pick(CAMPAIGN_WORDS_A)} ${s.rng.pick(CAMPAIGN_WORDS_B)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base} ${n}`;
}

/** A campaign by a known intrusion set, with attributed-to / uses / targets relationships. */
export function campaign(s: IntelState): void {
  const r = s.rng;
  const setIdx = r.int(s.intrusionSets.length);
  const set = s.intrusionSets[setIdx]!;
  const sectorKey = sectorOf(s, set);
  const sector = SECTOR_BY_KEY.get(sectorKey)!;
  const producer = s.producerFor(sectorKey);
  const now = s.now();
  const o = s.sdo('campaign', producer, now);
  o.name = campaignName(s);
  o.description = `Campaign attributed to ${set.name} against UK ${sector.assets} (${sector.label} sector). Fictional, synthetic demo data.`;
  const first = Math.max(START_MS, now - r.int(90) * DAY);
  o.first_seen = iso(first);
  o.last_seen = iso(now);
  o.objective = `${set.profile.style === 'espionage' ? 'Collect intelligence on' : set.profile.style === 'ransomware' ? 'Extort' : 'Gain persistent access to'} ${sector.assets}`;
  const ref = { id: o.id, name: o.name as string, set: setIdx };
  s.finish(o, { labels: 0.4, confidence: true, version: true, ref });
  s.campaigns.add(ref);
  rel(s, 'attributed-to', o.id, set.id, producer);
  for (const t of r.sample(set.techniques, 1 + r.int(3))) rel(s, 'uses', o.id, s.attackPatterns[t]!.id, producer);
  if (set.malware.length && r.chance(0.7)) rel(s, 'uses', o.id, s.malware[r.pick(set.malware)]!.id, producer);
  if (set.vulns.length && r.chance(0.5)) rel(s, 'targets', o.id, s.vulnerabilities[r.pick(set.vulns)]!.id, producer);
  const cls = s.sectorClass.get(sectorKey);
  if (cls !== undefined) rel(s, 'targets', o.id, cls, producer);
  if (s.locations.length && r.chance(0.5)) rel(s, 'targets', o.id, r.pick(s.locations).id, producer);
}

const INDICATOR_TYPES_BY_KIND: Record<string, readonly string[]> = {
  ip: ['malicious-activity', 'compromised', 'anonymization'],
  domain: ['malicious-activity', 'attribution'],
  url: ['malicious-activity'],
  file: ['malicious-activity', 'attribution'],
  network: ['anomalous-activity', 'malicious-activity'],
  email: ['malicious-activity'],
  sequence: ['malicious-activity', 'anomalous-activity'],
};

/** An indicator about a malware family, intrusion set or campaign, usually with an `indicates` relationship. */
export function indicator(s: IntelState): void {
  const r = s.rng;
  let subject: { id: string; name: string } | undefined;
  let sectorKey: string | undefined;
  const k = r.int(10);
  if (k < 4 && s.malware.length) subject = r.pick(s.malware);
  else if (k < 7 || s.campaigns.size === 0) {
    const set = r.pick(s.intrusionSets);
    subject = set;
    sectorKey = sectorOf(s, set);
  } else {
    const c = pickLive(s.campaigns);
    if (c) {
      subject = c;
      sectorKey = sectorOf(s, s.intrusionSets[c.set]!);
    }
  }
  subject ??= r.pick(s.intrusionSets);
  const p = makePattern(s);
  const producer = s.producerFor(sectorKey);
  const now = s.now();
  const o = s.sdo('indicator', producer, now);
  o.name = `${subject.name} ${p.what}`;
  o.description = `${p.advice} Associated with ${subject.name}.`;
  o.indicator_types = [r.pick(INDICATOR_TYPES_BY_KIND[p.kind]!)];
  o.pattern = p.pattern;
  o.pattern_type = 'stix';
  o.pattern_version = '2.1';
  o.valid_from = o.created;
  if (r.chance(0.6)) o.valid_until = iso(Math.min(MAX_MS, now + (30 + r.int(335)) * DAY));
  if (r.chance(0.3) && s.attackPatterns.length) {
    const t = r.pick(s.attackPatterns).tech;
    o.kill_chain_phases = [{ kill_chain_name: killChainName(t), phase_name: t.tactics[0]! }];
  }
  const ref = { id: o.id, name: o.name as string, subject: subject.id };
  s.finish(o, { labels: 0.25, confidence: true, version: r.chance(0.06), ref });
  s.indicators.add(ref);
  if (r.chance(0.8)) rel(s, 'indicates', o.id, subject.id, producer);
  if (r.chance(0.15) && s.attackPatterns.length) rel(s, 'indicates', o.id, r.pick(s.attackPatterns).id, producer);
}

/** A report over objects already in the stream. */
export function report(s: IntelState): void {
  const r = s.rng;
  const refs = new Set<string>();
  const want = 3 + r.int(20);
  const add = (id: string | undefined): void => {
    if (id !== undefined) refs.add(id);
  };
  const set = s.intrusionSets.length ? r.pick(s.intrusionSets) : undefined;
  const sectorKey = set ? sectorOf(s, set) : r.pick(UK_SECTORS).key;
  const sector = SECTOR_BY_KEY.get(sectorKey)!;
  if (set) add(set.id);
  for (let i = 0; i < want * 2 && refs.size < want; i++) {
    const k = r.int(8);
    if (k < 3) add(pickLive(s.indicators)?.id);
    else if (k < 5) add(pickLive(s.relationships)?.id);
    else if (k === 5) add(pickLive(s.campaigns)?.id);
    else if (k === 6 && s.attackPatterns.length) add(r.pick(s.attackPatterns).id);
    else if (s.vulnerabilities.length) add(r.pick(s.vulnerabilities).id);
  }
  if (refs.size === 0) add(s.producers[0]);
  const now = s.now();
  const o: StixObject = s.sdo('report', s.producerFor(sectorKey), now);
  const kind = r.int(3);
  o.name =
    kind === 0 && set
      ? `Advisory: ${set.name} activity against the UK ${sector.label.toLowerCase()} sector`
      : kind === 1
        ? `${sector.label} sector threat summary ${iso(now).slice(0, 10)}`
        : `Indicator release ${iso(now).slice(0, 10)}: ${sector.label.toLowerCase()} sector`;
  o.description = `Assessment of threats to UK ${sector.assets} (${sector.label} sector). Synthetic demo data.`;
  o.report_types = kind === 0 ? ['threat-report', 'intrusion-set'] : kind === 1 ? ['threat-report'] : ['indicator'];
  o.published = iso(now);
  o.object_refs = [...refs];
  s.finish(o, { labels: 0.5, confidence: true, version: r.chance(0.1) });
}
