"""Reading a store into plain rows for the RDF export.

Only Cypher that LadybugDB and Neo4j both run: one query per node label and
one per (relationship type, from label, to label) pair of the model, so no
`labels()` / `label()` is needed and every row knows its labels. Rows are
sorted here, so what is built from them is the same whatever order a store
returns them in.
"""
from __future__ import annotations

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
