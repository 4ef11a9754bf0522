/**
 * Cyber observables for the demo generator: SCOs (ipv4-addr, domain-name, url, file, network-traffic) with unique
 * values, and STIX patterns for indicators. All domains are under the reserved example.com/.net/.org (RFC 2606) and
 * all addresses in documentation / shared address space, so nothing generated points at a real party.
 */
import type { StixObject } from '../stix/types.js';
import { DOMAIN_PARENTS, DOMAIN_WORDS } from './actors.js';
import { iso, type IntelState } from './state.js';

const FILE_NAMES: readonly string[] = [
  'update.exe', 'svchost.dll', 'msupdate.ps1', 'vpnclient.msi', 'invoice.pdf.lnk', 'report.docm', 'tmp.sh', 'libssl.so.3',
  'agent.bin', 'scada_patch.exe', 'hmi_config.zip', 'loader.dll', 'config.xml', 'backup.7z', 'wsus.exe', 'fw_upgrade.img',
];
const URL_PATHS: readonly string[] = [
  '/wp-content/uploads/update.php', '/api/v2/beacon', '/download/agent.bin', '/login.aspx', '/owa/auth/logon.aspx',
  '/dana-na/auth/url_default/welcome.cgi', '/global-protect/login.esp', '/remote/login', '/static/js/app.js', '/cgi-bin/luci',
  '/vpn/index.html', '/files/invoice.zip', '/sso/callback', '/telemetry/upload',
];
/** [port, IANA service / protocol hint]; OT protocols weighted in by repetition. */
const PORTS: readonly number[] = [443, 443, 80, 8443, 22, 3389, 445, 502, 502, 102, 20000, 44818, 2404, 4840, 1883, 161];

/** A fresh, unique, plausible domain name under a reserved parent domain (unique: words hold no digits, the counter ends it). */
export function uniqueDomain(s: IntelState): string {
  const r = s.rng;
  const k = s.domainSeq++;
  return `${r.pick(DOMAIN_WORDS)}-${r.pick(DOMAIN_WORDS)}${k}.${r.pick(DOMAIN_PARENTS)}`;
}

export function ipv4Sco(s: IntelState): string {
  const value = s.uniqueIp();
  s.recentIps.add(value);
  return s.sco({ type: 'ipv4-addr', spec_version: '2.1', id: '', value });
}

export function domainSco(s: IntelState): string {
  const value = uniqueDomain(s);
  s.recentDomains.add(value);
  return s.sco({ type: 'domain-name', spec_version: '2.1', id: '', value });
}

export function urlSco(s: IntelState): string {
  const value = `https://${uniqueDomain(s)}${s.rng.pick(URL_PATHS)}`;
  return s.sco({ type: 'url', spec_version: '2.1', id: '', value });
}

export function fileSco(s: IntelState): string {
  const r = s.rng;
  const o: StixObject = { type: 'file', spec_version: '2.1', id: '', hashes: { 'SHA-256': r.hex(32) }, name: r.pick(FILE_NAMES) };
  if (r.chance(0.5)) o.size = 1024 + r.int(8_000_000);
  return s.sco(o);
}

/** network-traffic between two new ipv4-addr SCOs (emitted first, so the refs point backwards); returns all three ids. */
export function trafficScos(s: IntelState): string[] {
  const r = s.rng;
  const src = ipv4Sco(s);
  const dst = ipv4Sco(s);
  const port = r.pick(PORTS);
  const traffic = s.sco({
    type: 'network-traffic',
    spec_version: '2.1',
    id: '',
    start: iso(s.now()),
    src_ref: src,
    dst_ref: dst,
    src_port: 1024 + r.int(64511),
    dst_port: port,
    protocols: port === 161 ? ['ipv4', 'udp'] : ['ipv4', 'tcp'],
  });
  return [src, dst, traffic];
}

/** Emits 1–3 observables; returns their ids (all emitted after every object they reference). */
export function observables(s: IntelState): string[] {
  const r = s.rng;
  const n = 1 + r.int(3);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.int(10);
    if (k < 3) ids.push(ipv4Sco(s));
    else if (k < 5) ids.push(domainSco(s));
    else if (k < 7) ids.push(fileSco(s));
    else if (k < 8) ids.push(urlSco(s));
    else ids.push(...trafficScos(s));
  }
  return ids;
}

