"""Normalisation of report text, keeping a map back to the original offsets.

Every step works character by character and records, for each character it
keeps, the offset it came from; evidence then points into the source exactly.
"""
from __future__ import annotations

import re

from .document import Document

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def fold_width(ch: str) -> str:
    """Full-width ASCII (！…～) and the ideographic space to their half-width forms."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000:
        return " "
    return ch


def normalize_text(original: str) -> tuple[str, list[int]]:
    """Return (normalised text, map from normalised offset to original offset).

    The map has one entry per normalised character plus a final entry for the
    end of the text.
    """
    chars: list[str] = []
    offsets: list[int] = []
    n = len(original)
    for i, raw in enumerate(original):
        ch = fold_width(raw)
        if ch in " \t" and chars and _is_cjk(chars[-1]):
            # a space run between two Chinese characters is an OCR/PDF artefact
            j = i
            while j < n and fold_width(original[j]) in " \t":
                j += 1
            if j < n and _is_cjk(original[j]):
                continue
        chars.append(ch)
        offsets.append(i)
    offsets.append(n)
    return "".join(chars), offsets


def normalize(doc: Document) -> Document:
    """Pipeline component: fill `doc.text` and `doc.to_original`."""
    doc.text, doc.to_original = normalize_text(doc.original)
    return doc
