/**
 * Device-level CVEs grouped by their platform side. Most device-level CVEs are *gated*: each configuration
 * is an AND of one node of vulnerable entries (an OR, never negated) and nodes of `vulnerable: false`
 * platform entries (any operator, negated or not) — Chrome AND running on Windows / Linux / macOS, firmware
 * AND its hardware — beside configurations that are plain ORs of vulnerable entries. For such a CVE, what a
 * component's hits on the vulnerable node give it depends only on those hits and on the state of the
 * platform nodes on its device (`evaluateCve`'s three-valued AND, see device-eval.ts):
 *
 * - platform true: a matched entry is affected, an undecidable one undecidable;
 * - platform unknown: both undecidable;
 * - platform false: nothing.
 *
 * whatever else the device runs (the vulnerable node is an OR: another component's hit on it changes
 * nothing for this one). CVEs whose gated configurations share one platform signature (the platform nodes'
 * operators, negation, criteria and bounds) form a group: a profile evaluates the platform once per group,
 * and an identity's findings in a group are one array per platform state, shared by every profile.
 * Every other device-level CVE (ANDs of vulnerable entries, negated vulnerable nodes, several platform
 * signatures, negated configurations) is *general*: evaluated per profile and CVE (profiles.ts).
 */
import type { CompiledComponent } from '../component.js';
import type { CompiledConfiguration, CompiledCve, CompiledNode } from '../nvd-config.js';
import { type EngineEntry, ROLE_GATED, ROLE_GENERAL, ROLE_OWN, ROLE_PLATFORM } from './compile.js';
import { nodeState, type Tri } from './device-eval.js';

export interface Group {
  readonly gid: number;
  readonly sig: string;
  /** The platform nodes of the first CVE filed in the group (every member's are equal to them). */
  readonly nodes: readonly CompiledNode[];
}

type ConfigKind = { kind: 'own' } | { kind: 'gated'; sig: string; platform: CompiledNode[] } | { kind: 'general' };

const boundsSig = (e: EngineEntry): string => {
  const m = e.entry;
  return `${m.versionStartIncluding ?? ''}\u0002${m.versionStartExcluding ?? ''}\u0002${m.versionEndIncluding ?? ''}\u0002${m.versionEndExcluding ?? ''}`;
};

function configKind(cfg: CompiledConfiguration): ConfigKind {
  if (cfg.negate) return { kind: 'general' };
  const vulnerable = cfg.nodes.filter((n) => n.entries.some((e) => e.entry.vulnerable));
  const allVulnerable = (n: CompiledNode) => n.entries.every((e) => e.entry.vulnerable);
  const orNode = (n: CompiledNode) => !n.negate && (n.operator === 'OR' || n.entries.length <= 1);
  if (vulnerable.length === cfg.nodes.length && cfg.nodes.every((n) => orNode(n) && allVulnerable(n)) && (cfg.operator === 'OR' || cfg.nodes.length <= 1)) {
    return { kind: 'own' };
  }
  if (cfg.operator !== 'AND' || vulnerable.length !== 1 || !orNode(vulnerable[0]!) || !allVulnerable(vulnerable[0]!)) return { kind: 'general' };
  const platform = cfg.nodes.filter((n) => n !== vulnerable[0]);
  const sig = platform.map((n) => `${n.operator}${n.negate ? '!' : ''}(${n.entries.map((e) => `${e.entry.criteria}\u0002${boundsSig(e as EngineEntry)}`).join('\u0001')})`).join(';');
  return { kind: 'gated', sig, platform };
}

/**
 * How a device-level CVE is evaluated: grouped (its gated configurations' platform signature and nodes) or
 * general. Sets each entry's role: own / gated (a component's hit is its own finding, gated or not by the
 * platform), platform (read only through the group's platform state), general (evaluated per profile).
 */
export function classify(cve: CompiledCve): { sig: string; platform: CompiledNode[] } | undefined {
  const kinds = cve.configurations.map(configKind);
  const gated = kinds.filter((k): k is Extract<ConfigKind, { kind: 'gated' }> => k.kind === 'gated');
  const grouped = gated.length > 0 && kinds.every((k) => k.kind !== 'general') && gated.every((k) => k.sig === gated[0]!.sig);
  cve.configurations.forEach((cfg, k) => {
    const kind = kinds[k]!;
    for (const n of cfg.nodes) {
      for (const e of n.entries as readonly EngineEntry[]) {
        e.role = !grouped ? ROLE_GENERAL : kind.kind === 'own' ? ROLE_OWN : e.entry.vulnerable ? ROLE_GATED : ROLE_PLATFORM;
      }
    }
  });
  return grouped ? { sig: gated[0]!.sig, platform: gated[0]!.platform } : undefined;
}

export class GroupTable {
  readonly all: Group[] = [];
  private readonly bySig = new Map<string, number>();

  /** The group of a platform signature, created with these nodes when new. */
  of(sig: string, nodes: readonly CompiledNode[]): number {
    let g = this.bySig.get(sig);
    if (g === undefined) {
      g = this.all.length;
      this.all.push({ gid: g, sig, nodes });
      this.bySig.set(sig, g);
    }
    return g;
  }
}

/** The platform nodes' AND on a device (its components that NVD configurations are matched against). */
export function platformState(g: Group, comps: readonly CompiledComponent[]): Tri {
  let out: Tri = 2;
  for (const n of g.nodes) {
    const s = nodeState(n, comps);
    if (s < out) out = s;
    if (out === 0) return 0;
  }
  return out;
}

/** A component's status in a group from its hit on a gated entry (gated) or an own one (own), at platform state ps; -1: none. */
export function groupedStatus(gated: number, own: number, ps: number): number {
  const g = gated < 0 || ps === 0 ? -1 : ps === 2 ? gated : 0;
  return g > own ? g : own;
}
