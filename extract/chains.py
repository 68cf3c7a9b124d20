"""Industrial chains (产业链 / 产业): sectors a region develops.

Cues (docs/annotation.md, IndustrialChain):

- lists of sectors before a list head: 新能源、新材料、生物医药等重点产业链,
  建材、纺织、造纸等产业, 数字经济、仓储物流等服务业态; items that carry their
  own head (精品钢产业、钢铁上下游相关产业) or share the last one
  (碳酸二甲酯、碳酸甲乙酯产业链);
- a sector with a chain head word: X产业链, X产业集群 always, X产业 / X行业
  unless only a statistic follows (高新技术产业增加值占比);
- X经济 right after a development verb (大力培育夜间经济) or in a list;
- a known sector before a growth phrase (加快精密铸造转型升级, 机械装备聚集成群);
- a quoted sector (“夜经济”, “菌菜牧果林”特色农业);
- a zone named only by its sector (化工产业园, 食用菌生产基地, 电子商务示范基地):
  the zone is no Park, its sector is a chain (a named park around it nests the
  chain away);
- sectors as the field of projects (化工新材料、专用化学品等项目, settled case 12),
  of firms the region attracts or lists (引进农产品精深加工龙头企业, 华德牧业等机械装备制造企业),
  of a hub it builds (打造现代商贸物流区域中心), and two sectors before a count of two
  (生物制药与高端医疗器械两大产业);
- an industry of the national classification with 业 (玉米肉蛋乳精深加工业, 健康养老服务业),
  read like X产业; with only rank words before it, a category (高端服务业) is none;
- a list closed by a development effort instead of 等 (加大生态观光、休闲农业培育力度);
- a known sector revived or developed, or named as a programme's field (推进奶业振兴,
  支持创新药高质量发展, 种业振兴行动: the programme keeps the sector, `resolve`).

A known sector in a list of other things (老龄、中医药等各项事业) is not
developed there (`in_other_list`, which enterprises use too).

Names: the sector without 产业/产业链/产业集群/集群/行业 (锂电产业 → 锂电),
kept whole where the rest would be a bare noun (文化产业, 铜产业); the written form
is an alias. Two forms of one report that differ by a modifier are one chain
(北方寒地黄桃 / 寒地黄桃, 现代装备制造 / 装备制造, 矿业经济 / 矿业). Bare categories
(工业, 服务业, 现代农业 …) are data in `chain_exclusions.txt`. Word boundaries come
from jieba (`tokens.py`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import divisions, tokens
from .document import Document, Mention
from .lexicon import load_forms, load_list, load_set, load_table
from .namespan import items_before, word_starts

_CJK = r"\u3400-\u9fff"
_HAN = re.compile(f"[{_CJK}]")
#: Characters that end a clause (a list never crosses them).
_CLAUSE = re.compile(r"[，,。；;：:！？!?\n（）()《》]")
_STOP_TAGS = {"p", "c", "u", "r", "uj", "ul", "uz", "ug", "ud", "y", "e", "o", "v", "vd", "d", "ad", "i", "l", "q"}
#: Words that may join two sectors inside one name (氢能与储能).
_JOINERS = {"与"}


@dataclass
class ChainCandidate:
    """A sector found in the first pass: its span (surface) and canonical name."""

    start: int
    end: int
    name: str


# ---------------------------------------------------------------- data


@cache
def _heads() -> tuple[str, ...]:
    return tuple(sorted(load_list("chain_heads.txt"), key=len, reverse=True))


@cache
def _industry_heads() -> frozenset[str]:
    """An industry word with 业 (加工业, 服务业): a head whose 业 alone the canonical name drops."""
    return frozenset(w + "业" for w in load_list("chain_industry_endings.txt"))


@cache
def _head_pattern() -> str:
    """The chain heads as one alternation, for finding them: the head words and the industry heads.

    An industry head is found whole (服务业), so the name is cut on its left before the industry word
    (健康养老|服务业), which the left-edge cutter would otherwise take for a verb.
    """
    return "(?:" + "|".join(map(re.escape, sorted([*_heads(), *_industry_heads()], key=len, reverse=True))) + ")"


@cache
def _head_regex() -> re.Pattern[str]:
    """What the canonical name drops at its end: a head word, or the 业 of an industry head."""
    industry = "|".join(f"(?<={re.escape(w[:-1])})" for w in _industry_heads())
    return re.compile("(?:" + "|".join(map(re.escape, _heads())) + f"|(?:{industry})业)$")


@cache
def _national() -> dict[str, str]:
    """Written form → canonical name of the nationally known sectors."""
    return {form: row[0] for form, row in load_forms("chains_national.tsv", 1).items()}


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    return {kind: re.compile(rx) for kind, rx in load_table("chain_cues.tsv")}


@cache
def _boundaries() -> frozenset[str]:
    return frozenset(load_list("name_left_boundaries.txt")) | frozenset(load_list("chain_left_boundaries.txt"))


@cache
def _boundary_affixes() -> tuple[str, ...]:
    return tuple(w for w in _boundaries() if len(w) >= 2)


# ---------------------------------------------------------------- names


def canonical(surface: str) -> str:
    """The sector without its head word and list modifiers (锂电产业 → 锂电, 特色文旅康养产业 → 文旅康养).

    The head stays where the rest would be a bare noun, as 产业 whatever head was written (文化产业
    stays 文化产业; 铜产业集群 is 铜产业, the one sector of 铜产业 and 铜产业集群).
    """
    name = _cues()["level"].sub("", surface)
    short = _head_regex().sub("", name)
    if name.endswith("产业") and len(name) > 3 and tokens.tag(name[:-1]):
        short = name[:-1]  # 房地产业: the industry word is 房地产 and 业 its head, not 房地 and 产业
    if name.endswith("全产业链") and tokens.cut(name[:-3])[-1:] != ["全"]:
        short = name[:-3]  # 网络安全产业链: 全 belongs to 安全, the head is 产业链
    if short in load_set("chain_keep_whole.txt") or len(short) < 2:
        return short + "产业" if _head_regex().search(name) else short
    for side in ("modifier_front", "modifier_back", "modifier_back"):  # modifiers stack: 农业优势特色
        m = _cues()[side].search(short)
        if not m or len(short) - len(m.group()) < 2:
            continue
        if len(m.group()) == 1:
            # a one-character modifier must be a word of its own: 全 of 安全 is none (网络安全)
            words = tokens.cut(short)
            if (words[:1] if side == "modifier_front" else words[-1:]) != [m.group()]:
                continue
        short = short[: m.start()] + short[m.end() :]
    return _national().get(short, short)


#: What never stands in a sector's name: digits, 的, 等, an edition, a count (三个, 三轮), a rank of value.
_NOT_IN_A_SECTOR = re.compile(r"[0-9的等届]|[一二三四五六七八九十]{2}|[一二三四五六七八九十两][个轮]"
                              r"|千亿|百亿|国家|首批")


def is_sector(name: str) -> bool:
    """True when `name` (canonical) can name a sector: not a bare category, a facility, a count."""
    if name in _national():
        return True
    excluded = load_set("chain_exclusions.txt")
    if not (2 <= len(name) <= 12) or name in excluded or name + "产业" in excluded:
        return False
    if not _HAN.search(name) or _NOT_IN_A_SECTOR.search(name):
        return False  # 三个经济, 三轮稳经济: a count, no sector
    if name.startswith(("中国", "世界", "全国", "全球")) or _is_region_short(name):
        return False  # the title of an event or a ranking (中国城市夜间经济…), or a place (眉山)
    if name.startswith(("产业", "行业")):
        return False  # 产业融合(集群), 产业协同: what industries do together, no sector
    if re.search("新区|开发区|园区|示范区", name):
        return False  # a zone is where a sector grows, no part of its name (西咸新区大数据和云计算等项目)
    if name.endswith(("与", "和", "及")) or (len(name) == 2 and tokens.tag(name) == "b"):
        return False  # a joiner ends no sector (科技成果与); a lone attribute is none (新型)
    if name.endswith(load_list("chain_non_sector_endings.txt")) or _is_region(name):
        return False
    if name.endswith("经济") and (_is_region_short(name[:-2]) or name.endswith(_economy_scopes())):
        return False  # 杭州经济升级版: a place's economy; 村级集体经济, 省特色县域经济: a scope or ownership of one
    if any(j in name for j in _JOINERS) and not all(is_sector(p) for p in re.split("|".join(_JOINERS), name)):
        return False  # 制造业与物流: two things joined are one sector only when both are sectors (氢能与储能)
    short = _head_regex().sub("", name)
    if _is_category(short) or ("型" in short and all(_is_category(p) for p in short.split("型") if p)):
        return False  # 前沿型未来(产业): kinds of a category are a category
    if len(short) < 2:  # 竹产业, 茶产业: a one-character product with its head
        return short != name and short in load_set("chain_single_characters.txt")
    # a single jieba word that is an adjective, adverb or verb is a modifier, not a sector (优势, 挺起)
    if tokens.tag(short) in {"a", "ad", "d", "v", "vd", "m", "f"}:
        return False
    if len(short) == 3:  # 去库存, 降成本: a one-character verb and its object
        first = tokens.cut(short)[0]
        return not (len(first) == 1 and tokens.tag(first) == "v")
    return True


@cache
def _economy_scopes() -> tuple[str, ...]:
    """The excluded economies (集体经济, 县域经济, 民营经济 …): a name ending in one names its scope or owner."""
    return tuple(w for w in load_set("chain_exclusions.txt") if w.endswith("经济") and len(w) > 2)


def _is_category(name: str) -> bool:
    """True for a bare economic category, its head dropped (工业, 服务(业), 高端服务(业)): no sector."""
    excluded = load_set("chain_exclusions.txt")
    return name in excluded or name + "业" in excluded or _bare_category(name)


#: A kind written with 型 (劳动密集型): a rank of a category, like the modifiers.
_KIND = re.compile(f"[{_CJK}]{{1,4}}型$")


@cache
def _category_modifiers() -> tuple[str, ...]:
    """Rank words of a category (`data/chain_category_modifiers.txt`), longest first."""
    return tuple(sorted(load_list("chain_category_modifiers.txt"), key=len, reverse=True))


def _bare_category(name: str) -> bool:
    """True for a category's industry word (服务业, 制造业: chain_exclusions.txt) with nothing but rank
    words or a place before it (高端服务, 渭北先进制造): a category of the national statistics, no sector.
    """
    excluded = load_set("chain_exclusions.txt")
    word = next((w[:-1] for w in _industry_heads() if name.endswith(w[:-1]) and w in excluded), None)
    if word is None:
        return False  # an industry that is no category (旅游, 滨海旅游, 物流) is a sector
    rest = name[: -len(word)]
    while True:  # rank words and “…型” kinds (劳动密集型, 先导型) before the industry word
        kind = _KIND.search(rest)
        cut = next((len(m) for m in _category_modifiers() if rest.endswith(m)), len(kind.group()) if kind else 0)
        if not cut:
            break
        rest = rest[:-cut]
    return not rest or _is_region(rest) or all(tokens.tag(w) in ("ns", "s", "f") for w in tokens.cut(rest))


def _is_region_short(name: str) -> bool:
    """True when `name` is a province's or prefecture's name or short name as a whole (眉山).

    A county's short name is as often a product of its own (牡丹 of 牡丹区), so it may stay.
    """
    return any((d.name == name or d.short == name) and d.level in ("province", "prefecture")
               for d in divisions.lookup(name))


def _is_region(name: str) -> bool:
    """True when `name` starts with the full official name of a region (山东省, 牡丹区经济)."""
    return any(
        any(d.name == name[:n] for d in divisions.lookup(name[:n])) for n in range(2, min(len(name), 8) + 1)
    )


def _is_stop(word: str) -> bool:
    if word in tokens.domain_words() or word in _JOINERS:
        return False
    if word in _boundaries() or not _HAN.search(word) or word.isdigit():
        return True
    if tokens.tag(word) in _STOP_TAGS:
        return True
    return len(word) >= 3 and (word.startswith(_boundary_affixes()) or word.endswith(_boundary_affixes()))


#: A number word: digits or Chinese numerals (12, 两, 十二), which only a count goes on from.
_NUMBER = re.compile("[0-9.]+|[一二三四五六七八九十两百千万]+")


def sector_start(text: str, floor: int, end: int, industry: bool = False) -> int:
    """Where a sector phrase that ends at `end` starts: jieba words back to a verb or a boundary.

    With `industry`, the phrase may end in an industry word that jieba tags a verb (机械装备制造企业)."""
    pos = end
    kept = ""
    for i, word in enumerate(reversed(tokens.cut(text[floor:end]))):
        last_kept = i == 0 and (_cues()["form"].fullmatch(word) or (industry and word + "业" in _industry_heads()))
        if _NUMBER.fullmatch(word) and pos < end:
            if len(kept) == 1:
                pos += 1  # 12条|农业产业链, 两大|高新技术: the measure after a number belongs to the count
            break
        if _is_stop(word) and not last_kept:
            if len(word) == 1 and len(kept) == 1 and tokens.tag(word) in ("v", "p") and tokens.tag(kept) in ("a", "nr"):
                pos += 1  # 筑|牢|经济, 建|强|文化, 同|翔|高新技术: jieba split a word or a name of two characters
            break  # a business form's ending is no stop (乡村生态|游); before 企业, an industry's either (…|制造)
        pos -= len(word)
        kept = word
    return pos


def _phrase_floor(text: str, pos: int, reach: int, quotes: bool = True) -> int:
    """The left limit for a sector phrase ending at `pos`: the clause start, a 、 or (with `quotes`) a ”."""
    floor = max(0, pos - reach)
    for m in _CLAUSE.finditer(text, floor, pos):
        floor = m.end()
    marks = "、”" if quotes else "、"
    return max([floor] + [text.rfind(mark, floor, pos) + 1 for mark in marks])


def develop_before(text: str, start: int, only: bool = False) -> bool:
    """True when a development verb (培育, 壮大, 发展 …) stands right before `start`.

    With `only`, just the verbs that never govern a company (`develop_only`: 发展, 壮大, not 推动).
    """
    return bool(_cues()["develop_only" if only else "develop"].search(text[max(0, start - 6) : start]))


# ---------------------------------------------------------------- first pass


def _clauses(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in _CLAUSE.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def list_candidates(doc: Document) -> list[ChainCandidate]:
    """Sectors in 、-lists that a list cue closes (等重点产业链) or whose items carry a chain head."""
    text = doc.text
    out: list[ChainCandidate] = []
    for c_start, c_end in _clauses(text):
        clause = text[c_start:c_end]
        if "、" not in clause:
            continue
        parts = []
        pos = c_start
        for part in clause.split("、"):
            parts.append((pos, pos + len(part)))
            pos += len(part) + 1
        for run in _list_runs(text, parts):
            out.extend(_list_items(doc, run))
    return out


def _closes(text: str, part: tuple[int, int]) -> bool:
    """True when a list item holds what ends a list of sectors: 等, “N大”, a chain head or 以…为重点."""
    seg = text[part[0] : part[1]]
    return bool(_cues()["list_end"].search(seg) or _cues()["lead"].search(seg) or _head_regex_anywhere().search(seg))


@cache
def _head_regex_anywhere() -> re.Pattern[str]:
    """A head word inside a list item closes the list there; an industry head (高端服务业) does not, since
    such an item is as often one sector among others (未来智能、高端服务业、文旅康养等产业)."""
    return re.compile("(?:" + "|".join(map(re.escape, _heads())) + ")")


def _list_runs(text: str, parts: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """A clause's 、-items cut into lists: each list ends at the item that closes it.

    力促蔬菜、杂粮杂豆、中药材产业集群规模分别达到180亿元、80亿元: the sectors end
    at 中药材产业集群, and the amounts after it are another list. A clause whose
    items never close is one list (发展民宿经济、庭院经济).
    """
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for part in parts:
        run.append(part)
        if _closes(text, part):
            if len(run) > 1:
                runs.append(run)
            run = []
    if run and not runs:
        runs.append(run)
    return runs


def _list_items(doc: Document, parts: list[tuple[int, int]]) -> list[ChainCandidate]:
    """The sectors of one 、-list, or nothing when the list is not a list of sectors."""
    text = doc.text
    last_start, last_end = parts[-1]
    last = text[last_start:last_end]
    # the last item ends at 等, at a “N大”, or at its own chain head
    m = _cues()["list_end"].search(last)
    lead = _cues()["lead"].search(last)
    effort = _cues()["develop_closer"].search(last)
    shared = ""  # a sector the items are sorts of (等合金新材料)
    if effort and not m and len(parts) > 1:
        # 加大生态观光、休闲农业培育力度: the effort put into the items develops them
        item_end = last_start + effort.start()
    elif lead and (not m or lead.start() < m.start()) and text[parts[0][0] : parts[0][1]].startswith("以"):
        # 以A、B、C为重点(的特色产业) / 以A、B为首位产业
        item_end = last_start + lead.start()
    elif m:
        item_end = last_start + m.start()
        closer = text[item_end:last_end]
        cue = _cues()["list"].match(closer)
        if cue and _cues()["closer_block"].match(closer, cue.end()):
            return []
        shared = "" if cue else _shared_sector(closer)
        if not cue and not shared and not _economy_closer(closer):
            form = _FORM_CLOSER.match(closer)
            if form and is_sector(canonical(form.group(1))):
                # 草原音乐节、那达慕等节庆游: the form the items are examples of is developed, not the items
                return [ChainCandidate(item_end + 1, item_end + 1 + len(form.group(1)), canonical(form.group(1)))]
            return []
    else:
        head = _single_head_regex().search(last)
        if not head or head.start() < 2:
            return _economy_list(doc, parts)
        item_end = last_start + head.end()
        rest = text[item_end:last_end]
        if _cues()["statistic"].match(rest) or _cues()["closer_block"].match(rest):
            return []
        if sector_start(text, last_start, last_start + head.start()) != last_start:
            return []  # a verb inside the last item (灵泰药业延伸产业链条): not a list of sectors
        if _is_category(_head_regex().sub("", canonical(text[last_start:item_end]))):
            return []  # 两型社会、节能减排、现代服务业: a bare category closes a list of other things
    spans = [*parts[:-1], (last_start, item_end)]
    out = []
    econ = re.match(f"^等([{_CJK}]{{1,4}}经济)", text[item_end:last_end])
    if econ and is_sector(canonical(econ.group(1))):
        out.append(ChainCandidate(item_end + 1, item_end + 1 + len(econ.group(1)), canonical(econ.group(1))))
    first_start, first_end = spans[0]
    start0 = sector_start(text, first_start, first_end)
    if start0 >= first_end - 1:
        # the cutter stopped at a verb inside the item (培育农商直供: 直供): cut after the verb that governs the
        # list instead, when one opens the item
        verbs = list(_develop_anywhere().finditer(text, first_start, first_end))
        if verbs and verbs[-1].end() < first_end - 1:
            start0 = verbs[-1].end()
    spans[0] = (start0, first_end)
    for s, e in spans:
        while s < e and text[s] in "“”\" ":
            s += 1
        while e > s and text[e - 1] in "“”\" ":
            e -= 1
        surface = text[s:e]
        name = canonical(surface + shared)  # 铝铜、铝镁等合金新材料: each item is a kind of the shared sector
        if is_sector(name) and not re.search("[“”\"]", surface):  # a quote inside (加快“去产能) opens a slogan
            out.append(ChainCandidate(s, e, name))
    # a long list may hold one thing that is not a sector (宝武系、精品钢、装配式建筑); a list
    # with more is something else
    items = len(out) - (1 if econ else 0)
    return out if len(spans) - items <= len(spans) // 3 else []


def _shared_sector(closer: str) -> str:
    """The kind of a national sector that closes a list and that each item names a sort of, or "":
    等合金新材料 → 合金新材料 (铝铜合金新材料, 铝镁合金新材料). The sector ends the phrase and the kind is
    one noun (a material, a product), not a quality (特色会展, 新金融, 综合科技服务: a grouping of sectors)."""
    m = _shared_sector_regex().match(closer)
    if not m:
        return ""
    kind = m.group(2)
    words = tokens.cut(kind)
    if len(words) != 1 or tokens.tag(kind) != "n" or kind in _category_modifiers() \
            or _cues()["modifier_front"].match(kind):
        return ""
    return m.group(1)


@cache
def _shared_sector_regex() -> re.Pattern[str]:
    forms = "|".join(map(re.escape, sorted(_national_endings(), key=len, reverse=True)))
    return re.compile(f"^等(([{_CJK}]{{1,3}}?)(?:{forms}))(?![{_CJK}])")


#: A list closed by 等 and a business form of tourism or e-commerce (等节庆游): the form, not the items.
_FORM_CLOSER = re.compile(f"等([{_CJK}]{{1,4}}(?:旅游|游|电商))(?![{_CJK}])")


def _economy_closer(closer: str) -> bool:
    """True for a list that ends in 等X经济 (寒地黄桃、草莓采摘等棚室经济); not where a verb opens what
    follows 等 (曲江、临潼等作为夜游经济的…: the items are places the economy is given to)."""
    m = re.match(f"^等([{_CJK}]{{1,4}})经济", closer)
    return bool(m) and not tokens.tag(tokens.cut(m.group(1))[0]).startswith("v")


def _economy_list(doc: Document, parts: list[tuple[int, int]]) -> list[ChainCandidate]:
    """发展民宿经济、庭院经济: a list of X经济 after a development verb."""
    text = doc.text
    out = []
    for k, (s, e) in enumerate(parts):
        seg = text[s:e]
        m = re.match(f"^[{_CJK}]{{2,8}}?经济", seg) if k else re.search(f"[{_CJK}]{{2,12}}?经济", seg)
        if not m:
            return []
        start = sector_start(text, s, s + m.end()) if k == 0 else s
        if k == 0 and not develop_before(text, start):
            return []
        name = canonical(text[start : s + m.end()])
        if is_sector(name):
            out.append(ChainCandidate(start, s + m.end(), name))
    return out


@cache
def _single_head_regex() -> re.Pattern[str]:
    return re.compile(f"{_head_pattern()}(?!{_cues()['head_block'].pattern})")


def headed_candidates(doc: Document) -> list[ChainCandidate]:
    """X产业链 / X产业集群 / X产业 / X行业 outside lists, unless only a statistic follows."""
    text = doc.text
    out = []
    for m in _single_head_regex().finditer(text):
        hs, he = m.span()
        if _cues()["statistic"].match(text[he : he + 8]):
            continue
        floor = _phrase_floor(text, hs, 14, quotes=False)
        start = sector_start(text, floor, hs)
        if hs == start or re.search(r"[0-9一二三四五六七八九十两]+(?:大|个)$", text[start:hs]):
            continue  # a counted head (两大产业) closes a list, which the list finders read
        surface = text[start:he]
        name = canonical(surface)
        if not is_sector(name):
            continue
        weak = m.group() in ("产业", "行业") or m.group() in _industry_heads()
        if weak and not (develop_before(text, start) or _develop_after(text, he)
                         or _OWN_REGION.search(text, max(0, start - 3), start)):
            # without a cue, only a known sector standing on its own (锂电产业, 产值…) or opening a
            # sentence as its subject (光电信息产业抢占新赛道) counts
            opens = start == 0 or text[start - 1] in "。；;\n"
            alone = re.match(r"[，,。；;、]|产值|营收|营业收入|规模", text[he : he + 4])
            planned = opens and _PLAN_AFTER.match(text, he) and not doc.in_review(start)
            if not planned and (name not in _national() or not (opens or alone)):
                continue
        out.append(ChainCandidate(start, he, name))
    return out


#: The report's own region as a pronoun opening a clause (我市汽车产业逆势而进): the sector after it is
#: the region's own, which it counts as a development cue.
_OWN_REGION = re.compile("(?:^|(?<=[。；;，,\n]))(?:我|全|本)(?:省|市|区|县|州|盟|旗)$")


#: A plan verb after a sector that opens a sentence of the plan (新医药产业聚焦生物制药, 光电信息产业抢占新赛道):
#: the sentence says how the region develops it, whether or not the sector is a known one.
_PLAN_AFTER = re.compile("聚焦|瞄准|抢占|围绕|突出|着力|重点(?:发展|培育|突破|推进)")


def _develop_after(text: str, end: int) -> bool:
    return bool(_cues()["develop_after"].match(text, end))


def economy_candidates(doc: Document) -> list[ChainCandidate]:
    """Business forms (X经济, X游, X电商 …) right after a development verb, or followed by 发展.

    大力培育夜间经济, 楼宇经济发展格局, 发展工业游 (settled case 11: business forms are
    sectors). The items of a 、-list that continues such a form with the same
    ending are forms too: 积极发展生态游、乡村游、康养游.
    """
    text = doc.text
    out = []
    form = _cues()["form"]
    for m in re.finditer(f"(?:{form.pattern})(?!{_cues()['economy_block'].pattern})", text):
        hs, he = m.span()
        floor = _phrase_floor(text, hs, 10)
        start = sector_start(text, floor, hs)
        if hs - start < 1 or text[start - 1 : start].isdigit():
            continue  # 改革开放40年经济发展: a count of years, no form
        name = canonical(text[start:he])
        if not is_sector(name) or name == m.group():
            continue
        quoted = text[start - 1 : start] in "“\"" and text[he : he + 1] in "”\""
        developed = develop_before(text, start) or re.match(r"(?:发展|轴|带|集聚|核心区)", text[he : he + 2])
        if quoted or developed:
            out.append(ChainCandidate(start, he, name))
            out.extend(_same_form_items(text, he, m.group()))
    return out


def _same_form_items(text: str, end: int, ending: str) -> list[ChainCandidate]:
    """The 、-items after a form that end the same way (、乡村游、康养游 after 生态游)."""
    out = []
    item = re.compile(f"[{_CJK}]{{1,6}}?{re.escape(ending)}(?=[、，,。；;和及与等]|$)")
    pos = end
    while text[pos : pos + 1] == "、":
        m = item.match(text, pos + 1)
        if not m or not is_sector(canonical(m.group())):
            break
        out.append(ChainCandidate(m.start(), m.end(), canonical(m.group())))
        pos = m.end()
    return out


_QUOTED_SECTOR = re.compile(
    f"[“\"]([{_CJK}]{{2,10}}\\+?)[”\"](?:特色(?:农业|种植|养殖)|产业链|产业集群|产业|新赛道|赛道)"
)


def quoted_candidates(doc: Document) -> list[ChainCandidate]:
    """A quoted sector before a sector word: “菌菜牧果林”特色农业, “绿氢+”产业, “光学+”新赛道."""
    out = []
    for m in _QUOTED_SECTOR.finditer(doc.text):
        name = canonical(m.group(1))
        if is_sector(name) and not re.match(r"^[0-9一二三四五六七八九十百千两]", name):
            out.append(ChainCandidate(m.start(1), m.end(1), name))
    return out


def _reads_as_sector(phrase: str) -> bool:
    """True when a phrase without a chain head still reads as a sector: a known one, or one ending in a
    sector word (良种繁育, 智慧农业: `chain_sector_endings.txt`)."""
    return phrase in _national() or phrase.endswith(load_list("chain_sector_endings.txt"))


def zone_candidates(doc: Document) -> list[ChainCandidate]:
    """The sector of a zone named only by it (化工产业园 → 化工, 食用菌生产基地 → 食用菌)."""
    text = doc.text
    out = []
    for m in _cues()["zone"].finditer(text):
        hs = m.start()
        floor = _phrase_floor(text, hs, 14)
        start = sector_start(text, floor, hs)
        surface = _cues()["level"].sub("", text[start:hs])
        start = hs - len(surface)
        if len(surface) < 2:
            continue
        name = canonical(surface + "产业") if m.group().startswith("产业") else canonical(surface)
        if not is_sector(name):
            continue
        if text.endswith(load_list("park_title_verbs.txt"), 0, _title_start(text, start)):
            continue  # 成为国家资源循环利用基地: a title received (settled case 6), no sector developed
        if _reads_as_sector(surface) or name in _national() or surface in load_set("chain_keep_whole.txt"):
            out.append(ChainCandidate(start, hs, name))
    return out


#: The scope of a title before a sector (国家|资源循环利用基地, 全国首批|…), read back from the sector's start.
_TITLE_SCOPE = re.compile("(?:国家级?|全国|省级|全省|市级|首批|第[一二三四五六七八九十]+批)+$")


def _title_start(text: str, start: int) -> int:
    """Where the scope of a title before a sector begins: before its level words."""
    scope = _TITLE_SCOPE.search(text, max(0, start - 10), start)
    return start - len(scope.group()) if scope else start


def growth_candidates(doc: Document) -> list[ChainCandidate]:
    """A known sector followed by a growth phrase without a head word (加快精密铸造转型升级, 机械装备聚集成群)."""
    text = doc.text
    out = []
    for m in _cues()["growth"].finditer(text):
        hs = m.start()
        start = sector_start(text, _phrase_floor(text, hs, 10), hs)
        surface = text[start:hs]
        name = canonical(surface)
        if hs - start >= 2 and is_sector(name) and _reads_as_sector(name):
            out.append(ChainCandidate(start, hs, name))
    return out


def settle(cands: list[ChainCandidate]) -> list[ChainCandidate]:
    """One candidate per stretch of text, the longest first."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[ChainCandidate] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
    return kept


