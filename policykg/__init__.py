"""policykg: Chinese government work reports into a knowledge graph, with evidence.

The public calls, one per command (see the README's "Python" table)::

    from policykg import build, evaluate, export_graph, extract_paths, open_store, run_query

They are imported on first use, so `import policykg` stays cheap.
"""
from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policykg.builder import BuildResult, build
    from policykg.extract import extract_paths, extract_texts
    from policykg.extract.evaluate import Scores, evaluate
    from policykg.graph.queries import run_query
    from policykg.graph.store import open_store
    from policykg.ontology.rdf import export_graph

try:
    __version__ = version("policykg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

#: Public name → the module that defines it.
_API = {
    "build": "policykg.builder", "BuildResult": "policykg.builder",
    "extract_paths": "policykg.extract", "extract_texts": "policykg.extract",
    "evaluate": "policykg.extract.evaluate", "Scores": "policykg.extract.evaluate",
    "open_store": "policykg.graph.store", "run_query": "policykg.graph.queries",
    "export_graph": "policykg.ontology.rdf",
}
__all__ = ["BuildResult", "Scores", "__version__", "build", "evaluate", "export_graph", "extract_paths",
           "extract_texts", "open_store", "run_query"]


def __getattr__(name: str) -> Any:
    """Import a public call from its module on first use."""
    if name not in _API:
        raise AttributeError(f"module 'policykg' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
