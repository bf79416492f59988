"""/sparql: protocol errors, authorisation, negotiation, caching, CORS and headers."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, URIRef

from iucgraph.errors import QueryTimeout
from iucgraph.service import GraphService
from iucgraph.store.base import Serialized
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.web import create_app
from tests.web_support import TOKEN, make_backend

EX = "http://example.org/"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
Q = "application/sparql-query"
U = "application/sparql-update"


@pytest.fixture
def backend() -> Iterator[tuple[EmbeddedStore, GraphService]]:
    store, service = make_backend()
    g = Graph()
    for i in range(3):
        g.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), URIRef(f"{EX}o{i}")))
    service.put_graph(EX + "g1", g)
    yield store, service
    store.close()


@pytest.fixture
def app(backend: tuple[EmbeddedStore, GraphService]) -> Flask:
    store, service = backend
    return create_app(
        {"write_token": TOKEN, "max_request_bytes": 2000}, store=store, service=service
    )


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_select_without_accept_is_sparql_json(client: FlaskClient) -> None:
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.mimetype == "application/sparql-results+json"
    assert len(json.loads(r.data)["results"]["bindings"]) == 3


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        (
            "application/sparql-results+json,application/json,text/javascript,"
            "application/javascript",
            "application/sparql-results+json",
        ),
    ],
)
def test_select_formats_by_accept(client: FlaskClient, accept: str, expected: str) -> None:
    r = client.get("/sparql?query=SELECT%20*%20%7B?s%20?p%20?o%7D", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.mimetype == expected


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("turtle", "text/turtle"),
        ("trig", "application/trig"),
        ("nt", "application/n-triples"),
        ("json-ld", "application/ld+json"),
        ("xml", "application/rdf+xml"),
    ],
)
def test_construct_formats_by_format_parameter(
    client: FlaskClient, fmt: str, expected: str
) -> None:
    r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": fmt})
    assert r.status_code == 200, r.data
    assert r.mimetype == expected
    ox_format = ox.RdfFormat.from_media_type(expected)
    assert ox_format is not None
    assert len(list(ox.parse(r.data, format=ox_format))) == 3


def test_unacceptable_format_is_406_listing_offered(client: FlaskClient) -> None:
    r = client.get("/sparql?query=ASK%7B%7D", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert b"application/sparql-results+json" in r.data


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"query_string": "query=ASK%7B%7D&query=ASK%7B%7D"}, 400),
        ({"method": "POST", "data": {"query": "ASK{}", "update": "CLEAR ALL"}}, 400),
        ({"method": "POST", "data": "ASK {}", "content_type": "text/plain"}, 415),
        ({"method": "POST", "data": "ASK {}"}, 415),
        ({"method": "POST", "data": "ASK {}", "content_type": Q + "; charset=UTF-16"}, 415),
        ({"method": "POST", "data": b"ASK { \xff }", "content_type": Q}, 400),
        ({"query_string": "update=CLEAR%20ALL"}, 400),
        ({"query_string": "query=CLEAR%20ALL"}, 400),
        ({"method": "PUT", "query_string": "query=ASK%7B%7D"}, 405),
        ({"method": "POST", "data": "x" * 3000, "content_type": Q}, 413),
        ({"query_string": "query=" + "A" * 9000}, 414),
    ],
)
def test_protocol_errors(client: FlaskClient, kwargs: dict, status: int) -> None:
    method = kwargs.pop("method", "GET")
    r = client.open("/sparql", method=method, **kwargs)
    assert r.status_code == status, r.data
    assert b"Traceback" not in r.data


def test_405_says_allow(client: FlaskClient) -> None:
    r = client.delete("/sparql")
    assert r.status_code == 405
    assert "POST" in r.headers["Allow"]


def test_414_hints_at_post(client: FlaskClient) -> None:
    r = client.get("/sparql", query_string={"query": "ASK {}" + " " * 9000})
    assert r.status_code == 414
    assert b"POST" in r.data


def test_syntax_error_has_message_and_position(client: FlaskClient) -> None:
    r = client.get("/sparql?query=ASK%20%7B", headers={"Accept": "application/json"})
    assert r.status_code == 400
    body = json.loads(r.data)
    with pytest.raises(SyntaxError) as raw:  # the engine on the client's own text
        ox.Store().query("ASK {")
    assert f"error at {body['line']}:{body['column']}" in str(raw.value)


def test_update_needs_token(client: FlaskClient, backend: tuple) -> None:
    update = f"INSERT DATA {{ GRAPH <{EX}g2> {{ <{EX}a> <{EX}b> <{EX}c> }} }}"
    r = client.post("/sparql", data=update, content_type=U)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    r = client.post("/sparql", data=update, content_type=U, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403
    r = client.post(f"/sparql?token={TOKEN}", data=update, content_type=U)
    assert r.status_code == 400
    assert URIRef(EX + "g2") not in backend[0].graph_names()
    r = client.post("/sparql", data=update, content_type=U, headers=AUTH)
    assert r.status_code == 204
    assert "Access-Control-Allow-Origin" not in r.headers
    assert URIRef(EX + "g2") in backend[0].graph_names()


def test_read_only_server_refuses_updates(backend: tuple) -> None:
    client = create_app({}, store=backend[0], service=backend[1]).test_client()
    r = client.post("/sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
    assert r.status_code == 403
    assert len(backend[0]) == 3


def test_using_graph_conflicts_with_with_clause(client: FlaskClient) -> None:
    update = f"WITH <{EX}g1> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"
    r = client.post(f"/sparql?using-graph-uri={EX}g1", data=update, content_type=U, headers=AUTH)
    assert r.status_code == 400


def test_etag_and_304(client: FlaskClient) -> None:
    url = "/sparql?query=ASK%7B%7D"
    first = client.get(url)
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    client.post("/sparql", data={"update": f"INSERT DATA {{ <{EX}x> <{EX}y> 1 }}"}, headers=AUTH)
    changed = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200


def test_cors_and_security_headers_on_reads(client: FlaskClient) -> None:
    r = client.get("/sparql?query=ASK%7B%7D")
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in r.headers
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    pre = client.options("/sparql")
    assert "Authorization" not in pre.headers.get("Access-Control-Allow-Headers", "")


def test_service_description(client: FlaskClient) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    g = Graph().parse(data=r.data.decode(), format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) in g
    assert (None, URIRef(sd + "name"), URIRef(EX + "g1")) in g


class _CutStore(EmbeddedStore):
    """Answers every query with a result the row cap cut, or raises what it is told to."""

    error: Exception | None = None

    def execute(self, query: str, media_type: str, **kwargs: object) -> Serialized:
        if self.error is not None:
            raise self.error
        result = super().execute(query, media_type)
        return Serialized(result.body, media_type, truncated=True, row_count=3)


@pytest.fixture
def cut_store() -> Iterator[_CutStore]:
    store = _CutStore()
    yield store
    store.close()


@pytest.mark.parametrize(
    ("accept", "marker"),
    [
        ("application/sparql-results+json", b"urn:iucgraph:truncated"),
        ("application/sparql-results+xml", b"urn:iucgraph:truncated"),
        ("text/csv", None),
    ],
)
def test_truncation_is_explicit(cut_store: _CutStore, accept: str, marker: bytes | None) -> None:
    store = cut_store
    client = create_app({}, store=store).test_client()
    r = client.get("/sparql?query=SELECT%20*%7B%7D", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["X-IUC-Truncated"] == "true"
    assert r.headers["X-IUC-Row-Count"] == "3"
    if marker:
        assert marker in r.data


def test_timeout_is_503_with_retry_after(cut_store: _CutStore) -> None:
    store = cut_store
    store.error = QueryTimeout(2)
    r = create_app({}, store=store).test_client().get("/sparql?query=ASK%7B%7D")
    assert r.status_code == 503
    assert int(r.headers["Retry-After"]) >= 1


def test_unexpected_error_is_500_with_request_id_and_no_traceback(cut_store: _CutStore) -> None:
    store = cut_store
    store.error = RuntimeError("/secret/path/config.toml exploded")
    r = create_app({}, store=store).test_client().get("/sparql?query=ASK%7B%7D")
    assert r.status_code == 500
    assert r.headers["X-Request-Id"] in r.data.decode()
    assert b"secret" not in r.data and b"Traceback" not in r.data
