"""Corpus-scale benchmark: extract, load, page and Turtle export of hundreds to thousands of reports.

Run: ``.venv/bin/python benchmarks/bench_scale.py [CORPUS_DIR] [--sizes 500,2000] [--neo4j] [--steps …]
[--baseline OTHER_CHECKOUT/.venv/bin/python]``

The corpus is a folder of reports (.txt/.md, searched recursively): the
positional argument, else ``$POLICYKG_BENCH_CORPUS``, else the in-repo example
reports (so ``make bench`` works on a bare clone; their five texts make a much
smaller corpus per report than real city reports). It is replicated to each
size with distinct ids: copy k of a report gets a line ``（副本k）`` at its
end, so every copy has its own text digest and its own source, while its
region, year and vocabulary stay those of the original (the corpus keeps its
shape: the same cities over the same years, many times over).

Each step runs in a fresh process (so its start-up and its peak memory are its
own), in this order, on the same files:

- ``jieba``: one plain single-process ``jieba.lcut`` pass over the texts, the
  dictionary loaded before the clock starts: the reference;
- ``extract``: ``extract_to_file`` (a process per core) into a facts file;
- ``extract-baseline`` (with ``--baseline PYTHON``, before ``extract``): the
  same with another checkout's interpreter and its installed policykg (e.g.
  main's), into its own facts file, so a change is measured against it in the
  same run, on the same machine load as nearly as it gets;
- ``load``: the facts file into a new embedded database (and into Neo4j with ``--neo4j``);
- ``page``: ``write_page`` (the default HTML view);
- ``turtle``: ``export_graph`` to Turtle;
- ``shacl-sample``: ``export_graph(sample=3)`` (3 reports and what they touch)
  validated against ``ontology/shapes.ttl`` with pySHACL: the quick check of a
  large export's shapes.

Times are wall clock of the whole process (interpreter, imports and
dictionaries included, as a user sees them), and ratios are to the jieba pass
of the same size in the same run. Peak memory is the largest resident set of
the step's process and, separately, of the largest worker process it started.

Targets (issue 14): extract of 500 reports <= 1.5x jieba, peak <= 500 MB and
flat from 500 to 2,000; embedded load >= 20 reports/s at 2,000 (Neo4j within
2x); build (extract + load + page + Turtle) of 500 <= 3x jieba; facts file <=
1.5x the input text; per-report time at 2,000 within 1.2x of that at 500.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"

#: What each step runs in its own process; argv: the work folder. Prints one JSON line of figures.
STEPS = {
    "jieba": """
import sys, time, logging
from pathlib import Path
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1], "corpus").iterdir())]
t0 = time.perf_counter()
words = sum(len(jieba.lcut(t)) for t in texts)
print({"inner": time.perf_counter() - t0, "words": words})
""",
    "extract": """
import sys, time
from pathlib import Path
from policykg.extract import extract_to_file
t0 = time.perf_counter()
counts, errors, _ = extract_to_file([Path(sys.argv[1], "corpus")], Path(sys.argv[1], "facts.json"))
assert not errors, errors[:3]
print({"inner": time.perf_counter() - t0, **counts})
""",
    "extract-baseline": """
import sys, time
from pathlib import Path
from policykg.extract import extract_to_file
t0 = time.perf_counter()
counts, errors, _ = extract_to_file([Path(sys.argv[1], "corpus")], Path(sys.argv[1], "facts-baseline.json"))
assert not errors, errors[:3]
print({"inner": time.perf_counter() - t0, **counts})
""",
    "load": """
import sys, time
from pathlib import Path
from policykg.graph.store import open_store
t0 = time.perf_counter()
with open_store(Path(sys.argv[1], "graph.lbdb")) as store:
    summary = store.load_facts(Path(sys.argv[1], "facts.json"))
assert not summary["failed"], summary["failed"][:3]
print({"inner": time.perf_counter() - t0, "reports": len(summary["loaded"]), "written": summary["written"]})
""",
    "load-neo4j": """
import os, sys, time
from pathlib import Path
from policykg.graph.neo4j_store import Neo4jStore
with Neo4jStore(os.environ["BENCH_NEO4J_URI"]) as store:
    store.clear()
    t0 = time.perf_counter()
    summary = store.load_facts(Path(sys.argv[1], "facts.json"))
assert not summary["failed"], summary["failed"][:3]
print({"inner": time.perf_counter() - t0, "reports": len(summary["loaded"]), "written": summary["written"]})
""",
    "page": """
import sys, time
from pathlib import Path
from policykg.graph.html import write_page
from policykg.graph.store import open_store
t0 = time.perf_counter()
with open_store(Path(sys.argv[1], "graph.lbdb"), read_only=True) as store:
    write_page(store, Path(sys.argv[1], "graph.html"))
print({"inner": time.perf_counter() - t0})
""",
    "turtle": """
