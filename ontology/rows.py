"""Reading a store into plain rows for the RDF export: whole (`read_rows`) or in pages.

Only Cypher that LadybugDB and Neo4j both run: one query per node label and
one per (relationship type, from label, to label) pair of the model, so no
`labels()` / `label()` is needed and every row knows its labels. Rows are
sorted here, so what is built from them is the same whatever order a store
returns them in.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .model import GraphModel


@dataclass
class EdgeRows:
    """The relationships of one type between two labels: (from id, to id, *property values)."""

    type: str
    source_label: str
    target_label: str
    keys: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class GraphRows:
    """A whole graph as rows: nodes per label (key → value dicts) and edges per type and label pair."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edges: list[EdgeRows] = field(default_factory=list)


def _sort_key(value: Any) -> tuple:
    """A total order over row values that may be None, ints, strings or lists."""
    if value is None:
        return (0,)
    if isinstance(value, bool | int | float):
        return (1, value)
    if isinstance(value, list | tuple):
        return (2, tuple(_sort_key(v) for v in value))
    return (3, str(value))


def _row_key(row: tuple[Any, ...]) -> tuple:
    return tuple(_sort_key(v) for v in row)


def read_rows(store: Any, model: GraphModel | None = None) -> GraphRows:
    """Read every node and relationship of `store` (anything with `.run` and `.model`)."""
    model = model or store.model
    out = GraphRows()
    for label, node in model.nodes.items():
        keys = [p.key for p in node.properties]
        _, rows = store.run(f"MATCH (n:{label}) RETURN " + ", ".join(f"n.`{k}`" for k in keys))
        out.nodes[label] = [dict(zip(keys, row, strict=True)) for row in sorted(rows, key=_row_key)]
    for rtype, rel in model.relationships.items():
        keys = tuple(p.key for p in rel.properties)
        for a, b in rel.pairs:
            ret = ", ".join(["a.id", "b.id", *(f"r.`{k}`" for k in keys)])
            _, rows = store.run(f"MATCH (a:{a})-[r:{rtype}]->(b:{b}) RETURN {ret}")
            out.edges.append(EdgeRows(rtype, a, b, keys, sorted((tuple(r) for r in rows), key=_row_key)))
    return out


#: Ids per page when the export reads the store in pages: nodes, and the anchor nodes of relationships.
NODE_PAGE = 5000
#: Reports per page for relationships read by their Report end (a report has hundreds of mentions).
REPORT_PAGE = 50


def node_ids(store: Any, label: str) -> list[str]:
    """Every id of a label, sorted."""
    _, rows = store.run(f"MATCH (n:{label}) RETURN n.id")
    return sorted(row[0] for row in rows)


def pages(ids: list[str], size: int) -> Iterator[list[str]]:
    """Consecutive slices of `ids` of `size` each."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def read_nodes(store: Any, label: str, keys: list[str], ids: list[str]) -> list[dict[str, Any]]:
    """The nodes of a label with these ids, as key → value dicts, sorted."""
    _, rows = store.run(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN " + ", ".join(f"n.`{k}`" for k in keys),
                        {"ids": ids})
    return [dict(zip(keys, row, strict=True)) for row in sorted(rows, key=_row_key)]


def edge_anchor(source_label: str, target_label: str) -> tuple[str, str]:
    """Which end pages a relationship type: ("a" or "b", its label); a Report end when there is one."""
    if target_label == "Report":
        return "b", target_label
    if source_label == "Report":
        return "a", source_label
    return "a", source_label


def read_edges(store: Any, rtype: str, source_label: str, target_label: str, keys: tuple[str, ...],
               anchor: str, ids: list[str]) -> EdgeRows:
    """The relationships of a type between two labels whose `anchor` end ("a" or "b") has one of these ids."""
    ret = ", ".join(["a.id", "b.id", *(f"r.`{k}`" for k in keys)])
    _, rows = store.run(f"MATCH (a:{source_label})-[r:{rtype}]->(b:{target_label}) WHERE {anchor}.id IN $ids "
                        f"RETURN {ret}", {"ids": ids})
    return EdgeRows(rtype, source_label, target_label, keys, sorted((tuple(r) for r in rows), key=_row_key))


def derived_sources(store: Any, label: str, regions: list[str]) -> dict[tuple[str, str], list[str]]:
    """(region id, entity id) → the reports ABOUT the region that mention the entity, for these regions."""
    _, rows = store.run(f"MATCH (g:Region)<-[:ABOUT]-(r:Report)<-[:MENTIONED_IN]-(e:{label}) "
                        "WHERE g.id IN $ids RETURN DISTINCT g.id, e.id, r.id", {"ids": regions})
    out: dict[tuple[str, str], list[str]] = {}
    for g, e, rid in rows:
        out.setdefault((g, e), []).append(rid)
    return {key: sorted(value) for key, value in out.items()}
