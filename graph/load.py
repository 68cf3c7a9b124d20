"""Loading facts into a store: the Cypher both stores run, one report per transaction.

A store hands `load_report` a `run(cypher, params) -> rows` bound to an open
transaction; everything here is plain Cypher that LadybugDB and Neo4j both
accept, generated from the ontology-defined model. Loading is idempotent, and
a report loaded again (same source or same text) replaces its old facts.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from policykg.ontology.model import GraphModel, load_model

Run = Callable[[str, dict[str, Any]], list[list[Any]]]

#: Derived Region → entity relationships, recomputed from ABOUT and MENTIONED_IN.
DERIVED = {"Initiative": "ADOPTS", "IndustrialChain": "DEVELOPS", "Park": "HOSTS", "Project": "RUNS"}


@dataclass
class ReportBatch:
    """Everything one report contributes to the graph."""

    report: dict[str, Any]
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label → rows
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label → rows
    relations: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Entities plus relationships this batch writes."""
        return (sum(map(len, self.entities.values())) + sum(map(len, self.mentions.values()))
                + sum(map(len, self.relations.values())) + 1)


def node_props(model: GraphModel, label: str, record: dict[str, Any]) -> dict[str, Any]:
    """The record's values for the label's properties (lists default to [])."""
    out = {}
    for p in model.nodes[label].properties:
        value = record.get(p.key)
        out[p.key] = (list(value) if value else []) if p.is_list else value
    return out


def batches(facts: dict[str, Any], model: GraphModel | None = None) -> Iterator[ReportBatch]:
    """Split a facts document into one batch per report."""
    model = model or load_model()
    by_id = {e["id"]: e for e in facts["entities"]}
    per_report: dict[str, ReportBatch] = {}
    for rep in facts["reports"]:
        row = node_props(model, "Report", rep)
        row["region_id"] = rep.get("region_id")
        per_report[rep["id"]] = ReportBatch(row)

    def add_entity(batch: ReportBatch, ent: dict[str, Any]) -> None:
        rows = batch.entities.setdefault(ent["type"], [])
        if not any(r["id"] == ent["id"] for r in rows[-1:]):
            rows.append(node_props(model, ent["type"], ent))

    for ent in facts["entities"]:
        reports = {m["report"] for m in ent.get("mentions", [])} | set(ent.get("reports") or [])
        for rid in sorted(reports):
            if rid in per_report:
                add_entity(per_report[rid], ent)
        for m in ent.get("mentions", []):
            if m["report"] in per_report:
                per_report[m["report"]].mentions.setdefault(ent["type"], []).append(
                    {"entity": ent["id"], "start_offset": m["start"], "end_offset": m["end"],
                     "text": m["text"], "sentence": m["sentence"]})
    for rel in facts["relations"]:
        src, dst = by_id[rel["source"]], by_id[rel["target"]]
        sentences = {e["report"]: e["sentence"] for e in rel.get("evidence", [])}
        for rid in rel["reports"]:
            batch = per_report.get(rid)
            if batch is None:
                continue
            add_entity(batch, src)
            add_entity(batch, dst)
            batch.relations.setdefault((rel["type"], src["type"], dst["type"]), []).append(
                {"source": src["id"], "target": dst["id"], "report": rid, "sentence": sentences.get(rid, "")})
    for batch in per_report.values():
        for label, rows in batch.entities.items():
            unique = {r["id"]: r for r in rows}
            batch.entities[label] = [unique[k] for k in sorted(unique)]
        yield batch


def _set_clause(var: str, keys: list[str], src: str = "row") -> str:
    return ", ".join(f"{var}.{k} = {src}.{k}" for k in keys if k != "id")


