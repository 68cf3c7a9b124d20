"""The extraction pipeline: per-report components, then the corpus stage, one report at a time.

Stage one runs the document components on each report and collects the names
the second pass will look for; stage two settles each report (second pass,
nesting, relations) and hands it on. Between the stages a report keeps only its
original text and mentions: normalised text and offsets are recomputed, so a
large batch never holds every report's offset map at once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .chains import find_chains
from .context import apply_vetoes
from .document import Document
from .enterprises import find_enterprises
from .facts import FactsBuilder
from .ingest import InputError, read_inputs
from .initiatives import find_initiatives
from .metadata import apply_overrides as apply_metadata_overrides
from .metadata import read_metadata
from .normalize import normalize
from .parks import find_parks
from .projects import find_projects
from .regions import find_regions
from .relations import document_relations
from .resolve import AcceptedNames, add_report_region, settle
from .segment import segment

#: Components that each read and annotate one document, in order.
DOCUMENT_COMPONENTS: list[Callable[[Document], Document]] = [
    normalize, segment, read_metadata,
    find_regions, find_chains, find_parks, find_projects, find_enterprises, find_initiatives,
]

#: Components that rebuild what `Document.release` dropped.
RESTORE_COMPONENTS: list[Callable[[Document], Document]] = [normalize, segment]


def annotate(docs: Sequence[Document], progress: Callable[[Document], None] | None = None,
             sink: Callable[[Document], None] | None = None) -> Sequence[Document]:
    """Run every component over the documents.

    `progress` is called once per document after stage one. With a `sink`,
    each settled document is handed to it and then released (text and
    annotations); without one, every document is returned fully annotated.
    """
    names = AcceptedNames()
    for i, doc in enumerate(docs):
        for component in DOCUMENT_COMPONENTS:
            component(doc)
        add_report_region(doc)
        apply_vetoes(doc)
        names.collect(doc, i)
        doc.release()
        if progress:
            progress(doc)
    for i, doc in enumerate(docs):
        for component in RESTORE_COMPONENTS:
            component(doc)
        names.apply(doc, i)
        settle(doc)
        document_relations(doc)
        if sink:
            sink(doc)
            doc.release(annotations=True)
    return docs


def _facts(docs: Sequence[Document], progress: Callable[[Document], None] | None = None) -> dict[str, Any]:
    builder = FactsBuilder()
    annotate(docs, progress=progress, sink=builder.add)
    return builder.facts()


def extract_texts(texts: dict[str, str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Facts from in-memory texts keyed by source name (no file I/O); `overrides` as for `extract_paths`."""
    docs = [Document(source, text) for source, text in texts.items()]
    apply_overrides(docs, overrides)
    return _facts(docs)


def apply_overrides(docs: Sequence[Document], overrides: Mapping[str, Any] | None) -> None:
    """Set report metadata given by the caller (command-line options win over table columns and the text).

    Keys: ``region`` (a name such as 台儿庄区 or 枣庄市台儿庄区, resolved to its
    code), ``province`` (narrows an ambiguous region name), ``year`` (the year
    reviewed), ``date``, ``speaker``, ``title``; None values are ignored.
    """
    for doc in docs:
        apply_metadata_overrides(doc, overrides)


def extract_paths(
    paths: Iterable[str | Path],
    text_field: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    progress: Callable[[Document], None] | None = None,
) -> tuple[dict[str, Any], list[InputError], list[str]]:
    """Read inputs and extract facts: (facts, input errors, warnings naming each file).

    A folder's files of other kinds are warnings (`<file>: skipped: <why>`).
    """
    docs, problems = read_inputs(paths, text_field=text_field)
    apply_overrides(docs, overrides)
    facts = _facts(docs, progress)
    errors = [e for e in problems if not e.skipped]
    warnings = [str(e) for e in problems if e.skipped] + [f"{d.source}: {w}" for d in docs for w in d.warnings]
    return facts, errors, warnings