def merge_variants(cands: list[ChainCandidate]) -> None:
    """One chain for two forms of one report that differ by a modifier (北方寒地黄桃 / 寒地黄桃, 矿业经济 / 矿业).

    The longer form with a known modifier wins when it is a national sector
    (新一代信息技术), otherwise the shorter one does.
    """
    names = {c.name for c in cands}
    rename: dict[str, str] = {}
    suffixes = load_list("chain_suffix_modifiers.txt")
    for name in names:
        shorts = [name[len(mod) :] for mod in load_list("chain_prefix_modifiers.txt") if name.startswith(mod)]
        shorts += [name[: -len(mod)] for mod in suffixes if name.endswith(mod) and len(name) > len(mod)]
        for short in (s for s in shorts if s in names):
            if name in _national():
                rename[short] = name
            else:
                rename[name] = short
    for c in cands:
        c.name = rename.get(c.name, c.name)


@cache
def _develop_anywhere() -> re.Pattern[str]:
    """A development verb anywhere in a stretch of text (the `develop` cue without its anchor)."""
    return re.compile(_cues()["develop"].pattern.rstrip("$"))


def _develop_in_sentence(text: str, start: int, end: int) -> bool:
    """True when a development verb stands in the sentence around [start, end) (before or after it)."""
    lo = max(text.rfind(ch, max(0, start - 80), start) for ch in "。；;！？\n") + 1
    his = [i for i in (text.find(ch, end, end + 80) for ch in "。；;！？\n") if i >= 0]
    hi = min(his) if his else min(len(text), end + 80)
    rx = _develop_anywhere()
    return bool(rx.search(text, lo, start) or rx.search(text, end, hi))


