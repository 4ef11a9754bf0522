/**
 * Compiled indexes over a RegisterTable: the dependency graph as compressed sparse rows, on
 * SharedArrayBuffers (workers read them in place).
 *
 * - **Needs.** The live dependencies of a dependent v (both ends registered) are grouped into needs:
 *   one per alternate group, one per ungrouped dependency. Needs of v are `needStart[v] …
 *   needStart[v+1]-1`; the members of need g (dependency slots) are `memberDep[memberStart[g] …
 *   memberStart[g+1]-1]`; `needShare[g]` is the largest member share (1 = a full need: losing it
 *   fails v); `depNeed[e]` is the need of dependency e (−1 when not live).
 * - **Out-edges.** The live dependencies provided by w are `outDep[outStart[w] … outStart[w+1]-1]`.
 *
 * Asset indices are the table's slots (placeholders and removed assets have no needs and no edges).
 * Building is O(assets + dependencies) with counting sorts; its cost is what a change to the
 * register costs on the next query (measured by the benchmark).
 */
import { depKey } from './rng.js';
import { RegisterTable, shared } from './table.js';

export interface CompiledGraph {
  /** Table version these indexes were built from. */
  version: number;
  n: number;
  needCount: number;
  needStart: Int32Array;
  needOwner: Int32Array;
  needShare: Float64Array;
  /** Per need, for the propagation's locality: (member count << 1) | (1 when full: share 1). */
  needMeta: Int32Array;
  memberStart: Int32Array;
  memberDep: Int32Array;
  depNeed: Int32Array;
  outStart: Int32Array;
  outDep: Int32Array;
  /** Per out-edge (CSR order, for locality): the need of outDep[i], and its delay tti + backup. */
  outNeed: Int32Array;
  outDelay: Float64Array;
  /** Per out-edge Monte Carlo fields (built on the first Monte Carlo): probability, tti, triangular low/mode/high (NaN low: exact), random key (rng.ts). */
  mc?: { prob: Float32Array; tti: Float64Array; low: Float32Array; mode: Float64Array; high: Float32Array; key: Int32Array };
}

/** Lays out the Monte Carlo fields in out-edge order (once per compiled graph). */
export function ensureMonteCarloColumns(g: CompiledGraph, t: RegisterTable): NonNullable<CompiledGraph['mc']> {
  if (g.mc) return g.mc;
  const m = g.outDep.length;
  const mc = { prob: shared(Float32Array, m), tti: shared(Float64Array, m), low: shared(Float32Array, m), mode: shared(Float64Array, m), high: shared(Float32Array, m), key: shared(Int32Array, m) };
  for (let i = 0; i < m; i++) {
    const e = g.outDep[i]!;
    mc.prob[i] = t.probability[e]!;
    mc.tti[i] = t.tti[e]!;
    mc.low[i] = t.backupLow[e]!;
    mc.mode[i] = t.backup[e]!;
    mc.high[i] = t.backupHigh[e]!;
    mc.key[i] = depKey(e);
  }
  return (g.mc = mc);
}

/** The columns of the table the propagation reads (all shared). */
export interface GraphColumns {
  assetAlive: Uint8Array;
  population: Float64Array;
  provider: Int32Array;
  dependent: Int32Array;
  tti: Float64Array;
  backup: Float64Array;
  backupLow: Float32Array;
  backupHigh: Float32Array;
  probability: Float32Array;
}

export function columnsOf(t: RegisterTable): GraphColumns {
  return {
    assetAlive: t.assetAlive,
    population: t.population,
    provider: t.provider,
    dependent: t.dependent,
    tti: t.tti,
    backup: t.backup,
    backupLow: t.backupLow,
    backupHigh: t.backupHigh,
    probability: t.probability,
  };
}

