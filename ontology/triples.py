"""Rows → RDF: the pure half of the export (no store, no files).

Everything is read off the ontology, the one definition of the graph model:
a node label's class is the class carrying its `pk:graphLabel`, a
relationship type's property the one carrying its `pk:graphType`, a property
key's datatype property the one carrying its `pk:graphKey` — written as the
standard term its `pk:exportAs` names (skos:prefLabel for names …) — and the
literal's form follows the property's range.

What the property graph keeps on edges becomes resources of their own, with
IRIs from a digest of what they say (no blank nodes):
- a MENTIONED_IN edge → a `pk:Mention` (a Web Annotation: body the entity,
  target the report with a text-position and a text-quote selector);
- an edge with properties (report / sentence, or years) → a `pk:Assertion`
  (an `rdf:Statement` reifying the plain triple, which is written too) that
  was `prov:wasDerivedFrom` its reports.
Mentions and assertions were `prov:wasGeneratedBy` one `pk:ExtractionRun`.
"""
from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .iris import DEFAULT_BASE, digest, node_iri, normalize_base, segment, text_literal
from .model import ONTOLOGY_PATH, PK, GraphModel, load_model
from .rows import EdgeRows, GraphRows

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")

#: Prefixes of the vocabularies, bound in every export.
VOCAB_PREFIXES = {
    "pk": str(PK), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD),
    "skos": str(SKOS), "schema": str(SCHEMA), "org": str(ORG), "prov": str(PROV), "oa": str(OA),
    "dcterms": str(DCTERMS), "vann": str(VANN),
}

Convert = Callable[[Any], Literal]


