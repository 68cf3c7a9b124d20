"""The property graph → RDF mapping as Markdown tables, generated from the ontology.

The README's mapping tables are this output (a cog block, `make readme`; also
`python -m policykg.ontology.mapping`), so they cannot drift from the ontology
that both the stores and the export read.
"""
from __future__ import annotations

from rdflib import RDFS, XSD, URIRef

from .iris import segment
from .model import PK, GraphModel, load_model
from .triples import VOCAB_PREFIXES, ontology_graph, vocabulary

_LITERAL = {RDFS.Literal: "text: `@zh` when Chinese, else plain", XSD.string: "`xsd:string`",
            XSD.integer: "`xsd:integer`", XSD.date: "`xsd:date`", XSD.boolean: "`xsd:boolean`"}
_IRI_KEY = {"Region": "code (a region without one: its id, percent-encoded)"}


def qname(iri: URIRef) -> str:
    """`iri` as prefix:local with the export's vocabulary prefixes."""
    for prefix, ns in sorted(VOCAB_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if str(iri).startswith(ns):
            return f"{prefix}:{str(iri)[len(ns):]}"
    return f"<{iri}>"


def _codes(terms: list[URIRef]) -> str:
    return ", ".join(f"`{qname(t)}`" for t in terms) or "—"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def node_table(model: GraphModel) -> list[str]:
    """Node label → class, the extra types the export writes, alignments and IRI pattern."""
    g, vocab = ontology_graph(), vocabulary(model)
    out = [_row("node label", "class", "also typed", "aligned with (rdfs:subClassOf)", "IRI"),
           _row(*["---"] * 5)]
    for label, node in model.nodes.items():
        also = []
        if label == "Initiative":
            also.append("its kind: " + _codes([vocab.kind_class[k] for k in sorted(vocab.kind_class)]))
        if label in vocab.concept_labels:
            also.append(f"`skos:Concept` in `<base>scheme/{segment(label)}`")
        aligned = sorted(o for o in g.objects(node.iri, RDFS.subClassOf) if o != PK.Entity)
        key = _IRI_KEY.get(label, "id")
        out.append(_row(f"`{label}`", f"`{qname(node.iri)}`", "; ".join(also) or "—", _codes(aligned),
                        f"`<base>{segment(label)}/…` from its {key}"))
    return out


def relationship_table(model: GraphModel) -> list[str]:
    """Relationship type → object property, domain and range, and where the edge's properties go."""
    g = ontology_graph()
    out = [_row("relationship", "property", "domain → range", "aligned with", "edge properties go to"),
           _row(*["---"] * 5)]
    for rtype, rel in model.relationships.items():
        dom, rng = g.value(rel.iri, RDFS.domain), g.value(rel.iri, RDFS.range)
        keys = {p.key for p in rel.properties}
        if rtype == "MENTIONED_IN":
            where = ("a `pk:Mention` (`oa:Annotation`): `oa:hasBody` the entity, `oa:hasTarget` an "
                     "`oa:SpecificResource` of the report with `oa:TextPositionSelector` (`oa:start`/`oa:end`) "
                     "and `oa:TextQuoteSelector` (`oa:exact`); `pk:sentence`; `prov:wasDerivedFrom` the report")
        elif "report" in keys:
            where = ("a `pk:Assertion` (`rdf:Statement`) per report: `prov:wasDerivedFrom` the report, "
                     "`pk:sentence`")
        elif keys:
            where = ("a `pk:Assertion` (`rdf:Statement`): " + _codes(sorted(p.iri for p in rel.properties))
                     + "; `prov:wasDerivedFrom` the region's reports naming the entity")
        else:
            where = "— (plain triple only)"
        aligned = sorted(g.objects(rel.iri, RDFS.subPropertyOf))
        out.append(_row(f"`{rtype}`", f"`{qname(rel.iri)}`", f"`{qname(dom)}` → `{qname(rng)}`",
                        _codes(aligned), where))
    return out


def property_table(model: GraphModel) -> list[str]:
    """Property key → datatype property, the term written for it and its literal form."""
    g, vocab = ontology_graph(), vocabulary(model)
    holders: dict[URIRef, list[str]] = {}
    keys: dict[URIRef, str] = {}
    for holder, props in [*((n.label, n.properties) for n in model.nodes.values()),
                          *((r.type, r.properties) for r in model.relationships.values())]:
        for p in props:
            holders.setdefault(p.iri, []).append(holder)
            keys[p.iri] = p.key + ("[]" if p.is_list else "")
    out = [_row("property key", "on", "datatype property", "written as", "literal"), _row(*["---"] * 5)]
    for iri in sorted(holders, key=lambda i: (keys[i] != "id", keys[i])):
        written = vocab.term(iri)
        rng = g.value(iri, RDFS.range)
        literal = "report IRI" if written == URIRef("http://www.w3.org/ns/prov#wasDerivedFrom") else \
            _LITERAL.get(rng, f"`{qname(rng)}`" if rng else "—")
        if written in (URIRef("http://www.w3.org/ns/oa#start"), URIRef("http://www.w3.org/ns/oa#end")):
            literal = "`xsd:nonNegativeInteger`"
        on = ("every node" if holders[iri] == list(model.nodes)
              else "every entity" if holders[iri] == model.entity_labels else ", ".join(holders[iri]))
        out.append(_row(f"`{keys[iri]}`", on, f"`{qname(iri)}`", f"`{qname(written)}`", literal))
    return out


def mapping_markdown(model: GraphModel | None = None) -> str:
    """The three mapping tables (node labels, relationships, properties) as Markdown."""
    model = model or load_model()
    parts = [node_table(model), relationship_table(model), property_table(model)]
    return "\n\n".join("\n".join(lines) for lines in parts) + "\n"


if __name__ == "__main__":
    print(mapping_markdown(), end="")
