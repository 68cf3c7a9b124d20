"""Initiatives (政策举措): named policy instruments a region adopts.

First pass, per report, from strong cues (docs/annotation.md, Initiative):

- quoted coinages (“链长制”, “放管服”改革); a quote that holds only a number
  takes the head noun after it (“1163”工作思路 → 1163工作思路); a head noun
  after any other quote makes a longer alias (“三亮”专项行动);
- unquoted names ending in a head word (行动, 工程, 计划, 机制, 改革, 战略,
  保卫战, 长制 …) whose left edge is found over jieba words: the name stops at
  the verb or adverb that governs it (深入实施|农村人居环境整治提升五年行动);
  list items before a shared head share it (蓝天、碧水、净土保卫战);
- a lexicon of nationally known initiatives (乡村振兴, 扫黑除恶, 河湖长制 …);
- a few name shapes: local rules in 《…办法》 that the region issues, policy
  packages (20条措施), service circles (15分钟阅读服务圈), 平安X / 数字X.

Every candidate passes the exclusions (political formulas, party-discipline
terms, rhetoric, statistical categories, plan periods, titles, slogans), which
are data in `extract/data/`. The second pass (`resolve.py`) then finds each
accepted name anywhere in the batch.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import divisions, tokens
from .document import Document, Mention
from .lexicon import NameMatcher, load_forms, load_list, load_set, load_table
from .namespan import count_value, items_before
from .spec import spec

KINDS = ("mechanism", "campaign", "programme", "strategy", "theme_year", "policy_package", "reform")

_CJK = r"\u3400-\u9fff"
_OPEN, _CLOSE = "“「『", "”」』"
#: A quoted stretch: “…”, 「…」 or "…" (ASCII quotes in OCR'd text), on one line.
_QUOTED = re.compile(r"(?:“([^“”\n]{1,40})”|「([^「」\n]{1,40})」|\"([^\"\n]{1,40})\")")
#: A quoted part that is only a number or a numbered formula (1163, 1+4+5+N, 四个一, 三分之一).
_NUMERIC = re.compile(r"^[0-9一二三四五六七八九十百千两零〇+NnX个分之.·]+$")
#: Characters that end a clause for the left edge of an unquoted name.
_CLAUSE_END = set("，,。；;：:！？!?、（）()《》【】\n“”\"「」『』 ")
_HAN = re.compile(f"[{_CJK}]")
_NUMERAL = set("0123456789一二三四五六七八九十百千两")
#: Measure words of a count (3项, 5个).
_UNITS = frozenset("项个类批条件种家")
#: Counts that start a generic phrase (七大专项行动, 十六项专项行动, 各项…).
_COUNT_START = re.compile(r"^(?:[0-9一二三四五六七八九十百千两多各]+(?:大|项|个|类|批|条|件|种)|各|多|一批|系列)")
#: Tokens that stop the walk left besides the boundary words: jieba tags of adverbs,
#: prepositions, conjunctions, particles and pronouns.
_STOP_TAGS = {"p", "c", "u", "r", "vd", "ad", "uj", "ul", "uz", "ug", "ud", "y", "e", "o", "zg"}


@dataclass
class Candidate:
    """An initiative found in the first pass, before overlaps are settled."""

    start: int
    end: int
    name: str
    kind: str
    source: str
    aliases: set[str] = field(default_factory=set)
    rank: int = 0  # higher wins an overlap: quoted 3, pattern 2, lexicon 1, head 0


# ---------------------------------------------------------------- data


@cache
def _heads() -> tuple[tuple[str, str, str], ...]:
    """(head, kind, use) longest head first."""
    rows = [(r[0], r[1], r[2] if len(r) > 2 else "free") for r in load_table("initiative_heads.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _free_head_regex() -> re.Pattern[str]:
    heads = [h for h, _k, use in _heads() if use in ("free", "weak")]
    return re.compile("|".join(map(re.escape, heads)))


@cache
def _national() -> dict[str, tuple[str, str]]:
    """Written form → (canonical name, kind) of the nationally known initiatives."""
    return {form: (row[0], row[1]) for form, row in load_forms("initiatives_national.tsv", 2).items()}


@cache
def _national_matcher() -> NameMatcher:
    return NameMatcher(_national())


@cache
def _name_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_list("initiative_name_patterns.txt"))


@cache
def _context_rules() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((side, re.compile(rx), verdict) for side, rx, verdict in load_table("initiative_context.tsv"))


@cache
def _alias_tail_regex() -> re.Pattern[str]:
    tails = sorted(load_list("initiative_alias_tails.txt"), key=len, reverse=True)
    # an optional short modifier, then a tail, then the end of the phrase
    return re.compile(f"([{_CJK}A-Za-z]{{0,6}}?)(" + "|".join(map(re.escape, tails)) + f")(?![{_CJK}])")


# ---------------------------------------------------------------- helpers


def head_of(name: str, uses: tuple[str, ...] = ("free", "weak", "quoted")) -> tuple[str, str] | None:
    """(head, kind) of the longest head word that ends `name`, or None."""
    for head, kind, use in _heads():
        if use in uses and name.endswith(head) and len(name) > len(head):
            return head, kind
    return None


def kind_of(name: str, default: str = "programme") -> str:
    """The kind implied by the name's head word, else `default`."""
    found = head_of(name)
    return found[1] if found else default


