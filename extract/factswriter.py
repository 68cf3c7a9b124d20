"""Writing a facts file while reports arrive, in memory that does not grow with their mentions.

The file is policykg/facts@2 (the published layout: one record per mention,
what `evaluate` and outside scorers read), or with `compact=True`
policykg/facts@3 (the same document with compact mention and evidence records,
`extract.compact`: about two thirds of the size, for files only policykg reads).

Each report's record goes straight to the file. Its mentions cannot (they
belong under their entities, which come after every report), so each report's
mentions of one entity are written as one line to a temporary spool file, and
the writer keeps, per entity, only its names and, per report naming it, the
position of that line. `close` then writes each entity with its mention groups
copied from the spool, so what stays in memory is the entities (names, ids,
report ids) and the relations' report ids and sentence indices, not the
mention records. The bytes are the same as `write_facts` of the document
`FactsBuilder` assembles in memory (a test checks it).
"""
from __future__ import annotations

import io
import json
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from policykg.outputs import atomic_file

from .compact import compact_entity, compact_mention, compact_relation, expand_relation, json_line
from .document import EntityKey
from .facts import SCHEMA, ReportFacts, entity_record, generator

#: The compact layout `FactsWriter(compact=True)` writes (see `extract.compact`); documents in memory,
#: and files by default, are policykg/facts@2.
FILE_SCHEMA = "policykg/facts@3"


def _same(record: dict[str, Any]) -> dict[str, Any]:
    return record


class _Entity:
    """What the writer holds of one entity until `close`: its record without mentions, and spool positions."""

    __slots__ = ("names", "offsets", "record", "reports")

    def __init__(self, key: EntityKey) -> None:
        self.record = entity_record(key)
        del self.record["mentions"]
        self.names: set[str] = set()
        self.reports = array("l")  # per report that named it (in arrival order): index into record["reports"]
        self.offsets = array("q")  # ... and the spool position of its mentions there (-1: none)


