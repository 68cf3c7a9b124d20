"""The interactive graph page: one self-contained HTML file that opens with no network.

pyvis builds the vis-network nodes, edges and options; the page itself is our
template (`templates/page.html`, `page.css`, `page.js`), because pyvis's own
template pulls Bootstrap and its helpers from CDNs even in `in_line` mode.
vis-network's JavaScript and CSS are read from the installed pyvis package at
build time and inlined, so nothing third-party is kept in this repository.

Escaping, by sink (report text is untrusted):
- every string from a report travels in one JSON block
  (`<script type="application/json">`) in which `<`, `>`, `&`, U+2028 and
  U+2029 are written as `\\uXXXX`, so no text can close the block; the page
  reads it back with `JSON.parse`, exactly as written;
- node and edge labels are drawn on the canvas by vis-network: plain text,
  never parsed as HTML (`font.multi` stays off);
- tooltips, the details panel, the legend, the search results and the notes
  are DOM nodes built with `textContent` (a tooltip is passed to vis-network
  as an Element, which it appends as is);
- the Jinja template is autoescaped and receives no report text.
No string is HTML-escaped in Python, so none is escaped twice.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from policykg.outputs import write_atomic

from .layout import layout
from .overview import OVERVIEW_AT, SIMILAR, anchors, overview_view
from .view import FOLD, MENTIONS, View, find_nodes, select_view, to_networkx

if TYPE_CHECKING:
    from pyvis.network import Network

TEMPLATES = Path(__file__).with_name("templates")
#: Up to this many drawn nodes the browser settles the layout with physics (then stops it);
#: above it the positions computed in Python are final and physics stays off.
PHYSICS_LIMIT = 300
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

#: Colour, shape and Chinese name per node type (colour-blind-safe palette).
TYPES: dict[str, dict[str, str]] = {
    "Region": {"color": "#1f6fb2", "shape": "hexagon", "zh": "地区"},
    "Initiative": {"color": "#e69f00", "shape": "dot", "zh": "举措"},
    "IndustrialChain": {"color": "#009e73", "shape": "diamond", "zh": "产业链"},
    "Park": {"color": "#cc79a7", "shape": "square", "zh": "园区"},
    "Project": {"color": "#d55e00", "shape": "triangle", "zh": "项目"},
    "Enterprise": {"color": "#56b4e9", "shape": "star", "zh": "企业"},
    FOLD: {"color": "#b8bec6", "shape": "dot", "zh": "未展开"},
}
#: Colour and label per relationship drawn.
RELS: dict[str, dict[str, str]] = {
    "ADOPTS": {"color": "#e6b04d", "label": "adopts"},
    "DEVELOPS": {"color": "#3fb58f", "label": "develops"},
    "HOSTS": {"color": "#d99cbf", "label": "hosts"},
    "RUNS": {"color": "#e0864d", "label": "runs"},
    MENTIONS: {"color": "#a8b3bf", "label": "mentions"},
    SIMILAR: {"color": "#7d93ad", "label": "similar"},
    "PART_OF": {"color": "#1f6fb2", "label": "part of"},
    "BELONGS_TO": {"color": "#6b7785", "label": "belongs to"},
    "FOCUSES_ON": {"color": "#6b7785", "label": "focuses on"},
    "LOCATED_IN": {"color": "#6b7785", "label": "located in"},
    "UNDERTAKES": {"color": "#6b7785", "label": "undertakes"},
    FOLD: {"color": "#c4c9cf", "label": "not shown"},
}
_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_page(store: Any, out: str | Path, regions: Sequence[str] = (), initiatives: Sequence[str] = (),
               chains: Sequence[str] = (), types: Sequence[str] | None = None, min_regions: int = 2,
               depth: int = 1, max_nodes: int = 3000, overview: bool | None = None,
               all_regions: bool = False) -> Path:
    """Write the interactive page of `store` to `out` (UTF-8) and return its path.

    With `overview` (by default: no focus, no types, and at least OVERVIEW_AT regions with reports)
    the page is the overview of regions (`graph.overview`); otherwise see `graph.view.select_view`
    for what the options select. A focused initiative carries its diffusion timeline.
    Raises `graph.view.ViewError` for an unknown type or a focus name not in the graph.
    """
    g = to_networkx(store)
    if overview is None:
        overview = not (regions or initiatives or chains or types) and len(anchors(g)) >= OVERVIEW_AT
    if overview:
        return write_view(overview_view(g), out)
    view = select_view(g, regions=list(regions), initiatives=list(initiatives),
                       chains=list(chains), types=types, min_regions=min_regions, depth=depth,
                       max_nodes=max_nodes, all_regions=all_regions)
    for n in find_nodes(g, "Initiative", initiatives):
        view.graph.nodes[n]["timeline"] = timeline(g, n)
    return write_view(view, out)


def timeline(g: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """The diffusion of one initiative: each adopting region with the years its reports name it,
    earliest first (from the ADOPTS edges' years)."""
    rows = [{"region": g.nodes[r].get("name") or r, "years": sorted(d.get("years") or [])}
            for r, _, k, d in g.in_edges(node, keys=True, data=True) if k == "ADOPTS"]
    return sorted(rows, key=lambda t: (t["years"][:1] or [9999], t["region"]))


def write_view(view: View, out: str | Path) -> Path:
    """Write the page of an already selected view (whole or not at all: `policykg.outputs.write_atomic`)."""
    return write_atomic(out, render(view))


def render(view: View) -> str:
    """The page of `view` as one HTML string."""
    g = view.graph
    physics = g.number_of_nodes() <= PHYSICS_LIMIT
    net = _network(g, layout(g), physics)
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "info": {n: _info(d) for n, d in g.nodes(data=True)},
        "einfo": {e["id"]: _edge_info(d) for e, (_, _, d) in zip(net.edges, g.edges(data=True), strict=True)},
        "types": {k: {"color": v["color"], "shape": v["shape"], "zh": v["zh"]} for k, v in TYPES.items()},
        "rels": RELS,
        "options": net.options,
        "physics": physics,
        "note": _note(view),
    }
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    vis_js, vis_css = vis_assets()
    return env.get_template("page.html").render(
        vis_js=_inline(vis_js, "script"), vis_css=_inline(vis_css, "style"),
        page_js=_inline((TEMPLATES / "page.js").read_text(encoding="utf-8"), "script"),
        page_css=_inline((TEMPLATES / "page.css").read_text(encoding="utf-8"), "style"),
        data=json_for_script(data))


