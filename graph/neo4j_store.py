"""The Neo4j store: the same model, load statements and queries as the embedded store, over Bolt.

Schema (uniqueness constraints and indexes) is generated from the ontology-defined model. Each
report loads in one managed write transaction (`session.execute_write`), so the driver retries
transient errors and a report is written fully or not at all. The password is handed to the
driver and kept nowhere else; no message or repr shows it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable
from neo4j.graph import Node, Path, Relationship

from policykg.ontology.model import GraphModel, load_model

from .base import GraphStore, StoreError
from .load import CreateEdges, ReportBatch, Run, group_names, load_reports

#: Node properties worth a range index besides the unique `id` (lookups by name and by source).
INDEXED_NODE_KEYS = ("name", "source")
#: Relationship property indexed where present: per-report edges are deleted by report id.
INDEXED_REL_KEY = "report"

T = TypeVar("T")


def _snake(name: str) -> str:
    """CamelCase → snake_case, for constraint and index names."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def schema_statements(model: GraphModel) -> list[str]:
    """Neo4j constraints and indexes generated from the model (all idempotent: IF NOT EXISTS)."""
    out = []
    for node in model.nodes.values():
        base = _snake(node.label)
        out.append(f"CREATE CONSTRAINT {base}_id IF NOT EXISTS FOR (n:{node.label}) REQUIRE n.id IS UNIQUE")
        for p in node.properties:
            if p.key in INDEXED_NODE_KEYS:
                out.append(f"CREATE INDEX {base}_{p.key} IF NOT EXISTS FOR (n:{node.label}) ON (n.{p.key})")
    for rel in model.relationships.values():
        if any(p.key == INDEXED_REL_KEY for p in rel.properties):
            out.append(f"CREATE INDEX {rel.type.lower()}_{INDEXED_REL_KEY} IF NOT EXISTS "
                       f"FOR ()-[e:{rel.type}]-() ON (e.{INDEXED_REL_KEY})")
    return out


def column_edges(run: Run) -> CreateEdges:
    """Relationship creation with one parameter list per property, indexed by row: the driver encodes a
    list of maps key by key, row by row, which took most of such a statement's time. A null property
    value (or an empty list, as `graph.load` writes it) leaves the property out."""

    def create(rtype: str, src: str, dst: str, keys: list[str], rows: list[dict[str, Any]]) -> None:
        params: dict[str, list[Any]] = {"a": [r["source"] for r in rows], "b": [r["target"] for r in rows]}
        props = []
        for n, key in enumerate(keys):
            params[f"p{n}"] = [None if r.get(key) == [] else r.get(key) for r in rows]
            props.append(f"{key}: $p{n}[i]")
        run(f"UNWIND range(0, size($a) - 1) AS i MATCH (a:{src} {{id: $a[i]}}), (b:{dst} {{id: $b[i]}}) "
            f"CREATE (a)-[:{rtype}{' {' + ', '.join(props) + '}' if props else ''}]->(b)", params)

    return create


def redact_uri(uri: str) -> str:
    """The URI without any user-info part, for messages."""
    return re.sub(r"(?<=://)[^/@]*@", "", uri)


