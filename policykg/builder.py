"""The whole job in one call: extract reports, load them, write the page and the Turtle file.

Each phase (extract, load, page, export) reports its progress through one
callback. The facts go through a file (`extract_to_file`, then the store reads
it a report at a time), so a build never holds the facts of the whole batch:
its memory is bounded like that of `extract` and `load`. Output paths are
checked before any work; every output is written whole or not at all
(`policykg.outputs`), and a run where every input failed leaves the store and
the existing outputs as they were. Ctrl-C raises `BuildInterrupted`, whose
message says what was completed.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.extract import extract_to_file
from policykg.extract.ingest import expand
from policykg.graph.base import LoadInterrupted
from policykg.graph.html import write_page
from policykg.graph.queries import run_query
from policykg.graph.store import open_store
from policykg.ontology.rdf import export_graph
from policykg.outputs import check_output

#: progress(phase, done, total or None, item): phase is "extract", "load", "page" or "export".
Progress = Callable[[str, int, "int | None", str], None]


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during a build; the message says what was completed and that a rerun finishes the job."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class BuildResult:
    """What a build produced and what went wrong along the way."""

    #: How many reports, entities and relations were extracted.
    extracted: dict[str, int]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    shared: tuple[list[str], list[list[Any]]] = ([], [])
    html: Path | None = None
    ttl: Path | None = None
    store: str = ""
    #: The facts file, when the build was asked to keep it (`facts=`).
    facts: Path | None = None


def build(
    paths: Iterable[str | Path],
    db: str | Path | None = None,
    neo4j: str | None = None,
    html: str | Path | None = "graph.html",
    ttl: str | Path | None = "graph.ttl",
    text_field: str | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Progress | None = None,
    facts: str | Path | None = None,
) -> BuildResult:
    """Extract `paths`, load the facts into the store, write `html` and `ttl` (None skips one), summarise.

    The facts file is kept at `facts` when given, as policykg/facts@2 (else
    written to a temporary folder in the compact @3 layout and removed).
    Raises `policykg.outputs.OutputPathError` before any work for an output
    path that cannot be written, and `BuildInterrupted` on Ctrl-C.
    """
    html_path = check_output(html) if html is not None else None
    ttl_path = check_output(ttl) if ttl is not None else None
    facts_path = check_output(facts) if facts is not None else None
    if facts_path is not None:
        return _build(paths, facts_path, db, neo4j, html_path, ttl_path, text_field, overrides, progress)
    with tempfile.TemporaryDirectory(prefix="policykg-build-") as tmp:
        # a facts file nobody else reads: the compact layout, quicker to write and to load
        result = _build(paths, Path(tmp, "facts.json"), db, neo4j, html_path, ttl_path, text_field, overrides,
                        progress, compact=True)
        result.facts = None
        return result


def _build(paths: Iterable[str | Path], facts_path: Path, db: str | Path | None, neo4j: str | None,
           html_path: Path | None, ttl_path: Path | None, text_field: str | None,
           overrides: dict[str, Any] | None, progress: Progress | None, compact: bool = False) -> BuildResult:
    """`build` with its output paths checked, the facts going through the file `facts_path`."""
    tell: Progress = progress or (lambda *_: None)
    paths = list(paths)
    total = len(list(expand(paths))) or None
    done = 0

    def extracted(doc: Any) -> None:
        nonlocal done
        done += 1
        tell("extract", done, total, Path(doc.source.partition("#")[0]).name)

    try:
        counts, errors, warnings = extract_to_file(paths, facts_path, text_field=text_field, overrides=overrides,
                                                   progress=extracted, compact=compact)
    except KeyboardInterrupt:
        raise BuildInterrupted(f"stopped while extracting ({done} reports read); nothing was stored; "
                               "run the same command again") from None
    result = BuildResult(counts, [str(e) for e in errors], warnings)
    if not counts["reports"]:
        return result  # every input failed: the store and the outputs stay as they were
    result.facts = facts_path
    n = counts["reports"]
    loaded = 0

    def stored(batch: Any) -> None:
        nonlocal loaded
        loaded += 1
        tell("load", loaded, n, Path(batch.report["source"].partition("#")[0]).name)

    try:
        store = open_store(db, neo4j=neo4j)
    except KeyboardInterrupt:
        raise BuildInterrupted(str(LoadInterrupted(0, n))) from None
    with store:
        result.store = store.location
        try:
            summary = store.load_facts(facts_path, progress=stored)
        except LoadInterrupted as exc:
            raise BuildInterrupted(str(exc)) from None
        result.errors += summary["failed"]
        done_loading = f"loaded {len(summary['loaded'])} of {n} reports; the store is complete"
        try:
            result.counts = store.counts()
            result.shared = run_query(store, "shared-initiatives", {"limit": 10})
        except KeyboardInterrupt:
            raise BuildInterrupted(f"{done_loading}; the page and the Turtle file were not written; "
                                   "run the same command again to finish") from None
        result.html = _write("page", html_path, write_page, store, tell, done_loading)
        result.ttl = _write("export", ttl_path, export_graph, store, tell, done_loading)
    return result


def _write(phase: str, path: Path | None, write: Callable[[Any, Path], Path], store: Any, tell: Progress,
           done: str) -> Path | None:
    """One output phase (page or export): skipped without a path; Ctrl-C leaves the old file as it was."""
    if path is None:
        return None
    tell(phase, 0, 1, path.name)
    try:
        written = write(store, path)
    except KeyboardInterrupt:
        raise BuildInterrupted(f"{done}; stopped while writing {path} (left as it was); "
                               "run the same command again to finish") from None
    tell(phase, 1, 1, path.name)
    return written
