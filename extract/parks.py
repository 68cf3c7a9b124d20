"""Parks (园区): names ending in a park head word."""
from __future__ import annotations

import re

from .document import Document, Mention

_PARK = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:经济开发区|高新技术产业开发区|高新区|产业园|工业园|物流园|智造园)")


def find_parks(doc: Document) -> Document:
    """Pipeline component: park names by their head word."""
    for m in _PARK.finditer(doc.text):
        doc.mentions.append(Mention("Park", m.group(), m.start(), m.end()))
    return doc
