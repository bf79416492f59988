"""Real clients against the running server: SPARQLWrapper in every format, rdflib SPARQLStore."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from iucgraph.web import create_app
from tests.web_support import TOKEN, live_server, make_backend

EX = "http://example.org/"
SELECT = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
CONSTRUCT = f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    store, service = make_backend()
    g = Graph()
    for i in range(3):
        g.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(f"v{i}")))
    service.put_graph(EX + "g1", g)
    app = create_app({"write_token": TOKEN}, store=store, service=service)
    with live_server(app) as url:
        yield url + "/sparql"
    store.close()


def _wrapper(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json(endpoint: str, method: str) -> None:
    result = _wrapper(endpoint, SELECT, JSON, method).queryAndConvert()
    assert [b["o"]["value"] for b in result["results"]["bindings"]] == ["v0", "v1", "v2"]


def test_sparqlwrapper_xml(endpoint: str) -> None:
    doc = _wrapper(endpoint, SELECT, XML).queryAndConvert()
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert values == ["v0", "v1", "v2"]


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_tsv(endpoint: str, fmt: str, delimiter: str) -> None:
    raw = _wrapper(endpoint, SELECT, fmt).queryAndConvert()
    rows = list(csv.reader(io.StringIO(raw.decode()), delimiter=delimiter))
    assert len(rows) == 4  # header + 3 rows


def test_sparqlwrapper_ask(endpoint: str) -> None:
    assert _wrapper(endpoint, f"ASK {{ ?s <{EX}p> 'v1' }}", JSON).queryAndConvert()["boolean"]


@pytest.mark.parametrize(
    ("fmt", "media_type", "parser"),
    [
        (TURTLE, "text/turtle", "turtle"),
        (N3, "text/turtle", "turtle"),
        (RDFXML, "application/rdf+xml", "xml"),
        (JSONLD, "application/ld+json", "json-ld"),
    ],
)
def test_sparqlwrapper_construct(endpoint: str, fmt: str, media_type: str, parser: str) -> None:
    response = _wrapper(endpoint, CONSTRUCT, fmt).query().response
    assert response.headers["Content-Type"].split(";")[0] == media_type
    body = response.read()
    if parser == "json-ld":  # rdflib's JSON-LD parser warns (ConjunctiveGraph); use oxigraph
        assert len(list(ox.parse(body, format=ox.RdfFormat.JSON_LD))) == 3
    else:
        assert len(Graph().parse(data=body.decode(), format=parser)) == 3


def test_sparqlwrapper_update_with_token(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    sw.setMethod(POST)
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sw.setQuery(f"INSERT DATA {{ GRAPH <{EX}g2> {{ <{EX}s9> <{EX}q> 'v9' }} }}")
    sw.query()
    result = _wrapper(endpoint, f"ASK {{ <{EX}s9> <{EX}q> 'v9' }}", JSON).queryAndConvert()
    assert result["boolean"] is True


def test_rdflib_sparqlstore(endpoint: str) -> None:
    store = SPARQLStore(endpoint)
    rows = list(store.query(SELECT))
    assert [str(r[1]) for r in rows] == ["v0", "v1", "v2"]
    assert len(list(Graph(store=store).triples((None, URIRef(EX + "p"), None)))) == 3
