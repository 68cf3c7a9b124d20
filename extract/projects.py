"""Projects (项目): named undertakings with a budget or a physical result.

Four finders, run in this order, each skipping text an earlier one took:

1. lists — items of an enumeration closed by a project category
   (丰元汇能、创普斯等11个锂电项目 → 丰元汇能项目, 创普斯项目; roads before
   等城市道路 keep their own head). Table: `data/project_lists.tsv`.
2. cue — a name written with 项目 (山钢新旧动能转换项目), cut on the left at a
   boundary word (`namespan`).
3. works — a work on a named place (…工程, …提升改造, …综合治理) whose name
   holds a place word (路, 河, 公园 …) after a proper part.
4. facilities — a facility with its own head (…中心, …医院, …公园) in a clause
   that builds or opens something.

Then what a list shares goes to its items (settled case 9): a head over 、 or 和
(雄商、济滨高铁; 阿旗罕山和宁城通用机场), the report's level (市博物馆、科技馆), a construction
work (市疾控中心、市急救中心迁建工程; 赤峰学院和市委党校扩建工程), the work an owner's project
names (金通铜业、赤峰云铜扩产能项目); and a phase or work written after a name joins it
(长春龙嘉机场三期扩建, 海悦城项目一期, 查干湖治理保护), a line's section is its alias
(呼南高铁襄阳段).

A name must have a proper part (`data/project_generic.txt`,
`data/project_facility_generic.txt`); a facility named by the report's own
level and its function (区中医医院改扩建项目) counts as named (docs/annotation.md,
Project). A list item that is a company is also an Enterprise; that is
decided in `enterprises.py`, which sees the items through `source="list"`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from . import tokens
from .document import Document, Mention
from .initiatives import is_physical_work
from .lexicon import load_forms, load_list, load_table
from .namespan import (
    Taken,
    clause_bounds,
    has_proper_part,
    is_name_char,
    items_before,
    joins_two,
    leading_boundary,
    name_before,
    run_start,
    split_items,
    strip_quotes,
    trim_first_item,
    word_regex,
    word_starts,
)

#: Generic words of project names; sectors (chains_national.tsv, kept by the
#: chain finder) only qualify a project and never name it (新材料项目).
GENERIC = ("project_generic.txt", "chains_national.tsv")
FACILITY_GENERIC = (*GENERIC, "project_facility_generic.txt")
_PAREN = re.compile(r"[(（][^()（）]{1,20}[)）]")
#: A parenthesis of one character is an inserted alternative (区县(市)长), never part of a name.
_SHORT_PAREN = re.compile(r"[(（][^()（）]?[)）]")
_COUNT = r"(?:[\d一二三四五六七八九十两]+\s*(?:个|条|处|所|座|家|项))"
#: An investment threshold that opens a list's category (…等投资过50亿元的工业项目, 等投资50亿元以上项目).
_AMOUNT = r"(?:总?投资(?:过|超过?|达)?[\d.]+\s*(?:万|亿)?元(?:以上)?的?)"


@cache
def _list_categories() -> list[tuple[re.Pattern[str], str, str]]:
    return [(re.compile(pattern), template, check) for pattern, template, check in load_table("project_lists.tsv")]


@cache
def _list_tails() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """How a list of projects ends after its items.

    The first pattern: 等 or a count, a short category (it may hold 、) and an
    optional count (…、X等13个工业转型升级、扩能改造项目). The second: a road
    category (the `road` rows of `project_lists.tsv`) straight after the items
    and a count (…、青松路县乡道路6条). The third finds every word that can
    close a list (to try the shortest category first).
    """
    facility_heads = [h for h, kind in load_table("project_heads.tsv") if kind == "facility"]
    heads = "|".join(map(re.escape, sorted({*load_list("project_list_heads.txt"), *facility_heads},
                                           key=len, reverse=True)))
    counted = re.compile(
        rf"(?:(?P<deng>等)\s*(?P<n1>{_COUNT}|一批)?|(?P<n0>{_COUNT}))\s*(?P<cat>(?!、){_AMOUNT}?(?:[^\W\d等]|[、“”]){{0,12}}?)"
        rf"(?P<head>{heads})\s*(?P<n2>{_COUNT})?"
    )
    road_cats = "|".join(pattern for pattern, _template, check in load_table("project_lists.tsv")
                         if check == "road" and not pattern.startswith(".*"))
    roads = re.compile(rf"(?P<cat>(?:{road_cats}))\s*(?P<n2>{_COUNT})")
    return counted, roads, re.compile(rf"(?=({heads}))")


@cache
def _heads() -> tuple[frozenset[str], dict[str, str]]:
    table = {head: kind for head, kind in load_table("project_heads.tsv")}
    return frozenset(table), table


@cache
def _head_blockers() -> dict[str, tuple[str, ...]]:
    rows = {head: tuple(following.split("|")) for head, following in load_table("project_head_blockers.tsv")}
    common = rows.get("*", ())
    return {head: (common if head == "*" else common + following) for head, following in rows.items()}


@cache
def _place_word() -> re.Pattern[str]:
    words = sorted(load_list("project_place_words.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _level_rules() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    rows = load_table("level_prefix.tsv")
    return {suffix: (tuple(prefixes.split("|")), tuple(blocked.split("|"))) for suffix, prefixes, blocked in rows}


def level_prefix(doc: Document, name: str) -> str | None:
    """The prefix of `name` that stands for the report's own level (区, 县级 …), or None."""
    region = doc.meta.region or ""
    rules = _level_rules().get(region[-1:]) if region else None
    if not rules:
        return None
    prefixes, blocked = rules
    for prefix in sorted(prefixes, key=len, reverse=True):
        if name.startswith(prefix) and len(name) > len(prefix) + 1 and not name.startswith(blocked, len(prefix)):
            return prefix
    return None