def _graph() -> Graph:
    # SimpleMemory: plain nested dicts, so iteration follows insertion order
    # (the default store iterates sets) and adding is about twice as fast.
    return Graph(store="SimpleMemory", bind_namespaces="none")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The parsed ontology, in file order (cached; callers must not modify it)."""
    return _graph().parse(ONTOLOGY_PATH, format="turtle")


def _converter(rng: URIRef | None) -> Convert:
    """How a property's values become literals, chosen by the property's range."""
    if rng == RDFS.Literal:
        return lambda v: text_literal(str(v))
    if rng == XSD.integer:
        return lambda v: Literal(int(v))
    if rng == XSD.boolean:
        return lambda v: Literal(bool(v))
    if rng is not None and rng != XSD.string and str(rng).startswith(str(XSD)):
        return lambda v: Literal(str(v), datatype=rng)
    return lambda v: Literal(str(v))


@dataclass(frozen=True)
class Vocabulary:
    """What the export needs from the ontology, looked up once."""

    model: GraphModel
    kind_class: dict[str, URIRef]  # Initiative kind → subclass
    concept_labels: frozenset[str]  # labels whose class is a skos:Concept
    class_names: dict[str, tuple[Literal, ...]]  # label → rdfs:label values of its class
    export_as: dict[URIRef, URIRef]  # graph property → the term written for it
    convert: dict[URIRef, Convert]  # graph property → value → literal

    def term(self, prop: URIRef) -> URIRef:
        """The RDF property written for a graph property."""
        return self.export_as.get(prop, prop)


def vocabulary(model: GraphModel | None = None) -> Vocabulary:
    """The export vocabulary of `model` (default: the ontology's own)."""
    model = model or load_model()
    g = ontology_graph()
    kinds = {str(v): cls for cls, v in g.subject_objects(PK.kindValue)}
    concepts = frozenset(label for label, node in model.nodes.items()
                         if (node.iri, RDFS.subClassOf, SKOS.Concept) in g)
    names = {label: tuple(sorted(g.objects(node.iri, RDFS.label))) for label, node in model.nodes.items()}
    export_as = {s: o for s, o in g.subject_objects(PK.exportAs) if isinstance(o, URIRef)}
    props = {p.iri for node in model.nodes.values() for p in node.properties}
    props |= {p.iri for rel in model.relationships.values() for p in rel.properties}
    convert = {p: _converter(g.value(p, RDFS.range)) for p in props}
    return Vocabulary(model, kinds, concepts, names, export_as, convert)


def new_graph(base: str = DEFAULT_BASE, model: GraphModel | None = None, graph: Graph | None = None) -> Graph:
    """`graph` (default: a new, empty one) with the vocabulary prefixes and a data prefix per IRI kind bound."""
    g = _graph() if graph is None else graph
    for prefix, ns in VOCAB_PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    for label in (model or load_model()).nodes:
        g.bind(segment(label), base + segment(label) + "/", replace=True)
    for kind in ("mention", "assertion", "scheme", "run", "agent"):
        g.bind(kind, base + kind + "/", replace=True)
    return g


#: Terms used for every triple, made once (each `Namespace` attribute access builds a new URIRef).
_OA_Annotation = OA.Annotation
_OA_SpecificResource = OA.SpecificResource
_OA_TextPositionSelector = OA.TextPositionSelector
_OA_TextQuoteSelector = OA.TextQuoteSelector
_OA_end = OA.end
_OA_exact = OA.exact
_OA_hasBody = OA.hasBody
_OA_hasSelector = OA.hasSelector
_OA_hasSource = OA.hasSource
_OA_hasTarget = OA.hasTarget
_OA_identifying = OA.identifying
_OA_motivatedBy = OA.motivatedBy
_OA_start = OA.start
_PK_Assertion = PK.Assertion
_PK_ExtractionRun = PK.ExtractionRun
_PK_Mention = PK.Mention
_PK_sentence = PK.sentence
_PROV_Activity = PROV.Activity
_PROV_SoftwareAgent = PROV.SoftwareAgent
_PROV_used = PROV.used
_PROV_wasAssociatedWith = PROV.wasAssociatedWith
_PROV_wasDerivedFrom = PROV.wasDerivedFrom
_PROV_wasGeneratedBy = PROV.wasGeneratedBy
_RDF_Statement = RDF.Statement
_RDF_object = RDF.object
_RDF_predicate = RDF.predicate
_RDF_subject = RDF.subject
_A = RDF.type
_RDFS_label = RDFS.label
_SKOS_Concept = SKOS.Concept
_SKOS_ConceptScheme = SKOS.ConceptScheme
_SKOS_inScheme = SKOS.inScheme
_SKOS_prefLabel = SKOS.prefLabel
_XSD_nonNegativeInteger = XSD.nonNegativeInteger


class _Builder:
    """Adds the triples of one export to a graph; see the module docstring."""

    def __init__(self, g: Graph, vocab: Vocabulary, base: str) -> None:
        self.g, self.vocab, self.base = g, vocab, base
        store = g.store
        # Straight to the store: Graph.add only re-checks term types, which are ours.
        self.add = partial(store.add, context=g)
        self.iris: dict[str, URIRef] = {}  # node id → IRI
        self.run: URIRef | None = None

    # ------------------------------------------------------------- helpers
    def iri(self, label: str, node_id: str) -> URIRef:
        """The IRI of a node id (minted from the id when the node was not read)."""
        found = self.iris.get(node_id)
        if found is None:
            found = self.iris[node_id] = node_iri(self.base, label, node_id)
        return found

    def scheme(self, label: str) -> URIRef:
        """The SKOS concept scheme of a label's concepts."""
        return URIRef(f"{self.base}scheme/{segment(label)}")

    # ------------------------------------------------------------- parts
    def provenance(self, reports: Iterable[str]) -> None:
        """The extraction run (a prov:Activity that used every report) and its software agent."""
        reports = sorted(reports)
        if not reports:
            return
        self.run = URIRef(f"{self.base}run/{digest(*reports)}")
        agent = URIRef(f"{self.base}agent/policykg")
        add = self.add
        add((agent, _A, _PROV_SoftwareAgent))
        add((agent, _RDFS_label, Literal("policykg")))
        add((self.run, _A, _PK_ExtractionRun))
        add((self.run, _A, _PROV_Activity))
        add((self.run, _RDFS_label, Literal("policykg extraction", lang="en")))
        add((self.run, _PROV_wasAssociatedWith, agent))
        for rid in reports:
            add((self.run, _PROV_used, self.iris.get(rid) or node_iri(self.base, "Report", rid)))

    def schemes(self) -> None:
        """One skos:ConceptScheme per label whose class is a skos:Concept."""
        for label in sorted(self.vocab.concept_labels):
            scheme = self.scheme(label)
            self.add((scheme, _A, _SKOS_ConceptScheme))
            for name in self.vocab.class_names[label]:
                self.add((scheme, _SKOS_prefLabel, name))

    def nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        """A node per row: its class (and kind subclass, SKOS concept), then its properties."""
        vocab, add = self.vocab, self.add
        node = vocab.model.nodes[label]
        cls = node.iri
        concept = label in vocab.concept_labels
        scheme = self.scheme(label) if concept else None
        props = [(p.key, vocab.term(p.iri), vocab.convert[p.iri], p.is_list) for p in node.properties]
        for row in rows:
            s = self.iris[row["id"]]
            add((s, _A, cls))
            kind_cls = vocab.kind_class.get(row.get("kind") or "")  # the Initiative kinds
            if kind_cls is not None:
                add((s, _A, kind_cls))
            if concept:
                add((s, _A, _SKOS_Concept))
                add((s, _SKOS_inScheme, scheme))
            name = row.get("name")
            for key, term, convert, is_list in props:
                value = row.get(key)
                if value is None:
                    continue
                if is_list:
                    for item in value:
                        if item is not None and item != name:  # an alias equal to the name is no alias
                            add((s, term, convert(item)))
                else:
                    add((s, term, convert(value)))

    def mentions(self, edges: EdgeRows) -> None:
        """MENTIONED_IN edges: the plain triple plus a Web Annotation with selectors."""
        add, base, run = self.add, self.base, self.run
        prop = self.vocab.model.relationships[edges.type].iri
        col = {k: i + 2 for i, k in enumerate(edges.keys)}
        i_start, i_end = col.get("start_offset"), col.get("end_offset")
        i_text, i_sentence = col.get("text"), col.get("sentence")
        for row in edges.rows:
            src, rid = row[0], row[1]
            entity, report = self.iri(edges.source_label, src), self.iri(edges.target_label, rid)
            start = row[i_start] if i_start is not None else None
            end = row[i_end] if i_end is not None else None
            add((entity, prop, report))
            m = URIRef(f"{base}mention/{digest(src, rid, start, end)}")
            target = URIRef(f"{m}-target")
            add((m, _A, _PK_Mention))
            add((m, _A, _OA_Annotation))
            add((m, _OA_motivatedBy, _OA_identifying))
            add((m, _OA_hasBody, entity))
            add((m, _OA_hasTarget, target))
            add((m, _PROV_wasDerivedFrom, report))
            if run is not None:
                add((m, _PROV_wasGeneratedBy, run))
            sentence = row[i_sentence] if i_sentence is not None else None
            if sentence:
                add((m, _PK_sentence, text_literal(sentence)))
            add((target, _A, _OA_SpecificResource))
            add((target, _OA_hasSource, report))
            if start is not None and end is not None:
                pos = URIRef(f"{m}-position")
                add((target, _OA_hasSelector, pos))
                add((pos, _A, _OA_TextPositionSelector))
                add((pos, _OA_start, Literal(start, datatype=_XSD_nonNegativeInteger)))
                add((pos, _OA_end, Literal(end, datatype=_XSD_nonNegativeInteger)))
            text = row[i_text] if i_text is not None else None
            if text:
                quote = URIRef(f"{m}-quote")
                add((target, _OA_hasSelector, quote))
                add((quote, _A, _OA_TextQuoteSelector))
                add((quote, _OA_exact, Literal(text)))

    def relationships(self, edges: EdgeRows, reports_of: Callable[[str, str], list[str]]) -> None:
        """Other edges: the plain triple, plus a pk:Assertion when the edge carries properties.

        `reports_of(source id, target id)` names the reports an edge without a
        `report` property was derived from (the derived Region → entity edges).
        """
        add, base, run, vocab = self.add, self.base, self.run, self.vocab
        rel = vocab.model.relationships[edges.type]
        prop = rel.iri
        col = {k: i + 2 for i, k in enumerate(edges.keys)}
        props = [(col[p.key], vocab.term(p.iri), vocab.convert[p.iri], p.is_list)
                 for p in rel.properties if p.key in col]
        i_report = col.get("report")
        for row in edges.rows:
            a, b = self.iri(edges.source_label, row[0]), self.iri(edges.target_label, row[1])
            add((a, prop, b))
            if not props:
                continue
            report_id = row[i_report] if i_report is not None else None
            st = URIRef(f"{base}assertion/{digest(edges.type, row[0], row[1], report_id or '')}")
            add((st, _A, _PK_Assertion))
            add((st, _A, _RDF_Statement))
            add((st, _RDF_subject, a))
            add((st, _RDF_predicate, prop))
            add((st, _RDF_object, b))
            if run is not None:
                add((st, _PROV_wasGeneratedBy, run))
            if i_report is None:
                for rid in reports_of(row[0], row[1]):
                    add((st, _PROV_wasDerivedFrom, self.iri("Report", rid)))
            for i, term, convert, is_list in props:
                value = row[i]
                if value is None or value == "":
                    continue
                if term == _PROV_wasDerivedFrom:  # the `report` id (pk:exportAs prov:wasDerivedFrom)
                    add((st, term, self.iri("Report", value)))
                elif is_list:
                    for item in value:
                        add((st, term, convert(item)))
                else:
                    add((st, term, convert(value)))


def _derived_from(rows: GraphRows) -> Callable[[str, str], list[str]]:
    """reports_of(region, entity): reports ABOUT the region that mention the entity."""
    about: dict[str, set[str]] = defaultdict(set)
    mentioned: dict[str, set[str]] = defaultdict(set)
    for edges in rows.edges:
        if edges.type == "ABOUT":
            for row in edges.rows:
                about[row[1]].add(row[0])
        elif edges.type == "MENTIONED_IN":
            for row in edges.rows:
                mentioned[row[0]].add(row[1])
    return lambda src, dst: sorted(about.get(src, set()) & mentioned.get(dst, set()))


def build_graph(rows: GraphRows, model: GraphModel | None = None, base: str | None = None,
                include_ontology: bool = True, graph: Graph | None = None) -> Graph:
    """The RDF graph of `rows`: the ontology (unless excluded), then the data.

    Triples go in a fixed order (ontology, schemes, provenance, nodes per label,
    edges per type, rows sorted), so serialisers that follow insertion order
    write the same bytes every time. The graph is a new one on rdflib's
    SimpleMemory store (iteration in insertion order, fast adds) unless `graph`
    is given; pass `graph=Graph()` for tools that need a context-aware store,
    such as pySHACL.
    """
    model = model or load_model()
    base = normalize_base(base)
    vocab = vocabulary(model)
    g = new_graph(base, model, graph)
    with _gc_paused():
        _fill(g, rows, model, vocab, base, include_ontology)
    return g


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building: the graph makes tens of thousands of
    objects that all stay alive, and the collections they trigger cost a third of the build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _fill(g: Graph, rows: GraphRows, model: GraphModel, vocab: Vocabulary, base: str,
          include_ontology: bool) -> None:
    """Add the ontology (optionally) and the triples of `rows` to `g`, in a fixed order."""
    if include_ontology:
        for triple in ontology_graph():
            g.add(triple)
    b = _Builder(g, vocab, base)
    for label in model.nodes:
        for row in rows.nodes.get(label, []):  # IRIs first: edges and provenance name nodes
            b.iris[row["id"]] = node_iri(base, label, row["id"], row.get("code"))
    b.schemes()
    b.provenance(row["id"] for row in rows.nodes.get("Report", []))
    for label in model.nodes:
        b.nodes(label, rows.nodes.get(label, []))
    reports_of = _derived_from(rows)
    for edges in rows.edges:
        if edges.type == "MENTIONED_IN":
            b.mentions(edges)
        else:
            b.relationships(edges, reports_of)


Triple = tuple[Any, Any, Any]


class PageBuilder:
    """Builds an export one page at a time: each page a list of triples (`graph` turns one into a graph).

    Pages follow `build_graph`'s order (ontology, schemes and provenance, nodes
    per label, relationships per type), so the pages together hold the same
    triples as the whole graph, and a long export never holds more than a page.
    """

    def __init__(self, model: GraphModel | None = None, base: str | None = None) -> None:
        self.model = model or load_model()
        self.base = normalize_base(base)
        self.vocab = vocabulary(self.model)
        self.iris: dict[str, URIRef] = {}
        self.run: URIRef | None = None

    def graph(self, triples: Iterable[Triple] = ()) -> Graph:
        """A graph of these triples with every prefix of the export bound."""
        g = new_graph(self.base, self.model)
        for triple in triples:
            g.add(triple)
        return g

    def _builder(self) -> tuple[_Builder, list[Triple]]:
        triples: list[Triple] = []
        b = _Builder(_graph(), self.vocab, self.base)
        b.add = triples.append  # a page is only ever read back in order: a list is enough
        b.iris, b.run = self.iris, self.run
        return b, triples

    def ontology(self) -> list[Triple]:
        """The OWL ontology as a page."""
        return list(ontology_graph())

    def register(self, label: str, rows: Iterable[dict[str, Any]]) -> None:
        """Mint the IRIs of these nodes (before any page names them)."""
        for row in rows:
            self.iris[row["id"]] = node_iri(self.base, label, row["id"], row.get("code"))

    def head(self, report_ids: Iterable[str]) -> list[Triple]:
        """The concept schemes and the extraction run (which used every report)."""
        b, triples = self._builder()
        b.schemes()
        b.provenance(report_ids)
        self.run = b.run
        return triples

    def nodes(self, label: str, rows: list[dict[str, Any]]) -> list[Triple]:
        """A page of nodes of one label."""
        b, triples = self._builder()
        b.nodes(label, rows)
        return triples

    def edges(self, edges: EdgeRows, reports_of: Callable[[str, str], list[str]]) -> list[Triple]:
        """A page of relationships of one type between two labels."""
        b, triples = self._builder()
        if edges.type == "MENTIONED_IN":
            b.mentions(edges)
        else:
            b.relationships(edges, reports_of)
        return triples
