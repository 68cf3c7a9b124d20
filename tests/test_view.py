"""The networkx view of the store (`graph.view`) and the layout of a page (`graph.layout`)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.layout import layout
from policykg.graph.store import open_store
from policykg.graph.view import FOLD, MENTIONS, ViewError, select_view, to_networkx

Mention = tuple[str, str, str]  # (type, name, sentence)


def _eid(etype: str, name: str) -> str:
    return f"{etype.lower()}:" + hashlib.sha1(f"{etype}\x1f{name}".encode()).hexdigest()[:16]


def region_id(name: str) -> str:
    """Id of a test region (regions without a code are keyed like any entity)."""
    return _eid("Region", name)


def make_facts(reports: Sequence[tuple[str, int, Sequence[Mention]]],
               relations: Iterable[tuple[str, tuple[str, str], tuple[str, str], str, str]] = (),
               aliases: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """A facts document: one report per (region, year, mentions); each region is mentioned in its title.

    `relations` are (type, (src type, src name), (dst type, dst name), region of the report, sentence).
    """
    doc: dict[str, Any] = {"schema": "policykg/facts@1", "generator": {"name": "test", "version": "0"},
                           "reports": [], "entities": [], "relations": []}
    entities: dict[str, dict[str, Any]] = {}
    report_of: dict[str, str] = {}

    def entity(etype: str, name: str) -> dict[str, Any]:
        key = _eid(etype, name)
        if key not in entities:
            entities[key] = {"id": key, "type": etype, "name": name, "aliases": (aliases or {}).get(name, []),
                             "kind": "action" if etype == "Initiative" else None,
                             "level": "county" if etype == "Region" else None, "code": None, "mentions": []}
        return entities[key]

    for i, (region, year, mentions) in enumerate(reports):
        rid = "report:" + hashlib.sha1(f"{region}{year}{i}".encode()).hexdigest()[:16]
        report_of[region] = rid
        title = f"{region}政府工作报告"
        doc["reports"].append({"id": rid, "source": f"test/{i}.txt", "title": title, "region": region,
                               "region_id": region_id(region), "region_level": "county", "year": year,
                               "date": None, "chars": 1000})
        for etype, name, sentence in [("Region", region, f"{title}，{region}人民政府向大会报告工作。"), *mentions]:
            start = sentence.index(name)
            entity(etype, name)["mentions"].append({"report": rid, "start": start, "end": start + len(name),
                                                    "text": name, "sentence": sentence})
    for rtype, (st, sn), (dt, dn), region, sentence in relations:
        doc["relations"].append({"type": rtype, "source": entity(st, sn)["id"], "target": entity(dt, dn)["id"],
                                 "reports": [report_of[region]],
                                 "evidence": [{"report": report_of[region], "sentence": sentence}]})
    doc["entities"] = list(entities.values())
    return doc


def said(name: str, region: str = "") -> str:
    """A sentence naming `name`, long enough to count as evidence."""
    return f"今年{region}要深入实施{name}，推动经济社会高质量发展取得新成效。"


SMALL = make_facts(
    [("甲区", 2023, [("Initiative", "乡村振兴", said("乡村振兴", "甲区")),
                    ("Initiative", "乡村振兴", "乡村振兴。"),
                    ("IndustrialChain", "新能源汽车产业链", said("新能源汽车产业链")),
                    ("Initiative", "甲区独有行动", said("甲区独有行动")),
                    ("Enterprise", "共同集团", said("共同集团")),
                    ("Project", "甲区一号项目", said("甲区一号项目"))]),
     ("乙县", 2022, [("Initiative", "乡村振兴", said("乡村振兴", "乙县")),
                    ("IndustrialChain", "新能源汽车产业链", said("新能源汽车产业链", "乙县")),
                    ("Enterprise", "共同集团", said("共同集团", "乙县")),
                    ("Park", "乙县产业园", said("乙县产业园"))]),
     ("丙市", 2023, [("Initiative", "乡村振兴", said("乡村振兴", "丙市")),
                    ("Park", "丙市产业园", said("丙市产业园"))])],
    relations=[("UNDERTAKES", ("Enterprise", "共同集团"), ("Project", "甲区一号项目"), "甲区",
                "共同集团承建甲区一号项目。")],
    aliases={"乡村振兴": ["乡村振兴战略"]})


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(tmp_path_factory.mktemp("view") / "g.lbdb")
    store.load_facts(SMALL)
    yield store
    store.close()


@pytest.fixture(scope="module")
def small_graph(small_store):
    return to_networkx(small_store)


def test_nodes_keyed_by_id_with_regions_and_evidence(small_graph) -> None:
    g = small_graph
    node = g.nodes[_eid("Initiative", "乡村振兴")]
    assert node["label"] == "Initiative" and node["name"] == "乡村振兴"
    assert node["aliases"] == ["乡村振兴战略"] and node["kind"] == "action"
    assert node["regions"] == sorted(["甲区", "乙县", "丙市"]) and node["n_regions"] == 3
    assert node["n_mentions"] == 4
    ev = node["evidence"]
    assert len(ev) == 3 and len({e["region"] for e in ev}) == 3  # one region after another
    assert all(e["sentence"] != "乡村振兴。" for e in ev)  # the bare heading loses to real sentences
    assert all(e["text"] in e["sentence"] for e in ev)
    region = g.nodes[region_id("甲区")]
    assert region["anchor"] and region["label"] == "Region" and region["regions"] == ["甲区"]
    assert not g.nodes[_eid("Park", "乙县产业园")]["anchor"]


def test_edges_keyed_by_relationship(small_graph) -> None:
    g = small_graph
    a, ini = region_id("甲区"), _eid("Initiative", "乡村振兴")
    assert g.has_edge(a, ini, key="ADOPTS")
    adopts = g.edges[a, ini, "ADOPTS"]
    assert adopts["years"] == [2023] and "甲区" in adopts["evidence"][0]["sentence"]
    assert g.has_edge(region_id("乙县"), _eid("IndustrialChain", "新能源汽车产业链"), key="DEVELOPS")
    assert g.has_edge(region_id("乙县"), _eid("Park", "乙县产业园"), key="HOSTS")
    und = g.edges[_eid("Enterprise", "共同集团"), _eid("Project", "甲区一号项目"), "UNDERTAKES"]
    assert und["evidence"][0]["sentence"] == "共同集团承建甲区一号项目。"
    # no stored Region → Enterprise relationship: the view links them by what the reports mention
    assert g.has_edge(a, _eid("Enterprise", "共同集团"), key=MENTIONS)
    assert not any(k == MENTIONS for _, _, k in g.edges(ini, keys=True))


def test_reports_optional(small_store) -> None:
    g = to_networkx(small_store, reports=True)
    reports = [n for n, d in g.nodes(data=True) if d["label"] == "Report"]
    assert len(reports) == 3
    assert all(g.has_edge(r, region_id(g.nodes[r]["region"]), key="ABOUT") for r in reports)
    assert g.has_edge(_eid("Initiative", "乡村振兴"), reports[0], key="MENTIONED_IN")


def test_default_view_shows_regions_and_what_they_share(small_graph) -> None:
    view = select_view(small_graph)
    g = view.graph
    names = {d["name"] for _, d in g.nodes(data=True) if d["label"] != FOLD}
    assert names == {"甲区", "乙县", "丙市", "乡村振兴", "新能源汽车产业链", "共同集团"}
    folds = {d["region"]: d for _, d in g.nodes(data=True) if d["label"] == FOLD}
    assert set(folds) == {"甲区", "乙县", "丙市"}
    assert folds["甲区"]["count"] == 2 and folds["甲区"]["by_type"] == {"Initiative": 1, "Project": 1}
    assert folds["丙市"]["members"] == [{"name": "丙市产业园", "label": "Park"}]
    assert view.below == {"Initiative": 1, "Project": 1, "Park": 2}
    assert view.shown["Region"] == 3 and not view.cut
    assert g.has_edge(region_id("甲区"), f"fold:{region_id('甲区')}")


def test_min_regions_one_shows_everything(small_graph) -> None:
    view = select_view(small_graph, min_regions=1)
    assert view.graph.number_of_nodes() == small_graph.number_of_nodes()
    assert not any(d["label"] == FOLD for _, d in view.graph.nodes(data=True))


def test_focus_types_and_errors(small_graph) -> None:
    view = select_view(small_graph, regions=["丙市"], min_regions=1)
    names = {d["name"] for _, d in view.graph.nodes(data=True)}
    assert names == {"丙市", "乡村振兴", "丙市产业园"}
    assert view.focus == [{"id": region_id("丙市"), "name": "丙市", "label": "Region"}]
    two = select_view(small_graph, initiatives=["乡村振兴战略"], depth=2, min_regions=1)  # by alias, 2 hops
    assert {"甲区一号项目", "乙县产业园", "丙市产业园"} <= {d["name"] for _, d in two.graph.nodes(data=True)}
    chains = select_view(small_graph, types=["chain"])
    kinds = {d["label"] for _, d in chains.graph.nodes(data=True)}
    assert kinds == {"Region", "IndustrialChain"}  # regions with reports always stay
    with pytest.raises(ViewError, match="no Region named"):
        select_view(small_graph, regions=["不存在区"])
    with pytest.raises(ViewError, match="unknown type"):
        select_view(small_graph, types=["Planet"])


def test_max_nodes_keeps_the_most_shared(small_graph) -> None:
    view = select_view(small_graph, min_regions=1, max_nodes=7)
    g = view.graph
    assert g.number_of_nodes() <= 7
    kept = {d["name"] for _, d in g.nodes(data=True) if d["label"] != FOLD}
    assert {"甲区", "乙县", "丙市", "乡村振兴"} <= kept  # regions first, then the most shared
    assert sum(view.cut.values()) == small_graph.number_of_nodes() - len(kept)
    assert sum(d["n_cut"] for _, d in g.nodes(data=True) if d["label"] == FOLD) > 0


def test_layout_places_every_node_apart_and_is_stable(small_graph) -> None:
    view = select_view(small_graph, min_regions=1)
    pos = layout(view.graph)
    assert set(pos) == set(view.graph)
    assert len(set(pos.values())) == len(pos)  # one grid cell each
    assert layout(view.graph) == pos
    ring = [pos[region_id(r)] for r in ("甲区", "乙县", "丙市")]
    centre = pos[_eid("Initiative", "乡村振兴")]
    dist = [((x - centre[0]) ** 2 + (y - centre[1]) ** 2) ** 0.5 for x, y in ring]
    assert max(dist) - min(dist) < 0.5 * max(dist)  # shared by all three: in between them


def test_empty_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.lbdb") as store:
        g = to_networkx(store)
    assert g.number_of_nodes() == 0
    view = select_view(g)
    assert view.graph.number_of_nodes() == 0 and layout(view.graph) == {}


@pytest.mark.neo4j
def test_same_view_from_neo4j(small_graph, neo4j_uri, neo4j_auth, monkeypatch) -> None:
    """The Cypher of `to_networkx` runs on Neo4j too, and reads the same graph."""
    pytest.importorskip("policykg.graph.neo4j_store")
    if neo4j_auth:
        monkeypatch.setenv("NEO4J_USERNAME", neo4j_auth[0])
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_auth[1])
    with open_store(neo4j=neo4j_uri) as store:
        store.run("MATCH (n) DETACH DELETE n", write=True)
        store.load_facts(SMALL)
        g = to_networkx(store)
    assert set(g.nodes) == set(small_graph.nodes)
    assert set(g.edges(keys=True)) == set(small_graph.edges(keys=True))
    for n, d in small_graph.nodes(data=True):
        assert {k: g.nodes[n][k] for k in ("name", "regions", "n_mentions")} == \
            {k: d[k] for k in ("name", "regions", "n_mentions")}


# ---- region focus, the overview of many regions, an initiative's timeline ----------------------

MENTIONING = make_facts(
    [("浙江省", 2024, [("Initiative", "数字化改革", said("数字化改革"))]),
     ("四川省", 2024, [("Region", "浙江省", "四川省与浙江省深化东西部协作，推动产业转移取得新进展。"),
                      ("Initiative", "数字化改革", said("数字化改革"))])])


def test_region_focus_draws_no_region_that_merely_mentions_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.lbdb") as store:
        store.load_facts(MENTIONING)
        g = to_networkx(store)
    focused = select_view(g, regions=["浙江省"], min_regions=1)
    names = {d["name"] for _, d in focused.graph.nodes(data=True) if d["label"] == "Region"}
    assert names == {"浙江省"}
    asked = select_view(g, regions=["浙江省"], min_regions=1, all_regions=True)
    assert {d["name"] for _, d in asked.graph.nodes(data=True) if d["label"] == "Region"} == {"浙江省", "四川省"}
