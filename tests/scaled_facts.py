"""A corpus scaled up by copying: the same facts under renamed reports and regions.

Used by the store benchmark (100 copies of the examples) and by the parity tests, where the copies
make many exact ties and, unrenamed, many regions that share a name.
"""
from __future__ import annotations

import hashlib
from typing import Any


def _rename_region(eid: str, copy_no: int) -> str:
    """The id of a region in copy `copy_no` (keeps the `region:` prefix)."""
    return f"{eid}-c{copy_no:03d}"


def scaled_facts(facts: dict[str, Any], copies: int, rename: bool = True) -> dict[str, Any]:
    """`copies` copies of `facts`, each with unique report ids/sources and its own regions; the
    regions' names get a `·NNN` suffix unless `rename` is false (same names, distinct ids)."""
    region_ids = {e["id"] for e in facts["entities"] if e["type"] == "Region"}
    reports: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    for k in range(copies):
        rid = {r["id"]: "report:" + hashlib.sha1(f"{r['id']}#{k}".encode()).hexdigest()[:16]
               for r in facts["reports"]}
        suffix = f"·{k:03d}" if rename else ""
        for r in facts["reports"]:
            new = dict(r, id=rid[r["id"]], source=f"{r['source']}#copy={k:03d}")
            if r.get("region"):
                new["region"] = r["region"] + suffix
            if r.get("region_id"):
                new["region_id"] = _rename_region(r["region_id"], k)
            reports.append(new)
        for e in facts["entities"]:
            mentions = [dict(m, report=rid[m["report"]]) for m in e.get("mentions", []) if m["report"] in rid]
            if e["type"] == "Region":
                new = dict(e, id=_rename_region(e["id"], k), name=e["name"] + suffix,
                           aliases=[a + suffix for a in e.get("aliases") or []], mentions=mentions)
                entities[new["id"]] = new
            else:
                shared = entities.setdefault(e["id"], dict(e, mentions=[]))
                shared["mentions"].extend(mentions)
        for rel in facts["relations"]:
            def ren(i: str, k: int = k) -> str:
                return _rename_region(i, k) if i in region_ids else i

            relations.append(dict(rel, source=ren(rel["source"]), target=ren(rel["target"]),
                                  reports=[rid[x] for x in rel.get("reports", []) if x in rid],
                                  evidence=[dict(ev, report=rid[ev["report"]]) for ev in rel.get("evidence", [])
                                            if ev["report"] in rid]))
    return {**facts, "reports": reports, "entities": list(entities.values()), "relations": relations}
