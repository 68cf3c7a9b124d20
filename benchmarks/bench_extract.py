"""Extraction speed and memory against a plain jieba pass over the same texts.

Run: ``.venv/bin/python benchmarks/bench_extract.py [REPORTS_DIR] [--copies 20]``

1. Speed: the example reports are extracted, and the time is divided by the
   time of one plain ``jieba.lcut`` pass over the same texts in the same run.
   jieba's dictionary (with the policykg user dictionary) and extraction's
   lexicons are loaded before either is timed. Target: ratio <= 2.0.
2. Scale: the corpus replicated N times (each copy made distinct by a line
   at its end, so every copy is its own report) must not take longer per
   report than the single corpus, and its peak memory (tracemalloc) must stay
   within twice the single corpus's peak plus the facts it holds.

Each timing is the best of a few repeats, which removes scheduler noise
without hiding a real cost.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jieba

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.extract import extract_texts, tokens  # noqa: E402

SPEED_TARGET = 2.0


def best_time(fn: Callable[[], Any], repeats: int) -> float:
    """The shortest wall time of `repeats` calls of `fn`."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def traced(fn: Callable[[], Any]) -> tuple[Any, int, int]:
    """(result, peak bytes, bytes still held with the result) of one call under tracemalloc."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    result = fn()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, peak, current


def load_texts(folder: Path) -> dict[str, str]:
    """Source name → text of each .txt report in `folder`."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def replicate(texts: dict[str, str], copies: int) -> dict[str, str]:
    """`copies` distinct copies of every report (a numbered line at the end makes each its own)."""
    return {f"{k}#copy={i}": f"{v}\n（副本{i}）\n" for i in range(copies) for k, v in texts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reports", nargs="?", default=str(ROOT / "examples" / "reports"))
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args(argv)

    texts = load_texts(Path(a.reports))
    if not texts:
        print(f"no .txt reports in {a.reports}", file=sys.stderr)
        return 2
    chars = sum(map(len, texts.values()))

    # load everything that is loaded once per process before timing anything
    tokens.load()
    extract_texts(dict(list(texts.items())[:1]))

    t_jieba = best_time(lambda: [jieba.lcut(t) for t in texts.values()], a.repeats)
    t_single = best_time(lambda: extract_texts(texts), a.repeats)
    ratio = t_single / t_jieba

    big = replicate(texts, a.copies)
    t_big = best_time(lambda: extract_texts(big), a.repeats)
    per_single = t_single / len(texts)
    per_big = t_big / len(big)

    facts_1, peak_1, held_1 = traced(lambda: extract_texts(texts))
    facts_n, peak_n, held_n = traced(lambda: extract_texts(big))
    mem_limit = 2 * peak_1 + held_n
    del facts_1, facts_n

    mib = 1024 * 1024
    rows = [
        ("corpus", f"{len(texts)} reports, {chars:,} chars", "", ""),
        ("jieba.lcut pass", f"{t_jieba * 1000:8.1f} ms", "", ""),
        ("extraction", f"{t_single * 1000:8.1f} ms", f"ratio {ratio:.2f}", f"<= {SPEED_TARGET:.1f}"),
        ("per report (x1)", f"{per_single * 1000:8.1f} ms", "", ""),
        (f"per report (x{a.copies})", f"{per_big * 1000:8.1f} ms",
         f"{per_big / per_single:.2f} of x1", "<= 1.00 (+noise)"),
        ("peak memory (x1)", f"{peak_1 / mib:8.1f} MiB", f"held {held_1 / mib:.1f} MiB", ""),
        (f"peak memory (x{a.copies})", f"{peak_n / mib:8.1f} MiB", f"held {held_n / mib:.1f} MiB",
         f"<= {mem_limit / mib:.1f} MiB (2 x peak x1 + held)"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':{width}}  {'value':>24}  {'':22}  target")
    for name, value, extra, target in rows:
        print(f"{name:{width}}  {value:>24}  {extra:22}  {target}")

    ok_speed = ratio <= SPEED_TARGET
    ok_scale = per_big <= per_single * 1.10  # 10% for timer noise between two runs
    ok_mem = peak_n <= mem_limit
    print()
    print(f"speed  {'ok' if ok_speed else 'FAIL'}   scale  {'ok' if ok_scale else 'FAIL'}   "
          f"memory  {'ok' if ok_mem else 'FAIL'}")
    return 0 if (ok_speed and ok_scale and ok_mem) else 1


if __name__ == "__main__":
    sys.exit(main())
