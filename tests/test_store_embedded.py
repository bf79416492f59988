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


# -- the SPARQL protocol path (worker processes) ------------------------------------------------

import json  # noqa: E402

import pyoxigraph as ox  # noqa: E402
import pytest  # noqa: E402
from rdflib import Graph  # noqa: E402

from iucgraph.config import StoreSettings  # noqa: E402
from iucgraph.errors import (  # noqa: E402
    ForbiddenOperation,
    QueryFailed,
    QuerySyntaxError,
    UnsupportedFormat,
)

JSON = "application/sparql-results+json"


@pytest.fixture
def store():
    s = EmbeddedStore(_dataset(), StoreSettings(max_concurrent_queries=1))
    yield s
    s.close()


def _subjects(body: bytes) -> list[str]:
    return sorted(b["s"]["value"] for b in json.loads(body)["results"]["bindings"])


def test_execute_sees_the_union_and_honours_protocol_graphs(store):
    q = "SELECT ?s WHERE { ?s ?p ?o }"
    assert _subjects(store.execute(q, JSON).body) == [EX + "a", EX + "b"]
    only_g2 = store.execute(q, JSON, default_graph_uris=[EX + "g2"])
    assert _subjects(only_g2.body) == [EX + "b"]
    named = store.execute(
        "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", JSON, named_graph_uris=[EX + "g1"]
    )
    assert _subjects(named.body) == [EX + "a"]
    from_clause = store.execute(f"SELECT ?s FROM <{EX}g1> WHERE {{ ?s ?p ?o }}", JSON)
    assert _subjects(from_clause.body) == [EX + "a"]


@pytest.mark.parametrize(
    "media_type, fmt",
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/json", ox.QueryResultsFormat.JSON),
    ],
)
def test_select_formats_parse_back(store, media_type, fmt):
    result = store.execute("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", media_type)
    rows = [r["s"].value for r in ox.parse_query_results(result.body, format=fmt)]
    assert rows == [EX + "a", EX + "b"] and result.row_count == 2


def test_csv_has_a_header_and_one_line_per_row(store):
    result = store.execute("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", "text/csv")
    assert result.body.decode().split("\r\n") == ["s", EX + "a", EX + "b", ""]


@pytest.mark.parametrize(
    "media_type",
    ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"],
)
def test_construct_formats_parse_back(store, media_type):
    result = store.execute("CONSTRUCT WHERE { ?s ?p ?o }", media_type)
    fmt = ox.RdfFormat.from_media_type(media_type)
    triples = {(q.subject.value, q.object.value) for q in ox.parse(result.body, format=fmt)}
    assert triples == {(EX + "a", "A"), (EX + "b", "B")}
    assert result.media_type == media_type and result.row_count == 2


def test_row_cap_cuts_and_reports_the_total(store):
    result = store.execute("SELECT ?s WHERE { ?s ?p ?o }", JSON, limit=1)
    assert result.truncated and result.row_count == 2
    assert len(json.loads(result.body)["results"]["bindings"]) == 1
    graph = store.execute("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle", limit=1)
    assert graph.truncated and len(Graph().parse(data=graph.body, format="turtle")) == 1


def test_a_wrong_format_for_the_query_form_is_refused(store):
    with pytest.raises(UnsupportedFormat) as info:
        store.execute("ASK { ?s ?p ?o }", "text/turtle")
    assert JSON in info.value.offered


def test_syntax_error_has_line_and_column(store):
    with pytest.raises(QuerySyntaxError) as info:
        store.execute("SELECT ?s\nWHERE { ?s ?p }", JSON)
    assert info.value.line == 2 and info.value.column is not None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?e { <http://x> } SERVICE ?e { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1:1/> SELECT * WHERE { service e:sparql { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_unless_allowed(store, query):
    with pytest.raises(ForbiddenOperation):
        store.execute(query, JSON)


def test_an_allowed_service_is_evaluated(tmp_path):
    endpoint = "http://127.0.0.1:1/sparql"
    settings = StoreSettings(service_allow_list=(endpoint,), max_concurrent_queries=1)
    s = EmbeddedStore(_dataset(), settings)
    try:
        with pytest.raises(QueryFailed):  # allowed, so pyoxigraph tries it (nothing listens)
            s.execute(f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}", JSON)
        words = "SELECT ?service WHERE { ?service ?p 'SERVICE <http://x>' }"
        assert s.execute(words, JSON).row_count == 0  # a variable and a string are not SERVICE
    finally:
        s.close()


def test_workers_see_the_new_version_after_replace(store):
    q = "SELECT ?s WHERE { ?s ?p ?o }"
    assert len(_subjects(store.execute(q, JSON).body)) == 2
    fresh = Dataset()
    fresh.graph(URIRef(EX + "g3")).add((URIRef(EX + "c"), RDFS.label, Literal("C")))
    store.replace(fresh)
    assert _subjects(store.execute(q, JSON).body) == [EX + "c"]
