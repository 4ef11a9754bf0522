/**
 * Readers for the real NVD data in ../shared/data/nvd, for the conformance test and the benchmark only:
 * the product never reads this folder. Each returns undefined when the data is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { NvdConfiguration } from './nvd-config.js';

export const NVD_DIR = resolve(process.env.BULWARK_SHARED_DATA ?? '../shared/data', 'nvd');

export interface CveConfigurations {
  id: string;
  source: string;
  configurations: NvdConfiguration[];
}

function gz(path: string): string {
  return gunzipSync(readFileSync(path)).toString('utf8');
}

/** anchore-configurations.jsonl.gz: one CVE a line, NVD configuration format. */
export function loadAnchoreConfigurations(): CveConfigurations[] | undefined {
  const p = join(NVD_DIR, 'anchore-configurations.jsonl.gz');
  if (!existsSync(p)) return undefined;
  const out: CveConfigurations[] = [];
  for (const line of gz(p).split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { _annotation?: { cve_id?: string }; cve: { configurations?: NvdConfiguration[] } };
    out.push({ id: r._annotation?.cve_id ?? '?', source: 'anchore', configurations: r.cve.configurations ?? [] });
  }
  return out;
}

/** Every CVE record in the NVD API 2.0 samples (pages with `vulnerabilities[]` and single `{cve}` records). */
export function loadApiSampleCves(): CveConfigurations[] | undefined {
  const dir = join(NVD_DIR, 'api-samples');
  if (!existsSync(dir)) return undefined;
  const out: CveConfigurations[] = [];
  const seen = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => /^cves?-.*\.json\.gz$/.test(n)).sort()) {
    const doc = JSON.parse(gz(join(dir, f))) as { vulnerabilities?: { cve: Rec }[]; cve?: Rec };
    for (const cve of doc.vulnerabilities?.map((v) => v.cve) ?? (doc.cve ? [doc.cve] : [])) {
      if (seen.has(cve.id)) continue;
      seen.add(cve.id);
      out.push({ id: cve.id, source: f, configurations: cve.configurations ?? [] });
    }
  }
  return out;
}
interface Rec { id: string; configurations?: NvdConfiguration[] }

export interface MatchStringSample {
  criteria: string;
  matchCriteriaId: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
  matches?: { cpeName: string }[];
}

/** cpematch-*.json.gz: NVD's own expansion of match criteria into the CPE names they cover. */
export function loadMatchStrings(): MatchStringSample[] | undefined {
  const dir = join(NVD_DIR, 'api-samples');
  if (!existsSync(dir)) return undefined;
  const out: MatchStringSample[] = [];
  for (const f of readdirSync(dir).filter((n) => n.startsWith('cpematch-'))) {
    const doc = JSON.parse(gz(join(dir, f))) as { matchStrings: { matchString: MatchStringSample }[] };
    out.push(...doc.matchStrings.map((m) => m.matchString));
  }
  return out;
}

/** cpes-*.json.gz: CPE dictionary names. */
export function loadDictionaryNames(): string[] | undefined {
  const dir = join(NVD_DIR, 'api-samples');
  if (!existsSync(dir)) return undefined;
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.startsWith('cpes-'))) {
    const doc = JSON.parse(gz(join(dir, f))) as { products: { cpe: { cpeName: string } }[] };
    out.push(...doc.products.map((p) => p.cpe.cpeName));
  }
  return out;
}
