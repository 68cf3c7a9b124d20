"""A networkx view of the store, and the selection the HTML page draws.

`to_networkx` reads the store through plain Cypher that LadybugDB and Neo4j
both accept (one query per label and per relationship pair, only the
properties the model gives that label) and returns a `MultiDiGraph` keyed by
node id. Every entity node carries the regions whose reports mention it, so
"how many regions share this" is one attribute away.

`select_view` turns that graph into what a page should show: the focus
neighbourhood, the types asked for, entities shared by at least K regions,
at most N nodes (the most shared kept), and one "+N more" fold node per
region for what it hides, with counts the page reports.
"""
from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

#: View-only edge from a region to an entity its reports mention, drawn where
#: the store has no Region → entity relationship for that label (Enterprise, Region).
MENTIONS = "MENTIONS"
#: Relationships read as evidence or structure rather than drawn as edges.
_SKIPPED = {"MENTIONED_IN", "ABOUT"}
#: Node label of the synthetic fold nodes added by `select_view`.
FOLD = "Fold"
#: Sentences shorter than this are used as evidence only when nothing longer is there.
_SHORT = 20


class ViewError(ValueError):
    """A view cannot be made as asked (unknown type, focus name not in the graph)."""


def _rows(store: Any, cypher: str) -> list[list[Any]]:
    return store.run(cypher)[1]


def _node_keys(store: Any, label: str) -> list[str]:
    return [p.key for p in store.model.nodes[label].properties]


def to_networkx(store: Any, evidence: int = 3, reports: bool = False, mentions: bool = True) -> nx.MultiDiGraph:
    """The graph of `store` as a networkx MultiDiGraph, nodes keyed by id.

    Entity nodes carry `label` (the node label), their model properties
    (`name`, `aliases`, `kind`, `level`, `code`), and, from their mentions:
    `reports` (ids), `region_ids`/`regions` (the regions whose reports mention
    them, sorted by name), `n_regions`, `n_mentions`, and `evidence` (up to
    `evidence` sentences, one region after another). A region with reports of
    its own is an `anchor` and counts itself among its regions.

    Edges are keyed by relationship type; the per-report relationships
    (PART_OF, BELONGS_TO, …) are merged into one edge with `reports` and
    `evidence`; the derived ones (ADOPTS, …) keep `years` and get one evidence
    sentence from the region's reports. With `mentions`, a `MENTIONS` edge
    links a region to each entity its reports name that no stored
    relationship already links it to. With `reports`, Report nodes and ABOUT /
    MENTIONED_IN edges are added too.
    """
    model = store.model
    g = nx.MultiDiGraph()
    report_info: dict[str, dict[str, Any]] = {}
    keys = _node_keys(store, "Report")
    for row in _rows(store, f"MATCH (r:Report) OPTIONAL MATCH (r)-[:ABOUT]->(x:Region) "
                            f"RETURN {', '.join('r.' + k for k in keys)}, x.id"):
        info = dict(zip(keys, row[:-1], strict=True))
        info["region_id"] = row[-1]
        report_info[info["id"]] = info
    region_name: dict[str, str] = {}
    for label in model.entity_labels:
        keys = _node_keys(store, label)
        for row in _rows(store, f"MATCH (n:{label}) RETURN {', '.join('n.' + k for k in keys)}"):
            props = dict(zip(keys, row, strict=True))
            props["aliases"] = list(props.get("aliases") or [])
            node_id = props.pop("id")
            g.add_node(node_id, label=label, **props)
            if label == "Region":
                region_name[node_id] = props.get("name") or node_id
    anchors = {r["region_id"] for r in report_info.values() if r["region_id"] in region_name}

    # mentions: which reports (so which regions) name each entity, and the sentences
    found: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
    for label in model.entity_labels:
        for eid, rid, sentence, text, start in _rows(
                store, f"MATCH (e:{label})-[m:MENTIONED_IN]->(r:Report) "
                       "RETURN e.id, r.id, m.sentence, m.text, m.start_offset"):
            found[eid].append((rid, start if start is not None else 0, sentence or "", text or ""))

    def region_of(rid: str) -> str | None:
        return (report_info.get(rid) or {}).get("region_id")

    def evidence_item(rid: str, sentence: str, text: str) -> dict[str, Any]:
        info = report_info.get(rid, {})
        rg = region_of(rid)
        return {"report": rid, "title": info.get("title"), "year": info.get("year"),
                "region": region_name.get(rg) if rg else info.get("region"),
                "sentence": sentence, "text": text}

    first_sentence: dict[tuple[str, str], dict[str, Any]] = {}
    for node_id, data in g.nodes(data=True):
        ms = sorted(found.get(node_id, []), key=lambda m: (m[0], m[1]))
        rids = sorted({m[0] for m in ms})
        rgs = {region_of(r) for r in rids} - {None}
        if node_id in anchors:
            rgs.add(node_id)
        data["anchor"] = node_id in anchors
        data["reports"] = rids
        data["region_ids"] = sorted(rgs, key=lambda r: (region_name.get(r, r), r))
        data["regions"] = [region_name.get(r, r) for r in data["region_ids"]]
        data["n_regions"] = len(rgs)
        data["n_mentions"] = len(ms)
        data["evidence"] = _pick_evidence(ms, region_of, evidence, evidence_item)
        for rid, _, sentence, text in sorted(ms, key=lambda m: len(m[2]) < _SHORT):  # stable: offsets kept
            rg = region_of(rid)
            if rg and sentence and (rg, node_id) not in first_sentence:
                first_sentence[(rg, node_id)] = evidence_item(rid, sentence, text)

    for rtype, rel in model.relationships.items():
        if rtype in _SKIPPED:
            continue
        props = [p.key for p in rel.properties]
        cols = "".join(f", r.{k}" for k in props)
        for src, dst in rel.pairs:
            for row in _rows(store, f"MATCH (a:{src})-[r:{rtype}]->(b:{dst}) RETURN a.id, b.id{cols}"):
                _add_edge(g, rtype, row[0], row[1], dict(zip(props, row[2:], strict=True)),
                          evidence_item, first_sentence)
    if mentions:
        for node_id, data in list(g.nodes(data=True)):
            for rg in data["region_ids"]:
                if rg != node_id and rg in anchors and not g.has_edge(rg, node_id):
                    ev = first_sentence.get((rg, node_id))
                    g.add_edge(rg, node_id, key=MENTIONS, type=MENTIONS, evidence=[ev] if ev else [])
    if reports:
        _add_reports(g, report_info, found)
    return g


