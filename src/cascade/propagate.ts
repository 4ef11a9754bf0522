/**
 * The propagation core: earliest failure times from a set of initial failures, over the compiled
 * graph — a Dijkstra-like min-max fixpoint (Knuth's generalisation of Dijkstra to superior
 * functions): an asset is settled in order of failure time; settling provider w at t loses each of
 * its dependencies e at t + tti(e) + backup(e); a need is lost when its last member is lost, at the
 * latest member time; an asset fails at the earliest loss of one of its full needs (share 1).
 * Needs with share < 1 are recorded as lost but do not fail their asset (degraded assets do not
 * propagate). Events after the horizon are dropped. Delays are ≥ 0, so settled times never
 * decrease and cycles terminate.
 *
 * Scratch arrays are per Propagator and reused across runs with epoch stamps, so a run costs
 * O(what it touches · log), not O(graph): a one-asset scenario on a large graph is fast.
 *
 * Monte Carlo mode (`seedOfRun` set): each dependency propagates with its failureProbability and
 * backup durations with uncertainty are drawn from their triangular distribution.
 */
import type { CompiledGraph, GraphColumns } from './graph.js';
import { depHash, drawOf, triangular } from './rng.js';

export interface PropagationOptions {
  /** Asset indices failing at t = 0. */
  initial: ArrayLike<number>;
  /** Dependency slots whose supply is cut at t = 0 whatever their provider does (a service lost in a region): lost at tti + backup. */
  forced?: ArrayLike<number>;
  horizon: number;
  /** Monte Carlo: the run's seed; absent = deterministic. */
  seedOfRun?: number;
}

export class Propagator {
  private epoch = 0;
  /**
   * Per asset, 24 bytes together (locality): Int32 [6v] = epoch stamp of its time, [6v+1] = epoch
   * when settled, [6v+2] = the need that failed it (−1: an initial failure); Float64 [3v+2] = its
   * failure time (valid when stamped).
   */
  private readonly assetI32: Int32Array;
  private readonly assetF64: Float64Array;
  /** Per need, interleaved for locality: [2g] = epoch stamp, [2g+1] = members not yet lost. */
  /**
   * Per need, 16 bytes in one cache line (for locality): Int32 [4g] = epoch stamp, [4g+1] = members
   * not yet lost; Float64 [2g+1] = latest loss time so far among its lost members (its loss time
   * once complete).
   */
  private readonly needI32: Int32Array;
  private readonly needF64: Float64Array;
  private forcedStamp: Int32Array | null = null;
  /** Assets failed in the last run, in settling (time) order. */
  order: Int32Array;
  orderLength = 0;
  /** Needs lost in the last run (full and partial), in the order they were lost. */
  lostNeeds: Int32Array;
  lostNeedsLength = 0;
  // binary heap of (time, asset) with lazy deletion
  private heapKey: Float64Array;
  private heapVal: Int32Array;
  private heapSize = 0;
  /** Assets whose failure time equals the time being settled (zero-delay chains skip the heap). */
  private fifo: Int32Array;
  private fifoHead = 0;
  private fifoTail = 0;
  private now = 0;

  constructor(private readonly g: CompiledGraph, private readonly c: GraphColumns) {
    const assetBuf = new ArrayBuffer(24 * Math.max(1, g.n));
    this.assetI32 = new Int32Array(assetBuf);
    this.assetF64 = new Float64Array(assetBuf);
    const needBuf = new ArrayBuffer(16 * Math.max(1, g.needCount));
    this.needI32 = new Int32Array(needBuf);
    this.needF64 = new Float64Array(needBuf);
    this.order = new Int32Array(1024);
    this.lostNeeds = new Int32Array(256);
    this.heapKey = new Float64Array(1024);
    this.heapVal = new Int32Array(1024);
    this.fifo = new Int32Array(1024);
  }

  /** Failure time of v in the last run (Infinity when it did not fail). */
  timeOf(v: number): number {
    return this.assetI32[6 * v] === this.epoch && this.assetI32[6 * v + 1] === this.epoch ? this.assetF64[3 * v + 2]! : Infinity;
  }

  /** The need that failed v in the last run (−1: an initial failure); v must have failed. */
  failedBy(v: number): number {
    return this.assetI32[6 * v + 2]!;
  }

  /** True when dependency e's supply was cut at 0 in the last run (a service lost in a region). */
  isForced(e: number): boolean {
    return this.forcedStamp !== null && this.forcedStamp[e] === this.epoch;
  }

  /** When need g was lost in the last run (valid when needLost(g)). */
  needTime(g: number): number {
    return this.needF64[2 * g + 1]!;
  }

  /** True when need g was lost (all members) in the last run; its time is needTime(g). */
  needLost(g: number): boolean {
    return this.needI32[4 * g] === this.epoch && this.needI32[4 * g + 1] === 0;
  }

