"""Regions (行政区): the report's own region and full division names in the text."""
from __future__ import annotations

from functools import lru_cache

from . import divisions
from .document import Document, Mention
from .lexicon import NameMatcher


@lru_cache(maxsize=1)
def _full_names() -> NameMatcher:
    return NameMatcher(n for n in divisions.names() if divisions.lookup(n)[0].name == n and len(n) >= 3)


def find_regions(doc: Document) -> Document:
    """Pipeline component: full official names, resolved within the report's province."""
    province = (doc.meta.adcode or "")[:2]
    for start, end, name in _full_names().find(doc.text):
        options = [d for d in divisions.lookup(name) if d.name == name]
        local = [d for d in options if d.code[:2] == province] or options
        if len(local) != 1:
            continue
        d = local[0]
        doc.mentions.append(Mention("Region", d.name, start, end, level=d.level, code=d.code))
    return doc