def restore_plus(name: str) -> str:
    """OCR "十" read for "+" inside a coinage (4十3 → 4+3, 管委会十运营公司 → 管委会+运营公司, 文旅十 → 文旅+).

    A 十 next to another numeral, or followed by a measure word, is a number (十二条, 锂电十条).
    """
    out = list(name)
    for i, ch in enumerate(name):
        if ch != "十":
            continue
        before = name[i - 1] if i else ""
        after = name[i + 1] if i + 1 < len(name) else ""
        if before.isascii() and before.isalnum() and (after.isascii() and after.isalnum()):
            out[i] = "+"
        elif before and before not in _NUMERAL and _HAN.match(before) and i >= 2 and not after:
            out[i] = "+"
        elif (
            i >= 2 and _HAN.match(before) and before not in _NUMERAL
            and len(name) - i - 1 >= 2 and after not in _NUMERAL and after not in "条大项个年万亿"
            and _HAN.match(after)
        ):
            out[i] = "+"
    return "".join(out)


def is_excluded(name: str) -> bool:
    """True when the exclusion lists or name patterns reject `name`, or it names an entity of another type
    as a whole: a nationally known sector (“大数据”, 新零售) or an administrative division (长沙县)."""
    if name in load_set("initiative_exclusions.txt") or len(name) < 2 or name in load_forms("chains_national.tsv", 1):
        return True
    return any(p.search(name) for p in _name_patterns()) or any(d.name == name for d in divisions.lookup(name))


def _context(text: str, start: int, end: int, sides: tuple[str, ...] = ("after", "before")) -> str | None:
    """The verdict of the context rules for the stretch [start, end): 'drop', a kind, or None."""
    after = text[end : end + 12]
    left = max(0, start - 24)
    before = text[left:start]
    verdict = None
    for side, rx, v in _context_rules():
        if side not in sides:
            continue
        hay = before if side == "before" else after
        if rx.search(hay):
            if v == "drop":
                return "drop"
            verdict = verdict or v
    return verdict


@cache
def _boundary_affixes() -> tuple[str, ...]:
    return tuple(w for w in load_set("name_left_boundaries.txt") if len(w) >= 2)


def _is_stop(word: str) -> bool:
    """True when a jieba word ends a name on its left (a governing verb, an adverb, punctuation)."""
    if word in tokens.domain_words():
        return False
    if word in load_set("name_left_boundaries.txt"):
        return True
    if not _HAN.search(word) and not word.isalnum():
        return True
    if word.isdigit():
        return True
    if tokens.tag(word) in _STOP_TAGS:
        return True
    # jieba glues adverb and verb (全面落实, 严格执行): a word that starts or ends with a boundary
    return len(word) >= 3 and (word.startswith(_boundary_affixes()) or word.endswith(_boundary_affixes()))


def _governs(word: str) -> bool:
    """True for a word that governs a name rather than modifying it: a boundary word or a verb (not a verbal noun)."""
    tag = tokens.tag(word)
    return _is_stop(word) or (tag.startswith("v") and tag != "vn")


def _leading(words: list[str], tags: frozenset[str], stops: bool = False) -> int:
    """How many words at the start govern what follows (tagged `tags`, or boundary words with `stops`);
    the last word always stays."""
    n = 0
    while n < len(words) - 1 and ((stops and _is_stop(words[n])) or tokens.tag(words[n]) in tags):
        n += 1
    return n


def name_start(text: str, floor: int, end: int) -> tuple[int, list[str]]:
    """Where a name that ends at `end` starts, and its jieba words.

    The walk goes left over the words of text[floor:end] and stops at a
    boundary (`_is_stop`); leading counts and quantities are dropped.
    """
    words = tokens.cut(text[floor:end])
    pos = end
    kept: list[str] = []
    ends = load_set("initiative_end_words.txt")
    for word in reversed(words):
        # a boundary word that also ends names (文明村镇创建) does not stop the walk right at the end
        if _is_stop(word) and not (not kept and word in ends):
            break
        pos -= len(word)
        kept.insert(0, word)
    while len(kept) > 1 and (_COUNT_START.match(kept[0]) or kept[0].isdigit() or tokens.tag(kept[0]) in ("q", "mq")
                             or (kept[0] in _UNITS and text[pos - 1 : pos].isdigit())):
        pos += len(kept.pop(0))  # 3|项|全国农村改革试点: the unit of a count jieba cut apart
    return pos, kept


def _clause_start(text: str, pos: int, limit: int = 24) -> int:
    lo = max(0, pos - limit)
    i = pos
    while i > lo and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