#: Firms of a sector (农产品精深加工龙头企业, 科技服务企业).
_FIRMS = re.compile(r"(?:龙头|骨干|领军|配套)?企业")


_COUNTED_PAIR = re.compile(
    f"(?:与|和|及)([{_CJK}]{{2,12}}?)(?:两|二|2)(?:大|个)(?:重点|主导|特色|优势|支柱|新兴)?(?:产业链|产业集群|产业|集群|行业)"
)


def pair_candidates(doc: Document) -> list[ChainCandidate]:
    """Two sectors joined by 与/和/及 before a count of two (生物制药与高端医疗器械两大产业).

    Without the count the pair may be one sector's name (氢能与储能产业); the count says there are two.
    """
    text = doc.text
    out = []
    for m in _COUNTED_PAIR.finditer(text):
        joiner = m.start()
        first = sector_start(text, _phrase_floor(text, joiner, 14), joiner)
        spans = [(first, joiner), m.span(1)]
        names = [canonical(text[s:e]) for s, e in spans]
        if first < joiner and all(is_sector(n) for n in names):
            out.extend(ChainCandidate(s, e, n) for (s, e), n in zip(spans, names, strict=True))
    return out


def firm_candidates(doc: Document) -> list[ChainCandidate]:
    """The sector of firms the region attracts or grows (引进和培育农产品精深加工龙头企业), or of the firms a
    list names (华德牧业等机械装备制造企业).

    A development verb or a list's 等 stands right before the sector, which is a known sector
    or ends in a sector word (加工, 制造 …); firms only counted (农产品加工企业达到120家) are no cue.
    """
    text = doc.text
    out = []
    for m in _FIRMS.finditer(text):
        hs = m.start()
        start = sector_start(text, _phrase_floor(text, hs, 14), hs, industry=True)
        if not (develop_before(text, start) or text[start - 1 : start] == "等"):
            continue  # after 等 the sector is the category of the firms listed (华德牧业等机械装备制造企业)
        lead = re.match(r"骨干|龙头|领军|重点", text[start:hs])  # 骨干物流企业: backbone firms of 物流
        start += lead.end() if lead else 0
        surface = text[start:hs]
        name = canonical(surface)
        if len(surface) >= 2 and _reads_as_sector(surface) and is_sector(name):
            out.append(ChainCandidate(start, hs, name))
    return out


