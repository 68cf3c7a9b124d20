"""The RDF export: valid against the shapes, parses back isomorphic, byte-stable, safe for any name."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

from policykg.graph.store import open_store
from policykg.ontology import rdf as rdf_module
from policykg.ontology.iris import DEFAULT_BASE, node_iri, normalize_base
from policykg.ontology.model import ONTOLOGY_PATH, PK
from policykg.ontology.rdf import RDF_FORMATS, build_graph, export_graph, read_rows, serialize
from policykg.ontology.rows import EdgeRows, GraphRows

ROOT = Path(__file__).resolve().parents[1]
OA = Namespace("http://www.w3.org/ns/oa#")
# (not rdflib.XSD: pytest probes module attributes and XSD warns about the unknown ones)
NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
PARSE_AS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
WEIRD = 'a "quoted" > name\nwith a space'


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_PATH.with_name("shapes.ttl"), format="turtle")


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory, _example_facts: dict[str, Any]) -> Path:
    """A database file with the examples, closed, so tests and subprocesses can open it read-only."""
    db = tmp_path_factory.mktemp("rdf") / "g.lbdb"
    with open_store(db) as store:
        assert not store.load_facts(_example_facts)["failed"]
    return db


def _export(db: Path, out: Path, fmt: str = "turtle", **kw: Any) -> bytes:
    with open_store(db, read_only=True) as store:
        return export_graph(store, out, fmt=fmt, **kw).read_bytes()


def _built(db: Path, **kw: Any) -> Graph:
    with open_store(db, read_only=True) as store:
        return build_graph(read_rows(store), store.model, **kw)


def _conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(data, shacl_graph=shapes)
    return conforms, text


# ------------------------------------------------------------------- the examples
def test_the_examples_conform_to_the_shapes_and_parse_back_isomorphic(example_db: Path, tmp_path: Path,
                                                                        shapes: Graph) -> None:
    data = _export(example_db, tmp_path / "data.ttl", include_ontology=False)
    parsed = Graph().parse(data=data, format="turtle")
    assert isomorphic(parsed, _built(example_db, include_ontology=False))
    conforms, report = _conforms(parsed, shapes)
    assert conforms, report
    assert not list(parsed.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))


def test_the_export_with_the_ontology_conforms_too(weird_db: Path, tmp_path: Path, shapes: Graph) -> None:
    # with rdfs:subClassOf in the graph, pksh:EntityShape targets every entity as well
    parsed = Graph().parse(data=_export(weird_db, tmp_path / "g.ttl"), format="turtle")
    assert (PK.Region, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in parsed
    conforms, report = _conforms(parsed, shapes)
    assert conforms, report


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_every_format_parses_back_isomorphic_and_is_byte_stable(example_db: Path, tmp_path: Path, fmt: str) -> None:
    first = _export(example_db, tmp_path / f"a.{fmt}", fmt)
    second = _export(example_db, tmp_path / f"b.{fmt}", fmt)
    assert first == second
    parsed = Graph().parse(data=first, format=PARSE_AS[fmt])
    assert isomorphic(parsed, _built(example_db))


def test_other_processes_write_the_same_bytes(example_db: Path, tmp_path: Path) -> None:
    """Hash randomisation must not reach the output (rdflib's default store iterates sets)."""
    here = {fmt: _export(example_db, tmp_path / f"here.{fmt}", fmt) for fmt in RDF_FORMATS}
    script = ("import sys\n"
              "from policykg.graph.store import open_store; from policykg.ontology.rdf import export_graph\n"
              "with open_store(sys.argv[1], read_only=True) as s:\n"
              "    for f in ('turtle', 'nt', 'jsonld', 'xml'): export_graph(s, f'{sys.argv[2]}/there.{f}', fmt=f)\n")
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(example_db), str(tmp_path)], cwd=ROOT, env=env,
                       check=True, timeout=300)
        for fmt in RDF_FORMATS:
            assert (tmp_path / f"there.{fmt}").read_bytes() == here[fmt], (fmt, seed)


