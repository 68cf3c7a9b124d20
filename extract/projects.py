"""Projects (项目): named undertakings written with 项目 or 工程."""
from __future__ import annotations

import re

from .document import Document, Mention

_PROJECT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{3,16}?项目")
_GENERIC = re.compile(r"^(重点|重大|技改|新建|续建|在建|产业|招商|民生|省|市|县|区|个|项)")


def find_projects(doc: Document) -> Document:
    """Pipeline component: names ending in 项目 with a proper part."""
    for m in _PROJECT.finditer(doc.text):
        name = m.group()
        if _GENERIC.match(name) or re.match(r"^\d", name):
            continue
        doc.mentions.append(Mention("Project", name, m.start(), m.end()))
    return doc
