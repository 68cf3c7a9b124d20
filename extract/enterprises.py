"""Enterprises (企业): named companies, groups, banks and commercial bodies.

Four ways a company is found (docs/annotation.md, Enterprise):

1. by its suffix (`data/enterprise_suffixes.tsv`): 王晁煤电集团, 齐鲁银行 (strong
   suffixes) or 青峰石油, 瑞康药业 (weak ones, which are also sector words:
   the name needs a short brand and an enterprise verb or punctuation after
   it, so 发展新材料 is no company);
2. as an item of a list closed by a company category (锦川化工、万瑞高科等16家企业);
3. beside a company in a short list governed by a company verb
   (依托远洋空分、巨丰能源);
4. as a company standing on its own in a project list (丰元汇能、创普斯等11个
   锂电项目): the project finder marks list items (`source="list"`); an item
   that reads as a company (a suffix, or a short brand without product,
   sector or place words) is also an Enterprise, marked standalone so the
   nesting rule keeps it.

Not companies: government bodies, universities, institutes, hospitals, schools
(`data/enterprise_exclusions.txt`) and generic kinds (平台公司, 知名教育集团).

A company followed by a building verb and a project (王晁煤电集团新布局电池隔膜
项目) owns it: the project is named with the company in front (docs/annotation.md,
Project), which also gives the UNDERTAKES relation.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from . import divisions, tokens
from .chains import develop_before, in_other_list, in_sector_list
from .document import Document, Mention
from .lexicon import NameMatcher, load_forms, load_list, load_set, load_table
from .namespan import (
    Taken,
    count_value,
    has_proper_part,
    is_name_char,
    list_words,
    name_before,
    proper_part,
    run_start,
    split_items,
    strip_quotes,
    trim_first_item,
    word_starts,
)
from .projects import ends_in_head, road_item

GENERIC = ("enterprise_generic.txt", "chains_national.tsv")


@cache
def _suffixes() -> tuple[frozenset[str], dict[str, str]]:
    table = {suffix: strength for suffix, strength in load_table("enterprise_suffixes.tsv")}
    return frozenset(table), table


@cache
def _words(list_name: str) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(list_words(list_name), key=len, reverse=True))))


@cache
def _list_tail() -> re.Pattern[str]:
    cats = "|".join(map(re.escape, load_list("enterprise_list_categories.txt")))
    return re.compile(rf"(?:等\s*(?:\d+\s*[家个])?|(?P<count>[0-9一二三四五六七八九十两]+)\s*家)"
                      rf"(?P<cat>[\u4e00-\u9fff]{{0,6}}?)(?:{cats})")


#: A count, an edition or a first inside a name (13个, 20家, 第六十届, 全省首家, 首批): counted or ranked,
#: a description of companies, not one named.
_COUNTED = re.compile(r"[0-9一二三四五六七八九十两首]+\s*[个家届批只]")
#: What before 等 makes a word meaning "equal" (平等, 对等, 同等, 均等), not the end of a list.
_EQUAL = frozenset("平对同均相")


def _excluded(name: str) -> bool:
    return bool(_words("enterprise_exclusions.txt").search(name))


def company_name(name: str, suffix: str = "", strength: str = "strong") -> bool:
    """True when `name` (ending in `suffix`) is a company's name: a brand besides generic words.

    The whole name must not be a sector (生物医药, 精细化工) and a weak suffix
    needs a brand of 2-4 characters that is no product (钙基纳米新材料).
    """
    if _excluded(name) or not 2 <= len(name) <= 20 or _COUNTED.search(name):
        return False  # 13个专业职教集团, 原20家市管企业集团, 第六十届…: counted or an event, no company
    brand = name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name
    if strength == "weak" and (not 2 <= len(brand) <= 4 or _words("enterprise_product_words.txt").search(brand)
                               or not _coined(brand) or _opens_with_verb(brand)):
        return False
    proper = proper_part(name, GENERIC)
    if suffix and proper.endswith(suffix):
        proper = proper[: -len(suffix)]
    return len(proper) >= 2 and has_proper_part(brand, GENERIC)


def _opens_with_verb(brand: str) -> bool:
    """True when a verb of two characters opens a weak-suffix brand: a verb phrase (发布|权威信息), no brand."""
    first = tokens.cut(brand)[0]
    return len(first) >= 2 and tokens.tag(first) == "v"


#: jieba tags of function words: prepositions, conjunctions, particles, pronouns.
_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "r"})


@lru_cache(maxsize=4096)  # company_name asks it for every cut name_before tries
def _coined(brand: str) -> bool:
    """True when a brand is more than common words (`tokens.has_proper_word`) and opens with no function word.

    交通能源, 安全食品, 城际配送物流 are a field and a sector; 瑞康药业, 巨丰能源 and 青峰石油 have a
    coined or proper part; 在交通物流 opens with a preposition.
    """
    words = tokens.cut(brand)
    return bool(words) and tokens.tag(words[0]) not in _FUNCTION_TAGS and tokens.has_proper_word(brand)


def _suffix_of(name: str) -> tuple[str, str] | None:
    """(suffix, strength) of the first company suffix (in the table's order) that ends `name` after at
    least two characters, or None."""
    return next(((x, strength) for x, strength in _suffixes()[1].items()
                 if name.endswith(x) and len(name) >= len(x) + 2), None)


def _a_kind(item: str) -> bool:
    """True for a list item without a company suffix that is one ordinary word or a “…型” kind
    (水泥、玻璃、火电等企业; 综合型、功能型等各类企业): a sector or a kind of firm, not a brand."""
    if _suffix_of(item):
        return False
    return (tokens.is_common_word(item) and tokens.tag(item) not in tokens.NAME_TAGS) or item.endswith("型")


def _part_of_word(text: str, end: int) -> bool:
    """集团化, 公司制: the suffix starts a longer word, so it ends no name."""
    return text[end : end + 1] in load_set("enterprise_suffix_continuations.txt")


def _follows_as_company(text: str, end: int) -> bool:
    """After a weak-suffix name: punctuation, the end, or an enterprise verb."""
    if end >= len(text) or not is_name_char(text[end]):
        return True
    return bool(_words("enterprise_followers.txt").match(text, end))


def _add(doc: Document, taken: Taken, start: int, end: int, standalone: bool = False,
         source: str = "cue") -> Mention:
    name = strip_quotes(doc.text[start:end])
    m = Mention("Enterprise", name, start, end, standalone=standalone, source=source)
    doc.mentions.append(m)
    taken.add(start, end)
    return m


def _overlaps(taken: Taken, start: int, end: int) -> bool:
    return taken.overlaps(start, end)


def find_by_suffix(doc: Document, taken: Taken) -> None:
    """Names that end in a company suffix, cut on the left at a boundary word (the longest wins).

    A name that is exactly a facility-list item of a project (光启半导体 in
    光启半导体等产业研究院) is that facility's, not a company.
    """
    text = doc.text
    suffixes, table = _suffixes()
    items = {(p.start, p.end) for p in doc.mentions
             if p.type == "Project" and p.source == "list" and not p.name.endswith("项目")}
    found: list[tuple[int, int]] = []
    for suffix_start, suffix in word_starts(text, suffixes):
        end = suffix_start + len(suffix)
        strength = table[suffix]
        if _part_of_word(text, end) or (strength == "weak" and not _follows_as_company(text, end)):
            continue
        start = name_before(text, end, lambda n, s=suffix, st=strength: company_name(n, s, st),
                            max_len=16, min_len=len(suffix) + 2)
        if start is not None and strength == "weak" and (develop_before(text, start, only=True)
                                                          or text[start - 1 : start] == "等"
                                                          or in_other_list(text, end) or in_sector_list(text, end)):
            # 发展壮大绒毛纺织, 铝铜、铝镁等合金新材料, 文化旅游、空中物流等应用场景, 肥西电气机械、庐江磁性材料
            # 等产业: a sector, a list's category or an item of a list of sectors or other things, no company
            continue
        if start is not None and (start, end) not in items and not (start > 0 and text[start - 1] in "“\""):
            found.append((start, end))  # a quoted name is a title (“四好商会”), not a company
    for start, end in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if not _overlaps(taken, start, end):
            _add(doc, taken, start, end)


@cache
def _title_won() -> re.Pattern[str]:
    titles = "|".join(map(re.escape, load_list("enterprise_titles.txt")))
    return re.compile(rf"(?:被评为|获评|被认定为|认定为|入选|荣获)[^，,。；;、]{{0,16}}?(?:{titles})")


def find_titled(doc: Document, taken: Taken) -> None:
    """A brand that receives a title given to enterprises (东风康明斯被评为国家级绿色工厂) is a company."""
    text = doc.text
    regions = [(r.start, r.end) for r in doc.mentions if r.type in ("Region", "Park")]
    for m in _title_won().finditer(text):
        end = m.start()
        start = name_before(text, end, lambda n: 2 <= len(n) <= 8 and _coined(n) and not _excluded(n)
                            and has_proper_part(n, GENERIC) and not re.search(r"\d|家", n)
                            and not divisions.lookup(n), max_len=8)
        if start is None or _overlaps(taken, start, end) or any(s < end and start < e for s, e in regions):
            continue  # 长沙入选…, 高新区获评…: a place or a zone wins the title, no company
        _add(doc, taken, start, end)


def find_lists(doc: Document, taken: Taken) -> None:
    """Items of a list closed by 等 and a company category (X、Y等骨干企业)."""
    text = doc.text
    for m in _list_tail().finditer(text):
        if len(m.group("cat")) > 4 and has_proper_part(m.group("cat"), GENERIC):
            continue  # a long named category is not a plain "companies" (…产业链集聚规上工业企业)
        if text[m.start()] == "等" and text[m.start() - 1 : m.start()] in _EQUAL:
            continue  # 等 of 平等 (equal) closes no list (依法平等保护民营企业)
        if re.match("(?:行业|产业|领域|赛道)", m.group("cat")):
            continue  # 光伏、增材制造等行业领军企业: the items are the firms' sectors (settled case 10), no firms
        end = m.start()
        if end == 0 or not is_name_char(text[end - 1]):
            continue
        start = run_start(text, end, max_len=80, extra="、“”\"")
        items = split_items(text, start, end)
        if m.group("count"):
            # 宁德时代和比亚迪两家龙头企业: without 等 the count closes a complete list, its last two items
            # joined by 和/与/及
            items = _split_last_pair(text, items)
            if len(items) < 2 or len(items) != count_value(m.group("count")):
                continue  # one firm counted (由中国境内一家企业) is no list
        items = trim_first_item(text, items, company_name)
        if not items:
            continue
        for s, e in items:
            item = strip_quotes(text[s:e])
            if not _overlaps(taken, s, e) and company_name(item) and not _a_kind(item):
                _add(doc, taken, s, e)


def _split_last_pair(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a list whose last two are joined by 和, 与 or 及 (A、B和C): the join split once."""
    if not items:
        return items
    s, e = items[-1]
    join = max(text.rfind(j, s, e) for j in "和与及")
    if join <= s or join >= e - 1:
        return items
    return [*items[:-1], (s, join), (join + 1, e)]


def find_companions(doc: Document, taken: Taken) -> None:
    """A short name listed beside a company under a company verb (依托远洋空分、巨丰能源)."""
    text = doc.text
    governors = _words("enterprise_governors.txt")
    found = sorted(taken)
    for s, e in found:
        # the list this company stands in: items joined by 、 or 与, at most three
        start = run_start(text, s, max_len=24, extra="、")
        stop = e
        while stop < len(text) and text[stop] == "、":
            nxt = stop + 1
            while nxt < len(text) and is_name_char(text[nxt]):
                nxt += 1
            stop = nxt
        items = split_items(text, start, stop)
        if not 2 <= len(items) <= 3:
            continue
        first_s, first_e = items[0]
        gov = governors.search(text, first_s, first_e)
        closed = text[stop : stop + 1] == "等"
        if gov is not None and gov.start() == first_s:
            items[0] = (gov.end(), first_e)
        elif closed:
            items = trim_first_item(text, items, company_name)  # A、B等…: a closed list of companies
        else:
            continue
        # a two-character brand stands in a closed list beside a nationally known company (京能、中电建等)
        shortest = 2 if closed and any(text[i_s:i_e] in _national() for i_s, i_e in items) else 3
        for i_s, i_e in items:
            item = text[i_s:i_e]
            if _overlaps(taken, i_s, i_e) or not shortest <= len(item) <= 6 \
                    or item[-1:] in load_set("estate_endings.txt"):
                continue
            if "等" in item:
                continue  # 法士特等龙头: the item runs into the list's close
            if company_name(item) and not _words("enterprise_product_words.txt").search(item) \
                    and (not closed or (_coined(item) and not _names_a_site(item))):
                _add(doc, taken, i_s, i_e)


def company_item(item: str, category: str) -> bool:
    """True when a project-list item reads as a company standing on its own.

    A suffix with a short brand (万楷高分子, 齐鲁银行东城支行), or a coined brand
    of 2-4 characters (丰元汇能, 创普斯) without product, sector or place words,
    in a list that is not of urban or tourism works (青云府 等保交楼项目).
    """
    if _excluded(item) or _words("enterprise_product_words.txt").search(item):
        return False
    found = _suffix_of(item)
    if found:
        return company_name(item, *found)
    if _words("enterprise_urban_categories.txt").search(category) or item[-1:] in load_set("estate_endings.txt"):
        return False
    if ends_in_head(item) or road_item(item):
        return False  # 千黄高速, 绕城西复线, 艮山路: a work named by its head, not a company
    return 2 <= len(item) <= 4 and company_name(item) and _brand_like(item) and not _names_a_site(item)


def _names_a_site(item: str) -> bool:
    """True when a short item ends in a place after its first two characters: a company and a place name a
    project's site (中核汇能通榆, 天楹辽源), not a company."""
    return divisions.name_ending(item[2:], longest=4) is not None


def _brand_like(item: str) -> bool:
    """A coined brand, not ordinary words: jieba does not know its first two characters as a word.

    丰元汇能 and 创普斯 start with characters jieba leaves single; 光学薄膜,
    石墨涂层 and 预制面食 are dictionary words throughout, so they are products; a verb of two characters
    or more at the end makes an activity (京蒙协作).
    """
    words = tokens.cut(item)
    if words and len(words[-1]) >= 2 and tokens.tag(words[-1]) in ("v", "vn"):
        return False  # 京蒙协作, 根管治疗: an activity, no brand
    return bool(words) and len(words[0]) == 1


def find_list_companies(doc: Document, taken: Taken) -> None:
    """Project-list items that are companies (丰元汇能、创普斯等11个锂电项目)."""
    text = doc.text
    for p in list(doc.mentions):
        if p.type != "Project" or p.source != "list" or not p.name.endswith("项目"):
            continue
        item = text[p.start : p.end]
        quoted = text[p.start - 1 : p.start] in "“\"" and p.start > 0
        category = text[p.end : p.end + 12]
        if not quoted and company_item(item, category) and not _overlaps(taken, p.start, p.end):
            _add(doc, taken, p.start, p.end, standalone=True, source="list")


@cache
def _owner_verb() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, sorted(load_list("enterprise_owner_verbs.txt"), key=len, reverse=True)))
    return re.compile(rf"(?:的)?(?:新|已|正在)?(?:{verbs})")


