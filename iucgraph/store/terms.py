"""Conversion of RDF terms between rdflib (parsing, SHACL, serialising) and pyoxigraph (queries)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: object) -> Node | None:
    return None if term is None else term_from_ox(term)


def term_from_ox(term: object) -> Node:
    """An Oxigraph term as rdflib's; blank nodes keep their label (reports map back)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise TypeError(f"unsupported term: {term!r}")


def dataset_to_nquads(dataset: Dataset) -> bytes:
    """N-Quads of every quad (default graph kept as such), serialised by pyoxigraph (fast)."""
    quads = (
        ox.Quad(
            to_ox(s),  # type: ignore[arg-type]
            to_ox(p),  # type: ignore[arg-type]
            to_ox(o),
            ox.DefaultGraph() if g is None or g == DATASET_DEFAULT_GRAPH_ID else to_ox(g),  # type: ignore[arg-type]
        )
        for s, p, o, g in dataset.quads((None, None, None, None))
    )
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def quads_to_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib Dataset (for SHACL and rdflib serialisers) of pyoxigraph quads."""
    ds = Dataset()
    for q in quads:
        graph = None if isinstance(q.graph_name, ox.DefaultGraph) else from_ox(q.graph_name)
        triple = (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        if graph is None:
            ds.default_graph.add(triple)
        else:
            ds.graph(graph).add(triple)  # type: ignore[arg-type]
    return ds
