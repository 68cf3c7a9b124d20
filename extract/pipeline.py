"""The extraction pipeline: per-report components, then corpus-level components."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .chains import find_chains
from .document import Document
from .enterprises import find_enterprises
from .facts import build_facts
from .ingest import InputError, read_inputs
from .initiatives import find_initiatives
from .metadata import apply_overrides as apply_metadata_overrides
from .metadata import read_metadata
from .normalize import normalize
from .parks import find_parks
from .projects import find_projects
from .regions import find_regions
from .relations import find_relations
from .resolve import resolve
from .segment import segment

#: Components that each read and annotate one document, in order.
DOCUMENT_COMPONENTS: list[Callable[[Document], Document]] = [
    normalize, segment, read_metadata,
    find_regions, find_chains, find_parks, find_projects, find_enterprises, find_initiatives,
]

#: Components that work across all documents of a batch, in order.
CORPUS_COMPONENTS: list[Callable[[Sequence[Document]], Sequence[Document]]] = [resolve, find_relations]


def annotate(docs: Sequence[Document], progress: Callable[[Document], None] | None = None) -> Sequence[Document]:
    """Run every component over the documents (progress is called once per document)."""
    for doc in docs:
        for component in DOCUMENT_COMPONENTS:
            component(doc)
        if progress:
            progress(doc)
    for corpus_component in CORPUS_COMPONENTS:
        corpus_component(docs)
    return docs


def extract_texts(texts: dict[str, str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Facts from in-memory texts keyed by source name (no file I/O); `overrides` as for `extract_paths`."""
    docs = [Document(source, text) for source, text in texts.items()]
    apply_overrides(docs, overrides)
    return build_facts(annotate(docs))


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
    """Read inputs and extract facts: (facts, input errors, warnings naming each file)."""
    docs, errors = read_inputs(paths, text_field=text_field)
    apply_overrides(docs, overrides)
    annotate(docs, progress=progress)
    warnings = [f"{d.source}: {w}" for d in docs for w in d.warnings]
    return build_facts(docs), errors, warnings
