"""Test data: a small hand-made facts document with every relation type and several years.

The gold annotation has entities only; this corpus adds what the canned queries about chains and
diffusion need: parks, projects and enterprises tied to chains, and one region reporting in two
years. Each mention's `text` is its report's `original[start:end]`.
"""
from __future__ import annotations

import hashlib
from typing import Any

from tests.gold_facts import entity_id

# report key → (region, year, text). Sentences end with 。 and each names what it mentions.
REPORTS: dict[str, tuple[str, int, str]] = {
    "a21": ("甲县", 2021,
            "甲县推行链长制。甲县建设锂电产业园,聚焦锂电产业。甲电池公司承建电池项目,项目落户锂电产业园。"),
    "a23": ("甲县", 2023, "甲县继续深化链长制。甲县实行一企一策。甲县培育新材料。"),
    "b22": ("乙县", 2022, "乙县学习链长制。乙县推行一企一策。乙县发展锂电,建设电池项目。"),
    "c23": ("丙市", 2023, "丙市推广链长制。丙市推进DRG支付方式改革。丙市发展新材料,材料项目开工。丙市地处丁省。"),
}

# (type, name, aliases, kind, mentioned in these reports)
ENTITIES: list[tuple[str, str, list[str], str | None, list[str]]] = [
    ("Region", "甲县", [], None, ["a21", "a23"]),
    ("Region", "乙县", [], None, ["b22"]),
    ("Region", "丙市", [], None, ["c23"]),
    ("Region", "丁省", [], None, ["c23"]),
    ("Initiative", "链长制", [], "mechanism", ["a21", "a23", "b22", "c23"]),
    ("Initiative", "一企一策", [], "mechanism", ["a23", "b22"]),
    ("Initiative", "DRG支付方式改革", [], "reform", ["c23"]),
    ("IndustrialChain", "锂电", ["锂电产业"], None, ["a21", "b22"]),
    ("IndustrialChain", "新材料", [], None, ["a23", "c23"]),
    ("Park", "锂电产业园", [], None, ["a21"]),
    ("Project", "电池项目", [], None, ["a21", "b22"]),
    ("Project", "材料项目", [], None, ["c23"]),
    ("Enterprise", "甲电池公司", [], None, ["a21"]),
]

# (type, source (type, name), target (type, name), report key)
RELATIONS: list[tuple[str, tuple[str, str], tuple[str, str], str]] = [
    ("FOCUSES_ON", ("Park", "锂电产业园"), ("IndustrialChain", "锂电"), "a21"),
    ("BELONGS_TO", ("Project", "电池项目"), ("IndustrialChain", "锂电"), "a21"),
    ("LOCATED_IN", ("Project", "电池项目"), ("Park", "锂电产业园"), "a21"),
    ("UNDERTAKES", ("Enterprise", "甲电池公司"), ("Project", "电池项目"), "a21"),
    ("BELONGS_TO", ("Project", "材料项目"), ("IndustrialChain", "新材料"), "c23"),
    ("PART_OF", ("Region", "丙市"), ("Region", "丁省"), "c23"),
]


def report_id(key: str) -> str:
    """The facts id of a sample report (from its text, as the extractor does)."""
    return "report:" + hashlib.sha1(REPORTS[key][2].encode()).hexdigest()[:16]


def _sentence(text: str, start: int) -> str:
    """The 。-terminated sentence of `text` around offset `start`."""
    left = text.rfind("。", 0, start) + 1
    right = text.find("。", start)
    return text[left : right + 1]


def sample_facts() -> dict[str, Any]:
    """The sample corpus as a `policykg/facts@1` document."""
    reports = []
    for key, (region, year, text) in REPORTS.items():
        reports.append({
            "id": report_id(key), "source": f"sample/{key}.txt", "title": f"{region}政府工作报告",
            "region": region, "region_id": entity_id("Region", region), "region_level": "county",
            "parent": None, "province": "丁省", "adcode": None, "year": year,
            "date": f"{year + 1}-01-15", "speaker": None, "chars": len(text),
        })
    entities = []
    for etype, name, aliases, kind, keys in ENTITIES:
        mentions = []
        for key in keys:
            text = REPORTS[key][2]
            start = text.find(name)
            assert start >= 0, (name, key)
            mentions.append({"report": report_id(key), "start": start, "end": start + len(name),
                             "text": name, "sentence": _sentence(text, start)})
        entities.append({"id": entity_id(etype, name), "type": etype, "name": name, "aliases": aliases,
                         "kind": kind, "level": "county" if etype == "Region" else None, "code": None,
                         "mentions": mentions})
    relations = []
    for rtype, (stype, sname), (ttype, tname), key in RELATIONS:
        text = REPORTS[key][2]
        relations.append({"type": rtype, "source": entity_id(stype, sname), "target": entity_id(ttype, tname),
                          "reports": [report_id(key)],
                          "evidence": [{"report": report_id(key), "sentence": _sentence(text, text.find(sname))}]})
    return {"schema": "policykg/facts@1", "generator": {"name": "policykg-tests-sample", "version": "0"},
            "reports": reports, "entities": entities, "relations": relations}
