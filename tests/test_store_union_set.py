"""The default graph that queries see is the union of the named graphs as an RDF graph (a set):
a fact stated by two sources is one solution, while GRAPH ?g still sees both statements."""

import json

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.config import StoreSettings
from iucgraph.store import EmbeddedStore

EX = "http://example.org/"
JSON = "application/sparql-results+json"


def _restated() -> Dataset:
    ds = Dataset()
    fact = (URIRef(EX + "a"), RDFS.label, Literal("A", lang="en"))
    ds.graph(URIRef(EX + "g1")).add(fact)
    ds.graph(URIRef(EX + "g2")).add(fact)
    ds.graph(URIRef(EX + "g2")).add((URIRef(EX + "b"), RDFS.label, Literal("B")))
    ds.add((URIRef(EX + "c"), RDFS.label, Literal("C")))  # the dataset's own default graph
    return ds


@pytest.fixture
def store():
    s = EmbeddedStore(_restated(), StoreSettings(max_concurrent_queries=1))
    yield s
    s.close()


def _rows(store: EmbeddedStore, query: str, **kwargs: list[str]) -> list[dict[str, str]]:
    body = store.execute(query, JSON, **kwargs).body
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def test_a_restated_triple_is_one_row_in_process(store):
    rows = list(store.select("SELECT * WHERE { ?s ?p ?o }").dicts())
    assert sorted(str(r["s"]) for r in rows) == [EX + "a", EX + "b", EX + "c"]


def test_a_restated_triple_is_one_row_through_the_workers(store):
    rows = _rows(store, "SELECT * WHERE { ?s ?p ?o }")
    assert sorted(r["s"] for r in rows) == [EX + "a", EX + "b", EX + "c"]


def test_graph_variable_still_sees_each_statement(store):
    rows = _rows(store, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?s = <" + EX + "a>) }")
    assert sorted(r["g"] for r in rows) == [EX + "g1", EX + "g2"]
    in_process = store.select("SELECT ?g WHERE { GRAPH ?g { <" + EX + "a> ?p ?o } }").rows
    assert sorted(str(r[0]) for r in in_process) == [EX + "g1", EX + "g2"]


def test_the_logical_dataset_is_unchanged(store):
    assert store.graph_names() == [URIRef(EX + "g1"), URIRef(EX + "g2")]
    own_default = store.get_graph(None, union=False)
    assert {str(s) for s, _, _ in own_default} == {EX + "c"}
    assert len(store) == 4
    assert store.nquads().count(b"\n") == 4


def test_protocol_datasets_still_apply(store):
    rows = _rows(store, "SELECT ?s WHERE { ?s ?p ?o }", default_graph_uris=[EX + "g2"])
    assert sorted(r["s"] for r in rows) == [EX + "a", EX + "b"]
    named_only = _rows(store, "SELECT ?s WHERE { ?s ?p ?o }", named_graph_uris=[EX + "g1"])
    assert named_only == []
