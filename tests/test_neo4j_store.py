"""The Neo4j store against a real Neo4j: schema, idempotent and atomic loads, replacement, safety.

Needs Neo4j (marker `neo4j`): NEO4J_URI's server, which these tests EMPTY, or a throwaway one.
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import policykg.graph.neo4j_store as neo4j_store_module
from policykg.cli import app
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.neo4j_store import Neo4jStore, schema_statements
from policykg.graph.queries import catalog, run_query
from policykg.graph.store import StoreError, open_store
from policykg.ontology.model import load_model
from tests.gold_facts import gold_to_facts
from tests.graph_snapshot import reextracted_with_fewer_entities, snapshot
from tests.neo4j_server import Neo4jTarget
from tests.sample_facts import sample_facts
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.neo4j
INJECTION = "x' }) DETACH DELETE n //"


def _store(target: Neo4jTarget, uri: str | None = None, **kwargs: Any) -> Neo4jStore:
    """Another store on the test Neo4j (or on `uri`, e.g. a proxy), with the test credentials."""
    return Neo4jStore(uri or target.uri, target.user, target.password, target.database, **kwargs)


def _split(facts: dict[str, Any], index: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(facts without report `index`, facts of report `index` alone)."""
    rid = facts["reports"][index]["id"]
    rest = {**facts, "reports": [r for r in facts["reports"] if r["id"] != rid]}
    only = {**facts, "reports": [r for r in facts["reports"] if r["id"] == rid]}
    return rest, only


@pytest.fixture
def fail_mid_report(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[Any], None]], None]]:
    """Make the next report load call `action(tx)` just before its first mention statement.

    The load goes through the real driver and server; only the moment of the fault is chosen here.
    """
    real = neo4j_store_module.load_reports

    def arm(action: Callable[[Any], None]) -> None:
        state = {"fired": False}

        def load_reports(run: Callable[..., Any], group: Any, model: Any = None, create_edges: Any = None) -> None:
            def faulty(cypher: str, params: dict[str, Any]) -> Any:
                if not state["fired"] and ":MENTIONED_IN" in cypher and "CREATE" in cypher:
                    state["fired"] = True
                    action(run)
                return run(cypher, params)
            real(faulty, group, model, neo4j_store_module.column_edges(faulty))

        monkeypatch.setattr(neo4j_store_module, "load_reports", load_reports)

    yield arm


# ---- schema -----------------------------------------------------------------------------------

def test_schema_is_generated_from_the_model() -> None:
    model = load_model()
    stmts = schema_statements(model)
    assert all("IF NOT EXISTS" in s for s in stmts)
    for label in model.nodes:
        assert any(f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in s for s in stmts), label
    for rtype, rel in model.relationships.items():
        has_report = any(p.key == "report" for p in rel.properties)
        assert any(f"[e:{rtype}]" in s for s in stmts) == has_report, rtype


def test_schema_is_on_the_server_and_idempotent(neo4j_store: Neo4jStore) -> None:
    neo4j_store.ensure_schema()  # a second time changes nothing
    _, rows = neo4j_store.run("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type "
                              "RETURN name, labelsOrTypes, properties, type")
    unique = {r[1][0] for r in rows if r[2] == ["id"] and "UNIQUENESS" in r[3]}
    assert unique >= set(load_model().nodes)
    _, rows = neo4j_store.run("SHOW INDEXES YIELD name, state RETURN name, state")
    names = {r[0]: r[1] for r in rows}
    assert names.get("report_source") == "ONLINE" and names.get("initiative_name") == "ONLINE"


# ---- loading ----------------------------------------------------------------------------------

def test_round_trip_matches_the_facts(neo4j_store: Neo4jStore, example_facts: dict[str, Any]) -> None:
    summary = neo4j_store.load_facts(example_facts)
    assert not summary["failed"] and len(summary["loaded"]) == len(example_facts["reports"])
    counts = neo4j_store.counts()
    for label, n in Counter(e["type"] for e in example_facts["entities"]).items():
        assert counts[label] == n, label
    assert counts["Report"] == len(example_facts["reports"])
    assert counts["MENTIONED_IN"] == sum(len(e["mentions"]) for e in example_facts["entities"])


