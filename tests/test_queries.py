"""Canned queries on the embedded store, checked against answers computed from the gold in Python.

The gold annotation of the examples (`eval/gold/seeds`) is turned into facts (tests/gold_facts.py), so these
tests judge the queries apart from extraction; a small hand-made corpus (tests/sample_facts.py)
covers relations and several years.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.graph.queries import catalog, get_query, rows_as_dicts, run_query
from policykg.graph.store import StoreError
from tests import gold_facts as gold
from tests.sample_facts import sample_facts

ALL_QUERIES = ["shared-initiatives", "shared-chains", "region-similarity", "similar-regions", "region-profile",
               "initiative", "chain-landscape", "policy-diffusion", "evidence", "search", "region-changes",
               "trending", "compare"]
#: Parameters for the queries that need some, on the gold corpus.
GOLD_PARAMS: dict[str, dict[str, Any]] = {
    "region-profile": {"region": "牡丹区"}, "similar-regions": {"region": "牡丹区"}, "initiative": {"name": "一企一策"},
    "chain-landscape": {"name": "生物医药"}, "policy-diffusion": {"name": "一企一策"},
    "evidence": {"name": "一企一策"}, "search": {"q": "锂电"},
    "region-changes": {"region": "牡丹区", "from_year": 2020}, "compare": {"a": "牡丹区", "b": "巨野县"},
    "trending": {"since": 2023},
}
INJECTION = "x' }) DETACH DELETE n //"

@pytest.fixture(scope="module")
def gold_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store loaded with the gold-derived facts (shared by this module; read only)."""
    with EmbeddedStore(tmp_path_factory.mktemp("gold") / "graph.lbdb") as store:
        summary = store.load_facts(gold.gold_to_facts())
        assert not summary["failed"] and len(summary["loaded"]) == len(gold.gold_files())
        yield store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store loaded with the hand-made sample corpus."""
    with EmbeddedStore(tmp_path_factory.mktemp("sample") / "graph.lbdb") as store:
        assert not store.load_facts(sample_facts())["failed"]
        yield store


def query(store: EmbeddedStore, query_name: str, /, **params: Any) -> list[dict[str, Any]]:
    """A canned query's rows as dicts."""
    return rows_as_dicts(*run_query(store, query_name, params))


# ---- the catalogue ----------------------------------------------------------------------------

def test_every_required_query_exists_with_a_full_header() -> None:
    queries = catalog()
    assert set(ALL_QUERIES) <= set(queries)
    for name, q in queries.items():
        assert q.path.name == f"{name}.cypher"
        assert q.description and q.columns, name
        assert "$" not in q.description
        for p in q.params:  # every declared parameter is used, every used one declared
            assert f"${p.name}" in q.cypher, (name, p.name)


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_columns_are_those_the_header_declares(gold_store: EmbeddedStore, name: str) -> None:
    columns, rows = run_query(gold_store, name, GOLD_PARAMS.get(name))
    assert tuple(columns) == get_query(name).columns
    assert rows, f"{name} returned nothing on the gold corpus"


def test_column_contracts_other_tools_read() -> None:
    assert get_query("shared-initiatives").columns[:4] == ("name", "kind", "regions", "n_regions")
    assert get_query("shared-chains").columns[:3] == ("name", "regions", "n_regions")
    for name in ("shared-initiatives", "shared-chains"):
        assert {p.name: p.default for p in get_query(name).params}["min_regions"] == 2


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_results_are_fully_ordered(gold_store: EmbeddedStore, name: str) -> None:
    """Running a query twice gives the same rows in the same order (what parity relies on)."""
    first = run_query(gold_store, name, GOLD_PARAMS.get(name))
    assert run_query(gold_store, name, GOLD_PARAMS.get(name)) == first


# ---- shared initiatives and chains -------------------------------------------------------------

@pytest.mark.parametrize(("query_name", "etype"), [("shared-initiatives", "Initiative"),
                                                    ("shared-chains", "IndustrialChain")])
@pytest.mark.parametrize("min_regions", [2, 3])
def test_shared_match_the_gold(gold_store: EmbeddedStore, query_name: str, etype: str, min_regions: int) -> None:
    rows = query(gold_store, query_name, min_regions=min_regions, limit=1000)
    want = gold.shared_names(etype, min_regions)
    assert {r["name"]: set(r["regions"]) for r in rows} == want
    for r in rows:
        assert r["n_regions"] == len(r["regions"]) >= min_regions
        assert r["regions"] == sorted(r["regions"])


