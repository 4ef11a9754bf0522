/**
 * The first part of the stream: marking definitions, producers, sectors, places, the ATT&CK and CVE reference
 * objects, tools, malware, threat actors and intrusion sets with their relationships, and a first few campaigns.
 * Its size scales with the requested count (full catalogues from about 20,000 objects up), so a small demo still
 * shows every kind of object. Written as a generator: it yields after each group so the driver can stop exactly
 * at `count`.
 */
import { ACTOR_PROFILES, MALWARE_PROFILES, TOOL_PROFILES, type ActorProfile } from './actors.js';
import { ATTACK_MITIGATIONS, ATTACK_TECHNIQUES, killChainName } from './catalog-attack.js';
import { CVE_CATALOG } from './catalog-cve.js';
import { campaign, rel, report } from './builders.js';
import { markingDefinitions } from './markings-mix.js';
import { DAY, iso, START_MS, type ActorEntity, type IntelState } from './state.js';
import { ORG_KINDS_BY_SECTOR, ORG_PLACES, PRODUCERS, SECTOR_BY_KEY, UK_REGIONS, UK_SECTORS } from './uk.js';

function goalsOf(p: ActorProfile): string[] {
  return p.sectors.map((k) => {
    const sec = SECTOR_BY_KEY.get(k)!;
    const a = sec.assets;
    switch (p.style) {
      case 'espionage': return `Collect sensitive information on UK ${a}`;
      case 'pre-positioning': return `Pre-position persistent access in UK ${a} for potential future disruption`;
      case 'disruption': return `Disrupt UK ${a}`;
      case 'ransomware': return `Extort UK ${sec.label.toLowerCase()} organisations through data theft and encryption`;
      case 'hacktivism': return `Publicise attacks on UK ${sec.label.toLowerCase()} operators to advance a political cause`;
      case 'insider': return `Sabotage ${a} of a former employer`;
    }
  });
}

