"""Normalisation of report text, keeping a map back to the original offsets.

Reports come as clean web text, OCR output, PDF copies and scraped pages. The
normaliser gives the extractors one form of text, line by line, in one linear
pass:

- full-width ASCII (！…～) and odd spaces (ideographic, no-break) become
  half-width; control and zero-width characters, markdown heading marks (``## ``)
  and emphasis (``**``) are dropped;
- whitespace next to Chinese text is removed (OCR and PDF copies space out
  characters: ``政 府 工 作 报 告``, ``增长 6.5%``); other runs become one space;
  lines are trimmed;
- web-page boilerplate lines (下载, 打印, 【字号：…】, 来源：…, page numbers; the
  patterns are in ``data/boilerplate.txt``) and blank lines are dropped;
- an OCR ``十`` that stands for ``+`` is restored where a plus operand touches it
  and no numeral context is around (``data/plus_operands.txt``,
  ``data/numeral_context.tsv``): 管委会十运营公司 → 管委会+运营公司, 互联网十 → 互联网+;
- a line broken in the middle of a sentence (a PDF page break, a hard wrap) is
  joined to the next; never in the title block before the salutation, never
  after a heading and never before one.

The result has one paragraph per line. Every normalised character comes from
exactly one original character (nothing is expanded), so ``to_original[i]`` is
the offset of that character and ``original[to_original[i]]`` is its source;
a line break, or the space put between two Latin words when joining, maps to the
original line break.
"""
from __future__ import annotations

import re
from functools import cache

from .document import Document
from .lexicon import load_list, load_table
from .segment import is_heading

# 1:1 character folding (str.translate keeps offsets): full-width ASCII, odd spaces.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({c: 0x20 for c in (0x09, 0x0B, 0x0C, 0xA0, 0x3000, 0x202F, 0x205F, *range(0x2000, 0x200B))})

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")
_EDIT = re.compile(r"(?P<space> +)|(?P<drop>[\x00-\x1f\x7f\u200b-\u200f\u2060\ufeff]+|\*{2,})|(?P<ten>十)")
_MARKDOWN_HEAD = re.compile(r" *#{1,6}(?!#) *")
_SQUEEZE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff*#]+")
_BOILERPLATE_MAX = 80

_TERMINAL = frozenset("。!?;:…！？；：")
_CLOSERS = frozenset("”’\"」』)）】》")
_OPENERS = frozenset("，,、“‘「『(（《【-—")
_CONTINUATION_START = frozenset("，,、。；;：:！？!?%)）”’」』》")
_SALUTATION = re.compile(r"(?:各位代表|各位委员|同志们|女士们|代表们)")
_ENUM_LEAD = re.compile(r"[一二三四五六七八九十]是|首先|其次|再次|最后|同时|此外")
_SECTION_ONE = re.compile(r"[一二三四五六七八九十]{1,3}、")
_JOIN_MIN_CHARS = 20
_HEADER_MAX_LINES = 20


def is_cjk(ch: str) -> bool:
    """Chinese characters and East Asian punctuation (the text that spaces are removed next to).

    Full-width letters and digits (Ｍａｄｅ, ６) count as Latin, full-width punctuation (，：) as Chinese.
    """
    if "\uff00" <= ch <= "\uffef":
        return not (ch.translate(_FOLD).isascii() and ch.translate(_FOLD).isalnum())
    return (
        "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\ufe30" <= ch <= "\ufe4f"
        or ch in "“”‘’…—·" or "\U00020000" <= ch <= "\U0003ffff"
    )


def fold_width(ch: str) -> str:
    """Full-width ASCII (！…～) and the ideographic space to their half-width forms."""
    return ch.translate(_FOLD)


@cache
def _boilerplate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load_list("boilerplate.txt")))


@cache
def _plus_rules() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    ops = sorted(load_list("plus_operands.txt"), key=len, reverse=True)
    alt = "|".join(map(re.escape, ops))
    context = {row[0]: frozenset(row[1]) for row in load_table("numeral_context.tsv")}
    return re.compile(f"(?:{alt})$"), re.compile(f"(?:{alt})"), context["before"], context["after"]


def is_boilerplate(line: str) -> bool:
    """True for a web-page or print-layout line that is not report text (see data/boilerplate.txt)."""
    return _is_boilerplate_folded(line.translate(_FOLD))


def _is_boilerplate_folded(line: str) -> bool:
    if len(line) > 4 * _BOILERPLATE_MAX:
        return False
    squeezed = _SQUEEZE.sub("", line)
    return 0 < len(squeezed) <= _BOILERPLATE_MAX and bool(_boilerplate().fullmatch(squeezed))