def plain(value: Any) -> Any:
    """A driver value as plain Python: nodes and relationships become dicts, temporals ISO strings."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _is_access_mode_error(exc: Neo4jError) -> bool:
    """True when Neo4j refused a write in a read transaction."""
    code = exc.code or ""
    return code.endswith("AccessMode") or "read access mode" in (exc.message or "").lower()


class Neo4jStore(GraphStore):
    """A Neo4j database holding the graph; same interface as `EmbeddedStore`."""

    kind = "neo4j"

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, read_only: bool = False,
                 max_transaction_retry_time: float | None = None) -> None:
        """Connect to `uri` (else $NEO4J_URI); user, password and database default to the driver's
        usual environment (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE); auth is off without a password."""
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j URI: pass --neo4j URI or set NEO4J_URI")
        self.uri = uri
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.read_only = read_only
        self.model = load_model()
        user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        # Schema notifications (a label not created yet, …) would only be logged as warnings.
        config: dict[str, Any] = {"notifications_min_severity": "OFF"}
        if max_transaction_retry_time is not None:
            config["max_transaction_retry_time"] = max_transaction_retry_time
        try:
            self._driver: Driver | None = GraphDatabase.driver(
                uri, auth=(user, password) if password else None, **config)
            self._driver.verify_connectivity()
        except AuthError as exc:
            self._close_driver()
            raise StoreError(f"Neo4j at {self.location}: authentication failed for user {user!r} "
                             "(check NEO4J_USERNAME / NEO4J_PASSWORD)") from exc
        except (DriverError, Neo4jError, ValueError, OSError) as exc:
            self._close_driver()
            raise StoreError(f"Neo4j at {self.location}: cannot connect: {exc}") from exc
        if not read_only:
            self.ensure_schema()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.location!r}, database={self.database!r}, read_only={self.read_only})"

    @property
    def location(self) -> str:
        """Where the data lives, for messages (no credentials)."""
        return redact_uri(self.uri) + (f" (database {self.database})" if self.database else "")

    @property
    def driver(self) -> Driver:
        """The open driver (StoreError once closed)."""
        if self._driver is None:
            raise StoreError(f"Neo4j at {self.location}: the store is closed")
        return self._driver

    def _session(self, write: bool) -> Any:
        """A session on the configured database, in write or read access mode."""
        return self.driver.session(database=self.database, default_access_mode=WRITE_ACCESS if write else READ_ACCESS)

    def ensure_schema(self) -> None:
        """Create the constraints and indexes the model implies (idempotent) and wait for them."""
        try:
            with self._session(write=True) as session:
                for stmt in schema_statements(self.model):
                    session.run(stmt).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"Neo4j at {self.location}: cannot create the schema: {exc}") from exc

    def run(self, cypher: str, params: dict[str, Any] | None = None,
            write: bool = False) -> tuple[list[str], list[list[Any]]]:
        """Run Cypher in a managed transaction and return (columns, rows); read access unless `write`."""
        if write and self.read_only:
            raise StoreError(f"Neo4j at {self.location}: opened read-only; writes are refused")

        def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, params or {})
            columns = list(result.keys())
            return columns, [[plain(v) for v in record.values()] for record in result]

        try:
            with self._session(write) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except Neo4jError as exc:
            if not write and _is_access_mode_error(exc):
                raise StoreError("this statement writes; pass --write (write=True) to allow it") from exc
            raise StoreError(exc.message or str(exc)) from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j at {self.location}: {exc}") from exc

    def _load_reports(self, group: list[ReportBatch]) -> None:
        """Load these reports in one managed write transaction: all of them or none of them."""
        if self.read_only:
            raise StoreError(f"Neo4j at {self.location}: opened read-only; cannot load")
        self._write(lambda run, create: load_reports(run, group, self.model, create),
                    f"{group_names(group)}: not loaded")

    def _write(self, work: Callable[[Run, CreateEdges], T], failed: str) -> T:
        """`work(run, create_edges)` in one managed write transaction (retried on transient errors)."""

        def in_tx(tx: ManagedTransaction) -> T:
            run: Run = lambda q, p: [list(record.values()) for record in tx.run(q, p)]  # noqa: E731
            return work(run, column_edges(run))

        try:
            with self._session(write=True) as session:
                return session.execute_write(in_tx)
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"{failed}: {exc}") from exc

    def clear(self) -> None:
        """Delete every node and relationship (the schema stays); for tests and benchmarks."""
        # in bounded transactions: one DETACH DELETE of a large graph exceeds the transaction memory limit
        while self.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*)", write=True)[1][0][0]:
            pass

    def _close_driver(self) -> None:
        """Close the driver once; later calls do nothing."""
        driver, self._driver = getattr(self, "_driver", None), None
        if driver is not None:
            driver.close()

    def close(self) -> None:
        """Close the driver and its connections."""
        self._close_driver()


__all__ = ["Neo4jStore", "ServiceUnavailable", "StoreError", "column_edges", "plain", "redact_uri",
           "schema_statements"]
