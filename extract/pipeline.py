"""The extraction pipeline: per-report components, then the corpus stage, one report at a time.

Stage one runs the document components on each report and collects the names
the second pass will look for; stage two settles each report (second pass,
nesting, relations) and hands it on. Between the stages a report keeps only its
original text and mentions: normalised text and offsets are recomputed, so a
large batch never holds every report's offset map at once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .chains import find_chains
from .context import apply_vetoes
from .document import Document
from .enterprises import find_enterprises
from .facts import FactsBuilder, ReportFacts, report_facts
from .factsfile import FactsWriter
from .ingest import InputError, iter_inputs, read_inputs
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
from .workers import two_stages

#: Components that each read and annotate one document, in order.
DOCUMENT_COMPONENTS: list[Callable[[Document], Document]] = [
    normalize, segment, read_metadata,
    find_regions, find_chains, find_parks, find_projects, find_enterprises, find_initiatives,
]

#: Components that rebuild what `Document.release` dropped.
RESTORE_COMPONENTS: list[Callable[[Document], Document]] = [normalize, segment]


def first_stage(doc: Document) -> Document:
    """Stage one on one report: every document component, the report's own region, the context vetoes."""
    for component in DOCUMENT_COMPONENTS:
        component(doc)
    add_report_region(doc)
    apply_vetoes(doc)
    return doc


def second_stage(doc: Document, names: AcceptedNames, index: int) -> Document:
    """Stage two on report number `index` (released after stage one): second pass, settling, relations."""
    for component in RESTORE_COMPONENTS:
        component(doc)
    names.apply(doc, index)
    settle(doc)
    document_relations(doc)
    return doc


def settled_facts(doc: Document, names: AcceptedNames, index: int) -> ReportFacts:
    """Stage two on one report, and what it contributes to the facts document."""
    return report_facts(second_stage(doc, names, index))


def report_facts_stream(docs: Iterable[Document], progress: Callable[[Document], None] | None = None,
                        workers: int | None = None) -> Iterator[ReportFacts]:
    """What each document contributes to the facts, in input order, computed by `workers` processes.

    The documents are taken as they are needed; a list is emptied as they go
    through (see `workers.two_stages`).
    """
    return two_stages(docs, first_stage, settled_facts, workers=workers, progress=progress)


def annotate(docs: Sequence[Document], progress: Callable[[Document], None] | None = None,
             sink: Callable[[Document], None] | None = None) -> Sequence[Document]:
    """Run every component over the documents, in this process.

    `progress` is called once per document after stage one. With a `sink`,
    each settled document is handed to it and then released (text and
    annotations); without one, every document is returned fully annotated.
    """
    names = AcceptedNames()
    for i, doc in enumerate(docs):
        first_stage(doc)
        names.collect(doc, i)
        doc.release()
        if progress:
            progress(doc)
    for i, doc in enumerate(docs):
        second_stage(doc, names, i)
        if sink:
            sink(doc)
            doc.release(annotations=True)
    return docs


def _facts(docs: list[Document], progress: Callable[[Document], None] | None = None,
           workers: int | None = None) -> tuple[dict[str, Any], list[str]]:
    builder = FactsBuilder()
    warnings = []
    for facts in report_facts_stream(docs, progress=progress, workers=workers):
        builder.merge(facts)
        warnings += [f"{facts.report['source']}: {w}" for w in facts.warnings]
    return builder.facts(), warnings


def extract_texts(texts: dict[str, str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Facts from in-memory texts keyed by source name (no file I/O); `overrides` as for `extract_paths`."""
    docs = [Document(source, text) for source, text in texts.items()]
    apply_overrides(docs, overrides)
    return _facts(docs, workers=1)[0]


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
    workers: int | None = None,
) -> tuple[dict[str, Any], list[InputError], list[str]]:
    """Read inputs and extract facts: (facts, input errors, warnings naming each file).

    A folder's files of other kinds are warnings (`<file>: skipped: <why>`). `workers`
    processes share the reports (default: one per core; 1 runs in this process); the
    facts are the same whatever the number.
    """
    docs, problems = read_inputs(paths, text_field=text_field)
    apply_overrides(docs, overrides)
    facts, warnings = _facts(docs, progress, workers)
    errors, skipped = _split_problems(problems)
    return facts, errors, skipped + warnings
    return facts, errors, warnings


def _split_problems(problems: list[InputError]) -> tuple[list[InputError], list[str]]:
    """Input problems as (errors, warnings): a folder's files of other kinds are skipped with a warning."""
    return [e for e in problems if not e.skipped], [str(e) for e in problems if e.skipped]


def extract_to_file(
    paths: Iterable[str | Path],
    out: str | Path,
    text_field: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    progress: Callable[[Document], None] | None = None,
    workers: int | None = None,
    compact: bool = False,
) -> tuple[dict[str, int], list[InputError], list[str]]:
    """Read inputs and stream their facts into the file `out`: (counts, input errors, warnings).

    The file is policykg/facts@2, the published layout; `compact` writes
    policykg/facts@3, about two thirds of the size, which only policykg reads.

    The inputs are read as the workers need them and each report's record is
    written as soon as it is settled, so neither the texts nor the document are
    ever held whole; the file appears complete or not at all, and not at all when
    every input failed.
    """
    problems: list[InputError] = []
    docs = (apply_metadata_overrides(doc, overrides) for doc in iter_inputs(paths, problems, text_field))
    report_warnings: list[str] = []
    with FactsWriter(out, compact=compact) as writer:
        for facts in report_facts_stream(docs, progress=progress, workers=workers):
            writer.add(facts)
            report_warnings += [f"{facts.report['source']}: {w}" for w in facts.warnings]
        errors, warnings = _split_problems(problems)  # complete now that every input was read
        warnings += report_warnings
        if not writer.reports and errors:
            writer.abort()  # every input failed: an existing `out` stays as it was
            return {"reports": 0, "entities": 0, "relations": 0}, errors, warnings
        counts = writer.close()
    return counts, errors, warnings
