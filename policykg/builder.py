"""The whole job in one call: extract reports, load them, write the page and the Turtle file."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.extract import extract_paths
from policykg.graph.html import write_page
from policykg.graph.queries import run_query
from policykg.graph.store import open_store
from policykg.ontology.rdf import export_graph


@dataclass
class BuildResult:
    """What a build produced and what went wrong along the way."""

    facts: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    shared: tuple[list[str], list[list[Any]]] = ([], [])
    html: Path | None = None
    ttl: Path | None = None
    store: str = ""


def build(
    paths: Iterable[str | Path],
    db: str | Path | None = None,
    neo4j: str | None = None,
    html: str | Path | None = "graph.html",
    ttl: str | Path | None = "graph.ttl",
    text_field: str | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Extract `paths`, load the facts into the store, write `html` and `ttl`, summarise."""
    facts, errors, warnings = extract_paths(
        paths, text_field=text_field, overrides=overrides,
        progress=(lambda doc: progress(doc.source)) if progress else None)
    result = BuildResult(facts, [str(e) for e in errors], warnings)
    with open_store(db, neo4j=neo4j) as store:
        result.store = store.location
        summary = store.load_facts(facts)
        result.errors += summary["failed"]
        result.counts = store.counts()
        result.shared = run_query(store, "shared-initiatives", {"limit": 10})
        if html:
            result.html = write_page(store, html)
        if ttl:
            result.ttl = export_graph(store, ttl, fmt="turtle")
    return result
