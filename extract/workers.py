"""Running the two pipeline stages over a batch in a pool of worker processes.

Stage one runs on each report in a worker, the reports handed over as they
are read (so a batch is never read whole first); they come back in input
order, their accepted names are collected here, and each report (released:
original text and mentions only) is spooled to a temporary file, so a large
batch is never held in memory. Stage two then runs on each spooled report in a
worker that holds every accepted name, and hands back what the report
contributes to the facts, again in input order. The workers run the same
functions as a single-process run, in the same order per report, so the facts
are the same whatever the number of workers.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import IO, Any, TypeVar

from . import tokens
from .document import Document
from .resolve import AcceptedNames

T = TypeVar("T")

First = Callable[[Document], Document]
Second = Callable[[Document, AcceptedNames, int], T]

#: What a stage-two worker holds: the accepted names and the stage function (set once per worker).
_state: dict[str, Any] = {}


def cores() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init_second(names: AcceptedNames, second: Second[Any]) -> None:
    _state["names"], _state["second"] = names, second


def _run_second(job: tuple[int, Document]) -> Any:
    index, doc = job
    return _state["second"](doc, _state["names"], index)


def _spooled(spool: IO[bytes], count: int) -> Iterator[tuple[int, Document]]:
    spool.seek(0)
    for index in range(count):
        yield index, pickle.load(spool)


def _pool(workers: int, **kwargs: Any) -> Any:
    # fork: the workers start with jieba and the lexicons already loaded by this process
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return context.Pool(workers, **kwargs)


def two_stages(docs: Iterable[Document], first: First, second: Second[T], workers: int | None = None,
               progress: Callable[[Document], None] | None = None) -> Iterator[T]:
    """`second(doc, names, index)` of every document after `first` ran on all of them, in input order.

    `workers` processes (default: one per core; 1 or a batch of one report runs
    here, in this process). `progress` is called once per document after stage one.
    The documents are taken one at a time as stage one needs them (a generator
    that reads them stays lazy; a list is emptied as they go, so their text is
    freed once they are spooled).
    """
    wanted = workers or cores()
    source = _drain(docs) if isinstance(docs, list) else iter(docs)
    head = list(islice(source, wanted))  # enough of the batch to know whether a pool is worth starting
    workers = min(wanted, len(head))
    batch = chain(_drain(head), source)
    tokens.prepare()
    names = AcceptedNames()
    with tempfile.TemporaryFile() as spool:
        pool = _pool(workers) if workers > 1 else None
        try:
            done = pool.imap(first, batch) if pool else map(first, batch)
            count = 0
            for index, doc in enumerate(done):
                names.collect(doc, index)
                doc.release()
                pickle.dump(doc, spool, protocol=pickle.HIGHEST_PROTOCOL)
                count += 1
                if progress:
                    progress(doc)
        finally:
            if pool:
                pool.terminate()
        if workers <= 1:
            for index, doc in _spooled(spool, count):
                yield second(doc, names, index)
            return
        pool = _pool(workers, initializer=_init_second, initargs=(names, second))
        try:
            yield from pool.imap(_run_second, _spooled(spool, count))
        finally:
            pool.terminate()


def _drain(docs: list[Document]) -> Iterator[Document]:
    """The documents, each dropped from the list once handed out (so its text can be freed early)."""
    for i in range(len(docs)):
        doc, docs[i] = docs[i], None  # type: ignore[call-overload]
        yield doc
