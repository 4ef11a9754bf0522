/**
 * Nearest sites of a kind: one static 2-d tree per kind. Distances are equirectangular (longitude
 * scaled by a fixed cos latitude): good enough at UK scale, and deterministic (ties go to the lower
 * site index).
 */

/** Longitude is scaled by the cosine of the UK's mid latitude, so distances are roughly isotropic. */
const KX = Math.cos((54.5 * Math.PI) / 180);
const LEAF = 8;

/**
 * A static 2-d tree over the sites of one kind, stored implicitly: the range [lo, hi) has its
 * splitting site at (lo + hi) >> 1, splitting on longitude at even depths and latitude at odd ones.
 * Nearest-neighbour queries cost O(log n) however clustered the sites are (towns are dense).
 */
class KindTree {
  readonly ids: Int32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;

  constructor(ids: Int32Array, lat: Float64Array, lon: Float64Array) {
    this.ids = ids;
    const n = ids.length;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      this.x[k] = lon[ids[k]!]! * KX;
      this.y[k] = lat[ids[k]!]!;
    }
    this.build(0, n, 0);
  }

  private swap(a: number, b: number): void {
    const { ids, x, y } = this;
    const i = ids[a]!; ids[a] = ids[b]!; ids[b] = i;
    const u = x[a]!; x[a] = x[b]!; x[b] = u;
    const v = y[a]!; y[a] = y[b]!; y[b] = v;
  }

  private key(k: number, dim: number): number {
    return dim === 0 ? this.x[k]! : this.y[k]!;
  }

  /** Less-than on (coordinate, site index): a total order, so the tree is the same on every run. */
  private less(a: number, b: number, dim: number): boolean {
    const ka = this.key(a, dim);
    const kb = this.key(b, dim);
    return ka < kb || (ka === kb && this.ids[a]! < this.ids[b]!);
  }

  private build(lo: number, hi: number, depth: number): void {
    while (hi - lo > LEAF) {
      const dim = depth & 1;
      const mid = (lo + hi) >> 1;
      // Quickselect the median into `mid`.
      let l = lo;
      let r = hi - 1;
      while (r > l) {
        this.swap((l + r) >> 1, r);
        let store = l;
        for (let k = l; k < r; k++) if (this.less(k, r, dim)) this.swap(k, store++);
        this.swap(store, r);
        if (store === mid) break;
        if (store < mid) l = store + 1;
        else r = store - 1;
      }
      this.build(lo, mid, depth + 1);
      lo = mid + 1;
      depth++;
    }
  }

  nearest(qx: number, qy: number, k: number, self: number, best: Best): void {
    this.search(0, this.ids.length, 0, qx, qy, k, self, best);
  }

  private search(lo: number, hi: number, depth: number, qx: number, qy: number, k: number, self: number, best: Best): void {
    if (hi - lo <= LEAF) {
      for (let p = lo; p < hi; p++) this.visit(p, qx, qy, k, self, best);
      return;
    }
    const mid = (lo + hi) >> 1;
    this.visit(mid, qx, qy, k, self, best);
    const diff = (depth & 1) === 0 ? qx - this.x[mid]! : qy - this.y[mid]!;
    if (diff < 0) {
      this.search(lo, mid, depth + 1, qx, qy, k, self, best);
      if (diff * diff <= best.worst(k)) this.search(mid + 1, hi, depth + 1, qx, qy, k, self, best);
    } else {
      this.search(mid + 1, hi, depth + 1, qx, qy, k, self, best);
      if (diff * diff <= best.worst(k)) this.search(lo, mid, depth + 1, qx, qy, k, self, best);
    }
  }

  private visit(p: number, qx: number, qy: number, k: number, self: number, best: Best): void {
    const i = this.ids[p]!;
    if (i === self) return;
    const dx = this.x[p]! - qx;
    const dy = this.y[p]! - qy;
    best.offer(i, dx * dx + dy * dy, k);
  }
}

/** The best (smallest distance) few candidates, ties broken by site index so results are deterministic. */
export class Best {
  readonly id = new Int32Array(4);
  readonly d = new Float64Array(4);
  n = 0;

  clear(): void {
    this.n = 0;
  }
  size(k: number): number {
    return Math.min(this.n, k);
  }
  worst(k: number): number {
    return this.n >= k ? this.d[k - 1]! : Infinity;
  }
  offer(i: number, d: number, k: number): void {
    if (this.n >= k && d > this.d[k - 1]!) return;
    for (let j = 0; j < this.n; j++) if (this.id[j] === i) return;
    let pos = this.n;
    while (pos > 0 && (this.d[pos - 1]! > d || (this.d[pos - 1] === d && this.id[pos - 1]! > i))) pos--;
    if (pos >= k) return;
    const end = Math.min(this.n, k - 1, 3);
    for (let j = end; j > pos; j--) {
      this.id[j] = this.id[j - 1]!;
      this.d[j] = this.d[j - 1]!;
    }
    this.id[pos] = i;
    this.d[pos] = d;
    this.n = Math.min(this.n + 1, k, 4);
  }
}

export class SpatialIndex {
  private readonly grids: KindTree[];

  constructor(
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
    kind: Uint8Array,
    kinds: number,
  ) {
    const counts = new Int32Array(kinds);
    for (let i = 0; i < kind.length; i++) counts[kind[i]!]!++;
    const lists = Array.from({ length: kinds }, (_, k) => new Int32Array(counts[k]!));
    const fill = new Int32Array(kinds);
    for (let i = 0; i < kind.length; i++) {
      const k = kind[i]!;
      lists[k]![fill[k]!++] = i;
    }
    this.grids = lists.map((ids) => new KindTree(ids, lat, lon));
  }

  count(kind: number): number {
    return this.grids[kind]!.ids.length;
  }

  /** Nearest `k` (≤ 4) sites of any of `kinds` to site `self`, into `best` (cleared first). */
  nearest(self: number, kinds: readonly number[], k: number, best: Best): void {
    best.clear();
    const qx = this.lon[self]! * KX;
    const qy = this.lat[self]!;
    for (const kind of kinds) this.grids[kind]!.nearest(qx, qy, k, self, best);
  }
}
