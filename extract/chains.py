"""Industrial chains (产业链): items of an enumeration ending in 等…产业(链/集群)."""
from __future__ import annotations

import re

from .document import Document, Mention

_ENUM = re.compile(r"(?P<items>[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,10})+)等[\u4e00-\u9fff]{0,6}?产业")
_HEAD = re.compile(r"(产业链|产业集群|产业|集群|行业)$")


def canonical(name: str) -> str:
    """The sector without its head word (锂电产业 → 锂电), kept whole when too short."""
    short = _HEAD.sub("", name)
    return short if len(short) >= 2 else name


def find_chains(doc: Document) -> Document:
    """Pipeline component: chains enumerated before 等…产业."""
    for m in _ENUM.finditer(doc.text):
        pos = m.start("items")
        for item in m.group("items").split("、"):
            doc.mentions.append(Mention("IndustrialChain", canonical(item), pos, pos + len(item)))
            pos += len(item) + 1
    return doc
