"""Context around an occurrence: the local evidence a name needs, and the vetoes that drop it.

Both are written once for every type; what each type asks for is its row of
the spec table (`spec.py`, `data/types.toml`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .document import Document, Mention
from .lexicon import load_list
from .namespan import clause_bounds
from .spec import TypeSpec, spec

_OPEN_QUOTES, _CLOSE_QUOTES = "“「『\"'‘", "”」』\"'’"
#: What joins two items of a list.
_JOINERS = ("、", "和", "及", "与", "以及")
#: How far before a mention a veto word may stand (不搞形象工程, 坚决防止各类形象工程).
_VETO_REACH = 8


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when [start, end) stands between an opening and a closing quote mark."""
    return text[start - 1 : start] in _OPEN_QUOTES and start > 0 and text[end : end + 1] in _CLOSE_QUOTES


class SpanIndex:
    """Where the mentions of each type start and end, for list-membership tests."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.starts: set[tuple[str, int]] = set()
        self.ends: set[tuple[str, int]] = set()
        for m in mentions:
            self.starts.add((m.type, m.start))
            self.ends.add((m.type, m.end))

    def list_member(self, text: str, type_: str, start: int, end: int) -> bool:
        """True when [start, end) is joined by 、/和/及/与 to a mention of `type_` right beside it."""
        for j in _JOINERS:
            if text[start - len(j) : start] == j and (type_, start - len(j)) in self.ends:
                return True
            if text[end : end + len(j)] == j and (type_, end + len(j)) in self.starts:
                return True
        return False


def local_evidence(doc: Document, type_: str, start: int, end: int, index: SpanIndex) -> bool:
    """Whether an occurrence of a name accepted elsewhere shows its type's cue here (`local_evidence`)."""
    s = spec(type_)
    text = doc.text
    for kind in s.local_evidence:
        if kind == "quoted" and is_quoted(text, start, end):
            return True
        if kind == "head_after" and s.heads_after and s.heads_after.match(text, end):
            return True
        if kind == "verb_before" and s.verbs_before and s.verbs_before.search(text, max(0, start - 6), start):
            return True
        if kind == "list_member" and index.list_member(text, type_, start, end):
            return True
        if kind == "own_head" and s.own_heads and s.own_heads.search(text, start, end):
            return True
    return False


@cache
def _negation() -> re.Pattern[str]:
    words = sorted(load_list("context_negation.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _governing_negation(text: str, lo: int, hi: int) -> bool:
    """A prohibition word in text[lo:hi] that governs what follows it: not one that ends a list item
    before a 、 (古城街景整治、陈老巷修复: 整治 is the earlier item's work)."""
    return any(text[n.end() : n.end() + 1] != "、" for n in _negation().finditer(text, lo, hi))


def vetoed(doc: Document, m: Mention, type_spec: TypeSpec | None = None) -> str | None:
    """The veto that drops mention `m` here, or None (vetoes listed per type in the spec table).

    negation: a prohibition word stands shortly before it in the same clause, or opens it
    (不搞形象工程, 严禁新上高耗能项目): the region rejects it, it does not adopt it.
    unnamed: once counts and the type's head word are gone nothing is left (10条).
    governed: a verb earlier in the clause rules the name out (`governors`: 开拓…市场).
    """
    s = type_spec or spec(m.type)
    clause_start = clause_bounds(doc.text, m.start)[0]
    lo = max(clause_start, m.start - _VETO_REACH)
    if "negation" in s.vetoes and (_governing_negation(doc.text, lo, m.start) or _negation().match(doc.text, m.start)):
        return "negation"  # before it, or opening it where the cutter kept the verb (坚决遏制高耗能项目)
    if "unnamed" in s.vetoes and not _has_name_left(m.name, s):
        return "unnamed"
    if "governed" in s.vetoes and _ruled_out_by_verb(doc.text, clause_start, m, s):
        return "governed"
    return None


def _ruled_out_by_verb(text: str, clause_start: int, m: Mention, s: TypeSpec) -> bool:
    """True when a verb earlier in the clause makes the name no entity of the type (`governors`):
    a market one expands into is demand abroad, not a marketplace built (拓展东盟、中亚等市场)."""
    return any(name.search(m.name) and verbs.search(text, clause_start, m.start) for name, verbs in s.governors)


_COUNTS = re.compile(r"(?:[0-9.]+|[一二三四五六七八九十百千万两]+)(?=[条项个件])")


def _has_name_left(name: str, s: TypeSpec) -> bool:
    """False for a name that is only a count and a head word (10条, 3个项目): nothing names it."""
    rest = _COUNTS.sub("", name)
    if s.own_heads:
        rest = s.own_heads.sub("", rest)
    return bool(rest.strip())


def apply_vetoes(doc: Document) -> None:
    """Drop every mention that a context veto of its type rules out."""
    doc.mentions = [m for m in doc.mentions if m.end <= m.start or vetoed(doc, m) is None]
