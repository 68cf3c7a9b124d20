"""Report metadata from the header: region, level, parent, province, code, year, date, speaker."""
from __future__ import annotations

import re

from . import divisions
from .document import Document

_HEAD_CHARS = 600
_SESSION = re.compile(r"在(?P<region>[\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十百]+届")
_DATE = re.compile(r"(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_SPEAKER = re.compile(
    r"(?:人民政府)?(?:代理)?(?:省长|市长|区长|县长|州长|旗长|盟长|主席)\s*(?P<name>[\u4e00-\u9fff·]{2,4})(?![\u4e00-\u9fff])"
)
_REVIEW = re.compile(r"(?P<y>20\d\d)年(?:政府)?工作回顾")
_LEVEL_WORD = {"省长": "province", "市长": "prefecture", "区长": "county", "县长": "county"}


def _region_from_header(head: str) -> divisions.Division | None:
    """The most specific division named in the header's session line or title."""
    candidates: list[str] = []
    m = _SESSION.search(head)
    if m:
        candidates.append(m.group("region"))
    candidates.append(head)
    for text in candidates:
        found = [
            d for name in divisions.names() if name in text and len(name) >= 2
            for d in divisions.lookup(name) if d.name in text
        ]
        if found:
            order = {"county": 0, "prefecture": 1, "province": 2}
            # prefer the lowest level, and a county inside another named division
            found.sort(key=lambda d: (order[d.level], -sum(o.code[:4] == d.code[:4] for o in found)))
            return found[0]
    return None


def read_metadata(doc: Document) -> Document:
    """Pipeline component: fill `doc.meta` from the report's header."""
    head = re.sub(r"\s+", "", doc.text[:_HEAD_CHARS])
    meta = doc.meta
    div = _region_from_header(head)
    if div is not None and meta.region is None:
        meta.region, meta.region_level, meta.adcode = div.name, div.level, div.code
        up = divisions.parent(div)
        prov = divisions.province_of(div)
        meta.parent = up.name if up else None
        meta.province = prov.name if prov else None
    if meta.region is None:
        doc.warnings.append("region not found in the header; falling back to the file name")
    m = _DATE.search(head)
    if m and meta.date is None:
        meta.date = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    m = _SPEAKER.search(head)
    if m and meta.speaker is None:
        meta.speaker = m.group("name")
    if meta.year is None:
        m = _REVIEW.search(doc.text)
        if m:
            meta.year = int(m["y"])
        elif meta.date:
            meta.year = int(meta.date[:4]) - 1
    if meta.title is None:
        meta.title = f"{meta.region or ''}政府工作报告" if meta.region else "政府工作报告"
    return doc