def test_loading_the_examples_twice_changes_nothing(neo4j_store: Neo4jStore, example_facts: dict[str, Any]) -> None:
    neo4j_store.load_facts(example_facts)
    counts, graph = neo4j_store.counts(), snapshot(neo4j_store)
    assert not neo4j_store.load_facts(example_facts)["failed"]
    assert neo4j_store.counts() == counts
    assert snapshot(neo4j_store) == graph


def test_a_failing_statement_mid_report_leaves_no_trace(neo4j_store: Neo4jStore, fail_mid_report) -> None:
    facts = gold_to_facts()
    rest, last = _split(facts, len(facts["reports"]) - 1)
    neo4j_store.load_facts(rest)
    before = snapshot(neo4j_store)
    fail_mid_report(lambda run: run("RETURN 1 / 0 AS boom", {}))
    summary = neo4j_store.load_facts(last)
    assert summary["loaded"] == [] and len(summary["failed"]) == 1 and "not loaded" in summary["failed"][0]
    assert snapshot(neo4j_store) == before
    _, rows = neo4j_store.run("MATCH (r:Report {id: $id}) RETURN count(r)", {"id": last["reports"][0]["id"]})
    assert rows == [[0]]


def test_a_failed_replacement_keeps_the_old_report(neo4j_store: Neo4jStore, fail_mid_report) -> None:
    facts = gold_to_facts()
    neo4j_store.load_facts(facts)
    before = snapshot(neo4j_store)
    changed, _ = reextracted_with_fewer_entities(facts, 0)
    fail_mid_report(lambda run: run("RETURN 1 / 0 AS boom", {}))
    assert neo4j_store.load_facts(_split(changed, 0)[1])["failed"]
    assert snapshot(neo4j_store) == before  # the old copy was deleted only inside the rolled-back transaction


def test_a_connection_killed_mid_report_leaves_no_half_loaded_report(
        neo4j_target: Neo4jTarget, neo4j_store: Neo4jStore, fail_mid_report) -> None:
    host, port = neo4j_target.uri.split("://", 1)[1].rsplit(":", 1)
    facts = gold_to_facts()
    rest, last = _split(facts, 2)
    neo4j_store.load_facts(rest)
    before = snapshot(neo4j_store)
    proxy = TcpProxy(host, int(port))
    try:
        with _store(neo4j_target, f"bolt://127.0.0.1:{proxy.port}", max_transaction_retry_time=1.0) as via_proxy:
            fail_mid_report(lambda run: proxy.close())  # the network goes away for good
            summary = via_proxy.load_facts(last)
    finally:
        proxy.close()
    assert summary["loaded"] == [] and len(summary["failed"]) == 1
    assert snapshot(neo4j_store) == before
    _, rows = neo4j_store.run("MATCH (r:Report {source: $s}) RETURN count(r)", {"s": last["reports"][0]["source"]})
    assert rows == [[0]]


def test_a_dropped_connection_is_retried_as_a_whole(
        neo4j_target: Neo4jTarget, neo4j_store: Neo4jStore, fail_mid_report) -> None:
    host, port = neo4j_target.uri.split("://", 1)[1].rsplit(":", 1)
    facts = gold_to_facts()
    neo4j_store.load_facts(facts)
    clean = snapshot(neo4j_store)
    neo4j_store.clear()
    rest, last = _split(facts, 2)
    neo4j_store.load_facts(rest)
    proxy = TcpProxy(host, int(port))
    try:
        with _store(neo4j_target, f"bolt://127.0.0.1:{proxy.port}") as via_proxy:
            fail_mid_report(lambda run: proxy.sever())  # one cut; the retry reconnects
            summary = via_proxy.load_facts(last)
    finally:
        proxy.close()
    assert summary["failed"] == [] and proxy.connections >= 2
    assert snapshot(neo4j_store) == clean


def test_a_report_reextracted_with_fewer_entities_leaves_no_stale_ones(neo4j_store: Neo4jStore) -> None:
    facts = gold_to_facts()
    neo4j_store.load_facts(facts)
    changed, gone = reextracted_with_fewer_entities(facts, 0)
    assert gone, "the edit should orphan some entities"
    assert not neo4j_store.load_facts(_split(changed, 0)[1])["failed"]
    replaced = snapshot(neo4j_store)
    ids = {row[0] for label in load_model().entity_labels for row in replaced[label]}
    assert not ids & gone
    neo4j_store.clear()
    neo4j_store.load_facts(changed)
    assert replaced == snapshot(neo4j_store)  # as if built from the new facts alone


