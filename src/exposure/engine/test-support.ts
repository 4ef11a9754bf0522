/** Small registers and CVEs for the engine's tests. */
import type { NvdConfiguration, NvdCpeMatch } from '../nvd-config.js';
import type { ExposureEngine } from './engine.js';
import type { EngineAsset, EngineComponent, EngineCve, FindingFilter } from './types.js';

export const vuln = (criteria: string, bounds: Partial<NvdCpeMatch> = {}, id = 'ID'): NvdCpeMatch => ({ vulnerable: true, criteria, matchCriteriaId: id, ...bounds });
export const platform = (criteria: string, id = 'PID'): NvdCpeMatch => ({ vulnerable: false, criteria, matchCriteriaId: id });

/** Firmware affected only on its hardware. */
export function runningOn(fw: string, hw: string, end: string): NvdConfiguration {
  return {
    operator: 'AND',
    nodes: [
      { operator: 'OR', cpeMatch: [vuln(`cpe:2.3:o:${fw}:*:*:*:*:*:*:*:*`, { versionEndExcluding: end }, 'FW')] },
      { operator: 'OR', cpeMatch: [platform(`cpe:2.3:h:${hw}:-:*:*:*:*:*:*:*`, 'HW')] },
    ],
  };
}

export const cve = (id: string, configurations: NvdConfiguration[], extra: Partial<EngineCve> = {}): EngineCve => ({ id, configurations, ...extra });

export function system(id: string, orgId: string, extra: Partial<EngineAsset> = {}): EngineAsset {
  return { id, kind: 'system', orgId, siteId: `site-${id}`, criticality: 3, sector: 'water', networkZone: 'control', ...extra };
}

export function component(id: string, systemId: string, orgId: string, cpe: string | null, extra: Partial<EngineComponent> = {}): EngineComponent {
  return { id, systemId, orgId, cpe, purl: null, vendor: null, product: null, version: null, internetExposed: false, ...extra };
}

/** Every finding the filter reaches (all pages), as key → status. */
export function allFindings(e: ExposureEngine, filter: FindingFilter = {}): Map<string, string> {
  const out = new Map<string, string>();
  let after: string | undefined;
  for (;;) {
    const p = e.findings(filter, { limit: 1000, after });
    for (const f of p.items) out.set(f.key, f.status);
    if (!p.nextCursor) return out;
    after = p.nextCursor;
  }
}
