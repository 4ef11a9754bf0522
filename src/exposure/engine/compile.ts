/**
 * CVE compilation for the engine, sharing what repeats: 300,000 CVEs carry ~900,000 cpeMatch entries but
 * only tens of thousands of distinct criteria strings (9,912 of 97,775 in the real sample). Each criteria
 * is parsed once (compileEntry's result kept as a template) and each distinct bound set once; an entry is
 * then the template with its own path, entry and bounds — the same CompiledEntry the core evaluates.
 */
import { type CompiledBound, compileBounds } from '../version-range.js';
import { type CompiledCve, type CompiledEntry, compileConfigurations, compileEntry, type NvdConfiguration, type NvdCpeMatch } from '../nvd-config.js';

const NO_BOUNDS: readonly CompiledBound[] = Object.freeze([]);

/** Interned strings (product keys) as small numbers. */
export class Names {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) { k = this.names.length; this.names.push(s); this.ids.set(s, k); }
    return k;
  }
}

/** Finding statuses as numbers (larger wins when several entries give one finding). */
export const AFFECTED = 1;
export const UNDECIDABLE = 0;

/** What an entry is to a component that hits it (set when its CVE is classified, groups.ts). */
export const ROLE_OWN = 0;
export const ROLE_PLATFORM = 2;
export const ROLE_GENERAL = 3;
/** A gated entry's role is ROLE_GATED + the index of its configuration's platform signature in its group. */
export const ROLE_GATED = 4;
/** At most this many platform signatures in one group (its platform state is a base-3 number). */
export const MAX_SIGNATURES = 12;

/** A compiled entry as the engine files it: its product key's id, its role in its CVE and its CVE's platform group (-1: none). */
export type EngineEntry = CompiledEntry & { readonly pk: number; role: number; gid: number };

export class CveCompiler {
  private readonly templates = new Map<string, EngineEntry>();
  private readonly boundSets = new Map<string, readonly CompiledBound[]>();
  /** Product keys (`part:vendor:product` of a criteria, or an advisory's) by id. */
  readonly productKeys = new Names();

  private bounds(m: NvdCpeMatch): readonly CompiledBound[] {
    if (m.versionStartIncluding === undefined && m.versionStartExcluding === undefined && m.versionEndIncluding === undefined && m.versionEndExcluding === undefined) return NO_BOUNDS;
    const k = `${m.versionStartIncluding ?? ''}\u0001${m.versionStartExcluding ?? ''}\u0001${m.versionEndIncluding ?? ''}\u0001${m.versionEndExcluding ?? ''}`;
    let b = this.boundSets.get(k);
    if (!b) { b = compileBounds(m); this.boundSets.set(k, b); }
    return b;
  }

  entry(m: NvdCpeMatch, path: string): EngineEntry {
    let t = this.templates.get(m.criteria);
    if (!t) {
      const c = compileEntry({ criteria: m.criteria, vulnerable: true }, '');
      t = { ...c, pk: this.productKeys.id(productKeyOf(c)), role: ROLE_OWN, gid: -1 };
      this.templates.set(m.criteria, t);
    }
    return { ...t, path, entry: m, bounds: this.bounds(m), cve: -1 };
  }

  compile(id: string, configurations: readonly NvdConfiguration[]): CompiledCve {
    return compileConfigurations(id, configurations, (m, path) => this.entry(m, path));
  }
}

/**
 * Whether a CVE's findings on a device depend on more than one component: an AND of nodes or of entries,
 * a negation, or a `vulnerable: false` (running-on) entry. Otherwise (ORs of vulnerable entries only) a
 * component's findings are its own, whatever else the device runs, and are shared by every component of
 * the same identity.
 */
export function isDeviceLevel(cve: CompiledCve): boolean {
  for (const cfg of cve.configurations) {
    if (cfg.negate || (cfg.operator === 'AND' && cfg.nodes.length > 1)) return true;
    for (const n of cfg.nodes) {
      if (n.negate || (n.operator === 'AND' && n.entries.length > 1)) return true;
      for (const e of n.entries) if (!e.entry.vulnerable) return true;
    }
  }
  return false;
}

/** The product identity a finding from this entry is keyed on: the criteria's part:vendor:product, as written. */
export function productKeyOf(e: CompiledEntry): string {
  return e.key ?? e.entry.criteria.split(/(?<!\\):/).slice(2, 5).join(':');
}

/** Every entry of a CVE. */
export function entriesOf(cve: CompiledCve): CompiledEntry[] {
  const out: CompiledEntry[] = [];
  for (const cfg of cve.configurations) for (const n of cfg.nodes) for (const e of n.entries) out.push(e);
  return out;
}
