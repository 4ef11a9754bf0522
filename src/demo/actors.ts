/**
 * FICTIONAL adversaries for the demo generator. Every intrusion-set, threat-actor, malware family and campaign
 * name here is invented for demonstration and deliberately avoids the naming schemes vendors use for real groups
 * (no animals-by-country, weather events, metals/elements or minerals), so generated intel can never be mistaken
 * for, or attribute activity to, a real group. Tools, by contrast, are real, widely known dual-use software
 * (with their MITRE ATT&CK software ids): using a tool is not an attribution.
 */

export type ActorStyle = 'espionage' | 'pre-positioning' | 'disruption' | 'ransomware' | 'hacktivism' | 'insider';

export interface ActorProfile {
  /** Intrusion-set name (upper-case codename). */
  name: string;
  aliases: readonly string[];
  /** Name of the threat-actor (persona / operator) the intrusion set is attributed to. */
  actorName: string;
  style: ActorStyle;
  threatActorTypes: readonly string[];
  primaryMotivation: string;
  secondaryMotivations: readonly string[];
  sophistication: string;
  resourceLevel: string;
  roles: readonly string[];
  /** Keys into UK_SECTORS. */
  sectors: readonly string[];
}

const P = (
  name: string,
  alias: string,
  actorName: string,
  style: ActorStyle,
  types: string,
  motivation: string,
  secondary: string,
  sophistication: string,
  resourceLevel: string,
  roles: string,
  sectors: string,
): ActorProfile => ({
  name,
  aliases: [alias],
  actorName,
  style,
  threatActorTypes: types.split(' '),
  primaryMotivation: motivation,
  secondaryMotivations: secondary ? secondary.split(' ') : [],
  sophistication,
  resourceLevel,
  roles: roles.split(' '),
  sectors: sectors.split(' '),
});

export const ACTOR_PROFILES: readonly ActorProfile[] = [
  P('HOLLOW LANTERN', 'BWK-IS-01', 'Hollow Lantern operators', 'pre-positioning', 'nation-state spy', 'organizational-gain', 'dominance', 'expert', 'government', 'sponsor director', 'energy civil-nuclear communications'),
  P('QUIET HARROW', 'BWK-IS-02', 'Quiet Harrow cell', 'espionage', 'nation-state spy', 'organizational-gain', '', 'advanced', 'government', 'agent infrastructure-operator', 'government defence space'),
  P('MARSH BOBBIN', 'BWK-IS-03', 'Marsh Bobbin collective', 'hacktivism', 'activist sensationalist', 'ideology', 'notoriety', 'minimal', 'club', 'independent', 'water energy transport'),
  P('FERRY THISTLE', 'BWK-IS-04', 'Ferry Thistle affiliates', 'ransomware', 'crime-syndicate criminal', 'personal-gain', 'organizational-gain', 'intermediate', 'organization', 'agent malware-author', 'health finance transport food'),
  P('SPINDLE WEIR', 'BWK-IS-05', 'Spindle Weir group', 'disruption', 'nation-state', 'dominance', 'ideology coercion', 'innovator', 'government', 'director malware-author', 'energy water chemicals'),
  P('OXBOW CURLEW', 'BWK-IS-06', 'Oxbow Curlew team', 'espionage', 'nation-state spy', 'organizational-gain', '', 'advanced', 'government', 'agent', 'communications finance government'),
  P('FURROW LAPWING', 'BWK-IS-07', 'Furrow Lapwing brokers', 'ransomware', 'criminal', 'personal-gain', '', 'intermediate', 'team', 'infrastructure-operator', 'food health emergency-services'),
  P('GANTRY DUNLIN', 'BWK-IS-08', 'Gantry Dunlin unit', 'pre-positioning', 'nation-state', 'dominance', 'organizational-gain', 'expert', 'government', 'infrastructure-architect', 'transport communications energy'),
  P('CULVERT NIGHTJAR', 'BWK-IS-09', 'Culvert Nightjar crew', 'ransomware', 'crime-syndicate', 'personal-gain', 'coercion', 'intermediate', 'organization', 'agent', 'water health government'),
  P('SEMAPHORE WREN', 'BWK-IS-10', 'Semaphore Wren front', 'hacktivism', 'activist', 'ideology', 'revenge', 'minimal', 'individual', 'independent', 'government transport finance'),
  P('SLUICE PLOVER', 'BWK-IS-11', 'Sluice Plover operators', 'disruption', 'nation-state terrorist', 'coercion', 'ideology', 'advanced', 'government', 'director', 'water energy'),
  P('TURNSTILE GANNET', 'BWK-IS-12', 'Turnstile Gannet initial-access broker', 'ransomware', 'criminal', 'personal-gain', '', 'intermediate', 'individual', 'infrastructure-operator', 'transport finance communications'),
  P('BRAMBLE FULMAR', 'BWK-IS-13', 'Bramble Fulmar', 'insider', 'insider-disgruntled', 'revenge', 'personal-gain', 'minimal', 'individual', 'independent', 'civil-nuclear energy'),
  P('WICKER STOAT', 'BWK-IS-14', 'Wicker Stoat team', 'espionage', 'spy competitor', 'organizational-gain', '', 'intermediate', 'organization', 'agent', 'chemicals space defence'),
  P('CAIRN OTTER', 'BWK-IS-15', 'Cairn Otter cluster', 'pre-positioning', 'nation-state', 'organizational-gain', 'dominance', 'strategic', 'government', 'sponsor', 'civil-nuclear communications government'),
  P('TALLOW HERON', 'BWK-IS-16', 'Tallow Heron syndicate', 'ransomware', 'crime-syndicate', 'personal-gain', '', 'advanced', 'organization', 'malware-author', 'finance health'),
  P('PARAPET VOLE', 'BWK-IS-17', 'Parapet Vole', 'hacktivism', 'hacker sensationalist', 'notoriety', 'personal-satisfaction', 'minimal', 'individual', 'independent', 'emergency-services health'),
  P('PYLON SHRIKE', 'BWK-IS-18', 'Pylon Shrike unit', 'disruption', 'nation-state', 'dominance', 'coercion', 'expert', 'government', 'director malware-author', 'energy transport'),
];