_QUOTED_OPENING = re.compile("“[^“”]{2,10}”")


def _quoted_modifier(name: str, head: str) -> bool:
    """True when a quoted coinage opens `name` and a noun of the work's own stands between it and the head
    (“低碳”余热清洁供暖二期项目, “吉电入京”特高压输电通道). A whole quote is a coinage (“一区三中心”) and a
    quote before a bare head or an action (“断头路”打通工程, “名校名院名所”建设工程) titles a programme:
    the Initiative finder reads both."""
    m = _QUOTED_OPENING.match(name)
    between = name[m.end() : len(name) - len(head)] if m and name.endswith(head) else ""
    if len(between) < 2 or "“" in between:
        return False
    words = tokens.cut(between)
    return tokens.tag(words[0]) != "v" and not (len(words) == 1 and tokens.tag(words[0]) == "vn")


#: A construction undertaking named for a national institution (settled case 8): a phase, an extension, a new
#: site or a building project (国家超算西安中心二期项目, …实验室新园区建设项目).
_BUILDING_WORK = re.compile("[一二三四五六七八九十]+期|改扩建|扩建|迁建|新园区|新院区|新校区|建设项目|建设工程")


#: A count inside a name: what it names is a number of projects.
_COUNTED = re.compile(
    r"[\d一二三四五六七八九十两百千首]+\s*(?:个|座|家|批|项|所|条|件)(?![\u4e00-\u9fff]{0,2}(?:路|街|村|镇))"
)


def is_named(doc: Document, name: str, facility: bool = False) -> bool:
    """True when a project name has a proper part, or is the report's level plus a function.

    A name ending like an institution or a title (…实验室, …创新中心, …金融中心) is none.
    """
    plain = _PAREN.sub("", strip_quotes(name))
    if plain.endswith(load_list("project_institutions.txt")):
        return False  # an institution or a title, not an undertaking (settled cases 6 and 8)
    if "国家" in plain and not _BUILDING_WORK.search(plain):
        return False  # 国家技术转移西南中心, 国家级非遗项目: a national institution, title or category (cases 6, 8)
    if _COUNTED.search(plain):
        return False  # 14个采选项目, 5个百亿级…项目: a kind of project counted, not one named
    if re.search(r"第[\d一二三四五六七八九十百]+届", plain) and not is_physical_work(tokens.cut(plain)):
        return False  # 第15届全国运动会上冬夏项目: the events of a games (events are none); 第十四届冬运会主场馆 stays
    if tokens.tag(plain) == "v":
        return False  # 参股、建成等项目: one verb names an activity, no project
    lists = FACILITY_GENERIC if facility else GENERIC
    if has_proper_part(plain, lists):
        return True
    if re.match(r"^[区县市]?第[一二三四五六七八九十\d]+(?!项目)[\u4e00-\u9fff]{2}", plain):
        return True  # 第三水厂, 区第二水厂: an ordinal picks out one facility
    prefix = level_prefix(doc, plain)
    if prefix is not None and prefix.endswith("级") and not ends_in_head(plain):
        return False  # 市级重点项目: a level of projects, not a facility of the report's level
    return prefix is not None and len(plain) - len(prefix) >= 2


def _taken(spans: Taken, start: int, end: int) -> bool:
    return spans.overlaps(start, end)


def _add(doc: Document, spans: Taken, start: int, end: int, name: str,
         source: str, aliases: tuple[str, ...] = ()) -> None:
    name = strip_quotes(name)
    surface = strip_quotes(doc.text[start:end])
    extra = tuple(a for a in {surface, *aliases} if a and a != name)
    doc.mentions.append(Mention("Project", name, start, end, source=source, aliases=extra))
    spans.add(start, end)


def _area_words(head: str) -> tuple[str, ...]:
    """Words that, right before `head`, make it an area or an economic market rather than a facility."""
    return _area_word_lists(head.endswith("市场"))


@cache
def _area_word_lists(market: bool) -> tuple[str, ...]:
    words = load_list("project_area_words.txt")
    return words + load_list("project_market_words.txt") if market else words


def _category_template(cat: str) -> tuple[str, str] | None:
    """(naming template, item check) of a list category, from `project_lists.tsv`.

    A category that ends in a facility head and is no name itself
    (5处社区服务中心, 等产业研究院) names each item with the category appended.
    """
    for pattern, template, check in _list_categories():
        m = pattern.fullmatch(cat)
        if m:
            return template.replace("{work}", m.groupdict().get("work") or ""), check
    _, table = _heads()
    areas = _area_words(cat)
    if any(cat.endswith(h) and not cat[: -len(h)].endswith(areas) for h, kind in table.items()
           if kind == "facility") and not has_proper_part(cat, FACILITY_GENERIC):
        # a rank or scope before the category is the list's, not each item's (大王山等重大片区 → 大王山片区)
        return "{item}" + re.sub("^(?:重大|重点|城市)(?=..)", "", cat), "named"
    return None


