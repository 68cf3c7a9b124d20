"""Per-type behaviour of the shared mechanisms, read from `data/types.toml`.

The mechanisms (second pass, context vetoes) are written once; what differs
between types (scope, cues, heads) is data, so a newcomer finds a type's
behaviour in one table rather than in branches of Python.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .lexicon import DATA_DIR


@dataclass(frozen=True)
class TypeSpec:
    """One type's row of the spec table (keys documented in `data/types.toml`)."""

    type: str
    second_pass: str = "none"
    foreign_min_len: int = 2
    local_evidence: tuple[str, ...] = ()
    heads_after: re.Pattern[str] | None = None
    verbs_before: re.Pattern[str] | None = None
    own_heads: re.Pattern[str] | None = None
    vetoes: tuple[str, ...] = ()
    inside_words: frozenset[str] = frozenset()
    governors: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()


def _rx(value: str | None) -> re.Pattern[str] | None:
    return re.compile(value) if value else None


@cache
def specs() -> dict[str, TypeSpec]:
    """Every type's spec, keyed by type name."""
    with open(DATA_DIR / "types.toml", "rb") as f:
        table = tomllib.load(f)
    return {
        name: TypeSpec(
            type=name,
            second_pass=row.get("second_pass", "none"),
            foreign_min_len=int(row.get("foreign_min_len", 2)),
            local_evidence=tuple(row.get("local_evidence", ())),
            heads_after=_rx(row.get("heads_after")),
            verbs_before=_rx(row.get("verbs_before")),
            own_heads=_rx(row.get("own_heads")),
            vetoes=tuple(row.get("vetoes", ())),
            inside_words=frozenset(row.get("inside_words", ())),
            governors=tuple((re.compile(name), re.compile(verbs)) for name, verbs in row.get("governors", ())),
        )
        for name, row in table.items()
    }


def spec(type_: str) -> TypeSpec:
    """The spec of one type (an empty one for a type the table does not list)."""
    return specs().get(type_, TypeSpec(type=type_))