#: The category after a list's 等: 等各项事业 → 事业, 等10个聚力攻坚专项 → 聚力.
_LIST_CATEGORY = re.compile(
    f"等[^{_CJK}]*?(?:[0-9一二三四五六七八九十百]+[个项大类])?(?:各项|各类|重点|相关)?([{_CJK}]{{1,4}})"
)


#: The chain head a list's 等 may carry before its category or statistic (等产业产值…).
_LIST_HEAD = re.compile("(?:产业|行业)?")


def in_other_list(text: str, end: int) -> bool:
    """True when the 、-list that holds the item ending at `end` closes with 等 and a category of no sectors
    (`data/chain_other_list_categories.txt`: 等各项事业, 等学科设置) or with a statistic over its items
    (等产业产值同比分别增长: the items are measured, not developed)."""
    if text[end : end + 1] not in ("、", "等"):
        return False
    deng, stop = _closing_deng(text, end)
    if deng < 0:
        return False
    after = _LIST_HEAD.match(text, deng + 1, stop).end()
    if _cues()["statistic"].match(text, after) or _cues()["target"].match(text, after):
        return True
    category = _LIST_CATEGORY.match(text, deng, stop)
    return bool(category) and category.group(1).startswith(load_list("chain_other_list_categories.txt"))


def in_sector_list(text: str, end: int) -> bool:
    """True when the item ending at `end` is one of a 、-list that closes with 等 and a category of sectors
    (肥西电气机械和器材、庐江磁性材料等产业发展: the `list` cue)."""
    if text[end : end + 1] not in ("、", "等", "和", "及", "与"):
        return False
    deng, stop = _closing_deng(text, end)
    lo = max(0, end - 40)
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, lo, end)), default=lo)
    return deng >= 0 and "、" in text[clause_start:deng] and bool(_cues()["list"].match(text[deng:stop]))


