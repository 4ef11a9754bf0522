/**
 * Strongly connected components (iterative Tarjan, no recursion) over a graph in CSR form, and the
 * CSR builder the kill-set computation uses for its two condensations.
 */

export interface Csr {
  start: Int32Array;
  adj: Int32Array;
}

/** Builds a CSR from an edge list given as parallel arrays (counting sort). */
export function csrFromEdges(n: number, from: Int32Array, to: Int32Array, m: number): Csr {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[from[i]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const adj = new Int32Array(m);
  const fill = start.slice(0, n);
  for (let i = 0; i < m; i++) adj[fill[from[i]!]!++] = to[i]!;
  return { start, adj };
}

export interface Components {
  /** Component of each active node (topological index: sources first), −1 for inactive nodes. */
  comp: Int32Array;
  /** Active nodes grouped by component, components in topological order. */
  order: Int32Array;
  compStart: Int32Array;
  count: number;
}

/** SCCs of the active nodes, numbered in topological order of the condensation (edges go to equal or later components). */
export function stronglyConnected(n: number, g: Csr, active: (v: number) => boolean): Components {
  const { start, adj } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callV = new Int32Array(n);
  const callI = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const emitted = new Int32Array(n);
  const emittedStart: number[] = [0];
  let sp = 0;
  let ne = 0;
  let counter = 0;
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1 || !active(s)) continue;
    let depth = 0;
    callV[0] = s;
    callI[0] = start[s]!;
    index[s] = low[s] = counter++;
    stack[sp++] = s;
    onStack[s] = 1;
    while (depth >= 0) {
      const v = callV[depth]!;
      const i = callI[depth]!;
      if (i < start[v + 1]!) {
        callI[depth] = i + 1;
        const w = adj[i]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callV[depth] = w;
          callI[depth] = start[w]!;
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
  // Tarjan emits sinks first: reverse for topological order
  const order = new Int32Array(ne);
  const compStart = new Int32Array(count + 1);
  let k = 0;
  for (let c = count - 1, j = 0; c >= 0; c--, j++) {
    compStart[j] = k;
    for (let i = emittedStart[c]!; i < emittedStart[c + 1]!; i++) order[k++] = emitted[i]!;
  }
  compStart[count] = k;
  for (let v = 0; v < n; v++) if (comp[v]! >= 0) comp[v] = count - 1 - comp[v]!;
  return { comp, order, compStart, count };
}
