"""What both stores share: the error type, loading a facts document in groups of reports, counting."""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from policykg.extract.factsfile import FactsFile
from policykg.ontology.model import GraphModel

from .load import CHUNK_REPORTS, CreateEdges, ReportBatch, Run, chunks, report_batches
from .similarity import store_pairs

T = TypeVar("T")


class StoreError(Exception):
    """A store operation failed; the message says which and why."""


class LoadInterrupted(KeyboardInterrupt):
    """Ctrl-C while loading: the reports loaded so far stay (each whole), the one in progress is rolled back."""

    def __init__(self, loaded: int, total: int) -> None:
        super().__init__(loaded, total)
        self.loaded, self.total = loaded, total

    def __str__(self) -> str:
        return (f"loaded {self.loaded} of {self.total} reports; the store is consistent; "
                "run the same command again to finish")


class GraphStore:
    """A store: subclasses provide `model`, `read_only`, `location`, `run`, `_load_reports`, `_write`
    and `close`."""

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
        """Load these reports in one transaction: all of them or, on any error, none of them; then the
        stored region pairs, which they change, are recomputed in a transaction of their own."""
        self._load_reports(group)
        self.update_similarity()

    def _load_reports(self, group: list[ReportBatch]) -> None:
        """Load these reports in one transaction, which drops the stored region pairs (`graph.load`)."""
        raise NotImplementedError

    def update_similarity(self) -> int:
        """Recompute the stored region pairs (`graph.similarity`) in one transaction; the number stored.
        Loading does it; a graph whose ADOPTS or DEVELOPS edges were changed by hand needs it."""
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; writes are refused")
        return self._write(store_pairs, "region pairs not stored")

    def _write(self, work: Callable[[Run, CreateEdges], T], failed: str) -> T:
        """`work(run, create_edges)` in one write transaction: all of it or, on any error, none of it
        (a StoreError saying `failed`)."""
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
        not at all. Each group drops the stored region pairs, and they are
        recomputed once, after the last group (until then the queries that read
        them run in full). Ctrl-C raises `LoadInterrupted` saying how many reports
        were loaded; loading the same facts again finishes the job (a loaded
        report is replaced by itself).
        """
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; cannot load")
        source = facts if isinstance(facts, dict) else FactsFile(facts)
        total = len(source.get("reports", [])) if isinstance(source, dict) else source.count("reports")
        loaded, failed, written = [], [], 0
        try:
            with held_interrupts() as interrupted:
                for group in chunks(report_batches(source, self.model), max_reports=group_size):
                    if interrupted:  # held while the store was set up for the load
                        raise LoadInterrupted(len(loaded), total)
                    done = self._load_group(group, failed)
                    for batch in done:
                        loaded.append(batch.report["source"])
                        written += batch.size
                    if progress:
                        for batch in group:
                            progress(batch)
                    if interrupted:
                        raise LoadInterrupted(len(loaded), total)
                if loaded:
                    self._update_similarity(failed)
        except LoadInterrupted:
            raise
        except KeyboardInterrupt:  # not held (another thread, another handler): the transaction rolled back
            raise LoadInterrupted(len(loaded), total) from None
        return {"loaded": loaded, "failed": failed, "written": written}

    def _update_similarity(self, failed: list[str]) -> None:
        """`update_similarity`, its failure reported with the reports' (the store stays consistent: without
        stored pairs, the queries run in full)."""
        try:
            self.update_similarity()
        except StoreError as exc:
            failed.append(str(exc))

    def _load_group(self, group: list[ReportBatch], failed: list[str]) -> list[ReportBatch]:
        """Load one group in one transaction; when it fails, its reports one by one. The batches loaded."""
        try:
            self._load_reports(group)
            return group
        except StoreError as exc:
            if len(group) == 1:
                failed.append(str(exc))
                return []
        done = []
        for batch in group:
            try:
                self._load_reports([batch])
                done.append(batch)
            except StoreError as one:
                failed.append(str(one))
        return done

    def counts(self) -> dict[str, int]:
        """Number of nodes per label and relationships per type."""
        out = {}
        for label in self.model.nodes:
            out[label] = self.run(f"MATCH (n:{label}) RETURN count(n)")[1][0][0]
        for rtype in self.model.relationships:
            out[rtype] = self.run(f"MATCH ()-[r:{rtype}]->() RETURN count(r)")[1][0][0]
        return out


@contextmanager
def held_interrupts() -> Iterator[list[int]]:
    """Hold Ctrl-C (SIGINT) while a report is written; the list it yields fills when one arrived.

    The database engine is then never interrupted inside a transaction (LadybugDB
    checks for signals inside its calls); the caller stops between two reports.
    Inside another hold the list is the outer one's (a store holds from its own set-up on). Outside the main
    thread, or under a handler other than Python's default or this one, nothing is held.
    """
    current = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    if isinstance(current, _Holder):  # held already by an outer caller (a store's own set-up): share its list
        yield current.held
        return
    if current is not signal.default_int_handler:
        yield []
        return
    holder = _Holder()
    signal.signal(signal.SIGINT, holder)
    try:
        yield holder.held
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class _Holder:
    """The SIGINT handler of `held_interrupts`: it notes the signal and lets the work go on."""

    def __init__(self) -> None:
        self.held: list[int] = []

    def __call__(self, signum: int, _frame: object) -> None:
        self.held.append(signum)
