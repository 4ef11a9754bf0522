/**
 * NVD CVE API 2.0 `configurations[]` as data, and their compilation for matching: every criteria string
 * parsed once (a failure is kept with its reason, never dropped), version bounds pre-parsed, and each
 * cpeMatch given its path (`configurations[0].nodes[1].cpeMatch[3]`) and its index key (part:vendor:product).
 */
import { parseFormattedString } from './cpe-parse.js';
import { ANY, ATTRIBUTES, type CompiledWfn, compileValue, compileWfn, CpeSyntaxError, NA, plainValue, type Wfn, type WfnValue } from './cpe-wfn.js';
import { type CompiledBound, compileBounds, type VersionBounds } from './version-range.js';
import { type ParsedVersion, version } from './version.js';

export interface NvdCpeMatch extends VersionBounds {
  vulnerable: boolean;
  criteria: string;
  matchCriteriaId?: string;
}
export interface NvdNode {
  operator?: 'AND' | 'OR';
  negate?: boolean;
  cpeMatch: NvdCpeMatch[];
}
export interface NvdConfiguration {
  operator?: 'AND' | 'OR';
  negate?: boolean;
  nodes: NvdNode[];
}

export interface CompiledEntry {
  readonly path: string;
  readonly entry: NvdCpeMatch;
  readonly wfn: CompiledWfn | undefined;
  /** Why the criteria could not be parsed (then `wfn` is undefined). */
  readonly error: string | undefined;
  readonly bounds: readonly CompiledBound[];
  /** `part:vendor:product` (logical, lowercased) when all three are plain values; else undefined. */
  readonly key: string | undefined;
  /** Positions (in ATTRIBUTES order, version aside) where the criteria is not ANY: the only ones that can be DISJOINT. */
  readonly constrained: readonly number[];
  /** The criteria's own version, parsed, when it is a plain value. */
  readonly fixedVersion: ParsedVersion | undefined;
  /** Index of the CVE in its MatchIndex (set by the index; -1 otherwise). */
  cve: number;
}
export interface CompiledNode {
  readonly operator: 'AND' | 'OR';
  readonly negate: boolean;
  readonly entries: readonly CompiledEntry[];
}
export interface CompiledConfiguration {
  /** Absent in NVD data when a configuration's nodes are alternatives: read as OR. */
  readonly operator: 'AND' | 'OR';
  readonly negate: boolean;
  readonly nodes: readonly CompiledNode[];
}
export interface CompiledCve {
  readonly id: string;
  readonly configurations: readonly CompiledConfiguration[];
}

/** The index key of a WFN: part:vendor:product, when all three are plain (no ANY/NA/wildcard). */
export function keyOf(w: Wfn): string | undefined {
  const parts: WfnValue[] = [w.part, w.vendor, w.product];
  const out: string[] = [];
  for (const v of parts) {
    if (v === ANY || v === NA) return undefined;
    if (compileValue(v).kind === 'pattern') return undefined;
    out.push(plainValue(v)!.toLowerCase());
  }
  return out.join(':');
}

export function compileEntry(entry: NvdCpeMatch, path: string): CompiledEntry {
  let parsed: Wfn | undefined;
  let error: string | undefined;
  try {
    parsed = parseFormattedString(entry.criteria);
  } catch (e) {
    if (!(e instanceof CpeSyntaxError)) throw e;
    error = e.message;
  }
  const wfn = parsed ? compileWfn(parsed) : undefined;
  const constrained: number[] = [];
  wfn?.values.forEach((v, k) => { if (v.kind !== 'any' && ATTRIBUTES[k] !== 'version') constrained.push(k); });
  return {
    path, entry, wfn, error, constrained,
    bounds: compileBounds(entry), key: parsed ? keyOf(parsed) : undefined, cve: -1,
    fixedVersion: parsed && compileValue(parsed.version).kind === 'value' ? version(plainValue(parsed.version)!) : undefined,
  };
}

/**
 * Compiles a CVE's configurations; `entry` compiles each cpeMatch (default {@link compileEntry}; the
 * engine passes one that shares parsed criteria and bounds across CVEs).
 */
export function compileConfigurations(
  cveId: string,
  configurations: readonly NvdConfiguration[],
  entry: (m: NvdCpeMatch, path: string) => CompiledEntry = compileEntry,
): CompiledCve {
  return {
    id: cveId,
    configurations: configurations.map((c, ci) => ({
      operator: c.operator === 'AND' ? 'AND' : 'OR',
      negate: c.negate === true,
      nodes: c.nodes.map((n, ni) => ({
        operator: n.operator === 'AND' ? 'AND' : 'OR',
        negate: n.negate === true,
        entries: n.cpeMatch.map((m, mi) => entry(m, `configurations[${ci}].nodes[${ni}].cpeMatch[${mi}]`)),
      })),
    })),
  };
}
