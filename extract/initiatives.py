"""Initiatives (政策举措): quoted coinages and names with an initiative head word."""
from __future__ import annotations

import re

from .document import Document, Mention
from .lexicon import load_table

_QUOTED = re.compile(r"[“\"「](?P<name>[^”\"」\n]{2,20})[”\"」]")


def kind_of(name: str) -> str:
    """The initiative kind implied by the name's head word (reform when none)."""
    heads = sorted(load_table("initiative_heads.tsv"), key=lambda row: -len(row[0]))
    for head, kind in heads:
        if name.endswith(head):
            return kind
    return "reform"


def find_initiatives(doc: Document) -> Document:
    """Pipeline component: quoted coinages become Initiative mentions."""
    for m in _QUOTED.finditer(doc.text):
        name = m.group("name").strip()
        if not re.search(r"[\u4e00-\u9fff]", name):
            continue
        doc.mentions.append(
            Mention("Initiative", name, m.start("name"), m.end("name"), kind=kind_of(name))
        )
    return doc
