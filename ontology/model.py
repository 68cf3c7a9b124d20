"""The property-graph model, read from the OWL ontology (`policykg.ttl`).

Both stores generate their schema from this model, so a label, property or
relationship type exists in exactly one place: the ontology.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

ONTOLOGY_PATH = Path(__file__).with_name("policykg.ttl")
PK = Namespace("https://w3id.org/policykg/ontology#")

#: XSD datatypes mapped to the scalar types both stores understand.
_SCALAR = {XSD.string: "STRING", XSD.integer: "INT64", XSD.date: "STRING", XSD.boolean: "BOOL"}


@dataclass(frozen=True)
class Property:
    """A property of a node label or relationship type."""

    key: str
    type: str  # STRING, INT64 or BOOL
    is_list: bool
    iri: URIRef


@dataclass(frozen=True)
class NodeType:
    """A node label with its properties; `id` is the key of every label."""

    label: str
    iri: URIRef
    properties: tuple[Property, ...]


@dataclass(frozen=True)
class RelType:
    """A relationship type with the (from, to) label pairs it connects."""

    type: str
    iri: URIRef
    pairs: tuple[tuple[str, str], ...]
    properties: tuple[Property, ...]


@dataclass(frozen=True)
class GraphModel:
    """Node labels and relationship types of the graph."""

    nodes: dict[str, NodeType] = field(default_factory=dict)
    relationships: dict[str, RelType] = field(default_factory=dict)

    @property
    def entity_labels(self) -> list[str]:
        """Labels of the entities extraction finds (every label but Report)."""
        return [label for label in self.nodes if label != "Report"]


def _labels_of(g: Graph, cls: URIRef) -> list[str]:
    """Graph labels of `cls` and of its subclasses that carry one."""
    direct = g.value(cls, PK.graphLabel)
    if direct is not None:
        return [str(direct)]
    subs = sorted(g.subjects(RDFS.subClassOf, cls))
    return [label for sub in subs for label in _labels_of(g, sub)]


@lru_cache(maxsize=1)
def load_model(path: Path = ONTOLOGY_PATH) -> GraphModel:
    """Parse the ontology and return the property-graph model it defines."""
    g = Graph().parse(path, format="turtle")
    props_on: dict[str, list[Property]] = {}
    for prop in sorted(g.subjects(RDF.type, OWL.DatatypeProperty)):
        key = g.value(prop, PK.graphKey)
        if key is None:
            continue
        rng = g.value(prop, RDFS.range)
        is_list = g.value(prop, PK.graphList) == Literal(True)
        p = Property(str(key), _SCALAR.get(rng, "STRING"), is_list, prop)
        for holder in g.objects(prop, PK.graphOn):
            props_on.setdefault(str(holder), []).append(p)

    def ordered(holder: str) -> tuple[Property, ...]:
        # `id` first, then alphabetical, so generated schemas are stable.
        return tuple(sorted(props_on.get(holder, []), key=lambda p: (p.key != "id", p.key)))

    nodes = {}
    for cls in sorted(g.subjects(PK.graphLabel, None)):
        label = str(g.value(cls, PK.graphLabel))
        nodes[label] = NodeType(label, cls, ordered(label))
    rels = {}
    for prop in sorted(g.subjects(PK.graphType, None)):
        rtype = str(g.value(prop, PK.graphType))
        pairs = tuple(
            (a, b)
            for a in _labels_of(g, g.value(prop, RDFS.domain))
            for b in _labels_of(g, g.value(prop, RDFS.range))
        )
        rels[rtype] = RelType(rtype, prop, pairs, ordered(rtype))
    order = ["Report", "Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise"]
    nodes = dict(sorted(nodes.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    return GraphModel(nodes, dict(sorted(rels.items())))
