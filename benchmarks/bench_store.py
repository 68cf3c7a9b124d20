"""Store benchmark: load a scaled corpus into both stores and time every canned query.

The corpus is the example reports' facts replicated `--copies` times (100 by default) under
renamed regions: each copy gets its own report ids and sources and its own Region entities, while
initiatives, chains, parks, projects and enterprises stay shared, so queries about what regions
share have much to do. Prints load throughput (nodes + relationships in the graph per second of
loading), the region pairs stored for region-similarity and the time of their recompute (part of
every load), and each canned query's median and 95th-percentile latency on each store.

    python -m benchmarks.bench_store                     # embedded + a throwaway Neo4j
    python benchmarks/bench_store.py --stores embedded --copies 20
    python -m benchmarks.bench_store --neo4j bolt://127.0.0.1:7687   # EMPTIES that database

Targets (issue #4): embedded load >= 5,000 entities+relationships/s; every query's p95 <= 1 s.
"""
from __future__ import annotations

import argparse
import copy
import json
import logging
import math
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from policykg.graph.embedded import EmbeddedStore  # noqa: E402
from policykg.graph.queries import catalog, get_query, run_query  # noqa: E402
from tests.scaled_facts import scaled_facts  # noqa: E402

LOAD_TARGET = 5000.0  # entities + relationships per second, embedded store
P95_TARGET = 1.0  # seconds, every canned query on both stores


def example_facts(source: str, facts_path: Path | None = None) -> dict[str, Any]:
    """The facts to replicate: a facts file, the examples run through the extractor, or the gold."""
    if facts_path is not None:
        return json.loads(facts_path.read_text(encoding="utf-8"))
    if source == "gold":
        from tests.gold_facts import gold_to_facts

        return gold_to_facts()
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([ROOT / "examples" / "reports"])
    if errors:
        raise SystemExit(f"extraction failed: {errors}")
    return facts


def query_cases(facts: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(label, query, parameters): every canned query with its defaults or the most widespread names
    of the corpus."""
    def most_common(etype: str) -> str:
        counts = Counter(e["name"] for e in facts["entities"] if e["type"] == etype for _ in e["mentions"])
        return counts.most_common(1)[0][0] if counts else "-"

    initiative, chain = most_common("Initiative"), most_common("IndustrialChain")
    region, other = facts["reports"][0].get("region") or "-", facts["reports"][-1].get("region") or "-"
    params = {
        "region-profile": {"region": region},
        "region-changes": {"region": region},
        "compare": {"a": region, "b": other},
        "similar-regions": {"region": region},
        "initiative": {"name": initiative},
        "policy-diffusion": {"name": initiative},
        "chain-landscape": {"name": chain},
        "evidence": {"name": initiative},
        "search": {"q": initiative[:2]},
    }
    return [(name, name, params.get(name, {})) for name in catalog()]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def time_load(store: Any, facts: dict[str, Any]) -> dict[str, Any]:
    """Load `facts` into an empty store; return seconds, graph size and throughput, and the time of the
    region pairs' recompute that ends a load (timed again on its own: `pairs_seconds`)."""
    began = time.perf_counter()
    summary = store.load_facts(facts)
    seconds = time.perf_counter() - began
    counts = store.counts()
    nodes = sum(counts[label] for label in store.model.nodes)
    rels = sum(counts[rtype] for rtype in store.model.relationships)
    if summary["failed"]:
        raise SystemExit(f"{store.kind}: {len(summary['failed'])} reports failed, e.g. {summary['failed'][0]}")
    began = time.perf_counter()
    pairs = store.update_similarity()
    return {"seconds": seconds, "nodes": nodes, "rels": rels, "per_second": (nodes + rels) / seconds,
            "reports": len(summary["loaded"]), "pairs": pairs, "pairs_seconds": time.perf_counter() - began}


def time_queries(store: Any, cases: list[tuple[str, str, dict[str, Any]]],
                 repeats: int) -> dict[str, dict[str, Any]]:
    """Run each case once to warm up, then `repeats` times; return p50, p95 and row count by label."""
    return {label: query_timing(store, name, params, repeats) for label, name, params in cases}


def query_timing(store: Any, name: str, params: dict[str, Any], repeats: int, in_full: bool = False) -> dict[str, Any]:
    """One canned query run once to warm up, then `repeats` times: its p50, p95 (seconds) and row count.
    `in_full` runs the query's own Cypher, not the stored variant `run_query` would pick."""
    if in_full:
        query = get_query(name)
        values = query.bind(params)
        ask = lambda: store.run(query.cypher, values)  # noqa: E731
    else:
        ask = lambda: run_query(store, name, params)  # noqa: E731
    _, rows = ask()
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        ask()
        times.append(time.perf_counter() - began)
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95), "rows": len(rows)}


