"""Specificity-weighted comparison and time queries, checked against answers computed in Python
from what the store holds (its Region → item edges, its reports and mentions), on the extracted
examples, copies of them, and the two cities over eight years (examples/cities)."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.embedded import EmbeddedStore
from policykg.graph.queries import rows_as_dicts, run_query
from tests.scaled_facts import scaled_facts


def query(store: EmbeddedStore, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """A canned query's rows as dicts."""
    return rows_as_dicts(*run_query(store, name, params))


@pytest.fixture
def city_store(tmp_path: Path, city_facts: dict[str, Any]) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "cities.lbdb") as store:
        assert not store.load_facts(city_facts)["failed"]
        yield store


@pytest.fixture
def copies_store(tmp_path: Path, example_facts: dict[str, Any]) -> Iterator[EmbeddedStore]:
    """Four copies of the five examples under renamed regions: 20 regions, every copy a twin."""
    with EmbeddedStore(tmp_path / "copies.lbdb") as store:
        assert not store.load_facts(scaled_facts(example_facts, 4))["failed"]
        yield store


def items_by_region(store: EmbeddedStore) -> dict[str, set[str]]:
    """Region name → the initiatives and chains it adopts or develops (read as plain edges)."""
    out: dict[str, set[str]] = defaultdict(set)
    for g, x in store.run("MATCH (g:Region)-[:ADOPTS|DEVELOPS]->(x) RETURN g.name, x.id")[1]:
        out[g].add(x)
    return out


def weighted_jaccard(items: dict[str, set[str]], max_share: float, max_regions: int) -> dict[frozenset, float]:
    """The documented measure, computed directly: IDF-weighted Jaccard over the items kept."""
    n_total = len(items)
    df: dict[str, int] = defaultdict(int)
    for xs in items.values():
        for x in xs:
            df[x] += 1
    keep = {x for x, n in df.items() if n <= max_share * n_total and n <= max_regions}
    w = {x: math.log(n_total / df[x]) for x in keep}
    out = {}
    names = sorted(items)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = items[a] & items[b] & keep
            union = (items[a] | items[b]) & keep
            if shared and sum(w[x] for x in union) > 0:
                out[frozenset((a, b))] = sum(w[x] for x in shared) / sum(w[x] for x in union)
    return out


# ---- specificity-weighted similarity ----------------------------------------------------------

@pytest.mark.parametrize(("max_share", "max_regions"), [(0.5, 100), (1.0, 100), (0.5, 4)])
def test_region_similarity_is_the_documented_weighted_jaccard(copies_store: EmbeddedStore, max_share: float,
                                                              max_regions: int) -> None:
    want = weighted_jaccard(items_by_region(copies_store), max_share, max_regions)
    rows = query(copies_store, "region-similarity", max_share=max_share, max_regions=max_regions, limit=10000)
    got = {frozenset((r["region_a"], r["region_b"])): r["similarity"] for r in rows}
    assert set(got) == set(want)
    for pair, value in want.items():
        assert got[pair] == pytest.approx(round(value, 4), abs=1e-4), pair
    assert [r["similarity"] for r in rows] == sorted((r["similarity"] for r in rows), reverse=True)
    assert all(r["region_a"] < r["region_b"] for r in rows)


def test_copies_of_a_region_are_each_others_nearest(copies_store: EmbeddedStore) -> None:
    rows = query(copies_store, "similar-regions", region="牡丹区·002", limit=3)
    assert [r["region_b"].split("·")[0] for r in rows] == ["牡丹区"] * 3
    assert all(r["similarity"] == 1.0 for r in rows)


def test_shared_lists_leave_out_what_most_regions_name(copies_store: EmbeddedStore) -> None:
    items = items_by_region(copies_store)
    names = dict(copies_store.run("MATCH (x) WHERE x.id STARTS WITH 'initiative:' RETURN x.id, x.name")[1])
    common = {names[x] for x in names if sum(x in xs for xs in items.values()) > len(items) / 2}
    assert "乡村振兴" in common  # named by every example region
    rows = query(copies_store, "region-similarity", limit=200)
    assert rows and not any(common & set(r["shared_initiatives"]) for r in rows)
    plain = query(copies_store, "region-similarity", weighting="plain", limit=200)
    assert any("乡村振兴" in r["shared_initiatives"] for r in plain)  # the plain Jaccard keeps every item


def test_similar_regions_agrees_with_region_similarity(copies_store: EmbeddedStore) -> None:
    pairs = {frozenset((r["region_a"], r["region_b"])): r for r in query(copies_store, "region-similarity",
                                                                          limit=10000)}
    for r in query(copies_store, "similar-regions", region="钢城区·001", limit=1000):
        twin = pairs[frozenset((r["region_a"], r["region_b"]))]
        assert (twin["similarity"], twin["n_shared"]) == (r["similarity"], r["n_shared"])