export interface MalwareProfile {
  name: string;
  types: readonly string[];
  capabilities: readonly string[];
  languages: readonly string[];
  envs: readonly string[];
  ot: boolean;
}

const M = (name: string, types: string, capabilities: string, languages: string, envs: string, ot = false): MalwareProfile => ({
  name,
  types: types.split(' '),
  capabilities: capabilities.split(' '),
  languages: languages.split(' '),
  envs: envs.split(' '),
  ot,
});

/** Fictional malware families. */
export const MALWARE_PROFILES: readonly MalwareProfile[] = [
  M('SluiceGate', 'backdoor remote-access-trojan', 'communicates-with-c2 accesses-remote-machines', 'go', 'x86-64'),
  M('WeirBreak', 'wiper', 'compromises-data-availability evades-av', 'c', 'x86-64'),
  M('RelayWraith', 'backdoor', 'controls-local-machine communicates-with-c2', 'c++', 'arm', true),
  M('GantryFall', 'ransomware', 'self-modifies exfiltrates-data', 'c++', 'x86-64'),
  M('PylonSnap', 'trojan', 'communicates-with-c2 controls-local-machine', 'python', 'x86-64', true),
  M('TideMill', 'downloader dropper', 'communicates-with-c2 installs-other-components', 'powershell', 'x86'),
  M('BrineKnot', 'webshell', 'accesses-remote-machines', 'java', 'x86-64'),
  M('FenLight', 'spyware keylogger', 'captures-input-peripherals exfiltrates-data', 'c#', 'x86-64'),
  M('MoorCoil', 'rootkit', 'hides-artifacts persists-after-system-reboot', 'c', 'x86-64'),
  M('HedgeTally', 'bot ddos', 'communicates-with-c2', 'go', 'mips'),
  M('QuayLamp', 'backdoor', 'communicates-with-c2 fingerprints-host', 'c', 'arm'),
  M('CopseRider', 'remote-access-trojan', 'accesses-remote-machines captures-system-state-data', 'c++', 'x86-64'),
  M('LockKeeper', 'ransomware', 'exfiltrates-data prevents-artifact-access', 'c++', 'x86-64'),
  M('SpillwayTap', 'trojan', 'controls-local-machine', 'python', 'x86-64', true),
  M('TillerBox', 'dropper', 'installs-other-components evades-av', 'c', 'x86-64'),
  M('CrookPost', 'webshell', 'accesses-remote-machines', 'php', 'x86-64'),
  M('BeaconWeft', 'backdoor', 'communicates-with-c2 escalates-privileges', 'go', 'x86-64'),
  M('LeatRunner', 'wiper', 'compromises-system-availability violates-system-operational-integrity', 'c', 'arm', true),
  M('ScytheNote', 'spyware', 'captures-system-state-data exfiltrates-data', 'c#', 'x86'),
  M('ByreShade', 'bootkit', 'persists-after-system-reboot hides-artifacts', 'c', 'x86-64'),
];

