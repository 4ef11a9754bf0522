/**
 * A generator of NVD CVE API 2.0 documents in NVD's exact shape (page header, `vulnerabilities[].cve` with
 * the fields and nesting of the real feed: descriptions in several languages, CVSS v4.0 / v3.1 / v3.0 / v2
 * metrics as NVD nests them (v2's severity on the metric, v3's and v4's in cvssData), weaknesses,
 * configurations with version ranges and running-on AND nodes, references with tags), for benchmarks when
 * the real year file is absent. The same seed gives the same bytes. Text is produced in pieces, so a
 * year of 30,000 CVEs streams to a file (plain or gzip) without being held whole.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { mulberry32 } from '../../demo/prng.js';

export interface GenerateOptions {
  year: number;
  count: number;
  seed?: number;
  /** CVE records per yielded text piece (default 200). */
  piece?: number;
}


/** Real (vendor, product, part, running-on hardware) names from the NVD dictionary. */
const PRODUCTS: ReadonlyArray<readonly [string, string, 'a' | 'o', string?]> = [
  ['siemens', 'simatic_s7-1200_cpu_1214c_firmware', 'o', 'simatic_s7-1200_cpu_1214c'],
  ['siemens', 'sinec_nms', 'a'], ['siemens', 'scalance_x204-2_firmware', 'o', 'scalance_x204-2'],
  ['schneider-electric', 'modicon_m340_firmware', 'o', 'modicon_m340'], ['schneider-electric', 'ecostruxure_control_expert', 'a'],
  ['rockwellautomation', 'factorytalk_view', 'a'], ['abb', 'ac500_firmware', 'o', 'ac500'],
  ['cisco', 'ios_xe', 'o'], ['fortinet', 'fortios', 'o'], ['paloaltonetworks', 'pan-os', 'o'], ['ivanti', 'connect_secure', 'a'],
  ['microsoft', 'windows_server_2019', 'o'], ['microsoft', 'exchange_server', 'a'], ['apache', 'http_server', 'a'],
  ['openssl', 'openssl', 'a'], ['linux', 'linux_kernel', 'o'], ['moxa', 'nport_5150_firmware', 'o', 'nport_5150'],
  ['gitlab', 'gitlab', 'a'], ['jenkins', 'jenkins', 'a'], ['wordpress', 'wordpress', 'a'],
];
const CWES = ['CWE-79', 'CWE-787', 'CWE-89', 'CWE-20', 'CWE-125', 'CWE-78', 'CWE-416', 'CWE-22', 'CWE-352', 'CWE-434', 'CWE-306', 'CWE-798'];
const SOURCES = ['nvd@nist.gov', 'productcert@siemens.com', 'psirt@cisco.com', 'cve@mitre.org', 'security-advisories@github.com', 'ics-cert@hq.dhs.gov'];
const STATUSES = ['Analyzed', 'Analyzed', 'Analyzed', 'Modified', 'Awaiting Analysis', 'Undergoing Analysis'];
const TAGS = ['Vendor Advisory', 'Patch', 'Third Party Advisory', 'Exploit', 'Issue Tracking', 'US Government Resource'];
const WORDS = 'improper input validation in the web interface allows a remote unauthenticated attacker to execute arbitrary code via crafted packets causing a denial of service buffer overflow memory corruption'.split(' ');

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const hexId = (r: () => number): string => {
  // matchCriteriaId: an upper-case UUID, as NVD writes them (deterministic from the seed)
  const h = Array.from({ length: 32 }, () => '0123456789ABCDEF'[Math.floor(r() * 16)]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89AB'[Math.floor(r() * 4)]}${h.slice(17, 20)}-${h.slice(20)}`;
};

function timestamp(r: () => number, year: number, after?: string): string {
  const base = after ? Date.parse(`${after}Z`) : Date.UTC(year, 0, 1);
  const span = after ? 400 * 86400e3 : 364 * 86400e3;
  const d = new Date(base + Math.floor(r() * span));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

const severity3 = (s: number): string => (s === 0 ? 'NONE' : s < 4 ? 'LOW' : s < 7 ? 'MEDIUM' : s < 9 ? 'HIGH' : 'CRITICAL');

function cvss31(r: () => number, source: string, type: string): object {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const av = pick(['N', 'A', 'L', 'P']), ac = pick(['L', 'H']), pr = pick(['N', 'L', 'H']), ui = pick(['N', 'R']);
  const c = pick(['H', 'L', 'N']), i = pick(['H', 'L', 'N']), a = pick(['H', 'L', 'N']);
  const score = Math.round((1 + r() * 9) * 10) / 10;
  const names: Record<string, string> = { N: 'NETWORK', A: 'ADJACENT_NETWORK', L: 'LOCAL', P: 'PHYSICAL' };
  const lvl: Record<string, string> = { H: 'HIGH', L: 'LOW', N: 'NONE' };
  return {
    source, type,
    cvssData: {
      version: '3.1', vectorString: `CVSS:3.1/AV:${av}/AC:${ac}/PR:${pr}/UI:${ui}/S:U/C:${c}/I:${i}/A:${a}`,
      attackVector: names[av], attackComplexity: ac === 'L' ? 'LOW' : 'HIGH', privilegesRequired: lvl[pr], userInteraction: ui === 'N' ? 'NONE' : 'REQUIRED',
      scope: 'UNCHANGED', confidentialityImpact: lvl[c], integrityImpact: lvl[i], availabilityImpact: lvl[a], baseScore: score, baseSeverity: severity3(score),
    },
    exploitabilityScore: Math.round(r() * 39) / 10, impactScore: Math.round(r() * 59) / 10,
  };
}

function cvss40(r: () => number, source: string): object {
  const score = Math.round((1 + r() * 9) * 10) / 10;
  return {
    source, type: 'Secondary',
    cvssData: {
      version: '4.0', vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', baseScore: score, baseSeverity: severity3(score),
      attackVector: 'NETWORK', attackComplexity: 'LOW', attackRequirements: 'NONE', privilegesRequired: 'NONE', userInteraction: 'NONE',
      vulnConfidentialityImpact: 'HIGH', vulnIntegrityImpact: 'HIGH', vulnAvailabilityImpact: 'HIGH',
      subConfidentialityImpact: 'NONE', subIntegrityImpact: 'NONE', subAvailabilityImpact: 'NONE',
    },
  };
}

function cvss2(r: () => number): object {
  const score = Math.round((1 + r() * 9) * 10) / 10;
  return {
    source: 'nvd@nist.gov', type: 'Primary',
    cvssData: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', accessVector: 'NETWORK', accessComplexity: 'LOW', authentication: 'NONE', confidentialityImpact: 'PARTIAL', integrityImpact: 'PARTIAL', availabilityImpact: 'PARTIAL', baseScore: score },
    baseSeverity: score < 4 ? 'LOW' : score < 7 ? 'MEDIUM' : 'HIGH', exploitabilityScore: 10.0, impactScore: 6.4,
    acInsufInfo: false, obtainAllPrivilege: false, obtainUserPrivilege: false, obtainOtherPrivilege: false, userInteractionRequired: false,
  };
}

function configurations(r: () => number): object[] {
  const [vendor, product, part, hardware] = PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
  const major = 1 + Math.floor(r() * 12);
  const entries = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => {
    const e: Record<string, unknown> = { vulnerable: true, criteria: `cpe:2.3:${part}:${vendor}:${product}:*:*:*:*:*:*:*:*` };
    if (r() < 0.5) e.versionStartIncluding = `${major + k}.0`;
    e.versionEndExcluding = `${major + k}.${Math.floor(r() * 9)}.${Math.floor(r() * 20)}`;
    e.matchCriteriaId = hexId(r);
    return e;
  });
  const vulnerableNode = { operator: 'OR', negate: false, cpeMatch: entries };
  if (hardware) {
    return [{
      operator: 'AND',
      nodes: [vulnerableNode, { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: `cpe:2.3:h:${vendor}:${hardware}:-:*:*:*:*:*:*:*`, matchCriteriaId: hexId(r) }] }],
    }];
  }
  return [{ nodes: [vulnerableNode] }];
}