def test_shared_initiatives_names_yiqiyice_with_its_three_regions(gold_store: EmbeddedStore) -> None:
    rows = {r["name"]: r for r in query(gold_store, "shared-initiatives")}
    assert rows["一企一策"]["regions"] == sorted(["牡丹区", "台儿庄区", "巨野县"])
    assert rows["一企一策"]["kind"] == "mechanism"


def test_shared_initiatives_rank_by_residual_idf(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "shared-initiatives", limit=1000)
    n_total = len(gold.names_by_region("Initiative"))
    for r in rows:
        idf = math.log(n_total / r["n_regions"])
        assert r["idf"] == pytest.approx(round(idf, 4), abs=1e-4)
        assert r["score"] == pytest.approx(round(idf + math.log(1 - math.exp(-r["mentions"] / n_total)), 4), abs=1e-4)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert rows[0]["n_regions"] < n_total - 1  # the head is neither universal nor near-universal


def test_limit_cuts_the_ranking(gold_store: EmbeddedStore) -> None:
    full = query(gold_store, "shared-initiatives", limit=1000)
    assert query(gold_store, "shared-initiatives", limit=3) == full[:3]


# ---- region similarity ------------------------------------------------------------------------

def test_region_similarity_matches_jaccard_from_the_gold(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "region-similarity", weighting="plain", limit=1000)
    want = gold.jaccard_pairs()
    got = {(r["region_a"], r["region_b"]): r for r in rows}
    assert set(got) == {(a, b) for a, b, _, _ in want}
    for a, b, jaccard, shared in want:
        r = got[(a, b)]
        assert r["similarity"] == pytest.approx(round(jaccard, 4), abs=1e-4)
        assert r["n_shared"] == len(shared)
        assert set(r["shared_initiatives"]) | set(r["shared_chains"]) == shared
    assert [r["similarity"] for r in rows] == sorted((r["similarity"] for r in rows), reverse=True)


def test_mudan_and_juye_are_among_the_top_three_pairs(gold_store: EmbeddedStore) -> None:
    top = query(gold_store, "region-similarity", limit=3)
    pair = next(r for r in top if {r["region_a"], r["region_b"]} == {"牡丹区", "巨野县"})
    assert "突破菏泽、鲁西崛起" in pair["shared_initiatives"]


def test_similar_regions_ranks_one_region_against_the_rest(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "similar-regions", region="钢城区", weighting="plain")
    assert rows and all(r["region_a"] == "钢城区" for r in rows)
    want = {frozenset((a, b)): (j, s) for a, b, j, s in gold.jaccard_pairs() if "钢城区" in (a, b)}
    assert {frozenset((r["region_a"], r["region_b"])) for r in rows} == set(want)
    for r in rows:
        jaccard, shared = want[frozenset((r["region_a"], r["region_b"]))]
        assert r["similarity"] == pytest.approx(round(jaccard, 4), abs=1e-4)
        assert set(r["shared_initiatives"]) | set(r["shared_chains"]) == shared
    assert [r["similarity"] for r in rows] == sorted((r["similarity"] for r in rows), reverse=True)


def test_region_similarity_agrees_with_similar_regions(gold_store: EmbeddedStore) -> None:
    pairs = {frozenset((r["region_a"], r["region_b"])): r for r in query(gold_store, "region-similarity", limit=1000)}
    for region in ("钢城区", "牡丹区"):
        for r in query(gold_store, "similar-regions", region=region, limit=1000):
            twin = pairs[frozenset((r["region_a"], r["region_b"]))]
            assert (twin["similarity"], twin["n_shared"]) == (r["similarity"], r["n_shared"])


# ---- one region, one initiative, one chain -----------------------------------------------------

def test_region_profile_lists_what_the_region_names(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "region-profile", region="牡丹区")
    doc = next(g for g in gold.load_gold() if g["report"]["region"] == "牡丹区")
    want = {(etype, e["name"]) for etype, items in doc["entities"].items() for e in items} - {("Region", "牡丹区")}
    assert {(r["type"], r["name"]) for r in rows} == want
    shared = gold.shared_names("Initiative", 1)
    for r in rows:
        assert r["years"] == [2023]
        if r["type"] == "Initiative":
            assert r["n_regions"] == len(shared[r["name"]])
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)  # distinctive first


def test_region_profile_finds_a_region_by_alias(gold_store: EmbeddedStore) -> None:
    by_alias = query(gold_store, "region-profile", region="台儿庄")
    assert by_alias and by_alias == query(gold_store, "region-profile", region="台儿庄区")


