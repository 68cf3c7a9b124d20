"""RDF export of the graph: Turtle, N-Triples, JSON-LD or RDF/XML, through rdflib.

`export_graph(store, out)` reads the store (`rows.read_rows`, Cypher both
stores run), builds the RDF graph (`triples.build_graph`, pure) and writes it
(`serialize`). The same store gives the same bytes every time: IRIs come from
ids and digests, never from run order, there are no blank nodes, and each
format is written in a fixed order — Turtle sorted by rdflib, N-Triples as
sorted lines, JSON-LD with its nodes sorted by `@id`, RDF/XML in the sorted
insertion order of the graph.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal
from rdflib.plugins.stores.memory import SimpleMemory

from policykg.outputs import write_atomic

from .iris import DEFAULT_BASE
from .rows import GraphRows, read_rows
from .triples import build_graph

__all__ = ["DEFAULT_BASE", "RDF_FORMATS", "GraphRows", "build_graph", "export_graph", "read_rows", "serialize"]

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


def export_graph(store: Any, out: str | Path, fmt: str = "turtle", base: str | None = None,
                 include_ontology: bool = True) -> Path:
    """Write the graph of `store` (embedded or Neo4j) as RDF to `out`; return the path.

    `base` is where data IRIs are minted (default https://w3id.org/policykg/id/);
    `include_ontology` puts the OWL ontology in the same file.
    """
    _check(fmt)
    graph = build_graph(read_rows(store), store.model, base=base, include_ontology=include_ontology)
    return write_atomic(out, serialize(graph, fmt))
