"""RDF export of the graph: Turtle, N-Triples, JSON-LD or RDF/XML, through rdflib, streamed.

`export_graph(store, out)` reads the store in pages (`rows`: a page of node
ids, or of the Report / source ends of a relationship type, in Cypher both
stores run), builds each page's triples as a small rdflib graph
(`triples.PageBuilder`, pure) and appends it to the file in the format's own
way (`PageWriter`): one header (prefixes, context or root element), then each
page's statements. Memory holds one page and the IRIs of the nodes, never the
whole graph. The same store gives the same bytes every time: pages come in a
fixed order (sorted ids), IRIs come from ids and digests, never from run order,
there are no blank nodes, and within a page Turtle is sorted by rdflib,
N-Triples as sorted lines, JSON-LD with its nodes sorted by `@id`, RDF/XML in
the sorted insertion order of the page.

`build_graph(read_rows(store))` still gives the whole graph in memory (for
SHACL validation of a small graph and for tests); `serialize` writes it.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.plugins.stores.memory import SimpleMemory

from policykg.outputs import atomic_file

from .iris import DEFAULT_BASE, digest, node_iri, text_literal
from .model import PK
from .rows import (
    NODE_PAGE,
    REPORT_PAGE,
    EdgeRows,
    GraphRows,
    derived_sources,
    edge_anchor,
    node_ids,
    pages,
    read_edges,
    read_nodes,
    read_rows,
)
from .triples import OA, PageBuilder, Triple, build_graph

__all__ = ["DEFAULT_BASE", "RDF_FORMATS", "GraphRows", "build_graph", "export_graph", "graph_pages", "read_rows",
           "serialize"]

_TYPE = RDF.type

#: The formats `export` writes (names as the command line takes them).
RDF_FORMATS: tuple[str, ...] = ("turtle", "nt", "jsonld", "xml")

#: The rdflib serialiser behind each format.
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


def _check(fmt: str) -> str:
    if fmt not in RDFLIB_FORMAT:
        raise ValueError(f"{fmt!r} is not one of {', '.join(RDF_FORMATS)}")
    return RDFLIB_FORMAT[fmt]


def rdflib_serialize(graph: Graph, fmt: str) -> bytes:
    """rdflib's own serialisation of `graph` in `fmt`, with the options the export uses."""
    name = _check(fmt)
    if name == "json-ld":
        context = {prefix: str(ns) for prefix, ns in sorted(graph.namespaces())}
        return graph.serialize(format=name, context=context, auto_compact=True, indent=1,
                               ensure_ascii=False, encoding="utf-8")
    return graph.serialize(format=name, encoding="utf-8")


def _in_order(graph: Graph) -> Graph:
    """`graph` itself when it iterates in insertion order, else a copy with its triples sorted.

    RDF/XML and JSON-LD follow the store's iteration order; rdflib's default
    store iterates sets (an order that changes with PYTHONHASHSEED), while the
    graphs `build_graph` makes iterate in their (sorted) insertion order.
    """
    if isinstance(graph.store, SimpleMemory):
        return graph
    copy = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        copy.bind(prefix, ns)
    for triple in sorted(graph):
        copy.add(triple)
    return copy


#: Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml(graph: Graph) -> None:
    """Refuse, with the reason, a graph RDF/XML cannot carry (rdflib would write a broken file)."""
    search = _NOT_XML.search
    for s, p, o in graph:
        found = isinstance(o, Literal) and search(o)
        if found:
            raise ValueError(f"RDF/XML cannot hold the character U+{ord(found.group()):04X} in {o!r} "
                             f"(of <{s}> <{p}>); export as turtle, nt or jsonld instead")


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """`graph` in `fmt` (one of RDF_FORMATS), UTF-8, the same bytes for the same triples.

    Raises ValueError for an unknown format, and for RDF/XML when a literal holds
    a control character XML 1.0 cannot represent (the other formats can).
    """
    if fmt == "xml":
        _check_xml(graph)
    data = rdflib_serialize(_in_order(graph) if fmt in ("jsonld", "xml") else graph, fmt)
    if fmt == "nt":
        lines = [line for line in data.split(b"\n") if line]
        lines.sort()
        return b"\n".join(lines) + b"\n" if lines else b""
    if fmt == "jsonld":
        doc: Any = json.loads(data)
        if isinstance(doc, dict) and isinstance(doc.get("@graph"), list):
            doc["@graph"].sort(key=lambda node: str(node.get("@id", "")))
        elif isinstance(doc, list):
            doc.sort(key=lambda node: str(node.get("@id", "")))
        return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return data