@lru_cache(maxsize=8)
def _quote_marks(text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """Positions of line breaks, opening and closing quotes and straight quotes, once per text."""
    lines, opens, closes, straight = [], [], [], []
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.append(i)
        elif ch in _OPEN:
            opens.append(i)
        elif ch in _CLOSE:
            closes.append(i)
        elif ch == '"':
            straight.append(i)
    return lines, opens, closes, straight


def _last_before(marks: list[int], lo: int, pos: int) -> int:
    """The last mark in [lo, pos), or -1."""
    i = bisect_left(marks, pos)
    return marks[i - 1] if i and marks[i - 1] >= lo else -1


def _inside_quote(text: str, pos: int) -> bool:
    """True when `pos` lies between an opening and its closing quote on the same line."""
    lines, opens, closes, straight = _quote_marks(text)
    line_start = _last_before(lines, 0, pos) + 1
    if _last_before(opens, line_start, pos) > _last_before(closes, line_start, pos):
        return True
    return (bisect_left(straight, pos) - bisect_left(straight, line_start)) % 2 == 1


def _is_generic(words: list[str]) -> bool:
    """True when the words can be written wholly with generic words (品质提升, 常态化帮扶).

    The test covers the characters, not jieba's words, so it does not depend on
    how jieba happens to cut (常态/化, 科研成果).
    """
    text = "".join(words)
    vocab = load_set("initiative_generic_words.txt") | load_set("name_left_boundaries.txt")
    longest = max(map(len, vocab))
    ok = [True] + [False] * len(text)
    for i in range(1, len(text) + 1):
        ok[i] = any(ok[i - n] and text[i - n : i] in vocab for n in range(1, min(longest, i) + 1))
    return ok[len(text)]


# ---------------------------------------------------------------- first pass: quotes


def _quote_runs(text: str) -> list[list[re.Match[str]]]:
    """Quotes grouped into runs: “A”“B”、“C” directly after each other form one run."""
    runs: list[list[re.Match[str]]] = []
    for m in _QUOTED.finditer(text):
        if runs and text[runs[-1][-1].end() : m.start()] in ("", "、", "和", "及", "与"):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _alias_tail(text: str, end: int) -> str:
    """The head noun phrase right after a quote that forms a longer alias (“三亮”专项行动 → 专项行动)."""
    m = _alias_tail_regex().match(text, end)
    if not m:
        return ""
    modifier = m.group(1)
    if modifier:
        words = tokens.cut(modifier)
        if any(_governs(w) for w in words):
            return ""
    return m.group(0)


def _numeric_head(text: str, end: int) -> int | None:
    """End of the head noun after a numeric quote (“1163”工作思路), or None; a list closed after the
    quote (双一流“196”等工程) gives the quote no head of its own."""
    if text.startswith("等", end):
        return None
    stop = end
    while stop < len(text) and stop - end < 12 and text[stop] not in _CLAUSE_END:
        stop += 1
    phrase = text[end:stop]
    for cut in range(1, len(phrase) + 1):
        # the head must end a word (“5+2”战略性新兴产业 has no head 战略)
        if head_of("X" + phrase[:cut]) and tokens.aligned(text, end, end + cut):
            return end + cut
    return None


def quoted_candidates(doc: Document) -> list[Candidate]:
    """Initiatives written in quotes, with the context rules applied."""
    text = doc.text
    out: list[Candidate] = []
    for run in _quote_runs(text):
        run_end = run[-1].end()
        after_run = run_end + 1 if text[run_end : run_end + 1] == "等" else run_end
        for m in run:
            out.extend(_from_quote(doc, m, alone=len(run) == 1, after_run=after_run))
    return out


def _from_quote(doc: Document, m: re.Match[str], alone: bool, after_run: int) -> list[Candidate]:
    """The initiative(s) of one quote: a numbered name with its head noun, a split list, or the coinage."""
    text = doc.text
    group = next(g for g in (1, 2, 3) if m.group(g) is not None)
    raw = m.group(group)
    start, end = m.start(group), m.end(group)
    name = restore_plus(raw.strip())
    if name in load_set("initiative_exclusions.txt") or not (_HAN.search(raw) or _NUMERIC.match(raw)):
        return []
    if _NUMERIC.match(name):
        # “1163”工作思路: the head noun after the number belongs to the name
        head_end = _numeric_head(text, m.end()) if alone else None
        if head_end is None:
            return []
        name += text[m.end() : head_end]
        return [Candidate(m.start(), head_end, name, kind_of(name), "quote", rank=3)]
    if "、" in name and _split_known(name):
        return _split_quoted(start, raw)
    if "、" in name:
        shared = _shared_head_after(text, m.end())
        if shared:
            # “创客逐梦、创业筑巢”六项计划: each item takes the list's head (settled case 10)
            return [Candidate(c.start, c.end, c.name + shared, kind_of("X" + shared), "quote", {c.name}, rank=3)
                    for c in _split_quoted(start, raw)]
    sides = ("lexicon-after",) if name in _national() else ("after", "before")
    verdict = _context(text, m.start(), m.end() if name in _national() else after_run, sides=sides)
    if verdict == "drop" or is_excluded(name) or _place_rhetoric(name):
        return []
    if name not in _national() and head_of(name) and _is_generic(tokens.cut(name)):
        return []  # “三年行动计划”: generic words and a head in quotes name no programme
    if name not in _national() and tokens.is_common_word(name) and not _instrument_tail(text, m.end()):
        # an ordinary word in quotes is rhetoric (“高地”, “红线”, “造血”), unless an instrument's head
        # follows it (“直通车”机制, “三资”管理改革, “双盲”评审改革)
        return []
    if text[m.start() - 1 : m.start()] == "的" and name not in _national() and not head_of(name) \
            and not _instrument_tail(text, m.end()):
        # a trait someone owns (群众的“心上事”, 城市发展的“软实力”) is rhetoric; a headed name stays
        # (共建工业园的“雨溆模式”)
        return []
    if len(re.split("—+", name)) >= 3:
        return []  # “研发—样品—商品—产业”, “整车—零部件—后市场”: a path of steps, not an instrument
    if "，" in name or "," in name or "的" in name or "就是" in name or _SENTENCE.match(name) or name.startswith("+"):
        # a sentence or a phrase in quotes is a slogan (“这么近,那么美,周末到河北”, “雪山下的公园城市”,
        # “为企业服务就是为发展赋能”, “在中国式现代化建设中展现更大作为”);
        # a quote that opens with + is a fragment of a formula, not a name
        return []
    aliases: set[str] = set()
    tail = ""
    if name.endswith("+"):
        # “互联网+”医保服务: the noun after a trailing + belongs to the name; a chain head after it
        # (“光学+”新赛道, “绿氢+”产业) makes it a sector, and a development phrase (“冰雪+”融合发展) no noun
        if text.startswith(load_list("chain_heads.txt"), m.end()):
            return []
        extra = _alias_tail(text, m.end()) or _noun_after(text, m.end())
        if extra.endswith("发展"):
            extra = ""
        if extra:
            name += extra
            start, end = m.start(), m.end() + len(extra)
    elif alone and text[m.end() : m.end() + 1] != "等":
        tail = _alias_tail(text, m.end())
        if tail:
            aliases.add(name + tail)
    found = head_of(name) or (head_of("X" + tail) if tail else None)
    kind = found[1] if found else verdict if verdict in KINDS else _default_kind(name)
    if name in _national():
        name, kind = _national()[name]
    return [Candidate(start, end, name, kind, "quote", aliases, rank=3)]


_INSTRUMENT_TAIL = re.compile(f"([{_CJK}]{{0,4}}?)(?:改革|机制|制度|工程|行动|计划|模式)")


#: A quote that is a sentence: 在…中… (在中国式现代化建设中展现更大作为).
_SENTENCE = re.compile(f"^在[{_CJK}]+中")


def _instrument_tail(text: str, end: int) -> bool:
    """True when an instrument's head (改革, 机制, 工程 …) follows a quote, maybe after a noun (评审改革)."""
    m = _INSTRUMENT_TAIL.match(text, end)
    if not m:
        return False
    words = tokens.cut(m.group(1)) if m.group(1) else []
    return not any(_governs(w) for w in words)


def _noun_after(text: str, end: int) -> str:
    """A short noun right after a quote ending in + (“互联网+”医保服务 → 医保服务)."""
    stop = end
    while stop < len(text) and stop - end < 8 and _HAN.match(text[stop]):
        stop += 1
    words = tokens.cut(text[end:stop])
    out = ""
    for w in words:
        if _governs(w):
            break
        out += w
    return out if len(out) >= 2 else ""


_LIST_COUNT = re.compile(r"[0-9一二三四五六七八九十两]+\s*(?:项|大|个|类|条)")


def _shared_head_after(text: str, end: int) -> str:
    """The head word a counted quoted list shares (“A、B、C”三项计划 → 计划), or "".

    Without a count the quoted pair is one name (“突破菏泽、鲁西崛起”战略).
    """
    count = _LIST_COUNT.match(text, end)
    if not count:
        return ""
    pos = count.end()
    for cut in range(1, 7):
        phrase = text[pos : pos + cut]
        if head_of("X" + phrase, ("free", "weak")) and tokens.aligned(text, pos, pos + cut):
            return phrase
    return ""


def _split_known(name: str) -> bool:
    """True when a quoted list holds a known initiative, so it is split into its items."""
    return any(item in _national() for item in name.split("、"))


def _split_quoted(start: int, raw: str) -> list[Candidate]:
    """The items of a quoted list that holds a known initiative (“一网通办、跨省通办”)."""
    out = []
    pos = start
    for item in raw.split("、"):
        name = restore_plus(item.strip())
        if not is_excluded(name) and _HAN.search(name):
            canonical, kind = _national().get(name, (name, _default_kind(name)))
            out.append(Candidate(pos, pos + len(item), canonical, kind, "quote", rank=3))
        pos += len(item) + 1
    return out


def _place_rhetoric(name: str) -> bool:
    """True for a place's praise word (台儿庄速度, 钢城经验): a region name plus 速度, 经验, 范例 …"""
    if not name.endswith(load_list("initiative_place_rhetoric.txt")):
        return False
    return any(divisions.lookup(name[:n]) for n in range(2, min(len(name) - 1, 6)))


def _default_kind(name: str) -> str:
    """A kind for a coinage without a head word: parallel slogans are strategies."""
    if "、" in name:
        return "strategy"
    return kind_of(name, "programme")


# ---------------------------------------------------------------- first pass: head words


@cache
def _physical() -> tuple[frozenset[str], tuple[str, ...]]:
    words = load_list("initiative_physical_works.txt")
    return frozenset(w for w in words if len(w) == 1), tuple(w for w in words if len(w) > 1)


def is_physical_work(words: list[str]) -> bool:
    """True when the words before 工程 name a physical work (roads, rivers, buildings): a Project."""
    singles, longer = _physical()
    joined = "".join(words)
    return any(w[-1] in singles for w in words) or any(w in joined for w in longer)


def _has_place(words: list[str]) -> bool:
    """True when the first word is a region name or a level word (省委, 中央, 区): an owner, not a name."""
    first = words[0]
    return bool(divisions.lookup(first)) or first in load_set("initiative_owner_words.txt")


@cache
def _weak_heads() -> frozenset[str]:
    """Heads that also end many generic phrases: their names need a specific word and no owner."""
    return frozenset(h for h, _k, use in _heads() if use == "weak")


_TRAILING_COUNT = re.compile(r"[一二三四五六七八九十两]+大(?:重点|重大|专项)?$")


#: 等 and a count, then the category's words up to a cut inside it (等6个防沙治沙和).
_INSIDE_CATEGORY = re.compile(r"等\s*(?:[0-9]+|[一二三四五六七八九十两]+)\s*[个项大条类][\u4e00-\u9fff]{1,12}$")


def head_candidates(doc: Document) -> list[Candidate]:
    """Unquoted names that end in a head word, cut on the left at the governing verb."""
    text = doc.text
    out: list[Candidate] = []
    for hs, he in _head_spans(text):
        if _inside_quote(text, hs) or text.startswith(load_list("initiative_head_blockers.txt"), he):
            continue
        floor = _clause_start(text, hs)
        start, words = name_start(text, floor, hs)
        head = text[hs:he]
        kind = head_of("X" + head)[1] if head_of("X" + head) else "programme"
        counted = _counted_list_items(doc, hs, head, kind)
        if counted:
            out.extend(counted)
            continue
        if start == hs or text[start - 1 : start] == "等":
            # a head right after 等, or after 等 and a modifier (等生态工程), names the list's
            # category, not one instrument: the items before it are the names
            if text[start - 1 : start] == "等":
                out.extend(_items_before_deng(doc, start - 1, kind))
            continue
        if text[start - 1 : start] in _CLOSE or text[start - 1 : start] == '"':
            continue  # the name goes on inside a quote: the quote pass has it
        if _INSIDE_CATEGORY.search(text, max(0, start - 16), start):
            continue  # 等6个防沙治沙和|风电光伏一体化工程: a cut inside a list's counted category names nothing
        if text[max(0, start - 2) : start] in load_set("name_plurals.txt"):
            continue  # 各项安全生产专项整治行动: a class of campaigns, not one
        modifier = text[start:hs]
        name = text[start:he]
        aliases: set[str] = set()
        if _TRAILING_COUNT.search(modifier):  # 净土三大保卫战 → 净土保卫战
            aliases.add(name)
            modifier = _TRAILING_COUNT.sub("", modifier)
            name = modifier + head
            words = tokens.cut(modifier)  # what is left must be a name by itself (发展十大工程 is none)
        if not _valid_head_name(name, modifier, words, head):
            start, words = _past_inside_words(text, floor, start, words)
            modifier, name = text[start:hs], text[start:he]
            if not _valid_head_name(name, modifier, words, head):
                continue
        if head in ("战略", "发展战略") and any(tokens.tag(w) == "v" for w in words) \
                and not _CARRIED_OUT.search(text, max(0, start - 4), start):
            continue  # 发挥国家级战略, 紧扣重要战略: a verb phrase, unless a strategy is carried out (实施开放崛起战略)
        place = _PILOT_PLACE.match(text, he) if head == "试点" else None
        if place:  # a pilot is named with the place it makes of the region (水生态文明试点城市, settled case 13)
            he, name = place.end(), name + place.group()
        kind = kind_of(name, kind)
        out.append(Candidate(start, he, name, kind, "head", aliases, rank=0))
        if start > 0 and text[start - 1] == "、":
            out.extend(_shared_head_items(doc, start - 1, name, words, kind))
    return out


def _head_spans(text: str) -> list[tuple[int, int]]:
    """Where the free and weak heads stand, left to right. A head that ends inside a word gives way to a head
    that starts inside it and ends a word (会战 of 强省会战略 to 战略)."""
    regex = _free_head_regex()
    spans = []
    pos = 0
    while m := regex.search(text, pos):
        hs, he = m.span()
        later = next((n for p in range(hs + 1, he) if (n := regex.match(text, p))), None)
        if later and not tokens.ends_word(text, he) and tokens.ends_word(text, later.end()):
            hs, he = later.span()
        spans.append((hs, he))
        pos = he
    return spans


@cache
def _inside_words() -> tuple[str, ...]:
    """Boundary words that also stand inside initiative names: the shared list and the type's own."""
    return tuple(load_set("span_inside_name.txt") | spec("Initiative").inside_words)


def _past_inside_words(text: str, floor: int, start: int, words: list[str]) -> tuple[int, list[str]]:
    """The name's start moved left past a boundary word that also stands inside names (发展, 创新:
    `span_inside_name.txt` and the type's `inside_words`), as `namespan.name_before` does:
    工业互联网创新发展工程, not 发展工程."""
    before = tokens.cut(text[floor:start])
    if not before or not before[-1].startswith(_inside_words()):
        return start, words  # (jieba glues one to a noun: 创新能力 of 企业科技创新能力提升三年行动)
    word = before[-1]
    new_start, more = name_start(text, floor, start - len(word))
    if not more:
        return start, words
    return new_start, [*more, word, *words]


#: A verb that carries out a strategy, right before its name: a name holding verbs is a title then.
_CARRIED_OUT = re.compile("(?:实施|推进|落实|贯彻)$")


#: The kind of place a pilot designates, written after 试点 (试点城市, 试点县), unless a longer word goes on.
_PILOT_PLACE = re.compile("(?:城市|县|市|区|镇)(?!群|圈|化|带|更新|城|政)")


def _valid_head_name(name: str, modifier: str, words: list[str], head: str) -> bool:
    """The checks an unquoted head-word name must pass (docs/annotation.md: named, not generic)."""
    if len(modifier) < 2 or len(name) > 22 or not words or tokens.tag(words[-1]) == "f":
        return False  # a localizer before the head makes it a verb (在学习中行动, 思想上行动)
    if _COUNT_START.match(name) or is_excluded(name) or _is_generic(words):
        return False
    if head.endswith("工程") and is_physical_work(words):
        return False
    if head in _weak_heads() and (_has_place(words) or len(modifier) < 3):
        return False
    return True


def _shared_head_items(doc: Document, comma: int, last: str, last_words: list[str], kind: str) -> list[Candidate]:
    """Items before a 、 that share the head of the last item (蓝天、碧水、净土保卫战).

    The shared part is the head plus the generic words before it (教学质量、教育品质、
    队伍能力提升工程 share 提升工程). Items are taken only while they are as long as
    the last item's own part, which keeps a list of different things from
    borrowing a head (金融机构、智库专家、法律顾问联系服务企业制度).
    """
    text = doc.text
    head = head_of(last)
    shared = head[0] if head else ""
    own_words = list(last_words)
    while own_words and own_words[-1] in load_set("initiative_generic_words.txt") and len(own_words) > 1:
        shared = own_words.pop() + shared
    own = "".join(own_words)
    own = _TRAILING_COUNT.sub("", own)
    if not shared or not own:
        return []
    out = []
    end = comma
    while end > 0:
        floor = _clause_start(text, end)
        start, words = name_start(text, floor, end)
        item = text[start:end]
        if len(item) != len(own) or is_excluded(item) or head_of(item) or _is_generic(words):
            break
        out.append(Candidate(start, end, item + shared, kind, "head", {item}, rank=0))
        if start == 0 or text[start - 1] != "、":
            break
        end = start - 1
    return out


_COUNT_BEFORE_HEAD = re.compile(r"等?([0-9]+|[一二三四五六七八九十两])(?:大|项|个)(?:重点|专项)?$")


def _counted_list_items(doc: Document, hs: int, head: str, kind: str) -> list[Candidate]:
    """A complete list before “N大/N项” and a head: 军民协同、军地共建等两大工程 → 军民协同工程, 军地共建工程.

    When the count equals the number of items, each item is one of the N named
    programmes and takes the shared head (settled case 10); a count larger than
    the items (A、B等十六项专项行动) only gives examples, and a count is no name.
    """
    text = doc.text
    count = _COUNT_BEFORE_HEAD.search(text, max(0, hs - 8), hs)
    if not count:
        return []
    n = count_value(count.group(1))
    parts = items_before(text, count.start())
    if len(parts) != n or n < 2:
        return []
    lead = tokens.cut(text[parts[0][0] : parts[0][1]])
    verbs = _leading(lead, frozenset({"v", "a"}), stops=True)  # 实施, 持续打好 govern the list
    parts[0] = (parts[0][0] + sum(map(len, lead[:verbs])), parts[0][1])
    out = []
    for start, end in parts:
        item = text[start:end].replace("“", "").replace("”", "")  # “三权”分置: quotes inside an item
        words = tokens.cut(item)
        if not (2 <= len(item) <= 20) or is_excluded(item) or not words or _is_generic(words):
            return []
        if head.endswith("工程") and is_physical_work(words):
            continue  # a physical work among them is a Project's business
        name = item if item.endswith(head) else item + head
        out.append(Candidate(start, end, name, kind_of(name, kind), "head", {item} - {name}, rank=0))
    return out


def _items_before_deng(doc: Document, deng: int, kind: str) -> list[Candidate]:
    """Items of “A、B、C等专项行动”: each item is an initiative of the list's kind.

    The items are the parts between 、 (the first one cut at its governing verb);
    a list with a physical work in it is a list of projects, not initiatives.
    """
    text = doc.text
    parts = items_before(text, deng, reach=60, stops="“”")  # a quoted list is the quote pass's
    if len(parts) < 2:
        return []
    first_start, first_end = parts[0]
    if text[first_start - 1 : first_start] != "、":  # the list goes on left of a quote: no verb to cut
        parts[0] = (name_start(text, first_start, first_end)[0], first_end)
    out = []
    for start, end in parts:
        item = text[start:end]
        words = tokens.cut(item)
        if is_physical_work(words):
            return []
        if not (3 <= len(item) <= 14) or is_excluded(item) or _is_generic(words) or head_of(item):
            continue
        if kind != "campaign" and item not in _national() and any(tokens.tag(w) == "v" for w in words[1:]):
            # 公立医院药品取消加成、单病种付费等改革: a task described by its verb is no titled reform or
            # policy; a campaign is named by its action (文明村镇创建、移风易俗示范等专项行动)
            continue
        canonical, item_kind = _national().get(item, (item, kind))
        out.append(Candidate(start, end, canonical, item_kind, "head", rank=0))
    return out if len(out) >= 2 else []


# ---------------------------------------------------------------- first pass: lexicon and shapes


def lexicon_candidates(doc: Document) -> list[Candidate]:
    """Nationally known initiatives wherever the report names them."""
    out = []
    for start, end, surface in _national_matcher().find(doc.text):
        if _context(doc.text, start, end, sides=("lexicon-after",)) == "drop":
            continue  # a count (个转企150家), a result (脱贫攻坚成果), a title
        name, kind = _national()[surface]
        aliases = set()
        tail = _alias_tail(doc.text, end)
        if tail:
            aliases.add(surface + tail)
        out.append(Candidate(start, end, name, kind, "lexicon", aliases, rank=1))
    return out


@cache
def _shape_regexes() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    rows = load_table("initiative_shapes.tsv")
    return tuple((re.compile(row[0]), row[1], row[2] if len(row) > 2 else "") for row in rows)


def shape_candidates(doc: Document) -> list[Candidate]:
    """Names recognised by their shape (initiative_shapes.tsv): local rules, packages, service circles.

    A row's canonical template (12345热线 from {number}热线) names every written form of one thing alike;
    the written form is an alias."""
    out = []
    for rx, kind, canonical in _shape_regexes():
        for m in rx.finditer(doc.text):
            start, end = m.span("name")
            name = m.group("name")
            if name in load_set("initiative_exclusions.txt"):
                continue
            written = name
            name = canonical.format(**m.groupdict()) if canonical else written
            aliases = {written} - {name}
            out.append(Candidate(start, end, name, kind, "shape", aliases, rank=2))
    out.extend(_place_brands(doc))
    out.extend(_goal_candidates(doc))
    return out


#: 强国/强省/强市/强区/强县 as a goal: not inside 加强国有, 强省会, 强国强省强市 or a title.
_GOAL = re.compile(f"(?<!强[国省市区县])(?<![加增])强(?:国|省|市|区|县)(?![会有企资际内家])"
                   f"(?![{_CJK}]{{0,2}}(?:称号|之一|名单|示范|创建))")


def _goal_candidates(doc: Document) -> list[Candidate]:
    """A field the region sets out to be strong in (制造强省, 临港产业强省, 种业强市): a strategy (settled case 6).

    The field is cut on the left like any name; it is a national goal's field
    (`data/initiative_goal_fields.txt`) or has a name of its own. A rank (百强县)
    or a bare level is no goal.
    """
    text = doc.text
    out = []
    for m in _GOAL.finditer(text):
        start, words = name_start(text, _clause_start(text, m.start()), m.start())
        verbs = _leading(words, frozenset({"v", "vn"}))  # the verb that sets the goal (建设, 打造)
        start, words = start + sum(map(len, words[:verbs])), words[verbs:]
        field = text[start : m.start()]
        national = field in load_set("initiative_goal_fields.txt")
        if len(field) < 2 or field[-1] in _NUMERAL or (_is_generic(words) and not national) or divisions.lookup(field):
            continue
        name = text[start : m.end()]
        # the scope that opens a goal (中国北方种业强市, 国家现代设施农业强市) says where it ranks, so the goal is
        # judged without it; a goal won or applied for (获评, 争创) is a title, not a programme (settled case 6)
        if not is_excluded(_GOAL_SCOPE.sub("", name)) and _context(text, start, m.end(), sides=("before",)) != "drop":
            out.append(Candidate(start, m.end(), name, "strategy", "shape", rank=2))
    return out


#: The scope a goal is set in: the country, optionally a part of it (中国北方, 国家, 全国).
_GOAL_SCOPE = re.compile("^(?:中国|全国|国家)(?:北方|南方|东部|西部|中部|东北|西北|西南|东南)?")


@cache
def _place_prefixes() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1]) for r in load_table("initiative_place_prefixes.tsv"))