class FactsWriter:
    """Writes a facts document while reports arrive (@2, or @3 with `compact`); the file appears when complete."""

    def __init__(self, path: str | Path, compact: bool = False) -> None:
        self.path = Path(path)
        self.compact = compact
        self._file = atomic_file(self.path)  # one mechanism for every output: temporary file, then rename
        self._out: IO[str] = io.TextIOWrapper(self._file.__enter__(), encoding="utf-8", newline="\n")
        self._spool: IO[bytes] = tempfile.TemporaryFile()
        self._entities: dict[EntityKey, _Entity] = {}
        self._relations: dict[tuple[str, str, str], tuple[dict[str, Any], list[int | None]]] = {}
        self._first = True
        self.reports = 0
        schema = FILE_SCHEMA if compact else SCHEMA
        self._out.write(json_line({"schema": schema, "generator": generator()})[:-1] + ",\n\"reports\":[\n")

    def _entity(self, key: EntityKey) -> _Entity:
        ent = self._entities.get(key)
        if ent is None:
            ent = self._entities[key] = _Entity(key)
        return ent

    def add(self, facts: ReportFacts) -> None:
        """Write one report's record; spool its mentions, keep its entities' names and its relations."""
        rid = facts.report["id"]
        groups: dict[EntityKey, list[list[Any]]] = {}
        for key, kind, level, names, mention in facts.mentions:
            ent = self._entity(key)
            rec = ent.record
            rec["kind"] = rec["kind"] or kind
            rec["level"] = rec["level"] or level
            ent.names.update(names)
            group = groups.setdefault(key, [])
            if mention is not None:
                group.append(compact_mention(mention["start"], mention["end"], mention["sentence"],
                                             mention["text"], key[1]))
        for key, group in groups.items():
            ent = self._entities[key]
            reports = ent.record["reports"]
            new = rid not in reports  # else a second report with the same text (and id)
            k = len(reports) if new else reports.index(rid)
            if new:
                reports.append(rid)
            if group or new:
                ent.reports.append(k)
                ent.offsets.append(self._spool.tell() if group else -1)
                if group:
                    self._spool.write(json_line(group).encode("utf-8") + b"\n")
        for type_, source, target, sentence in facts.relations:
            src, dst = self._entity(source).record["id"], self._entity(target).record["id"]
            rec, sentences = self._relations.setdefault(
                (type_, src, dst), ({"type": type_, "source": src, "target": dst, "reports": []}, []))
            if rid not in rec["reports"]:
                rec["reports"].append(rid)
                sentences.append(sentence)
        self.add_report(facts.report)

    def add_report(self, report: dict[str, Any]) -> None:
        """Write one report record as it is."""
        self._out.write(("" if self._first else ",\n") + json_line(report))
        self._first = False
        self.reports += 1

    def _section(self, name: str, lines: Iterator[str]) -> int:
        self._out.write(f"\n],\n\"{name}\":[\n")
        n = 0
        for n, line in enumerate(lines, 1):
            self._out.write(("" if n == 1 else ",\n") + line)
        return n

    def _group(self, offset: int) -> str:
        self._spool.seek(offset)
        return self._spool.readline().decode("utf-8").rstrip("\n")

    def _entity_line(self, ent: _Entity) -> str:
        if not self.compact:
            return json_line(self._expanded(ent))
        rec = ent.record
        if any(k != i for i, k in enumerate(ent.reports)):  # a report id twice: let compact_entity decide
            return json_line(compact_entity(self._expanded(ent)))  # compact_entity decides what it can group
        groups = [self._group(off) if off >= 0 else "" for off in ent.offsets]
        mentions = "[]" if all(g == "" for g in groups) else "[" + ",".join(g or "[]" for g in groups) + "]"
        # the record without its mentions, then its mention groups as the spool holds them
        return json_line(rec)[:-1] + ',"mentions":' + mentions + "}"

    def _expanded(self, ent: _Entity) -> dict[str, Any]:
        """The entity as a @2 record, its mentions in arrival order (a @2 file; and a @3 file's rare case that
        compaction cannot group)."""
        rec, mentions = ent.record, []
        for k, off in zip(ent.reports, ent.offsets, strict=True):
            if off < 0:
                continue
            for m in json.loads(self._group(off)):
                mentions.append({"report": rec["reports"][k], "start": m[0], "end": m[1],
                                 "text": m[3] if len(m) > 3 else rec["name"], "sentence": m[2]})
        return {**rec, "mentions": mentions}

    def _entity_lines(self) -> Iterator[str]:
        for ent in self._entities.values():
            ent.record["aliases"] = sorted(a for a in ent.names if a != ent.record["name"])
        for ent in sorted(self._entities.values(), key=lambda e: (e.record["type"], e.record["id"])):
            yield self._entity_line(ent)

    def _relation_lines(self) -> Iterator[str]:
        for key in sorted(self._relations):
            rec, sentences = self._relations[key]
            record = {**rec, "evidence": sentences}
            yield json_line(record if self.compact else expand_relation(record))

    def close(self) -> dict[str, int]:
        """Finish the document and put it in place; return how many reports, entities and relations it holds."""
        counts = {"reports": self.reports}
        counts["entities"] = self._section("entities", self._entity_lines())
        counts["relations"] = self._section("relations", self._relation_lines())
        return self._end(counts)

    def finish(self, entities: Iterator[dict[str, Any]], relations: Iterator[dict[str, Any]]) -> dict[str, int]:
        """Write these @2 entity and relation records (compacted with `compact`), end the document, put it in place."""
        entity, relation = (compact_entity, compact_relation) if self.compact else (_same, _same)
        counts = {"reports": self.reports}
        counts["entities"] = self._section("entities", (json_line(entity(e)) for e in entities))
        counts["relations"] = self._section("relations", (json_line(relation(r)) for r in relations))
        return self._end(counts)

    def _end(self, counts: dict[str, int]) -> dict[str, int]:
        self._out.write("\n]}\n")
        self._out.flush()
        self._out.detach()
        self._spool.close()
        self._file.__exit__(None, None, None)
        return counts

    def abort(self) -> None:
        """Drop the unfinished file (an existing one at `path` stays as it was)."""
        self._out.flush()
        self._out.detach()
        self._spool.close()
        stop = RuntimeError(f"{self.path}: not written")
        self._file.__exit__(RuntimeError, stop, None)

    def __enter__(self) -> FactsWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None:
            self.abort()