@dataclass
class MentionPage:
    """A page of MENTIONED_IN relationships kept as rows: the bulk of an export (some 17 triples per
    mention), which Turtle writes straight from the rows (`TurtlePages.mentions`) and the other formats
    from its triples."""

    edges: EdgeRows
    builder: PageBuilder

    def triples(self) -> list[Triple]:
        """The page's triples, as `PageBuilder.edges` makes them."""
        return self.builder.edges(self.edges, lambda src, dst: [])


def graph_pages(store: Any, pb: PageBuilder, include_ontology: bool = True,
                sample: int | None = None) -> Iterator[list[Triple] | MentionPage]:
    """The export of `store` as pages of triples, in a fixed order (see the module docstring).

    With `sample`, only the first `sample` reports (by id) and what they touch:
    their entities and regions, and the relationships among those that these
    reports support.
    """
    model = pb.model
    if include_ontology:
        yield pb.ontology()
    ids = {label: node_ids(store, label) for label in model.nodes}
    kept: set[str] | None = None
    if sample is not None:
        ids, kept = _sample_ids(store, pb, ids, sample)
    for label, node in model.nodes.items():
        keys = [p.key for p in node.properties]
        for page in pages(ids[label], NODE_PAGE):
            pb.register(label, read_nodes(store, label, ["id", "code"] if "code" in keys else ["id"], page))
    yield pb.head(ids.get("Report", []))
    for label, node in model.nodes.items():
        keys = [p.key for p in node.properties]
        for page in pages(ids[label], NODE_PAGE):
            yield pb.nodes(label, read_nodes(store, label, keys, page))
    for rtype, rel in model.relationships.items():
        keys = tuple(p.key for p in rel.properties)
        derived = bool(keys) and "report" not in keys and rtype != "MENTIONED_IN"
        for a, b in rel.pairs:
            end, label = edge_anchor(a, b)
            for page in pages(ids[label], REPORT_PAGE if label == "Report" else NODE_PAGE):
                edges = read_edges(store, rtype, a, b, keys, end, page)
                sources = derived_sources(store, b, page) if derived and a == "Region" else {}
                if kept is not None:
                    edges.rows = _sampled(edges, keys, sources, kept, derived)
                    sources = {k: [r for r in v if r in kept] for k, v in sources.items()}
                if edges.rows and rtype == "MENTIONED_IN":
                    yield MentionPage(edges, pb)
                elif edges.rows:
                    yield pb.edges(edges, lambda src, dst, sources=sources: sources.get((src, dst), []))


def _sample_ids(store: Any, pb: PageBuilder, ids: dict[str, list[str]],
                sample: int) -> tuple[dict[str, list[str]], set[str]]:
    """The ids of the nodes a sample of reports touches, per label, and the set of all of them."""
    reports = ids.get("Report", [])[:sample]
    chosen: dict[str, set[str]] = {label: set() for label in ids}
    chosen["Report"] = set(reports)
    for rtype, rel in pb.model.relationships.items():
        keys = [p.key for p in rel.properties]
        for a, b in rel.pairs:
            if "Report" in (a, b):
                anchor = "b" if b == "Report" else "a"
                where = f"{anchor}.id IN $ids"
            elif "report" in keys:
                where = "r.report IN $ids"
            else:
                continue
            _, rows = store.run(f"MATCH (a:{a})-[r:{rtype}]->(b:{b}) WHERE {where} RETURN a.id, b.id",
                                {"ids": reports})
            for x, y in rows:
                chosen[a].add(x)
                chosen[b].add(y)
    kept = set().union(*chosen.values())
    return {label: sorted(chosen[label]) for label in ids}, kept


def _sampled(edges: Any, keys: tuple[str, ...], sources: dict[tuple[str, str], list[str]], kept: set[str],
             derived: bool) -> list[tuple[Any, ...]]:
    """The rows of a page of relationships that stay in a sample."""
    i_report = keys.index("report") + 2 if "report" in keys else None
    out = []
    for row in edges.rows:
        if row[0] not in kept or row[1] not in kept:
            continue
        if i_report is not None and row[i_report] not in kept:
            continue
        if derived and not any(r in kept for r in sources.get((row[0], row[1]), [])):
            continue
        out.append(row)
    return out


