"""Lexicons in `extract/data/` and a longest-match name finder over them."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import ahocorasick

DATA_DIR = Path(__file__).with_name("data")


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Lines of `extract/data/NAME` without blanks and `#` comments."""
    path = DATA_DIR / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for s in (line.split("#", 1)[0].strip() for line in lines) if s)


@cache
def load_set(name: str) -> frozenset[str]:
    """The entries of `extract/data/NAME` as a set, for membership tests."""
    return frozenset(load_list(name))


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of `extract/data/NAME` without blanks and comments."""
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in load_list(name))


@cache
def load_forms(name: str, alias_col: int) -> dict[str, tuple[str, ...]]:
    """Every written form of a lexicon table → its row: the first column (the canonical name) and
    the |-separated forms in column `alias_col`; a form listed twice keeps its first row."""
    out: dict[str, tuple[str, ...]] = {}
    for row in load_table(name):
        out.setdefault(row[0], row)
        for alias in (row[alias_col].split("|") if len(row) > alias_col else ()):
            if alias:
                out.setdefault(alias, row)
    return out


class NameMatcher:
    """Finds the longest, leftmost, non-overlapping occurrences of known names (Aho-Corasick)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._empty = True
        for name in set(names):
            if name:
                self._automaton.add_word(name, name)
                self._empty = False
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of each match, longest first where matches overlap."""
        if self._empty:
            return []
        hits = [(end + 1 - len(name), end + 1, name) for end, name in self._automaton.iter(text)]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for start, end, name in hits:
            if start >= last_end:
                out.append((start, end, name))
                last_end = end
        return out
