/**
 * Kill sets for the national ranking: K(v) = the assets whose loss alone fails v, with the time v
 * fails after that loss, for every asset at once.
 *
 *   K(v) = {v ↦ 0} ∪ ⋃_{full needs g of v} ⋂_{members e = w→v of g} (K(w) + delay(e)), pruned above H
 *
 * (union: min time; intersection: max time; delay = tti + backup with a horizon, 0 without — with
 * no horizon every finite backup runs out, so only membership matters). The least fixed point
 * equals one single-asset propagation per asset. It is computed component by component over the
 * strongly connected components of the dependency graph in topological order (providers first):
 * a component of one asset without a self-dependency is computed once; a cyclic component is
 * iterated with a worklist from K(v) = {v} until no set changes (sets only grow and times only
 * fall, so this terminates).
 *
 * **Sharing (dominator-like forest).** A set is stored as a pointer to a base set plus the extra
 * elements not in it: base(v) is the provider of a one-member full need of v (zero delay, or any
 * delay without a horizon), chosen in an earlier component, with the largest set, when every
 * element of K(base) keeps its time in K(v). Then K(v) = K(base(v)) ⊎ extra(v) (disjoint), and
 * enumerating K(v) walks the base chain emitting each node's extras. Chains of single needs (a
 * system on its site, a secondary substation on its primary…) therefore cost one pointer each,
 * and counting is cheap: u is emitted by exactly one node x on each chain that contains it, so
 * |{v : u ∈ K(v)}| = Σ_{x : u ∈ extra(x)} (number of v whose chain passes through x).
 * Time is O(Σ_v Σ_{members of full needs of v} |K(member)|) — output-sensitive — and memory
 * O(assets + Σ |extra|).
 *
 * **AND cycles first.** Assets joined by a cycle of one-member full needs with zero delay (a
 * substation and the exchange that controls it, without a horizon) fail together: they all have
 * the same kill set. These cycles are condensed first (SCCs of the one-member-need graph); each
 * becomes one node whose set holds all its assets, and its other assets point to it as their base.
 * The main SCC pass then runs on the condensed graph, where a need with a member inside the node
 * itself can add nothing (its intersection is a subset of the node's own set) and is skipped.
 */
import type { CompiledGraph } from './graph.js';
import { csrFromEdges, stronglyConnected, type Csr } from './scc.js';
import type { RegisterTable } from './table.js';

export interface KillSets {
  n: number;
  horizon: number;
  /** Base set pointer per asset (−1: none). */
  base: Int32Array;
  /** |K(v)|. */
  size: Int32Array;
  extraStart: Int32Array;
  extraLen: Int32Array;
  pool: Int32Array;
  /** Times of the extras (null without a horizon: all 0). */
  poolTime: Float64Array | null;
  /** Diagnostics: components of the condensed graph, the largest, AND-cycle nodes, set computations. */
  components: number;
  largestComponent: number;
  andCycles: number;
  iterations: number;
  /** Assets in processing order (a base always comes before the assets resting on it). */
  order: Int32Array;
  /** Calls out(u, time) for every asset u whose loss alone loses need gi (by time ≤ horizon). */
  needLostBy: (gi: number, out: (u: number, time: number) => void) => void;
  /** Whether the computation already counted need gi of v as a single point of failure. */
  countedInUnion: (v: number, gi: number) => boolean;
  /** u ∈ K(v) (after the computation). */
  contains: (v: number, u: number) => boolean;
  /** AND-cycle representative of each asset (K(v) = K(rep[v])). */
  rep: Int32Array;
}


class Growable {
  ids = new Int32Array(1 << 16);
  times: Float64Array | null;
  length = 0;
  constructor(timed: boolean) {
    this.times = timed ? new Float64Array(1 << 16) : null;
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.ids.length) return;
    let cap = this.ids.length;
    while (cap < this.length + extra) cap *= 2;
    const ids = new Int32Array(cap);
    ids.set(this.ids.subarray(0, this.length));
    this.ids = ids;
    if (this.times) {
      const t = new Float64Array(cap);
      t.set(this.times.subarray(0, this.length));
      this.times = t;
    }
  }
}

