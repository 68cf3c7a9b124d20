"""The overview of many regions: regions as nodes, joined by their specificity-weighted similarity.

At 30 regions the entity graph is a hairball whose region labels cannot be read; the overview
draws only the regions with reports. Each is joined to the `top` regions most like it by the
IDF-weighted Jaccard of `queries/region-similarity.cypher` (same weights, same items left out), and
carries what it adopts and develops, the most distinctive first, for the page to show on a click.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from .view import View

#: The default page of at least this many regions with reports is the overview.
OVERVIEW_AT = 6
#: The relationship the overview draws between two regions.
SIMILAR = "SIMILAR"
#: Derived relationships whose targets are a region's items (as in region-similarity).
_ITEMS = ("ADOPTS", "DEVELOPS")
_LISTED = ("ADOPTS", "DEVELOPS", "HOSTS", "RUNS")


def anchors(g: nx.MultiDiGraph) -> list[str]:
    """Ids of the regions with reports of their own, by name."""
    return sorted((n for n, d in g.nodes(data=True) if d.get("anchor")), key=lambda n: (g.nodes[n]["name"], n))


def similarities(g: nx.MultiDiGraph, max_share: float = 0.5, max_regions: int = 50) -> dict[tuple[str, str], dict]:
    """(region a, region b) → similarity and shared item names, a < b: the IDF-weighted Jaccard over
    initiatives and chains, items named by more than max_share of the regions (or max_regions) left out."""
    regions = anchors(g)
    items: dict[str, set[str]] = {r: {b for _, b, k in g.out_edges(r, keys=True) if k in _ITEMS} for r in regions}
    df: dict[str, int] = defaultdict(int)
    for xs in items.values():
        for x in xs:
            df[x] += 1
    n_total = len(regions)
    w = {x: math.log(n_total / n) for x, n in df.items() if n <= max_share * n_total and n <= max_regions}
    total = {r: sum(w.get(x, 0.0) for x in xs) for r, xs in items.items()}
    by_item: dict[str, list[str]] = defaultdict(list)
    for r in regions:
        for x in items[r]:
            if x in w:
                by_item[x].append(r)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for x, rs in by_item.items():
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                shared[(a, b) if a < b else (b, a)].append(x)
    out = {}
    for (a, b), xs in shared.items():
        s = sum(w[x] for x in xs)
        union = total[a] + total[b] - s
        if union > 0:
            names = sorted(xs, key=lambda x: (-w[x], g.nodes[x].get("name") or x))
            out[(a, b)] = {"similarity": round(s / union, 4), "shared": [g.nodes[x].get("name") or x for x in names]}
    return out


def _items_of(g: nx.MultiDiGraph, region: str, n_total: int, limit: int) -> list[dict[str, Any]]:
    """What a region adopts, develops, hosts and runs, the most distinctive (fewest regions) first."""
    found = []
    for _, x, k in g.out_edges(region, keys=True):
        if k in _LISTED:
            d = g.nodes[x]
            found.append({"name": d.get("name") or x, "label": d["label"], "n_regions": d.get("n_regions", 0)})
    found.sort(key=lambda i: (i["n_regions"], i["label"], i["name"]))
    return found[:limit]


def overview_view(g: nx.MultiDiGraph, top: int = 3, items: int = 60) -> View:
    """The overview of `g` (see `to_networkx`): its regions with reports, each joined to the `top`
    regions most like it; every region's info lists up to `items` of its items and its nearest regions."""
    regions = anchors(g)
    view = View(nx.MultiDiGraph(), min_regions=1, max_nodes=len(regions))
    view.totals = {"Region": sum(1 for _, d in g.nodes(data=True) if d["label"] == "Region")}
    view.shown = {"Region": len(regions)}
    others = sum(1 for _, d in g.nodes(data=True) if d["label"] not in ("Region", "Report"))
    view.filtered = {"Entity": others} if others else {}
    sims = similarities(g)
    nearest: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (a, b), s in sims.items():
        nearest[a].append((s["similarity"], b))
        nearest[b].append((s["similarity"], a))
    out = view.graph
    for r in regions:
        d = g.nodes[r]
        ranked = sorted(nearest[r], key=lambda t: (-t[0], g.nodes[t[1]]["name"], t[1]))
        out.add_node(r, **d, overview=True, n_items=sum(1 for *_, k in g.out_edges(r, keys=True) if k in _LISTED),
                     items=_items_of(g, r, len(regions), items),
                     similar=[{"name": g.nodes[b]["name"], "similarity": s} for s, b in ranked[:10]])
        for s, b in ranked[:top]:
            a_, b_ = (r, b) if r < b else (b, r)
            if not out.has_edge(a_, b_, key=SIMILAR):
                pair = sims[(a_, b_)]
                out.add_edge(a_, b_, key=SIMILAR, type=SIMILAR, similarity=s, shared=pair["shared"][:12],
                             n_shared=len(pair["shared"]))
    return view
