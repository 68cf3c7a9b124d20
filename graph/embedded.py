"""The embedded store: LadybugDB (a maintained Kùzu fork), a database file, no server."""
from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

import ladybug

from policykg.ontology.model import GraphModel, load_model

from .base import GraphStore, StoreError
from .load import ReportBatch, group_names, load_reports, unwind_edges

#: Below this many rows, `UNWIND … CREATE` beats the fixed cost of a `COPY FROM`.
COPY_MIN_ROWS = 1000

_LB_TYPE = {"STRING": "STRING", "INT64": "INT64", "BOOL": "BOOLEAN"}


def schema_statements(model: GraphModel) -> list[str]:
    """Ladybug DDL generated from the ontology-defined model."""

    def columns(props) -> list[str]:
        return [f"{p.key} {_LB_TYPE[p.type]}{'[]' if p.is_list else ''}" for p in props]

    out = []
    for node in model.nodes.values():
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {node.label}("
                   f"{', '.join(columns(node.properties))}, PRIMARY KEY(id))")
    for rel in model.relationships.values():
        parts = [f"FROM {a} TO {b}" for a, b in rel.pairs] + columns(rel.properties)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({', '.join(parts)})")
    return out


def _csv_value(value: Any) -> Any:
    """A property value as COPY FROM reads it: null as an empty field, a list as [a,b]."""
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return json.dumps(value)
    return value


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

    def load_reports(self, group: list[ReportBatch]) -> None:
        """Load these reports in one transaction: all of them or, on any error, none of them."""
        self._conn.execute("BEGIN TRANSACTION")
        try:
            load_reports(lambda q, p: self._execute(q, p)[1], group, self.model, self._copy_edges)
            self._conn.execute("COMMIT")
        except (RuntimeError, ValueError, TypeError) as exc:  # a bad value fails before the statement runs
            self._rollback()
            raise StoreError(f"{group_names(group)}: not loaded: {exc}") from exc
        except BaseException:  # Ctrl-C half-way through a group: none of it stays
            self._rollback()
            raise

    def _copy_edges(self, rtype: str, src: str, dst: str, keys: list[str], rows: list[dict[str, Any]]) -> None:
        """Create relationships with `COPY FROM` a temporary CSV file (an order of magnitude faster than
        `UNWIND … CREATE` here); it runs inside the open transaction. Every field is quoted, so an empty
        string stays one and an empty field is null."""
        if len(rows) < COPY_MIN_ROWS:
            unwind_edges(lambda q, p: self._execute(q, p)[1])(rtype, src, dst, keys, rows)
            return
        keys = [p.key for p in self.model.relationships[rtype].properties]  # COPY reads columns in table order
        with tempfile.TemporaryDirectory(prefix="policykg-copy-") as tmp:
            path = Path(tmp) / f"{rtype}.csv"
            with path.open("w", encoding="utf-8", newline="") as f:
                out = csv.writer(f, quoting=csv.QUOTE_ALL)
                out.writerow(["from", "to", *keys])
                for row in rows:
                    out.writerow([row["source"], row["target"], *(_csv_value(row.get(k)) for k in keys)])
            self._execute(f"COPY {rtype} FROM '{path.as_posix()}' "
                          f"(from='{src}', to='{dst}', header=true, parallel=false)")

    def close(self) -> None:
        """Release the database file."""
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()
        self._conn = self._db = None


__all__ = ["EmbeddedStore", "StoreError", "schema_statements"]
