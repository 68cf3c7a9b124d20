"""Corpus-level resolution: the second pass, the report's own region, and nesting.

The second pass looks for every name accepted in any report of the batch in
every report, quoted or not, so a coinage found once is found everywhere.
"""
from __future__ import annotations

from collections.abc import Sequence

from . import divisions
from .document import Document, Mention
from .lexicon import NameMatcher


def add_report_region(doc: Document) -> None:
    """The report's own region is always an entity of the report."""
    meta = doc.meta
    if not meta.region:
        return
    pos = doc.text.find(meta.region)
    start, end = (pos, pos + len(meta.region)) if pos >= 0 else (0, 0)
    doc.mentions.append(
        Mention("Region", meta.region, start, end, level=meta.region_level, code=meta.adcode,
                source="report", standalone=True)
    )


def second_pass(docs: Sequence[Document]) -> None:
    """Find every accepted name (non-region) in every document of the batch."""
    accepted: dict[str, Mention] = {}
    for doc in docs:
        for m in doc.mentions:
            if m.type != "Region":
                accepted.setdefault(doc.text[m.start : m.end], m)
    matcher = NameMatcher(accepted)
    for doc in docs:
        taken = {(m.start, m.end) for m in doc.mentions}
        for start, end, surface in matcher.find(doc.text):
            if (start, end) in taken:
                continue
            proto = accepted[surface]
            doc.mentions.append(
                Mention(proto.type, proto.name, start, end, kind=proto.kind, source="second-pass")
            )


def drop_nested(doc: Document) -> None:
    """Drop a mention inside a longer mention of another entity, unless the rules keep it.

    Kept: a region's full official name, and a list item marked standalone.
    """
    spans = sorted(doc.mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in spans:
        outer = next(
            (k for k in kept if k.start <= m.start and m.end <= k.end and (k.end - k.start) > (m.end - m.start)),
            None,
        )
        is_full_region = m.type == "Region" and doc.text[m.start : m.end] == m.name
        if outer is None or m.standalone or is_full_region or m.end == m.start:
            kept.append(m)
    # an identical span found twice (cue and second pass) is kept once
    seen: set[tuple[str, str, int, int]] = set()
    doc.mentions = []
    for m in sorted(kept, key=lambda m: (m.start, m.end, m.type)):
        key = (m.type, m.name, m.start, m.end)
        if key not in seen:
            seen.add(key)
            doc.mentions.append(m)


def region_hierarchy(code: str | None) -> list[divisions.Division]:
    """The division with `code` and every division above it, lowest first."""
    div = divisions.get(code) if code else None
    out = []
    while div is not None:
        out.append(div)
        div = divisions.parent(div)
    return out


def resolve(docs: Sequence[Document]) -> Sequence[Document]:
    """Corpus component: report regions, second pass, nesting."""
    for doc in docs:
        add_report_region(doc)
    second_pass(docs)
    for doc in docs:
        drop_nested(doc)
    return docs
