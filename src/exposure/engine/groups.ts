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
 * A CVE whose configurations are all ORs, some with `vulnerable: false` entries beside the vulnerable ones,
 * is grouped too, with no platform nodes (always true): what its entries give a component is its own.
 * Every other device-level CVE (ANDs of vulnerable entries, negated vulnerable nodes, more platform
 * signatures than MAX_SIGNATURES, negated configurations) is *general*: evaluated per profile and CVE (profiles.ts).
 */
import type { CompiledComponent } from '../component.js';
import type { CompiledConfiguration, CompiledCve, CompiledNode } from '../nvd-config.js';
import { type EngineEntry, MAX_SIGNATURES, ROLE_GATED, ROLE_GENERAL, ROLE_OWN, ROLE_PLATFORM, UNDECIDABLE } from './compile.js';
import { nodeState, type Tri } from './device-eval.js';

export interface Group {
  readonly gid: number;
  /** The platform signatures of its gated configurations, sorted, joined. */
  readonly sig: string;
  /** Per signature, the platform nodes of the first CVE filed in the group (every member's are equal to them). */
  readonly platforms: readonly (readonly CompiledNode[])[];
}

type ConfigKind = { kind: 'own' } | { kind: 'gated'; sig: string; platform: CompiledNode[] } | { kind: 'general' };

const boundsSig = (e: EngineEntry): string => {
  const m = e.entry;
  return `${m.versionStartIncluding ?? ''}\u0002${m.versionStartExcluding ?? ''}\u0002${m.versionEndIncluding ?? ''}\u0002${m.versionEndExcluding ?? ''}`;
};

function configKind(cfg: CompiledConfiguration): ConfigKind {
  if (cfg.negate) return { kind: 'general' };
  const orNode = (n: CompiledNode) => !n.negate && (n.operator === 'OR' || n.entries.length <= 1);
  // An OR of OR nodes: a vulnerable entry a component matches holds its node and the configuration, one it
  // is undecidable against is undecidable, whatever else holds; platform entries beside them make nothing.
  if ((cfg.operator === 'OR' || cfg.nodes.length <= 1) && cfg.nodes.every(orNode)) return { kind: 'own' };
  const vulnerable = cfg.nodes.filter((n) => n.entries.some((e) => e.entry.vulnerable));
  const allVulnerable = (n: CompiledNode) => n.entries.every((e) => e.entry.vulnerable);
  if (cfg.operator !== 'AND' || vulnerable.length !== 1 || !orNode(vulnerable[0]!) || !allVulnerable(vulnerable[0]!)) return { kind: 'general' };
  const platform = cfg.nodes.filter((n) => n !== vulnerable[0]);
  const sig = platform.map((n) => `${n.operator}${n.negate ? '!' : ''}(${n.entries.map((e) => `${e.entry.criteria}\u0002${boundsSig(e as EngineEntry)}`).join('\u0001')})`).join(';');
  return { kind: 'gated', sig, platform };
}

/**
 * How a device-level CVE is evaluated: grouped (the platform signatures and nodes of its gated
 * configurations, none when all its configurations are ORs) or general (undefined). Sets each entry's
 * role: own / gated with its signature's index (a component's hit is its own finding, gated or not by a
 * platform), platform (read only through the group's platform state, or making nothing), general
 * (evaluated per profile).
 */
export function classify(cve: CompiledCve): { sig: string; platforms: readonly (readonly CompiledNode[])[] } | undefined {
  const kinds = cve.configurations.map(configKind);
  const gated = kinds.filter((k): k is Extract<ConfigKind, { kind: 'gated' }> => k.kind === 'gated');
  const sigs = [...new Set(gated.map((k) => k.sig))].sort();
  const grouped = kinds.every((k) => k.kind !== 'general') && sigs.length <= MAX_SIGNATURES;
  cve.configurations.forEach((cfg, k) => {
    const kind = kinds[k]!;
    for (const n of cfg.nodes) {
      for (const e of n.entries as readonly EngineEntry[]) {
        e.role = !grouped ? ROLE_GENERAL : !e.entry.vulnerable ? ROLE_PLATFORM : kind.kind === 'gated' ? ROLE_GATED + sigs.indexOf(kind.sig) : ROLE_OWN;
      }
    }
  });
  if (!grouped) return undefined;
  return { sig: sigs.join('\u0003'), platforms: sigs.map((sig) => gated.find((k) => k.sig === sig)!.platform) };
}

export class GroupTable {
  readonly all: Group[] = [];
  private readonly bySig = new Map<string, number>();

  /** The group of platform signatures, created with these nodes when new. */
  of(sig: string, platforms: readonly (readonly CompiledNode[])[]): number {
    let g = this.bySig.get(sig);
    if (g === undefined) {
      g = this.all.length;
      this.all.push({ gid: g, sig, platforms });
      this.bySig.set(sig, g);
    }
    return g;
  }
}

/**
 * The group's platform state on a device (its components that NVD configurations are matched against):
 * each signature's platform nodes ANDed (0 false, 1 unknown, 2 true), as a base-3 number (signature i at 3^i).
 */
export function platformState(g: Group, comps: readonly CompiledComponent[]): number {
  let code = 0;
  g.platforms.forEach((nodes, i) => {
    let s: Tri = 2;
    for (const n of nodes) {
      s = Math.min(s, nodeState(n, comps)) as Tri;
      if (s === 0) break;
    }
    code += s * 3 ** i;
  });
  return code;
}

/**
 * Folds an identity's grouped records [from, to) — (slot, pk, signature index or -1 for an own
 * configuration, status) sorted by slot, pk — at a platform state: one status per (slot, pk), the highest
 * of its records' (an own record's as it is; a gated one's when its platform is true, undecidable when it
 * is unknown, nothing when it is false).
 */
export function foldRecords(h: Int32Array, from: number, to: number, code: number, emit: (slot: number, pk: number, status: number) => void): void {
  for (let k = from; k < to;) {
    const slot = h[k * 4]!;
    const pk = h[k * 4 + 1]!;
    let best = -1;
    for (; k < to && h[k * 4] === slot && h[k * 4 + 1] === pk; k++) {
      const sig = h[k * 4 + 2]!;
      const st = h[k * 4 + 3]!;
      const ps = sig < 0 ? 2 : Math.floor(code / 3 ** sig) % 3;
      const s = ps === 0 ? -1 : ps === 2 ? st : UNDECIDABLE;
      if (s > best) best = s;
    }
    if (best >= 0) emit(slot, pk, best);
  }
}
