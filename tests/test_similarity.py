"""The region pairs stored at load time (graph/similarity.py): `region-similarity` and `similar-regions`
read them for their default parameters, and must answer exactly as the queries themselves do, on
both stores, after every load, replacement and hand-made change; any other parameters run the query."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.queries import get_query, run_query, sorted_list
from policykg.graph.similarity import SIMILAR, measure
from tests.gold_facts import gold_to_facts
from tests.graph_snapshot import reextracted_with_fewer_entities
from tests.sample_facts import sample_facts
from tests.scaled_facts import scaled_facts
from tests.zipf_facts import zipf_facts

K = get_query("region-similarity").stored.max_limit
CORPORA = {"sample": sample_facts, "gold": gold_to_facts, "namesakes": lambda: scaled_facts(sample_facts(), 4, False),
           "zipf": zipf_facts}


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty store of each kind: a LadybugDB file, and the test Neo4j."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    with EmbeddedStore(tmp_path / "graph.lbdb") as embedded:
        yield embedded


def live(store: Any, name: str, params: dict[str, Any]) -> list[list[Any]]:
    """The query's own Cypher, run in full (list cells sorted, as `run_query` returns them)."""
    query = get_query(name)
    _, rows = store.run(query.cypher, query.bind(params))
    return [[sorted_list(v) if isinstance(v, list) else v for v in row] for row in rows]


def stored(store: Any, name: str, params: dict[str, Any]) -> list[list[Any]]:
    """The stored variant's rows, for parameters it answers."""
    query = get_query(name)
    values = query.stored_values(query.bind(params))
    assert values is not None, (name, params)
    return store.run(query.stored.cypher, values)[1]