def _closing_deng(text: str, end: int) -> tuple[int, int]:
    """Where the 等 that closes a list after `end` stands (-1 when none) and where its clause ends."""
    clause_end = _CLAUSE.search(text, end)
    stop = clause_end.start() if clause_end else len(text)
    return text.find("等", end, stop), stop


def lexicon_candidates(doc: Document) -> list[ChainCandidate]:
    """A nationally known sector standing on its own in a clause that develops it.

    发展数字经济、绿色消费; 推进首发经济; 持续扩大碳纤维制品应用: the sector is a
    whole word (jieba boundaries, nothing of a longer name before it), what follows
    is a chain head, a list mark or punctuation, and a development verb stands
    in the sentence. A statistic after it (旅游收入增长) is no development.
    """
    text = doc.text
    out = []
    forms = frozenset(_national())
    for start, surface in word_starts(text, forms):
        end = start + len(surface)
        revived = REVIVED.match(text, end)
        if revived and (develop_before(text, start) or revived.group("programme")):
            if tokens.aligned(text, start, revived.end()):  # 奶业振兴 may be one word of jieba's
                out.append(ChainCandidate(start, end, canonical(text[start:end])))
            continue
        built = bool(_HUB.match(text, end)) and _builds_hub(text, start)
        head = _HEAD_AFTER.match(text, end)
        after = head.end() if head else end
        target = bool(_cues()["target"].match(text, after)) and not doc.in_review(start)
        if not (_SECTOR_AFTER.match(text, end) or target or built) or not tokens.aligned(text, start, end):
            continue
        floor = _phrase_floor(text, start, 30, quotes=False)
        if sector_start(text, max(floor, start - 8), end) != start:
            continue  # the sector ends a longer name here (卓航新材料, 社交电商)
        if not target and _cues()["statistic"].match(text, after):
            continue
        if not (head or target or built) and not _develop_in_sentence(text, start, end):
            continue
        if not head and in_other_list(text, end):
            continue  # 老龄、中医药、红十字等各项事业: a list of public undertakings, not of sectors
        out.append(ChainCandidate(start, after, canonical(text[start:after])))
    return out