/** Computes kill sets for every registered asset; horizon Infinity = sustained loss. */
/**
 * Single points of failure counted on the way (ranking.ts): for a need g of an asset v of criticality
 * ≥ threshold that the union of a one-asset component computes anyway, spofNeeds[u] += 1 for every
 * u ≠ v in I(g) — saving a second enumeration. `countedInUnion` tells which (v, g) were counted.
 */
export interface SpofCounting {
  threshold: number;
  spofNeeds: Float64Array;
  /** Needs the caller counts itself (one-member, zero delay: by weights). */
  byWeight: (gi: number) => boolean;
}

export function computeKillSets(t: RegisterTable, g: CompiledGraph, horizon: number, spof?: SpofCounting): KillSets {
  const n = g.n;
  const H = horizon;
  const timed = Number.isFinite(H);
  const alive = t.assetAlive;
  const { needStart, needShare, needOwner, memberStart, memberDep, outStart, outDep, depNeed } = g;
  const { provider, tti, backup } = t;
  const delay = (e: number) => (timed ? tti[e]! + backup[e]! : 0);
  const isAlive = (v: number) => alive[v] === 1;

  // 1. AND cycles: SCCs over one-member full needs of zero delay (provider → dependent)
  const uFrom = new Int32Array(g.needCount);
  const uTo = new Int32Array(g.needCount);
  let um = 0;
  for (let gi = 0; gi < g.needCount; gi++) {
    if (needShare[gi]! < 1 || memberStart[gi + 1]! - memberStart[gi]! !== 1) continue;
    const e = memberDep[memberStart[gi]!]!;
    if (delay(e) !== 0 || provider[e] === needOwner[gi]) continue;
    uFrom[um] = provider[e]!;
    uTo[um++] = needOwner[gi]!;
  }
  const uc = stronglyConnected(n, csrFromEdges(n, uFrom, uTo, um), isAlive);
  const rep = new Int32Array(n).fill(-1);
  let andCycles = 0;
  for (let c = 0; c < uc.count; c++) {
    const r = uc.order[uc.compStart[c]!]!;
    for (let i = uc.compStart[c]!; i < uc.compStart[c + 1]!; i++) rep[uc.order[i]!] = r;
    if (uc.compStart[c + 1]! - uc.compStart[c]! > 1) andCycles++;
  }
  const repComp = uc.comp; // AND-cycle component of each node; members of rep r are uc.order[compStart[comp[r]] …]
  const membersOf = (r: number): [number, number] => [uc.compStart[repComp[r]!]!, uc.compStart[repComp[r]! + 1]!];

  // 2. SCCs of the condensed graph (edges of full needs only), topological order
  const qFrom = new Int32Array(g.outDep.length);
  const qTo = new Int32Array(g.outDep.length);
  let qm = 0;
  for (let w = 0; w < n; w++) {
    if (alive[w] !== 1) continue;
    for (let i = outStart[w]!; i < outStart[w + 1]!; i++) {
      const gi = depNeed[outDep[i]!]!;
      if (needShare[gi]! < 1) continue; // partial needs never fail anything: no edge
      const a = rep[w]!;
      const b = rep[needOwner[gi]!]!;
      if (a !== b) { qFrom[qm] = a; qTo[qm++] = b; }
    }
  }
  const qcsr = csrFromEdges(n, qFrom, qTo, qm);
  const qc = stronglyConnected(n, qcsr, (v) => alive[v] === 1 && rep[v] === v);
  const comp = qc.comp;

  const base = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const extraStart = new Int32Array(n);
  const extraLen = new Int32Array(n);
  const pool = new Growable(timed);
  /** Sets of a cyclic component while it is iterated (flushed into the pool when it converges). */
  const tmpIds: Array<Int32Array | undefined> = [];
  const tmpTimes: Array<Float64Array | undefined> = [];
  const finalOrder = new Int32Array(n);
  let nFinal = 0;

  // scratch
  const cbufs: Growable[] = [];
  const ustamp = new Int32Array(n);
  const utime = new Float64Array(n);
  const ulist = new Growable(false);
  const istamp = new Int32Array(n);
  const icnt = new Int32Array(n);
  const itime = new Float64Array(n);
  const ilist = new Growable(false);
  const bstamp = new Int32Array(n);
  let U = 0;
  let I = 0;
  let B = 0;

  /** Enumerates K(w) into a buffer (ids, times): walks the base chain, emitting each node's extras. */
  const collect = (v: number, depth: number): Growable => {
    const w = rep[v]!; // K(v) = K(its AND-cycle's representative)
    let buf = cbufs[depth];
    if (!buf) cbufs[depth] = buf = new Growable(true);
    buf.length = 0;
    buf.reserve(size[w]!);
    const ids = buf.ids;
    const times = buf.times!;
    let k = 0;
    for (let x = w; x >= 0; x = base[x]!) {
      const tmp = tmpIds[x];
      if (tmp !== undefined) {
        ids.set(tmp, k);
        if (timed) times.set(tmpTimes[x]!, k);
        else times.fill(0, k, k + tmp.length);
        k += tmp.length;
        continue;
      }
      const s = extraStart[x]!;
      const l = extraLen[x]!;
      ids.set(pool.ids.subarray(s, s + l), k);
      if (pool.times) times.set(pool.times.subarray(s, s + l), k);
      else times.fill(0, k, k + l);
      k += l;
    }
    buf.length = k;
    return buf;
  };

  const add = (u: number, time: number) => {
    if (ustamp[u] !== U) {
      ustamp[u] = U;
      utime[u] = time;
      ulist.reserve(1);
      ulist.ids[ulist.length++] = u;
    } else if (time < utime[u]!) utime[u] = time;
  };

  /** Calls out(u, time) for every u in ⋂ over the members of need gi, time = max member time ≤ H. */
  const intersect = (gi: number, out: (u: number, time: number) => void) => {
    const a = memberStart[gi]!;
    const b = memberStart[gi + 1]!;
    if (b - a === 1) {
      const e = memberDep[a]!;
      const d = delay(e);
      const buf = collect(provider[e]!, 0);
      for (let i = 0; i < buf.length; i++) {
        const tt = buf.times![i]! + d;
        if (tt <= H) out(buf.ids[i]!, tt);
      }
      return;
    }
    I++;
    ilist.length = 0;
    // the smallest member set first bounds the candidates; each enumeration is duplicate-free
    let first = a;
    for (let i = a + 1; i < b; i++) if (size[rep[provider[memberDep[i]!]!]!]! < size[rep[provider[memberDep[first]!]!]!]!) first = i;
    for (let j = 0; j < b - a; j++) {
      const i = j === 0 ? first : a + j - (a + j <= first ? 1 : 0);
      const e = memberDep[i]!;
      const d = delay(e);
      const buf = collect(provider[e]!, 0);
      const ids = buf.ids;
      const times = buf.times!;
      for (let k = 0; k < buf.length; k++) {
        const u = ids[k]!;
        const tt = times[k]! + d;
        if (tt > H) continue;
        if (j === 0) {
          istamp[u] = I;
          icnt[u] = 1;
          itime[u] = tt;
          ilist.reserve(1);
          ilist.ids[ilist.length++] = u;
        } else if (istamp[u] === I && icnt[u] === j) {
          icnt[u] = j + 1;
          if (tt > itime[u]!) itime[u] = tt;
        }
      }
    }
    for (let k = 0; k < ilist.length; k++) {
      const u = ilist.ids[k]!;
      if (icnt[u] === b - a && itime[u]! <= H) out(u, itime[u]!);
    }
  };

  /** The union for node r (an AND-cycle representative) into (ustamp = U, utime, ulist). */
  const union = (r: number, countSpof: boolean) => {
    U++;
    ulist.length = 0;
    const [ms, me] = membersOf(r);
    for (let i = ms; i < me; i++) add(uc.order[i]!, 0);
    for (let i = ms; i < me; i++) {
      const v = uc.order[i]!;
      const critical = countSpof && spof !== undefined && t.criticality[v]! >= spof.threshold;
      needs: for (let gi = needStart[v]!; gi < needStart[v + 1]!; gi++) {
        if (needShare[gi]! < 1) continue;
        for (let k = memberStart[gi]!; k < memberStart[gi + 1]!; k++) if (rep[provider[memberDep[k]!]!] === r) continue needs;
        if (critical && !spof.byWeight(gi)) {
          const counts = spof.spofNeeds;
          intersect(gi, (u, time) => {
            add(u, time);
            if (u !== v) counts[u]!++;
          });
        } else intersect(gi, add);
      }
    }
  };

  /** True when the union counted need gi of v as a single point of failure (see SpofCounting). */
  const countedInUnion = (v: number, gi: number): boolean => {
    if (spof === undefined || needShare[gi]! < 1 || spof.byWeight(gi) || t.criticality[v]! < spof.threshold) return false;
    const r = rep[v]!;
    const c = comp[r]!;
    if (qc.compStart[c + 1]! - qc.compStart[c]! !== 1) return false;
    for (let k = memberStart[gi]!; k < memberStart[gi + 1]!; k++) if (rep[provider[memberDep[k]!]!] === r) return false;
    return true;
  };

  /** Stores the union as r's set (choosing a base in an earlier component); into the pool or, while iterating, aside. */
  const store = (r: number, iterating: boolean) => {
    let best = -1;
    const [ms, me] = membersOf(r);
    for (let mi = ms; mi < me; mi++) {
      const v = uc.order[mi]!;
      for (let gi = needStart[v]!; gi < needStart[v + 1]!; gi++) {
        if (needShare[gi]! < 1 || memberStart[gi + 1]! - memberStart[gi]! !== 1) continue;
        const e = memberDep[memberStart[gi]!]!;
        const w = rep[provider[e]!]!;
        if (comp[w] === comp[r] || delay(e) !== 0) continue;
        if (best < 0 || size[w]! > size[best]!) best = w;
      }
    }
    B++;
    if (best >= 0) {
      const buf = collect(best, 1);
      let ok = true;
      for (let i = 0; i < buf.length; i++) {
        const u = buf.ids[i]!;
        if (timed && utime[u] !== buf.times![i]) { ok = false; break; }
        bstamp[u] = B;
      }
      if (!ok) { B++; best = -1; }
    }
    base[r] = best;
    const count = best >= 0 ? ulist.length - size[best]! : ulist.length;
    size[r] = ulist.length;
    // extras sorted by asset index (membership tests binary-search them); times follow from utime
    const ids = iterating ? new Int32Array(count) : (pool.reserve(count), pool.ids.subarray(pool.length, pool.length + count));
    let k = 0;
    for (let i = 0; i < ulist.length; i++) {
      const u = ulist.ids[i]!;
      if (best >= 0 && bstamp[u] === B) continue;
      ids[k++] = u;
    }
    ids.sort();
    const times = !timed ? undefined : iterating ? new Float64Array(count) : pool.times!.subarray(pool.length, pool.length + count);
    if (times) for (let i = 0; i < count; i++) times[i] = utime[ids[i]!]!;
    if (iterating) {
      tmpIds[r] = ids;
      tmpTimes[r] = times;
      return;
    }
    extraStart[r] = pool.length;
    extraLen[r] = count;
    pool.length += count;
  };

  /** True when u ∈ K(v): binary search in the extras along v's base chain. */
  const contains = (v: number, u: number): boolean => {
    for (let x = rep[v]!; x >= 0; x = base[x]!) {
      let lo = extraStart[x]!;
      let hi = lo + extraLen[x]!;
      const ids = pool.ids;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const m = ids[mid]!;
        if (m === u) return true;
        if (m < u) lo = mid + 1;
        else hi = mid;
      }
    }
    return false;
  };

  /** Moves r's set into the pool and records r and its AND-cycle members as final. */
  const finalise = (r: number) => {
    const ids = tmpIds[r];
    if (ids !== undefined) {
      pool.reserve(ids.length);
      extraStart[r] = pool.length;
      pool.ids.set(ids, pool.length);
      if (pool.times) pool.times.set(tmpTimes[r]!, pool.length);
      pool.length += ids.length;
      extraLen[r] = ids.length;
      tmpIds[r] = undefined;
      tmpTimes[r] = undefined;
    }
    finalOrder[nFinal++] = r;
    const [ms, me] = membersOf(r);
    for (let i = ms; i < me; i++) {
      const v = uc.order[i]!;
      if (v === r) continue;
      base[v] = r;
      extraLen[v] = 0;
      size[v] = size[r]!;
      finalOrder[nFinal++] = v;
    }
  };

  /** True when the union equals r's stored set (unions only grow and times only fall). */
  const unchanged = (r: number): boolean => {
    if (ulist.length !== size[r]) return false;
    if (!timed) return true;
    const buf = collect(r, 1);
    for (let i = 0; i < buf.length; i++) if (utime[buf.ids[i]!] !== buf.times![i]) return false;
    return true;
  };

  let iterations = 0;
  let largest = 0;
  const inQueue = new Uint8Array(n);
  const pos = new Int32Array(n).fill(-1);
  for (let c = 0; c < qc.count; c++) {
    const s = qc.compStart[c]!;
    const e = qc.compStart[c + 1]!;
    largest = Math.max(largest, e - s);
    if (e - s === 1) {
      // one node: needs with a member inside it add nothing, so one computation is the fixed point
      const r = qc.order[s]!;
      union(r, true);
      store(r, false);
      finalise(r);
      iterations++;
      continue;
    }
    // a cyclic component: start from K = the node's own assets and iterate to the least fixed point,
    // in passes over the component in reverse postorder of a DFS (providers before dependents but
    // for back edges), recomputing only the nodes whose inputs changed
    const rpo = reversePostorder(qcsr, qc.order.subarray(s, e), comp, c, pos);
    for (let i = 0; i < rpo.length; i++) {
      const r = rpo[i]!;
      pos[r] = i;
      const [ms, me] = membersOf(r);
      tmpIds[r] = uc.order.slice(ms, me).sort();
      tmpTimes[r] = timed ? new Float64Array(me - ms) : undefined;
      size[r] = me - ms;
      base[r] = -1;
      inQueue[r] = 1;
    }
    let pending = rpo.length;
    while (pending > 0) {
      for (let i = 0; i < rpo.length; i++) {
        const r = rpo[i]!;
        if (inQueue[r] === 0) continue;
        inQueue[r] = 0;
        pending--;
        iterations++;
        union(r, false);
        if (unchanged(r)) continue;
        store(r, true);
        for (let k = qcsr.start[r]!; k < qcsr.start[r + 1]!; k++) {
          const w = qcsr.adj[k]!;
          if (comp[w] === c && inQueue[w] === 0) {
            inQueue[w] = 1;
            pending++;
          }
        }
      }
    }
    for (let i = 0; i < rpo.length; i++) finalise(rpo[i]!);
  }
  return {
    n, horizon: H, base, size, extraStart, extraLen,
    pool: pool.ids.subarray(0, pool.length), poolTime: pool.times ? pool.times.subarray(0, pool.length) : null,
    components: qc.count, largestComponent: largest, andCycles, iterations, order: finalOrder.subarray(0, nFinal), needLostBy: intersect, contains, rep, countedInUnion,
  };
}

/** Nodes of component c in reverse postorder of a DFS over the edges inside c (visited marks in `mark`). */
function reversePostorder(g: Csr, nodes: Int32Array, comp: Int32Array, c: number, mark: Int32Array): Int32Array {
  const out = new Int32Array(nodes.length);
  let k = nodes.length;
  const stackV: number[] = [];
  const stackI: number[] = [];
  const VISITED = -2;
  for (const root of nodes) {
    if (mark[root] === VISITED) continue;
    mark[root] = VISITED;
    stackV.push(root);
    stackI.push(g.start[root]!);
    while (stackV.length > 0) {
      const top = stackV.length - 1;
      const v = stackV[top]!;
      const i = stackI[top]!;
      if (i < g.start[v + 1]!) {
        stackI[top] = i + 1;
        const w = g.adj[i]!;
        if (comp[w] === c && mark[w] !== VISITED) {
          mark[w] = VISITED;
          stackV.push(w);
          stackI.push(g.start[w]!);
        }
        continue;
      }
      stackV.pop();
      stackI.pop();
      out[--k] = v;
    }
  }
  return out;
}
