"""Node positions computed in Python, so a large page opens drawn instead of simulating physics.

The view is region-centred, and so is the layout: the regions with reports of
their own (the anchors) sit on a circle, ordered so that regions sharing much
are neighbours; every other node goes as near as it can to the mean position
of the anchors that mention it, on a grid so no two nodes overlap. What all
regions share ends in the middle, what two share between those two, what one
region alone has in a halo outside it. The most shared nodes are placed first
and so get the best spots.

It is O(nodes × local search) in pure Python (networkx's force layouts need
numpy, which policykg does not depend on) and deterministic: the same view
gives the same picture.
"""
from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

Point = tuple[float, float]


def _anchor_order(g: nx.MultiDiGraph, anchors: list[str]) -> list[str]:
    """Anchors in a ring order where each is followed by the one it shares most with."""
    if len(anchors) <= 2:
        return anchors
    index = set(anchors)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    size: dict[str, int] = defaultdict(int)
    for _, d in g.nodes(data=True):
        s = [r for r in d.get("region_ids", ()) if r in index]
        for r in s:
            size[r] += 1
        if 2 <= len(s) <= 12:  # wide sharing says little about who is close to whom
            for i, a in enumerate(s):
                for b in s[i + 1:]:
                    shared[(a, b)] += 1
                    shared[(b, a)] += 1
    names = {a: g.nodes[a].get("name") or a for a in anchors}
    todo = sorted(anchors, key=lambda a: (-size[a], names[a], a))
    order = [todo.pop(0)]
    while todo:
        last = order[-1]
        best = min(todo, key=lambda a: (-shared.get((last, a), 0), -size[a], names[a], a))
        todo.remove(best)
        order.append(best)
    return order


class _Grid:
    """Occupied cells of a square grid; finds the free cell nearest a point."""

    def __init__(self, width: float, height: float) -> None:
        self.w, self.h = width, height
        self.used: set[tuple[int, int]] = set()
        self.start: dict[tuple[int, int], int] = {}  # target cell → ring where the last search ended

    def occupy(self, p: Point, radius: int = 0) -> None:
        ci, cj = round(p[0] / self.w), round(p[1] / self.h)
        for i in range(ci - radius, ci + radius + 1):
            for j in range(cj - radius, cj + radius + 1):
                self.used.add((i, j))

    def place(self, p: Point) -> Point:
        tx, ty = p[0] / self.w, p[1] / self.h
        ci, cj = round(tx), round(ty)
        r = max(self.start.get((ci, cj), 0) - 1, 0)
        best = None
        while best is None or r <= best[2] + 1:
            for i, j in _ring(ci, cj, r):
                if (i, j) not in self.used:
                    dist = ((i - tx) * self.w) ** 2 + ((j - ty) * self.h) ** 2
                    if best is None or dist < best[0]:
                        best = (dist, (i, j), r)
            r += 1
        _, (i, j), found = best
        self.start[(ci, cj)] = found
        self.used.add((i, j))
        return (i * self.w, j * self.h)


def _ring(ci: int, cj: int, r: int) -> list[tuple[int, int]]:
    if r == 0:
        return [(ci, cj)]
    top = [(ci + k, cj - r) for k in range(-r, r + 1)]
    bottom = [(ci + k, cj + r) for k in range(-r, r + 1)]
    left = [(ci - r, cj + k) for k in range(-r + 1, r)]
    right = [(ci + r, cj + k) for k in range(-r + 1, r)]
    return top + right + bottom + left


def layout(g: nx.MultiDiGraph, spacing: float = 70.0) -> dict[str, Point]:
    """Positions (x, y) for every node of a view graph (see `graph.view.select_view`)."""
    anchors = _anchor_order(g, sorted(n for n, d in g.nodes(data=True) if d.get("anchor")))
    anchor_set = set(anchors)

    def anchors_of(n: str) -> list[str]:
        d = g.nodes[n]
        if d.get("label") == "Fold":
            return [d["region_id"]] if d.get("region_id") in anchor_set else []
        return [r for r in d.get("region_ids", ()) if r in anchor_set and r != n]

    others = [n for n in g if n not in anchor_set]
    groups = {n: anchors_of(n) for n in others}
    halo: dict[str, int] = defaultdict(int)
    inner = 0
    for s in groups.values():
        if len(s) == 1:
            halo[s[0]] += 1
        elif len(s) > 1:
            inner += 1
    fill = 0.55 / 1.6  # share of the area the grid search fills, per cell height squared
    h = {a: spacing * (math.sqrt(halo[a] / (math.pi * fill)) + 1.5) for a in anchors}
    radius = 0.0
    if len(anchors) > 1:
        radius = max(spacing * math.sqrt(inner / (math.pi * fill)) + 2 * spacing,
                     (sum(h.values()) + spacing * len(anchors)) / math.pi,
                     spacing * 3)
    pos: dict[str, Point] = {}
    grid = _Grid(spacing * 1.6, spacing)  # wider than high: labels sit under the nodes
    for k, a in enumerate(anchors):
        angle = 2 * math.pi * k / len(anchors) - math.pi / 2
        pos[a] = (radius * math.cos(angle), radius * math.sin(angle))
        grid.occupy(pos[a], radius=1)

    def outward(a: str, by: float) -> Point:
        x, y = pos[a]
        norm = math.hypot(x, y)
        if norm == 0:
            return (x, y + by) if by else (x, y)
        return (x * (norm + by) / norm, y * (norm + by) / norm)

    def rank(n: str) -> tuple:
        d = g.nodes[n]
        return (d.get("label") != "Fold", -len(groups[n]), -d.get("n_mentions", 0), d.get("name") or "", n)

    unanchored = []
    for n in sorted(others, key=rank):
        s = groups[n]
        if not s:
            unanchored.append(n)
            continue
        if g.nodes[n].get("label") == "Fold":
            target = outward(s[0], 2 * spacing)
        elif len(s) == 1:
            target = outward(s[0], h[s[0]] + spacing) if radius else pos[s[0]]
        else:
            target = (sum(pos[a][0] for a in s) / len(s), sum(pos[a][1] for a in s) / len(s))
        pos[n] = grid.place(target)
    for n in unanchored:  # near whatever placed node it touches, else the middle
        near = [pos[m] for m in (*g.successors(n), *g.predecessors(n)) if m in pos]
        target = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)) if near else (0.0, 0.0)
        pos[n] = grid.place(target)
    return pos