def test_data_follows_the_vocabularies(example_db: Path) -> None:
    g = _built(example_db, include_ontology=False)
    region = next(g.subjects(RDF.type, PK.Region))
    name = g.value(region, SKOS.prefLabel)
    assert isinstance(name, Literal) and name.language == "zh"
    code = g.value(region, SKOS.notation)
    assert code is not None and str(region) == f"{DEFAULT_BASE}region/{code}"
    initiative = next(g.subjects(RDF.type, PK.Initiative))
    assert (initiative, RDF.type, SKOS.Concept) in g
    assert g.value(initiative, SKOS.inScheme) == URIRef(DEFAULT_BASE + "scheme/initiative")
    kind_classes = {o for o in g.objects(initiative, RDF.type)} - {PK.Initiative, SKOS.Concept}
    assert len(kind_classes) == 1
    mention = next(g.subjects(RDF.type, PK.Mention))
    target = g.value(mention, OA.hasTarget)
    report = g.value(mention, PROV.wasDerivedFrom)
    assert g.value(target, OA.hasSource) == report and (report, RDF.type, PK.Report) in g
    selectors = set(g.objects(target, OA.hasSelector))
    position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
    quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
    assert g.value(position, OA.start).datatype == NNI
    assert str(g.value(quote, OA.exact))
    run = g.value(mention, PROV.wasGeneratedBy)
    assert (run, RDF.type, PROV.Activity) in g and (run, PROV.used, report) in g
    statement = next(g.subjects(RDF.predicate, PK.adopts))
    assert (g.value(statement, RDF.subject), PK.adopts, g.value(statement, RDF.object)) in g
    assert set(g.objects(statement, PK.years)) and set(g.objects(statement, PROV.wasDerivedFrom))


def test_the_mention_quotes_the_original_text(example_db: Path, _example_facts: dict[str, Any]) -> None:
    g = _built(example_db, include_ontology=False)
    ent = next(e for e in _example_facts["entities"] if e["mentions"])
    m = ent["mentions"][0]
    entity = node_iri(DEFAULT_BASE, ent["type"], ent["id"], ent.get("code"))
    for mention in g.subjects(OA.hasBody, entity):
        target = g.value(mention, OA.hasTarget)
        for sel in g.objects(target, OA.hasSelector):
            if g.value(sel, OA.start) == Literal(m["start"], datatype=NNI):
                quote = next(s for s in g.objects(target, OA.hasSelector) if s != sel)
                assert str(g.value(quote, OA.exact)) == m["text"]
                return
    pytest.fail("the mention was not exported")


def test_a_base_iri_and_no_ontology(example_db: Path, tmp_path: Path) -> None:
    base = "https://example.org/kg/"
    g = Graph().parse(data=_export(example_db, tmp_path / "g.nt", "nt", base=base, include_ontology=False),
                      format="nt")
    subjects = {s for s in g.subjects() if not str(s).startswith(str(PK))}
    assert subjects and all(str(s).startswith(base) for s in subjects)
    assert (PK.Region, None, None) not in g
    with pytest.raises(ValueError, match="base"):
        _export(example_db, tmp_path / "x.ttl", base="not an iri")
    assert normalize_base("https://example.org/kg") == "https://example.org/kg/"
    assert normalize_base("https://example.org/kg#") == "https://example.org/kg#"