def _pick_evidence(ms: Sequence[tuple[str, int, str, str]], region_of: Any, limit: int,
                   item: Any) -> list[dict[str, Any]]:
    """Up to `limit` distinct sentences, taking one region at a time so several regions speak."""
    by_region: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for rid, _, sentence, text in ms:
        if sentence:
            by_region[region_of(rid) or ""].append((rid, sentence, text))
    # a sentence that says something beats a heading or a dateline ("——2024年1月17日在…")
    queues = [deque(sorted(v, key=lambda m: len(m[1]) < _SHORT)) for _, v in sorted(by_region.items())]
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    while queues and len(out) < limit:
        for q in list(queues):
            while q and q[0][1] in seen:
                q.popleft()
            if not q:
                queues.remove(q)
                continue
            rid, sentence, text = q.popleft()
            seen.add(sentence)
            out.append(item(rid, sentence, text))
            if len(out) >= limit:
                break
    return out


def _add_edge(g: nx.MultiDiGraph, rtype: str, a: str, b: str, props: dict[str, Any],
              item: Any, first_sentence: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Add or merge one stored relationship into the view's edge of that type."""
    if a not in g or b not in g:
        return
    if g.has_edge(a, b, key=rtype):
        data = g.edges[a, b, rtype]
    else:
        g.add_edge(a, b, key=rtype, type=rtype, reports=[], evidence=[])
        data = g.edges[a, b, rtype]
    if "years" in props:
        data["years"] = sorted(props["years"] or [])
        ev = first_sentence.get((a, b))
        data["evidence"] = [ev] if ev else []
    if props.get("report"):
        data["reports"].append(props["report"])
        if props.get("sentence"):
            data["evidence"].append(item(props["report"], props["sentence"], ""))


def _add_reports(g: nx.MultiDiGraph, report_info: dict[str, dict[str, Any]],
                 found: dict[str, list[tuple[str, int, str, str]]]) -> None:
    for rid, info in report_info.items():
        g.add_node(rid, label="Report", name=info.get("title") or info.get("source") or rid,
                   **{k: v for k, v in info.items() if k not in ("id", "region_id")})
        if info.get("region_id") in g:
            g.add_edge(rid, info["region_id"], key="ABOUT", type="ABOUT")
    for eid, ms in found.items():
        for rid, n in Counter(m[0] for m in ms).items():
            if eid in g and rid in g:
                g.add_edge(eid, rid, key="MENTIONED_IN", type="MENTIONED_IN", mentions=n)


# ---- the selection a page draws ------------------------------------------------------------

@dataclass
class View:
    """The nodes and edges to draw, and what was left out and why."""

    graph: nx.MultiDiGraph
    totals: dict[str, int] = field(default_factory=dict)      # label → nodes in the store
    shown: dict[str, int] = field(default_factory=dict)       # label → nodes drawn (folds excluded)
    below: dict[str, int] = field(default_factory=dict)       # label → hidden: fewer than K regions
    cut: dict[str, int] = field(default_factory=dict)         # label → left out beyond max_nodes
    filtered: dict[str, int] = field(default_factory=dict)    # label → outside the types / focus asked
    focus: list[dict[str, str]] = field(default_factory=list)  # [{id, name, label}]
    min_regions: int = 2
    depth: int = 1
    max_nodes: int = 3000
    types: list[str] | None = None

    @property
    def entity_count(self) -> int:
        """Nodes drawn, fold nodes excluded."""
        return sum(self.shown.values())


def _match_types(types: Iterable[str] | None, labels: Sequence[str]) -> list[str] | None:
    """Canonical labels for the names given (any case; `chain` for IndustrialChain)."""
    if types is None:
        return None
    lookup = {label.lower(): label for label in labels} | {"chain": "IndustrialChain", "chains": "IndustrialChain"}
    out = []
    for t in types:
        key = t.strip().lower()
        if not key:
            continue
        label = lookup.get(key) or lookup.get(key.rstrip("s"))
        if label is None:
            raise ViewError(f"unknown type {t!r}; choose from {', '.join(labels)}")
        out.append(label)
    return out or None


def find_nodes(g: nx.MultiDiGraph, label: str, names: Iterable[str]) -> list[str]:
    """Ids of the `label` nodes named (by id, name or alias; else a unique substring of a name)."""
    ids = []
    pool = [(n, d) for n, d in g.nodes(data=True) if d.get("label") == label]
    for name in names:
        exact = [n for n, d in pool if name in (n, d.get("name"), *d.get("aliases", []))]
        if not exact:
            exact = [n for n, d in pool if name and name in (d.get("name") or "")]
            if len(exact) > 1:
                some = ", ".join(sorted(g.nodes[n]["name"] for n in exact)[:8])
                raise ViewError(f"{name!r} matches several {label} nodes: {some}; give the full name")
        if not exact:
            raise ViewError(f"no {label} named {name!r} in the graph")
        ids.extend(exact)
    return list(dict.fromkeys(ids))


def _neighbourhood(g: nx.MultiDiGraph, start: list[str], depth: int) -> set[str]:
    seen = set(start)
    frontier = list(start)
    for _ in range(max(depth, 0)):
        nxt = []
        for n in frontier:
            for m in (*g.successors(n), *g.predecessors(n)):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return seen


def _rank(g: nx.MultiDiGraph, n: str) -> tuple:
    d = g.nodes[n]
    return (-d.get("n_regions", 0), -d.get("n_mentions", 0), d.get("name") or "", n)


def select_view(g: nx.MultiDiGraph, regions: Sequence[str] = (), initiatives: Sequence[str] = (),
                chains: Sequence[str] = (), types: Sequence[str] | None = None, min_regions: int = 2,
                depth: int = 1, max_nodes: int = 3000, fold_names: int = 50, all_regions: bool = False) -> View:
    """What the page draws from the full view graph `g` (see `to_networkx`).

    - focus (`regions`, `initiatives`, `chains`): the nodes named and those
      within `depth` hops; without a focus, the whole graph.
    - `types`: entity labels to show; regions with reports of their own (the
      anchors) and focus nodes are always shown.
    - `min_regions`: entities mentioned by fewer regions are folded into one
      "+N more" node per region (1 shows everything).
    - `max_nodes`: the most shared entities are kept, the rest counted as cut
      (and folded too).
    - with a region focus, other regions (those that merely mention it, or
      that its reports name) are drawn only with `all_regions` or when
      `types` asks for Region.
    """
    labels = sorted({d["label"] for _, d in g.nodes(data=True)} - {"Report"})
    allowed = _match_types(types, labels or ["Region"])
    focus = (find_nodes(g, "Region", regions) + find_nodes(g, "Initiative", initiatives)
             + find_nodes(g, "IndustrialChain", chains))
    view = View(nx.MultiDiGraph(), min_regions=min_regions, depth=depth, max_nodes=max_nodes, types=allowed)
    view.focus = [{"id": n, "name": g.nodes[n].get("name") or n, "label": g.nodes[n]["label"]} for n in focus]
    nodes = [n for n, d in g.nodes(data=True) if d["label"] != "Report"]
    view.totals = dict(Counter(g.nodes[n]["label"] for n in nodes))
    candidates = _neighbourhood(g, focus, depth) if focus else set(nodes)
    pinned = set(focus)
    if regions and not all_regions and not (allowed and "Region" in allowed):
        candidates = {n for n in candidates if g.nodes[n]["label"] != "Region" or n in pinned}

    keep_anchor, keep_entity, below = [], [], []
    for n in nodes:
        d = g.nodes[n]
        if n not in candidates or (allowed and d["label"] not in allowed and not d.get("anchor")
                                   and n not in pinned):
            view.filtered[d["label"]] = view.filtered.get(d["label"], 0) + 1
        elif d.get("anchor") or n in pinned:
            keep_anchor.append(n)
        elif d.get("n_regions", 0) < min_regions:
            below.append(n)
        else:
            keep_entity.append(n)
    keep_anchor.sort(key=lambda n: (n not in pinned, *_rank(g, n)))
    keep_entity.sort(key=lambda n: _rank(g, n))
    budget = max(max_nodes, 1)
    anchors = keep_anchor[:budget]
    cut = keep_anchor[budget:]
    fold_slots = sum(1 for n in anchors if g.nodes[n].get("anchor"))
    room = max(budget - len(anchors) - fold_slots, 0)
    entities, cut = keep_entity[:room], cut + keep_entity[room:]
    shown = set(anchors) | set(entities)
    view.below = dict(Counter(g.nodes[n]["label"] for n in below))
    view.cut = dict(Counter(g.nodes[n]["label"] for n in cut))
    view.shown = dict(Counter(g.nodes[n]["label"] for n in shown))

    out = view.graph
    for n in (*anchors, *entities):
        out.add_node(n, **g.nodes[n])
    for a, b, k, d in g.edges(keys=True, data=True):
        if a in shown and b in shown:
            out.add_edge(a, b, key=k, **d)
    _add_folds(g, out, hidden=[*below, *cut], cut=set(cut), anchors=anchors, fold_names=fold_names)
    return view


def _add_folds(g: nx.MultiDiGraph, out: nx.MultiDiGraph, hidden: list[str], cut: set[str],
               anchors: list[str], fold_names: int) -> None:
    """One "+N more" node per shown region for the entities its reports name that are hidden."""
    shown_anchors = {n for n in anchors if g.nodes[n].get("anchor")}
    per_region: dict[str, list[str]] = defaultdict(list)
    for n in hidden:
        for rg in g.nodes[n].get("region_ids", []):
            if rg in shown_anchors and rg != n:
                per_region[rg].append(n)
    for rg, members in sorted(per_region.items()):
        members.sort(key=lambda n: _rank(g, n))
        fold_id = f"fold:{rg}"
        region = g.nodes[rg].get("name") or rg
        out.add_node(fold_id, label=FOLD, name=f"+{len(members)}", region=region, region_id=rg,
                     count=len(members), by_type=dict(Counter(g.nodes[n]["label"] for n in members)),
                     n_cut=sum(1 for n in members if n in cut),
                     members=[{"name": g.nodes[n].get("name") or n, "label": g.nodes[n]["label"]}
                              for n in members[:fold_names]],
                     n_regions=0, regions=[region], region_ids=[rg])
        out.add_edge(rg, fold_id, key=FOLD, type=FOLD)
