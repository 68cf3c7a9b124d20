"""What both stores share: the error type, loading a facts document report by report, counting."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policykg.ontology.model import GraphModel

from .load import ReportBatch, batches


class StoreError(Exception):
    """A store operation failed; the message says which and why."""


class GraphStore:
    """A store: subclasses provide `model`, `read_only`, `location`, `run`, `load_batch` and `close`."""

    model: GraphModel
    read_only: bool

    @property
    def location(self) -> str:
        """Where the data lives, for messages."""
        raise NotImplementedError

    def run(self, cypher: str, params: dict[str, Any] | None = None,
            write: bool = False) -> tuple[list[str], list[list[Any]]]:
        """Run Cypher and return (columns, rows); without `write`, writes are refused."""
        raise NotImplementedError

    def load_batch(self, batch: ReportBatch) -> None:
        """Load one report atomically: all of it or, on any error, none of it."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the store's resources."""
        raise NotImplementedError

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load_facts(self, facts: dict[str, Any],
                   progress: Callable[[ReportBatch], None] | None = None) -> dict[str, Any]:
        """Load every report of a facts document; a report that fails is reported, the rest go on."""
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; cannot load")
        loaded, failed, written = [], [], 0
        for batch in batches(facts, self.model):
            try:
                self.load_batch(batch)
                loaded.append(batch.report["source"])
                written += batch.size
            except StoreError as exc:
                failed.append(str(exc))
            if progress:
                progress(batch)
        return {"loaded": loaded, "failed": failed, "written": written}

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type."""
        out = {}
        for label in self.model.nodes:
            out[label] = self.run(f"MATCH (n:{label}) RETURN count(n)")[1][0][0]
        for rtype in self.model.relationships:
            out[rtype] = self.run(f"MATCH ()-[r:{rtype}]->() RETURN count(r)")[1][0][0]
        return out
