"""Long lines: one report of ~1 MB on a single line against the same text in paragraphs.

Run: ``.venv/bin/python benchmarks/bench_long_lines.py [--chars 1000000] [--components]``

The text is the example reports repeated up to ``--chars`` characters, as one
report: once with its paragraphs on lines of their own, once with every line
break removed (a page scraped as one line). Each is extracted (`extract_texts`)
at the full size and at a quarter of it, which shows two things:

1. Long lines: the single line may cost no more than the paragraphs.
   Target: single / paragraphs <= 1.25.
2. Linear cost: the time per character at the full size may be no more than at a
   quarter of it. Target: growth <= 1.5 for both forms (a quadratic step gives ~4).

``--components`` also times each pipeline step on the full single line, to show
where a superlinear cost lives.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.extract import extract_texts, tokens  # noqa: E402
from policykg.extract.document import Document  # noqa: E402
from policykg.extract.pipeline import DOCUMENT_COMPONENTS, RESTORE_COMPONENTS  # noqa: E402
from policykg.extract.relations import document_relations  # noqa: E402
from policykg.extract.resolve import AcceptedNames, add_report_region, settle  # noqa: E402

LINE_TARGET = 1.25
GROWTH_TARGET = 1.5


def corpus_text(chars: int) -> str:
    """The example reports, repeated, cut to `chars` characters at a line end."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "reports").glob("*.txt"))]
    out: list[str] = []
    size = 0
    while size < chars:
        for t in texts:
            out.append(t)
            size += len(t) + 1
    text = "\n".join(out)[:chars]
    return text[: text.rfind("\n")] if "\n" in text else text


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def component_times(text: str) -> list[tuple[str, float]]:
    """Seconds per pipeline step for one report (the steps of `pipeline.annotate`, timed one by one)."""
    doc = Document("long.txt", text)
    names = AcceptedNames()
    steps: list[tuple[str, Callable[[], Any]]] = [(c.__name__, lambda c=c: c(doc)) for c in DOCUMENT_COMPONENTS]
    steps += [("add_report_region", lambda: add_report_region(doc)), ("collect", lambda: names.collect(doc, 0)),
              ("release", doc.release)]
    steps += [(f"{c.__name__} (again)", lambda c=c: c(doc)) for c in RESTORE_COMPONENTS]
    steps += [("second pass", lambda: names.apply(doc, 0)), ("settle", lambda: settle(doc)),
              ("relations", lambda: document_relations(doc))]
    return [(name, timed(step)) for name, step in steps]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--components", action="store_true", help="time each pipeline step on the single line")
    a = ap.parse_args(argv)

    tokens.load()
    extract_texts({"warm.txt": corpus_text(20_000)})  # lexicons and jieba loaded before timing

    full, quarter = corpus_text(a.chars), corpus_text(a.chars // 4)
    forms = {"paragraphs": lambda t: t, "single line": lambda t: t.replace("\n", "")}
    times: dict[tuple[str, str], float] = {}
    for form, make in forms.items():
        for size, text in (("quarter", quarter), ("full", full)):
            body = make(text)
            times[(form, size)] = timed(lambda body=body: extract_texts({"long.txt": body}))
            print(f"{form:12} {size:8} {len(body):>10,} chars  {times[(form, size)]:8.1f} s", flush=True)

    ratio = times[("single line", "full")] / times[("paragraphs", "full")]
    growth = {form: (times[(form, "full")] / len(full)) / (times[(form, "quarter")] / len(quarter))
              for form in forms}
    print()
    print(f"single line / paragraphs (full)   {ratio:5.2f}   target <= {LINE_TARGET}")
    for form, g in growth.items():
        print(f"growth per char, {form:16} {g:5.2f}   target <= {GROWTH_TARGET}  (1 = linear, 4 = quadratic)")
    if a.components:
        print("\nsteps on the full single line:")
        for name, secs in component_times(forms["single line"](full)):
            print(f"  {name:20} {secs:8.2f} s")
    ok = ratio <= LINE_TARGET and all(g <= GROWTH_TARGET for g in growth.values())
    print(f"\nlong lines  {'ok' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
