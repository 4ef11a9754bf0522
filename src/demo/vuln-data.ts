/**
 * Demo vulnerability data, generated from the register generator's component catalogue (no external data):
 * for each CISA KEV CVE a catalogue version carries, an NVD CVE API 2.0 record in NVD's exact shape whose
 * configuration covers the affected versions and excludes the patched ones (firmware: AND with its running-on
 * hardware as `vulnerable: false`), a CISA KEV catalogue of the same CVEs, a FIRST EPSS file for them, and a
 * CSAF advisory for a PLC that has no CPE. Every description says the record was generated: the CVE ids,
 * vendors and products are real, the text, scores and dates are not.
 */
import { allProducts } from '../register/generator/kits.js';
import { escapeCpe, type Version } from '../register/generator/catalogue-types.js';
import { compareVersions } from '../exposure/version.js';
import { CVE_CATALOG, type CveEntry } from './catalog-cve.js';
import { mulberry32 } from './prng.js';

export const GENERATED_NOTE = 'GENERATED for the Bulwark demo (not NVD/CISA/FIRST data): real CVE id and product, invented text, score and dates.';

/** The catalogue versions of one CPE product (several catalogue products may share one), sorted. */
interface CpeProduct {
  /** `part:vendor:product` (escaped as in NVD). */
  cpe: string;
  /** CPE fields after the update one. */
  tail: string;
  /** Hardware the firmware runs on (`h:vendor:product`), when recorded. */
  hw: string | undefined;
  /** Every catalogue version of the CPE, ascending (the version comparator, then the update field). */
  versions: Version[];
  /** Catalogue products behind it (for descriptions). */
  names: string[];
}

/** One CVE's affected CPE product: which of its versions carry the CVE. */
interface Affected {
  product: CpeProduct;
  /** Indexes into product.versions. */
  versions: number[];
}

function byVersion(a: Version, b: Version): number {
  const c = compareVersions(a.v, b.v);
  const o = c.decided ? c.order : a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  return o !== 0 ? o : (a.u ?? '') < (b.u ?? '') ? -1 : (a.u ?? '') > (b.u ?? '') ? 1 : 0;
}

/** Catalogue products with a CPE, merged by CPE, versions sorted. */
function cpeProducts(): CpeProduct[] {
  const by = new Map<string, CpeProduct>();
  for (const p of allProducts()) {
    if (!p.cpe) continue;
    let c = by.get(p.cpe);
    if (!c) by.set(p.cpe, (c = { cpe: p.cpe, tail: p.cpeTail ?? '*:*:*:*:*:*', hw: p.hw, versions: [], names: [] }));
    c.names.push(`${p.vendor} ${p.product}`);
    for (const v of p.versions) {
      const same = c.versions.find((x) => x.v === v.v && (x.u ?? '') === (v.u ?? ''));
      if (same) same.kev = [...new Set([...(same.kev ?? []), ...(v.kev ?? [])])];
      else c.versions.push({ ...v, kev: [...(v.kev ?? [])] });
    }
  }
  for (const c of by.values()) c.versions.sort(byVersion);
  return [...by.values()];
}

/** KEV CVE id → the CPE products and versions it affects (catalogue products without a CPE left out). */
export function catalogueKev(): Map<string, Affected[]> {
  const out = new Map<string, Affected[]>();
  for (const p of cpeProducts()) {
    p.versions.forEach((v, k) => {
      for (const cve of v.kev ?? []) {
        let list = out.get(cve);
        if (!list) out.set(cve, (list = []));
        let a = list.find((x) => x.product === p);
        if (!a) list.push((a = { product: p, versions: [] }));
        a.versions.push(k);
      }
    });
  }
  return out;
}

