"""Exports for other tools: the stored graph as GraphML, GEXF (Gephi) or CSV tables (pandas, R).

Every node of every label and every relationship of every type, with all the properties the
model gives them, read from either store with the same plain Cypher, page by page. A list
property (aliases, years) is written as a JSON array in one cell or attribute, since none of the
three formats has lists; an absent property is left out (an empty cell in CSV).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

TABLE_FORMATS = ("graphml", "gexf", "csv")
#: Rows read from the store per statement.
PAGE = 5000


def _cell(value: Any) -> Any:
    """A property value as one scalar: lists as JSON arrays, the rest as they are."""
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _paged(store: Any, cypher: str) -> Iterator[list[Any]]:
    """Rows of `cypher` (which must end in ORDER BY), PAGE at a time."""
    skip = 0
    while True:
        rows = store.run(f"{cypher} SKIP {skip} LIMIT {PAGE}")[1]
        yield from rows
        if len(rows) < PAGE:
            return
        skip += PAGE


def node_rows(store: Any) -> Iterator[dict[str, Any]]:
    """Every node: `id`, `label` and its properties (nulls left out)."""
    for label, node in store.model.nodes.items():
        keys = [p.key for p in node.properties]
        for row in _paged(store, f"MATCH (n:{label}) RETURN {', '.join('n.' + k for k in keys)} ORDER BY n.id"):
            out = {"id": row[keys.index("id")], "label": label}
            out.update({k: _cell(v) for k, v in zip(keys, row, strict=True) if k != "id" and v is not None})
            yield out


def edge_rows(store: Any) -> Iterator[dict[str, Any]]:
    """Every relationship: `source`, `target`, `relationship` (its type; GEXF reserves `type`) and its properties."""
    for rtype, rel in store.model.relationships.items():
        keys = [p.key for p in rel.properties]
        cols = "".join(f", r.{k}" for k in keys)
        order = "".join(f", r.{k}" for k in keys if not any(p.key == k and p.is_list for p in rel.properties))
        for src, dst in rel.pairs:
            cypher = (f"MATCH (a:{src})-[r:{rtype}]->(b:{dst}) RETURN a.id, b.id{cols} "
                      f"ORDER BY a.id, b.id{order}")
            for row in _paged(store, cypher):
                out = {"source": row[0], "target": row[1], "relationship": rtype}
                out.update({k: _cell(v) for k, v in zip(keys, row[2:], strict=True) if v is not None})
                yield out


def _graph(store: Any) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for row in node_rows(store):
        g.add_node(row.pop("id"), **row)
    for row in edge_rows(store):
        g.add_edge(row.pop("source"), row.pop("target"), **row)
    return g


def _write_csv(path: Path, rows: Iterator[dict[str, Any]], first: list[str]) -> None:
    """Rows to a CSV whose header is `first` and then every other key met, in order met."""
    rows = list(rows)
    keys = list(first)
    for row in rows:
        keys += [k for k in row if k not in keys]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=keys)
        writer.writeheader()
        writer.writerows(rows)


def export_tables(store: Any, out: str | Path, fmt: str = "graphml") -> list[Path]:
    """Write the graph as GraphML or GEXF (one file at `out`) or CSV (`out`/nodes.csv and edges.csv)."""
    out = Path(out)
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"{fmt!r} is not one of {', '.join(TABLE_FORMATS)}")
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        _write_csv(out / "nodes.csv", node_rows(store), ["id", "label"])
        _write_csv(out / "edges.csv", edge_rows(store), ["source", "target", "relationship"])
        return [out / "nodes.csv", out / "edges.csv"]
    out.parent.mkdir(parents=True, exist_ok=True)
    g = _graph(store)
    if fmt == "graphml":
        nx.write_graphml(g, out)
    else:
        nx.write_gexf(g, out)
    return [out]
