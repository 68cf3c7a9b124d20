"""Parks (园区): named zones for industry, logistics, technology, agriculture, commerce.

A park is found by its head word (`data/park_heads.tsv`: 经济开发区, 产业园,
物流园, 农高区, 养殖基地 …), cut on the left at a boundary word (`namespan`),
or as an item of a list closed by a park head (金羽鸵鸟、青山黑熊等养殖基地 →
金羽鸵鸟养殖基地, 青山黑熊养殖基地).

A park must have a proper part: a zone named only by its sector (化工产业园,
数字经济产业园) or by generic words (省级现代农业产业园) is not a park — its
sector is a chain (docs/annotation.md, Park). A zone named by the report's own level
(区电子商务产业园) is named. A 基地 that the sentence sets as a goal
(建成全国领先的锂电材料生产基地) or a body (产业园区管理委员会) is not a park.
"""
from __future__ import annotations

import re
from functools import cache

from . import tokens
from .document import Document, Mention
from .lexicon import load_list, load_table
from .namespan import (
    Taken,
    clause_bounds,
    has_proper_part,
    is_name_char,
    joins_two,
    name_before,
    run_start,
    split_items,
    strip_quotes,
    trim_first_item,
    word_starts,
)
from .projects import level_prefix

GENERIC = ("park_generic.txt", "chains_national.tsv", "project_generic.txt")
#: After a zone's name: a count or an area, maybe after the work done on it, so the name is a kind counted
#: (创业园10个, 蔬菜基地2.77万亩, 人口疏散示范基地建设5个).
_COUNTED_AFTER = re.compile(
    r"(?:[(（][^()（）]{0,8}[)）])?(?:建设|建成|新建|创建|认定)?\s*[\d.一二三四五六七八九十两]+\s*(?:万|千)?\s*(?:个|家|处|亩|平方)"
)
#: Heads that are ordinary nouns as well (园区, 新区): a verb right before one governs the noun.
_BARE_HEADS = frozenset({"园区", "新区", "功能区"})
_COUNT_OR_AND = re.compile(r"[\d.一二两三四五六七八九十]+\s*(?:万|千)?\s*(?:[个家]|亩)|[一二两三四五六七八九十]大"
                           r"|[与及]|一批|多个|若干|各|首个|第[一二三四五六七八九十\d]+批"
                           r"|首批|首单|[\d一二三四五六七八九十百千]+强|十佳|最佳|一流|领先")


#: An institution right before 新区: its new site (医院新区, 学院新区), no zone.
_INSTITUTION = re.compile("(?:医院|学院|大学|学校|中学|小学|[一二三四五六七八九十]院)$")


@cache
def _heads() -> tuple[frozenset[str], dict[str, str]]:
    table = {head: kind for head, kind in load_table("park_heads.tsv")}
    return frozenset(table), table


