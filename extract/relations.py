"""Relations between entities, each read from one sentence or enumeration (precision before recall).

- Region -PART_OF-> Region: up the administrative hierarchy of each region
  with a code (reference data: no evidence sentence); a township is part of
  the division it lies in (`Mention.scope`), with the sentence naming it.
- Project -BELONGS_TO-> IndustrialChain: the chain names the category that
  closes the project's list (丰元汇能、创普斯等11个锂电项目 → 锂电), or a
  X项目 name holds a chain of the report after its first word
  (钙基纳米新材料项目 → 新材料; a chain opening the name is its place).
- Park -FOCUSES_ON-> IndustrialChain: the park's name holds a chain of the
  report after its first word (亚辰新能源产业园 → 新能源), or the park is
  followed in its clause by a focus verb and chains (X产业园重点发展A、B:
  `data/park_focus_verbs.txt`).
- Project -LOCATED_IN-> Park: the project's name opens with the park's
  (青禾化工园区污水处理厂), or the park stands right before it (X开发区内的Y项目).
- Enterprise -UNDERTAKES-> Project: a company standing as a project-list item
  (丰元汇能 → 丰元汇能项目), or a project named with its owner in front
  (王晁煤电集团电池隔膜项目).

Every relation but PART_OF from the table carries the sentence it was read
from. Entity keys are (type, canonical name, region identity or None).
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable, Iterable
from functools import cache

from .document import Document, EntityKey, Mention, RelationMention, Span, region_identity
from .lexicon import NameMatcher, load_list
from .resolve import region_hierarchy

#: What may stand between a park and a project in it (X开发区内的Y项目).
_PARK_TO_PROJECT = re.compile(r"(?:内|里|中)?(?:的)?")
_PARK_GAP_MAX = 2  # the longest text _PARK_TO_PROJECT matches
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")


def key(m: Mention) -> EntityKey:
    """The entity key of a mention: (type, canonical name, region identity or None)."""
    return (m.type, m.name, region_identity(m.code, m.scope, m.name) if m.type == "Region" else None)


class _Collector:
    """Relations of one document, each (type, source, target) once, with its first sentence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[tuple[str, EntityKey, EntityKey]] = set()

    def add(self, type_: str, source: EntityKey, target: EntityKey, sentence: Span) -> None:
        if source == target or (type_, source, target) in self.seen:
            return
        self.seen.add((type_, source, target))
        self.doc.relations.append(RelationMention(type_, source, target, sentence))


def part_of(doc: Document, out: _Collector) -> None:
    """Region -PART_OF-> Region up the hierarchy; a township under the division it lies in."""
    for m in doc.mentions:
        if m.type != "Region":
            continue
        if m.code:
            for child, parent in itertools.pairwise(region_hierarchy(m.code)):
                out.add("PART_OF", ("Region", child.name, child.code), ("Region", parent.name, parent.code),
                        Span(0, 0))
        elif m.scope:
            chain = region_hierarchy(m.scope)
            if chain:
                parent = chain[0]
                out.add("PART_OF", key(m), ("Region", parent.name, parent.code), doc.sentence_at(m.start))


def _by_type(doc: Document, type_: str) -> list[Mention]:
    return [m for m in doc.mentions if m.type == type_]


def _chain_matcher(chains: Iterable[Mention], doc: Document) -> tuple[NameMatcher, dict[str, Mention]]:
    """Every written form of the report's chains (name and surface), longest first."""
    forms: dict[str, Mention] = {}
    for c in chains:
        for form in (c.name, doc.text[c.start : c.end], *c.aliases):
            if len(form) >= 2:
                forms.setdefault(form, c)
    return NameMatcher(forms), forms


def _category_after(text: str, end: int) -> str:
    """The category that closes the list an item ends: 等11个锂电项目 → 11个锂电 (empty when none)."""
    stop = _CLAUSE_END.search(text, end)
    clause = text[end : stop.start() if stop else len(text)]
    m = re.search(r"等([^、]{0,12}?)项目", clause)
    return m.group(1) if m else ""


