"""Loading facts into a store: the Cypher both stores run, many reports per transaction.

A facts document is read section by section (`report_batches`): entities and
relations first, indexed by report without their sentences, then the reports
one at a time, each with its sentence table. Consecutive reports are grouped
(`chunks`) and a store hands `load_reports` a `run(cypher, params) -> rows`
bound to one open transaction per group: every statement is set-based
(`UNWIND` over all the group's rows), and the derived Region edges are updated
once per group, for the (region, entity) pairs the group touches; the stored
region pairs (`graph.similarity`) are dropped, for the store to recompute once
the load is done. Everything
is plain Cypher that LadybugDB and Neo4j both accept, generated from the
ontology-defined model. Loading is idempotent, and a report loaded again (same
source or same text) replaces its old facts.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from policykg.extract.facts import sentence_of
from policykg.extract.factsfile import upgrade
from policykg.ontology.model import GraphModel, load_model

from .similarity import drop_pairs

Run = Callable[[str, dict[str, Any]], list[list[Any]]]
#: Creates relationships in bulk: (type, from label, to label, property keys, rows), each row holding
#: `source` and `target` ids and the property values (None: the property is absent).
CreateEdges = Callable[[str, str, str, list[str], list[dict[str, Any]]], None]

#: Derived Region → entity relationships, recomputed from ABOUT and MENTIONED_IN.
DERIVED = {"Initiative": "ADOPTS", "IndustrialChain": "DEVELOPS", "Park": "HOSTS", "Project": "RUNS"}

#: The properties of a MENTIONED_IN relationship, in the order they are written.
MENTION_KEYS = ["start_offset", "end_offset", "text", "sentence"]

#: A group of reports loaded in one transaction holds at most this many rows (nodes and relationships).
CHUNK_ROWS = 50_000
#: ... and at most this many reports.
CHUNK_REPORTS = 250


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


class FactsSource(Protocol):
    """A facts document read section by section (`extract.factsfile.FactsFile`, or one in memory)."""

    def reports(self) -> Iterator[dict[str, Any]]: ...
    def entities(self) -> Iterator[dict[str, Any]]: ...
    def relations(self) -> Iterator[dict[str, Any]]: ...


class InMemory:
    """A facts document already in memory (policykg/facts@1 or @2) as a `FactsSource`."""

    def __init__(self, facts: dict[str, Any]) -> None:
        self.facts = upgrade(facts)

    def reports(self) -> Iterator[dict[str, Any]]:
        """The report records."""
        return iter(self.facts["reports"])

    def entities(self) -> Iterator[dict[str, Any]]:
        """The entity records."""
        return iter(self.facts["entities"])

    def relations(self) -> Iterator[dict[str, Any]]:
        """The relation records."""
        return iter(self.facts["relations"])


def node_props(model: GraphModel, label: str, record: dict[str, Any]) -> dict[str, Any]:
    """The record's values for the label's properties (lists default to [])."""
    out = {}
    for p in model.nodes[label].properties:
        value = record.get(p.key)
        out[p.key] = (list(value) if value else []) if p.is_list else value
    return out


def report_batches(source: FactsSource | dict[str, Any], model: GraphModel | None = None) -> Iterator[ReportBatch]:
    """One batch per report of the document, in document order.

    Entities and relations are indexed by report first (without sentences);
    the reports are then read one at a time and each gets its sentences from
    its own table, so the document is never held whole.
    """
    model = model or load_model()
    if isinstance(source, dict):
        source = InMemory(source)
    props: dict[str, tuple[str, dict[str, Any]]] = {}  # entity id → (label, node properties)
    touched: dict[str, set[str]] = defaultdict(set)  # report id → entity ids
    mentions: dict[str, list[tuple[str, str, int, int, str, int | None]]] = defaultdict(list)
    relations: dict[str, list[tuple[str, str, str, int | None]]] = defaultdict(list)
    for ent in source.entities():
        props[ent["id"]] = (ent["type"], node_props(model, ent["type"], ent))
        for rid in ent.get("reports") or ():
            touched[rid].add(ent["id"])
        for m in ent.get("mentions", ()):
            touched[m["report"]].add(ent["id"])
            mentions[m["report"]].append((ent["type"], ent["id"], m["start"], m["end"], m["text"], m.get("sentence")))
    for rel in source.relations():
        sentences = {ev["report"]: ev.get("sentence") for ev in rel.get("evidence", ())}
        for rid in rel["reports"]:
            touched[rid].update((rel["source"], rel["target"]))
            relations[rid].append((rel["type"], rel["source"], rel["target"], sentences.get(rid)))
    for rep in source.reports():
        rid = rep["id"]
        row = node_props(model, "Report", rep)
        row["region_id"] = rep.get("region_id")
        batch = ReportBatch(row)
        for eid in sorted(touched.pop(rid, ())):
            label, values = props[eid]
            batch.entities.setdefault(label, []).append(values)
        for label, eid, start, end, text, sentence in mentions.pop(rid, ()):
            batch.mentions.setdefault(label, []).append(
                {"entity": eid, "start_offset": start, "end_offset": end, "text": text,
                 "sentence": sentence_of(rep, sentence)})
        for rtype, src, dst, sentence in relations.pop(rid, ()):
            batch.relations.setdefault((rtype, props[src][0], props[dst][0]), []).append(
                {"source": src, "target": dst, "report": rid, "sentence": sentence_of(rep, sentence)})
        yield batch


def batches(facts: dict[str, Any], model: GraphModel | None = None) -> Iterator[ReportBatch]:
    """One batch per report of an in-memory facts document (either version)."""
    return report_batches(facts, model)


def chunks(reports: Iterable[ReportBatch], max_rows: int = CHUNK_ROWS,
           max_reports: int = CHUNK_REPORTS) -> Iterator[list[ReportBatch]]:
    """Consecutive reports grouped for one transaction each.

    A group never holds two reports with the same source or id (the later one
    replaces the earlier, so it goes into the next group).
    """
    group: list[ReportBatch] = []
    keys: set[str] = set()
    rows = 0
    for batch in reports:
        mine = {"s:" + batch.report["source"], "i:" + batch.report["id"]}
        if group and (keys & mine or rows + batch.size > max_rows or len(group) >= max_reports):
            yield group
            group, keys, rows = [], set(), 0
        group.append(batch)
        keys |= mine
        rows += batch.size
    if group:
        yield group


def group_names(group: list[ReportBatch]) -> str:
    """The sources of a group of reports, for messages."""
    first = group[0].report["source"]
    return first if len(group) == 1 else f"{first} and {len(group) - 1} more reports"


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
    load_reports(run, [batch], model)


Pairs = dict[str, dict[tuple[str, str], set[int]]]  # label → (region id, entity id) → years


def unwind_edges(run: Run) -> CreateEdges:
    """Relationship creation as `UNWIND … MATCH … CREATE` statements (both stores run them)."""

    def create(rtype: str, src: str, dst: str, keys: list[str], rows: list[dict[str, Any]]) -> None:
        rows = [{"source": r["source"], "target": r["target"], **{k: r.get(k) for k in keys}} for r in rows]
        for present, part in _by_present_keys(rows):
            props = ", ".join(f"{k}: row.{k}" for k in keys if k in present)
            run(f"UNWIND $rows AS row MATCH (a:{src} {{id: row.source}}), (b:{dst} {{id: row.target}}) "
                f"CREATE (a)-[:{rtype}{f' {{{props}}}' if props else ''}]->(b)", {"rows": part})

    return create


def load_reports(run: Run, group: list[ReportBatch], model: GraphModel | None = None,
                 create_edges: CreateEdges | None = None) -> None:
    """Replace these reports' facts inside the caller's transaction (no two share a source or an id),
    and drop the stored region pairs, which they change (`GraphStore.update_similarity` recomputes them).

    `create_edges` writes new relationships in bulk (default: `unwind_edges`);
    every endpoint it is given exists by then.
    """
    model = model or load_model()
    create_edges = create_edges or unwind_edges(run)
    reports = [b.report for b in group]
    stale, stale_pairs = _delete_old_copies(run, reports, model)
    # the reports, their entities, mentions and relations
    report_rows = [{p.key: rep.get(p.key) for p in model.nodes["Report"].properties} for rep in reports]
    entities: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for batch in group:
        for label, rows in batch.entities.items():
            entities[label].update((row["id"], row) for row in rows)
    for label, rows in [("Report", report_rows), *((k, [v[i] for i in sorted(v)]) for k, v in entities.items())]:
        if label != "Report":
            rows = _changed_nodes(run, label, rows)
        for keys, part in _by_present_keys(rows):
            sets = _set_clause("n", keys)
            run(f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}})" + (f" SET {sets}" if sets else ""),
                {"rows": part})
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for batch in group:
        for label, rows in batch.mentions.items():
            mentions[label] += [{"source": row["entity"], "target": batch.report["id"], **row} for row in rows]
    for label, rows in mentions.items():
        create_edges("MENTIONED_IN", label, "Report", MENTION_KEYS, rows)
    about = [{"report": rep["id"], "region": rep["region_id"]} for rep in reports if rep.get("region_id")]
    if about:
        run("UNWIND $rows AS row MATCH (r:Report {id: row.report}), (g:Region {id: row.region}) "
            "CREATE (r)-[:ABOUT]->(g)", {"rows": about})
    relations: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for batch in group:
        for key, rows in batch.relations.items():
            relations[key] += rows
    # (relation rows always carry a report id and a sentence string, possibly empty)
    for (rtype, src, dst), rows in relations.items():
        create_edges(rtype, src, dst, ["report", "sentence"], rows)
    update_derived(run, _new_pairs(group), stale_pairs, create_edges)
    delete_orphans(run, {label: sorted(ids) for label, ids in stale.items() if ids}, model)
    drop_pairs(run)


def _changed_nodes(run: Run, label: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose node is missing or would change: a node already stored as it is needs no write
    (a group of reports names many entities the graph already holds, and each write costs at COMMIT)."""
    if not rows:
        return rows
    keys = list(rows[0])
    stored = {r[0]: dict(zip(keys, r, strict=True)) for r in run(
        f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN " + ", ".join(f"n.{k}" for k in keys),
        {"ids": [row["id"] for row in rows]})}
    out = []
    for row in rows:
        old = stored.get(row["id"])
        if old is None or any(v is not None and v != [] and old.get(k) != v for k, v in row.items()):
            out.append(row)
    return out