def _is_plus(chars: list[str], i: int) -> bool:
    """Whether the 十 at chars[i] stands for a plus sign (see the module docstring)."""
    head, tail, before, after = _plus_rules()
    prev = chars[i - 1] if i > 0 else ""
    nxt = chars[i + 1] if i + 1 < len(chars) else ""
    if prev in before or nxt in after:
        return False
    if (prev.isascii() and prev.isalnum()) or (nxt.isascii() and nxt.isalnum()):
        return True  # 4十3, 5G十, 十N: a Chinese numeral never touches ASCII letters or digits
    return bool(head.search("".join(chars[max(0, i - 6) : i]))) or (
        "\u3400" <= prev <= "\u9fff" and bool(tail.match("".join(chars[i + 1 : i + 7])))
    )


def _normalize_line(raw: str, t: str, base: int) -> tuple[list[str], list[int]]:
    """One line (without its break), as read and width-folded → (characters, original offsets).

    Whether a space touches Chinese text is judged on the characters as read,
    so a full-width comma counts as Chinese punctuation although it folds to ",".
    """
    chars: list[str] = []
    offs: list[int] = []
    tens: list[int] = []
    m = _MARKDOWN_HEAD.match(t)
    pos = m.end() if m and "#" in m.group() else 0
    n = len(t)
    for e in _EDIT.finditer(t, pos):
        s, end = e.span()
        if s > pos:
            chars.extend(t[pos:s])
            offs.extend(range(base + pos, base + s))
        kind = e.lastgroup
        if kind == "space":
            nxt = raw[end] if end < n else ""
            if chars and nxt and not is_cjk(raw[offs[-1] - base]) and not is_cjk(nxt):
                chars.append(" ")
                offs.append(base + s)
        elif kind == "ten":
            tens.append(len(chars))
            chars.append("十")
            offs.append(base + s)
        pos = end
    if pos < n:
        chars.extend(t[pos:])
        offs.extend(range(base + pos, base + n))
    while chars and chars[-1] == " ":
        chars.pop()
        offs.pop()
    for i in tens:
        if _is_plus(chars, i):
            chars[i] = "+"
    return chars, offs


def _joins(a: str, b: str) -> bool:
    """Whether line `b` continues the sentence that line `a` breaks off."""
    last = a[-1]
    if last in _TERMINAL:
        return False
    if last in _CLOSERS and (last in ")）】" or (len(a) > 1 and a[-2] in _TERMINAL)):
        return False
    if is_heading(a) or is_heading(b) or _SALUTATION.match(b) or b[0] in "—-#":
        return False
    if _ENUM_LEAD.fullmatch(a) or last in _OPENERS or b[0] in _CONTINUATION_START:
        return True
    if any(ch in a for ch in "。！？!?"):
        return True  # a paragraph that a page break cut off
    return len(a) >= _JOIN_MIN_CHARS


def _header_end(lines: list[str]) -> int:
    """Index of the first line after the title block (the salutation or section 一、), or 0."""
    for k, line in enumerate(lines[:_HEADER_MAX_LINES]):
        if _SALUTATION.match(line) or (_SECTION_ONE.match(line) and is_heading(line)):
            return k
    return 0


def normalize_text(original: str, start: int = 0) -> tuple[str, list[int]]:
    """Return (normalised text, map from normalised offset to original offset).

    Reading starts at `start` (after a front matter). The map has one entry per
    normalised character plus a final entry for the end of the text (``len(original)``).
    """
    lines: list[tuple[list[str], list[int], int]] = []  # chars, offsets, offset of the line break
    breaks = [m.start() for m in _LINE_BREAK.finditer(original, start)] + [len(original)]
    for brk in breaks:
        raw = original[start:brk]
        folded = raw.translate(_FOLD)
        if folded.strip() and not _is_boilerplate_folded(folded):
            chars, offs = _normalize_line(raw, folded, start)
            if chars:
                lines.append((chars, offs, brk))
        m = _LINE_BREAK.match(original, brk)
        start = m.end() if m else brk
    texts = ["".join(c) for c, _, _ in lines]
    header_end = _header_end(texts)
    out: list[str] = []
    offsets: list[int] = []
    for k, (chars, offs, _) in enumerate(lines):
        if k:
            prev_break = lines[k - 1][2]
            if k > header_end and _joins(texts[k - 1], texts[k]):
                if out[-1].isascii() and out[-1].isalpha() and chars[0].isascii() and chars[0].isalpha():
                    out.append(" ")
                    offsets.append(prev_break)
            else:
                out.append("\n")
                offsets.append(prev_break)
        out.extend(chars)
        offsets.extend(offs)
    offsets.append(len(original))
    return "".join(out), offsets


def normalize(doc: Document) -> Document:
    """Pipeline component: fill `doc.text` and `doc.to_original`."""
    doc.text, doc.to_original = normalize_text(doc.original, doc.body_start)
    return doc
