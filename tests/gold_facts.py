"""Test data: the gold annotation of the examples (`eval/gold/seeds`) as a `policykg/facts@1` document.

This lets the graph and its canned queries be checked apart from extraction: the entities are the
annotators', so the expected answers can be computed straight from the gold files in Python. Each
gold entity gets one mention per report, found by its name or an alias in the example report
(after a small normalisation that drops quote marks and spaces and folds full-width ASCII); where
the annotators wrote a name that the text spells differently (an enumeration split, a number joined
to its head noun), the mention points at the longest part of the name that the text does contain.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "eval" / "gold" / "seeds"
REPORTS_DIR = REPO / "examples" / "reports"
ENTITY_TYPES = ("Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise")
_QUOTES = set("“”\"「」‘’'")
_MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    """The gold JSON files, in name order (notes files excluded)."""
    return sorted(p for p in gold_dir.glob("*.json"))


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Every gold file, parsed."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in gold_files(gold_dir)]


def entity_id(etype: str, name: str) -> str:
    """The facts id of an entity without an administrative code (see ARCHITECTURE.md)."""
    return etype.lower() + ":" + hashlib.sha1(f"{etype}\x1f{name}".encode()).hexdigest()[:16]


def region_level(name: str) -> str:
    """Administrative level of a region from its suffix (enough for test data)."""
    if name in _MUNICIPALITIES or name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("镇", "乡", "街道")):
        return "township"
    if name.endswith(("市", "州", "盟", "地区")):
        return "prefecture"
    return "county"


def normalise(original: str) -> tuple[str, list[int]]:
    """Text with quotes and spaces dropped and full-width ASCII folded, and the offset map to the original."""
    out: list[str] = []
    to_original: list[int] = []
    for i, ch in enumerate(original):
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        elif ch == "\u3000":
            ch = " "
        if ch in _QUOTES or ch in " \t\r":
            continue
        out.append(ch)
        to_original.append(i)
    to_original.append(len(original))
    return "".join(out), to_original


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of normalised `text` around [start, end)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return text[left:right].strip()


def _find(text: str, forms: Iterable[str]) -> tuple[int, int] | None:
    """First occurrence of the longest form found, else of the longest part (≥ 2 chars) of the first form."""
    found = [(len(f), -text.find(f), f) for f in forms if f and f in text]
    if found:
        _, neg_pos, form = max(found)
        return -neg_pos, -neg_pos + len(form)
    name = next(iter(forms))
    for size in range(len(name) - 1, 1, -1):
        for i in range(len(name) - size + 1):
            pos = text.find(name[i : i + size])
            if pos >= 0:
                return pos, pos + size
    return None


def gold_to_facts(gold_dir: Path = GOLD_DIR, reports_dir: Path = REPORTS_DIR) -> dict:
    """Build one facts document from every gold file and its example report."""
    reports: list[dict] = []
    entities: dict[str, dict] = {}
    for gold in load_gold(gold_dir):
        path = reports_dir / gold["doc"]
        original = path.read_text(encoding="utf-8")
        text, to_original = normalise(original)
        meta = gold["report"]
        report_id = "report:" + hashlib.sha1(text.encode()).hexdigest()[:16]
        region = meta["region"]
        reports.append({
            "id": report_id,
            "source": f"examples/reports/{gold['doc']}",
            "title": f"{region}政府工作报告",
            "region": region,
            "region_id": entity_id("Region", region),
            "region_level": region_level(region),
            "parent": meta.get("parent"),
            "province": meta.get("province"),
            "adcode": None,
            "year": meta["year_reviewed"],
            "date": meta.get("date"),
            "speaker": meta.get("speaker"),
            "chars": len(text),
        })
        for etype in ENTITY_TYPES:
            for item in gold["entities"].get(etype, []):
                name = item["name"]
                eid = entity_id(etype, name)
                entity = entities.setdefault(eid, {
                    "id": eid, "type": etype, "name": name, "aliases": [],
                    "kind": item.get("kind") if etype == "Initiative" else None,
                    "level": region_level(name) if etype == "Region" else None,
                    "code": None, "mentions": [],
                })
                for alias in item.get("aliases", []):
                    if alias != name and alias not in entity["aliases"]:
                        entity["aliases"].append(alias)
                span = _find(text, [name, *item.get("aliases", [])])
                if span is None:
                    raise ValueError(f"{gold['doc']}: no trace of {etype} {name!r} in the report")
                start, end = span
                o_start, o_end = to_original[start], to_original[end - 1] + 1
                entity["mentions"].append({
                    "report": report_id, "start": o_start, "end": o_end,
                    "text": original[o_start:o_end], "sentence": _sentence_at(text, start, end),
                })
    for entity in entities.values():
        entity["aliases"].sort()
    return {
        "schema": "policykg/facts@1",
        "generator": {"name": "policykg-tests-gold", "version": "0"},
        "reports": reports,
        "entities": sorted(entities.values(), key=lambda e: e["id"]),
        "relations": [],
    }


# ---- the expected answers, straight from the gold --------------------------------------------

def names_by_region(etype: str, gold_dir: Path = GOLD_DIR) -> dict[str, set[str]]:
    """Report region → names of the gold entities of `etype` in its reports."""
    out: dict[str, set[str]] = {}
    for gold in load_gold(gold_dir):
        names = {e["name"] for e in gold["entities"].get(etype, [])}
        out.setdefault(gold["report"]["region"], set()).update(names)
    return out


def shared_names(etype: str, min_regions: int = 2, gold_dir: Path = GOLD_DIR) -> dict[str, set[str]]:
    """Name → regions, for the `etype` entities that at least `min_regions` regions name."""
    regions_of: dict[str, set[str]] = {}
    for region, names in names_by_region(etype, gold_dir).items():
        for name in names:
            regions_of.setdefault(name, set()).add(region)
    return {n: r for n, r in regions_of.items() if len(r) >= min_regions}


def jaccard_pairs(gold_dir: Path = GOLD_DIR) -> list[tuple[str, str, float, set[str]]]:
    """Region pairs by Jaccard over initiatives ∪ chains (typed), best first, with what they share."""
    sets: dict[str, set[tuple[str, str]]] = {}
    for etype in ("Initiative", "IndustrialChain"):
        for region, names in names_by_region(etype, gold_dir).items():
            sets.setdefault(region, set()).update((etype, n) for n in names)
    regions = sorted(sets)
    pairs = []
    for i, a in enumerate(regions):
        for b in regions[i + 1 :]:
            inter = sets[a] & sets[b]
            union = sets[a] | sets[b]
            if inter:
                pairs.append((a, b, len(inter) / len(union), {n for _, n in inter}))
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs
