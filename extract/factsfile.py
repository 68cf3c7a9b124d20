"""Reading and writing facts documents as files, streaming; reading policykg/facts@1, @2 and @3 files.

A file (policykg/facts@2, or the compact @3) holds one record per line, so that
the reader can go through it a line at a time and neither `extract` nor `load`
holds it whole:

    {"schema":"policykg/facts@2","generator":{...},
    "reports":[
    {...one report, with its sentence table...},
    ...
    ],
    "entities":[
    ...
    ],
    "relations":[
    ...
    ]}

It is still one JSON document. A @3 file's mention and evidence records are
compact (`extract.compact`); the reader hands out the policykg/facts@2 records,
which is what documents in memory are. A file in any other layout
(pretty-printed, policykg/facts@1, or a @2 or @3 file written by hand) is read
whole and converted (`upgrade`).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .compact import compact_entity, compact_relation, expand_entity, expand_relation, json_line
from .facts import SCHEMA, SCHEMA_V1, generator
from .factswriter import FILE_SCHEMA, FactsWriter

__all__ = ["FILE_SCHEMA", "FactsFile", "FactsFileError", "FactsWriter", "dump", "read_facts", "upgrade",
           "write_facts"]

SECTIONS = ("reports", "entities", "relations")


class FactsFileError(ValueError):
    """A file that is not a facts document this version can read; the message names the file."""


#: How each section's @2 records are written into a @3 file.
_COMPACT: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "reports": lambda r: r, "entities": compact_entity, "relations": compact_relation}
#: ... and how a @3 file's records are read back.
_EXPAND: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "reports": lambda r: r, "entities": expand_entity, "relations": expand_relation}


def dump(facts: dict[str, Any], stream: IO[str], compact: bool = False) -> None:
    """Write an in-memory facts document (any version) to an open text stream as a @2 file (@3 with `compact`)."""
    facts = upgrade(facts)
    schema = FILE_SCHEMA if compact else SCHEMA
    stream.write(json_line({"schema": schema, "generator": facts.get("generator") or generator()})[:-1] + ",\n")
    for i, name in enumerate(SECTIONS):
        stream.write(("" if i == 0 else "\n],\n") + f'"{name}":[\n')
        shape = _COMPACT[name] if compact else _EXPAND[name]
        stream.write(",\n".join(json_line(shape(record)) for record in facts[name]))
    stream.write("\n]}\n")


def write_facts(facts: dict[str, Any], path: str | Path, compact: bool = False) -> Path:
    """Write an in-memory facts document (any version) to `path` as a @2 file (@3 with `compact`)."""
    facts = upgrade(facts)
    with FactsWriter(path, compact=compact) as writer:
        for report in facts["reports"]:
            writer.add_report(report)
        writer.finish(iter(facts["entities"]), iter(facts["relations"]))
    return Path(path)


def upgrade(facts: dict[str, Any]) -> dict[str, Any]:
    """A policykg/facts@2 document (what documents in memory are) from a @1, @2 or @3 one.

    @1 kept each evidence sentence in every mention and evidence record; @2 keeps
    it once, in its report's `sentences` table, and points at it by index; @3 is
    @2 with compact mention and evidence records (`extract.compact`). A @2
    document is returned as it is.
    """
    schema = facts.get("schema")
    if schema == SCHEMA:
        return facts
    if schema == FILE_SCHEMA:
        return {**facts, "schema": SCHEMA, "entities": [expand_entity(e) for e in facts["entities"]],
                "relations": [expand_relation(r) for r in facts["relations"]]}
    if schema != SCHEMA_V1:
        raise FactsFileError(f"not a policykg facts document this version reads (schema {schema!r})")
    tables: dict[str, dict[str, int]] = {r["id"]: {} for r in facts["reports"]}

    def index(report: str, sentence: str | None) -> int | None:
        table = tables.get(report)
        if not sentence or table is None:
            return None
        return table.setdefault(sentence, len(table))

    entities = [{**e, "mentions": [{**m, "sentence": index(m["report"], m.get("sentence"))}
                                   for m in e.get("mentions", [])]} for e in facts["entities"]]
    relations = [{**r, "evidence": [{**ev, "sentence": index(ev["report"], ev.get("sentence"))}
                                    for ev in r.get("evidence", [])]} for r in facts["relations"]]
    reports = [{**r, "sentences": list(tables[r["id"]])} for r in facts["reports"]]
    return {**facts, "schema": SCHEMA, "reports": reports, "entities": entities, "relations": relations}


class FactsFile:
    """A facts document on disk, read one section at a time (each call reads the file again)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._whole: dict[str, Any] | None = None
        try:
            with self.path.open(encoding="utf-8", newline="\n") as f:
                head, second = f.readline(), f.readline()
        except (OSError, UnicodeDecodeError) as exc:
            raise FactsFileError(f"{self.path}: cannot read the facts document: {exc}") from exc
        streaming = head.startswith(('{"schema":"' + FILE_SCHEMA + '"', '{"schema":"' + SCHEMA + '"')) \
            and second == '"reports":[\n'
        self._expand = _EXPAND if head.startswith('{"schema":"' + FILE_SCHEMA + '"') else None
        if streaming:
            try:
                header = json.loads(head.rstrip().removesuffix(",") + "}")
            except json.JSONDecodeError as exc:
                raise FactsFileError(f"{self.path}: broken header line: {exc}") from exc
            self.header = {**header, "schema": SCHEMA}  # the records it hands out are @2 records
        else:
            self._whole = self._read_whole()
            self.header = {k: v for k, v in self._whole.items() if k not in SECTIONS}

    def _read_whole(self) -> dict[str, Any]:
        try:
            facts = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FactsFileError(f"{self.path}: cannot read the facts document: {exc}") from exc
        if not isinstance(facts, dict) or not str(facts.get("schema", "")).startswith("policykg/facts@"):
            raise FactsFileError(f"{self.path}: not a policykg facts document (no policykg/facts@N schema)")
        try:
            return upgrade(facts)
        except (FactsFileError, KeyError, TypeError) as exc:
            raise FactsFileError(f"{self.path}: {exc}") from exc

    def section(self, name: str) -> Iterator[dict[str, Any]]:
        """The records of one section (`reports`, `entities` or `relations`), in file order."""
        if self._whole is not None:
            yield from self._whole[name]
            return
        opening = f'"{name}":[\n'
        inside = False
        expand = self._expand[name] if self._expand else None
        with self.path.open(encoding="utf-8", newline="\n") as f:
            for number, line in enumerate(f, 1):
                if not inside:
                    inside = line == opening
                    continue
                if line.startswith("]"):
                    return
                try:
                    record = json.loads(line.rstrip("\n").removesuffix(","))
                    if expand:
                        record = expand(record)
                except (KeyError, IndexError, TypeError, ValueError) as exc:  # JSONDecodeError is a ValueError
                    raise FactsFileError(f"{self.path}:{number}: broken record: {exc}") from exc
                yield record
        if not inside:
            raise FactsFileError(f"{self.path}: no {name} section")
        raise FactsFileError(f"{self.path}: the {name} section does not end (a truncated file?)")

    def count(self, name: str) -> int:
        """How many records a section holds (without parsing them)."""
        if self._whole is not None:
            return len(self._whole[name])
        opening, inside, n = f'"{name}":[\n', False, 0
        with self.path.open(encoding="utf-8", newline="\n") as f:
            for line in f:
                if not inside:
                    inside = line == opening
                elif line.startswith("]"):
                    break
                else:
                    n += 1
        return n

    def reports(self) -> Iterator[dict[str, Any]]:
        """The report records, with their sentence tables."""
        return self.section("reports")

    def entities(self) -> Iterator[dict[str, Any]]:
        """The entity records, with their mentions."""
        return self.section("entities")

    def relations(self) -> Iterator[dict[str, Any]]:
        """The relation records, with their evidence."""
        return self.section("relations")

    def read(self) -> dict[str, Any]:
        """The whole document in memory, as policykg/facts@2 (for small documents and tests)."""
        return {**self.header, **{name: list(self.section(name)) for name in SECTIONS}}


def read_facts(path: str | Path) -> dict[str, Any]:
    """The facts document at `path` as policykg/facts@2, whole (a @1 or @3 file is converted)."""
    return FactsFile(path).read()