def _delete_old_copies(run: Run, reports: list[dict[str, Any]],
                       model: GraphModel) -> tuple[dict[str, set[str]], Pairs]:
    """Delete the stored copies of these reports (same source or same id).

    Returns the entities they mentioned (orphan candidates) and the derived
    (region, entity) pairs they fed, which must be recomputed.
    """
    old = run("MATCH (r:Report) WHERE r.source IN $sources OR r.id IN $ids "
              "OPTIONAL MATCH (r)-[:ABOUT]->(g:Region) RETURN r.id, g.id",
              {"sources": [r["source"] for r in reports], "ids": [r["id"] for r in reports]})
    old_reports = sorted({row[0] for row in old})
    stale: dict[str, set[str]] = defaultdict(set)
    pairs: Pairs = defaultdict(dict)
    if not old_reports:
        return stale, pairs
    for label in model.entity_labels:
        rows = run(f"MATCH (e:{label})-[:MENTIONED_IN]->(r:Report) WHERE r.id IN $ids "
                   "OPTIONAL MATCH (r)-[:ABOUT]->(g:Region) RETURN DISTINCT e.id, g.id", {"ids": old_reports})
        stale[label].update(row[0] for row in rows)
        if label in DERIVED:
            pairs[label].update(((g, e), set()) for e, g in rows if g)
    rows = run("MATCH (a:Region)-[e:PART_OF]->(b:Region) WHERE e.report IN $ids RETURN a.id, b.id",
               {"ids": old_reports})
    stale["Region"].update(i for row in rows for i in row)
    for rtype, rel in model.relationships.items():
        if any(p.key == "report" for p in rel.properties):
            run(f"MATCH ()-[e:{rtype}]->() WHERE e.report IN $ids DELETE e", {"ids": old_reports})
    run("MATCH (r:Report) WHERE r.id IN $ids DETACH DELETE r", {"ids": old_reports})
    return stale, pairs


