"""Relations between entities, each read from one sentence (precision before recall)."""
from __future__ import annotations

import itertools
from collections.abc import Sequence

from .document import Document, RelationMention, Span
from .resolve import region_hierarchy


def part_of(doc: Document) -> None:
    """Region -PART_OF-> Region up the administrative hierarchy of each region mentioned."""
    seen = set()
    for m in doc.mentions:
        if m.type != "Region" or not m.code:
            continue
        chain = region_hierarchy(m.code)
        for child, parent in itertools.pairwise(chain):
            key = (child.code, parent.code)
            if key in seen:
                continue
            seen.add(key)
            doc.relations.append(
                RelationMention(
                    "PART_OF", ("Region", child.name, child.code), ("Region", parent.name, parent.code), Span(0, 0)
                )
            )


def find_relations(docs: Sequence[Document]) -> Sequence[Document]:
    """Corpus component: relations of every document."""
    for doc in docs:
        part_of(doc)
    return docs
