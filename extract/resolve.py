"""Corpus-level resolution: the second pass, the report's own region, and nesting.

The second pass looks for every name accepted in any report of the batch in
every report within its type's scope (`data/types.toml`). In the report that
accepted it, every occurrence counts; in another report an occurrence counts
only with local evidence of its type (quoted, a head word after it, a cue verb
before it, a list of the same type), so one report's mistake is not copied into
every report of the batch.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from . import chains, divisions, initiatives, tokens
from .context import SpanIndex, local_evidence, vetoed
from .document import Document, Mention
from .lexicon import NameMatcher, load_list
from .spec import spec


def add_report_region(doc: Document) -> None:
    """The report's own region is always an entity of the report."""
    meta = doc.meta
    if not meta.region:
        return
    pos = doc.text.find(meta.region)
    start, end = (pos, pos + len(meta.region)) if pos >= 0 else (0, 0)
    doc.mentions.append(
        Mention("Region", meta.region, start, end, level=meta.region_level, code=meta.adcode,
                source="report", standalone=True)
    )


#: Per-type checks of one occurrence the second pass found, from the finder that
#: knows the type's word-boundary rules: (doc, start, end, proto, foreign) -> keep it?
#: `proto` is the accepted mention; `foreign` is true when it comes from another report.
OCCURRENCE_FILTERS: dict[str, Callable[[Document, int, int, Mention, bool], bool]] = {
    "Initiative": initiatives.accept_occurrence,
    "IndustrialChain": chains.accept_occurrence,
}


def _occurrence_ok(proto: Mention, doc: Document, start: int, end: int, foreign: bool) -> bool:
    check = OCCURRENCE_FILTERS.get(proto.type)
    return check is None or check(doc, start, end, proto, foreign)


class AcceptedNames:
    """Names accepted by the first pass in any report, for the second pass.

    `collect` runs on each report while its text is at hand; `apply` then runs
    on one report at a time, so the batch never needs every text at once.
    """

    def __init__(self) -> None:
        # surface -> (proto mention, the region code of its report, the report's index)
        self._accepted: dict[str, list[tuple[Mention, str | None, int]]] = {}
        self._matcher: NameMatcher | None = None

    def collect(self, doc: Document, index: int) -> None:
        """Remember the accepted names of report number `index`."""
        for m in doc.mentions:
            if spec(m.type).second_pass == "none" or m.end <= m.start:
                continue
            for surface in dict.fromkeys((doc.text[m.start : m.end], m.name)):  # in order: deterministic
                protos = self._accepted.setdefault(surface, [])
                if all((p.type, p.name) != (m.type, m.name) for p, _, _ in protos):
                    protos.append((m, doc.meta.adcode, index))
        self._matcher = None

    def apply(self, doc: Document, index: int) -> None:
        """Find the accepted names in report number `index`, within each type's scope and with local evidence."""
        if self._matcher is None:
            self._matcher = NameMatcher(self._accepted)
        taken = {(m.start, m.end) for m in doc.mentions}
        spans = SpanIndex(doc.mentions)
        for start, end, surface in self._matcher.find(doc.text):
            if (start, end) in taken:
                continue
            protos = [p for p, code, j in self._accepted[surface]
                      if self._keeps(doc, index, start, end, p, code, j, spans)]
            if not protos:
                continue
            # a name used as written beats an alias (丰元汇能: the Enterprise, not 丰元汇能项目)
            proto = next((p for p in protos if p.name == surface), protos[0])
            found = Mention(proto.type, proto.name, start, end, kind=proto.kind, level=proto.level,
                            code=proto.code, source="second-pass")
            if vetoed(doc, found) is None:  # the first pass vetoed its own mentions already
                doc.mentions.append(found)

    @staticmethod
    def _keeps(doc: Document, index: int, start: int, end: int, proto: Mention, code: str | None, j: int,
               spans: SpanIndex) -> bool:
        """Whether this occurrence takes the name accepted as `proto` in report number `j`."""
        foreign = j != index
        s = spec(proto.type)
        if foreign:
            in_scope = s.second_pass == "batch" or (s.second_pass == "region" and code and code == doc.meta.adcode)
            if not in_scope or end - start < s.foreign_min_len:
                return False
        if not tokens.aligned(doc.text, start, end) or not _occurrence_ok(proto, doc, start, end, foreign):
            return False  # inside a longer word a name is none (美的 in 最美的), for every type
        return not foreign or local_evidence(doc, proto.type, start, end, spans)


#: Types that give way to another type found on exactly the same span.
_SAME_SPAN_YIELDS: dict[str, frozenset[str]] = {
    "IndustrialChain": frozenset({"Enterprise"}),  # 星耀新材料: the company, not a sector
    "Enterprise": frozenset({"Region", "Park"}),  # 阿旗 in a list of projects: a banner; 长沙经开区: a zone
}


#: (inner, outer) types where the inner mention that opens the outer one's name is kept, with what must
#: follow it there: a park opening a project in it (青禾化工园区污水处理厂: the project is located in the
#: park), and a sector opening a programme of its revival or development (种业振兴行动, 奶业振兴: the
#: sector is developed; 城市更新行动 names no sector).
_OPENS_KEPT = {("Park", "Project"): re.compile(""), ("IndustrialChain", "Initiative"): chains.REVIVED}