class PageWriter:
    """Writes pages of one export into a file in one format: a header, each page, a footer."""

    def __init__(self, out: IO[bytes], fmt: str, pages: PageBuilder) -> None:
        prefixes = sorted((p, str(ns)) for p, ns in pages.graph().namespaces())
        self.out, self.fmt, self.prefixes, self.pages = out, fmt, prefixes, pages
        self.first = True
        if fmt == "turtle":
            self.turtle = TurtlePages(prefixes)
            out.write(self.turtle.header())
        elif fmt == "jsonld":
            context = json.dumps(dict(prefixes), ensure_ascii=False, indent=1, sort_keys=True)
            out.write(b'{\n"@context": ' + context.encode() + b',\n"@graph": [\n')
        elif fmt == "xml":
            spaces = "".join(f'\n   xmlns:{p}="{_xml_attr(ns)}"' for p, ns in prefixes)
            out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{spaces}\n>\n'.encode())

    def page(self, triples: list[Triple] | MentionPage) -> None:
        """Append one page."""
        if isinstance(triples, MentionPage):
            if self.fmt == "turtle":
                self.out.write(self.turtle.mentions(triples))
                return
            triples = triples.triples()
        if not triples:
            return
        if self.fmt == "turtle":
            self.out.write(self.turtle.page(triples))
            return
        graph = self.pages.graph(triples)
        if self.fmt == "xml":
            _check_xml(graph)
        data = serialize(graph, self.fmt)
        if self.fmt == "nt":
            self.out.write(data)
        elif self.fmt == "jsonld":
            doc: Any = json.loads(data)
            nodes = doc.get("@graph", [doc]) if isinstance(doc, dict) else doc
            for node in nodes:
                node.pop("@context", None)
                text = json.dumps(node, ensure_ascii=False, indent=1, sort_keys=True)
                self.out.write((b"" if self.first else b",\n") + text.encode())
                self.first = False
        elif self.fmt == "xml":
            text = data.decode("utf-8")
            start = text.index(">", text.index("<rdf:RDF")) + 1
            self.out.write(text[start : text.rindex("</rdf:RDF>")].strip("\n").encode() + b"\n")

    def close(self) -> None:
        """Write the footer."""
        if self.fmt == "jsonld":
            self.out.write(b"\n]\n}\n")
        elif self.fmt == "xml":
            self.out.write(b"</rdf:RDF>\n")


#: A local name written as `prefix:local` (anything else is written as a full <IRI>).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?")


class TurtlePages:
    """Turtle for pages of one export: one block of prefixes, then each page's subjects.

    rdflib's Turtle serialiser spends most of a large export finding prefixes
    and ordering predicates; here a page is written directly: subjects sorted,
    `a` first, then predicate–object pairs sorted, terms in rdflib's own N3 form
    (its escaping of literals), IRIs as prefixed names where the local part is
    plainly safe.
    """

    def __init__(self, prefixes: list[tuple[str, str]]) -> None:
        self.prefixes = prefixes
        self.names = {ns: p for p, ns in prefixes}
        self.seen: dict[str, str] = {}  # IRI → its Turtle text
        self.offsets: dict[int, str] = {}  # offset → its literal

    def header(self) -> bytes:
        """The prefix block."""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes).encode() + b"\n"

    def iri(self, iri: str, remember: bool = True) -> str:
        """An IRI in Turtle: `prefix:local` where the local part is plainly safe, else `<iri>`
        (remembered unless it is one that appears once, such as a mention's)."""
        found = self.seen.get(iri)
        if found is not None:
            return found
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.names.get(iri[:cut])
        text = f"{prefix}:{iri[cut:]}" if prefix is not None and _LOCAL.fullmatch(iri[cut:]) else f"<{iri}>"
        if remember and len(self.seen) < 100_000:  # classes, predicates and reports recur
            self.seen[iri] = text
        return text

    def term(self, node: Any) -> str:
        """One term in Turtle: an IRI as `iri` writes it, a literal in rdflib's own N3 form."""
        if isinstance(node, URIRef):
            return self.iri(str(node))
        return node.n3()

    def page(self, triples: list[Triple]) -> bytes:
        """The statements of one page (a triple given twice is written once)."""
        term = self.term
        subjects: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for s, p, o in triples:
            subjects[str(s)].add(("a" if p == _TYPE else term(p), term(o)))
        return self.emit(subjects)

    def emit(self, subjects: dict[str, set[tuple[str, str]]]) -> bytes:
        """Subject blocks, subjects sorted by IRI, `a` first, then predicate–object pairs sorted."""
        out = []
        for s in sorted(subjects):
            pairs = sorted(subjects[s], key=lambda po: (po[0] != "a", po))
            lines, last = [], None
            for p, o in pairs:
                if p == last:
                    lines[-1] += f" ,\n        {o}"
                else:
                    lines.append(f"    {p} {o}")
                    last = p
            out.append(f"{self.iri(s, False)}\n" + " ;\n".join(lines) + " .\n\n")
        return "".join(out).encode("utf-8")

    def mentions(self, page: MentionPage) -> bytes:
        """A page of mentions, written from its rows: the triples of `triples.PageBuilder.edges` (a
        `pk:Mention` with its target and selectors per row), without making an rdflib term for each.
        The same bytes as `page(page.triples())`; literals still get rdflib's N3 form, once per value."""
        edges, pb = page.edges, page.builder
        col = {k: i + 2 for i, k in enumerate(edges.keys)}
        i_start, i_end, i_text, i_sentence = (col.get(k) for k in ("start_offset", "end_offset", "text", "sentence"))
        iri, t = self.iri, _MentionTerms(self)
        prop = iri(str(pb.model.relationships[edges.type].iri))
        run = iri(str(pb.run)) if pb.run is not None else None
        base, known = pb.base, pb.iris
        sentences: dict[str, str] = {}
        quotes: dict[str, str] = {}
        subjects: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for row in edges.rows:
            src, rid = row[0], row[1]
            entity = str(known.get(src) or node_iri(base, edges.source_label, src))
            report = str(known.get(rid) or node_iri(base, edges.target_label, rid))
            e_text, r_text = iri(entity), iri(report)
            start = row[i_start] if i_start is not None else None
            end = row[i_end] if i_end is not None else None
            subjects[entity].add((prop, r_text))
            m = f"{base}mention/{digest(src, rid, start, end)}"
            target = f"{m}-target"
            pairs = subjects[m]
            pairs.update((("a", t.mention), ("a", t.annotation), (t.motivated_by, t.identifying),
                          (t.has_body, e_text), (t.has_target, iri(target, False)), (t.derived_from, r_text)))
            if run is not None:
                pairs.add((t.generated_by, run))
            sentence = row[i_sentence] if i_sentence is not None else None
            if sentence:
                lit = sentences.get(sentence)
                if lit is None:
                    lit = sentences[sentence] = text_literal(sentence).n3()
                pairs.add((t.sentence, lit))
            target_pairs = subjects[target]
            target_pairs.update((("a", t.specific_resource), (t.has_source, r_text)))
            if start is not None and end is not None:
                pos = f"{m}-position"
                target_pairs.add((t.has_selector, iri(pos, False)))
                subjects[pos].update((("a", t.position_selector), (t.start, t.offset(start)), (t.end, t.offset(end))))
            text = row[i_text] if i_text is not None else None
            if text:
                quote = f"{m}-quote"
                target_pairs.add((t.has_selector, iri(quote, False)))
                lit = quotes.get(text)
                if lit is None:
                    lit = quotes[text] = Literal(text).n3()
                subjects[quote].update((("a", t.quote_selector), (t.exact, lit)))
        return self.emit(subjects)


