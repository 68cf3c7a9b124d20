"""Scoring extracted facts against gold annotations (docs/annotation.md, "Scoring").

A gold file (one per report) is matched to the report of the facts whose `source` file stem equals
its `doc` stem, or else to the only report of its region. Per report and type, predicted and gold
entities are matched one to one (a maximum bipartite matching): strictly when a normalised name or
alias of one equals one of the other, leniently when one contains the other and the shorter is at
least half as long. Precision, recall and F1 follow per type and micro-averaged over the types.
"""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from .factsfile import read_facts

TYPES = ("Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise")
#: Quote marks dropped before names are compared (docs/annotation.md, "Common rules").
QUOTES = frozenset("“”\"'‘’「」『』《》")

Forms = frozenset[str]
Mode = Literal["strict", "lenient"]


def normalise_name(name: str) -> str:
    """A name as compared: NFKC, without whitespace or quote marks, lower case."""
    name = unicodedata.normalize("NFKC", name or "")
    return "".join(ch for ch in name if not ch.isspace() and ch not in QUOTES).lower()


def forms(entity: dict[str, Any]) -> Forms:
    """The normalised name and aliases of an entity (gold or predicted)."""
    out = {normalise_name(entity.get("name", ""))} | {normalise_name(a) for a in entity.get("aliases") or []}
    out.discard("")
    return frozenset(out)


def strict_match(a: Forms, b: Forms) -> bool:
    """Some form of one equals some form of the other."""
    return not a.isdisjoint(b)


def lenient_match(a: Forms, b: Forms) -> bool:
    """A strict match, or one form contains another that is at least half as long."""
    for x in a:
        for y in b:
            short, long_ = sorted((x, y), key=len)
            if short in long_ and len(short) * 2 >= len(long_):
                return True
    return False