  run(o: PropagationOptions): void {
    const ep = ++this.epoch;
    const { g } = this;
    this.orderLength = 0;
    this.lostNeedsLength = 0;
    this.heapSize = 0;
    this.fifoHead = this.fifoTail = 0;
    this.now = 0;
    const H = o.horizon;
    for (let i = 0; i < o.initial.length; i++) {
      const v = o.initial[i]!;
      if (this.c.assetAlive[v] !== 1 || (this.assetI32[6 * v] === ep && this.assetF64[3 * v + 2] === 0)) continue;
      this.assetI32[6 * v] = ep;
      this.assetF64[3 * v + 2] = 0;
      this.assetI32[6 * v + 2] = -1;
      this.enqueue(0, v);
    }
    if (o.forced && o.forced.length > 0) {
      if (this.forcedStamp === null) this.forcedStamp = new Int32Array(this.c.provider.length);
      if (this.forcedStamp.length < this.c.provider.length) this.forcedStamp = new Int32Array(this.c.provider.length);
      for (let i = 0; i < o.forced.length; i++) {
        const e = o.forced[i]!;
        if (g.depNeed[e]! < 0 || this.forcedStamp[e] === ep) continue;
        this.forcedStamp[e] = ep;
        this.lose(g.depNeed[e]!, this.c.tti[e]! + this.c.backup[e]!, H, ep); // supply cut at 0: backups still run
      }
    }
    const { outStart, outDep, outNeed, outDelay, mc } = g;
    if (o.seedOfRun !== undefined && !mc) throw new Error('Monte Carlo needs ensureMonteCarloColumns(graph) first');
    const forced = o.forced && o.forced.length > 0 ? this.forcedStamp : null;
    const seed = o.seedOfRun;
    const ai = this.assetI32;
    const af = this.assetF64;
    for (;;) {
      let t: number;
      let v: number;
      if (this.fifoHead < this.fifoTail) {
        t = this.now;
        v = this.fifo[this.fifoHead++]!;
      } else if (this.heapSize > 0) {
        t = this.heapKey[0]!;
        v = this.pop();
        this.now = t;
      } else break;
      if (ai[6 * v + 1] === ep || af[3 * v + 2] !== t) continue;
      ai[6 * v + 1] = ep;
      if (this.orderLength === this.order.length) this.order = growI(this.order);
      this.order[this.orderLength++] = v;
      for (let i = outStart[v]!, end = outStart[v + 1]!; i < end; i++) {
        if (forced !== null && forced[outDep[i]!] === ep) continue;
        let delay: number;
        if (seed === undefined) delay = outDelay[i]!;
        else {
          const p = mc!.prob[i]!;
          const lo = mc!.low[i]!;
          if (p < 1 || lo === lo) {
            const h = depHash(seed, mc!.key[i]!);
            if (p < 1 && drawOf(h, 0) >= p) continue;
            delay = lo === lo ? mc!.tti[i]! + triangular(drawOf(h, 1), lo, mc!.mode[i]!, mc!.high[i]!) : outDelay[i]!;
          } else delay = outDelay[i]!;
        }
        this.lose(outNeed[i]!, t + delay, H, ep);
      }
    }
  }

  /** A member of need n is lost at te. */
  private lose(n: number, te: number, H: number, ep: number): void {
    if (te > H) return;
    const g = this.g;
    const st = this.needI32;
    const tf = this.needF64;
    const k = 4 * n;
    if (st[k] !== ep) {
      st[k] = ep;
      st[k + 1] = g.needMeta[n]! >> 1;
      tf[2 * n + 1] = te;
    } else if (te > tf[2 * n + 1]!) tf[2 * n + 1] = te;
    if (--st[k + 1]! !== 0) return;
    const tn = tf[2 * n + 1]!;
    if (this.lostNeedsLength === this.lostNeeds.length) this.lostNeeds = growI(this.lostNeeds);
    this.lostNeeds[this.lostNeedsLength++] = n;
    if ((g.needMeta[n]! & 1) === 1) {
      const w = g.needOwner[n]!;
      const ai = this.assetI32;
      const af = this.assetF64;
      if (ai[6 * w] !== ep) {
        ai[6 * w] = ep;
        af[3 * w + 2] = Infinity;
      }
      if (tn < af[3 * w + 2]!) {
        af[3 * w + 2] = tn;
        ai[6 * w + 2] = n;
        this.enqueue(tn, w);
      }
    }
  }

  /** Queues v at time `key` (≥ the time being settled): at that very time into the FIFO, else the heap. */
  private enqueue(key: number, val: number): void {
    if (key === this.now) {
      if (this.fifoTail === this.fifo.length) {
        if (this.fifoHead > 0) {
          this.fifo.copyWithin(0, this.fifoHead, this.fifoTail);
          this.fifoTail -= this.fifoHead;
          this.fifoHead = 0;
        } else this.fifo = growI(this.fifo);
      }
      this.fifo[this.fifoTail++] = val;
    } else this.push(key, val);
  }

  private push(key: number, val: number): void {
    if (this.heapSize === this.heapKey.length) {
      const k = new Float64Array(this.heapKey.length * 2);
      k.set(this.heapKey);
      this.heapKey = k;
      this.heapVal = growI(this.heapVal);
    }
    const hk = this.heapKey;
    const hv = this.heapVal;
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = hk[p]!;
      if (pk < key || (pk === key && hv[p]! <= val)) break;
      hk[i] = pk;
      hv[i] = hv[p]!;
      i = p;
    }
    hk[i] = key;
    hv[i] = val;
  }

  private pop(): number {
    const hk = this.heapKey;
    const hv = this.heapVal;
    const top = hv[0]!;
    const size = --this.heapSize;
    if (size === 0) return top;
    const key = hk[size]!;
    const val = hv[size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (hk[c + 1]! < hk[c]! || (hk[c + 1]! === hk[c]! && hv[c + 1]! < hv[c]!))) c++;
      if (key < hk[c]! || (key === hk[c]! && val <= hv[c]!)) break;
      hk[i] = hk[c]!;
      hv[i] = hv[c]!;
      i = c;
    }
    hk[i] = key;
    hv[i] = val;
    return top;
  }
}

function growI(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
