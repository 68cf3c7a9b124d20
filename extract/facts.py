"""The facts document (policykg/facts@1): the interface between extract and the rest.

Ids are stable across runs: a report's from its normalised text, an entity's
from its type and canonical name, a region's from its administrative code.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from . import divisions
from .document import Document, EntityKey, Mention, region_identity

SCHEMA = "policykg/facts@1"


def generator_version() -> str:
    """The installed policykg version (0.0.0 when running from an uninstalled tree)."""
    try:
        return version("policykg")
    except PackageNotFoundError:
        return "0.0.0"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def report_id(doc: Document) -> str:
    """Stable id of a report: a digest of its normalised text."""
    return "report:" + _digest(doc.text)


def entity_id(type_: str, name: str, code: str | None = None) -> str:
    """Stable id of an entity: a region by its identity, anything else by type and name.

    A region's identity is its code (region:370405000000), or for a township,
    which has no code, the code of its county and its name
    (region:370405000000:马兰屯镇), so same-named towns of two counties differ.
    """
    if type_ == "Region" and code:
        return "region:" + code
    return f"{type_.lower()}:" + _digest(f"{type_}\x1f{name}")


def _key(m: Mention) -> EntityKey:
    return (m.type, m.name, region_identity(m.code, m.scope, m.name) if m.type == "Region" else None)


def _entity_record(key: EntityKey) -> dict[str, Any]:
    type_, name, identity = key
    level = None
    code = identity if identity and ":" not in identity else None
    if type_ == "Region" and code and divisions.get(code):
        level = divisions.get(code).level
    elif type_ == "Region" and identity:
        level = "township"
    return {"id": entity_id(type_, name, identity), "type": type_, "name": name, "aliases": [],
            "kind": None, "level": level, "code": code, "reports": [], "mentions": []}


def report_record(doc: Document) -> dict[str, Any]:
    """The `reports[]` entry of one document (`url` only when the report names where it was published)."""
    meta = doc.meta
    return {
        "id": report_id(doc), "source": doc.source, "title": meta.title, "region": meta.region,
        "region_id": entity_id("Region", meta.region, meta.adcode) if meta.region else None,
        "region_level": meta.region_level, "parent": meta.parent, "province": meta.province,
        "adcode": meta.adcode, "year": meta.year, "date": meta.date, "speaker": meta.speaker,
        "chars": len(doc.original),
    } | ({"url": meta.url} if meta.url else {})


class FactsBuilder:
    """Accumulates the facts document one annotated document at a time."""

    def __init__(self) -> None:
        self.reports: list[dict[str, Any]] = []
        self.entities: dict[EntityKey, dict[str, Any]] = {}
        self.aliases: dict[EntityKey, set[str]] = {}
        self.relations: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(self, doc: Document) -> None:
        """Take the report, mentions and relations of one document (its text must be at hand)."""
        rid = report_id(doc)
        self.reports.append(report_record(doc))
        for m in doc.mentions:
            key = _key(m)
            rec = self.entities.setdefault(key, _entity_record(key))
            rec["kind"] = rec["kind"] or m.kind
            rec["level"] = rec["level"] or m.level
            if rid not in rec["reports"]:
                rec["reports"].append(rid)
            names = self.aliases.setdefault(key, set())
            names.update(m.aliases)
            if m.end <= m.start:
                continue
            names.add(doc.text[m.start : m.end])
            start, end = doc.original_span(m.start, m.end)
            sentence = doc.sentence_at(m.start)
            rec["mentions"].append({"report": rid, "start": start, "end": end,
                                    "text": doc.original[start:end], "sentence": doc.sentence_text(sentence)})
        for r in doc.relations:
            for key in (r.source, r.target):
                self.entities.setdefault(key, _entity_record(key))
            src, dst = self.entities[r.source]["id"], self.entities[r.target]["id"]
            rec = self.relations.setdefault((r.type, src, dst), {"type": r.type, "source": src, "target": dst,
                                                                "reports": [], "evidence": []})
            if rid not in rec["reports"]:
                rec["reports"].append(rid)
                rec["evidence"].append({"report": rid, "sentence": doc.sentence_text(r.sentence)})

    def facts(self) -> dict[str, Any]:
        """The facts document of everything added so far."""
        for key, rec in self.entities.items():
            rec["aliases"] = sorted(a for a in self.aliases.get(key, ()) if a != rec["name"])
        return {
            "schema": SCHEMA,
            "generator": {"name": "policykg", "version": generator_version()},
            "reports": list(self.reports),
            "entities": sorted(self.entities.values(), key=lambda e: (e["type"], e["id"])),
            "relations": sorted(self.relations.values(), key=lambda r: (r["type"], r["source"], r["target"])),
        }


def build_facts(docs: Sequence[Document]) -> dict[str, Any]:
    """Assemble the facts document from annotated documents."""
    builder = FactsBuilder()
    for doc in docs:
        builder.add(doc)
    return builder.facts()