def attach_owned_projects(doc: Document) -> None:
    """A company, a building verb and a project: the project is named with its owner in front.

    王晁煤电集团新布局电池隔膜项目 → 王晁煤电集团电池隔膜项目 (alias the text's
    form); 青峰矿业集团建成研发大楼 → 青峰矿业集团研发大楼.
    """
    from .projects import FACILITY_GENERIC, _heads  # projects runs first; no import cycle at load time

    text = doc.text
    heads, _table = _heads()
    for e in [m for m in doc.mentions if m.type == "Enterprise"]:
        v = _owner_verb().match(text, e.end)
        if v is None:
            continue
        obj_start = v.end()
        stop = obj_start
        while stop < len(text) and is_name_char(text[stop]) and stop - obj_start < 16:
            stop += 1
        best = None
        for h_start, head in word_starts(text[obj_start:stop], heads):
            best = obj_start + h_start + len(head)
        project_end = text.find("项目", obj_start, stop)
        if project_end >= 0:
            best = project_end + 2
        if best is None or best - obj_start < 3:
            continue
        obj = text[obj_start:best]
        existing = next((p for p in doc.mentions if p.type == "Project" and p.start == obj_start), None)
        name = e.name + obj
        if existing is not None:
            existing.aliases = tuple({*existing.aliases, existing.name, obj} - {name})
            existing.name = name
            existing.end = max(existing.end, best)
        elif has_proper_part(e.name + obj, FACILITY_GENERIC):
            doc.mentions.append(Mention("Project", name, obj_start, best, source="owner", aliases=(obj,)))


