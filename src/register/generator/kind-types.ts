/**
 * Vocabulary of site kinds: what a kind of site is (sector, service, size, criticality), which
 * systems it runs, and what it needs from which other kinds of site (the dependency rules).
 */
import type { BackupKind, DependencyType, NetworkZone, SectorCode, Service, SystemType } from '../model.js';
import type { KitCode } from './kits.js';

export interface SystemTemplate {
  fn: string;
  type: SystemType;
  /** Network zones with weights. */
  zones: ReadonlyArray<readonly [NetworkZone, number]>;
  kit: KitCode;
  /** Criticality relative to the site (0 = same, -1 = one lower …). */
  crit: number;
}

export interface Need {
  service: Service;
  /** Kinds of site that can supply it: the nearest ones (by straight-line distance) are chosen. */
  from: readonly string[];
  type: DependencyType;
  /** Who needs it: the site (default) or its first system (e.g. the RTU that needs telecoms). */
  by?: 'site' | 'sys1';
  /** What supplies it: the provider site (default) or the provider's first system (its SCADA, its hosting). */
  to?: 'site' | 'sys1';
  /** Hours to impact without backup [min, max]; default [0, 0]. */
  tti?: readonly [number, number];
  /** A backup and its duration in hours [low, high] (triangular with a drawn mode); `p` the chance the site has it. */
  backup?: { kind: BackupKind; hours: readonly [number, number]; p?: number };
  /** Backup used instead of `backup` at CAT 2+ sites (e.g. exchanges: generator rather than batteries). */
  bigBackup?: { kind: BackupKind; hours: readonly [number, number]; p?: number };
  /** Chance of a second provider as an alternate (dual feed); doubled for CAT 3+ sites. */
  alt?: number;
  /** Kinds the alternate comes from when not the same as `from` (e.g. a mobile mast as the fixed line's backup). */
  altFrom?: readonly string[];
  /** Share of function lost: [chance of a partial loss, low, high]; otherwise 1. */
  partial?: readonly [number, number, number];
  /** Chance that losing the provider only probably takes the service away, with the probability range. */
  uncertain?: readonly [number, number, number];
  recovery: readonly [number, number];
  /** Chance the site has this need at all; default 1. */
  p?: number;
}

export interface SiteKind {
  code: string;
  sector: SectorCode;
  subSector: string;
  /** Name after the town, e.g. 'Primary Substation'. */
  label: string;
  service: string;
  /** Relative number of sites of this kind. */
  share: number;
  /** Fewest sites of this kind in any nation (providers must exist). */
  min: number;
  rural: boolean;
  /** Spread around the town, degrees of latitude. */
  spread: number;
  /** People served [low, high] (log-uniform). */
  pop: readonly [number, number];
  /** Weights of CAT 0 … 5. */
  crit: readonly [number, number, number, number, number, number];
  systems: readonly SystemTemplate[];
  /** Systems per site [min, max]; the first `min` templates are always there. */
  sys: readonly [number, number];
  /** The site needs its first system to operate (control systems): manual fallback hours. */
  control?: { hours: readonly [number, number]; uncertain: number; partial?: readonly [number, number] };
  needs: readonly Need[];
}