export function* foundation(s: IntelState, producerIdentityId: string | undefined, markings: boolean): Generator<void> {
  const r = s.rng;
  const scale = Math.min(1, s.count / 20_000);
  const n = (full: number, min: number): number => Math.min(full, Math.max(min, Math.round(full * scale)));

  if (markings) {
    for (const m of markingDefinitions()) s.out.push(m);
    yield;
  }

  // Producers: the national authority (optionally with the caller's identity id), then sector CERTs.
  for (let i = 0; i < PRODUCERS.length; i++) {
    const p = PRODUCERS[i]!;
    const o = s.sdo('identity', i === 0 ? undefined : s.producers[0]);
    if (i === 0 && producerIdentityId !== undefined) o.id = producerIdentityId;
    o.name = p.name;
    o.description = p.description;
    o.identity_class = 'organization';
    o.sectors = p.sector ? [...SECTOR_BY_KEY.get(p.sector)!.stix, 'government-national'] : ['government-national'];
    o.contact_information = p.contact;
    s.finish(o, { public: true });
    s.producers.push(o.id);
    s.producerSector.push(p.sector);
    yield;
  }
  const authority = s.producers[0]!;

  for (const sec of UK_SECTORS) {
    const o = s.sdo('identity', authority);
    o.name = `UK ${sec.label} sector`;
    o.description = `The UK ${sec.label} critical national infrastructure sector.`;
    o.identity_class = 'class';
    o.sectors = [...sec.stix];
    s.finish(o, { public: true });
    s.sectorClass.set(sec.key, o.id);
  }
  yield;

  const uk = s.sdo('location', authority);
  uk.name = 'United Kingdom';
  uk.region = 'northern-europe';
  uk.country = 'GB';
  s.finish(uk, { public: true });
  s.locations.push({ id: uk.id, name: 'United Kingdom' });
  for (const g of UK_REGIONS) {
    const o = s.sdo('location', authority);
    Object.assign(o, { name: g.name, region: 'northern-europe', country: 'GB', administrative_area: g.administrativeArea, city: g.city, latitude: g.latitude, longitude: g.longitude });
    s.finish(o, { public: true });
    s.locations.push({ id: o.id, name: g.name });
  }
  yield;

  // Fictional operators (victims), each located in a UK region.
  for (let i = 0, nv = n(48, 4); i < nv; i++) victim(s);
  yield;

  // ATT&CK techniques and the MITRE mitigations mapped to them.
  for (const t of r.sample(ATTACK_TECHNIQUES, n(ATTACK_TECHNIQUES.length, 10))) {
    const o = s.sdo('attack-pattern', authority);
    o.name = t.name;
    o.external_references = [{ source_name: 'mitre-attack', url: t.url, external_id: t.id }];
    o.kill_chain_phases = t.tactics.map((phase_name) => ({ kill_chain_name: killChainName(t), phase_name }));
    s.finish(o, { public: true });
    s.attackPatterns.push({ id: o.id, name: t.name, tech: t });
    for (const mid of t.mitigations) {
      let coa = s.mitigationIds.get(mid);
      if (coa === undefined) {
        const m = ATTACK_MITIGATIONS.find((x) => x.id === mid);
        if (!m) continue;
        const c = s.sdo('course-of-action', authority);
        c.name = m.name;
        c.description = `MITRE ATT&CK mitigation ${m.id}: ${m.name}.`;
        c.external_references = [{ source_name: 'mitre-attack', url: m.url, external_id: m.id }];
        s.finish(c, { public: true });
        s.mitigationIds.set(mid, (coa = c.id));
      }
      rel(s, 'mitigates', coa, o.id, authority);
    }
    yield;
  }

  for (const c of r.sample(CVE_CATALOG, n(CVE_CATALOG.length, 6))) {
    const o = s.sdo('vulnerability', authority);
    o.name = c.id;
    o.description = `${c.nickname ? `${c.nickname}: ` : ''}${c.name}. Affected product: ${c.vendor} ${c.product}.${c.kev ? ' Listed in the CISA Known Exploited Vulnerabilities catalog.' : ''}`;
    o.external_references = [{ source_name: 'cve', external_id: c.id }];
    const labels = [...(c.domain === 'ot' ? ['ot', 'ics'] : []), ...(c.kev ? ['kev'] : [])];
    if (labels.length) o.labels = labels;
    s.finish(o, { public: !r.chance(0.2), version: true });
    s.vulnerabilities.push({ id: o.id, name: c.id, cve: c });
    if (r.chance(0.4)) {
      const fix = s.sdo('course-of-action', authority);
      fix.name = `Apply ${c.vendor} updates for ${c.id}`;
      fix.description = `Apply the vendor's fixed release for ${c.product}, then hunt for signs of compromise that pre-date patching.`;
      s.finish(fix, { public: true });
      rel(s, 'mitigates', fix.id, o.id, authority);
    }
    yield;
  }

  for (const t of r.sample(TOOL_PROFILES, n(TOOL_PROFILES.length, 3))) {
    const o = s.sdo('tool', authority);
    o.name = t.name;
    o.tool_types = [...t.types];
    o.external_references = [{ source_name: 'mitre-attack', url: `https://attack.mitre.org/software/${t.attackId}`, external_id: t.attackId }];
    s.finish(o, { public: true });
    s.tools.push({ id: o.id, name: t.name, tool: t });
  }
  yield;

  const itTech = s.attackPatterns.map((a, i) => (a.tech.ics ? -1 : i)).filter((i) => i >= 0);
  const otTech = s.attackPatterns.map((a, i) => (a.tech.ics ? i : -1)).filter((i) => i >= 0);
  const techFor = (ot: boolean, k: number): number[] =>
    r.sample(ot && otTech.length ? [...otTech, ...r.sample(itTech, 4)] : itTech.length ? itTech : otTech, k);

  for (const m of r.sample(MALWARE_PROFILES, n(MALWARE_PROFILES.length, 3))) {
    const now = s.now();
    const o = s.sdo('malware', s.producerFor(), now);
    o.name = m.name;
    o.description = `${m.name} is a fictional ${m.types.join('/')} family used in this synthetic demo data set.`;
    o.is_family = true;
    o.malware_types = [...m.types];
    o.first_seen = iso(Math.max(START_MS, now - r.int(60) * DAY));
    o.capabilities = [...m.capabilities];
    o.implementation_languages = [...m.languages];
    o.architecture_execution_envs = [...m.envs];
    if (m.ot) o.labels = ['ot', 'ics'];
    s.finish(o, { confidence: true, version: true });
    s.malware.push({ id: o.id, name: m.name, mw: m });
    for (const t of techFor(m.ot, 2 + r.int(3))) rel(s, 'uses', o.id, s.attackPatterns[t]!.id);
    if (s.vulnerabilities.length && r.chance(0.4)) rel(s, 'targets', o.id, r.pick(s.vulnerabilities).id);
    yield;
  }

  for (const p of r.sample(ACTOR_PROFILES, n(ACTOR_PROFILES.length, 2))) {
    actor(s, p, techFor);
    yield;
  }

  for (let i = 0, nc = n(40, 2); i < nc; i++) {
    campaign(s);
    yield;
  }
  report(s);
  yield;
}