@contextmanager
def neo4j_store(uri: str | None) -> Iterator[Any]:
    """An empty Neo4j store: the server at `uri` (emptied first), else a throwaway launcher server."""
    from policykg.graph.neo4j_store import Neo4jStore

    if uri:
        with Neo4jStore(uri) as store:
            store.clear()
            yield store
        return
    from tests.neo4j_server import LauncherServer

    server = LauncherServer()
    began = time.perf_counter()
    target = server.start()
    print(f"neo4j: throwaway server on {target.uri} started in {time.perf_counter() - began:.1f} s", flush=True)
    try:
        with Neo4jStore(target.uri, target.user, target.password) as store:
            yield store
    finally:
        server.stop()


def bench_store(kind: str, facts: dict[str, Any], cases: list[tuple[str, str, dict[str, Any]]], repeats: int,
                neo4j_uri: str | None) -> dict[str, Any]:
    """Load and query one store kind; return its figures."""
    if kind == "embedded":
        with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp, \
                EmbeddedStore(Path(tmp) / "graph.lbdb") as store:
            load = time_load(store, facts)
            print(f"embedded: loaded in {load['seconds']:.1f} s", flush=True)
            return {"load": load, "queries": time_queries(store, cases, repeats)}
    with neo4j_store(neo4j_uri) as store:
        load = time_load(store, facts)
        print(f"neo4j: loaded in {load['seconds']:.1f} s", flush=True)
        return {"load": load, "queries": time_queries(store, cases, repeats)}


def report(results: dict[str, dict[str, Any]], facts: dict[str, Any], copies: int) -> str:
    """The figures as a plain-text table, with the targets checked."""
    kinds = list(results)
    mentions = sum(len(e["mentions"]) for e in facts["entities"])
    lines = [f"corpus: {copies} copies, {len(facts['reports'])} reports, {len(facts['entities'])} entities "
             f"({mentions} mentions), {len(facts['relations'])} relations", ""]
    lines.append(f"{'load':<22}" + "".join(f"{k:>24}" for k in kinds))
    for key, fmt in (("seconds", "{:.1f} s"), ("nodes", "{:,}"), ("rels", "{:,}"), ("per_second", "{:,.0f} /s"),
                     ("pairs", "{:,}"), ("pairs_seconds", "{:.2f} s")):
        lines.append(f"{key:<22}" + "".join(f"{fmt.format(results[k]['load'][key]):>24}" for k in kinds))
    if len(kinds) == 2:
        a, b = (results[k]["load"]["per_second"] for k in kinds)
        lines.append(f"{'throughput ratio':<22}{f'{kinds[0]}/{kinds[1]} = {a / b:.2f}':>48}")
    lines += ["", f"{'query (p50 / p95 ms, rows)':<22}" + "".join(f"{k:>24}" for k in kinds)]
    worst = (0.0, "", "")
    for name in results[kinds[0]]["queries"]:
        cells = []
        for k in kinds:
            q = results[k]["queries"][name]
            worst = max(worst, (q["p95"], name, k))
            cells.append(f"{q['p50'] * 1000:8.1f} / {q['p95'] * 1000:8.1f} ({q['rows']:>3})")
        lines.append(f"{name:<22}" + "".join(f"{c:>24}" for c in cells))
    lines.append("")
    if "embedded" in results:
        rate = results["embedded"]["load"]["per_second"]
        ok = "ok" if rate >= LOAD_TARGET else "MISSED"
        lines.append(f"target embedded load >= {LOAD_TARGET:,.0f}/s: {rate:,.0f}/s {ok}")
    slow = sorted({f"{name} ({k})" for k in kinds for name, q in results[k]["queries"].items()
                   if q["p95"] > P95_TARGET})
    lines.append(f"target every p95 <= {P95_TARGET:.1f} s: worst {worst[0] * 1000:.1f} ms, {worst[1]} ({worst[2]}) "
                 + ("ok" if not slow else "MISSED by " + ", ".join(slow)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=100, help="how many copies of the examples (default 100)")
    ap.add_argument("--repeats", type=int, default=20, help="timed runs per query (default 20)")
    ap.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    ap.add_argument("--source", choices=["examples", "gold"], default="examples",
                    help="facts to replicate: the examples run through the extractor, or the gold annotation")
    ap.add_argument("--facts", type=Path, help="a facts JSON to replicate instead")
    ap.add_argument("--neo4j", metavar="URI", help="benchmark this Neo4j (its database is EMPTIED) "
                    "instead of a throwaway one; credentials from NEO4J_USERNAME / NEO4J_PASSWORD")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)

    base = example_facts(args.source, args.facts)
    facts = scaled_facts(base, args.copies)
    cases = query_cases(facts)
    results = {}
    for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
        if kind not in ("embedded", "neo4j"):
            ap.error(f"unknown store {kind!r}")
        results[kind] = bench_store(kind, copy.deepcopy(facts), cases, args.repeats, args.neo4j)
    text = report(results, facts, args.copies)
    print()
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"copies": args.copies, "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
