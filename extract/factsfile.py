"""Reading and writing facts documents as files, streaming, and reading policykg/facts@1.

The writer lays a document out one record per line, so that the reader can go
through it a line at a time and neither `extract` nor `load` holds it whole:

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

It is still one JSON document. A file in any other layout (pretty-printed, or
policykg/facts@1) is read whole and converted (`upgrade`).
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from policykg.outputs import atomic_file

from .facts import SCHEMA, SCHEMA_V1, FactsBuilder, ReportFacts, generator

SECTIONS = ("reports", "entities", "relations")


class FactsFileError(ValueError):
    """A file that is not a facts document this version can read; the message names the file."""


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class FactsWriter:
    """Writes a facts document while reports arrive: their records go straight to the file.

    Only entities and relations (without sentences) are held until `close`. The
    file appears under its name when complete (written beside it, then renamed).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file = atomic_file(self.path)  # one mechanism for every output: temporary file, then rename
        self._out: IO[str] = io.TextIOWrapper(self._file.__enter__(), encoding="utf-8", newline="\n")
        self._builder = FactsBuilder()
        self._first = True
        self.reports = 0
        self._out.write(_line({"schema": SCHEMA, "generator": generator()})[:-1] + ",\n\"reports\":[\n")

    def add(self, facts: ReportFacts) -> None:
        """Write one report's record and keep its entities and relations for the end."""
        self._builder.merge(facts, keep_report=False)
        self.add_report(facts.report)

    def add_report(self, report: dict[str, Any]) -> None:
        """Write one report record as it is."""
        self._out.write(("" if self._first else ",\n") + _line(report))
        self._first = False
        self.reports += 1

    def _section(self, name: str, records: Iterator[dict[str, Any]]) -> int:
        self._out.write(f"\n],\n\"{name}\":[\n")
        n = 0
        for n, record in enumerate(records, 1):
            self._out.write(("" if n == 1 else ",\n") + _line(record))
        return n

    def close(self) -> dict[str, int]:
        """Finish the document and put it in place; return how many reports, entities and relations it holds."""
        return self.finish(self._builder.entity_records(), self._builder.relation_records())

    def finish(self, entities: Iterator[dict[str, Any]], relations: Iterator[dict[str, Any]]) -> dict[str, int]:
        """Write these entities and relations, end the document and put it in place; return the counts."""
        counts = {"reports": self.reports}
        counts["entities"] = self._section("entities", entities)
        counts["relations"] = self._section("relations", relations)
        self._out.write("\n]}\n")
        self._out.flush()
        self._out.detach()
        self._file.__exit__(None, None, None)
        return counts

    def abort(self) -> None:
        """Drop the unfinished file (an existing one at `path` stays as it was)."""
        self._out.flush()
        self._out.detach()
        stop = RuntimeError(f"{self.path}: not written")
        self._file.__exit__(RuntimeError, stop, None)

    def __enter__(self) -> FactsWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None:
            self.abort()


def dump(facts: dict[str, Any], stream: IO[str]) -> None:
    """Write an in-memory facts document (either version) to an open text stream, in the same layout."""
    facts = upgrade(facts)
    stream.write(_line({"schema": SCHEMA, "generator": facts.get("generator") or generator()})[:-1] + ",\n")
    for i, name in enumerate(SECTIONS):
        stream.write(("" if i == 0 else "\n],\n") + f'"{name}":[\n')
        stream.write(",\n".join(_line(record) for record in facts[name]))
    stream.write("\n]}\n")


def write_facts(facts: dict[str, Any], path: str | Path) -> Path:
    """Write an in-memory facts document (either version) to `path` in the streaming layout."""
    facts = upgrade(facts)
    with FactsWriter(path) as writer:
        for report in facts["reports"]:
            writer.add_report(report)
        writer.finish(iter(facts["entities"]), iter(facts["relations"]))
    return Path(path)


def upgrade(facts: dict[str, Any]) -> dict[str, Any]:
    """A policykg/facts@2 document from a @1 or @2 one (a @2 document is returned as it is).

    @1 kept each evidence sentence in every mention and evidence record; @2 keeps
    it once, in its report's `sentences` table, and points at it by index.
    """
    schema = facts.get("schema")
    if schema == SCHEMA:
        return facts
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
        streaming = head.startswith('{"schema":"' + SCHEMA + '"') and second == '"reports":[\n'
        if streaming:
            try:
                self.header = json.loads(head.rstrip().removesuffix(",") + "}")
            except json.JSONDecodeError as exc:
                raise FactsFileError(f"{self.path}: broken header line: {exc}") from exc
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
        with self.path.open(encoding="utf-8", newline="\n") as f:
            for number, line in enumerate(f, 1):
                if not inside:
                    inside = line == opening
                    continue
                if line.startswith("]"):
                    return
                try:
                    yield json.loads(line.rstrip("\n").removesuffix(","))
                except json.JSONDecodeError as exc:
                    raise FactsFileError(f"{self.path}:{number}: broken record: {exc}") from exc
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
        """The whole document in memory (for small documents and tests)."""
        return {**self.header, **{name: list(self.section(name)) for name in SECTIONS}}


def read_facts(path: str | Path) -> dict[str, Any]:
    """The facts document at `path` as policykg/facts@2, whole (a @1 file is converted)."""
    return FactsFile(path).read()

