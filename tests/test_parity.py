"""Parity: the same facts loaded into the embedded store and into Neo4j give the same graph, and
every canned query returns the same rows, in the same order, on both. Needs Neo4j (marker `neo4j`).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.graph.neo4j_store import Neo4jStore
from policykg.graph.queries import catalog, run_query
from tests.gold_facts import gold_to_facts
from tests.graph_snapshot import reextracted_with_fewer_entities, snapshot
from tests.sample_facts import sample_facts
from tests.scaled_facts import scaled_facts
from tests.zipf_facts import zipf_facts

pytestmark = pytest.mark.neo4j
INJECTION = "x' }) DETACH DELETE n //"


def _most_common(facts: dict[str, Any], etype: str) -> str:
    """The most mentioned name of an entity type."""
    counts = Counter(e["name"] for e in facts["entities"] if e["type"] == etype for _ in e["mentions"])
    return counts.most_common(1)[0][0] if counts else "-"


def param_sets(facts: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every canned query with its defaults, plus parameter values drawn from the corpus."""
    initiative, chain = _most_common(facts, "Initiative"), _most_common(facts, "IndustrialChain")
    region = facts["reports"][0]["region"]
    sets: list[tuple[str, dict[str, Any]]] = [
        ("shared-initiatives", {}), ("shared-initiatives", {"min_regions": 1, "limit": 1000}),
        ("shared-initiatives", {"min_regions": 3}), ("shared-chains", {}), ("shared-chains", {"min_regions": 1}),
        ("region-similarity", {}), ("region-similarity", {"min_shared": 3, "limit": 5}),
        ("region-similarity", {"limit": 1}), ("similar-regions", {"region": region}),
        ("similar-regions", {"region": region, "min_shared": 3, "limit": 2}),
        ("region-profile", {"region": region}), ("initiative", {"name": initiative}),
        ("chain-landscape", {"name": chain}), ("policy-diffusion", {"name": initiative}),
        ("evidence", {"name": initiative}), ("evidence", {"name": region, "type": "Region"}),
        ("search", {"q": initiative[:1]}), ("search", {"q": chain}),
        ("region-similarity", {"weighting": "plain"}), ("region-similarity", {"max_share": 1.0, "max_regions": 2}),
        ("similar-regions", {"region": region, "weighting": "plain"}),
        ("region-changes", {"region": region}), ("region-changes", {"region": region, "from_year": 2000}),
        ("trending", {}), ("trending", {"since": 2022, "limit": 5}),
        ("compare", {"a": region, "b": facts["reports"][-1]["region"]}),
    ]
    for q in catalog().values():  # injection attempts answer alike (with nothing)
        strings = {p.name: INJECTION for p in q.params if p.type == "str"}
        if strings:
            sets.append((q.name, strings))
    assert {name for name, _ in sets} == set(catalog()), "a canned query is missing from the parity sets"
    return sets


CORPORA = {
    "gold": gold_to_facts,
    "sample": sample_facts,
    "gold-reextracted": lambda: reextracted_with_fewer_entities(gold_to_facts(), 1)[0],
    "zipf": zipf_facts,
}


@pytest.fixture(params=[*CORPORA, "examples", "cities"])
def corpus(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Facts to load into both stores: gold-derived, hand-made, edited, 160 regions naming Zipf-drawn items,
    the extracted examples and the two cities over eight years (examples/cities)."""
    if request.param == "examples":
        return request.getfixturevalue("example_facts")
    if request.param == "cities":
        return request.getfixturevalue("city_facts")
    return CORPORA[request.param]()


def test_both_stores_hold_the_same_graph_and_answer_alike(
        corpus: dict[str, Any], neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "graph.lbdb") as embedded:
        for store in (embedded, neo4j_store):
            summary = store.load_facts(corpus)
            assert not summary["failed"], (store.kind, summary["failed"][:1])
        assert neo4j_store.counts() == embedded.counts()
        assert snapshot(neo4j_store) == snapshot(embedded)
        assert stored_pairs(neo4j_store) == stored_pairs(embedded)
        mismatches = []
        answered = 0
        for name, params in param_sets(corpus):
            on_embedded = run_query(embedded, name, params)
            on_neo4j = run_query(neo4j_store, name, params)
            answered += bool(on_embedded[1])
            if on_embedded != on_neo4j:
                mismatches.append((name, params, on_embedded[1][:3], on_neo4j[1][:3]))
        assert not mismatches, mismatches
        assert answered >= len(catalog())  # most parameter sets found something to compare


def stored_pairs(store: Any) -> list[list[Any]]:
    """The region pairs stored for region-similarity (graph/similarity.py), every value as stored."""
    return store.run("MATCH (a:Region)-[s:SIMILAR]->(b:Region) RETURN a.id, b.id, s.similarity, "
                     "s.weighted_shared, s.n_shared, s.shared_initiatives, s.shared_chains ORDER BY a.id, b.id")[1]


@pytest.mark.parametrize("rename", [True, False], ids=["renamed", "namesakes"])
def test_ties_rank_alike_whatever_the_load_order(rename: bool, neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    """Copies of a corpus tie on every score (and, unrenamed, repeat every region name under new ids);
    loaded in opposite orders, the stores' internal node ids disagree, yet the rankings must not."""
    facts = scaled_facts(sample_facts(), 4, rename=rename)
    reverse = {**facts, "reports": list(reversed(facts["reports"]))}
    with EmbeddedStore(tmp_path / "graph.lbdb") as embedded:
        embedded.load_facts(facts)
        neo4j_store.load_facts(reverse)
        region = facts["reports"][0]["region"]
        for name, params in [("region-similarity", {}), ("region-similarity", {"limit": 3}),
                             ("similar-regions", {"region": region, "limit": 3, "max_share": 1.0}),
                             ("shared-initiatives", {"limit": 2}), ("region-profile", {"region": region})]:
            on_embedded = run_query(embedded, name, params)
            assert on_embedded[1], (name, params)
            assert run_query(neo4j_store, name, params) == on_embedded, (name, params)


def test_loading_in_another_order_gives_the_same_graph(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    facts = sample_facts()
    reverse = {**facts, "reports": list(reversed(facts["reports"]))}
    with EmbeddedStore(tmp_path / "graph.lbdb") as embedded:
        embedded.load_facts(facts)
        neo4j_store.load_facts(reverse)
        assert snapshot(neo4j_store) == snapshot(embedded)