function cve(r: () => number, year: number, n: number): object {
  const published = timestamp(r, year);
  const source = SOURCES[Math.floor(r() * SOURCES.length)]!;
  const words = Array.from({ length: 20 + Math.floor(r() * 40) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const metrics: Record<string, object[]> = {};
  if (r() < 0.2) metrics.cvssMetricV40 = [cvss40(r, source)];
  metrics.cvssMetricV31 = r() < 0.4 ? [cvss31(r, 'nvd@nist.gov', 'Primary'), cvss31(r, source, 'Secondary')] : [cvss31(r, 'nvd@nist.gov', 'Primary')];
  if (r() < 0.1) metrics.cvssMetricV2 = [cvss2(r)];
  const cwe = CWES[Math.floor(r() * CWES.length)]!;
  return {
    cve: {
      id: `CVE-${year}-${pad(n, 4)}`, sourceIdentifier: source, published, lastModified: timestamp(r, year, published),
      vulnStatus: STATUSES[Math.floor(r() * STATUSES.length)],
      descriptions: [{ lang: 'en', value: `${words[0]!.toUpperCase()}${words.slice(1)}.` }, ...(r() < 0.5 ? [{ lang: 'es', value: `Validación incorrecta: ${words}.` }] : [])],
      metrics,
      weaknesses: [{ source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: cwe }] }],
      configurations: configurations(r),
      references: Array.from({ length: 1 + Math.floor(r() * 5) }, (_, k) => ({
        url: `https://example-vendor.test/advisories/${year}/${n}/${k}`, source, tags: [TAGS[Math.floor(r() * TAGS.length)]!],
      })),
    },
  };
}

/** The document's text in pieces: header, then `piece` records at a time, then the closing brackets. */
export function* generateNvdYear(opts: GenerateOptions): Generator<string> {
  const r = mulberry32(opts.seed ?? opts.year);
  const piece = opts.piece ?? 200;
  yield `{"resultsPerPage":${opts.count},"startIndex":0,"totalResults":${opts.count},"format":"NVD_CVE","version":"2.0","timestamp":"${opts.year + 1}-01-01T00:00:00.000","vulnerabilities":[`;
  let parts: string[] = [];
  for (let n = 1; n <= opts.count; n++) {
    parts.push(JSON.stringify(cve(r, opts.year, n)));
    if (parts.length === piece || n === opts.count) {
      yield (n > parts.length ? ',' : '') + parts.join(',');
      parts = [];
    }
  }
  yield ']}';
}

/** Writes a generated year to a file, gzip when asked. */
export async function writeNvdYear(path: string, opts: GenerateOptions & { gzip?: boolean }): Promise<void> {
  const src = Readable.from(generateNvdYear(opts), { objectMode: false });
  const out = createWriteStream(path);
  if (opts.gzip) await pipeline(src, createGzip({ level: 6 }), out);
  else await pipeline(src, out);
}