# ---- reading ----------------------------------------------------------------------------------

def test_cypher_is_read_only_unless_write(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load_facts(sample_facts())
    before = neo4j_store.counts()
    with pytest.raises(StoreError, match="--write"):
        neo4j_store.run("MATCH (n:Initiative) DETACH DELETE n")
    assert neo4j_store.counts() == before
    neo4j_store.run("MATCH (n:Initiative {name: $n}) DETACH DELETE n", {"n": "一企一策"}, write=True)
    assert neo4j_store.counts()["Initiative"] == before["Initiative"] - 1


def test_a_read_only_store_refuses_writes_and_loads(neo4j_target: Neo4jTarget, neo4j_store: Neo4jStore) -> None:
    with _store(neo4j_target, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.run("CREATE (n:Initiative {id: 'x'})", write=True)
        with pytest.raises(StoreError):
            ro.load_facts(sample_facts())
    assert neo4j_store.counts()["Initiative"] == 0


def test_injected_cypher_in_a_parameter_is_a_plain_string(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load_facts(gold_to_facts())
    before = snapshot(neo4j_store)
    for query in catalog().values():
        # the strings that name something (a region, an initiative): no entity is called like the injection.
        # An option with a default (weighting) is no name and is left at its default.
        strings = {p.name: INJECTION for p in query.params if p.type == "str" and p.default is None}
        if strings:
            _, rows = run_query(neo4j_store, query.name, strings)
            assert rows == [], query.name
    _, rows = neo4j_store.run("MATCH (n:Initiative) WHERE n.name = $q RETURN n.id", {"q": INJECTION}, write=True)
    assert rows == []
    assert snapshot(neo4j_store) == before


# ---- connection and credentials ---------------------------------------------------------------

def test_environment_selects_and_configures_neo4j(neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.delenv("POLICYKG_DB", raising=False)
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_target.user or "neo4j")
    if neo4j_target.password:
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_target.password)
    else:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with open_store(read_only=True) as store:
        assert store.kind == "neo4j"
    with open_store(tmp_path / "g.lbdb") as store:  # an explicit embedded path wins
        assert isinstance(store, EmbeddedStore)


def test_the_password_is_never_shown(neo4j_target: Neo4jTarget, neo4j_store: Neo4jStore,
                                     caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    if not neo4j_target.password:
        pytest.skip("this Neo4j runs without a password")
    secret = neo4j_target.password
    with pytest.raises(StoreError) as bad:
        Neo4jStore(neo4j_target.uri, neo4j_target.user, secret + "-wrong")
    assert "authentication failed" in str(bad.value) and secret not in str(bad.value)
    caplog.set_level(logging.DEBUG, logger="neo4j")
    with _store(neo4j_target) as store:
        assert secret not in repr(store) and secret not in store.location
        store.load_facts(sample_facts())
    assert caplog.records and secret not in caplog.text
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_target.user or "neo4j")
    for password in (secret, secret + "-wrong"):
        monkeypatch.setenv("NEO4J_PASSWORD", password)
        result = CliRunner().invoke(app, ["stats", "--neo4j", neo4j_target.uri])
        assert secret not in result.output


def test_cli_query_and_cypher_on_neo4j(neo4j_target: Neo4jTarget, neo4j_store: Neo4jStore,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j_store.load_facts(gold_to_facts())
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_target.user or "neo4j")
    if neo4j_target.password:
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_target.password)
    runner = CliRunner()
    result = runner.invoke(app, ["query", "shared-initiatives", "--neo4j", neo4j_target.uri,
                                 "--param", "min_regions=3", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(set(r) >= {"name", "kind", "regions", "n_regions"} and r["n_regions"] >= 3 for r in rows)
    assert any(r["name"] == "一企一策" for r in rows)
    before = neo4j_store.counts()
    refused = runner.invoke(app, ["cypher", "MATCH (n) DETACH DELETE n", "--neo4j", neo4j_target.uri])
    assert refused.exit_code != 0 and neo4j_store.counts() == before
    done = runner.invoke(app, ["cypher", "MATCH (n:Initiative {name: $n}) DETACH DELETE n", "--param", "n=一企一策",
                               "--write", "--neo4j", neo4j_target.uri])
    assert done.exit_code == 0, done.output
    assert neo4j_store.counts()["Initiative"] == before["Initiative"] - 1
