/** Small registers and CVEs for the engine's tests. */
import { mulberry32 } from '../../demo/prng.js';
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

// A small world where random CVEs and components collide often.
const APPS = ['a:acme:web', 'a:acme:db', 'o:acme:os'];
const FIRMWARE = [['o:ics:plc_firmware', 'h:ics:plc'], ['o:ics:rtu_firmware', 'h:ics:rtu']] as const;
const VERSIONS = ['1.0', '1.2', '2.0', '2.1.3', '3.0', 'V3.1 SP2', '4.0-beta', '7.*'];

export function world(seed: number) {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const bounds = (): Partial<NvdCpeMatch> => {
    const x = r();
    if (x < 0.3) return { versionEndExcluding: pick(VERSIONS.slice(0, 6)) };
    if (x < 0.5) return { versionStartIncluding: pick(['1.0', '2.0']), versionEndIncluding: pick(['2.1.3', '3.0']) };
    return {};
  };
  const entry = (key: string): NvdCpeMatch => {
    const fixed = r() < 0.3 ? pick(VERSIONS.slice(0, 5)) : '*';
    return vuln(`cpe:2.3:${key}:${fixed}:*:*:*:*:*:*:*`, fixed === '*' ? bounds() : {}, `M${Math.floor(r() * 1e6)}`);
  };
  const configuration = (): NvdConfiguration => {
    const x = r();
    if (x < 0.45) return { nodes: [{ operator: 'OR', cpeMatch: Array.from({ length: 1 + Math.floor(r() * 3) }, () => entry(pick(APPS))) }] };
    const [fw, hw] = pick(FIRMWARE);
    if (x < 0.8) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: [entry(fw)] }, { operator: 'OR', cpeMatch: [platform(`cpe:2.3:${hw}:-:*:*:*:*:*:*:*`)] }] };
    if (x < 0.9) return { operator: 'AND', nodes: [{ operator: 'OR', cpeMatch: [entry(pick(APPS))] }, { operator: 'OR', negate: true, cpeMatch: [platform(`cpe:2.3:${hw}:-:*:*:*:*:*:*:*`)] }] };
    return { nodes: [{ operator: 'AND', cpeMatch: [entry(pick(APPS)), entry(pick(APPS))] }] };
  };
  const newCve = (id: string): EngineCve => cve(id, Array.from({ length: 1 + Math.floor(r() * 2) }, configuration));
  const newComponent = (id: string, systems: string[]): EngineComponent => {
    const sys = pick(systems);
    const org = `org-${sys.slice(-1)}`;
    const x = r();
    if (x < 0.4) return component(id, sys, org, `cpe:2.3:${pick(APPS)}:${pick(VERSIONS.slice(0, 5)).replace(' ', '_')}:*:*:*:*:*:*:*`);
    if (x < 0.55) return component(id, sys, org, null, { vendor: 'Acme', product: pick(['Web', 'DB']), version: pick(VERSIONS) });
    const [fw, hw] = pick(FIRMWARE);
    if (x < 0.8) return component(id, sys, org, `cpe:2.3:${fw}:${pick(VERSIONS.slice(0, 5))}:*:*:*:*:*:*:*`, r() < 0.2 ? { version: pick(VERSIONS) } : {});
    return component(id, sys, org, `cpe:2.3:${hw}:-:*:*:*:*:*:*:*`);
  };
  return { r, pick, newCve, newComponent };
}