#: A chain head right after a known sector (人工智能产业, 新材料产业集群), taken into its mention.
_HEAD_AFTER = re.compile("产业链|产业集群|产业|集群|行业")
#: A hub a region builds for a sector (现代商贸物流区域中心, 现代商贸物流重要基地), or the engine it makes of
#: one (打造数字经济增长引擎, 增长极): the sector is developed.
_HUB = re.compile(r"(?:重要|区域|国际|全国性)?(?:中心|基地|枢纽|高地)|(?:新)?增长(?:引擎|极)|新引擎")
#: A known sector's development or revival right after it, under a development verb (推进奶业振兴,
#: 支持创新药高质量发展) or named as a programme (种业振兴行动, which keeps the sector: resolve._OPENS_KEPT).
REVIVED = re.compile(r"(?:高质量)?(?:振兴|发展)(?P<programme>行动|工程|计划|战略)?"
                     r"(?!大会|规划|论坛|基金|报告|中心|研究)")


def _builds_hub(text: str, start: int) -> bool:
    """True when a verb that builds or makes (打造, 建设, 建成) governs the phrase that starts at `start`,
    maybe over a scope word (建设全国现代商贸物流重要基地)."""
    return bool(re.search(r"(?:打造|建设|建成|创建)(?:全国|全省|国家|区域性|国际)?$", text[max(0, start - 8) : start]))


