"""The embedded LadybugDB store: schema from the ontology, round trip, replacement, atomicity."""
from __future__ import annotations

import copy
import os
import signal
from collections import Counter
from pathlib import Path

import pytest

from policykg.extract.factsfile import write_facts
from policykg.graph import embedded as embedded_module
from policykg.graph.base import held_interrupts
from policykg.graph.embedded import EmbeddedStore, schema_statements
from policykg.graph.load import DERIVED
from policykg.graph.store import StoreError, db_path, open_store
from policykg.ontology.model import load_model
from tests.graph_snapshot import reextracted_with_fewer_entities, snapshot


def test_schema_is_generated_from_the_ontology() -> None:
    model = load_model()
    ddl = "\n".join(schema_statements(model))
    for label in model.nodes:
        assert f"CREATE NODE TABLE IF NOT EXISTS {label}(" in ddl
    for rtype in model.relationships:
        assert f"CREATE REL TABLE IF NOT EXISTS {rtype}(" in ddl
    assert "aliases STRING[]" in ddl and "years INT64[]" in ddl


def test_round_trip_keeps_every_entity_and_mention(example_store, example_facts) -> None:
    counts = example_store.counts()
    by_type = Counter(e["type"] for e in example_facts["entities"])
    for label, n in by_type.items():
        assert counts[label] == n, label
    assert counts["Report"] == len(example_facts["reports"]) == 5
    assert counts["MENTIONED_IN"] == sum(len(e["mentions"]) for e in example_facts["entities"])
    assert counts["ABOUT"] == 5
    ent = next(e for e in example_facts["entities"] if e["type"] == "Initiative" and e["mentions"])
    _, rows = example_store.run(
        "MATCH (i:Initiative {id: $id})-[m:MENTIONED_IN]->(r:Report) "
        "RETURN i.name, m.start_offset, m.end_offset, m.text ORDER BY m.start_offset", {"id": ent["id"]})
    want = sorted((ent["name"], m["start"], m["end"], m["text"]) for m in ent["mentions"])
    assert [tuple(r) for r in rows] == want


def test_derived_edges_carry_report_years(example_store) -> None:
    _, rows = example_store.run(
        "MATCH (g:Region)<-[:ABOUT]-(r:Report), (g)-[a:ADOPTS]->(:Initiative) "
        "RETURN DISTINCT g.name, r.year, a.years")
    assert rows
    for _, year, years in rows:
        assert years == [year]


def test_loading_twice_changes_nothing(example_store, example_facts) -> None:
    before = example_store.counts()
    example_store.load_facts(example_facts)
    assert example_store.counts() == before


def test_a_changed_report_replaces_its_old_facts(example_store, example_facts) -> None:
    old = example_facts["reports"][0]
    new = dict(old, id="report:changed")  # re-extracted: new text digest, same source
    entities = []
    for e in example_facts["entities"]:
        mentions = [dict(m, report=new["id"]) for m in e["mentions"] if m["report"] == old["id"]]
        if mentions:
            entities.append(dict(e, mentions=mentions, reports=[new["id"]]))
    fewer = entities[:10]  # the new extraction finds ten of them
    example_store.load_facts({**example_facts, "reports": [new], "entities": fewer, "relations": []})

    _, rows = example_store.run("MATCH (r:Report {source: $s}) RETURN r.id", {"s": old["source"]})
    assert rows == [["report:changed"]]
    _, rows = example_store.run("MATCH (e)-[:MENTIONED_IN]->(:Report {id: $id}) RETURN DISTINCT e.id",
                                {"id": new["id"]})
    assert sorted(r[0] for r in rows) == sorted(e["id"] for e in fewer)
    for label in ("Initiative", "IndustrialChain", "Park", "Project", "Enterprise"):
        _, orphans = example_store.run(f"MATCH (e:{label}) WHERE NOT (e)-[:MENTIONED_IN]->() RETURN count(e)")
        assert orphans == [[0]], f"stale {label} left behind"


