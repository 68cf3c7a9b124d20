"""The OWL ontology and the SHACL shapes: one definition of the model, labelled, aligned, complete."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from policykg.ontology.mapping import mapping_markdown
from policykg.ontology.model import ONTOLOGY_PATH, PK, load_model

SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SHAPES_PATH = ONTOLOGY_PATH.with_name("shapes.ttl")
ROOT = Path(__file__).resolve().parents[1]
LABELS = ["Report", "Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise"]
KINDS = {"mechanism": "Mechanism", "campaign": "Campaign", "programme": "Programme", "strategy": "Strategy",
         "theme_year": "ThemeYear", "policy_package": "PolicyPackage", "reform": "Reform"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def _pk_terms(g: Graph, kinds: tuple[URIRef, ...]) -> list[URIRef]:
    return sorted({s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(PK))})


def test_the_ontology_is_versioned(onto: Graph) -> None:
    ont = URIRef("https://w3id.org/policykg/ontology")
    assert (ont, RDF.type, OWL.Ontology) in onto
    version = onto.value(ont, OWL.versionIRI)
    assert version is not None and re.search(r"/\d+\.\d+\.\d+$", str(version))
    assert onto.value(ont, OWL.versionInfo) == Literal(str(version).rsplit("/", 1)[1])


def test_the_model_has_exactly_the_seven_node_labels() -> None:
    model = load_model()
    assert list(model.nodes) == LABELS
    assert sorted(model.relationships) == sorted(
        ["ABOUT", "ADOPTS", "BELONGS_TO", "DEVELOPS", "FOCUSES_ON", "HOSTS", "LOCATED_IN", "MENTIONED_IN",
         "PART_OF", "RUNS", "UNDERTAKES"])
    assert [p.key for p in model.nodes["Region"].properties] == ["id", "aliases", "code", "level", "name"]
    assert {p.key for p in model.relationships["MENTIONED_IN"].properties} == {
        "sentence", "start_offset", "end_offset", "text"}
    assert model.relationships["ADOPTS"].pairs == (("Region", "Initiative"),)
    assert len(model.relationships["MENTIONED_IN"].pairs) == 6


def test_every_initiative_kind_has_a_subclass_without_a_graph_label(onto: Graph) -> None:
    found = {str(v): cls for cls, v in onto.subject_objects(PK.kindValue)}
    assert found == {kind: PK[name] for kind, name in KINDS.items()}
    for cls in found.values():
        assert (cls, RDFS.subClassOf, PK.Initiative) in onto
        assert onto.value(cls, PK.graphLabel) is None
        others = set(found.values()) - {cls}
        assert all((cls, OWL.disjointWith, o) in onto or (o, OWL.disjointWith, cls) in onto for o in others)


def test_the_kinds_are_the_ones_extraction_produces() -> None:
    table = ROOT / "extract" / "data" / "initiative_heads.tsv"
    kinds = {line.split("\t")[1] for line in table.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    assert kinds | {"reform"} <= set(KINDS)


def test_every_term_has_chinese_and_english_labels_and_comments(onto: Graph) -> None:
    terms = _pk_terms(onto, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty))
    assert len(terms) > 50
    for term in terms:
        local = str(term).removeprefix(str(PK))
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", local), f"{term}: local names are ASCII"
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
            assert {"zh", "en"} <= langs, f"{term} lacks a {prop} in zh or en"


def test_a_class_per_label_and_a_property_per_relationship_with_domain_and_range(onto: Graph) -> None:
    model = load_model()
    for label, node in model.nodes.items():
        assert node.iri == PK[label] and (node.iri, RDF.type, OWL.Class) in onto
    for rtype, rel in model.relationships.items():
        assert (rel.iri, RDF.type, OWL.ObjectProperty) in onto, rtype
        assert len(list(onto.objects(rel.iri, RDFS.domain))) == 1, rtype
        assert len(list(onto.objects(rel.iri, RDFS.range))) == 1, rtype
    for key in ("name", "code", "year", "date", "kind"):
        props = [p for node in model.nodes.values() for p in node.properties if p.key == key]
        assert props and all((p.iri, RDF.type, OWL.DatatypeProperty) in onto for p in props), key


@pytest.mark.parametrize(("sub", "sup"), [
    (PK.Region, SCHEMA.AdministrativeArea), (PK.Project, SCHEMA.Project), (PK.Enterprise, SCHEMA.Organization),
    (PK.Enterprise, ORG.FormalOrganization), (PK.Report, SCHEMA.Report), (PK.Report, PROV.Entity),
    (PK.IndustrialChain, SKOS.Concept), (PK.Initiative, SKOS.Concept), (PK.Mention, OA.Annotation),
    (PK.ExtractionRun, PROV.Activity), (PK.Assertion, RDF.Statement)])
def test_classes_are_aligned_with_known_vocabularies(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


def test_names_aliases_and_codes_export_as_skos(onto: Graph) -> None:
    assert onto.value(PK.name, PK.exportAs) == SKOS.prefLabel
    assert onto.value(PK.alias, PK.exportAs) == SKOS.altLabel
    assert onto.value(PK.adcode, PK.exportAs) == SKOS.notation
    assert onto.value(PK.start, PK.exportAs) == OA.start and onto.value(PK.text, PK.exportAs) == OA.exact


def test_the_ontology_has_no_blank_nodes(onto: Graph) -> None:
    # exports that include it must stay byte-stable and isomorphic by plain comparison
    assert not any(isinstance(term, BNode) for triple in onto for term in triple)


def test_every_class_has_a_shape(onto: Graph, shapes: Graph) -> None:
    targets = set(shapes.objects(None, SH.targetClass))
    classes = _pk_terms(onto, (OWL.Class,))
    assert classes and set(classes) <= targets, set(classes) - targets
    assert {OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector, SKOS.ConceptScheme} <= targets


def test_shapes_cover_every_graph_property(shapes: Graph, onto: Graph) -> None:
    paths = set(shapes.objects(None, SH.path))
    model = load_model()
    for node in model.nodes.values():
        for p in node.properties:
            term = onto.value(p.iri, PK.exportAs) or p.iri
            assert term in paths, f"{node.label}.{p.key} ({term}) has no shape"
    for rel in model.relationships.values():
        if rel.type != "MENTIONED_IN":
            assert rel.iri in paths, rel.type


def test_the_mapping_tables_name_every_label_and_relationship() -> None:
    block = mapping_markdown()  # the README shows it (a cog block, checked by tests/test_readme.py)
    model = load_model()
    for label in model.nodes:
        assert f"`{label}` | `pk:{label}`" in block
    for rtype in model.relationships:
        assert f"| `{rtype}` |" in block
