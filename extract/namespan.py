"""Where a name starts: left boundaries, list items and the "proper part" test.

Chinese has no spaces, so a name that ends in a head word (…项目, …产业园,
…集团) has to be cut on the left. The cut is the nearest of: a character that
cannot be inside a name (punctuation), or a *boundary word* — a verb, adverb
or preposition that introduces an object (加快, 推进, 实施, 依托, 的, 对 …),
listed in `data/span_boundaries.txt`. A boundary word directly before the head
leaves no name and is skipped (基础设施建设项目: 建设 is part of the name).

Whether a name is *named* (has a distinguishing proper part, docs/annotation.md
"Common rules") is tested by removing generic words (data lists per type)
and counts; what is left must be at least two characters of a real name.

Everything here is table-driven and compiled once; per-candidate work is a
scan of at most a few dozen characters.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

import ahocorasick

from . import divisions, tokens
from .lexicon import load_list, load_set

#: Characters that may stand inside a name (CJK, Latin letters, digits, the
#: middle dot of 云岭·花溪, the hyphen of 7-ELEVEn and 东林-西林).
NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·\-]")
_QUOTES = "“”\"「」『』‘’'"
_QUOTE_RE = re.compile(f"[{_QUOTES}]")
#: Counts and quantities that never name anything (11个, 5条, 2.3万平方米, 以上).
_COUNT = re.compile(
    r"[\d.]+(?:万|亿)?(?:个|家|条|处|项|所|座|批|件|类|户|台|公里|千米|米|亩|平方米|万平方米|元|亿元|万元|吨|期)?|"
    r"[一二三四五六七八九十百千两几多]+(?:个|家|条|处|项|所|座|批|件|类|大)|以上|以下|左右|余"
)


#: A level word opening a name (区中医医院, 县级, 省级): generic, unlike the same character inside one.
_LEVEL_PREFIX = re.compile(r"^(?:省|市|区|县|镇|乡|村|旗)(?:级)?")
#: Characters never inside a name: 的 ends a modifier, 等 closes a list, 及 joins two, 在 opens a phrase.
_NEVER_INSIDE = re.compile("[的等及]|在(?![线建])")


#: 和 or 与 between a word of two characters or more and a phrase of three or more: two things
#: joined (保税仓和国际快件分拣中心, 商圈和特色街区); one character before it is a name's own
#: (佳和冷链物流园, 政和路).
_JOINED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2}[和与][\u4e00-\u9fffA-Za-z0-9]{3}")


def joins_two(name: str) -> bool:
    """True when `name` joins two things with 和 or 与 (a facility or a zone names one)."""
    return bool(_JOINED.search(name))


def is_name_char(ch: str) -> bool:
    """True for a character that can stand inside a name."""
    return bool(NAME_CHAR.match(ch))


def strip_quotes(s: str) -> str:
    """Quote marks dropped (the guidelines' normalisation of names)."""
    return _QUOTE_RE.sub("", s)


@cache
def word_regex(list_name: str) -> re.Pattern[str]:
    """A regex matching any word of a data list (longest first), at every position (lookahead)."""
    words = sorted(set(load_list(list_name)), key=len, reverse=True)
    return re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")


@cache
def list_words(list_name: str) -> frozenset[str]:
    """The words of a data list; in a `.tsv` every column and every |-separated form counts."""
    words: set[str] = set()
    for line in load_list(list_name):
        if list_name.endswith(".tsv"):
            words.update(w.strip() for col in line.split("\t") for w in col.split("|"))
        else:
            words.add(line)
    words.discard("")
    return frozenset(words)


@cache
def strip_regex(list_names: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that removes the words of some data lists (longest first across all) and counts."""
    words = sorted(set().union(*(list_words(n) for n in list_names)), key=len, reverse=True)
    return re.compile("|".join([*map(re.escape, words), _COUNT.pattern]))


def proper_part(name: str, generic_lists: Iterable[str]) -> str:
    """What is left of `name` after removing generic words, counts and non-name characters.

    A leading level word (区, 县级, 省) is generic too; inside a name the same
    character is part of it (固镇县, 片区), so the lists hold no single level
    characters.
    """
    # generic words first, so a level character that opens a word (市场, 区域) is not taken for a level
    rest = _LEVEL_PREFIX.sub("", strip_regex(tuple(generic_lists)).sub(" ", strip_quotes(name)))
    return "".join(ch for ch in rest if is_name_char(ch) and not ch.isdigit())


def has_proper_part(name: str, generic_lists: Iterable[str], min_len: int = 2) -> bool:
    """True when `name` keeps at least `min_len` characters once generic words are gone."""
    return len(proper_part(name, generic_lists)) >= min_len


def run_start(text: str, end: int, floor: int = 0, max_len: int = 30, extra: str = "") -> int:
    """Start of the stretch of name characters that ends at `end` (at most `max_len` long).

    `extra` lists further characters allowed inside the stretch (、 for a work
    named after several roads). Returns `end` when the character before is not
    a name character.
    """
    pos = end
    lo = max(floor, end - max_len - 1)
    while pos > lo and (is_name_char(text[pos - 1]) or text[pos - 1] in extra or _decimal_point(text, pos - 1)
                        or _joining_dash(text, pos - 1)):
        pos -= 1
    return pos


def _joining_dash(text: str, i: int) -> bool:
    """True for one dash between two name characters (一汽—大众, 巴林—奈曼—阜新), which stands inside a name.

    A doubled dash (——) opens an aside and a dash between digits a range (1—2小时): neither does.
    """
    return (text[i] == "—" and 0 < i < len(text) - 1 and is_name_char(text[i - 1]) and is_name_char(text[i + 1])
            and not (text[i - 1].isdigit() or text[i + 1].isdigit()))  # 1—2小时 is a range


def _decimal_point(text: str, i: int) -> bool:
    """True for a point between digits (8.6代线), which stands inside a name."""
    return text[i] == "." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


@cache
def _words_automaton(words: frozenset[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word in words:
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


def _automaton(list_name: str) -> ahocorasick.Automaton:
    return _words_automaton(frozenset(list_words(list_name)))


def word_starts(text: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """(start, word) of the longest word beginning at each position where one does, in text order.

    The Aho-Corasick counterpart of finditer over a `(?=(w1|w2|…))` regex,
    at a fraction of its cost on a whole report.
    """
    longest: dict[int, str] = {}
    for last, word in _words_automaton(words).iter(text):
        first = last + 1 - len(word)
        if len(word) > len(longest.get(first, "")):
            longest[first] = word
    return sorted(longest.items())


@lru_cache(maxsize=32)
def _boundary_hits(text: str, list_name: str) -> tuple[list[int], list[tuple[int, str]]]:
    """Every boundary word of a list in `text`, the longest starting at each position.

    Returned as (stops, [(word start, word)]) sorted by stop, so `cuts` can
    bisect; computed once per text and list (one Aho-Corasick pass).
    """
    hits = sorted((first + len(word), first, word) for first, word in word_starts(text, list_words(list_name)))
    return [h[0] for h in hits], [(h[1], h[2]) for h in hits]


def cuts(text: str, start: int, end: int, boundaries: str = "span_boundaries.txt") -> list[tuple[int, str]]:
    """(position, word) right after each boundary word inside [start, end], nearest to `end` first.

    The run start itself is a cut with the word "".
    """
    found: dict[int, str] = {start: ""}
    for list_name in (boundaries, "span_conjunctions.txt"):
        stops, words = _boundary_hits(text, list_name)
        for i in range(bisect_right(stops, start), bisect_right(stops, end)):
            first, word = words[i]
            if first < start:
                continue
            cut = _cut_at(text, stops[i], len(word))  # a cut never splits a jieba word: 打造成|城市…, 成都交易集团
            if cut is not None and len(word) >= 2 and text.startswith("好", cut) and cut < end:
                cut += 1  # 实施好|智慧湿地项目: 好 after a verb is its complement, no part of the name
            if cut is not None and cut <= end and len(word) > len(found.get(cut, "")):
                found[cut] = word
    return sorted(found.items(), reverse=True)


def _cut_at(text: str, pos: int, length: int) -> int | None:
    """Where a boundary word of `length` characters that ends at `pos` cuts, on jieba's words around it.

    At `pos` when a word ends there; inside a longer verb (打造成 of 打造成城市…) at that verb's end; inside
    another word (保障 of 保障性, 成 of the place 成都) nowhere: the boundary word is part of a name there.
    Inside an adjective or adverb jieba glued across it (塑强 of 塑|强华|馨香), or for a single character
    inside anything but a noun, the boundary still cuts: jieba's guess is weaker there.
    """
    lo = max(0, pos - 4)
    cut = _cut_in_window(text[lo : pos + 4], pos - lo, length)
    return None if cut is None else lo + cut


@lru_cache(maxsize=16384)  # keyed by the few characters around the cut, so no report's text is held
def _cut_in_window(window: str, pos: int, length: int) -> int | None:
    """`_cut_at` on the characters around the cut (`pos` is the cut's offset in `window`)."""
    if not tokens.may_span(window, pos):
        return pos  # no dictionary word runs across `pos` (the usual case): no need to cut the text around it
    at = 0
    for word in tokens.cut(window):
        at += len(word)
        if at == pos:
            return pos
        if at > pos:
            tag = tokens.tag(word)
            if tag.startswith("v"):
                return at
            if tag.startswith(("a", "d")) or (length == 1 and tag not in ("n", "ns")):
                return pos
            return None
    return pos


def name_before(
    text: str,
    end: int,
    valid: Callable[[str], bool],
    floor: int = 0,
    max_len: int = 30,
    min_len: int = 2,
    extra: str = "",
    boundaries: str = "span_boundaries.txt",
) -> int | None:
    """Start of the name that ends at `end`, or None.

    Tries the cuts from the nearest one leftwards. The first cut whose name
    `valid` accepts wins. A cut whose name is too short or rejected lets the
    search go on only when its word also stands inside names (建设 in
    基础设施建设项目, 结合 in 区医养结合护理中心: `span_inside_name.txt`) or is a
    single character (将 in 点将台路; for a too-short name only when it ends a
    longer word: 为 in 支持华为); otherwise there is no name (推进项目, 把项目,
    实施重点技改项目). A name never begins with a boundary word and never
    holds 的, 等 or 及; after a plural word (各类, 一批: `name_plurals.txt`) there is none.
    When `extra` lets quotes into the stretch, each opening quote mark is a cut as well
    (全省首家|“双招双引”暖心医保服务站).
    """
    start = run_start(text, end, floor, max_len, extra)
    if end - start < min_len:
        return None
    # a run cut short by max_len starts inside a word (造业 of 制造业): that start is no cut
    truncated = start > floor and (is_name_char(text[start - 1]) or text[start - 1] in extra)
    inside = load_set("span_inside_name.txt")
    plurals = tuple(load_set("name_plurals.txt"))
    found = cuts(text, start, end, boundaries)
    if "“" in extra:  # a quoted coinage may open the name: its opening mark is a cut too
        found = sorted({**dict(found), **{i: "" for i in range(start, end) if text[i] == "“"}}.items(), reverse=True)
    for cut, word in found:
        if truncated and cut == start and not word:
            return None
        while cut < end and not is_name_char(text[cut]) and text[cut] not in _QUOTES:
            cut += 1
        at = cut
        cut = _past_leading_verbs(text, cut, end, min_len, inside)
        governed = cut > at  # a verb or function word opened the stretch: no name runs on left of it
        name = text[cut:end]
        if len(strip_quotes(name)) < min_len:
            if word and word not in inside and not _ends_a_word(text, cut, word):
                return None  # a verb or preposition right before the head: 推进项目, 把项目
            continue
        if name.startswith(plurals) or text.endswith(plurals, 0, cut):
            return None  # 各类自然公园, 各级行政服务中心: a kind of thing, not one named
        if (
            not leading_boundary(name, boundaries)
            and not _NEVER_INSIDE.search(name)
            and not _preposition_inside(name)
            and name.count("(") == name.count(")")
            and valid(name)
        ):
            return cut
        if governed or (word and word not in inside and len(word) != 1):
            return None
    return None


#: jieba tags of function words that open no name: adverbial adjectives (充分, 坚决, 明确), prepositions (根据),
#: pronouns (我市, 每项).
_FUNCTION_TAGS = frozenset({"ad", "p", "r"})
#: What after a verb-like word makes it a place's name (奋斗镇, 团结村), which stays.
_PLACE_SUFFIXES = ("镇", "乡", "村", "县", "区", "市", "旗", "街道", "社区")


def _past_leading_verbs(text: str, cut: int, end: int, min_len: int, inside: frozenset[str]) -> int:
    """`cut` moved past verbs, negated states and function words that open the stretch (赋予湘江新区,
    协助宸鸿, 不通高铁, 明确园区, 我市…); `end` when only a bare head is left.

    A verb of two or more characters (jieba's dictionary tag v; one character is as often a
    brand's: 联润, 蒙西) governs the name after it; verbs that also stand inside names (建设,
    改造: `span_inside_name.txt`), domain words and place names (奋斗镇) stay. The word is the
    longest dictionary word at the position, as jieba would take it, looked up without cutting.
    """
    while True:
        if _joining_word(text, cut):
            cut += 1  # 节点建设和|断头路改造: what 和 joins to the words before it starts after it
            continue
        word = _leading_word(text, cut, end)
        negated = word.startswith("不") and tokens.tag(word) in ("a", "v", "d")  # 不通|高铁: a state, no name
        governs = tokens.tag(word) == "v" or negated or tokens.tag(word) in _FUNCTION_TAGS
        if len(word) < 2 or not governs or word in inside or word in tokens.domain_words():
            return cut
        if divisions.lookup(word):
            return cut  # a division's name jieba tags a verb (保定国家数据标注基地)
        if text.startswith(_PLACE_SUFFIXES, cut + len(word)):
            return cut
        if end - cut - len(word) < min_len:
            return end  # a verb and a bare head (共建自贸试验区, 赋予园区): no name here
        cut += len(word)


def _joining_word(text: str, pos: int) -> bool:
    """True for 和, 与, 及 or 或 standing as a word of its own right after name characters (建设和|断头路);
    after a list mark or in a word it may open a name (、和光文化产业基地, 和顺路)."""
    if text[pos : pos + 1] not in ("和", "与", "及", "或") or pos == 0 or not is_name_char(text[pos - 1]):
        return False
    words = tokens.cut(text[pos : pos + 4])
    return bool(words) and len(words[0]) == 1


def _leading_word(text: str, start: int, end: int, longest: int = 4) -> str:
    """The longest word of jieba's dictionary that starts at `start` (at most `longest` characters)."""
    for n in range(min(longest, end - start), 1, -1):
        if tokens.tag(text[start : start + n]):
            return text[start : start + n]
    return text[start : start + 1]


def _ends_a_word(text: str, cut: int, word: str) -> bool:
    """True when a one-character boundary word is the last character of a longer word: 为 in 华为."""
    if len(word) != 1:
        return False
    window = tokens.cut(text[max(0, cut - 4) : cut])
    return bool(window) and len(window[-1]) > 1


def _preposition_inside(name: str) -> bool:
    """True when 向 stands in a name as a word of its own, a preposition (职业学校向产教园区集聚);
    inside a word it may name (万向集团, 向阳路)."""
    return "向" in name and "向" in tokens.cut(name)


def leading_boundary(name: str, boundaries: str = "span_boundaries.txt") -> int:
    """Length of the boundary word of two characters or more that opens `name` (迁建|市第三医院), else 0."""
    m = word_regex(boundaries).match(name)
    return len(m.group(1)) if m and len(m.group(1)) >= 2 else 0


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a 、-list in [start, end), each without its quote marks, as (start, end) spans."""
    out = []
    pos = start
    for part in _outside_parentheses(text[start:end]).split("、"):
        s, e = pos, pos + len(part)
        while s < e and (text[s] in _QUOTES or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in _QUOTES or text[e - 1].isspace()):
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(part) + 1
    if len(out) >= 2:  # 甲、乙和丙: the conjunction before the last item joins the list (和 as a word of its own)
        s, e = out[-1]
        joint = _last_conjunction(text, s, e)
        if joint:
            out[-1:] = [(s, joint[0]), (joint[1], e)]
    return out


def _outside_parentheses(text: str) -> str:
    """`text` with each 、 inside parentheses masked (郫都区合作污水处理厂(一、二期)), so it splits no items."""
    if "(" not in text and "（" not in text:
        return text  # the usual case: nothing to mask
    out, depth = [], 0
    for ch in text:
        depth += ch in "(（"
        depth -= depth > 0 and ch in ")）"
        out.append("\0" if ch == "、" and depth else ch)
    return "".join(out)


_JOINING = re.compile("以及|和|及|与")


def _last_conjunction(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the conjunction that joins the last two items inside text[start:end], if jieba cuts it
    as a word of its own and a name stands either side (不 in 和平路, 与会); a count after it opens a
    quantity, not an item (氛围营造以及6大类605个…项目)."""
    for m in _JOINING.finditer(text, start, end):
        if (m.start() - start >= 2 and end - m.end() >= 2 and not _COUNT.match(text, m.end())
                and tokens.aligned(text, m.start(), m.end())):
            return m.start(), m.end()
    return None


def items_before(text: str, end: int, reach: int = 120, stops: str = "") -> list[tuple[int, int]]:
    """The items of the 、-list that ends at `end` (before its closer: 等, a count, a head), in its clause.

    The one list reader of every type: the list starts at its clause's start (or
    after one of `stops`), at most `reach` characters back, and its first item
    still holds the words that govern the list (推进甲、乙等); callers cut it with
    `trim_first_item` or their own left-edge rule.
    """
    floor = max(clause_bounds(text, end)[0], end - reach)
    floor = max([floor] + [text.rfind(ch, floor, end) + 1 for ch in stops])
    return split_items(text, floor, end)


#: Chinese numerals of a list's count (三大工程, 两项改革).
_NUMERALS = {ch: i for i, ch in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def count_value(count: str) -> int | None:
    """The number a list's count writes (5, 五, 两, 十); None for larger Chinese numerals (十六)."""
    return int(count) if count.isdigit() else _NUMERALS.get(count)


def trim_first_item(text: str, items: list[tuple[int, int]], valid: Callable[[str], bool],
                    floor: int = 0, extra: str = "") -> list[tuple[int, int]]:
    """Cut the first item of a list on the left to the name `valid` accepts; drop it when none is left.

    The run of name characters before a list often starts inside the clause
    (推进甲、乙等 starts at 推进), so only the first item needs trimming.
    """
    if not items:
        return []
    first_s, first_e = items[0]
    cut = name_before(text, first_e, valid, floor=max(floor, first_s), max_len=first_e - first_s, extra=extra)
    return ([(cut, first_e)] if cut is not None else []) + items[1:]


_CLAUSE_MARK = re.compile(r"[，,。；;：:！？!?\n]")


@lru_cache(maxsize=8)
def _clause_marks(text: str) -> list[int]:
    """Positions of every clause mark of `text`, once per text (so a long line costs no rescans)."""
    return [m.start() for m in _CLAUSE_MARK.finditer(text)]


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause (between ，。；：！？ and line breaks) that holds `pos`."""
    marks = _clause_marks(text)
    i = bisect_left(marks, pos)
    left = marks[i - 1] + 1 if i else 0
    return left, (marks[i] if i < len(marks) else len(text))


class Taken:
    """Spans already given to mentions of one type: overlap tests and the nearest end before a position.

    A finder asks both for every candidate; kept as a plain list they cost the
    number of spans each time, which made a long report quadratic. Spans are
    filed by blocks of the text, and their ends kept sorted.
    """

    _BLOCK = 64

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self._ends: list[int] = []
        self._blocks: dict[int, list[tuple[int, int]]] = {}

    def add(self, start: int, end: int) -> None:
        """File the span [start, end)."""
        self.spans.append((start, end))
        insort(self._ends, end)
        for block in range(start // self._BLOCK, max(start, end - 1) // self._BLOCK + 1):
            self._blocks.setdefault(block, []).append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        """True when a filed span shares a character with [start, end)."""
        for block in range(start // self._BLOCK, max(start, end - 1) // self._BLOCK + 1):
            if any(s < end and start < e for s, e in self._blocks.get(block, ())):
                return True
        return False

    def floor(self, pos: int) -> int:
        """The end of the filed span that ends last at or before `pos` (0 when none does)."""
        i = bisect_right(self._ends, pos)
        return self._ends[i - 1] if i else 0

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)