const UUID = (r: () => number): string => {
  const h = Array.from({ length: 32 }, () => '0123456789ABCDEF'[Math.floor(r() * 16)]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89AB'[Math.floor(r() * 4)]}${h.slice(17, 20)}-${h.slice(20)}`;
};

const wildcard = (p: CpeProduct): string => `cpe:2.3:${p.cpe}:*:*:${p.tail}`;
const exact = (p: CpeProduct, v: Version): string => `cpe:2.3:${p.cpe}:${escapeCpe(v.v)}:${v.u ?? '*'}:${p.tail}`;

/**
 * cpeMatch entries covering the affected versions of one product: each run of consecutive affected versions
 * (in version order) becomes one range from its first version (including) to
 * the next, unaffected version (excluding), or to its last (including) when none follows. Where the next
 * version differs only in the update field (22.7 r2.3 → 22.7 r2.8), the affected versions are named exactly.
 */
function entries(a: Affected, r: () => number): Record<string, unknown>[] {
  const vs = a.product.versions;
  const runs: number[][] = [];
  for (const k of [...a.versions].sort((x, y) => x - y)) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === k - 1) last.push(k);
    else runs.push([k]);
  }
  const out: Record<string, unknown>[] = [];
  for (const run of runs) {
    const first = vs[run[0]!]!;
    const lastV = vs[run[run.length - 1]!]!;
    const prev: Version | undefined = vs[run[0]! - 1];
    const next: Version | undefined = vs[run[run.length - 1]! + 1];
    // a range over the version field cannot tell apart versions that differ only in the update field
    const span = [prev, ...run.map((k) => vs[k]!), next].filter((x): x is Version => x !== undefined);
    if (new Set(span.map((x) => x.v)).size < span.length) {
      for (const k of run) out.push({ vulnerable: true, criteria: exact(a.product, vs[k]!), matchCriteriaId: UUID(r) });
      continue;
    }
    const e: Record<string, unknown> = { vulnerable: true, criteria: wildcard(a.product), versionStartIncluding: first.v };
    if (next) e.versionEndExcluding = next.v;
    else e.versionEndIncluding = lastV.v;
    e.matchCriteriaId = UUID(r);
    out.push(e);
  }
  return out;
}

/** The record's configurations: applications and OS in one OR node; firmware AND its hardware. */
function configurations(affected: Affected[], r: () => number): object[] {
  const plain = affected.filter((a) => !a.product.hw);
  const configs: object[] = [];
  if (plain.length) configs.push({ nodes: [{ operator: 'OR', negate: false, cpeMatch: plain.flatMap((a) => entries(a, r)) }] });
  for (const a of affected.filter((x) => x.product.hw)) {
    configs.push({
      operator: 'AND',
      nodes: [
        { operator: 'OR', negate: false, cpeMatch: entries(a, r) },
        { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: `cpe:2.3:${a.product.hw}:-:*:*:*:*:*:*:*`, matchCriteriaId: UUID(r) }] },
      ],
    });
  }
  return configs;
}

/** Desktop software: exploitation needs a user to open something (UI:R). */
const USER_INTERACTION = new Set(['a:google:chrome', 'a:mozilla:firefox_esr', 'a:rarlab:winrar', 'a:git-scm:git']);

function dateOf(cve: string, r: () => number): { published: string; added: string; due: string } {
  const year = Number(cve.slice(4, 8));
  const pub = Date.UTC(year, Math.floor(r() * 11), 1 + Math.floor(r() * 27), Math.floor(r() * 24), Math.floor(r() * 60));
  const added = pub + (2 + Math.floor(r() * 40)) * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  return { published: iso(pub).slice(0, 23), added: iso(added).slice(0, 10), due: iso(added + 21 * 86_400_000).slice(0, 10) };
}

export interface DemoVulnerabilities {
  /** The CVE ids, sorted. */
  cves: string[];
  /** One NVD CVE API 2.0 response page holding every record. */
  nvd: Record<string, unknown>;
  /** A CISA KEV catalogue of the same CVEs. */
  kev: Record<string, unknown>;
  /** A FIRST EPSS CSV (comment line, header, rows). */
  epss: string;
}

