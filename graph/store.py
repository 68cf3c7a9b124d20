"""Opening a store: the embedded LadybugDB file by default, Neo4j when asked."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .embedded import EmbeddedStore, StoreError

DEFAULT_DB = Path(".policykg") / "graph.lbdb"

__all__ = ["DEFAULT_DB", "StoreError", "db_path", "open_store"]


def db_path(db: str | Path | None = None) -> Path:
    """The embedded database path: `db`, else $POLICYKG_DB, else .policykg/graph.lbdb."""
    return Path(db or os.environ.get("POLICYKG_DB") or DEFAULT_DB)


def open_store(db: str | Path | None = None, neo4j: str | None = None, read_only: bool = False) -> Any:
    """The embedded store at `db`, or the Neo4j server at `neo4j` (a bolt/neo4j URI).

    With neither `db` nor $POLICYKG_DB given, $NEO4J_URI (when set) selects Neo4j: the user
    works in Neo4j when they have one. Neo4j credentials and database come from the driver's
    usual environment (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).
    """
    if not neo4j and db is None and not os.environ.get("POLICYKG_DB"):
        neo4j = os.environ.get("NEO4J_URI") or None
    if neo4j:
        from .neo4j_store import Neo4jStore  # the driver is only needed for Neo4j

        return Neo4jStore(neo4j, read_only=read_only)
    return EmbeddedStore(db_path(db), read_only=read_only)