def test_initiative_gives_regions_years_and_evidence(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "initiative", name="一企一策")
    assert [(r["region"], r["years"]) for r in rows] == [("台儿庄区", [2022]), ("巨野县", [2023]), ("牡丹区", [2023])]
    for r in rows:
        assert r["evidence"] and all("一企一策" in s for s in r["evidence"])


def test_chain_landscape(sample_store: EmbeddedStore) -> None:
    rows = query(sample_store, "chain-landscape", name="锂电产业")  # by alias
    assert rows == [{"chain": "锂电", "regions": ["乙县", "甲县"], "parks": ["锂电产业园"], "projects": ["电池项目"],
                     "enterprises": ["甲电池公司"], "n_regions": 2}]
    rows = query(sample_store, "chain-landscape", name="新材料")
    assert rows[0]["regions"] == ["丙市", "甲县"] and rows[0]["projects"] == ["材料项目"]
    assert rows[0]["parks"] == [] and rows[0]["enterprises"] == []


def test_chain_landscape_on_the_gold(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "chain-landscape", name="生物医药")
    assert set(rows[0]["regions"]) == gold.shared_names("IndustrialChain", 1)["生物医药"]


def test_policy_diffusion_orders_regions_by_first_year(sample_store: EmbeddedStore) -> None:
    rows = query(sample_store, "policy-diffusion", name="链长制")
    assert [(r["region"], r["first_year"], r["years"], r["n_reports"]) for r in rows] == [
        ("甲县", 2021, [2021, 2023], 2), ("乙县", 2022, [2022], 1), ("丙市", 2023, [2023], 1)]
    assert [r["n_regions_by_then"] for r in rows] == [1, 2, 3]
    assert all("链长制" in r["sentence"] for r in rows)


def test_policy_diffusion_on_the_gold(gold_store: EmbeddedStore) -> None:
    rows = query(gold_store, "policy-diffusion", name="一企一策")
    assert rows[0]["region"] == "台儿庄区" and rows[0]["first_year"] == 2022
    assert {r["region"] for r in rows[1:]} == {"巨野县", "牡丹区"}


def test_evidence_lists_every_mention(gold_store: EmbeddedStore, sample_store: EmbeddedStore) -> None:
    rows = query(gold_store, "evidence", name="一企一策")
    assert len(rows) == 3 and {r["region"] for r in rows} == {"牡丹区", "台儿庄区", "巨野县"}
    assert all(r["type"] == "Initiative" and "一企一策" in r["sentence"] for r in rows)
    assert query(gold_store, "evidence", name="一企一策", type="Project") == []
    assert len(query(gold_store, "evidence", name="一企一策", type="Initiative")) == 3
    assert len(query(sample_store, "evidence", name="链长制", limit=2)) == 2


def test_search_across_types_exact_first_case_insensitive(gold_store: EmbeddedStore,
                                                          sample_store: EmbeddedStore) -> None:
    rows = query(gold_store, "search", q="锂电")
    assert rows[0]["name"] == "锂电" and rows[0]["type"] == "IndustrialChain"
    assert len({r["type"] for r in rows}) >= 2
    assert all("锂电" in r["name"] or any("锂电" in a for a in r["aliases"] or []) for r in rows)
    assert [r["name"] for r in query(sample_store, "search", q="drg")] == ["DRG支付方式改革"]


# ---- parameters are data, never Cypher ----------------------------------------------------------

@pytest.mark.parametrize(("name", "param"), [("search", "q"), ("evidence", "name"), ("initiative", "name"),
                                             ("region-profile", "region"), ("chain-landscape", "name"),
                                             ("policy-diffusion", "name"), ("similar-regions", "region")])
def test_injection_is_a_plain_string(gold_store: EmbeddedStore, name: str, param: str) -> None:
    before = gold_store.counts()
    columns, rows = run_query(gold_store, name, {param: INJECTION})
    assert rows == [] and columns
    assert gold_store.counts() == before


def test_cypher_is_read_only_unless_asked(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "g.lbdb") as store:
        store.load_facts(sample_facts())
        before = store.counts()
        with pytest.raises(StoreError, match="--write"):
            store.run("MATCH (n:Initiative) DETACH DELETE n")
        assert store.counts() == before
        store.run("MATCH (n:Initiative {name: $n}) DETACH DELETE n", {"n": "一企一策"}, write=True)
        assert store.counts()["Initiative"] == before["Initiative"] - 1