def _new_pairs(group: list[ReportBatch]) -> Pairs:
    """The derived (region, entity) pairs these reports feed, with the years they add."""
    pairs: Pairs = defaultdict(dict)
    for batch in group:
        region, year = batch.report.get("region_id"), batch.report.get("year")
        if not region:
            continue
        for label in DERIVED:
            for row in batch.mentions.get(label, ()):
                years = pairs[label].setdefault((region, row["entity"]), set())
                if year is not None:
                    years.add(year)
    return pairs


def update_derived(run: Run, new: Pairs, stale: Pairs, create_edges: CreateEdges | None = None) -> None:
    """Bring ADOPTS / DEVELOPS / HOSTS / RUNS (with sorted report years) up to date for these pairs.

    A new pair's years are the stored edge's years plus the new ones; a stale
    pair (fed by a replaced report) is recomputed from ABOUT and MENTIONED_IN.
    Only edges whose years change are rewritten.
    """
    create_edges = create_edges or unwind_edges(run)
    for label, rtype in DERIVED.items():
        wanted = {pair: set(years) for pair, years in new.get(label, {}).items()}
        pairs = sorted(set(wanted) | set(stale.get(label, {})))
        if not pairs:
            continue
        # every derived edge of the regions touched (bounded by what a region names, not by its reports),
        # a cheaper read than matching each pair by both ends
        wanted_pairs = set(pairs)
        stored = {(g, e): sorted(years or []) for g, e, years in run(
            f"MATCH (g:Region)-[d:{rtype}]->(e:{label}) WHERE g.id IN $ids RETURN g.id, e.id, d.years",
            {"ids": sorted({g for g, _ in pairs})}) if (g, e) in wanted_pairs}
        for pair in wanted:
            wanted[pair] |= set(stored.get(pair, []))
        recompute = [{"g": g, "e": e} for g, e in sorted(stale.get(label, {}))]
        if recompute:
            for pair in recompute:
                wanted.pop((pair["g"], pair["e"]), None)
            for g, e, year in run(
                    f"UNWIND $rows AS row MATCH (g:Region {{id: row.g}})<-[:ABOUT]-(r:Report)"
                    f"<-[:MENTIONED_IN]-(e:{label} {{id: row.e}}) RETURN DISTINCT g.id, e.id, r.year",
                    {"rows": recompute}):
                wanted.setdefault((g, e), set()).update([year] if year is not None else [])
        delete, create = [], []
        for g, e in pairs:
            target = sorted(wanted[(g, e)]) if (g, e) in wanted else None
            if target == stored.get((g, e)):
                continue
            if (g, e) in stored:
                delete.append({"g": g, "e": e})
            if target is not None:
                create.append({"source": g, "target": e, "years": target or None})
        if delete:
            run(f"UNWIND $rows AS row MATCH (g:Region {{id: row.g}})-[d:{rtype}]->(e:{label} {{id: row.e}}) "
                "DELETE d", {"rows": delete})
        if create:
            create_edges(rtype, "Region", label, ["years"], create)


def delete_orphans(run: Run, candidates: dict[str, list[str]], model: GraphModel) -> None:
    """Delete entities that lost their last mention; regions stay while anything points at them."""
    for label, ids in candidates.items():
        keep_if = "(e)-[:MENTIONED_IN]->()"
        if label == "Region":
            keep_if += " OR (e)<-[:ABOUT]-() OR (e)<-[:PART_OF]-() OR (e)-[:PART_OF]->()"
        run(f"MATCH (e:{label}) WHERE e.id IN $ids AND NOT ({keep_if}) DETACH DELETE e", {"ids": ids})