/** The demo's NVD, KEV and EPSS documents (the same every time). */
export function generateDemoVulnerabilities(): DemoVulnerabilities {
  const r = mulberry32(20261125);
  const byCve = catalogueKev();
  const catalog = new Map<string, CveEntry>(CVE_CATALOG.map((c) => [c.id, c]));
  // KEV CVEs of products without a CPE (a PLC, a package by purl) get a record without configurations, as
  // NVD's own records awaiting analysis have: a CSAF advisory (or a purl range) is what matches them
  const withoutCpe = new Map<string, string[]>();
  for (const p of allProducts()) {
    if (p.cpe) continue;
    for (const v of p.versions) for (const cve of v.kev ?? []) withoutCpe.set(cve, [...(withoutCpe.get(cve) ?? []), `${p.vendor} ${p.product} ${v.v}`]);
  }
  const cves = [...new Set([...byCve.keys(), ...withoutCpe.keys()])].sort();
  const vulnerabilities: object[] = [];
  const kev: object[] = [];
  let epss = '#model_version:v2025.03.14,score_date:2026-11-24T00:00:00+0000\ncve,epss,percentile\n';
  for (const id of cves) {
    const affected = byCve.get(id) ?? [];
    const entry = catalog.get(id);
    const named = [
      ...affected.map((a) => `${a.product.names.join(' / ')} ${a.versions.map((k) => a.product.versions[k]!.v).join(', ')}`),
      ...(withoutCpe.get(id) ?? []),
    ];
    const name = entry?.name ?? `${named[0]} Vulnerability`;
    const ui = affected.some((a) => USER_INTERACTION.has(a.product.cpe)) ? 'R' : 'N';
    const score = ui === 'R' ? 8.8 : 9.8;
    const { published, added, due } = dateOf(id, r);
    const products = named.join('; ');
    const configs = configurations(affected, r);
    vulnerabilities.push({
      cve: {
        id, sourceIdentifier: 'demo@bulwark.invalid', published, lastModified: published,
        vulnStatus: configs.length ? 'Analyzed' : 'Awaiting Analysis',
        cisaExploitAdd: added, cisaActionDue: due,
        cisaRequiredAction: 'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
        cisaVulnerabilityName: name,
        descriptions: [{ lang: 'en', value: `${GENERATED_NOTE} ${name}${entry?.nickname ? ` (${entry.nickname})` : ''}. Affects ${products}.` }],
        metrics: {
          cvssMetricV31: [{
            source: 'nvd@nist.gov', type: 'Primary',
            cvssData: {
              version: '3.1', vectorString: `CVSS:3.1/AV:N/AC:L/PR:N/UI:${ui}/S:U/C:H/I:H/A:H`, attackVector: 'NETWORK', attackComplexity: 'LOW',
              privilegesRequired: 'NONE', userInteraction: ui === 'N' ? 'NONE' : 'REQUIRED', scope: 'UNCHANGED', confidentialityImpact: 'HIGH',
              integrityImpact: 'HIGH', availabilityImpact: 'HIGH', baseScore: score, baseSeverity: 'CRITICAL',
            },
            exploitabilityScore: ui === 'N' ? 3.9 : 2.8, impactScore: 5.9,
          }],
        },
        weaknesses: [{ source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'NVD-CWE-noinfo' }] }],
        configurations: configs,
        references: [{ url: `https://nvd.nist.gov/vuln/detail/${id}`, source: 'demo@bulwark.invalid', tags: ['Third Party Advisory'] }],
      },
    });
    kev.push({
      cveID: id, vendorProject: entry?.vendor ?? named[0]!.split(' ')[0]!, product: entry?.product ?? named[0]!, vulnerabilityName: name,
      dateAdded: added, shortDescription: `${GENERATED_NOTE} ${name}.`,
      requiredAction: 'Apply mitigations per vendor instructions, follow applicable BOD 22-01 guidance for cloud services, or discontinue use of the product if mitigations are unavailable.',
      dueDate: due, knownRansomwareCampaignUse: r() < 0.3 ? 'Known' : 'Unknown', notes: 'Generated demo entry.', cwes: [],
    });
    const p = 0.2 + r() * 0.77;
    epss += `${id},${p.toFixed(5)},${(0.9 + p / 10).toFixed(5)}\n`;
  }
  return {
    cves,
    nvd: {
      resultsPerPage: vulnerabilities.length, startIndex: 0, totalResults: vulnerabilities.length, format: 'NVD_CVE', version: '2.0',
      timestamp: '2026-11-25T00:00:00.000', vulnerabilities,
    },
    kev: {
      title: 'CISA Catalog of Known Exploited Vulnerabilities (GENERATED for the Bulwark demo)', catalogVersion: '2026.11.25',
      dateReleased: '2026-11-25T00:00:00.0000Z', count: kev.length, vulnerabilities: kev,
    },
    epss,
  };
}

