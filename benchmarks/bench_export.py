"""RDF export benchmark: the whole export against rdflib's own serialisation of the same triples.

Loads the example reports (replicated `--copies` times under new report ids) into a throwaway
embedded store, then, for each format, times in the same run and interleaved:

- export: `export_graph(store, file)`, the whole thing: read the store with Cypher, build the
  rdflib graph, serialise it deterministically (sorted N-Triples lines, JSON-LD nodes sorted by
  `@id`), write the file;
- rdflib: `Graph.serialize` of the same graph, freshly built but untimed (same triples, same
  store, same options), which the export cannot beat since it ends with the same call.

Each figure is the best of `--repeat` runs; the ratio is export / rdflib. Target (issue #5):
<= 1.5 for Turtle, the default format. N-Triples serialises so fast in rdflib that reading the
store and building the graph dominate, so its ratio is printed for information.

    .venv/bin/python benchmarks/bench_export.py
    .venv/bin/python benchmarks/bench_export.py --copies 5 --repeat 3 --formats turtle nt
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from policykg.graph.store import open_store  # noqa: E402
from policykg.ontology.rdf import RDF_FORMATS, build_graph, export_graph, rdflib_serialize, read_rows  # noqa: E402

TARGET = 1.5  # export time / rdflib serialisation time, Turtle


def example_facts() -> dict[str, Any]:
    """The example reports run through the extractor."""
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([ROOT / "examples" / "reports"])
    if errors:
        raise SystemExit(f"extraction failed: {errors}")
    return facts


def replicate(facts: dict[str, Any], copies: int) -> dict[str, Any]:
    """`copies` copies of every report (new ids and sources), with their mentions and relations."""
    if copies <= 1:
        return facts

    def rid(report: str, k: int) -> str:
        return report if k == 0 else "report:" + hashlib.sha1(f"{report}#{k}".encode()).hexdigest()[:16]

    reports = [dict(r, id=rid(r["id"], k), source=f"{r['source']}#copy={k}")
               for k in range(copies) for r in facts["reports"]]
    entities = [dict(e, reports=[rid(r, k) for k in range(copies) for r in e.get("reports", [])],
                     mentions=[dict(m, report=rid(m["report"], k)) for k in range(copies) for m in e["mentions"]])
                for e in facts["entities"]]
    relations = [dict(r, reports=[rid(x, k) for k in range(copies) for x in r["reports"]],
                      evidence=[dict(ev, report=rid(ev["report"], k)) for k in range(copies) for ev in r["evidence"]])
                 for r in facts["relations"]]
    return dict(facts, reports=reports, entities=entities, relations=relations)


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The shortest of `repeat` timed calls, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per format; exit 1 when Turtle misses the target."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=1, help="replicate the example reports N times")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement (best is kept)")
    ap.add_argument("--formats", nargs="+", default=list(RDF_FORMATS), choices=RDF_FORMATS)
    args = ap.parse_args(argv)

    facts = replicate(example_facts(), args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "g.lbdb") as store:
            failed = store.load_facts(facts)["failed"]
            if failed:
                raise SystemExit(f"loading failed: {failed}")
        with open_store(Path(tmp) / "g.lbdb", read_only=True) as store:
            rows = read_rows(store)
            graph = build_graph(rows, store.model)
            t_read = best(lambda: read_rows(store), args.repeat)
            t_build = best(lambda: build_graph(rows, store.model), args.repeat)
            print(f"{len(facts['reports'])} reports, {len(graph)} triples; "
                  f"read {t_read * 1000:.0f} ms, build {t_build * 1000:.0f} ms (best of {args.repeat})")
            print(f"{'format':8} {'export ms':>10} {'rdflib ms':>10} {'ratio':>6}")
            status = 0
            for fmt in args.formats:
                out = Path(tmp) / f"g.{fmt}"
                t_export, t_rdflib = [], []
                for _ in range(args.repeat):  # interleaved, so drift hits both alike
                    t_export.append(best(lambda f=fmt, o=out: export_graph(store, o, fmt=f), 1))
                    fresh = build_graph(rows, store.model)  # as cold as the export's own graph
                    t_rdflib.append(best(lambda f=fmt, g=fresh: rdflib_serialize(g, f), 1))
                ratio = min(t_export) / min(t_rdflib)
                verdict = ""
                if fmt == "turtle":
                    verdict = "ok" if ratio <= TARGET else f"MISSES the {TARGET} target"
                    status = 0 if ratio <= TARGET else 1
                print(f"{fmt:8} {min(t_export) * 1000:10.0f} {min(t_rdflib) * 1000:10.0f} {ratio:6.2f} {verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main())
