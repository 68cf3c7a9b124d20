"""Sections, paragraphs and sentences of a normalised report."""
from __future__ import annotations

import re

from .document import Document, Section, Span

_SECTION = re.compile(r"^[#\s]*([一二三四五六七八九十]{1,3})、(.*)$", re.M)
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’\"」』)）]*|\n+")


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


def sections(text: str) -> list[Section]:
    """Top-level sections headed 一、二、… on a line of their own."""
    heads = [(m.start(), m.group(0).strip("# \n")) for m in _SECTION.finditer(text)]
    out = []
    for k, (start, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        out.append(Section(title, start, end))
    return out


def segment(doc: Document) -> Document:
    """Pipeline component: fill `doc.sections` and `doc.sentences`."""
    doc.sections = sections(doc.text)
    doc.sentences = sentences(doc.text)
    return doc
