"""What both stores share: the error type, loading a facts document in groups of reports, counting."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg.extract.factsfile import FactsFile
from policykg.ontology.model import GraphModel

from .load import CHUNK_REPORTS, ReportBatch, chunks, report_batches


class StoreError(Exception):
    """A store operation failed; the message says which and why."""


class GraphStore:
    """A store: subclasses provide `model`, `read_only`, `location`, `run`, `load_reports` and `close`."""

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

    def load_reports(self, group: list[ReportBatch]) -> None:
        """Load these reports in one transaction: all of them or, on any error, none of them."""
        raise NotImplementedError

    def load_batch(self, batch: ReportBatch) -> None:
        """Load one report atomically: all of it or, on any error, none of it."""
        self.load_reports([batch])

    def close(self) -> None:
        """Release the store's resources."""
        raise NotImplementedError

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load_facts(self, facts: dict[str, Any] | str | Path,
                   progress: Callable[[ReportBatch], None] | None = None,
                   group_size: int = CHUNK_REPORTS) -> dict[str, Any]:
        """Load every report of a facts document (in memory, or a file read as a stream).

        Reports go in groups of up to `group_size`, one transaction each. When a
        group fails, its reports are loaded again one by one, so a bad report
        is reported and the others go in; each report is in the store whole or
        not at all.
        """
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; cannot load")
        source = facts if isinstance(facts, dict) else FactsFile(facts)
        loaded, failed, written = [], [], 0
        for group in chunks(report_batches(source, self.model), max_reports=group_size):
            try:
                self.load_reports(group)
                done = group
            except StoreError as exc:
                done = []
                if len(group) == 1:
                    failed.append(str(exc))
                for batch in group if len(group) > 1 else ():
                    try:
                        self.load_reports([batch])
                        done.append(batch)
                    except StoreError as one:
                        failed.append(str(one))
            for batch in done:
                loaded.append(batch.report["source"])
                written += batch.size
            if progress:
                for batch in group:
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
