"""Enterprises (企业): names ending in 集团, 公司 or 银行."""
from __future__ import annotations

import re

from .document import Document, Mention

_ENTERPRISE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:集团|有限公司|公司|银行)")


def find_enterprises(doc: Document) -> Document:
    """Pipeline component: company names by their head word."""
    for m in _ENTERPRISE.finditer(doc.text):
        doc.mentions.append(Mention("Enterprise", m.group(), m.start(), m.end()))
    return doc
