"""Sections, paragraphs and sentences of a normalised report, with offsets.

The normaliser leaves one paragraph per line, so paragraphs are lines;
sentences end at 。！？； (full- or half-width) with any closing quotes, and at
line ends; sections are the numbered top-level headings 一、二、三、… on a line
of their own, taken only in sequence (a stray 一、 inside a section does not
start a new one).
"""
from __future__ import annotations

import re

from .document import Document, Section, Span

#: The start of a heading line: 一、 （一） (1) 1. 第一部分 (shared with the normaliser).
HEADING_START = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|[(（]\d{1,2}[)）]"
    r"|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]{1,3}(?:部分|章|节|篇))"
)
#: A top-level section heading: 一、… (its number in group 1).
_SECTION = re.compile(r"([一二三四五六七八九十]{1,3})、")
_SECTION_MAX_CHARS = 60
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’\"」』)）]*|\n+")
_NUMERALS = {ch: n for n, ch in enumerate("一二三四五六七八九", start=1)}


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一 → 1, 十 → 10, 十二 → 12, 二十三 → 23), else None."""
    if not text:
        return None
    if "十" not in text:
        return _NUMERALS.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    t = _NUMERALS.get(tens, 0 if tens == "" else -1)
    u = _NUMERALS.get(units, 0 if units == "" else -1)
    if t < 0 or u < 0 or "十" in units:
        return None
    return (t or 1) * 10 + u


def is_heading(line: str) -> bool:
    """True for a heading line: starts with a heading number, short, and holds no full sentence."""
    return bool(HEADING_START.match(line)) and len(line) <= _SECTION_MAX_CHARS and "。" not in line


def paragraphs(text: str) -> list[Span]:
    """One span per non-blank line, trimmed."""
    out: list[Span] = []
    start = 0
    for m in re.finditer(r"\n", text):
        _append_trimmed(out, text, start, m.start())
        start = m.end()
    _append_trimmed(out, text, start, len(text))
    return out


def sentences(text: str) -> list[Span]:
    """Split text into sentences at 。！？； and line breaks, trimming blanks."""
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        _append_trimmed(out, text, start, end)
        start = m.end()
    _append_trimmed(out, text, start, len(text))
    return out


def _append_trimmed(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


def sections(text: str, paras: list[Span] | None = None) -> list[Section]:
    """Top-level sections headed 一、二、… on a line of their own, numbered in sequence."""
    heads: list[tuple[int, str]] = []
    expected = 1
    for p in paras if paras is not None else paragraphs(text):
        line = text[p.start : p.end]
        m = _SECTION.match(line)
        if not m or not is_heading(line) or chinese_number(m.group(1)) != expected:
            continue
        heads.append((p.start, line))
        expected += 1
    out = []
    for k, (start, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(Section(title, start, end))
    return out


def segment(doc: Document) -> Document:
    """Pipeline component: fill `doc.paragraphs`, `doc.sections` and `doc.sentences`."""
    paras = paragraphs(doc.text)
    doc.paragraphs = paras
    doc.sections = sections(doc.text, paras)
    doc.sentences = sentences(doc.text)
    return doc
