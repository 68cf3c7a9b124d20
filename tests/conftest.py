"""Shared pytest fixtures."""
from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.neo4j_server import Neo4jTarget, Neo4jUnavailable
from tests.neo4j_server import neo4j_target as _neo4j_target_cm

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"
CITIES = ROOT / "examples" / "cities"
#: The 72 unlabelled city reports: six cities, one report a year from 2014 to 2025 (eval/README.md).
CITIES72 = ROOT / "eval" / "reports" / "cities"
#: The two annotated dev sets (eval/README.md): name → (report folder, gold folder).
DEV_SETS = {"seeds": (EXAMPLES, ROOT / "eval" / "gold" / "seeds"),
            "wider": (ROOT / "eval" / "reports" / "wider", ROOT / "eval" / "gold" / "wider")}


@pytest.fixture(scope="session")
def _example_facts() -> dict[str, Any]:
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([EXAMPLES])
    assert not errors
    return facts


@pytest.fixture(scope="session")
def dev_facts(_example_facts: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Facts of each dev set (extracted once per session; read only): {"seeds": …, "wider": …}."""
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([DEV_SETS["wider"][0]])
    assert not errors
    return {"seeds": _example_facts, "wider": facts}


@pytest.fixture
def example_facts(_example_facts: dict[str, Any]) -> dict[str, Any]:
    """Facts of the five example reports (extracted once per session; a fresh copy per test)."""
    return copy.deepcopy(_example_facts)


@pytest.fixture(scope="session")
def _city_facts() -> dict[str, Any]:
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([CITIES])
    assert not errors
    return facts


@pytest.fixture
def city_facts(_city_facts: dict[str, Any]) -> dict[str, Any]:
    """Facts of examples/cities: two cities, eight yearly reports each (a fresh copy per test)."""
    return copy.deepcopy(_city_facts)


@pytest.fixture(scope="session")
def cities72_facts() -> dict[str, Any]:
    """Facts of the 72 city reports of eval/reports/cities (extracted once per session, ~15 s; read only:
    copy before changing)."""
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([CITIES72])
    assert not errors
    return facts


@pytest.fixture
def example_store(tmp_path: Path, example_facts: dict[str, Any]) -> Iterator[Any]:
    """A real embedded database file in tmp_path, loaded with the example facts."""
    from policykg.graph.store import open_store

    with open_store(tmp_path / "graph.lbdb") as store:
        summary = store.load_facts(example_facts)
        assert not summary["failed"]
        yield store

# ---- BEGIN neo4j fixtures (issue #4; owner: Neo4j helper) --------------------------------
# A real Neo4j for tests marked `neo4j`: the one of NEO4J_URI (NEO4J_USERNAME / NEO4J_PASSWORD /
# NEO4J_DATABASE) when set, which the tests EMPTY, so point it at a disposable database; otherwise a
# throwaway Neo4j 5.26 started by tests/neo4j_server.py. With POLICYKG_REQUIRE_NEO4J=1 (set by
# .ci/run) a Neo4j that cannot be had fails the run; elsewhere the tests that need it skip.


def _neo4j_required() -> bool:
    """True when POLICYKG_REQUIRE_NEO4J asks for Neo4j to be a must."""
    return os.environ.get("POLICYKG_REQUIRE_NEO4J", "").strip() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def neo4j_target() -> Iterator[Neo4jTarget]:
    """Connection details of a running Neo4j, for the whole session (started at most once)."""
    cm = _neo4j_target_cm()
    try:
        target = cm.__enter__()
    except Neo4jUnavailable as exc:
        if _neo4j_required():
            pytest.fail(f"Neo4j is required (POLICYKG_REQUIRE_NEO4J=1) but unavailable: {exc}", pytrace=False)
        pytest.skip(f"no Neo4j: {exc}")
    try:
        yield target
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_target: Neo4jTarget) -> str:
    """Bolt URI of the session's Neo4j."""
    return neo4j_target.uri


@pytest.fixture(scope="session")
def neo4j_auth(neo4j_target: Neo4jTarget) -> tuple[str, str] | None:
    """(user, password) for the session's Neo4j, or None when it runs without auth."""
    return neo4j_target.auth


@pytest.fixture
def neo4j_store(neo4j_target: Neo4jTarget) -> Iterator[Any]:
    """A `Neo4jStore` on the session's Neo4j, emptied before the test (schema kept)."""
    from policykg.graph.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database) as store:
        store.clear()
        yield store
# ---- END neo4j fixtures -----------------------------------------------------------------