def drop_nested(doc: Document) -> None:
    """Drop a mention inside a longer mention of another entity, unless the rules keep it.

    Kept: a region's full official name, a list item marked standalone, and a
    mention that opens a name `_OPENS_KEPT` pairs it with (a park opening a
    project, a sector opening a programme). On one span, a
    sector gives way to a company and a company to a region (`_SAME_SPAN_YIELDS`).
    """
    spans = sorted(doc.mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    reach: Mention | None = None  # the kept mention reaching furthest right (the first of a tie)
    for m in spans:
        # every kept mention starts at or before m; one holds m when it reaches to m's end and is longer
        outer = reach if reach is not None and m.end <= reach.end and (
            reach.start < m.start or reach.end > m.end) else None
        is_full_region = m.type == "Region" and doc.text[m.start : m.end] == m.name
        opens = outer is not None and outer.start == m.start and (m.type, outer.type) in _OPENS_KEPT \
            and _OPENS_KEPT[m.type, outer.type].match(doc.text, m.end) is not None
        if outer is None or m.standalone or is_full_region or opens or m.end == m.start:
            kept.append(m)
            if reach is None or m.end > reach.end:
                reach = m
    # an identical span found twice (cue and second pass) is kept once; on one span, a type yields
    # to the type that names it more specifically (星耀新材料 is the company, not a sector)
    seen: set[tuple[str, str, int, int]] = set()
    types_at: dict[tuple[int, int], set[str]] = {}
    for m in kept:
        types_at.setdefault((m.start, m.end), set()).add(m.type)
    doc.mentions = []
    for m in sorted(kept, key=lambda m: (m.start, m.end, m.type)):
        key = (m.type, m.name, m.start, m.end)
        if _SAME_SPAN_YIELDS.get(m.type, frozenset()) & types_at[(m.start, m.end)]:
            continue
        if key not in seen:
            seen.add(key)
            doc.mentions.append(m)


#: Which of two names, one inside the other, stays canonical when they are merged.
_KEEP = {"Project": "shorter", "Park": "longer"}


def _bare(name: str) -> str:
    return name[:-2] if name.endswith("项目") and len(name) > 4 else name


def merge_contained(doc: Document) -> None:
    """Merge a project or park whose name holds another one's name of the same report.

    三溪镇溪谷漂流项目 and 溪谷漂流项目, 万泰滨江产业园 and 滨江产业园:
    the inner name ends the outer one (or both are X项目 and it opens it), is
    at least half of it, and the rest is no phase or part (二期, 新院区:
    `project_phases.txt`), which names a different work.
    Projects keep the shorter name (a longer one has picked up a description),
    parks the longer (the full name as written).
    """
    phases = load_list("project_phases.txt")
    for type_, keep in _KEEP.items():
        names = sorted({m.name for m in doc.mentions if m.type == type_}, key=lambda n: (len(_bare(n)), n))
        target: dict[str, str] = {}
        for i, short in enumerate(names):
            for long_ in names[i + 1 :]:
                a, b = _bare(short), _bare(long_)
                if a == b or len(a) * 2 < len(b):
                    continue
                # the longer adds a description in front (三溪镇溪谷漂流), or both are
                # X项目 and it adds words behind (创普斯新能源项目); 青松路 and
                # 青松路口袋公园 are two works
                if not (b.endswith(a) or (b.startswith(a) and short.endswith("项目") and long_.endswith("项目"))):
                    continue
                rest = b.replace(a, "", 1)
                if any(p in rest for p in phases):
                    continue
                if keep == "shorter":
                    target.setdefault(long_, short)
                else:
                    target.setdefault(short, long_)
        for m in doc.mentions:
            if m.type == type_ and m.name in target:
                final = target[m.name]
                while final in target and target[final] != m.name:
                    final = target[final]
                m.aliases = tuple({*m.aliases, m.name} - {final})
                m.name = final


def merge_short_companies(doc: Document) -> None:
    """A company named by its brand and suffix (吉翼公司) is the one of the report whose full name opens with
    that brand and ends in that suffix (吉翼具身智能机器人公司): the short form becomes an alias."""
    names = {m.name for m in doc.mentions if m.type == "Enterprise"}
    target: dict[str, str] = {}
    for short in names:
        suffix = next((x for x in ("公司", "集团") if short.endswith(x)), "")
        brand = short[: -len(suffix)] if suffix else ""
        longer = [n for n in names if len(brand) >= 2 and n != short and n.startswith(brand) and n.endswith(suffix)]
        if len(longer) == 1:  # one full name only: two would leave the brand ambiguous
            target[short] = longer[0]
    for m in doc.mentions:
        if m.type == "Enterprise" and m.name in target:
            m.aliases = tuple({*m.aliases, m.name})
            m.name = target[m.name]


def region_hierarchy(code: str | None) -> list[divisions.Division]:
    """The division with `code` and every division above it, lowest first."""
    div = divisions.get(code) if code else None
    out = []
    while div is not None:
        out.append(div)
        div = divisions.parent(div)
    return out


def settle(doc: Document) -> None:
    """After the second pass: drop nested mentions and merge variants of one name."""
    drop_nested(doc)
    merge_contained(doc)
    merge_short_companies(doc)
