"""Test helpers: a store's whole graph as comparable Python data, and facts edits for reload tests."""
from __future__ import annotations

import copy
import hashlib
from typing import Any

from policykg.ontology.model import load_model


def snapshot(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every node (label, id, properties) and relationship (type, ends, properties), sorted.

    Uses only Cypher both stores accept, so the snapshots of the two stores compare equal when
    they hold the same graph.
    """
    model = load_model()
    out: dict[str, list[tuple[Any, ...]]] = {}
    for label, node in model.nodes.items():
        keys = [p.key for p in node.properties]
        cols = ", ".join(f"n.{k} AS {k}" for k in keys)
        _, rows = store.run(f"MATCH (n:{label}) RETURN {cols}")
        out[label] = sorted((tuple(_freeze(v) for v in r) for r in rows), key=repr)
    for rtype, rel in model.relationships.items():
        keys = [p.key for p in rel.properties]
        cols = "".join(f", e.{k} AS {k}" for k in keys)
        _, rows = store.run(f"MATCH (a)-[e:{rtype}]->(b) RETURN a.id AS source, b.id AS target{cols}")
        out[rtype] = sorted((tuple(_freeze(v) for v in r) for r in rows), key=repr)
    return out


def _freeze(value: Any) -> Any:
    """A hashable, store-neutral form of a property value."""
    if isinstance(value, list):
        return tuple(value) if value else None  # an empty list and an absent list are the same fact
    return value


def reextracted_with_fewer_entities(facts: dict[str, Any], index: int = 0) -> tuple[dict[str, Any], set[str]]:
    """`facts` with report `index` re-extracted: new id, same source, every other entity dropped.

    Returns the new facts and the ids of the entities that no report mentions any more.
    """
    facts = copy.deepcopy(facts)
    report = facts["reports"][index]
    old_id = report["id"]
    new_id = "report:" + hashlib.sha1(f"{old_id}/re-extracted".encode()).hexdigest()[:16]
    report["id"] = new_id
    kept: list[dict[str, Any]] = []
    n_in_report = 0
    dropped_here: set[str] = set()
    for ent in facts["entities"]:
        mine = [m for m in ent["mentions"] if m["report"] == old_id]
        others = [m for m in ent["mentions"] if m["report"] != old_id]
        if mine:
            n_in_report += 1
            keep = ent["id"] == report.get("region_id") or n_in_report % 2 == 0
            if keep:
                mine = [dict(m, report=new_id) for m in mine]
            else:
                dropped_here.add(ent["id"])
                mine = []
        ent["mentions"] = others + mine
        if ent["mentions"]:
            kept.append(ent)
    alive = {e["id"] for e in kept}
    relations = []
    for rel in facts["relations"]:
        rel["reports"] = [new_id if r == old_id else r for r in rel["reports"]]
        rel["evidence"] = [dict(ev, report=new_id if ev["report"] == old_id else ev["report"])
                           for ev in rel.get("evidence", [])]
        if rel["source"] in alive and rel["target"] in alive:
            relations.append(rel)
    gone = dropped_here - alive
    return {**facts, "entities": kept, "relations": relations}, gone