def _place_brands(doc: Document) -> list[Candidate]:
    """平安X建设, 数字X, X都市圈: a national programme word joined to a region's name (平安巨野 → campaign;
    石家庄都市圈 → strategy: `initiative_place_prefixes.tsv`, `initiative_place_suffixes.tsv`)."""
    text = doc.text
    out = []
    for prefix, kind in _place_prefixes():
        for m in re.finditer(re.escape(prefix) + f"([{_CJK}]{{2,6}})", text):
            place = divisions.leading_name(m.group(1))
            if not place or not tokens.ends_word(text, m.start(1) + len(place)):
                continue  # 幸福美丽新乡村: the place ends inside a word, no place is named
            start, end = m.start(), m.start(1) + len(place)
            aliases = {text[start:end] + "建设"} if text.startswith("建设", end) else set()
            out.append(Candidate(start, end, prefix + place, kind, "shape", aliases, rank=2))
    for suffix, kind in load_table("initiative_place_suffixes.tsv"):
        at = text.find(suffix)
        while at >= 0:
            place = divisions.name_ending(text[max(0, at - 6) : at])
            if place:
                out.append(Candidate(at - len(place), at + len(suffix), place + suffix, kind, "shape", rank=2))
            at = text.find(suffix, at + 1)
    return out