export function victim(s: IntelState): void {
  const r = s.rng;
  const sec = r.pick(UK_SECTORS);
  const o = s.sdo('identity', s.producerFor(sec.key));
  o.name = `${r.pick(ORG_PLACES)} ${r.pick(ORG_KINDS_BY_SECTOR[sec.key] ?? ['Ltd'])}`;
  o.identity_class = 'organization';
  o.sectors = [sec.stix[0]!];
  s.finish(o, { labels: 0.2 });
  s.victims.push({ id: o.id, name: o.name as string, sector: sec.key });
  if (s.locations.length > 1) rel(s, 'located-at', o.id, s.locations[1 + r.int(s.locations.length - 1)]!.id, o.created_by_ref);
}

function actor(s: IntelState, p: ActorProfile, techFor: (ot: boolean, k: number) => number[]): void {
  const r = s.rng;
  const ot = p.style === 'pre-positioning' || p.style === 'disruption';
  const now = s.now();
  const first = Math.max(START_MS, now - r.int(90) * DAY);
  const authority = s.producers[0]!;
  const goals = goalsOf(p);
  const ta = s.sdo('threat-actor', authority, now);
  Object.assign(ta, {
    name: p.actorName,
    description: `${p.actorName} is a fictional threat actor invented for Bulwark demo data; any resemblance to a real group is unintended.`,
    threat_actor_types: [...p.threatActorTypes],
    aliases: [`${p.aliases[0]}-TA`],
    first_seen: iso(first),
    last_seen: iso(now),
    roles: [...p.roles],
    goals,
    sophistication: p.sophistication,
    resource_level: p.resourceLevel,
    primary_motivation: p.primaryMotivation,
  });
  if (p.secondaryMotivations.length) ta.secondary_motivations = [...p.secondaryMotivations];
  ta.labels = [p.style, 'cni'];
  s.finish(ta, { confidence: true, version: true });
  const taEntity: ActorEntity = { id: ta.id, name: p.actorName, profile: p, techniques: [], malware: [], tools: [], vulns: [] };
  s.threatActors.push(taEntity);

  const is = s.sdo('intrusion-set', authority, now);
  Object.assign(is, {
    name: p.name,
    description: `${p.name} is a fictional intrusion set (synthetic demo data) focused on ${p.sectors.map((k) => SECTOR_BY_KEY.get(k)!.label.toLowerCase()).join(', ')}.`,
    aliases: [...p.aliases],
    first_seen: iso(first),
    last_seen: iso(now),
    goals,
    resource_level: p.resourceLevel,
    primary_motivation: p.primaryMotivation,
  });
  if (p.secondaryMotivations.length) is.secondary_motivations = [...p.secondaryMotivations];
  is.labels = [p.style, 'cni'];
  s.finish(is, { confidence: true, version: true });
  const ent: ActorEntity = {
    id: is.id,
    name: p.name,
    profile: p,
    techniques: techFor(ot, 4 + r.int(7)),
    malware: s.malware.length ? r.sample(s.malware.map((_, i) => i), 1 + r.int(2)) : [],
    tools: s.tools.length ? r.sample(s.tools.map((_, i) => i), 1 + r.int(3)) : [],
    vulns: s.vulnerabilities.length ? r.sample(s.vulnerabilities.map((_, i) => i), 1 + r.int(4)) : [],
  };
  s.intrusionSets.push(ent);
  rel(s, 'attributed-to', is.id, ta.id, authority);
  for (const t of ent.techniques) rel(s, 'uses', is.id, s.attackPatterns[t]!.id, authority);
  for (const m of ent.malware) rel(s, 'uses', is.id, s.malware[m]!.id, authority);
  for (const t of ent.tools) rel(s, 'uses', is.id, s.tools[t]!.id, authority);
  for (const v of ent.vulns) rel(s, 'targets', is.id, s.vulnerabilities[v]!.id, authority);
  for (const k of p.sectors) {
    const cls = s.sectorClass.get(k);
    if (cls !== undefined) rel(s, 'targets', is.id, cls, authority);
  }
  rel(s, 'targets', ta.id, s.locations[0]!.id, authority);
}
