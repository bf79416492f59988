from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.store import EmbeddedStore

EX = "http://example.org/"


def _dataset() -> Dataset:
    ds = Dataset()
    ds.graph(URIRef(EX + "g1")).add((URIRef(EX + "a"), RDFS.label, Literal("A", lang="en")))
    ds.graph(URIRef(EX + "g2")).add((URIRef(EX + "b"), RDFS.label, Literal("B", lang="en")))
    return ds


def test_default_graph_is_the_union_of_named_graphs():
    store = EmbeddedStore(_dataset())
    result = store.select("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")
    assert [row[0] for row in result.rows] == [URIRef(EX + "a"), URIRef(EX + "b")]
    assert store.graph_names() == [URIRef(EX + "g1"), URIRef(EX + "g2")]


def test_bindings_are_terms_not_text():
    store = EmbeddedStore(_dataset())
    evil = Literal('A" } ?s ?p ?o { "')
    result = store.select("SELECT ?s WHERE { ?s ?p ?label }", {"label": evil})
    assert len(result) == 0
    ok = store.select("SELECT ?s WHERE { ?s ?p ?label }", {"label": Literal("A", lang="en")})
    assert list(ok.dicts()) == [{"s": URIRef(EX + "a")}]


def test_row_cap_is_reported():
    store = EmbeddedStore(_dataset())
    result = store.select("SELECT ?s WHERE { ?s ?p ?o }", limit=1)
    assert len(result) == 1 and result.truncated


def test_replace_changes_version_and_content():
    store = EmbeddedStore(_dataset())
    before = store.version
    store.replace(Dataset())
    assert len(store) == 0 and store.version != before


def test_an_iri_that_would_break_out_is_refused():
    import pytest

    from iucgraph.store.binding import BindingError

    store = EmbeddedStore(_dataset())
    with pytest.raises(BindingError):
        store.select(
            "SELECT ?p WHERE { ?s ?p ?o }", {"s": URIRef("http://evil> } UNION { ?s ?p ?o")}
        )