def cases(facts: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Parameters the stored pairs answer: the defaults, the largest and smallest limit, and several regions."""
    regions = sorted({r["region"] for r in facts["reports"]})
    return [("region-similarity", {}), ("region-similarity", {"limit": K}), ("region-similarity", {"limit": 1}),
            *(("similar-regions", {"region": r}) for r in regions[:3] + regions[-2:]),
            ("similar-regions", {"region": regions[0], "limit": K})]


def assert_answers_as_the_query(store: Any, facts: dict[str, Any]) -> int:
    """Every case answers with the rows of the query run in full, through the stored pairs where it finds
    any (without any, there is nothing to store); the number of cases that found some."""
    found = 0
    for name, params in cases(facts):
        expected = live(store, name, params)
        assert bool(stored(store, name, params)) == bool(expected), (name, params)
        assert run_query(store, name, params)[1] == expected, (name, params)
        found += bool(expected)
    return found


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_the_stored_pairs_answer_as_the_queries_do(store: Any, corpus: str) -> None:
    facts = CORPORA[corpus]()
    assert not store.load_facts(facts)["failed"]
    found = assert_answers_as_the_query(store, facts)
    assert found or corpus == "sample"  # the sample's 3 regions share no item named by at most half of them


def test_regions_keep_only_their_first_pairs_and_still_answer(store: Any) -> None:
    facts = zipf_facts()
    store.load_facts(facts)
    query = get_query("similar-regions")
    most = max(len(store.run(query.cypher, query.bind({"region": r["region"], "limit": 10_000}))[1])
               for r in facts["reports"][:10])
    assert most > K  # more similar regions than are kept per region, so the top-K argument is exercised
    all_pairs = len(live(store, "region-similarity", {"limit": 100_000}))
    kept = store.run(f"MATCH (a:Region)-[s:{SIMILAR}]->(b:Region) WHERE a.id < b.id RETURN count(s)")[1][0][0]
    assert kept == store.run(f"MATCH ()-[s:{SIMILAR}]->() RETURN count(s)")[1][0][0] < all_pairs
    twins = run_query(store, "similar-regions", {"region": "地区000", "limit": 3})[1]
    assert [r[1] for r in twins] == ["地区157", "地区158", "地区159"] and {r[2] for r in twins} == {1.0}


def test_other_parameters_and_larger_limits_run_the_query(store: Any) -> None:
    """Stored pairs made wrong on purpose show which answers read them: the defaults up to K do, nothing else."""
    facts = zipf_facts()
    store.load_facts(facts)
    region = facts["reports"][0]["region"]
    store.run(f"MATCH ()-[s:{SIMILAR}]->() SET s.similarity = 0.0", write=True)
    for name, params in [("region-similarity", {}), ("similar-regions", {"region": region, "limit": K})]:
        assert {row[2] for row in run_query(store, name, params)[1]} == {0.0}, (name, params)
    for name, params in [("region-similarity", {"limit": K + 1}), ("region-similarity", {"min_shared": 2}),
                         ("region-similarity", {"max_regions": 40}), ("region-similarity", {"weighting": "plain"}),
                         ("similar-regions", {"region": region, "limit": K + 1}),
                         ("similar-regions", {"region": region, "max_share": 0.4})]:
        rows = run_query(store, name, params)[1]
        assert rows == live(store, name, params) and 0.0 not in {row[2] for row in rows}, (name, params)
    assert store.update_similarity() > 0
    assert_answers_as_the_query(store, facts)


def test_a_store_without_stored_pairs_runs_the_queries(store: Any) -> None:
    """As after an interrupted load (each group drops the pairs; the last recomputes them)."""
    facts = zipf_facts(n_regions=80)
    store.load_facts(facts)
    store.run(f"MATCH ()-[s:{SIMILAR}]->() DELETE s", write=True)
    for name, params in cases(facts):
        assert not stored(store, name, params)
        assert run_query(store, name, params)[1] == live(store, name, params), (name, params)


def test_replacing_a_report_leaves_no_stale_pair(store: Any) -> None:
    facts = zipf_facts(n_regions=80)
    store.load_facts(facts)
    before = run_query(store, "region-similarity", {"limit": K})
    changed, _ = reextracted_with_fewer_entities(facts, 0)  # same source, half its items dropped
    assert not store.load_facts({**changed, "reports": changed["reports"][:1]})["failed"]
    assert run_query(store, "region-similarity", {"limit": K}) != before
    assert_answers_as_the_query(store, changed)


def test_loading_one_report_recomputes_the_pairs(store: Any) -> None:
    """`load_reports` (and `load_batch`), outside `load_facts`, recompute the pairs too."""
    from policykg.graph.load import report_batches

    facts = zipf_facts(n_regions=80)
    batches = list(report_batches(facts, store.model))
    store.load_reports(batches[:-1])
    store.load_batch(batches[-1])
    assert_answers_as_the_query(store, facts)


def test_a_write_through_the_cli_recomputes_the_pairs(tmp_path: Path) -> None:
    db = tmp_path / "graph.lbdb"
    facts = zipf_facts(n_regions=80)
    with EmbeddedStore(db) as store:
        store.load_facts(facts)
        dropped = run_query(store, "region-similarity", {"limit": 1})[1][0][5][0]
    result = CliRunner().invoke(app, ["cypher", "MATCH (i:Initiative {name: $n}) DETACH DELETE i", "--param",
                                      f"n={dropped}", "--write", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(db, read_only=True) as store:
        assert dropped not in {x for row in run_query(store, "region-similarity", {"limit": K})[1] for x in row[5]}
        assert_answers_as_the_query(store, facts)


def test_the_stored_variants_declare_what_they_answer() -> None:
    params, top_k = measure()
    assert params == {"weighting": "idf", "max_share": 0.5, "max_regions": 50, "min_shared": 1}
    assert top_k == K >= get_query("region-similarity").bind({})["limit"]
    for name in ("region-similarity", "similar-regions"):
        query = get_query(name)
        assert query.stored.max_limit == K and query.stored.columns == query.columns
        assert {p.name: p.default for p in query.params if p.name in params} == params
        values = query.bind({"region": "x"} if name == "similar-regions" else {})
        assert query.stored_values(values) is not None
        assert query.stored_values({**values, "limit": K + 1}) is None
        assert query.stored_values({**values, "min_shared": 1.0}) is not None  # an equal value
        assert query.stored_values({**values, "max_share": 0.25}) is None