@cache
def _goal_verbs() -> re.Pattern[str]:
    words = sorted(load_list("park_goal_verbs.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


#: One-character verbs of motion or position before a zone (进园区, 入园区, 回园区, 干部到园区, 办事不出园区).
_MOTION = frozenset("进入回到至出居")


def _verb_before(body: str) -> bool:
    """True when the last word of a bare head's name is a verb of two characters or more (全方位提升|园区)
    or a verb of motion (产业进|园区, 企业入|园区)."""
    last = tokens.cut(body)[-1]
    return tokens.tag(last) == "v" and (len(last) >= 2 or last in _MOTION)


def is_park_name(doc: Document, name: str, head: str) -> bool:
    """True when a park name has a proper part besides its head, sectors and generic words.

    A park name holds no count, area, quantity or rank and no 与/及 (10个产业园区, 10万亩粮食生产功能区,
    三大职教园区, 一批孵化园, 各开发区, 首个千亿元县域工业园, A与B园区); a rank makes a title or a goal
    (中国创新力百强园区, 营商环境最佳园区, 国内一流合成生物产业园). 和 may stand inside a name (佳和), so it
    is left to the boundary cut.
    """
    if _COUNT_OR_AND.search(name) or joins_two(name):
        return False
    body = strip_quotes(name)[: len(name) - len(head)] if name.endswith(head) else strip_quotes(name)
    if head == "新区" and _INSTITUTION.search(body):
        return False  # 市儿童医院新区, 公安职业学院新区: an institution's new site (大学科技园 is a park)
    if has_proper_part(body, GENERIC):
        return True
    prefix = level_prefix(doc, name)  # 区电子商务产业园; 市级… is a rank of zones, not the report's own one
    return prefix is not None and not prefix.endswith("级") and len(body) > len(prefix)


def _add(doc: Document, taken: Taken, start: int, end: int, name: str, aliases: tuple[str, ...] = ()
         ) -> None:
    surface = strip_quotes(doc.text[start:end])
    extra = tuple(a for a in {surface, *aliases} if a != name)
    doc.mentions.append(Mention("Park", name, start, end, aliases=extra))
    taken.add(start, end)


def _overlaps(taken: Taken, start: int, end: int) -> bool:
    return taken.overlaps(start, end)


def find_parks(doc: Document) -> Document:
    """Pipeline component: parks by head word, and the items of park lists."""
    text = doc.text
    heads, table = _heads()
    blockers = tuple(load_list("park_blockers.txt"))
    taken = Taken()
    last_end = -1
    for head_start, head in word_starts(text, heads):
        end = head_start + len(head)
        if head_start < last_end or text.startswith(blockers, end):
            continue
        last_end = end
        c_start, _ = clause_bounds(text, head_start)
        if table[head] == "base" and _goal_verbs().search(text[c_start : head_start]):
            continue
        # a list closed by the head: 金羽鸵鸟、青山黑熊等养殖基地
        if text[head_start - 1 : head_start] == "等":
            _find_list(doc, taken, head_start - 1, head)
            continue
        start = name_before(text, end, lambda n, h=head: is_park_name(doc, n, h), max_len=24,
                            min_len=len(head) + 2, extra="()")
        if start is None or start >= head_start or _overlaps(taken, start, end):
            continue
        if text.endswith(load_list("park_title_verbs.txt"), 0, start):
            continue  # 入选国家农村产业融合发展示范园: a title received, not a zone
        if _COUNTED_AFTER.match(text, end):
            continue  # 建立退役军人创业园10个, 专业蔬菜基地2.77万亩: a kind of zone counted, not one named
        if head in _BARE_HEADS and _verb_before(text[start:head_start]):
            continue  # 全方位提升园区, 筑牢园区: a verb before a bare head governs it, it names no zone
        _add(doc, taken, start, end, strip_quotes(text[start:end]))
    _merge_short_forms(doc)
    return doc


def _merge_short_forms(doc: Document) -> None:
    """A park named in full and by the standard short form of its head (赤峰高新区) is one park.

    The short form becomes an alias of the full name (`data/park_abbreviations.tsv`).
    """
    full: dict[str, str] = {}
    parks = [m for m in doc.mentions if m.type == "Park"]
    for m in parks:
        for head, shorts in load_table("park_abbreviations.tsv"):
            if m.name.endswith(head) and len(m.name) > len(head):
                for short in shorts.split("|"):
                    full.setdefault(m.name[: -len(head)] + short, m.name)
    for m in parks:
        if m.name in full and full[m.name] != m.name:
            m.aliases = tuple({*m.aliases, m.name})
            m.name = full[m.name]


def _find_list(doc: Document, taken: Taken, deng: int, head: str) -> None:
    """Items before 等 + park head, each named item + head."""
    text = doc.text
    if deng == 0 or not is_name_char(text[deng - 1]):
        return
    start = run_start(text, deng, max_len=80, extra="、“”\"")
    items = trim_first_item(text, split_items(text, start, deng), lambda n: is_park_name(doc, n, ""))
    if not items:
        return
    for s, e in items:
        item = strip_quotes(text[s:e])
        if len(item) < 2 or _overlaps(taken, s, e) or not is_park_name(doc, item, ""):
            continue
        # 翔安临空产业区等园区: an item that ends in a zone word of its own keeps its name
        name = item if item.endswith((*_heads()[0], "区", "园")) else item + head
        _add(doc, taken, s, e, name, (item,))