export function compileGraph(t: RegisterTable): CompiledGraph {
  const n = t.assetCount;
  const m = t.depCount;
  const { assetAlive, provider, dependent, depAlive, group, share } = t;
  const live = (e: number) => depAlive[e] === 1 && assetAlive[provider[e]!] === 1 && assetAlive[dependent[e]!] === 1;

  // dependencies by dependent (counting sort)
  const inStart = new Int32Array(n + 1);
  let liveCount = 0;
  for (let e = 0; e < m; e++) if (live(e)) { inStart[dependent[e]! + 1]!++; liveCount++; }
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inDep = new Int32Array(liveCount);
  const fill = inStart.slice(0, n);
  for (let e = 0; e < m; e++) if (live(e)) inDep[fill[dependent[e]!]!++] = e;

  // needs: contiguous per dependent
  const depNeed = shared(Int32Array, m).fill(-1);
  // label → need of the current dependent (valid when groupOwner[label] = v)
  const groupNeed = new Int32Array(t.groups.values.length);
  const groupOwner = new Int32Array(t.groups.values.length).fill(-1);
  const needStart = shared(Int32Array, n + 1);
  const needOwnerTmp = new Int32Array(liveCount);
  let needCount = 0;
  for (let v = 0; v < n; v++) {
    needStart[v] = needCount;
    for (let i = inStart[v]!; i < inStart[v + 1]!; i++) {
      const e = inDep[i]!;
      const g = group[e]!;
      if (g < 0) {
        needOwnerTmp[needCount] = v;
        depNeed[e] = needCount++;
      } else {
        if (groupOwner[g] !== v) {
          groupOwner[g] = v;
          needOwnerTmp[needCount] = v;
          groupNeed[g] = needCount++;
        }
        depNeed[e] = groupNeed[g]!;
      }
    }
  }
  needStart[n] = needCount;
  const needOwner = shared(Int32Array, needCount);
  needOwner.set(needOwnerTmp.subarray(0, needCount));

  // members by need (counting sort), shares
  const memberStart = shared(Int32Array, needCount + 1);
  const needShare = shared(Float64Array, needCount);
  for (let i = 0; i < liveCount; i++) {
    const e = inDep[i]!;
    const g = depNeed[e]!;
    memberStart[g + 1]!++;
    if (share[e]! > needShare[g]!) needShare[g] = share[e]!;
  }
  for (let g = 0; g < needCount; g++) memberStart[g + 1]! += memberStart[g]!;
  const needMeta = shared(Int32Array, needCount);
  for (let g = 0; g < needCount; g++) needMeta[g] = ((memberStart[g + 1]! - memberStart[g]!) << 1) | (needShare[g]! >= 1 ? 1 : 0);
  const memberDep = shared(Int32Array, liveCount);
  const mfill = memberStart.slice(0, needCount);
  for (let i = 0; i < liveCount; i++) {
    const e = inDep[i]!;
    memberDep[mfill[depNeed[e]!]!++] = e;
  }

  // out-edges by provider
  const outStart = shared(Int32Array, n + 1);
  for (let i = 0; i < liveCount; i++) outStart[provider[inDep[i]!]! + 1]!++;
  for (let v = 0; v < n; v++) outStart[v + 1]! += outStart[v]!;
  const outDep = shared(Int32Array, liveCount);
  const ofill = outStart.slice(0, n);
  for (let e = 0; e < m; e++) if (depNeed[e]! >= 0) outDep[ofill[provider[e]!]!++] = e;
  const outNeed = shared(Int32Array, liveCount);
  const outDelay = shared(Float64Array, liveCount);
  for (let i = 0; i < liveCount; i++) {
    const e = outDep[i]!;
    outNeed[i] = depNeed[e]!;
    outDelay[i] = t.tti[e]! + t.backup[e]!;
  }

  return { version: t.version, n, needCount, needStart, needOwner, needShare, needMeta, memberStart, memberDep, depNeed, outStart, outDep, outNeed, outDelay };
}

export function graphBytes(g: CompiledGraph): number {
  let b = 0;
  for (const v of Object.values(g)) if (ArrayBuffer.isView(v)) b += v.byteLength;
  return b;
}
