"""Small helpers for the extraction tests: a synthetic report and entity look-ups."""
from __future__ import annotations

from typing import Any

from policykg.extract import extract_texts


def report(place: str, body: str, lead: str = "区长") -> str:
    """A synthetic report whose header names `place` (the region is read from it)."""
    return (f"政府工作报告\n——2024年1月17日在{place}第十九届人民代表大会第三次会议上\n{lead} 张明\n"
            f"各位代表:\n一、2023年工作回顾\n{body}\n")


def facts_of(place: str, body: str, lead: str = "区长") -> dict[str, Any]:
    """Facts of one synthetic report."""
    return extract_texts({"report.txt": report(place, body, lead)})


def names_of(type_: str, place: str, body: str, lead: str = "区长") -> set[str]:
    """The names of one type extracted from one report of `place` with this body."""
    return set(entities(facts_of(place, body, lead=lead), type_))


def entities(facts: dict[str, Any], type_: str) -> dict[str, dict[str, Any]]:
    """Entities of a type that are mentioned in a report, by canonical name."""
    return {e["name"]: e for e in facts["entities"] if e["type"] == type_ and e["reports"]}


def relations(facts: dict[str, Any], type_: str) -> set[tuple[str, str]]:
    """(source name, target name) of the relations of a type."""
    names = {e["id"]: e["name"] for e in facts["entities"]}
    return {(names[r["source"]], names[r["target"]]) for r in facts["relations"] if r["type"] == type_}


#: A fixed report header for tests that give only bodies (the region is 青山区, an unknown one).
HEADER = "政府工作报告\n——2024年1月15日在青山区第五届人民代表大会第三次会议上\n区长 李明\n一、2023年工作回顾\n"


def entities_in_bodies(type_: str, *bodies: str) -> dict[str, dict[str, Any]]:
    """Entities of a type extracted from reports with these bodies under `HEADER`, by canonical name."""
    facts = extract_texts({f"r{i}.txt": HEADER + body for i, body in enumerate(bodies)})
    return {e["name"]: e for e in facts["entities"] if e["type"] == type_}


def reports_of(entity: dict[str, Any]) -> set[str]:
    """The reports an entity is mentioned in."""
    return {m["report"] for m in entity["mentions"]}
