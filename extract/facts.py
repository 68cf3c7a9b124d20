"""The facts document (policykg/facts@2): the interface between extract and the rest.

Ids are stable across runs: a report's from its normalised text, an entity's
from its type and canonical name, a region's from its administrative code.

Each report carries a sentence table (the sentences its mentions and relation
evidence stand in, each stored once); mentions and evidence point into it by
index, so the document grows with the facts, not with their repetition.
`report_facts` takes what one annotated document contributes (pure, picklable,
so a worker process can compute it); `FactsBuilder` merges these in order.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from . import divisions
from .document import Document, EntityKey, Mention, Span, region_identity

SCHEMA = "policykg/facts@2"
#: The previous version, still read (see `factsfile.upgrade`).
SCHEMA_V1 = "policykg/facts@1"


def generator_version() -> str:
    """The installed policykg version (0.0.0 when running from an uninstalled tree)."""
    try:
        return version("policykg")
    except PackageNotFoundError:
        return "0.0.0"


def generator() -> dict[str, str]:
    """The `generator` entry of a document written by this code."""
    return {"name": "policykg", "version": generator_version()}


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


def entity_record(key: EntityKey) -> dict[str, Any]:
    """A new entity record for its key, with no reports and no mentions yet."""
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
    """The `reports[]` entry of one document, without its sentence table (`url` only when the report
    names where it was published)."""
    meta = doc.meta
    return {
        "id": report_id(doc), "source": doc.source, "title": meta.title, "region": meta.region,
        "region_id": entity_id("Region", meta.region, meta.adcode) if meta.region else None,
        "region_level": meta.region_level, "parent": meta.parent, "province": meta.province,
        "adcode": meta.adcode, "year": meta.year, "date": meta.date, "speaker": meta.speaker,
        "chars": len(doc.original),
    } | ({"url": meta.url} if meta.url else {})


@dataclass
class ReportFacts:
    """What one annotated document contributes, as plain picklable data (computed where its text is)."""

    report: dict[str, Any]  # the reports[] entry, with its `sentences` table
    #: (entity key, kind, level, names it was written as, mention record or None for an empty span)
    mentions: list[tuple[EntityKey, str | None, str | None, tuple[str, ...], dict[str, Any] | None]]
    #: (relation type, source key, target key, sentence index or None)
    relations: list[tuple[str, EntityKey, EntityKey, int | None]]
    warnings: list[str] = field(default_factory=list)


def report_facts(doc: Document) -> ReportFacts:
    """The report record, mentions and relations of one annotated document (its text must be at hand)."""
    rid = report_id(doc)
    spans: dict[Span, int] = {}

    def sentence(span: Span) -> int | None:
        if span.end <= span.start:
            return None
        return spans.setdefault(span, len(spans))

    mentions = []
    for m in doc.mentions:
        if m.end <= m.start:
            mentions.append((_key(m), m.kind, m.level, tuple(m.aliases), None))
            continue
        start, end = doc.original_span(m.start, m.end)
        record = {"report": rid, "start": start, "end": end, "text": doc.original[start:end],
                  "sentence": sentence(doc.sentence_at(m.start))}
        mentions.append((_key(m), m.kind, m.level, (*m.aliases, doc.text[m.start : m.end]), record))
    relations = [(r.type, r.source, r.target, sentence(r.sentence)) for r in doc.relations]
    # the table in text order: renumber the indices handed out in reference order
    order = sorted(spans, key=lambda s: (s.start, s.end))
    renumber = {spans[s]: i for i, s in enumerate(order)}
    for *_, record in mentions:
        if record is not None and record["sentence"] is not None:
            record["sentence"] = renumber[record["sentence"]]
    relations = [(t, s, d, None if i is None else renumber[i]) for t, s, d, i in relations]
    report = {**report_record(doc), "sentences": [doc.sentence_text(s) for s in order]}
    return ReportFacts(report, mentions, relations, list(doc.warnings))


class FactsBuilder:
    """Merges what each report contributes into entities and relations, in the order given."""

    def __init__(self) -> None:
        self.reports: list[dict[str, Any]] = []
        self.entities: dict[EntityKey, dict[str, Any]] = {}
        self.aliases: dict[EntityKey, set[str]] = {}
        self.relations: dict[tuple[str, str, str], dict[str, Any]] = {}

    def merge(self, facts: ReportFacts, keep_report: bool = True) -> None:
        """Take one report's contribution; `keep_report=False` leaves its record to a streaming writer."""
        rid = facts.report["id"]
        if keep_report:
            self.reports.append(facts.report)
        for key, kind, level, names, mention in facts.mentions:
            rec = self.entities.setdefault(key, entity_record(key))
            rec["kind"] = rec["kind"] or kind
            rec["level"] = rec["level"] or level
            if rid not in rec["reports"]:
                rec["reports"].append(rid)
            self.aliases.setdefault(key, set()).update(names)
            if mention is not None:
                rec["mentions"].append(mention)
        for type_, source, target, sentence in facts.relations:
            for key in (source, target):
                self.entities.setdefault(key, entity_record(key))
            src, dst = self.entities[source]["id"], self.entities[target]["id"]
            rec = self.relations.setdefault((type_, src, dst), {"type": type_, "source": src, "target": dst,
                                                                "reports": [], "evidence": []})
            if rid not in rec["reports"]:
                rec["reports"].append(rid)
                rec["evidence"].append({"report": rid, "sentence": sentence})

    def add(self, doc: Document) -> None:
        """Take the report, mentions and relations of one annotated document."""
        self.merge(report_facts(doc))

    def entity_records(self) -> Iterator[dict[str, Any]]:
        """The entities, in document order (by type, then id), with their aliases settled."""
        for key, rec in self.entities.items():
            rec["aliases"] = sorted(a for a in self.aliases.get(key, ()) if a != rec["name"])
        return iter(sorted(self.entities.values(), key=lambda e: (e["type"], e["id"])))

    def relation_records(self) -> Iterator[dict[str, Any]]:
        """The relations, in document order (by type, source, target)."""
        return iter(sorted(self.relations.values(), key=lambda r: (r["type"], r["source"], r["target"])))

    def facts(self) -> dict[str, Any]:
        """The facts document of everything merged so far."""
        return {"schema": SCHEMA, "generator": generator(), "reports": list(self.reports),
                "entities": list(self.entity_records()), "relations": list(self.relation_records())}


def build_facts(docs: Sequence[Document] | Iterable[Document]) -> dict[str, Any]:
    """Assemble the facts document from annotated documents."""
    builder = FactsBuilder()
    for doc in docs:
        builder.add(doc)
    return builder.facts()


def sentence_of(report: dict[str, Any], index: int | None) -> str:
    """The text a sentence index points at in a report record ('' for none)."""
    return "" if index is None else report["sentences"][index]