function ipForPattern(s: IntelState): string {
  return (s.rng.chance(0.5) ? s.recentIps.pick() : undefined) ?? s.docIp();
}

function domainForPattern(s: IntelState): string {
  return (s.rng.chance(0.6) ? s.recentDomains.pick() : undefined) ?? uniqueDomain(s);
}

export type PatternKind = 'ip' | 'domain' | 'url' | 'file' | 'network' | 'email' | 'sequence';

export interface Pattern {
  kind: PatternKind;
  pattern: string;
  /** Short noun phrase for the indicator name, e.g. "C2 IP address". */
  what: string;
  /** One sentence of advice for defenders, used in the indicator description. */
  advice: string;
}

const ADVICE: Record<PatternKind, string> = {
  ip: 'Block at the perimeter and search firewall and VPN logs for connections to or from this address.',
  domain: 'Block resolution and search DNS and proxy logs for lookups of this domain.',
  url: 'Block at web proxies and search proxy logs for requests to this URL.',
  file: 'Search endpoints and file shares for this file and quarantine any copy found.',
  network: 'Alert on this traffic at OT network boundaries and investigate the engineering workstations involved.',
  email: 'Quarantine messages from this sender and review recipients for follow-on activity.',
  sequence: 'Hunt for this lookup followed by a connection, which indicates staging of a second-stage payload.',
};

/** A valid STIX 2.1 pattern. */
export function makePattern(s: IntelState): Pattern {
  const r = s.rng;
  const k = r.int(100);
  if (k < 26) {
    if (r.chance(0.1)) {
      const net = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'][r.int(3)]!;
      return { kind: 'ip', pattern: `[ipv4-addr:value ISSUBSET '${net}']`, what: 'scanning netblock', advice: ADVICE.ip };
    }
    if (r.chance(0.2)) {
      return { kind: 'ip', pattern: `[ipv4-addr:value = '${ipForPattern(s)}' OR ipv4-addr:value = '${ipForPattern(s)}']`, what: 'C2 IP addresses', advice: ADVICE.ip };
    }
    return { kind: 'ip', pattern: `[ipv4-addr:value = '${ipForPattern(s)}']`, what: 'C2 IP address', advice: ADVICE.ip };
  }
  if (k < 48) return { kind: 'domain', pattern: `[domain-name:value = '${domainForPattern(s)}']`, what: 'malicious domain', advice: ADVICE.domain };
  if (k < 60) {
    return { kind: 'url', pattern: `[url:value = 'https://${domainForPattern(s)}${r.pick(URL_PATHS)}']`, what: 'payload URL', advice: ADVICE.url };
  }
  if (k < 84) {
    const hash = r.hex(32);
    if (r.chance(0.3)) {
      return { kind: 'file', pattern: `[file:hashes.'SHA-256' = '${hash}' AND file:name = '${r.pick(FILE_NAMES)}']`, what: 'implant file', advice: ADVICE.file };
    }
    return { kind: 'file', pattern: `[file:hashes.'SHA-256' = '${hash}']`, what: 'file hash', advice: ADVICE.file };
  }
  if (k < 92) {
    const port = r.pick(PORTS);
    return {
      kind: 'network',
      pattern: `[network-traffic:dst_ref.value = '${ipForPattern(s)}' AND network-traffic:dst_port = ${port}]`,
      what: port === 502 || port === 102 || port === 20000 || port === 44818 ? 'OT protocol traffic' : 'network connection',
      advice: ADVICE.network,
    };
  }
  if (k < 96) {
    return { kind: 'email', pattern: `[email-message:from_ref.value = 'no-reply@${domainForPattern(s)}']`, what: 'phishing sender', advice: ADVICE.email };
  }
  return {
    kind: 'sequence',
    pattern: `[domain-name:value = '${domainForPattern(s)}'] FOLLOWEDBY [ipv4-addr:value = '${ipForPattern(s)}'] WITHIN 600 SECONDS`,
    what: 'staging sequence',
    advice: ADVICE.sequence,
  };
}
