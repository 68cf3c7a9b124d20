"""Rendering query rows as a table, JSON, CSV or Markdown, and evaluation scores as a table, Markdown or JSON."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policykg.extract.evaluate import Scores

FORMATS = ("table", "json", "csv", "markdown")
SCORE_FORMATS = ("table", "json", "markdown")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(_cell(v) for v in value)
    return str(value)


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_rows(columns: list[str], rows: list[list[Any]], fmt: str = "table") -> str:
    """Rows in the named format; JSON is one array of objects keyed by column name."""
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    cells = [[_cell(v).replace("|", "\\|" if fmt == "markdown" else "|") for v in r] for r in rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(r) + " |" for r in cells]
        return "\n".join(lines)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def format_scores(scores: Scores, fmt: str = "table", errors: bool = False) -> str:
    """Scores per type and micro as a table, Markdown or JSON; with `errors`, the misses per report and type."""
    if fmt == "json":
        doc: dict[str, Any] = {"scores": scores.as_dict()}
        if errors:
            doc["errors"] = [{"report": m.report, "type": m.type, "missed": m.missed, "false": m.false}
                             for m in scores.errors]
        return json.dumps(doc, ensure_ascii=False, indent=2)
    if fmt not in ("table", "markdown"):
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(SCORE_FORMATS)}")
    columns = ["type", "gold", "pred", "strict P", "strict R", "strict F1", "lenient P", "lenient R", "lenient F1"]
    rows = [[name, c.gold, c.pred, *(f"{v:.2f}" for v in c.prf("strict") + c.prf("lenient"))]
            for name, c in scores.rows()]
    text = format_rows(columns, rows, fmt)
    if not errors:
        return text
    title = "### Misses and false hits (lenient)" if fmt == "markdown" else "misses and false hits (lenient):"
    blocks = [text, "", title]
    for m in scores.errors:
        missed, false = "、".join(m.missed) or "-", "、".join(m.false) or "-"
        if fmt == "markdown":
            blocks += ["", f"**{m.report}** · {m.type}", "", f"- missed: {missed}", f"- false: {false}"]
        else:
            blocks += [f"{m.report} {m.type}", f"  missed: {missed}", f"  false:  {false}"]
    return "\n".join(blocks)

