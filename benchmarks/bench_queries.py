"""Query benchmark at many regions: the canned queries on a synthetic graph of N regions (2,000 by default).

Each region has one report (years 2018–2024 in turn) naming K items (120 by default) drawn from a
Zipf law (s = 1.1) over a vocabulary of 20,000 initiatives and chains, one to three mentions each:
a few items every region names, a long tail few do, the shape of real reports. The graph is written
straight as the loader would leave it (Region, Report, ABOUT, MENTIONED_IN, and the derived ADOPTS /
DEVELOPS with their years), in large UNWIND batches, so that timing the queries does not wait on
loading (benchmarks/bench_store.py times the loader); then the region pairs are stored as a load
stores them (`update_similarity`, timed on its own: what every load adds), for region-similarity
and similar-regions to read. Prints every canned query's p50 / p95 and the growth of the process's
peak resident memory while it ran (embedded store: the database runs in this process), and last,
those two queries run in full (their own Cypher, as for other parameters).

    python benchmarks/bench_queries.py                       # embedded, 2,000 regions
    python benchmarks/bench_queries.py --stores embedded,neo4j --regions 500

Target (issues 13 and 14): every canned query's p95 <= 1 s at 2,000 regions on both stores; memory bounded.
"""
from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_store import neo4j_store, query_timing  # noqa: E402
from policykg.graph.embedded import EmbeddedStore  # noqa: E402
from policykg.graph.queries import catalog, get_query  # noqa: E402

BATCH = 5000


def synthetic_graph(n_regions: int, per_region: int, vocabulary: int = 20000,
                    seed: int = 13) -> dict[str, list[dict[str, Any]]]:
    """Rows of every node and relationship of the synthetic graph."""
    rnd = random.Random(seed)
    weights = [1.0 / (k + 1) ** 1.1 for k in range(vocabulary)]
    items = [{"id": f"{'initiative' if k % 5 else 'industrialchain'}:{k:06d}", "name": f"项目{k:05d}号"}
             for k in range(vocabulary)]
    out: dict[str, list[dict[str, Any]]] = {"regions": [], "reports": [], "mentions": [], "derived": []}
    used: set[int] = set()
    for g in range(n_regions):
        gid, rid, year = f"region:s{g:05d}", f"report:s{g:05d}", 2018 + g % 7
        out["regions"].append({"id": gid, "name": f"地区{g:05d}"})
        out["reports"].append({"id": rid, "source": f"synthetic/{g:05d}.md", "year": year, "region": gid})
        picked: set[int] = set()
        while len(picked) < per_region:
            picked.update(rnd.choices(range(vocabulary), weights, k=per_region - len(picked)))
        used |= picked
        for k in sorted(picked):
            name = items[k]["name"]
            for n in range(rnd.randint(1, 3)):
                out["mentions"].append({"e": items[k]["id"], "r": rid, "s": 10 * n, "t": name,
                                        "sentence": f"推进{name}建设,第{n + 1}处。"})
            out["derived"].append({"g": gid, "x": items[k]["id"], "years": [year]})
    out["items"] = [items[k] for k in sorted(used)]
    return out


def write_graph(store: Any, graph: dict[str, list[dict[str, Any]]]) -> float:
    """Write the rows with UNWIND batches; return seconds."""
    began = time.perf_counter()

    def batches(rows: list[dict[str, Any]]):
        for i in range(0, len(rows), BATCH):
            yield rows[i:i + BATCH]

    run = lambda c, p: store.run(c, p, write=True)  # noqa: E731
    for rows in batches(graph["regions"]):
        run("UNWIND $rows AS row CREATE (:Region {id: row.id, name: row.name})", {"rows": rows})
    for rows in batches(graph["reports"]):
        run("UNWIND $rows AS row CREATE (:Report {id: row.id, source: row.source, year: row.year})", {"rows": rows})
        run("UNWIND $rows AS row MATCH (r:Report {id: row.id}), (g:Region {id: row.region}) "
            "CREATE (r)-[:ABOUT]->(g)", {"rows": rows})
    for label, prefix, rel in (("Initiative", "initiative:", "ADOPTS"), ("IndustrialChain", "industrialchain:",
                                                                          "DEVELOPS")):
        for rows in batches([i for i in graph["items"] if i["id"].startswith(prefix)]):
            run(f"UNWIND $rows AS row CREATE (:{label} {{id: row.id, name: row.name}})", {"rows": rows})
        for rows in batches([m for m in graph["mentions"] if m["e"].startswith(prefix)]):
            run(f"UNWIND $rows AS row MATCH (e:{label} {{id: row.e}}), (r:Report {{id: row.r}}) "
                "CREATE (e)-[:MENTIONED_IN {sentence: row.sentence, start_offset: row.s, "
                "end_offset: row.s + 4, text: row.t}]->(r)", {"rows": rows})
        for rows in batches([d for d in graph["derived"] if d["x"].startswith(prefix)]):
            run(f"UNWIND $rows AS row MATCH (g:Region {{id: row.g}}), (x:{label} {{id: row.x}}) "
                f"CREATE (g)-[:{rel} {{years: row.years}}]->(x)", {"rows": rows})
    return time.perf_counter() - began