def test_only_cypher_both_stores_run(example_db: Path) -> None:
    seen: list[str] = []

    class Recording:
        def __init__(self, store: Any) -> None:
            self.store, self.model = store, store.model

        def run(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
            seen.append(cypher)
            return self.store.run(cypher, params)

    with open_store(example_db, read_only=True) as store:
        read_rows(Recording(store))
    assert seen
    for q in seen:
        assert q.startswith("MATCH ") and "label(" not in q.lower() and "labels(" not in q.lower()


# ------------------------------------------------------------------- names that break naive exporters
def _weird_facts() -> dict[str, Any]:
    rid = "report:00000000000000ff"
    town = f'region:371702000000:某 "镇" <{WEIRD}>'
    sentence = 'He said "yes" > no\n  and <left>.'
    return {
        "schema": "policykg/facts@1", "generator": {"name": "policykg", "version": "test"},
        "reports": [{"id": rid, "source": 'dir with space/"quoted" <a>.txt', "title": WEIRD, "region": "某镇",
                     "region_id": town, "region_level": "township", "parent": "牡丹区", "province": "山东省",
                     "adcode": None, "year": 2023, "date": "2024-01-17", "speaker": None, "chars": 60}],
        "entities": [
            {"id": "region:371702000000", "type": "Region", "name": "牡丹区", "aliases": [], "kind": None,
             "level": "county", "code": "371702000000", "reports": [], "mentions": []},
            {"id": town, "type": "Region", "name": f'某 "镇" <{WEIRD}>', "aliases": [], "kind": None,
             "level": "township", "code": None, "reports": [rid], "mentions": []},
            {"id": "project:id with/slash?&#", "type": "Project", "name": WEIRD, "aliases": ['"quoted"', WEIRD],
             "kind": None, "level": None, "code": None, "reports": [rid],
             "mentions": [{"report": rid, "start": 3, "end": 12, "text": 'a "q" >\n ', "sentence": sentence}]},
            {"id": "enterprise:abb", "type": "Enterprise", "name": "ABB <Ltd> \"x\"", "aliases": [], "kind": None,
             "level": None, "code": None, "reports": [rid],
             "mentions": [{"report": rid, "start": 20, "end": 23, "text": "ABB", "sentence": sentence}]},
            {"id": "initiative:c1", "type": "Initiative", "name": "清洁 \"行动\"", "aliases": [], "kind": "campaign",
             "level": None, "code": None, "reports": [rid],
             "mentions": [{"report": rid, "start": 30, "end": 36, "text": "清洁 \"行动\"", "sentence": sentence}]},
        ],
        "relations": [
            {"type": "PART_OF", "source": town, "target": "region:371702000000", "reports": [rid],
             "evidence": [{"report": rid, "sentence": ""}]},
            {"type": "UNDERTAKES", "source": "enterprise:abb", "target": "project:id with/slash?&#",
             "reports": [rid], "evidence": [{"report": rid, "sentence": sentence}]},
        ],
    }


@pytest.fixture(scope="module")
def weird_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("weird") / "g.lbdb"
    with open_store(db) as store:
        assert not store.load_facts(_weird_facts())["failed"]
    return db


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_quotes_brackets_newlines_and_spaces_export_validly(weird_db: Path, tmp_path: Path, fmt: str,
                                                           shapes: Graph) -> None:
    data = _export(weird_db, tmp_path / f"w.{fmt}", fmt, include_ontology=False)
    parsed = Graph().parse(data=data, format=PARSE_AS[fmt])
    assert isomorphic(parsed, _built(weird_db, include_ontology=False))
    names = {str(o) for o in parsed.objects(None, SKOS.prefLabel)}
    assert WEIRD in names and 'ABB <Ltd> "x"' in names
    for triple in parsed:
        for term in triple:
            if isinstance(term, URIRef):
                assert not set(str(term)) & set(' "<>\n{}|\\^`'), term
    if fmt == "turtle":
        conforms, report = _conforms(parsed, shapes)
        assert conforms, report


def test_names_never_mint_region_iris(weird_db: Path) -> None:
    g = _built(weird_db, include_ontology=False)
    county = URIRef(DEFAULT_BASE + "region/371702000000")
    assert g.value(county, SKOS.notation) == Literal("371702000000")
    town = next(s for s, o in g.subject_objects(PK.level) if str(o) == "township")
    assert str(town).startswith(DEFAULT_BASE + "region/371702000000%3A") and (town, PK.partOf, county) in g
    project = next(g.subjects(RDF.type, PK.Project))
    assert str(project) == DEFAULT_BASE + "project/id%20with%2Fslash%3F%26%23"
    # an alias equal to the name is not an alias; ASCII text is a plain literal, Chinese is @zh
    assert set(g.objects(project, SKOS.altLabel)) == {Literal('"quoted"')}
    assert g.value(next(g.subjects(RDF.type, PK.Enterprise)), SKOS.prefLabel).language is None
    assert g.value(next(g.subjects(RDF.type, PK.Initiative)), SKOS.prefLabel).language == "zh"
    assert (next(g.subjects(RDF.type, PK.Initiative)), RDF.type, PK.Campaign) in g


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_control_characters_survive_except_in_rdf_xml() -> None:
    rows = GraphRows(nodes={"Park": [{"id": "park:ff", "name": "页\x0c眉\x00园区"}]})
    g = build_graph(rows, include_ontology=False)
    for fmt in ("turtle", "nt", "jsonld"):
        parsed = Graph().parse(data=serialize(g, fmt), format=PARSE_AS[fmt])
        assert Literal("页\x0c眉\x00园区", lang="zh") in set(parsed.objects(None, SKOS.prefLabel)), fmt
    with pytest.raises(ValueError, match="U\\+000C"):
        serialize(g, "xml")


def test_same_names_different_codes_stay_apart() -> None:
    rows = GraphRows(nodes={"Region": [
        {"id": "region:430100000000", "name": "长沙市", "code": "430100000000", "level": "prefecture"},
        {"id": "region:430121000000", "name": "长沙县", "code": "430121000000", "level": "county"},
        {"id": "region:430121000000x", "name": "长沙县", "code": "430121000001", "level": "county"},
    ]})
    g = build_graph(rows, include_ontology=False)
    iris = sorted(str(s) for s in g.subjects(RDF.type, PK.Region))
    assert iris == [DEFAULT_BASE + "region/" + c for c in ("430100000000", "430121000000", "430121000001")]


# ------------------------------------------------------------------- the shapes catch what is wrong
def _small_graph() -> Graph:
    rid = "report:01"
    rows = GraphRows(
        nodes={"Report": [{"id": rid, "source": "a.txt", "year": 2023}],
               "Region": [{"id": "region:430100000000", "name": "长沙市", "code": "430100000000"}],
               "Initiative": [{"id": "initiative:01", "name": "链长制", "kind": "mechanism"}]},
        edges=[EdgeRows("ABOUT", "Report", "Region", (), [(rid, "region:430100000000")]),
               EdgeRows("MENTIONED_IN", "Initiative", "Report", ("end_offset", "sentence", "start_offset", "text"),
                        [("initiative:01", rid, 5, "推行链长制。", 2, "链长制")]),
               EdgeRows("ADOPTS", "Region", "Initiative", ("years",),
                        [("region:430100000000", "initiative:01", [2023])])])
    g = Graph()  # pySHACL needs rdflib's default (context-aware) store
    return build_graph(rows, include_ontology=False, graph=g)


def test_the_small_graph_conforms(shapes: Graph) -> None:
    conforms, report = _conforms(_small_graph(), shapes)
    assert conforms, report


def _second_name(g: Graph) -> None:
    g.add((next(g.subjects(RDF.type, PK.Region)), SKOS.prefLabel, Literal("长沙", lang="zh")))


def _code_not_in_iri(g: Graph) -> None:
    region = next(g.subjects(RDF.type, PK.Region))
    g.set((region, SKOS.notation, Literal("430121000000")))


def _two_kinds(g: Graph) -> None:
    g.add((next(g.subjects(RDF.type, PK.Initiative)), RDF.type, PK.Reform))


def _unasserted_statement(g: Graph) -> None:
    st = next(g.subjects(RDF.type, PK.Assertion))
    g.remove((g.value(st, RDF.subject), PK.adopts, g.value(st, RDF.object)))


def _offsets_backwards(g: Graph) -> None:
    sel = next(g.subjects(RDF.type, OA.TextPositionSelector))
    g.set((sel, OA.end, Literal(0, datatype=NNI)))


def _wrong_range(g: Graph) -> None:
    g.add((next(g.subjects(RDF.type, PK.Region)), PK.adopts, next(g.subjects(RDF.type, PK.Report))))


def _english_name(g: Graph) -> None:
    g.set((next(g.subjects(RDF.type, PK.Initiative)), SKOS.prefLabel, Literal("chain chief", lang="en")))


@pytest.mark.parametrize("breaks", [_second_name, _code_not_in_iri, _two_kinds, _unasserted_statement,
                                    _offsets_backwards, _wrong_range, _english_name])
def test_the_shapes_reject_broken_data(shapes: Graph, breaks: Any) -> None:
    g = _small_graph()
    breaks(g)
    conforms, _ = _conforms(g, shapes)
    assert not conforms


def test_serialize_is_the_same_for_the_same_graph() -> None:
    g = _small_graph()
    for fmt in RDF_FORMATS:
        assert serialize(g, fmt) == serialize(_small_graph(), fmt)
    with pytest.raises(ValueError):
        serialize(g, "yaml")


# ------------------------------------------------------------------- the same file from Neo4j
@pytest.mark.neo4j
def test_neo4j_exports_the_same_bytes_as_the_embedded_store(neo4j_target: Any, example_db: Path, tmp_path: Path,
                                                            _example_facts: dict[str, Any]) -> None:
    from policykg.graph.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_target.uri, user=neo4j_target.user, password=neo4j_target.password,
                    database=neo4j_target.database) as store:
        store.clear()
        assert not store.load_facts(_example_facts)["failed"]
        for fmt in ("turtle", "nt"):
            from_neo4j = export_graph(store, tmp_path / f"neo4j.{fmt}", fmt=fmt).read_bytes()
            assert from_neo4j == _export(example_db, tmp_path / f"embedded.{fmt}", fmt), fmt
        store.clear()


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_an_export_in_many_small_pages_holds_the_same_graph(example_db: Path, tmp_path: Path, fmt: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 7 nodes and 2 reports: every page boundary crossed, the same triples, a valid file."""
    whole = _export(example_db, tmp_path / f"whole.{fmt}", fmt)
    monkeypatch.setattr(rdf_module, "NODE_PAGE", 7)
    monkeypatch.setattr(rdf_module, "REPORT_PAGE", 2)
    paged = _export(example_db, tmp_path / f"paged.{fmt}", fmt)
    assert paged != whole  # more pages, laid out differently ...
    parsed = Graph().parse(data=paged, format=PARSE_AS[fmt])
    assert isomorphic(parsed, _built(example_db))  # ... holding the same graph


def test_a_sample_export_holds_a_few_reports_and_conforms(example_db: Path, tmp_path: Path, shapes: Graph) -> None:
    """`sample=2`: two reports and what they touch, every node it names typed, valid against the shapes."""
    whole = Graph().parse(data=_export(example_db, tmp_path / "whole.ttl", include_ontology=False), format="turtle")
    part = Graph().parse(data=_export(example_db, tmp_path / "part.ttl", include_ontology=False, sample=2),
                         format="turtle")
    reports = set(part.subjects(RDF.type, PK.Report))
    assert len(reports) == 2 and len(set(whole.subjects(RDF.type, PK.Report))) == 5
    assert 0 < len(part) < len(whole)
    def data(g: Graph) -> set:  # without the extraction run, whose IRI is a digest of the reports it used
        return {t for t in g if not any("/run/" in str(term) for term in t)}

    assert data(part) <= data(whole)  # nothing the whole graph lacks
    conforms, report = _conforms(part, shapes)
    assert conforms, report


@pytest.mark.parametrize("db", ["example_db", "weird_db"])
def test_turtle_writes_mentions_from_their_rows_as_from_their_triples(db: str, request: pytest.FixtureRequest) -> None:
    """The Turtle of a mention page written straight from its rows (`TurtlePages.mentions`) is the
    generic writer's for the same page's triples, byte for byte (weird text, quotes and newlines included)."""
    with open_store(request.getfixturevalue(db), read_only=True) as store:
        pb = rdf_module.PageBuilder(store.model)
        pages = [p for p in rdf_module.graph_pages(store, pb) if isinstance(p, rdf_module.MentionPage)]
        assert pages and sum(len(p.edges.rows) for p in pages) == store.counts()["MENTIONED_IN"]
        prefixes = sorted((p, str(ns)) for p, ns in pb.graph().namespaces())
        for page in pages:
            assert (rdf_module.TurtlePages(prefixes).mentions(page)
                    == rdf_module.TurtlePages(prefixes).page(page.triples()))
