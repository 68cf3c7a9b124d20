"""The embedded store: LadybugDB (a maintained Kùzu fork), a database file, no server."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import ladybug

from policykg.ontology.model import GraphModel, load_model

from .base import GraphStore, StoreError, held_interrupts
from .load import CHUNK_REPORTS, CreateEdges, ReportBatch, Run, group_names, load_reports, unwind_edges
from .similarity import COLUMNS as SIMILAR_COLUMNS
from .similarity import SIMILAR

#: Below this many rows, `UNWIND … CREATE` beats the fixed cost of a `COPY FROM` a DataFrame.
COPY_MIN_ROWS = 100

_LB_TYPE = {"STRING": "STRING", "INT64": "INT64", "BOOL": "BOOLEAN"}

T = TypeVar("T")


def schema_statements(model: GraphModel) -> list[str]:
    """Ladybug DDL generated from the ontology-defined model, and the table of the stored region pairs."""

    def columns(props) -> list[str]:
        return [f"{p.key} {_LB_TYPE[p.type]}{'[]' if p.is_list else ''}" for p in props]

    out = []
    for node in model.nodes.values():
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {node.label}("
                   f"{', '.join(columns(node.properties))}, PRIMARY KEY(id))")
    for rel in model.relationships.values():
        parts = [f"FROM {a} TO {b}" for a, b in rel.pairs] + columns(rel.properties)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({', '.join(parts)})")
    columns = ", ".join(f"{key} {kind}" for key, kind in SIMILAR_COLUMNS.items())
    out.append(f"CREATE REL TABLE IF NOT EXISTS {SIMILAR}(FROM Region TO Region, {columns})")
    return out


def _value(value: Any) -> Any:
    """A property value as the loader writes it: an empty list is no list (null)."""
    return None if value == [] else value


def _frame(columns: dict[str, list[Any]]) -> Any:
    """A DataFrame for `COPY FROM`: object columns, in order (LadybugDB reads a None in one as null,
    where a numeric column would need a NaN or a pandas extension type that its scanner refuses)."""
    import pandas as pd  # only loading needs it (and it is slow to import)

    return pd.DataFrame({key: pd.Series(values, dtype=object) for key, values in columns.items()})


class EmbeddedStore(GraphStore):
    """A LadybugDB database file holding the graph."""

    kind = "embedded"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreError(f"{self.path}: no database here (run `policykg build` or `policykg load` first)")
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc
        self.model = load_model()
        #: Each relationship table's property columns, in table order (`COPY` reads them so).
        self._columns = {rel.type: [p.key for p in rel.properties] for rel in self.model.relationships.values()}
        self._columns[SIMILAR] = list(SIMILAR_COLUMNS)
        if not read_only:
            self.ensure_schema()

    @property
    def location(self) -> str:
        """Where the data lives, for messages."""
        return str(self.path)

    def ensure_schema(self) -> None:
        """Create the node and relationship tables the model defines (idempotent)."""
        for stmt in schema_statements(self.model):
            self._conn.execute(stmt)

    def _execute(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        result = self._conn.execute(cypher, params or {})
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        return result.get_column_names(), result.get_all()

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # a failed statement already ended the transaction

    def run(self, cypher: str, params: dict[str, Any] | None = None,
            write: bool = False) -> tuple[list[str], list[list[Any]]]:
        """Run Cypher and return (columns, rows); without `write`, writes are refused."""
        if write and self.read_only:
            raise StoreError(f"{self.path}: opened read-only; writes are refused")
        mode = "BEGIN TRANSACTION" if write else "BEGIN TRANSACTION READ ONLY"
        self._conn.execute(mode)
        try:
            out = self._execute(cypher, params)
            self._conn.execute("COMMIT")
            return out
        except RuntimeError as exc:
            self._rollback()
            if not write and "read-only" in str(exc):
                raise StoreError("this statement writes; pass --write (write=True) to allow it") from exc
            raise StoreError(str(exc)) from exc

    def load_facts(self, facts: dict[str, Any] | str | Path, progress: Callable[[ReportBatch], None] | None = None,
                   group_size: int = CHUNK_REPORTS) -> dict[str, Any]:
        """`GraphStore.load_facts`, checkpointing once at the end rather than at every group's COMMIT.

        LadybugDB checkpoints (writes the WAL into the database file) whenever the WAL passes 16 MB,
        and with a group's mentions that was nearly every COMMIT: a third of a load. Each commit is
        still durable in the WAL, so a crash loses nothing that was committed; the WAL is replayed
        when the database is next opened.
        """
        # Ctrl-C is held from the first statement on: LadybugDB swallows a KeyboardInterrupt raised while it
        # checks the SIGINT handler before a query, so an unheld one here would be lost
        with held_interrupts():
            self._conn.execute("CALL auto_checkpoint=false")
            try:
                return super().load_facts(facts, progress, group_size)
            finally:
                self._conn.execute("CALL auto_checkpoint=true")
                self._conn.execute("CHECKPOINT")

    def _load_reports(self, group: list[ReportBatch]) -> None:
        """Load these reports in one transaction: all of them or, on any error, none of them."""
        self._write(lambda run, create: load_reports(run, group, self.model, create),
                    f"{group_names(group)}: not loaded")

    def _write(self, work: Callable[[Run, CreateEdges], T], failed: str) -> T:
        """`work(run, create_edges)` in one write transaction: all of it or, on any error, none of it."""
        self._conn.execute("BEGIN TRANSACTION")
        try:
            out = work(lambda q, p: self._execute(q, p)[1], self._copy_edges)
            self._conn.execute("COMMIT")
            return out
        except (RuntimeError, ValueError, TypeError) as exc:  # a bad value fails before the statement runs
            self._rollback()
            raise StoreError(f"{failed}: {exc}") from exc
        except BaseException:  # Ctrl-C half-way through: none of it stays
            self._rollback()
            raise

    def _copy_edges(self, rtype: str, src: str, dst: str, keys: list[str], rows: list[dict[str, Any]]) -> None:
        """Create relationships with `COPY FROM` a pandas DataFrame (LadybugDB scans its columns
        directly: tens of times faster than `UNWIND … CREATE`, and than `COPY` from a CSV file, whose
        reader spent most of a load parsing the quoted evidence sentences); it runs inside the open
        transaction. A null stays null and an empty string stays one."""
        if len(rows) < COPY_MIN_ROWS:
            unwind_edges(lambda q, p: self._execute(q, p)[1])(rtype, src, dst, keys, rows)
            return
        keys = self._columns[rtype]  # COPY reads columns in table order
        frame = _frame({"from": [row["source"] for row in rows], "to": [row["target"] for row in rows],
                        **{k: [_value(row.get(k)) for row in rows] for k in keys}})
        self._execute(f"COPY {rtype} FROM $frame (from='{src}', to='{dst}')", {"frame": frame})

    def close(self) -> None:
        """Release the database file."""
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()
        self._conn = self._db = None


__all__ = ["EmbeddedStore", "StoreError", "schema_statements"]