class _MentionTerms:
    """The Turtle text of the terms every mention uses, and of offsets (each value once)."""

    def __init__(self, pages: TurtlePages) -> None:
        term = pages.term
        self.mention, self.annotation = term(PK.Mention), term(OA.Annotation)
        self.motivated_by, self.identifying = term(OA.motivatedBy), term(OA.identifying)
        self.has_body, self.has_target, self.has_source = term(OA.hasBody), term(OA.hasTarget), term(OA.hasSource)
        self.derived_from, self.generated_by = term(PROV.wasDerivedFrom), term(PROV.wasGeneratedBy)
        self.sentence, self.specific_resource = term(PK.sentence), term(OA.SpecificResource)
        self.has_selector, self.position_selector = term(OA.hasSelector), term(OA.TextPositionSelector)
        self.start, self.end = term(OA.start), term(OA.end)
        self.quote_selector, self.exact = term(OA.TextQuoteSelector), term(OA.exact)
        self.offsets = pages.offsets

    def offset(self, value: int) -> str:
        """An offset as an `xsd:nonNegativeInteger` literal."""
        found = self.offsets.get(value)
        if found is None:
            found = self.offsets[value] = Literal(value, datatype=XSD.nonNegativeInteger).n3()
        return found


def _xml_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def export_graph(store: Any, out: str | Path, fmt: str = "turtle", base: str | None = None,
                 include_ontology: bool = True, sample: int | None = None) -> Path:
    """Write the graph of `store` (embedded or Neo4j) as RDF to `out`, page by page; return the path.

    `base` is where data IRIs are minted (default https://w3id.org/policykg/id/);
    `include_ontology` puts the OWL ontology in the same file. `sample` exports
    only the first N reports and what they touch: a small file on which SHACL
    validation of a large graph takes seconds. The file appears complete or not
    at all (written beside `out`, then renamed).
    """
    _check(fmt)
    pages = PageBuilder(store.model, base)
    with atomic_file(out) as f:
        writer = PageWriter(f, fmt, pages)
        for triples in graph_pages(store, pages, include_ontology, sample):
            writer.page(triples)
        writer.close()
    return Path(out)
