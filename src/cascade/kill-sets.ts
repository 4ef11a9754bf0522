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
 */
import type { CompiledGraph } from './graph.js';
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
  /** Component index per asset and whether its component is cyclic (diagnostics). */
  components: number;
  largestComponent: number;
  iterations: number;
  /** Assets in processing order (a base always comes before the assets resting on it). */
  order: Int32Array;
  /** Calls out(u, time) for every asset u whose loss alone loses need gi (by time ≤ horizon). */
  needLostBy: (gi: number, out: (u: number, time: number) => void) => void;
}

/** Strongly connected components (iterative Tarjan), returned in topological order: providers first. */
export function componentsTopological(g: CompiledGraph, alive: Uint8Array): { comp: Int32Array; order: Int32Array; compStart: Int32Array; count: number } {
  const n = g.n;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const callV = new Int32Array(n);
  const callI = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const emitted = new Int32Array(n); // nodes in emission order (reverse topological by component)
  const emittedStart: number[] = [0];
  let ne = 0;
  let counter = 0;
  let count = 0;
  const { outStart, outDep } = g;
  const dependentOf = (e: number) => g.needOwner[g.depNeed[e]!]!;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1 || alive[s] !== 1) continue;
    let depth = 0;
    callV[0] = s;
    callI[0] = outStart[s]!;
    index[s] = low[s] = counter++;
    stack[sp++] = s;
    onStack[s] = 1;
    while (depth >= 0) {
      const v = callV[depth]!;
      const i = callI[depth]!;
      if (i < outStart[v + 1]!) {
        callI[depth] = i + 1;
        const w = dependentOf(outDep[i]!);
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callV[depth] = w;
          callI[depth] = outStart[w]!;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
          emitted[ne++] = w;
        } while (w !== v);
        emittedStart.push(ne);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const u = callV[depth]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  // reverse the component order: topological (providers first)
  const order = new Int32Array(ne);
  const compStart = new Int32Array(count + 1);
  let k = 0;
  for (let c = count - 1, j = 0; c >= 0; c--, j++) {
    compStart[j] = k;
    for (let i = emittedStart[c]!; i < emittedStart[c + 1]!; i++) order[k++] = emitted[i]!;
  }
  compStart[count] = k;
  // renumber comp to topological indices
  for (let v = 0; v < n; v++) if (comp[v]! >= 0) comp[v] = count - 1 - comp[v]!;
  return { comp, order, compStart, count };
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
export function computeKillSets(t: RegisterTable, g: CompiledGraph, horizon: number): KillSets {
  const n = g.n;
  const H = horizon;
  const timed = Number.isFinite(H);
  const alive = t.assetAlive;
  const { needStart, needShare, memberStart, memberDep, outStart, outDep, depNeed, needOwner } = g;
  const { provider, tti, backup } = t;
  const delay = (e: number) => (timed ? tti[e]! + backup[e]! : 0);

  const { comp, order, compStart, count } = componentsTopological(g, alive);
  const base = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const extraStart = new Int32Array(n);
  const extraLen = new Int32Array(n);
  const pool = new Growable(timed);

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

  /** Enumerates K(w) into a buffer (ids, times) and returns it with its length. */
  const collect = (w: number, depth: number): Growable => {
    let buf = cbufs[depth];
    if (!buf) cbufs[depth] = buf = new Growable(true);
    buf.length = 0;
    buf.reserve(size[w]!);
    const ids = buf.ids;
    const times = buf.times!;
    let k = 0;
    for (let x = w; x >= 0; x = base[x]!) {
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

  /** Computes the union for v into (ustamp = U, utime, ulist). */
  const union = (v: number) => {
    U++;
    ulist.length = 0;
    add(v, 0);
    for (let gi = needStart[v]!; gi < needStart[v + 1]!; gi++) {
      if (needShare[gi]! < 1) continue;
      intersect(gi, (u, time) => add(u, time));
    }
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
    for (let i = a + 1; i < b; i++) if (size[provider[memberDep[i]!]!]! < size[provider[memberDep[first]!]!]!) first = i;
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

  /** Stores the union (ulist/utime) as v's set, choosing a base; returns nothing. */
  const store = (v: number, cv: number) => {
    let best = -1;
    for (let gi = needStart[v]!; gi < needStart[v + 1]!; gi++) {
      if (needShare[gi]! < 1 || memberStart[gi + 1]! - memberStart[gi]! !== 1) continue;
      const e = memberDep[memberStart[gi]!]!;
      const w = provider[e]!;
      if (w === v || comp[w] === cv || delay(e) !== 0) continue;
      if (best < 0 || size[w]! > size[best]!) best = w;
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
    base[v] = best;
    const extras = best >= 0 ? ulist.length - size[best]! : ulist.length;
    pool.reserve(extras);
    extraStart[v] = pool.length;
    for (let i = 0; i < ulist.length; i++) {
      const u = ulist.ids[i]!;
      if (best >= 0 && bstamp[u] === B) continue;
      if (pool.times) pool.times[pool.length] = utime[u]!;
      pool.ids[pool.length++] = u;
    }
    extraLen[v] = pool.length - extraStart[v]!;
    size[v] = ulist.length;
  };

  /** True when the union for v equals its stored set (the union only ever grows / gets earlier). */
  const unchanged = (v: number): boolean => {
    if (ulist.length !== size[v]) return false;
    if (!timed) return true;
    const buf = collect(v, 1);
    for (let i = 0; i < buf.length; i++) if (utime[buf.ids[i]!] !== buf.times![i]) return false;
    return true;
  };

  let iterations = 0;
  let largest = 0;
  const inQueue = new Uint8Array(n);
  const queue: number[] = [];
  for (let c = 0; c < count; c++) {
    const s = compStart[c]!;
    const e = compStart[c + 1]!;
    const v0 = order[s]!;
    largest = Math.max(largest, e - s);
    let selfLoop = false;
    if (e - s === 1) {
      for (let i = outStart[v0]!; i < outStart[v0 + 1]!; i++) if (needOwner[depNeed[outDep[i]!]!] === v0) selfLoop = true;
      if (!selfLoop) {
        union(v0);
        store(v0, c);
        iterations++;
        continue;
      }
    }
    // cyclic component: start from {v}, iterate to the least fixed point
    for (let i = s; i < e; i++) {
      const v = order[i]!;
      pool.reserve(1);
      extraStart[v] = pool.length;
      if (pool.times) pool.times[pool.length] = 0;
      pool.ids[pool.length++] = v;
      extraLen[v] = 1;
      size[v] = 1;
      base[v] = -1;
      queue.push(v);
      inQueue[v] = 1;
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const v = queue[qi]!;
      inQueue[v] = 0;
      iterations++;
      union(v);
      if (unchanged(v)) continue;
      store(v, c);
      for (let i = outStart[v]!; i < outStart[v + 1]!; i++) {
        const w = needOwner[depNeed[outDep[i]!]!]!;
        if (comp[w] === c && inQueue[w] === 0) {
          inQueue[w] = 1;
          queue.push(w);
        }
      }
    }
    queue.length = 0;
  }
  return {
    n, horizon: H, base, size, extraStart, extraLen,
    pool: pool.ids.subarray(0, pool.length), poolTime: pool.times ? pool.times.subarray(0, pool.length) : null,
    components: count, largestComponent: largest, iterations, order, needLostBy: intersect,
  };
}