@cache
def _national_endings() -> tuple[str, ...]:
    """The written forms of the national sectors (two characters or more), for `str.endswith`."""
    return tuple(f for f in _national() if len(f) >= 2)


#: The close of a list of projects: 等项目, 等21个在谈项目, 等10个重大项目.
_PROJECT_LIST_END = re.compile(r"等(?:[0-9一二三四五六七八九十百]+个)?(?:重点|重大|在谈|产业)?项目")


def project_field_candidates(doc: Document) -> list[ChainCandidate]:
    """Sectors named as the field of projects (settled case 12): 化工新材料、专用化学品等项目.

    An item of a list of projects that ends in a nationally known sector
    (钙基纳米新材料, 砷化镓半导体) names that field; items that are companies or
    facilities (京东超级体验店) end in no sector and give nothing, nor do items named
    after a place (西安金龙汽车).
    """
    text = doc.text
    out = []
    for m in _PROJECT_LIST_END.finditer(text):
        spans = [(sector_start(text, s, e), e) for s, e in items_before(text, m.start(), reach=60)]
        # an item opening with a region's name names a company or a work there (西安金龙汽车), not a field
        spans = [(s, e) for s, e in spans if not divisions.leading_name(text[s:e])]
        known = [text[s:e].endswith(_national_endings()) for s, e in spans]
        if not any(known):
            continue  # no known sector: a list of companies or facilities (京东超级体验店)
        fields, others = [], []
        for (start, e), national in zip(spans, known, strict=True):
            name = canonical(text[start:e])
            if tokens.aligned(text, start, e) and is_sector(name):
                (fields if national else others).append(ChainCandidate(start, e, name))
        # a list with a known sector is a list of fields: its other sector-like items are fields too
        # (化工新材料、专用化学品等项目), unless they read as names (a proper part jieba does not know) or
        # are one bare word of two characters (交通、能源等项目: categories of infrastructure)
        out.extend(fields + ([c for c in others if len(c.name) >= 3 and not tokens.has_proper_word(c.name)]
                              if fields else []))
    for m in _COUNTED_FIELD.finditer(text):
        # 11个锂电项目, 5个百亿级绿色氢基能源一体化项目: the field of counted projects (a known sector only)
        name = canonical(m.group("sector"))
        if is_sector(name) and _reads_as_sector(name) and tokens.aligned(text, m.start("sector"), m.end("sector")):
            out.append(ChainCandidate(m.start("sector"), m.end("sector"), name))
    return out


