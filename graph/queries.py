"""Canned queries: `queries/*.cypher` files with a header comment, run on any store.

Header lines (before the Cypher) look like:

    // name: shared-initiatives
    // description: Initiatives adopted by at least min_regions regions, informative first.
    // param: min_regions: int = 2
    // columns: name, kind, regions, n_regions

A query may name a stored variant (`// stored: stored/region-similarity.cypher`): a query over what
the loader stores (`graph/similarity.py`) that gives the same rows for the values it answers, namely
when every parameter it does not take is at its default and `limit` is at most its `// max_limit:`.
`run_query` runs it then, and the query itself otherwise (or when the store holds no stored answer).
Parameter values are always passed as query parameters, never pasted into the text.
A list in a result cell is a set (built with `collect`): `run_query` returns it sorted, since
neither store promises an order for `collect` and both must answer alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from policykg.queries import QUERY_DIR

_HEADER = re.compile(r"^//\s*(?P<key>name|description|param|columns|stored|max_limit):\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s*:\s*(?P<type>int|float|str|bool)\s*(?:=\s*(?P<default>.*))?$")
_CASTS = {"int": int, "float": float, "str": str, "bool": lambda v: str(v).lower() in {"1", "true", "yes"}}


class QueryError(Exception):
    """A canned query is unknown or given a bad parameter."""


@dataclass(frozen=True)
class Param:
    """A declared query parameter with its type and default."""

    name: str
    type: str
    default: Any = None

    def cast(self, value: Any) -> Any:
        """Convert a command-line string to the declared type."""
        try:
            return _CASTS[self.type](value)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"parameter {self.name}: expected {self.type}, got {value!r}") from exc


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its header and its Cypher."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    cypher: str
    path: Path = field(compare=False)
    stored: CannedQuery | None = None
    max_limit: int | None = None

    def bind(self, given: dict[str, Any] | None = None) -> dict[str, Any]:
        """Parameter values: the given ones cast to their types, defaults for the rest."""
        given = dict(given or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            takes = ", ".join(sorted(known)) or "none"
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (takes {takes})")
        out = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = p.cast(given[p.name])
            elif p.default is None:
                raise QueryError(f"{self.name}: parameter {p.name} is required")
            else:
                out[p.name] = p.default
        return out

    def stored_values(self, values: dict[str, Any]) -> dict[str, Any] | None:
        """The stored variant's parameter values when it answers for these bound `values`, else None."""
        if self.stored is None:
            return None
        taken = {p.name for p in self.stored.params}
        if any(values[p.name] != p.default for p in self.params if p.name not in taken):
            return None
        if self.stored.max_limit is not None and values.get("limit", 0) > self.stored.max_limit:
            return None
        return {name: values[name] for name in taken}


def parse_query(path: Path) -> CannedQuery:
    """Read a `.cypher` file and its header."""
    meta: dict[str, Any] = {"params": [], "columns": ()}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line.strip())
        if m and not body:
            key, value = m["key"], m["value"].strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm:
                    raise QueryError(f"{path}: bad param line {value!r}")
                default = pm["default"]
                typed = Param(pm["name"], pm["type"]).cast(default.strip()) if default else None
                meta["params"].append(Param(pm["name"], pm["type"], typed))
            elif key == "columns":
                meta["columns"] = tuple(c.strip() for c in value.split(","))
            elif key == "stored":
                meta["stored"] = parse_query(path.parent / value)
            elif key == "max_limit":
                meta["max_limit"] = Param(key, "int").cast(value)
            else:
                meta[key] = value
        elif line.strip() and not line.strip().startswith("//"):
            body.append(line)
        elif body:
            body.append(line)
    if "name" not in meta:
        raise QueryError(f"{path}: header has no name")
    stored = meta.get("stored")
    if stored is not None and (stored.name, stored.columns) != (meta["name"], meta["columns"]):
        raise QueryError(f"{path}: its stored variant {stored.path} has another name or other columns")
    return CannedQuery(meta["name"], meta.get("description", ""), tuple(meta["params"]),
                       meta["columns"], "\n".join(body).strip(), path, stored, meta.get("max_limit"))


@lru_cache(maxsize=1)
def catalog(directory: Path = QUERY_DIR) -> dict[str, CannedQuery]:
    """Every canned query, by name."""
    found = (parse_query(p) for p in sorted(directory.glob("*.cypher")))
    return {q.name: q for q in found}


def get_query(name: str) -> CannedQuery:
    """The canned query called `name`."""
    queries = catalog()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def run_query(store: Any, name: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
    """Run a canned query on a store and return (columns, rows).

    Its stored variant answers when it can (see the module's docstring). No rows from it run the query
    itself: a store holds no stored answer while a load is under way, after an interrupted one, or when
    an earlier version loaded it; and where there is truly nothing to find, the query finds nothing too.
    """
    query = get_query(name)
    values = query.bind(params)
    stored = query.stored_values(values)
    rows: list[list[Any]] = []
    if stored is not None:
        columns, rows = store.run(query.stored.cypher, stored)
    if not rows:
        columns, rows = store.run(query.cypher, values)
    return columns, [[sorted_list(v) if isinstance(v, list) else v for v in row] for row in rows]


def sorted_list(values: list[Any]) -> list[Any]:
    """A collected list in a stable order: nulls last, numbers before strings, each ascending."""
    def key(v: Any) -> tuple[int, Any]:
        if v is None:
            return (3, "")
        if isinstance(v, bool | int | float):
            return (0, v)
        if isinstance(v, str):
            return (1, v)
        return (2, repr(v))
    return sorted(values, key=key)


def rows_as_dicts(columns: list[str], rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Rows as objects keyed by column name."""
    return [dict(zip(columns, row, strict=True)) for row in rows]