def test_a_failing_report_loads_not_at_all_and_the_rest_go_on(tmp_path: Path, example_facts) -> None:
    facts = copy.deepcopy(example_facts)
    bad = facts["reports"][1]
    bad["year"] = "not a year"  # an INT64 column: the report's transaction fails part-way
    with open_store(tmp_path / "g.lbdb") as store:
        summary = store.load_facts(facts)
        assert len(summary["failed"]) == 1 and bad["source"] in summary["failed"][0]
        assert len(summary["loaded"]) == 4
        _, rows = store.run("MATCH (r:Report) RETURN r.source ORDER BY r.source")
        assert bad["source"] not in [r[0] for r in rows]
        _, rows = store.run("MATCH (e)-[m:MENTIONED_IN]->(r:Report {id: $id}) RETURN count(m)", {"id": bad["id"]})
        assert rows == [[0]]


def test_reads_are_read_only_unless_asked(example_store) -> None:
    with pytest.raises(StoreError, match="writes"):
        example_store.run("CREATE (:Park {id: 'park:x', name: 'x'})")
    example_store.run("CREATE (:Park {id: 'park:x', name: 'x'})", write=True)
    assert example_store.run("MATCH (p:Park {id: 'park:x'}) RETURN p.name")[1] == [["x"]]


def test_the_database_file_persists(tmp_path: Path, example_facts) -> None:
    path = tmp_path / "sub" / "g.lbdb"
    with open_store(path) as store:
        store.load_facts(example_facts)
        counts = store.counts()
    with EmbeddedStore(path, read_only=True) as store:
        assert store.counts() == counts
        with pytest.raises(StoreError, match="read-only"):
            store.run("MATCH (n:Park) DETACH DELETE n", write=True)


def test_opening_a_missing_database_read_only_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database here"):
        open_store(tmp_path / "nothing.lbdb", read_only=True)