def belongs_to(doc: Document, out: _Collector) -> None:
    """Project -BELONGS_TO-> IndustrialChain from the list category or the project's name."""
    matcher, forms = _chain_matcher(_by_type(doc, "IndustrialChain"), doc)
    for p in _by_type(doc, "Project"):
        sentence = doc.sentence_at(p.start)
        if p.source == "list":
            for _, _, form in matcher.find(_category_after(doc.text, p.end)):
                out.add("BELONGS_TO", key(p), key(forms[form]), sentence)
        if p.name.endswith("项目"):
            for start, _, form in matcher.find(p.name):
                if start > 0:  # a name opens with its place or brand (牡丹人民医院 is no 牡丹 project)
                    out.add("BELONGS_TO", key(p), key(forms[form]), sentence)


@cache
def _focus_verbs() -> re.Pattern[str]:
    words = sorted(load_list("park_focus_verbs.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def focuses_on(doc: Document, out: _Collector) -> None:
    """Park -FOCUSES_ON-> IndustrialChain from the park's name or a focus verb in its clause."""
    chains = _by_type(doc, "IndustrialChain")
    matcher, forms = _chain_matcher(chains, doc)
    for park in _by_type(doc, "Park"):
        sentence = doc.sentence_at(park.start)
        for start, _, form in matcher.find(park.name):
            if start > 0:  # 石榴经济开发区 is named after a place, not the pomegranate industry
                out.add("FOCUSES_ON", key(park), key(forms[form]), sentence)
        stop = _CLAUSE_END.search(doc.text, park.end)
        clause_end = stop.start() if stop else len(doc.text)
        verb = _focus_verbs().match(doc.text, park.end)
        if verb is None:
            continue
        for c in chains:
            if verb.end() <= c.start and c.end <= clause_end:
                out.add("FOCUSES_ON", key(park), key(c), sentence)


def located_in(doc: Document, out: _Collector) -> None:
    """Project -LOCATED_IN-> Park: the park opens the project's name or stands right before it.

    The parks a project can be in are looked up (by start, by end, by name prefix), not
    scanned, so a report with many projects and parks costs linear time, not their product.
    """
    parks = _by_type(doc, "Park")
    by_start, by_end, by_name = _index(parks, lambda m: m.start), _index(parks, lambda m: m.end), \
        _index(parks, lambda m: m.name)
    for p in _by_type(doc, "Project"):
        near = [by_start.get(p.start, []), *(by_end.get(p.start - gap, []) for gap in range(_PARK_GAP_MAX + 1)),
                *(by_name.get(p.name[:k], []) for k in range(1, len(p.name) + 1))]
        for i in sorted({i for found in near for i in found}):
            park = parks[i]
            opens = park.start == p.start and park.end < p.end
            before = park.end <= p.start and _PARK_TO_PROJECT.fullmatch(doc.text, park.end, p.start) is not None
            named = p.name.startswith(park.name) and park.end <= p.end
            if (opens or before or named) and park.end - park.start >= 3:
                out.add("LOCATED_IN", key(p), key(park), doc.sentence_at(p.start))


def undertakes(doc: Document, out: _Collector) -> None:
    """Enterprise -UNDERTAKES-> Project: a list-item company, or the owner named in front of the project.

    Enterprises are looked up by span and by the forms that open a project's name (linear, as above).
    """
    enterprises = _by_type(doc, "Enterprise")
    by_span = _index([e for e in enterprises if e.standalone], lambda m: (m.start, m.end))
    standalone = [i for i, e in enumerate(enterprises) if e.standalone]
    by_form: dict[str, list[int]] = {}
    for i, e in enumerate(enterprises):
        for form in {e.name, *e.aliases}:
            if len(form) >= 2:
                by_form.setdefault(form, []).append(i)
    for p in _by_type(doc, "Project"):
        near = {standalone[j] for j in by_span.get((p.start, p.end), [])}
        near.update(i for k in range(2, len(p.name) + 1) for i in by_form.get(p.name[:k], []))
        for i in sorted(near):
            out.add("UNDERTAKES", key(enterprises[i]), key(p), doc.sentence_at(p.start))


def _index(mentions: list[Mention], by: Callable[[Mention], Hashable]) -> dict[Hashable, list[int]]:
    """Positions of the mentions by a key (start, end, name, span)."""
    out: dict[Hashable, list[int]] = {}
    for i, m in enumerate(mentions):
        out.setdefault(by(m), []).append(i)
    return out


def document_relations(doc: Document) -> Document:
    """The relations read from one document's sentences."""
    out = _Collector(doc)
    part_of(doc, out)
    belongs_to(doc, out)
    focuses_on(doc, out)
    located_in(doc, out)
    undertakes(doc, out)
    return doc