def _shortest_category(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The template of the shortest category in text[start:end] that has one.

    等城市道路提质改造: 城市道路 (roads) wins over 城市道路提质改造 (no template). A head inside a
    longer word closes no category: a blocker of `project_head_blockers.tsv` that jieba reads as one word
    with it (市场 in 等市场主体, 等市场化交易; not 片区 in 等片区城市更新).
    """
    heads = _list_tails()[2]
    blockers = _head_blockers()
    for h in heads.finditer(text, start, end):
        head_end = h.start() + len(h.group(1))
        if text.startswith(blockers.get(h.group(1), blockers["*"]), head_end) and not tokens.ends_word(text, head_end):
            continue
        found = _category_template(text[start : h.start() + len(h.group(1))])
        if found is not None:
            return found
    return None


def _item_name(template: str, item: str) -> tuple[str, tuple[str, ...]]:
    """Canonical name and aliases of one list item under a category template.

    An item that already ends in a head word of its own keeps it (青松岭公园等公园游园).
    """
    plain = _PAREN.sub("", item)
    suffix = template.replace("{item}", "")
    own_head = suffix != "项目" and any(plain.endswith(h) for h in _heads()[1])
    name = plain if not suffix or plain.endswith(suffix) or own_head else plain + suffix
    aliases = tuple(a for a in {item, plain} if a != name)
    return name, aliases


def _split_first(doc: Document, items: list[tuple[int, int]], floor: int) -> list[tuple[int, int]]:
    """Cut the first item of a list on the left to a named facility; drop it when no name is left."""
    return trim_first_item(doc.text, items, lambda n: is_named(doc, n, facility=True), floor=floor, extra="()")


@cache
def _road() -> re.Pattern[str]:
    words: dict[str, list[str]] = {"head": [], "part": []}
    for kind, word in load_table("road_words.tsv"):
        words[kind].append(re.escape(word))
    heads, parts = ("|".join(sorted(words[k], key=len, reverse=True)) for k in ("head", "part"))
    return re.compile(rf"[\w·]{{2,12}}(?:{heads})(?:{parts})?(?:\(.*\))?")


def road_item(item: str) -> bool:
    """A road named by its own words (和顺路, 中山大街东延, S101青云线): a road head after two characters."""
    return bool(_road().fullmatch(item))


#: A bare ordinal or direction as a list item (第三、第四棚改配套幼儿园; 东、西污水处理厂).
_BARE_MARK = re.compile("第[一二三四五六七八九十百0-9]+|[东西南北]")


def _with_next_part(item: str, following: str) -> str:
    """A bare ordinal or direction takes the rest of the next item, which opens with a mark of its kind
    (settled case 9: 第三、第四棚改配套幼儿园 → 第三棚改配套幼儿园; 东、西污水处理厂 → 东污水处理厂)."""
    if not _BARE_MARK.fullmatch(item):
        return item
    mark = _BARE_MARK.match(following)
    if mark is None or (len(item) == 1) != (len(mark.group()) == 1) or mark.end() == len(following):
        return item
    return item + following[mark.end():]


#: Tags of single characters that are materials or parts in a list of products to attract (铜|杆, 铝|电池|箔),
#: not a brand's characters.
_MATERIAL_CHARS = frozenset({"n", "q"})


def _verb_lead(item: str) -> int:
    """Length of the verb that opens a list item and governs two characters or more (迁建|市第三医院);
    0 when none does (建设巷 is a street)."""
    lead = leading_boundary(item)
    return lead if len(item) - lead >= 2 else 0


def _work_after_verb(doc: Document, rest: str) -> bool:
    """True when what follows a list item's verb names a work: a head of its own, and for an action
    head a place too (迁建|市第三医院, 改造提升|玉山路西延; not 加强|雾霾治理, 提升|饮用水质量)."""
    return ends_in_head(rest) and (not _ACTION_HEAD.search(rest) or _has_place(doc, rest))


def find_lists(doc: Document, spans: Taken) -> None:
    """Items of enumerations closed by 等 or a count and a project category."""
    text = doc.text
    fields = {(m.start, m.end) for m in doc.mentions if m.type == "IndustrialChain"}
    places = {(m.start, m.end) for m in doc.mentions if m.type == "Region"}
    region_ends = {e for _, e in places}
    known = load_forms("enterprises_national.tsv", 1)  # nationally known companies (settled case 16)
    counted, roads, _ = _list_tails()
    tails = [(m, True) for m in counted.finditer(text)] + [(m, False) for m in roads.finditer(text)]
    # a quoted category names the items' programme (等“六微”工程) unless a count comes first (等一批“…”项目)
    tails = [(m, c) for m, c in tails if m.group("cat") is not None
             and not ("“" in m.group("cat") and not (m.groupdict().get("n1") or m.groupdict().get("n0")))]
    for m, has_deng_group in sorted(tails, key=lambda t: t[0].start()):
        end = m.start()
        if end == 0 or not (is_name_char(text[end - 1]) or text[end - 1] in "”\"」)"):
            continue
        if re.match("(?:在(?!建)|对|向|把|将|从|于)", text[m.start("cat") : m.start("cat") + 2]):
            continue  # 国投集团等在重大片区建设: a preposition after 等 opens a phrase, no category (在建 does not)
        window = re.match(r"[^，,。；;：:！？!?\n]{0,16}", text[m.start("cat") :]).group()
        found = _shortest_category(text, m.start("cat"), m.start("cat") + len(window))
        if found is None:
            continue
        template, check = found
        deng = has_deng_group and bool(m.group("deng"))
        floor = spans.floor(end)
        start = run_start(text, end, floor=floor, max_len=150, extra="、“”\"()")
        items = split_items(text, start, end)
        if not items or (not deng and len(items) < 2):
            continue  # a count straight after one word is a quantity (改造5所幼儿园), not a list
        count = m.groupdict().get("n0") or m.groupdict().get("n1") or ""
        cities = count.endswith("个") and re.match("城市|县|市|区", m.group("cat"))
        if cities and all(e in region_ends for _, e in items):
            continue  # 长春、白山2个城市国家公立医院…项目: places counted as cities, no facilities named
        # the opener stands before the list or opens its first item (同步引进电解铜箔、…; 一批大型…、…)
        prospect = any(w in text[max(0, start - 4) : items[0][1]] for w in load_list("project_prospect_openers.txt"))
        kept = _split_first(doc, items, floor)
        if template == "{item}" and check == "named" and any(text[a:b] in known for a, b in kept):
            # 京能、中电建等6个防沙治沙和风电光伏一体化工程: companies before a named work category each own
            # one such work (settled case 10), named with the category less its count and rank
            cat_end = m.end("head" if "head" in m.re.groupindex else "cat")  # a road tail has no head group
            work = re.sub("^(?:重点|重大)", "", text[m.start("cat") : cat_end])
            for a, b in kept:
                if not _taken(spans, a, b):
                    _add(doc, spans, a, b, strip_quotes(text[a:b]) + work, "list", (strip_quotes(text[a:b]),))
            continue
        leads = [_verb_lead(text[s:e]) for s, e in kept]
        # items after the first that open with a verb and name no work: the list describes tasks
        tasks = any(lead and not _work_after_verb(doc, text[s + lead : e])
                    for (s, e), lead in zip(kept[1:], leads[1:], strict=True))
        for k, ((s, e), lead) in enumerate(zip(kept, leads, strict=True)):
            if (lead or (k == 0 and tasks)) and not _work_after_verb(doc, text[s + lead : e]):
                continue  # 加强雾霾治理、提升饮用水质量等…项目: a task described by its verb names no project
            s += lead  # 新建、迁建市第三医院等: the verb is the item's work, the facility its name
            following = strip_quotes(text[kept[k + 1][0] : kept[k + 1][1]]) if k + 1 < len(kept) else ""
            item = _with_next_part(strip_quotes(text[s:e]), following)
            # (the first item is read with what the cut left of it: 引进华为鲲鹏生态基地 keeps its owner)
            whole = text[items[0][0] : e] if e == items[0][1] else item
            if prospect and not tokens.has_proper_word(_PAREN.sub("", strip_quotes(whole)), _MATERIAL_CHARS):
                continue  # 引进电解铜箔、铜杆等加工项目: kinds of projects still to attract, no names
            if not 2 <= len(item) <= 30 or "等" in item or _taken(spans, s, e):
                continue  # an item holding 等 closes a list of its own (A—B等核心商圈和C)
            if (s, e) in places and template in ("{item}", "{item}项目"):
                continue  # 临安、淳安、富阳等抽水蓄能项目: places where projects of a kind are, no names
                # (a facility category names one in each place: 岳麓、开福等污水处理厂)
            if (s, e) in fields and not tokens.has_proper_word(item):
                continue  # 化工新材料、专用化学品等项目: a sector as the projects' field (settled case 12)
            ok = road_item(item) if check == "road" else is_named(doc, item, facility=True)
            if ok and template == "{item}" and item.endswith(load_list("project_natural_features.txt")):
                ok = False  # a bare mountain or river in a list whose category adds no head is a place, no work
            if ok and check == "named" and template == "{item}" and "工程" in window:
                # 精准灭荒、鄂北生态防护等重点工程: only a physical work or a facility is a Project there;
                # the others are programmes (the initiative finder names them with the head)
                ok = is_physical_work(tokens.cut(item)) or ends_in_head(item)
            if ok:
                name, aliases = _item_name(template, item)
                _add(doc, spans, s, e, name, "list", aliases)


#: The end of a list just before a name: 等, an optional count and quote marks (…等5个“…”项目).
_AFTER_DENG = re.compile(rf"等\s*{_COUNT}?\s*[“\"]?$")


def _boundary_inside(text: str) -> bool:
    return bool(word_regex("span_boundaries.txt").search(text))


def find_cued(doc: Document, spans: Taken) -> None:
    """Names written with 项目, cut on the left at a boundary word.

    A、B项目 and A和B项目 (no 等) give one project per item, when every item
    is a name of its own.
    """
    text = doc.text
    blockers = tuple(load_list("project_cue_blockers.txt"))
    for m in re.finditer("项目", text):
        end = m.start()
        if _taken(spans, end - 1, m.end()) or text.endswith(blockers, 0, end):
            continue
        if re.match(_COUNT + r"(?!月|小时|天)", text[m.end() :]):
            continue  # 招才引智项目48个: a kind of project counted, not one named (4个月 is a time)
        if re.match(r"[\d一二三四五六七八九十两]", text[end - 1 : end]) and text.startswith("标", m.end()):
            continue  # 六项目标: a count of goals (六项 目标), no 项目
        floor = spans.floor(end)
        start = name_before(text, end, lambda n: len(n.split("、")[-1]) >= 2 and not _SHORT_PAREN.search(n)
                            and is_named(doc, n, facility=True),
                            floor=floor, max_len=40, extra="、()")
        if start is None:
            continue
        items = split_items(text, start, end)
        if len(items) > 1 and all(
            is_named(doc, text[s:e]) and not _boundary_inside(text[s:e]) for s, e in items[1:]
        ) and is_named(doc, text[items[0][0]:items[0][1]]):
            owners = all(tokens.has_proper_word(text[s:e]) for s, e in items[:-1])
            work = _shared_work(text[items[-1][0] : items[-1][1]], items[-2][1] - items[-2][0]) if owners else ""
            for s, e in items:
                item = strip_quotes(text[s:e])
                _add(doc, spans, s, e, item + ("" if item.endswith(work) else work) + "项目", "cue", (item,))
            continue
        s, _ = items[-1] if items else (start, end)
        if len(text[s:end]) < 3 or not is_named(doc, text[s:end]):
            continue
        if joins_two(text[s:end]) and not all(is_named(doc, part) for part in re.split("[和与]", text[s:end])):
            continue  # 百亿产值企业和百亿产业项目: two kinds joined, neither named
        if _AFTER_DENG.search(text, max(0, s - 8), s):
            continue  # 宏福农业、飞鹤乳业等现代农牧业项目: after 等 it is the list's category, not a name
        _add(doc, spans, s, m.end(), text[s:m.end()], "cue")
        # A和B项目: the item before 和 is a project of its own, with the work B names after its owner
        if s >= 2 and text[s - 1] == "和":
            prev = name_before(text, s - 1, lambda n: len(n) >= 3 and is_named(doc, n), floor=floor)
            if prev is None and text[s - 4 : s - 3] != "、" and tokens.aligned(text, s - 3, s - 1):
                # two owners only, the first of two characters (华泰和中克骆瑞…项目)
                prev = name_before(text, s - 1, lambda n: len(n) == 2 and tokens.has_proper_word(n)
                                   and is_named(doc, n), floor=floor)
            if prev is not None and not _taken(spans, prev, s - 1):
                item = text[prev : s - 1]
                work = _shared_work(text[s:end], s - 1 - prev, longest=tokens.has_proper_word(item)
                                    and s - 1 - prev <= 4)
                if len(item + work) >= 3:
                    _add(doc, spans, prev, s - 1, item + work + "项目", "cue", (item,))


#: jieba tags of words no shared work holds: unknown words, proper names and numbers.
_NO_WORK_TAGS = frozenset({"", *tokens.NAME_TAGS, "m", "q", "mq"})


def _shared_work(last: str, before: int, longest: bool = False) -> str:
    """The work that the last item of a list of projects shares with the items before it: its common
    words after its owner (金通铜业、赤峰云铜扩产能项目 → 扩产能). The owner is as long as the item before
    (`before`); with `longest`, for two owners joined by 和, the longest common tail after a proper word
    (东风和中克骆瑞电驱动系统项目 → 电驱动系统)."""
    words = tokens.cut(last)
    tails = []
    for k in range(len(words) - 1, 0, -1):
        if tokens.tag(words[k]) in _NO_WORK_TAGS:
            break
        tails.append("".join(words[k:]))
    owned = [t for t in tails if len(last) - len(t) >= 2 and tokens.has_proper_word(last[: -len(t)])]
    same = [t for t in owned if len(last) - len(t) == before]
    return same[0] if same else (owned[-1] if owned and longest else "")


def ends_in_head(item: str) -> bool:
    """True when an item ends in a head word of its own (县第二水厂, 杭州至安吉城际铁路)."""
    heads, _ = _heads()
    return any(item.endswith(h) for h in heads)


def _has_place(doc: Document, name: str) -> bool:
    """Every 、-item holds a place word (路, 河, 公园 …), one after a proper part (not a bare 道路).

    The report's own level counts as the proper part (县人民医院新院区工程).
    """
    items = name.split("、")
    if len(items) == 1 and ((_physical_name(name) and _place_name(name)) or _natural_place(name)):
        return True
    if not all(_place_word().search(item) for item in items):
        return False
    for item in items:
        for m in _place_word().finditer(item):
            before = item[: m.start()]
            prefix = level_prefix(doc, item)
            if has_proper_part(before, FACILITY_GENERIC) or (prefix and before.startswith(prefix)):
                return True
    return False


def _place_name(name: str) -> bool:
    """True when a word of the name is a place name in jieba's dictionary (嫩江, 两江): a work on a named place."""
    return any(tokens.tag(w) == "ns" and has_proper_part(w, FACILITY_GENERIC) for w in tokens.cut(name))


def _natural_place(name: str) -> bool:
    """True when a structure's name opens with a named river, lake or mountain (汉江新集枢纽).

    Actions on one (巢湖综合治理, 锦江水生态治理) are often campaigns; only structures count here.
    """
    words = tokens.cut(name)
    return (len(words) > 2 and not _ACTION_HEAD.search(name) and not name.endswith("工程")
            and tokens.tag(words[0]) == "ns" and len(words[0]) >= 2
            and words[0].endswith(load_list("project_natural_features.txt")))


def _physical_name(name: str) -> bool:
    """True when a …工程 names a physical work (供水, 输变电, 二期) and crosses no verb phrase or title.

    Programmes named 工程 (中华文明探源工程, 山海协作工程) name no physical work: they are Initiatives.
    """
    return (name.endswith("工程") and not _boundary_inside(name) and not _TITLE.search(name)
            and is_physical_work(tokens.cut(name[:-2])))


#: Works heads that name an action on a place (改造, 治理, 工程), which several places may share
#: (A路、B路改造工程); a line or a structure (高速, 铁路, 大桥, 水库) is one place's own.
_ACTION_HEAD = re.compile("(?:工程|改造|提升|治理|改建|延|贯通|修复)$")
#: How far a work has got, right before a works head that is then its state (隧道全线贯通, 外环基本贯通);
#: jieba glues the two (全线贯通), so the left-edge cutter cannot cut there.
_STATUS = re.compile("(?:全线|基本|全面|顺利|如期|提前|实现|双向|正式)$")
#: Scope words of a title or a goal, never of a work's name (全国性综合交通枢纽, 世界级城市群).
_TITLE = re.compile("全国|国际|世界")


def _level_and_head(doc: Document, head_start: int, head_end: int, valid: Callable[[str], bool],
                    floor: int) -> int | None:
    """Start of a name that is the report's level and a head alone (市图书馆 in a city report), or None.

    The level character must not end a word with the characters before it (建成区污水处理厂).
    """
    start = head_start - 1
    if start < floor or _ends_a_word(doc.text, start):
        return None
    name = doc.text[start:head_end]
    if level_prefix(doc, name) is None or not valid(name):
        return None
    return start


def _ends_a_word(text: str, pos: int) -> bool:
    """True when the character at `pos` ends a dictionary word with the one or two before it (建成区, 城区)."""
    return any(pos >= k and tokens.tag(text[pos - k : pos + 1]) for k in (1, 2))


def find_heads(doc: Document, spans: Taken) -> None:
    """Works and facilities named with their own head word (the longest candidate wins)."""
    text = doc.text
    heads, table = _heads()
    verbs = word_regex("project_verbs.txt")
    blockers = _head_blockers()
    parks = [(m.start, m.end) for m in doc.mentions if m.type == "Park"]
    found: list[tuple[int, int, str]] = []
    for head_start, head in word_starts(text, heads):
        head_end = head_start + len(head)
        kind = table[head]
        if _taken(spans, head_start, head_end) or text.startswith(blockers.get(head, blockers["*"]), head_end):
            continue
        floor = spans.floor(head_start)

        def valid(n: str, kind: str = kind, head: str = head) -> bool:
            if "等" in n or re.search(r"[\d一二三四五六七八九十两]+(?:个|条|处|所|座|家|大|栋|幢|户|套|公里|亩)", n):
                return False
            if ("“" in n or "”" in n) and not _quoted_modifier(n, head):
                return False  # a quote only opens a name, as its coined part before the head (“吉电入京”特高压输电通道)
            if kind == "works":
                # 曹家镇污水处理厂、县第二水厂扩建工程, 绕城高速西复线、千黄高速, 天府国际机场和机场高速: an
                # item with a head of its own, or with the list's head, is a work of its own
                joins = "[、和与]" if not _SHARED_TAIL.search(n) else "、"  # A和B扩建工程: each takes the work
                if any(ends_in_head(item) or head in item for item in re.split(joins, n)[:-1]):
                    return False
                if "、" in n and not _ACTION_HEAD.search(head):
                    return False  # 上海路、绕城高速: a line or structure (高速, 大桥) is one item's own
                if re.search("工程|项目", n[: len(n) - len(head)]) or _STATUS.search(n, 0, len(n) - len(head)):
                    return False  # 中环路改造工程全线贯通, 引水隧道全线贯通: what follows a name is its progress
                return _has_place(doc, n) and is_named(doc, n, facility=True)
            return not joins_two(n) and is_named(doc, n, facility=True)

        if head.endswith(("中心", "市场", "区")) and text.endswith(_area_words(head), 0, head_start):
            continue  # 深圳东部中心, 南部片区, 消费市场: a planning area or an economic market
        # a work may be named after several roads (A路、B路改造工程); when that list is refused, its last
        # item may still be a work of its own (建设A公园、B二期工程)
        start = None
        extras = ("、《》", "《》") if kind == "works" else ("《》",)
        if "”" in text[max(0, head_start - 16) : head_start]:  # a quoted coinage may open the name
            extras = (extras[0] + "“”", *extras)
        for extra in extras:
            start = name_before(text, head_end, valid, floor=floor, max_len=30, min_len=len(head) + 2, extra=extra)
            if start is None:
                start = _level_and_head(doc, head_start, head_end, valid, floor)
            if start is not None:
                break
        if start is None or start >= head_start or (start > 0 and text[start - 1] in "等“”\""):
            continue  # after 等 it is a list's category; in quotes a coinage; after one it goes on (“米”字型高铁)
        if any(s < start < e for s, e in parks):
            continue  # a name never starts inside a park's name (自由贸易试验区济南片区)
        if re.match(_COUNT + r"(?!月|小时|天)", text[head_end:]):
            continue  # 家庭教育服务站9处: a kind of facility counted, not one named
        c_start, c_end = clause_bounds(text, head_start)
        if kind == "facility" and not verbs.search(text[c_start:c_end]):
            continue
        found.append((start, head_end, kind))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    for start, end, kind in found:
        if not _taken(spans, start, end):
            _add(doc, spans, start, end, text[start:end], kind)


#: A phase or a construction work written after a project's name, which it names with it
#: (市急救中心迁建工程, 长春龙嘉机场三期扩建, 县医院二期工程).
_WORK_TAIL = re.compile(r"(?:[一二三四五六七八九十]+期)?(?:改扩建|迁建|扩建|续建|改建)?(?:工程|项目)?")
#: What a named work or project goes on with after its own head: a phase after 项目 (海悦城项目一期), the
#: second half of a paired work (查干湖治理保护, 舜泉景观改造提升, 大汶河综合治理与生态修复) and the
#: network of a line's kind (“四纵三横”高速公路网) belong to its name; a section of a line (呼南高铁襄阳段,
#: 南北轴线南延段: a place of two or three characters and 段) is the line's local part, an alias of it.
_MORE_TAIL = re.compile(r"(?<=项目|工程)[一二三四五六七八九十]+期"
                        r"|(?<=治理|改造|整治)(?:保护|提升|[与和及]生态修复)(?!工程|项目)"
                        r"|(?<=公路|铁路|速路|高速)网(?![络点站格民])"
                        r"|(?P<section>(?<=[线路铁速道延])(?:[\u4e00-\u9fff]{2,3})?段)")
#: A construction work that ends a list's last item and is shared by the items before it
#: (市疾控中心、市儿童医院迁建工程); a bare phase or head is no shared work (A公园、B二期工程).
_SHARED_TAIL = re.compile(r"(?:[一二三四五六七八九十]+期)?(?:改扩建|迁建|扩建|续建|改建)(?:工程|项目)?$")
#: What joins two items of one list of projects.
_JOIN = ("、", "和", "及", "与")


def extend_tails(doc: Document) -> None:
    """A project followed by its phase or construction work is named with it; the facilities listed
    before a project ending in a construction work share it (settled case 9: one head shared), found
    or not (市民中心、赤峰学院和市委党校扩建工程 → three works). A work listed there is one of its own
    (杭州至安吉城际铁路、G235国道安吉段改建工程).
    """
    text = doc.text
    found = sorted((m for m in doc.mentions if m.type == "Project"), key=lambda m: m.start)
    by_end = {m.end: m for m in found}
    for m in found:
        tail = _WORK_TAIL.match(text, m.end).group()
        if tail and tokens.aligned(text, m.start, m.end + len(tail)) and not re.search("项目|工程", m.name):
            _with_tail(doc, m, tail)
        more = _MORE_TAIL.match(text, m.end) if text[m.end - 2 : m.end] == m.name[-2:] else None
        if more and more.group("section") and tokens.aligned(text, m.start, more.end() - 1):
            m.aliases = tuple({*m.aliases, m.name + more.group()})  # 段 may glue to what follows (段落地)
        elif more and not more.group("section") and tokens.aligned(text, m.start, more.end()):
            _with_tail(doc, m, more.group())
        shared = _SHARED_TAIL.search(m.name)
        if not shared:
            continue
        first = _split_joined(doc, m, shared.group())
        item = by_end.get(first - 1) if text[first - 1 : first] in _JOIN else None
        while item is not None and item.source == "facility" and not _SHARED_TAIL.search(item.name):
            _with_tail(doc, item, shared.group())
            first = item.start
            item = by_end.get(item.start - 1) if text[item.start - 1 : item.start] in _JOIN else None
        if item is None and text[first - 1 : first] == "、":
            for start, end in reversed(items_before(text, first - 1)[-3:]):  # a few facilities at most
                name = text[start:end]
                if text[end] not in _JOIN or not _is_facility_item(doc, name) or by_end.get(end):
                    break
                doc.mentions.append(Mention("Project", name + shared.group(), start, end, source="facility",
                                            aliases=(name,)))


def _holds_verb(name: str) -> bool:
    """True when a jieba word of `name` is a verb (形成, 完成): a phrase, no list item naming a facility."""
    return any(tokens.tag(w).startswith("v") for w in tokens.cut(name))


def _is_facility_item(doc: Document, name: str) -> bool:
    """A list item that names a facility on its own: a name with a facility's ending (赤峰学院, 市民中心)."""
    return bool(_OWN_NOUN.search(name) or ends_in_head(name)) and is_named(doc, name, facility=True) \
        and not _holds_verb(name)


def _split_joined(doc: Document, m: Mention, tail: str) -> int:
    """Split a work on two facilities joined by 和/及/与 (赤峰学院和市委党校扩建工程) into one work each;
    the start of the first."""
    own = m.name[: -len(tail)]
    parts = re.split("[和及与]", own)
    if len(parts) != 2 or not all(_is_facility_item(doc, p) for p in parts) or not doc.text.startswith(own, m.start):
        return m.start
    first = Mention("Project", parts[0] + tail, m.start, m.start + len(parts[0]), source=m.source,
                    aliases=(parts[0],))
    m.aliases = tuple({*m.aliases, parts[1]} - {m.name})
    m.name, m.start = parts[1] + tail, m.start + len(parts[0]) + 1
    doc.mentions.append(first)
    return first.start


def _with_tail(doc: Document, m: Mention, tail: str) -> None:
    """Name `m` with `tail`; its span takes the tail where the text has it right after."""
    surface = doc.text[m.start : m.end]
    m.aliases = tuple(a for a in {*m.aliases, m.name, surface} if a and a != m.name + tail)
    m.name += tail
    if doc.text.startswith(tail, m.end):
        m.end += len(tail)


#: The end of a noun that is a facility or a place of its own (剧院, 博物院, 领事馆, 成洛路, 长沙市一中).
_OWN_NOUN = re.compile("(?:[院馆站场厂园校所城港库桥路道街巷段区线期学湾]|[一二三四五六七八九十]中)$")


def _own_and_shared(name: str) -> tuple[str, str]:
    """A facility's name split where the part a list shares begins: its head word and the common
    words of two characters or more before it (宁城|通用机场, 济滨|高铁, 东山|增量配电网); the whole name
    and "" without a head."""
    head = max((h for h in _heads()[0] if name.endswith(h)), key=len, default="")
    if not head:
        return name, ""
    words = tokens.cut(name[: -len(head)])
    k = len(words)
    while k and len(words[k - 1]) > 1 and (words[k - 1].isdigit() or not tokens.has_proper_word(words[k - 1])):
        k -= 1
    own = "".join(words[:k])
    return own, name[len(own) :]


def _without_place(regions: list[tuple[int, int]], start: int, end: int) -> int:
    """Length of text[start:end] without the region mention that opens it (阿旗|罕山 → 2)."""
    return end - max((e for s, e in regions if s == start and e < end), default=start)


def share_head(doc: Document, spans: Taken) -> None:
    """Items listed right before a facility or work share its head (settled case 9): 雄商、济滨高铁 →
    雄商高铁, 济滨高铁; 东、西污水处理厂 → 东污水处理厂; 阿旗罕山和宁城通用机场 → 阿旗罕山通用机场.
    Items are taken while they are about as long as the last item's own part (one character more or
    less: 莫莫格、哈泥保护区…), a county that opens either not counted, which keeps a list of different
    things (A公园、B路改造工程) from borrowing the head."""
    text = doc.text
    regions = [(r.start, r.end) for r in doc.mentions if r.type == "Region"]
    for m in [m for m in doc.mentions if m.type == "Project" and m.source in ("facility", "works")]:
        if text[m.start - 1 : m.start] not in _JOIN:
            continue
        own, shared = _own_and_shared(m.name)
        if not shared or not m.name.startswith(own):
            continue
        own_len = _without_place(regions, m.start, m.start + len(own))
        items = items_before(text, m.start - 1)  # the 、-list before the last item, whose head is shared
        for i, (start, end) in enumerate(reversed(items)):
            if text[end] not in _JOIN or (i < len(items) - 1 and text[start - 1 : start] != "、"):
                break  # a quoted item (“三馆一厅”、…) is a name of its own, no item sharing the head
            if i == len(items) - 1:  # the list's first item still holds its verb (加快|雄商)
                start = name_before(text, end, lambda n: True, floor=start, max_len=end - start, min_len=1) or end
            item = text[start:end]
            if not item or abs(_without_place(regions, start, end) - own_len) > 1 or ends_in_head(item) \
                    or _taken(spans, start, end) or _OWN_NOUN.search(item) or "等" in item:
                break  # 剧院、博物馆: an item that is a facility of its own takes no head
            if _holds_verb(item) or any(s <= start and end <= e for s, e in regions):
                break  # 形成、完成: a verb; 成都、重庆: a place is the list's owner, not an item
            if len(item) > 1 and (not has_proper_part(item, FACILITY_GENERIC) or not tokens.has_proper_word(item)
                                  or item.startswith(("及", "和", "与"))):
                break  # 门诊、小镇: a common noun names no facility (a single character is a direction: 东、西)
            _add(doc, spans, start, end, item + shared, m.source, (item,))


def share_level(doc: Document, spans: Taken) -> None:
    """Bare facilities listed after one named by the report's level share that level (settled case 9):
    市博物馆、科技馆、文化艺术中心 → 市科技馆, 市文化艺术中心; 市图书馆和档案馆 → 市档案馆."""
    text = doc.text
    projects = sorted((m for m in doc.mentions if m.type == "Project"), key=lambda m: m.start)
    at = {m.start: m for m in projects}
    for m in projects:
        prefix = level_prefix(doc, m.name)
        if prefix is None or prefix.endswith("级") or not m.name.startswith(prefix):
            continue
        pos = m.end
        while pos < len(text) and text[pos] in _JOIN:
            run_end = pos + 1
            while run_end < len(text) and is_name_char(text[run_end]) and text[run_end] not in _JOIN:
                run_end += 1
            end = next((k for k in range(pos + 3, run_end + 1) if ends_in_head(text[pos + 1 : k])), None)
            item = text[pos + 1 : end] if end else ""
            if not item or re.search("[区县市旗镇乡]", item):
                break  # no facility, or one with a place of its own (开发区实验中学)
            found = at.get(pos + 1)
            if found is not None and found.end == end:
                if tokens.has_proper_word(item):
                    break  # 弘爱医院, 望城水厂: a facility with a name of its own ends the shared level
                found.aliases, found.name = tuple({*found.aliases, found.name}), prefix + found.name
            elif has_proper_part(item, FACILITY_GENERIC) or _taken(spans, pos + 1, end):
                break  # a facility with a name of its own is the head finder's
            else:
                _add(doc, spans, pos + 1, end, prefix + item, "facility", (item,))
            pos = end


def find_projects(doc: Document) -> Document:
    """Pipeline component: list items, 项目 cues, named works and facilities, then what a list shares
    (a head, the report's level) and the work tails."""
    spans = Taken()
    find_lists(doc, spans)
    find_cued(doc, spans)
    find_heads(doc, spans)
    share_head(doc, spans)
    share_level(doc, spans)
    extend_tails(doc)
    return doc
