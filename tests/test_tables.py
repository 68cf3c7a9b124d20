"""Exports for other tools: GraphML and GEXF read back with networkx, CSV tables with pandas."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.tables import export_tables


def _totals(store) -> tuple[int, int]:
    counts = store.counts()
    return (sum(counts[label] for label in store.model.nodes),
            sum(counts[rtype] for rtype in store.model.relationships))


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_read_back_with_the_same_counts(example_store, tmp_path: Path, fmt: str, read) -> None:
    [path] = export_tables(example_store, tmp_path / f"graph.{fmt}", fmt)
    g = read(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == _totals(example_store)
    region = next(d for _, d in g.nodes(data=True) if d.get("label") == "Region" and d.get("code"))
    assert region["name"]
    adopts = [d for *_, d in g.edges(data=True) if d.get("relationship") == "ADOPTS"]
    assert adopts and all(json.loads(d["years"]) for d in adopts)  # lists kept as JSON arrays


def test_csv_tables_load_in_pandas_with_every_property(example_store, tmp_path: Path) -> None:
    nodes_csv, edges_csv = export_tables(example_store, tmp_path / "tables", "csv")
    nodes, edges = pd.read_csv(nodes_csv), pd.read_csv(edges_csv)
    assert (len(nodes), len(edges)) == _totals(example_store)
    counts = example_store.counts()
    assert nodes["label"].value_counts().to_dict() == {k: counts[k] for k in example_store.model.nodes if counts[k]}
    for label, node in example_store.model.nodes.items():
        assert {p.key for p in node.properties} <= set(nodes.columns), label
    assert {"source", "target", "relationship", "sentence", "start_offset", "years", "report"} <= set(edges.columns)
    assert nodes["id"].is_unique


def test_export_command_writes_tables(example_store, tmp_path: Path) -> None:
    db = example_store.location
    example_store.close()
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "t"), "--db", db],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t" / "nodes.csv").is_file() and (tmp_path / "t" / "edges.csv").is_file()