import sys, time
from pathlib import Path
from policykg.graph.store import open_store
from policykg.ontology.rdf import export_graph
t0 = time.perf_counter()
with open_store(Path(sys.argv[1], "graph.lbdb"), read_only=True) as store:
    export_graph(store, Path(sys.argv[1], "graph.ttl"), fmt="turtle")
print({"inner": time.perf_counter() - t0})
""",
    "shacl-sample": """
import sys, time
from pathlib import Path
from pyshacl import validate
from rdflib import Graph
from policykg.graph.store import open_store
from policykg.ontology.model import ONTOLOGY_PATH
from policykg.ontology.rdf import export_graph
t0 = time.perf_counter()
with open_store(Path(sys.argv[1], "graph.lbdb"), read_only=True) as store:
    path = export_graph(store, Path(sys.argv[1], "sample.ttl"), fmt="turtle", sample=3)
data = Graph().parse(path, format="turtle")
shapes = Graph().parse(ONTOLOGY_PATH.with_name("shapes.ttl"), format="turtle")
conforms, _, text = validate(data, shacl_graph=shapes)
assert conforms, text[:2000]
print({"inner": time.perf_counter() - t0, "triples": len(data)})
""",
}

#: The step code ends by printing its peak memory (this process and its largest child), in MB.
PEAK = """
import resource
print({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
       "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024})
"""


def corpus_texts(folder: Path) -> list[tuple[str, str]]:
    """(file name, text) of every .txt/.md report under `folder`, in path order."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    return [("_".join(p.relative_to(folder).with_suffix("").parts), p.read_text(encoding="utf-8")) for p in files]


def replicate(texts: list[tuple[str, str]], size: int, out: Path) -> int:
    """Write `size` reports into `out`, copies of `texts` in turn, each made distinct; return the bytes written."""
    out.mkdir(parents=True)
    written = 0
    for i in range(size):
        name, text = texts[i % len(texts)]
        copy = i // len(texts)
        data = (text if copy == 0 else f"{text}\n（副本{copy}）\n").encode("utf-8")
        (out / f"{i:05d}_{name}.txt").write_bytes(data)
        written += len(data)
    return written


#: The interpreter of the baseline checkout (`--baseline`), which runs the step `extract-baseline`.
BASELINE: dict[str, str] = {}


def run_step(step: str, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run one step in a fresh interpreter; its figures, with the wall time of the whole process."""
    python = sys.executable
    if step == "extract-baseline":  # the other checkout's own installed policykg, not this tree's
        python, env = BASELINE["python"], {k: v for k, v in env.items() if k != "PYTHONPATH"}
    t0 = time.perf_counter()
    proc = subprocess.run([python, "-c", STEPS[step] + PEAK, str(work)], capture_output=True, text=True,
                          env=env, cwd=work if step == "extract-baseline" else ROOT)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{proc.stderr[-3000:]}")
    figures: dict[str, Any] = {"seconds": wall}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            figures.update(eval(line, {}))  # the step's own printed dict of numbers
    return figures


def bench_size(texts: list[tuple[str, str]], size: int, steps: list[str], env: dict[str, str],
               keep: Path | None) -> dict[str, Any]:
    """Every step on the corpus replicated to `size` reports."""
    work = Path(tempfile.mkdtemp(prefix=f"policykg-bench-{size}-", dir=keep))
    try:
        text_bytes = replicate(texts, size, work / "corpus")
        out: dict[str, Any] = {"size": size, "text_mb": text_bytes / 1e6}
        for step in steps:
            out[step] = run_step(step, work, env)
            print(f"  {size} reports: {step:<10} {out[step]['seconds']:8.1f} s  "
                  f"peak {out[step]['peak_mb']:7.0f} MB (largest worker {out[step]['child_peak_mb']:5.0f} MB)",
                  flush=True)
        out["facts_mb"] = (work / "facts.json").stat().st_size / 1e6 if (work / "facts.json").exists() else None
        baseline = work / "facts-baseline.json"
        out["baseline_facts_mb"] = baseline.stat().st_size / 1e6 if baseline.exists() else None
        db = work / "graph.lbdb"
        out["db_mb"] = (sum(f.stat().st_size for f in db.rglob("*")) if db.is_dir()
                        else db.stat().st_size) / 1e6 if db.exists() else None
        ttl = work / "graph.ttl"
        out["ttl_mb"] = ttl.stat().st_size / 1e6 if ttl.exists() else None
        return out
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def table(results: list[dict[str, Any]], steps: list[str]) -> str:
    """The figures as a Markdown table: per step and size, time, ratio to jieba, per-report ms, peak memory."""
    lines = ["| reports | step | time (s) | × jieba | ms per report | peak MB (main / largest worker) |",
             "|---:|---|---:|---:|---:|---:|"]
    for r in results:
        jieba = r["jieba"]["seconds"]
        for step in steps:
            s = r[step]
            lines.append(f"| {r['size']} | {step} | {s['seconds']:.1f} | {s['seconds'] / jieba:.2f} | "
                         f"{1000 * s['seconds'] / r['size']:.1f} | {s['peak_mb']:.0f} / {s['child_peak_mb']:.0f} |")
        if not all(s in r for s in ("extract", "load", "page", "turtle")):
            continue
        build = sum(r[s]["seconds"] for s in ("extract", "load", "page", "turtle"))
        lines.append(f"| {r['size']} | build (extract+load+page+turtle) | {build:.1f} | {build / jieba:.2f} | "
                     f"{1000 * build / r['size']:.1f} | |")
    return "\n".join(lines)


def summary(results: list[dict[str, Any]]) -> str:
    """The targets of issue 14, each with its measured figure."""
    out = []
    for r in results:
        jieba = r["jieba"]["seconds"]
        sizes = [f"{r['size']} reports, {r['text_mb']:.1f} MB of text:"]
        if r["facts_mb"] is not None:
            sizes.append(f"facts file {r['facts_mb']:.1f} MB ({r['facts_mb'] / r['text_mb']:.2f}x the text, "
                         "target <= 1.5),")
        if r["db_mb"] is not None:
            sizes.append(f"database {r['db_mb']:.0f} MB,")
        if r["ttl_mb"] is not None:
            sizes.append(f"Turtle {r['ttl_mb']:.0f} MB")
        out.append(" ".join(sizes).rstrip(",:"))
        for step in ("extract-baseline", "extract"):
            if step in r:
                out.append(f"  {step} {r[step]['seconds'] / jieba:.2f}x jieba (target <= 1.5), "
                           f"peak {max(r[step]['peak_mb'], r[step]['child_peak_mb']):.0f} MB (target <= 500)")
        if r.get("baseline_facts_mb"):
            out.append(f"  baseline facts file {r['baseline_facts_mb']:.1f} MB "
                       f"({r['baseline_facts_mb'] / r['text_mb']:.2f}x the text)")
        for step in ("load", "load-neo4j"):
            if step in r:
                out.append(f"  {step}: {r['size'] / r[step]['inner']:.1f} reports/s (target >= 20 embedded, "
                           "Neo4j within 2x)")
        if all(s in r for s in ("extract", "load", "page", "turtle")):
            build = sum(r[s]["seconds"] for s in ("extract", "load", "page", "turtle"))
            out.append(f"  build {build / jieba:.2f}x jieba (target <= 3)")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        for step in ("extract-baseline", "extract"):
            if step in a and step in b:
                out.append(f"{step} peak at {b['size']} / at {a['size']}: "
                           f"{b[step]['peak_mb'] / a[step]['peak_mb']:.2f} (target: flat)")
        for step in ("extract", "load", "page", "turtle"):
            if step in a and step in b:
                ratio = (b[step]["seconds"] / b["size"]) / (a[step]["seconds"] / a["size"])
                out.append(f"per-report {step} time at {b['size']} / at {a['size']}: {ratio:.2f} (target <= 1.2)")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=os.environ.get("POLICYKG_BENCH_CORPUS") or str(EXAMPLES))
    ap.add_argument("--sizes", default="500,2000", help="comma-separated corpus sizes in reports")
    ap.add_argument("--steps", default="jieba,extract,load,page,turtle,shacl-sample",
                    help="comma-separated steps, in order (e.g. jieba,extract: the extraction side only)")
    ap.add_argument("--neo4j", nargs="?", const="launch", metavar="URI",
                    help="also load into Neo4j: this server (its database is EMPTIED), or a throwaway one")
    ap.add_argument("--baseline", metavar="PYTHON",
                    help="also run extract with this interpreter (another checkout's venv) as extract-baseline")
    ap.add_argument("--keep", type=Path, help="keep the work folders under this folder")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    a = ap.parse_args(argv)
    texts = corpus_texts(Path(a.corpus))
    if not texts:
        print(f"no .txt/.md reports under {a.corpus}", file=sys.stderr)
        return 2
    steps = a.steps.split(",")
    if a.baseline:
        BASELINE["python"] = a.baseline
        if "extract" in steps and "extract-baseline" not in steps:
            steps.insert(steps.index("extract"), "extract-baseline")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = None
    if a.neo4j:
        steps.insert(steps.index("load") + 1, "load-neo4j")
        if a.neo4j == "launch":
            sys.path.insert(0, str(ROOT))
            from tests.neo4j_server import LauncherServer

            server = LauncherServer()
            target = server.start()
            env.update(BENCH_NEO4J_URI=target.uri, NEO4J_USERNAME=target.user, NEO4J_PASSWORD=target.password or "")
        else:
            env["BENCH_NEO4J_URI"] = a.neo4j
    print(f"corpus: {len(texts)} reports under {a.corpus}; {os.cpu_count()} cores; "
          f"peak memory of this process so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
          flush=True)
    try:
        results = [bench_size(texts, int(size), steps, env, a.keep) for size in a.sizes.split(",")]
    finally:
        if server is not None:
            server.stop()
    print()
    print(table(results, steps))
    print()
    print(summary(results))
    if a.json:
        a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