def test_region_profile_shows_what_is_distinctive_first(copies_store: EmbeddedStore) -> None:
    rows = query(copies_store, "region-profile", region="牡丹区·000")
    assert rows[0]["n_regions"] < rows[-1]["n_regions"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    n_total = len(items_by_region(copies_store))
    for r in rows[:20]:
        assert r["score"] == pytest.approx(round(r["mentions"] * math.log(n_total / r["n_regions"]), 4), abs=1e-3)
    assert "牡丹区·000" not in {r["name"] for r in rows}


# ---- time ---------------------------------------------------------------------------------------

def mentions_by_year(store: EmbeddedStore) -> list[tuple[str, str, int, str]]:
    """(entity name, region, year, sentence) of every mention in a report about a region."""
    return store.run("MATCH (e)-[m:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region) "
                     "RETURN e.name, g.name, r.year, m.sentence")[1]


def test_policy_diffusion_gives_first_years_spread_and_sentence(city_store: EmbeddedStore) -> None:
    rows = query(city_store, "policy-diffusion", name="专精特新")
    first: dict[str, int] = {}
    for name, region, year, _ in mentions_by_year(city_store):
        if name == "专精特新":
            first[region] = min(year, first.get(region, year))
    assert {r["region"]: r["first_year"] for r in rows} == first == {"合肥市": 2017, "厦门市": 2018}
    assert [r["n_regions_by_then"] for r in rows] == [1, 2]
    for r in rows:
        assert "专精特新" in r["sentence"] and r["years"][0] == r["first_year"]


def test_region_changes_lists_new_and_dropped_items(city_store: EmbeddedStore) -> None:
    rows = query(city_store, "region-changes", region="合肥市", from_year=2021, to_year=2023)
    labels = {"initiative": "Initiative", "industrialchain": "IndustrialChain", "park": "Park", "project": "Project",
              "enterprise": "Enterprise", "region": "Region"}
    named: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for eid, name, region, year in city_store.run(
            "MATCH (e)-[:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region) RETURN e.id, e.name, g.name, r.year")[1]:
        if region == "合肥市" and name != "合肥市":
            named[year].add((labels[eid.split(":")[0]], name))
    earlier = named[2021] | named[2022]
    assert {(r["type"], r["name"]) for r in rows if r["change"] == "new"} == named[2023] - earlier
    assert {(r["type"], r["name"]) for r in rows if r["change"] == "dropped"} == earlier - named[2023]
    assert {(r["from_year"], r["to_year"]) for r in rows} == {(2021, 2023)}
    latest = query(city_store, "region-changes", region="合肥市")
    assert {(r["from_year"], r["to_year"]) for r in latest} == {(2023, 2024)}


def test_trending_counts_regions_that_began_naming_an_item(city_store: EmbeddedStore) -> None:
    rows = query(city_store, "trending", since=2022, limit=1000)
    first: dict[tuple[str, str], int] = {}
    for name, region, year, _ in city_store.run(
            "MATCH (x)-[:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region) WHERE x.id STARTS WITH 'initiative:' "
            "RETURN x.name, g.name, r.year, ''")[1]:
        first[(name, region)] = min(year, first.get((name, region), year))
    for r in rows:
        if r["type"] != "Initiative":
            continue
        years = [y for (n, _), y in first.items() if n == r["name"]]
        assert r["n_now"] == len(years) and r["n_before"] == sum(y < 2022 for y in years)
    assert [r["new_regions"] for r in rows] == sorted((r["new_regions"] for r in rows), reverse=True)


def test_compare_splits_what_two_regions_name(city_store: EmbeddedStore) -> None:
    rows = query(city_store, "compare", a="合肥市", b="厦门市", limit=100000)
    # one name may stand for entities of two types (军民融合 the initiative and the sector): compare by both
    named: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity_id, name, region in city_store.run(
            "MATCH (e)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(g:Region) RETURN e.id, e.name, g.name")[1]:
        named[region].add((entity_id.split(":")[0], name))
    own = {("region", "合肥市"), ("region", "厦门市")}
    a, b = named["合肥市"] - own, named["厦门市"] - own
    sides = defaultdict(set)
    for r in rows:
        sides[r["side"]].add((r["type"].lower(), r["name"]))
    assert sides["both"] == a & b
    assert sides["only 合肥市"] == a - b and sides["only 厦门市"] == b - a