export interface ToolProfile {
  name: string;
  attackId: string;
  types: readonly string[];
}

/** Real dual-use tools with their MITRE ATT&CK software ids. */
export const TOOL_PROFILES: readonly ToolProfile[] = [
  ['Mimikatz', 'S0002', 'credential-exploitation'], ['PsExec', 'S0029', 'remote-access'],
  ['Impacket', 'S0357', 'remote-access credential-exploitation'], ['AdFind', 'S0552', 'information-gathering'],
  ['Rclone', 'S1040', 'unknown'], ['ngrok', 'S0508', 'remote-access'], ['BloodHound', 'S0521', 'information-gathering'],
  ['CrackMapExec', 'S0488', 'credential-exploitation exploitation'], ['Responder', 'S0174', 'network-capture credential-exploitation'],
  ['Rubeus', 'S1071', 'credential-exploitation'], ['Sliver', 'S0633', 'remote-access'], ['Brute Ratel C4', 'S1063', 'remote-access'],
  ['Nltest', 'S0359', 'information-gathering'], ['certutil', 'S0160', 'unknown'], ['netsh', 'S0108', 'unknown'],
  ['Wevtutil', 'S0645', 'unknown'], ['NBTscan', 'S0590', 'information-gathering vulnerability-scanning'],
  ['Tor', 'S0183', 'remote-access'], ['PowerSploit', 'S0194', 'exploitation'], ['Net', 'S0039', 'information-gathering'],
].map(([name, attackId, types]) => ({ name: name!, attackId: attackId!, types: types!.split(' ') }));

/** Words for fictional campaign names: "Operation <A> <B>". */
export const CAMPAIGN_WORDS_A: readonly string[] = [
  'Faint', 'Cold', 'Dim', 'Low', 'Long', 'Still', 'Narrow', 'Sunken', 'Late', 'Pale', 'Slow', 'Bleak', 'Broken', 'Quiet',
  'Northern', 'Western', 'Ashen', 'Amber', 'Misty', 'Tidal',
];
export const CAMPAIGN_WORDS_B: readonly string[] = [
  'Weir', 'Ferry', 'Causeway', 'Lockgate', 'Signal', 'Turbine', 'Substation', 'Reservoir', 'Junction', 'Harbour', 'Beacon',
  'Pylon', 'Aqueduct', 'Viaduct', 'Switchyard', 'Pumphouse', 'Gantry', 'Sluice', 'Culvert', 'Spillway',
];

/** Word pools for fictional domain names (always under the reserved example.com/.net/.org domains). */
export const DOMAIN_WORDS: readonly string[] = [
  'secure', 'login', 'update', 'cdn', 'portal', 'sync', 'grid', 'telemetry', 'vpn', 'mail', 'auth', 'docs', 'files', 'cloud',
  'support', 'status', 'billing', 'scada', 'metrics', 'relay', 'ops', 'remote', 'gateway', 'assets',
];
export const DOMAIN_PARENTS: readonly string[] = ['example.com', 'example.net', 'example.org'];
