"""Benchmark of the graph page: build pages of about 1,000 and 5,000 nodes and open them in Chromium.

Usage: .venv/bin/python benchmarks/bench_viz.py [--sizes 1000 5000] [--keep DIR]

For each size it makes a synthetic corpus (one report per region; entities
shared by a few regions, some by many), loads it into an embedded store,
writes the page with every node drawn (`--min-regions 1`), then opens it in
headless Chromium with the network blocked and measures the time until the
network is laid out and drawn (the page sets `window.policykg.ready`).
Target: 5,000 nodes drawn in at most 10 s.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from policykg.graph.html import write_page  # noqa: E402
from policykg.graph.store import open_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TYPES = [("Initiative", 0.5), ("Project", 0.25), ("IndustrialChain", 0.1), ("Park", 0.08), ("Enterprise", 0.07)]
SUFFIX = {"Initiative": "行动", "Project": "项目", "IndustrialChain": "产业链", "Park": "产业园",
          "Enterprise": "有限公司"}
CHARS = "新兴智能绿色低碳数字乡村振兴高端装备制造现代农业文化旅游生物医药电子信息物流商贸"


def _id(prefix: str, text: str) -> str:
    return f"{prefix}:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def synthetic_facts(n_nodes: int, seed: int = 7) -> dict:
    """A facts document whose full graph has about `n_nodes` nodes (regions plus entities)."""
    rnd = random.Random(seed)
    n_regions = max(8, n_nodes // 40)
    regions = [{"id": f"region:99{i:04d}000000", "type": "Region", "name": f"测试{i}区", "aliases": [],
                "kind": None, "level": "county", "code": f"99{i:04d}000000", "mentions": []}
               for i in range(n_regions)]
    reports = [{"id": f"report:bench{i:012d}", "source": f"bench/{i:04d}.txt", "title": f"测试{i}区政府工作报告",
                "region": r["name"], "region_id": r["id"], "region_level": "county", "year": 2023,
                "date": "2024-01-15", "chars": 10000} for i, r in enumerate(regions)]

    def mention(entity: dict, i: int) -> None:
        sentence = f"我们将深入推进{entity['name']}，推动测试{i}区高质量发展再上新台阶。"
        start = sentence.index(entity["name"])
        entity["mentions"].append({"report": reports[i]["id"], "start": start, "end": start + len(entity["name"]),
                                   "text": entity["name"], "sentence": sentence})

    for i, r in enumerate(regions):
        mention(r, i)
    entities, names = [], set()
    while len(regions) + len(entities) < n_nodes:
        etype = rnd.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        name = "".join(rnd.choice(CHARS) for _ in range(rnd.randint(2, 5))) + SUFFIX[etype]
        if name in names:
            continue
        names.add(name)
        k = 1 if rnd.random() < 0.5 else min(n_regions, int(rnd.paretovariate(1.3)) + 1)
        home = rnd.randrange(n_regions)  # mostly neighbours of a home region, some anywhere
        picked = {home}
        while len(picked) < k:
            picked.add((home + rnd.randint(-4, 4)) % n_regions if rnd.random() < 0.7 else rnd.randrange(n_regions))
        entity = {"id": _id(etype.lower(), etype + "\x1f" + name), "type": etype, "name": name, "aliases": [],
                  "kind": "action" if etype == "Initiative" else None, "level": None, "code": None, "mentions": []}
        for i in sorted(picked):
            mention(entity, i)
        entities.append(entity)
    return {"schema": "policykg/facts@1", "generator": {"name": "bench", "version": "0"},
            "reports": reports, "entities": regions + entities, "relations": []}


def open_in_chromium(html: Path, timeout_s: float = 120.0) -> tuple[float, float, int]:
    """(seconds from navigation to drawn, the page's own readyAt in s, nodes drawn)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        t0 = time.perf_counter()
        page.goto(html.as_uri(), wait_until="commit")
        page.wait_for_function("window.policykg && window.policykg.ready", timeout=timeout_s * 1000, polling=50)
        wall = time.perf_counter() - t0
        ready_at = page.evaluate("window.policykg.readyAt") / 1000
        drawn = page.evaluate("window.policykg.drawnNodes()")
        page.screenshot(path=str(html.with_suffix(".png")))
        browser.close()
    return wall, ready_at, drawn


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--keep", type=Path, help="Keep the pages (and screenshots) in this folder.")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        facts = synthetic_facts(size)
        t = time.perf_counter()
        with open_store(work / f"bench{size}.lbdb") as store:
            store.load_facts(facts)
            t_load = time.perf_counter() - t
            t = time.perf_counter()
            page = write_page(store, work / f"bench{size}.html", min_regions=1, max_nodes=size * 2, overview=False)
            t_write = time.perf_counter() - t
        wall, ready_at, drawn = open_in_chromium(page)
        edges = page.read_text(encoding="utf-8").count('"from":')
        rows.append((size, drawn, edges, page.stat().st_size / 1e6, t_load, t_write, ready_at, wall))
        print(f"  {size}: done", file=sys.stderr)
    head = ("target", "nodes drawn", "edges", "page MB", "load s", "write_page s", "drawn at s", "wall s")
    print(" | ".join(head))
    print(" | ".join("-" * len(h) for h in head))
    for r in rows:
        print(f"{r[0]:>6} | {r[1]:>11} | {r[2]:>5} | {r[3]:>7.1f} | {r[4]:>6.1f} | {r[5]:>12.2f} | "
              f"{r[6]:>10.2f} | {r[7]:>6.2f}")
    print("\n'drawn at' = the page's performance.now() when the network was laid out and drawn "
          "(from navigation start); 'wall' = goto → ready seen by the driver. Target: ≤ 10 s at 5,000 nodes.")
    print(f"pages and screenshots: {work}")


if __name__ == "__main__":
    main()