def _by_present_keys(rows: list[dict[str, Any]]) -> Iterator[tuple[list[str], list[dict[str, Any]]]]:
    """Group rows by the keys whose values are not null or empty.

    A null parameter has no type in LadybugDB and cannot be written, and in
    Neo4j a null property is an absent one; so each group sets only what it has.
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        keys = tuple(k for k, v in row.items() if v is not None and v != [])
        groups[keys].append({k: row[k] for k in keys})
    for keys, group in sorted(groups.items()):
        yield list(keys), group


def load_report(run: Run, batch: ReportBatch, model: GraphModel | None = None) -> None:
    """Replace one report's facts inside the caller's transaction."""
    model = model or load_model()
    rep = batch.report
    # 1. what the old copy of this report touched
    old = run("MATCH (r:Report) WHERE r.source = $source OR r.id = $id "
              "OPTIONAL MATCH (r)-[:ABOUT]->(g:Region) RETURN r.id, g.id",
              {"source": rep["source"], "id": rep["id"]})
    old_reports = sorted({row[0] for row in old})
    regions = {row[1] for row in old if row[1]}
    stale: dict[str, set[str]] = defaultdict(set)
    if old_reports:
        for label in model.entity_labels:
            rows = run(f"MATCH (e:{label})-[:MENTIONED_IN]->(r:Report) WHERE r.id IN $ids RETURN DISTINCT e.id",
                       {"ids": old_reports})
            stale[label].update(row[0] for row in rows)
        rows = run("MATCH (a:Region)-[e:PART_OF]->(b:Region) WHERE e.report IN $ids RETURN a.id, b.id",
                   {"ids": old_reports})
        stale["Region"].update(i for row in rows for i in row)
        for rtype, rel in model.relationships.items():
            if any(p.key == "report" for p in rel.properties):
                run(f"MATCH ()-[e:{rtype}]->() WHERE e.report IN $ids DELETE e", {"ids": old_reports})
        run("MATCH (r:Report) WHERE r.id IN $ids DETACH DELETE r", {"ids": old_reports})
    # 2. the report, its entities, mentions and relations
    report_row = {p.key: rep.get(p.key) for p in model.nodes["Report"].properties}
    for label, rows in [("Report", [report_row]), *batch.entities.items()]:
        for keys, group in _by_present_keys(rows):
            sets = _set_clause("n", keys)
            run(f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}})" + (f" SET {sets}" if sets else ""),
                {"rows": group})
    for label, rows in batch.mentions.items():
        for keys, group in _by_present_keys(rows):
            props = ", ".join(f"{k}: row.{k}" for k in keys if k != "entity")
            run(f"UNWIND $rows AS row MATCH (e:{label} {{id: row.entity}}), (r:Report {{id: $report}}) "
                f"CREATE (e)-[:MENTIONED_IN {{{props}}}]->(r)", {"rows": group, "report": rep["id"]})
    if rep.get("region_id"):
        run("MATCH (r:Report {id: $report}), (g:Region {id: $region}) CREATE (r)-[:ABOUT]->(g)",
            {"report": rep["id"], "region": rep["region_id"]})
        regions.add(rep["region_id"])
    for (rtype, src, dst), rows in batch.relations.items():
        run(f"UNWIND $rows AS row MATCH (a:{src} {{id: row.source}}), (b:{dst} {{id: row.target}}) "
            f"CREATE (a)-[:{rtype} {{report: row.report, sentence: row.sentence}}]->(b)", {"rows": rows})
    # (relation rows always carry a report id and a sentence string, possibly empty)
    # 3. derived Region → entity edges of every region touched, then orphans
    rebuild_derived(run, sorted(regions))
    delete_orphans(run, {label: sorted(ids) for label, ids in stale.items() if ids}, model)


def rebuild_derived(run: Run, regions: list[str]) -> None:
    """Recompute ADOPTS / DEVELOPS / HOSTS / RUNS (with sorted report years) for these regions."""
    if not regions:
        return
    for label, rtype in DERIVED.items():
        run(f"MATCH (g:Region)-[d:{rtype}]->(:{label}) WHERE g.id IN $ids DELETE d", {"ids": regions})
        rows = run(f"MATCH (g:Region)<-[:ABOUT]-(r:Report)<-[:MENTIONED_IN]-(e:{label}) WHERE g.id IN $ids "
                   "RETURN DISTINCT g.id, e.id, r.year", {"ids": regions})
        years: dict[tuple[str, str], set[int]] = defaultdict(set)
        for g, e, year in rows:
            years[(g, e)].update([year] if year is not None else [])
        edges = [{"g": g, "e": e, "years": sorted(ys)} for (g, e), ys in sorted(years.items())]
        for keys, group in _by_present_keys(edges):
            props = " {years: row.years}" if "years" in keys else ""
            run(f"UNWIND $rows AS row MATCH (g:Region {{id: row.g}}), (e:{label} {{id: row.e}}) "
                f"CREATE (g)-[:{rtype}{props}]->(e)", {"rows": group})


def delete_orphans(run: Run, candidates: dict[str, list[str]], model: GraphModel) -> None:
    """Delete entities that lost their last mention; regions stay while anything points at them."""
    for label, ids in candidates.items():
        keep_if = "(e)-[:MENTIONED_IN]->()"
        if label == "Region":
            keep_if += " OR (e)<-[:ABOUT]-() OR (e)<-[:PART_OF]-() OR (e)-[:PART_OF]->()"
        run(f"MATCH (e:{label}) WHERE e.id IN $ids AND NOT ({keep_if}) DETACH DELETE e", {"ids": ids})
