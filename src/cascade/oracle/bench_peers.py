#!/usr/bin/env python3
"""Peer timings for `npm run bench:cascade`: the cascade tasks done with networkx and python-igraph.

Input: the oracle's JSON file (cascade_oracle.py) plus
  "sample": asset ids for one-asset scenarios, "spread": how many of them (the first) are spread
  evenly over the register (they alone are extrapolated to the ranking),
  "mcInitial": asset ids failing at 0 in the Monte Carlo scenario, "mcRuns": runs to time,
  "mcHorizon": hours.
Prints JSON {task: seconds | null, ...}. Extrapolated figures are (time for the sample) x (all / sample).
"""
import json
import math
import random
import sys
import time

import networkx as nx

from cascade_oracle import build, propagate


def mc_run(g, needs, dep_need, delay, extra, initial, horizon, rng):
    """One Monte Carlo run the obvious way: each dependency propagates with its probability,
    uncertain backups drawn from their triangular distribution."""
    fail = {u: 0.0 for u in initial}
    queue = [(0.0, u) for u in initial]
    settled = set()
    lost_members = {}
    import heapq
    heapq.heapify(queue)
    while queue:
        t, v = heapq.heappop(queue)
        if v in settled or t > fail[v]:
            continue
        settled.add(v)
        for _v, w, data in g.out_edges(v, data=True):
            for did in data["deps"]:
                prob, low, high, tti, backup = extra[did]
                if prob < 1 and rng.random() >= prob:
                    continue
                d = tti + (rng.triangular(low, high, backup) if low is not None else backup)
                at = t + d
                if at > horizon:
                    continue
                key = dep_need[did]
                lost = lost_members.setdefault(key, {})
                lost[did] = at
                need = needs[key]
                if len(lost) == len(need["members"]):
                    nt = max(lost.values())
                    if need["share"] >= 1 and nt < fail.get(w, math.inf):
                        fail[w] = nt
                        heapq.heappush(queue, (nt, w))
    return len(fail)


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    out = {}
    t0 = time.perf_counter()
    g, needs, dep_need, delay = build(doc)
    out["nx_load"] = time.perf_counter() - t0
    n = g.number_of_nodes()
    sample = doc["sample"]

    # one-asset scenarios and the ranking by brute force (one propagation per asset), extrapolated
    spread = doc.get("spread", len(sample))  # the first `spread` ids are spread evenly; the rest are chosen cases
    times = []
    for u in sample:
        t0 = time.perf_counter()
        propagate(g, needs, dep_need, delay, u, math.inf)
        times.append(time.perf_counter() - t0)
    out["nx_scenario_mean"] = sum(times) / len(times)
    out["nx_rank_extrapolated"] = sum(times[:spread]) * n / spread
    times.sort()
    out["nx_scenario_median"] = times[len(times) // 2]

    # dominator tree from a virtual root over the sources of the condensation
    t0 = time.perf_counter()
    cond = nx.condensation(g)
    root = "__root__"
    h = g.copy()
    h.add_node(root)
    for c in cond.nodes:
        if cond.in_degree(c) == 0:
            h.add_edge(root, next(iter(cond.nodes[c]["members"])))
    out["nx_condensation_and_root"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    nx.immediate_dominators(h, root)
    out["nx_dominators"] = time.perf_counter() - t0

    # Monte Carlo runs, extrapolated to the benchmark's run count
    extra = {}
    for d in doc["deps"]:
        did, _p, _d, tti, backup = d[0], d[1], d[2], d[3], d[4]
        prob = d[7] if len(d) > 7 else 1.0
        low = d[8] if len(d) > 8 else None
        high = d[9] if len(d) > 9 else None
        extra[did] = (prob, low if high is not None else None, high, tti, backup)
    rng = random.Random(1)
    runs = doc.get("mcRuns", 20)
    initial = [u for u in doc.get("mcInitial", []) if u in g]
    horizon = doc.get("mcHorizon")
    horizon = math.inf if horizon is None else float(horizon)
    t0 = time.perf_counter()
    for _ in range(runs):
        mc_run(g, needs, dep_need, delay, extra, initial, horizon, rng)
    out["nx_mc_per_run"] = (time.perf_counter() - t0) / max(1, runs)

    try:
        import igraph as ig
    except ImportError:
        ig = None
    if ig is not None:
        t0 = time.perf_counter()
        names = list(h.nodes)
        index = {v: i for i, v in enumerate(names)}
        ig_g = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in h.edges], directed=True)
        out["ig_load"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        ig_g.dominator(index[root], mode="out")
        out["ig_dominators"] = time.perf_counter() - t0
        # reachability (what the ranking would be if every dependency were a need of its own)
        t0 = time.perf_counter()
        for u in sample[:spread]:
            ig_g.subcomponent(index[u], mode="out")
        out["ig_reach_extrapolated"] = (time.perf_counter() - t0) * n / spread
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
