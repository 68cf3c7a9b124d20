"""The compact records of a policykg/facts@3 file, and the @2 records they stand for.

A @3 file holds the same document as a @2 one; only two record kinds are
written shorter, because they repeat what their parent record already says
(about 100 bytes per mention in @2, most of a facts file):

- an entity's `mentions` are grouped by report, one group per entry of its
  `reports` (same order), each mention `[start, end, sentence]`, with the
  mention's text as a fourth item only when it differs from the entity's name
  (`[]` when the entity has no mention at all);
- a relation's `evidence` is the sentence index per entry of its `reports`.

A record whose content does not fit that shape (a mention of a report its
entity does not list, mentions out of report order, extra fields) is written
in its @2 form, which the reader also accepts, so compacting never loses
anything. Everything above the reader sees the @2 records (`expand_*`).
"""
from __future__ import annotations

import json
from typing import Any

MENTION_KEYS = frozenset(("report", "start", "end", "text", "sentence"))
EVIDENCE_KEYS = frozenset(("report", "sentence"))


def json_line(value: Any) -> str:
    """`value` as one line of compact JSON (the separators and escaping of every facts file)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def compact_mention(start: int, end: int, sentence: int | None, text: str, name: str) -> list[Any]:
    """One mention as a @3 file holds it: its text only when it is not the entity's name."""
    return [start, end, sentence] if text == name else [start, end, sentence, text]


def compact_entity(entity: dict[str, Any]) -> dict[str, Any]:
    """The @3 form of a @2 entity record (the record itself when its mentions do not fit the grouping)."""
    mentions = entity.get("mentions") or []
    if not mentions:
        return entity
    reports = entity.get("reports") or []
    position = {rid: k for k, rid in enumerate(reports)}
    groups: list[list[list[Any]]] = [[] for _ in reports]
    last = 0
    for m in mentions:
        if not isinstance(m, dict) or m.keys() != MENTION_KEYS:
            return entity
        k = position.get(m["report"], -1)
        if k < last:  # a report the entity does not list, or out of order: keep the @2 form
            return entity
        last = k
        groups[k].append(compact_mention(m["start"], m["end"], m["sentence"], m["text"], entity["name"]))
    return {**entity, "mentions": groups}


def expand_entity(entity: dict[str, Any]) -> dict[str, Any]:
    """The @2 form of an entity record read from a @3 file (a @2-form record is returned as it is)."""
    groups = entity.get("mentions")
    if not groups or isinstance(groups[0], dict):
        return entity
    name, mentions = entity["name"], []
    for rid, group in zip(entity["reports"], groups, strict=True):
        for m in group:
            mentions.append({"report": rid, "start": m[0], "end": m[1], "text": m[3] if len(m) > 3 else name,
                             "sentence": m[2]})
    return {**entity, "mentions": mentions}


def compact_relation(relation: dict[str, Any]) -> dict[str, Any]:
    """The @3 form of a @2 relation record: one sentence index per report (else the record itself)."""
    evidence = relation.get("evidence") or []
    reports = relation.get("reports") or []
    if not evidence or len(evidence) != len(reports):
        return relation
    for ev, rid in zip(evidence, reports, strict=True):
        if not isinstance(ev, dict) or ev.keys() != EVIDENCE_KEYS or ev["report"] != rid:
            return relation
    return {**relation, "evidence": [ev["sentence"] for ev in evidence]}


def expand_relation(relation: dict[str, Any]) -> dict[str, Any]:
    """The @2 form of a relation record read from a @3 file (a @2-form record is returned as it is)."""
    evidence = relation.get("evidence")
    if not evidence or isinstance(evidence[0], dict):
        return relation
    return {**relation, "evidence": [{"report": rid, "sentence": s}
                                     for rid, s in zip(relation["reports"], evidence, strict=True)]}