#: Projects counted before the field they are in (settled case 12): a count or 一批, a scale or rank, the
#: field and the projects' kind (一体化, 标志性 …) before 项目.
_COUNTED_FIELD = re.compile(
    r"(?:[0-9一二三四五六七八九十两百]+\s*个|一批)(?:以上)?(?:[\u4e00-\u9fff]{1,3}级)?(?:重大|重点|示范)?"
    r"(?P<sector>[\u4e00-\u9fff]{2,10}?)(?:一体化|标志性|重点|重大)?项目"
)


def find_chains(doc: Document) -> Document:
    """Pipeline component: IndustrialChain mentions from every cue above, one per stretch of text (`settle`)."""
    cands = (list_candidates(doc) + headed_candidates(doc) + economy_candidates(doc)
             + quoted_candidates(doc) + zone_candidates(doc) + growth_candidates(doc) + lexicon_candidates(doc)
             + project_field_candidates(doc) + firm_candidates(doc) + pair_candidates(doc))
    kept = settle(cands)
    merge_variants(kept)
    for c in kept:
        doc.mentions.append(Mention("IndustrialChain", c.name, c.start, c.end))
    return doc


# ---------------------------------------------------------------- second pass

#: What may follow a sector used as a sector: a chain head, a business model, a way it is grown (连锁化, 品牌化),
#: a list mark, a joiner, punctuation.
_SECTOR_AFTER = re.compile(
    r"(?:产业|集群|行业|模式|(?:连锁|品牌|规模|集群|标准)化|业(?![务绩态主])|、|等|和|及|与|[，,。；;：:！？!?”\"）)\n]|$)"
)


def accept_occurrence(doc: Document, start: int, end: int, proto: Mention, foreign: bool) -> bool:
    """Whether the second pass may take this occurrence of an accepted sector name.

    A sector counts where it is used as one: followed by a chain head, a list
    mark or punctuation, or preceded by 、 (新能源 in 新能源汽车 does not count;
    that it stands on jieba word boundaries, 牡丹 not in 牡丹江, the second pass
    checks for every type). A statistic right after it does not count either, nor
    an item of a list of other things (`in_other_list`).
    """
    text = doc.text
    if not _SECTOR_AFTER.match(text, end):  # the cheap check first: most occurrences fail it
        return False
    # the sector must start a name here: nothing but a verb or a mark before it
    # (巨润建材, 社交电商 and 卓航新材料 are other names that end in a sector word)
    if sector_start(text, max(0, start - 8), end) != start:
        return False
    before = tokens.cut(text[max(0, start - 8) : start])
    if before and len(before[-1]) == 1 and _HAN.match(before[-1]) and before[-1] not in _boundaries():
        return False  # a single character before it is most likely part of a proper name (巨润建材)
    if in_other_list(text, end):
        return False  # 教育、医疗等8个领域: a list of other things, as the first pass reads it
    head = _SECTOR_AFTER.match(text, end)
    after = end + (len(head.group()) if head and head.group() in ("产业", "集群", "行业") else 0)
    return not _cues()["statistic"].match(text, after)
