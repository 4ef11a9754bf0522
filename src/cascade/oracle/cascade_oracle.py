#!/usr/bin/env python3
"""Brute-force oracle for the cascade engine (issue 3): one propagation per asset over a networkx DiGraph.

Written independently of the TypeScript kill-set algorithm, the simple obvious way: for each asset u,
fail u at t = 0 and simulate (event queue ordered by time) until nothing more fails within the
horizon; record who failed and which needs were lost.

Semantics (docs/decisions/0004-cascade-semantics.md):
  * a need of v = the dependencies of v sharing one alternate group, or one ungrouped dependency;
    lost when all its members are lost, at the latest member loss time; share = max member share;
  * dependency w -> v is lost at t(w) + (timeToImpactHours + backupHours);
  * v fails at the earliest loss time of a need with share >= 1 (partial needs do not fail v and
    a degraded asset does not propagate); only times <= horizon count (None = no horizon).

Input (JSON file, argv[1]):
  {"assets": [[id, population, criticality], ...],
   "deps": [[id, provider, dependent, tti, backup, share, group or null, ...ignored], ...],
   "horizons": [null, 24.0, ...], "spofCriticality": 3}
Output (JSON on stdout), per horizon (key "none" or str(h)):
  {"lost": {u: [sorted ids lost when u alone fails]},
   "rank": {u: [assets lost, people affected]},
   "spof": [[u, v, need key], ...] sorted; need key = member dependency ids sorted, joined by "+"}
"""
import heapq
import json
import math
import sys

import networkx as nx


def build(doc):
    g = nx.DiGraph()
    for aid, pop, crit in doc["assets"]:
        g.add_node(aid, pop=pop, crit=crit, needs={})
    needs = {}  # need key -> dict(owner, members [(dep id, provider, delay)], share)
    dep_need = {}
    for did, prov, dept, tti, backup, share, group in (d[:7] for d in doc["deps"]):
        if prov not in g or dept not in g:
            continue
        key = (dept, "g", group) if group is not None else (dept, "d", did)
        need = needs.setdefault(key, {"owner": dept, "members": [], "share": 0.0})
        need["members"].append((did, prov, tti + backup))
        need["share"] = max(need["share"], share)
        dep_need[did] = key
        if g.has_edge(prov, dept):
            g[prov][dept]["deps"].append(did)
        else:
            g.add_edge(prov, dept, deps=[did])
    for key, need in needs.items():
        need["label"] = "+".join(sorted(m[0] for m in need["members"]))
    delay = {}
    for need in needs.values():
        for did, _prov, d in need["members"]:
            delay[did] = d
    return g, needs, dep_need, delay


def propagate(g, needs, dep_need, delay, start, horizon):
    """Fails `start` at 0; returns ({asset: failure time}, {need key: loss time})."""
    fail = {start: 0.0}
    settled = set()
    member_lost = {}  # need key -> {dep id: time}
    needs_lost = {}
    queue = [(0.0, start)]
    while queue:
        t, v = heapq.heappop(queue)
        if v in settled or t > fail[v]:
            continue
        settled.add(v)
        for _v, w, data in g.out_edges(v, data=True):
            for did in data["deps"]:
                lost_at = t + delay[did]
                if lost_at > horizon:
                    continue
                key = dep_need[did]
                lost = member_lost.setdefault(key, {})
                lost[did] = lost_at
                need = needs[key]
                if len(lost) == len(need["members"]):
                    nt = max(lost.values())
                    needs_lost[key] = nt
                    if need["share"] >= 1 and nt < fail.get(w, math.inf):
                        fail[w] = nt
                        heapq.heappush(queue, (nt, w))
    return fail, needs_lost


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    g, needs, dep_need, delay = build(doc)
    threshold = doc.get("spofCriticality", 3)
    out = {}
    for h in doc["horizons"]:
        horizon = math.inf if h is None else float(h)
        lost_sets, rank, spof = {}, {}, []
        for u in g.nodes:
            fail, needs_lost = propagate(g, needs, dep_need, delay, u, horizon)
            lost_sets[u] = sorted(fail)
            rank[u] = [len(fail), sum(g.nodes[v]["pop"] for v in fail)]
            for key in needs_lost:
                v = needs[key]["owner"]
                if v != u and g.nodes[v]["crit"] >= threshold:
                    spof.append([u, v, needs[key]["label"]])
        spof.sort()
        out["none" if h is None else repr(float(h))] = {"lost": lost_sets, "rank": rank, "spof": spof}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