def store_pairs(store: Any) -> None:
    """Store the region pairs as a load does, and print how long it took and its peak memory growth."""
    before = peak_mb()
    began = time.perf_counter()
    pairs = store.update_similarity()
    print(f"{store.kind}: {pairs} region pairs stored in {time.perf_counter() - began:.1f} s "
          f"(peak +{peak_mb() - before:.0f} MB)", flush=True)


def cases(graph: dict[str, list[dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """Every canned query, with names from the graph where it needs some."""
    common = next(i["name"] for i in graph["items"] if i["id"].startswith("initiative:"))
    chain = next(i["name"] for i in graph["items"] if i["id"].startswith("industrialchain:"))
    region, other = graph["regions"][0]["name"], graph["regions"][1]["name"]
    params = {"region-profile": {"region": region}, "similar-regions": {"region": region},
              "initiative": {"name": common}, "policy-diffusion": {"name": common}, "chain-landscape": {"name": chain},
              "evidence": {"name": common}, "search": {"q": common[:3]}, "region-changes": {"region": region},
              "compare": {"a": region, "b": other}}
    return [(name, params.get(name, {})) for name in catalog()]


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_queries(store: Any, todo: list[tuple[str, dict[str, Any]]], repeats: int) -> dict[str, dict[str, Any]]:
    """p50, p95, rows and peak-memory growth per query; then, for the queries that read stored pairs,
    the same for their own Cypher run in full (what they cost without the pairs)."""
    out = {}
    in_full = [(name, params, True) for name, params in todo if get_query(name).stored is not None]
    for name, params, full in [(name, params, False) for name, params in todo] + in_full:
        label = f"{name} (in full)" if full else name
        before = peak_mb()
        out[label] = {**query_timing(store, name, params, repeats, full), "peak_growth_mb": peak_mb() - before}
        print(f"  {label:<30} p50 {out[label]['p50'] * 1000:8.1f} ms  p95 {out[label]['p95'] * 1000:8.1f} ms  "
              f"rows {out[label]['rows']:>5}  peak +{out[label]['peak_growth_mb']:.0f} MB", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--regions", type=int, default=2000)
    ap.add_argument("--items", type=int, default=120, help="items per region (default 120)")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--stores", default="embedded")
    ap.add_argument("--neo4j", metavar="URI", help="benchmark this Neo4j (its database is EMPTIED)")
    ap.add_argument("--db", type=Path, help="embedded: keep the database here, and reuse it when it exists")
    args = ap.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    graph = synthetic_graph(args.regions, args.items)
    todo = cases(graph)
    print(f"synthetic graph: {args.regions} regions, {len(graph['items'])} items, "
          f"{len(graph['derived'])} region → item edges, {len(graph['mentions'])} mentions", flush=True)
    for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
        if kind == "embedded":
            with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
                path = args.db or Path(tmp) / "graph.lbdb"
                fresh = not path.exists()
                with EmbeddedStore(path) as store:
                    if fresh:
                        print(f"embedded: written in {write_graph(store, graph):.1f} s", flush=True)
                    store_pairs(store)
                    print(f"embedded: peak before the queries {peak_mb():.0f} MB", flush=True)
                    time_queries(store, todo, args.repeats)
        else:
            with neo4j_store(args.neo4j) as store:
                print(f"neo4j: written in {write_graph(store, graph):.1f} s", flush=True)
                store_pairs(store)
                time_queries(store, todo, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
