/** A summary of a generated nation for the CLI: counts by kind of record, sector, region, criticality and more. */
import type { AssetRecord, ComponentRecord, DependencyRecord, OrganisationRecord } from '../model.js';

export interface NationSummary {
  organisations: number;
  sites: number;
  systems: number;
  components: number;
  dependencies: number;
  dependenciesPerAsset: number;
  bySector: Record<string, { sites: number; systems: number; organisations: number }>;
  byRegion: Record<string, number>;
  byCriticality: number[];
  bySystemType: Record<string, number>;
  byService: Record<string, number>;
  byBackup: Record<string, number>;
  withAlternates: number;
  exposedComponents: number;
  componentsWithCpe: number;
  componentsWithPurl: number;
}

/** Accumulates records one at a time (streams), then `result()`. */
export class NationSummariser {
  private s: NationSummary = {
    organisations: 0, sites: 0, systems: 0, components: 0, dependencies: 0, dependenciesPerAsset: 0, bySector: {}, byRegion: {},
    byCriticality: [0, 0, 0, 0, 0, 0], bySystemType: {}, byService: {}, byBackup: {}, withAlternates: 0,
    exposedComponents: 0, componentsWithCpe: 0, componentsWithPurl: 0,
  };
  private altDependents = new Set<string>();

  private sector(code: string) {
    return (this.s.bySector[code] ??= { sites: 0, systems: 0, organisations: 0 });
  }

  organisation(o: OrganisationRecord): void {
    this.s.organisations++;
    if (o.sector) this.sector(o.sector).organisations++;
  }

  asset(a: AssetRecord): void {
    if (a.kind === 'site') {
      this.s.sites++;
      this.sector(a.sector).sites++;
      this.s.byRegion[a.region] = (this.s.byRegion[a.region] ?? 0) + 1;
    } else {
      this.s.systems++;
      this.sector(a.sector).systems++;
      if (a.systemType) this.s.bySystemType[a.systemType] = (this.s.bySystemType[a.systemType] ?? 0) + 1;
    }
    this.s.byCriticality[a.criticality]!++;
  }

  component(c: ComponentRecord): void {
    this.s.components++;
    if (c.internetExposed) this.s.exposedComponents++;
    if (c.cpe) this.s.componentsWithCpe++;
    if (c.purl) this.s.componentsWithPurl++;
  }

  dependency(d: DependencyRecord): void {
    this.s.dependencies++;
    this.s.byService[d.service] = (this.s.byService[d.service] ?? 0) + 1;
    this.s.byBackup[d.backupKind] = (this.s.byBackup[d.backupKind] ?? 0) + 1;
    if (d.alternateGroup !== null) this.altDependents.add(d.dependentId);
  }

  result(): NationSummary {
    const assets = this.s.sites + this.s.systems;
    return { ...this.s, withAlternates: this.altDependents.size, dependenciesPerAsset: assets ? this.s.dependencies / assets : 0 };
  }
}

export function summariseNation(n: {
  organisations: Iterable<OrganisationRecord>;
  assets: Iterable<AssetRecord>;
  components: Iterable<ComponentRecord>;
  dependencies: Iterable<DependencyRecord>;
}): NationSummary {
  const s = new NationSummariser();
  for (const o of n.organisations) s.organisation(o);
  for (const a of n.assets) s.asset(a);
  for (const c of n.components) s.component(c);
  for (const d of n.dependencies) s.dependency(d);
  return s.result();
}

/** Plain-text rendering for the CLI. */
export function formatSummary(s: NationSummary): string {
  const lines: string[] = [];
  const n = (x: number) => x.toLocaleString('en-GB');
  lines.push(`organisations ${n(s.organisations)}, sites ${n(s.sites)}, systems ${n(s.systems)}, components ${n(s.components)}, dependencies ${n(s.dependencies)} (${s.dependenciesPerAsset.toFixed(2)} per asset)`);
  lines.push('sector                 organisations     sites   systems');
  for (const [k, v] of Object.entries(s.bySector).sort()) lines.push(`${k.padEnd(22)} ${String(v.organisations).padStart(13)} ${String(v.sites).padStart(9)} ${String(v.systems).padStart(9)}`);
  lines.push(`regions: ${Object.entries(s.byRegion).sort().map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
  lines.push(`criticality CAT0-5: ${s.byCriticality.map(n).join(' / ')}`);
  lines.push(`systems IT/OT: ${n(s.bySystemType.IT ?? 0)} / ${n(s.bySystemType.OT ?? 0)}`);
  lines.push(`dependencies by service: ${Object.entries(s.byService).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
  lines.push(`backups: ${Object.entries(s.byBackup).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
  lines.push(`assets with alternates: ${n(s.withAlternates)}; components with CPE ${n(s.componentsWithCpe)}, purl ${n(s.componentsWithPurl)}, internet-exposed ${n(s.exposedComponents)}`);
  return lines.join('\n');
}