# ---------------------------------------------------------------- settling overlaps


def settle(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text.

    A known or quoted name inside a longer head-word candidate makes the longer
    form its alias when the rest is only a generic tail (乡村振兴战略 → 乡村振兴);
    otherwise the longer name stands and the inner one is nested.
    """
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), -c.rank))
    kept: list[Candidate] = []
    for c in cands:
        # kept candidates never overlap and come in text order, so only the last can clash
        clash = kept[-1] if kept and c.start < kept[-1].end else None
        if clash is None:
            kept.append(c)
            continue
        outer, inner = (clash, c) if clash.end - clash.start >= c.end - c.start else (c, clash)
        if inner.rank > outer.rank and outer.source == "head" and _generic_rest(outer.name, inner):
            inner.aliases.add(outer.name)
            inner.aliases |= outer.aliases
            if inner is c:
                kept.remove(clash)
                kept.append(c)
            continue
        if outer is c:
            kept.remove(clash)
            kept.append(c)
    return kept


def _generic_rest(outer: str, inner: Candidate) -> bool:
    for form in (inner.name, *inner.aliases):
        if form and form in outer:
            rest = outer.replace(form, "", 1)
            words = tokens.cut(rest) if rest else []
            return _is_generic(words) or rest in load_list("initiative_alias_tails.txt")
    return False


def find_initiatives(doc: Document) -> Document:
    """Pipeline component: Initiative mentions from quotes, head words, the lexicon and name shapes."""
    cands = quoted_candidates(doc) + shape_candidates(doc) + lexicon_candidates(doc) + head_candidates(doc)
    for c in settle(cands):
        aliases = tuple(sorted(a for a in c.aliases if a != c.name))
        doc.mentions.append(
            Mention("Initiative", c.name, c.start, c.end, kind=c.kind, source=c.source, aliases=aliases)
        )
    return doc


# ---------------------------------------------------------------- second pass


def accept_occurrence(doc: Document, start: int, end: int, proto: Mention, foreign: bool) -> bool:
    """Whether the second pass may take this occurrence of an accepted initiative name (`proto`).

    The occurrence (on jieba word boundaries, which the second pass checks for
    every type: 优生 in 优生态 does not count) must pass the context rules (a
    count, a title, a result), and, when the
    name was accepted in another report (`foreign`) or is only two characters
    long, be quoted or followed by an initiative head here. A bare list item that
    borrowed a shared head (教学质量 of 教学质量提升工程) counts only with a head after it.
    """
    text = doc.text
    surface = text[start:end]
    quoted = text[start - 1 : start] in _OPEN + '"' and text[end : end + 1] in _CLOSE + '"'
    if surface != proto.name and proto.name.startswith(surface) and not quoted:
        if not _alias_tail(text, end) and not head_of("X" + text[end : end + 4]):
            return False
    outer = (start - 1, end + 1) if quoted else (start, end)  # the rules read around the quote marks
    if _context(text, *outer, sides=("after", "before", "lexicon-after")) == "drop":
        return False
    if (foreign or end - start <= 2) and not quoted:
        tail = _alias_tail(text, end)
        if end - start <= 2 and not tail:
            return False
        if foreign and end - start < 3:
            return False
    return True