def test_db_path_order(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("POLICYKG_DB", raising=False)
    assert db_path() == Path(".policykg/graph.lbdb")
    monkeypatch.setenv("POLICYKG_DB", str(tmp_path / "env.lbdb"))
    assert db_path() == tmp_path / "env.lbdb"
    assert db_path(tmp_path / "given.lbdb") == tmp_path / "given.lbdb"


def _derived_from_scratch(store) -> dict[str, list[tuple]]:
    """Region → entity edges as a full recomputation from ABOUT and MENTIONED_IN would give them."""
    out = {}
    for label, rtype in DERIVED.items():
        _, rows = store.run(f"MATCH (g:Region)<-[:ABOUT]-(r:Report)<-[:MENTIONED_IN]-(e:{label}) "
                            "RETURN DISTINCT g.id, e.id, r.year")
        years: dict[tuple[str, str], set[int]] = {}
        for g, e, year in rows:
            years.setdefault((g, e), set()).update([year] if year is not None else [])
        out[rtype] = sorted((g, e, tuple(sorted(ys)) or None) for (g, e), ys in years.items())
    return out


def _derived_stored(store) -> dict[str, list[tuple]]:
    out = {}
    for label, rtype in DERIVED.items():
        _, rows = store.run(f"MATCH (g:Region)-[d:{rtype}]->(e:{label}) RETURN g.id, e.id, d.years")
        out[rtype] = sorted((g, e, tuple(ys) if ys else None) for g, e, ys in rows)
    return out


def test_groups_of_reports_load_as_one_report_at_a_time_does(tmp_path: Path, example_facts) -> None:
    """One transaction for all reports, or one per report, or a file read as a stream: the same graph."""
    graphs = []
    for name, group_size, facts in [("one", 1, example_facts), ("all", 250, example_facts),
                                    ("file", 2, write_facts(example_facts, tmp_path / "facts.json"))]:
        with open_store(tmp_path / f"{name}.lbdb") as store:
            summary = store.load_facts(facts, group_size=group_size)
            assert not summary["failed"] and len(summary["loaded"]) == 5
            assert _derived_stored(store) == _derived_from_scratch(store)
            graphs.append(snapshot(store))
    assert graphs[0] == graphs[1] == graphs[2]


def test_a_group_with_a_reextracted_report_leaves_no_stale_facts(tmp_path: Path, example_facts) -> None:
    """Reports replaced inside a group of new ones: as if the graph were built from the new facts alone."""
    facts = example_facts
    changed, gone = reextracted_with_fewer_entities(facts, 0)
    assert gone
    with open_store(tmp_path / "a.lbdb") as store:
        store.load_facts(facts)
        assert not store.load_facts(changed)["failed"]  # one group: the changed report and four reloads
        replaced = snapshot(store)
        assert _derived_stored(store) == _derived_from_scratch(store)
    with open_store(tmp_path / "b.lbdb") as store:
        store.load_facts(changed)
        assert snapshot(store) == replaced


def test_a_report_given_twice_in_one_document_is_loaded_once(tmp_path: Path, example_facts) -> None:
    """The same source twice (a re-extraction appended): the later copy wins, and the group splits there."""
    first = example_facts["reports"][0]
    again = {**example_facts, "reports": [*example_facts["reports"], dict(first)]}
    with open_store(tmp_path / "g.lbdb") as store:
        summary = store.load_facts(again)
        assert not summary["failed"]
        assert store.counts()["Report"] == 5
        assert _derived_stored(store) == _derived_from_scratch(store)


def test_bulk_copy_writes_the_same_graph_as_unwind(tmp_path: Path, example_facts, monkeypatch) -> None:
    """Relationships written with COPY FROM a DataFrame or with UNWIND … CREATE: the same graph, nulls,
    empty strings, quotes, commas and line breaks included."""
    weird = copy.deepcopy(example_facts)
    rep = weird["reports"][0]
    rep["sentences"] = [*rep["sentences"], '引号"与,逗号\n换行\\反斜杠']
    ent = next(e for e in weird["entities"] if e["type"] == "Initiative" and e["mentions"])
    ent["mentions"][0] = dict(ent["mentions"][0], report=rep["id"], sentence=len(rep["sentences"]) - 1)
    graphs = []
    for name, threshold in [("copy", 0), ("unwind", 10**9)]:
        monkeypatch.setattr(embedded_module, "COPY_MIN_ROWS", threshold)
        with open_store(tmp_path / f"{name}.lbdb") as store:
            assert not store.load_facts(weird)["failed"]
            assert not store.load_facts(weird)["failed"]  # and again: replaced, not doubled
            graphs.append(snapshot(store))
    assert graphs[0] == graphs[1]
    assert '引号"与,逗号\n换行\\反斜杠' in {value for row in graphs[0]["MENTIONED_IN"] for value in row}


@pytest.mark.parametrize("stop", [False, True], ids=["whole", "stopped"])
def test_a_load_ends_checkpointed_with_automatic_checkpoints_back_on(tmp_path: Path, example_facts,
                                                                      stop: bool) -> None:
    """load_facts turns LadybugDB's automatic checkpoint off and checkpoints once at the end: the
    write-ahead log is written into the database file also when the load stops half-way, and
    writes after the load checkpoint as usual again."""
    path = tmp_path / "g.lbdb"

    def progress(batch) -> None:
        if stop:
            raise RuntimeError("stopped")

    with open_store(path) as store:
        store.run("CREATE (:Park {id: 'park:x', name: 'x'})", write=True)  # something in the log first
        if stop:
            with pytest.raises(RuntimeError, match="stopped"):
                store.load_facts(example_facts, progress=progress, group_size=1)
        else:
            store.load_facts(example_facts)
        assert not path.with_name(path.name + ".wal").exists()
        assert store.run("CALL current_setting('auto_checkpoint') RETURN *")[1] == [["True"]]
        assert store.counts()["Report"] == (1 if stop else len(example_facts["reports"]))


def test_ctrl_c_held_by_an_outer_caller_is_seen_by_the_inner_one() -> None:
    """A store holds Ctrl-C from its own set-up on (LadybugDB would swallow one raised inside a query's
    signal check); the load inside shares the same hold, so the signal stops it between reports."""
    with held_interrupts() as outer:
        with held_interrupts() as inner:
            os.kill(os.getpid(), signal.SIGINT)
            assert inner is outer and inner == [signal.SIGINT]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