def json_for_script(value: Any) -> Markup:
    """JSON that can sit inside a <script> element: no `<`, `>` or `&` left to end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(re.sub("[<>&\u2028\u2029]", lambda m: _JSON_UNSAFE[m.group()], text))


def _inline(code: str, tag: str) -> Markup:
    """Code safe to inline in a <script> or <style> element.

    `</script` (or `</style`) would end the element and `<!--` could make the
    parser miss its end; both are rewritten with a backslash, which means the
    same inside the JavaScript strings and regular expressions they can occur in.
    """
    code = re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)
    return Markup(code.replace("<!--", "<\\!--") if tag == "script" else code)


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, read from the installed pyvis package (newest version shipped)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    dirs = sorted(lib.glob("vis-*"), key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name)))
    for d in reversed(dirs):
        js, css = d / "vis-network.min.js", d / "vis-network.css"
        if js.is_file() and css.is_file():
            return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
    raise RuntimeError(f"vis-network not found under {lib}: is pyvis installed completely?")


def _network(g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]], physics: bool) -> Network:
    """A pyvis network with the vis-network nodes, edges and options of the view."""
    from pyvis.edge import Edge  # imported here: every command line start imports this module
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    top = max([d.get("n_regions", 0) for _, d in g.nodes(data=True) if not d.get("anchor")] + [2])
    for n, d in g.nodes(data=True):
        style = TYPES.get(d["label"], TYPES["Region"])
        x, y = pos.get(n, (0.0, 0.0))
        extra: dict[str, Any] = {}
        if d["label"] == FOLD:
            size = 10 + 2 * math.log1p(d["count"])
            extra = {"shapeProperties": {"borderDashes": [3, 3]}, "font": {"color": "#5f6770", "size": 15}}
        elif d.get("overview"):  # the overview: big labels, readable at the first zoom
            size = 18 + 3 * math.sqrt(d.get("n_items", 0) or 1)
            extra = {"font": {"size": 34, "strokeWidth": 5}, "mass": 4}
        elif d.get("anchor"):
            size = 34
            extra = {"font": {"size": 24, "strokeWidth": 4}, "mass": 3}
        else:
            size = 8 + 22 * math.sqrt(max(d.get("n_regions", 0), 1) / top)
        label = f'{d["name"]} more' if d["label"] == FOLD else d.get("name") or n
        net.add_node(n, label=label, shape=style["shape"], group=d["label"], size=round(size, 1),
                     x=round(x, 1), y=round(y, 1), **extra)
    for i, (a, b, k) in enumerate(g.edges(keys=True)):
        rel = RELS.get(k, {"color": "#888888", "label": k.lower().replace("_", " ")})
        opts: dict[str, Any] = {"id": f"e{i}", "label": rel["label"], "rel": k,
                                "color": {"color": rel["color"], "highlight": "#333333", "hover": "#333333"}}
        if k == FOLD:  # not a relationship: no label
            opts |= {"label": "", "dashes": [4, 4], "arrows": {"to": {"enabled": False}}}
        elif k == SIMILAR:  # undirected, as wide as the pair is alike
            sim = g.edges[a, b, k].get("similarity", 0.0)
            opts |= {"label": "", "arrows": {"to": {"enabled": False}}, "width": round(1 + 10 * sim, 2),
                     "value": sim}
        elif k == MENTIONS:
            opts |= {"dashes": [2, 3]}
        net.edges.append(Edge(a, b, directed=True, **opts).options)  # pyvis's add_edge is O(nodes) per edge
    net.options = _options(physics, large=g.number_of_nodes() > PHYSICS_LIMIT)
    return net


def _options(physics: bool, large: bool) -> dict[str, Any]:
    groups = {}
    for label, s in TYPES.items():
        c = s["color"]
        groups[label] = {"shape": s["shape"], "color": {"background": c, "border": _darker(c),
                                                      "highlight": {"background": c, "border": "#222222"},
                                                      "hover": {"background": c, "border": "#222222"}}}
    opts: dict[str, Any] = {
        "groups": groups,
        "nodes": {"borderWidth": 1.5, "font": {"face": FONT, "size": 16, "color": "#1d2733",
                                                 "strokeWidth": 3, "strokeColor": "#ffffff", "multi": False},
                  "widthConstraint": {"maximum": 220}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}, "width": 1.1, "selectionWidth": 1.5,
                  "font": {"face": FONT, "size": 10, "color": "#5f6770", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "align": "middle", "multi": False},
                  "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    if physics:
        opts["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.008, "springLength": 110,
                                 "springConstant": 0.05, "damping": 0.6, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True},
            "minVelocity": 1.5, "maxVelocity": 40}
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (r, g, b))


_INFO_KEYS = ("label", "name", "aliases", "kind", "level", "regions", "n_regions", "n_mentions", "evidence",
              "anchor", "region", "count", "by_type", "n_cut", "members", "overview", "n_items", "items", "similar",
              "timeline")


def _info(d: dict[str, Any]) -> dict[str, Any]:
    """What the tooltip and the details panel show of a node (plain data; the page escapes nothing)."""
    out = {k: d[k] for k in _INFO_KEYS if d.get(k) not in (None, [], {})}
    if "evidence" in out:
        out["evidence"] = [{k: e.get(k) for k in ("region", "year", "title", "sentence", "text")}
                           for e in out["evidence"]]
    return out


def _edge_info(d: dict[str, Any]) -> dict[str, Any]:
    """What an edge's tooltip shows: years and one evidence sentence."""
    out: dict[str, Any] = {}
    for key in ("similarity", "shared", "n_shared"):
        if d.get(key) not in (None, []):
            out[key] = d[key]
    if d.get("years"):
        out["years"] = d["years"]
    if d.get("reports"):
        out["n_reports"] = len(d["reports"])
    if d.get("evidence"):
        out["evidence"] = [{k: e.get(k) for k in ("region", "year", "title", "sentence", "text")}
                           for e in d["evidence"][:1]]
    return out


def _note(view: View) -> dict[str, Any]:
    """Counts the page turns into sentences: what is drawn and what was left out, and why."""
    return {"totals": view.totals, "shown": view.shown, "below": view.below, "cut": view.cut,
            "filtered": view.filtered, "focus": view.focus, "min_regions": view.min_regions,
            "depth": view.depth, "max_nodes": view.max_nodes, "types": view.types,
            "folds": sum(1 for _, d in view.graph.nodes(data=True) if d["label"] == FOLD),
            "drawn": view.graph.number_of_nodes(), "edges": view.graph.number_of_edges(),
            "overview": any(d.get("overview") for _, d in view.graph.nodes(data=True))}