def merge_short_forms(doc: Document) -> None:
    """A company named by its brand alone (启元) and with a suffix (启元新能源) is one company."""
    _, table = _suffixes()
    names = {m.name for m in doc.mentions if m.type == "Enterprise"}
    full = {}
    for short in names:
        longer = [n for n in names if n.startswith(short) and n[len(short):] in table]
        if len(longer) == 1:
            full[short] = longer[0]
    for m in doc.mentions:
        if m.type == "Enterprise" and m.name in full:
            m.aliases = tuple({*m.aliases, m.name})
            m.name = full[m.name]


@cache
def _national() -> dict[str, str]:
    """Written form → canonical name of the nationally known enterprises (settled case 16)."""
    return {form: row[0] for form, row in load_forms("enterprises_national.tsv", 1).items()}


@cache
def _known_matcher() -> NameMatcher:
    return NameMatcher(_national())


def find_known(doc: Document, taken: Taken) -> None:
    """Nationally known enterprises named by brand alone (比亚迪, 中国华能), as whole words.

    Like a weak suffix, the brand must end its name: punctuation or an enterprise
    verb follows (比亚迪、宁德时代; 中国华能投资建设).
    """
    text = doc.text
    known = _national()
    for start, end, surface in _known_matcher().find(text):
        if _overlaps(taken, start, end) or not tokens.aligned(text, start, end):
            continue
        headquarters = text.startswith("总部", end)  # 中国华能总部: a project and its company (settled case 10)
        if not (_follows_as_company(text, end) or headquarters):
            continue  # the first part of a longer name: 华为云平台, 国电投大安项目 (the project alone)
        m = _add(doc, taken, start, end, standalone=headquarters, source="lexicon")
        m.name = known[surface]
        if surface != m.name:
            m.aliases = (surface,)


def find_enterprises(doc: Document) -> Document:
    """Pipeline component: companies by suffix, known brands, company lists, list-item companies, firms given
    an enterprise title, owned projects."""
    taken = Taken()
    find_by_suffix(doc, taken)
    find_known(doc, taken)
    find_lists(doc, taken)
    find_list_companies(doc, taken)
    find_companions(doc, taken)
    find_titled(doc, taken)
    merge_short_forms(doc)
    attach_owned_projects(doc)
    return doc