def max_matching(pred: list[Forms], gold: list[Forms], ok: Callable[[Forms, Forms], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predicted to gold entities under `ok`, as (pred, gold) index pairs.

    Of the maximum matchings, one with the most strict pairs, so that `--errors` does not call an exact
    name a false hit because a longer one took its partner.
    """
    graph = nx.Graph()
    graph.add_weighted_edges_from((("p", i), ("g", j), 2 if strict_match(p, g) else 1)
                                  for i, p in enumerate(pred) for j, g in enumerate(gold) if ok(p, g))
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return sorted((a[1], b[1]) if a[0] == "p" else (b[1], a[1]) for a, b in pairs)


@dataclass(frozen=True)
class Counts:
    """Entities in the gold, predicted, and matched strictly and leniently."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    lenient: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.pred + other.pred, self.strict + other.strict,
                      self.lenient + other.lenient)

    def prf(self, mode: Mode = "lenient") -> tuple[float, float, float]:
        """Precision, recall and F1 under `mode` ("strict" or "lenient"); an empty side scores 1."""
        tp = self.strict if mode == "strict" else self.lenient
        p = tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass(frozen=True)
class Misses:
    """What one report got wrong for one type (under lenient matching): gold names missed, false hits."""

    report: str
    type: str
    missed: list[str]
    false: list[str]


@dataclass
class Scores:
    """Counts per type and micro-averaged, the misses per report and type, and what could not be scored."""

    types: list[str]
    counts: dict[str, Counts]
    errors: list[Misses] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        """The counts summed over the types scored."""
        return sum((self.counts[t] for t in self.types), Counts())

    def rows(self) -> list[tuple[str, Counts]]:
        """(type, counts) for each type scored, then ("micro", counts)."""
        return [*((t, self.counts[t]) for t in self.types), ("micro", self.micro)]

    def f1(self, type_: str = "micro", mode: Mode = "lenient") -> float:
        """F1 of one type, or "micro", strict or lenient."""
        return (self.micro if type_ == "micro" else self.counts[type_]).prf(mode)[2]

    def as_dict(self) -> dict[str, Any]:
        """{type or "micro": {gold, pred, strict: [P, R, F1], lenient: [P, R, F1]}}, rounded to 3 places."""
        return {name: {"gold": c.gold, "pred": c.pred,
                       "strict": [round(v, 3) for v in c.prf("strict")],
                       "lenient": [round(v, 3) for v in c.prf("lenient")]}
                for name, c in self.rows()}


def _gold_files(paths: Iterable[str | Path], problems: list[str]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each gold file of `paths` (files, or folders of *.json) with its content; bad ones go to `problems`."""
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                problems.append(f"{path}: no gold files (*.json) in this folder")
        elif path.is_file():
            files = [path]
        else:
            problems.append(f"{path}: no such file or folder")
            continue
        for file in files:
            try:
                gold = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems.append(f"{file}: cannot read the gold file: {exc}")
                continue
            if not (isinstance(gold, dict) and isinstance(gold.get("doc"), str)
                    and isinstance(gold.get("entities"), dict)):
                problems.append(f"{file}: not a gold file (it needs \"doc\" and \"entities\")")
                continue
            yield file, gold


def _predicted(facts: dict[str, Any]) -> dict[str, dict[str, list[tuple[str, Forms]]]]:
    """{report key: {type: [(name, forms)]}}; a report is keyed by its source stem and by its region when unique."""
    reports = facts.get("reports") or []
    regions = [r.get("region") for r in reports]
    keys_of: dict[str, list[str]] = {}
    for r in reports:
        keys = [Path(str(r.get("source") or r["id"]).split("#")[0]).stem]
        if r.get("region") and regions.count(r["region"]) == 1 and r["region"] not in keys:
            keys.append(r["region"])
        keys_of[r["id"]] = keys
    out: dict[str, dict[str, list[tuple[str, Forms]]]] = {k: {} for keys in keys_of.values() for k in keys}
    for e in facts.get("entities") or []:
        report_ids = {m.get("report") for m in e.get("mentions") or []} | set(e.get("reports") or [])
        for rid in sorted(report_ids, key=str):
            for key in keys_of.get(rid, []):
                out[key].setdefault(e.get("type"), []).append((e.get("name", ""), forms(e)))
    return out


def evaluate(facts: dict[str, Any] | str | Path, gold_paths: Iterable[str | Path],
             types: Iterable[str] | None = None) -> Scores:
    """Score `facts` (a facts document of any version, or a facts file) against the gold files or folders
    `gold_paths`."""
    if not isinstance(facts, dict):
        facts = read_facts(facts)  # evaluation corpora are small enough to read whole
    types = list(types or TYPES)
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise ValueError(f"unknown entity type {', '.join(unknown)}; one of {', '.join(TYPES)}")
    pred = _predicted(facts)
    scores = Scores(types, {t: Counts() for t in types})
    for file, gold in _gold_files(gold_paths, scores.problems):
        key = Path(gold["doc"]).stem
        region = (gold.get("report") or {}).get("region")
        if key not in pred and region in pred:
            key = region
        if key not in pred:
            scores.unmatched.append(f"{file}: no report {gold['doc']} in the facts; its entities count as missed")
        for t in types:
            want = [(e["name"], forms(e)) for e in gold["entities"].get(t) or []]
            got = pred.get(key, {}).get(t, [])
            got_forms, want_forms = [f for _, f in got], [f for _, f in want]
            strict = max_matching(got_forms, want_forms, strict_match)
            lenient = max_matching(got_forms, want_forms, lenient_match)
            scores.counts[t] += Counts(len(want), len(got), len(strict), len(lenient))
            hit_pred, hit_gold = {i for i, _ in lenient}, {j for _, j in lenient}
            missed = [want[j][0] for j in range(len(want)) if j not in hit_gold]
            false = [got[i][0] for i in range(len(got)) if i not in hit_pred]
            if missed or false:
                scores.errors.append(Misses(key, t, missed, false))
    return scores
