"""/rdf-graph-store: reads for everyone, token-only writes, validate-then-commit, safe parsing."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef

from iucgraph.store.embedded import EmbeddedStore
from iucgraph.web import create_app
from tests.web_support import INTEGER_SHAPES, TOKEN, make_backend

EX = "http://example.org/"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TTL = "text/turtle"
G1 = f"/rdf-graph-store?graph={EX}g1"


@pytest.fixture
def store_and_client() -> Iterator[tuple[EmbeddedStore, FlaskClient]]:
    store, service = make_backend(INTEGER_SHAPES)  # every value of ex:p is an integer
    app = create_app({"write_token": TOKEN}, store=store, service=service)
    yield store, app.test_client()
    store.close()


def _put(client: FlaskClient, url: str, body: str, **headers: str) -> int:
    r = client.put(url, data=body, content_type=TTL, headers={**AUTH, **headers})
    return r.status_code


def test_put_creates_then_replaces(store_and_client: tuple) -> None:
    store, client = store_and_client
    assert _put(client, G1, f"<{EX}a> <{EX}p> 1 .") == 201
    assert _put(client, G1, f"<{EX}a> <{EX}p> 2 .") == 204
    r = client.get(G1, headers={"Accept": TTL})
    assert r.status_code == 200 and r.mimetype == TTL
    g = Graph().parse(data=r.data.decode(), format="turtle")
    assert [int(o) for o in g.objects()] == [2]


def test_non_conforming_payload_is_422_and_keeps_the_old_graph(store_and_client: tuple) -> None:
    store, client = store_and_client
    _put(client, G1, f"<{EX}a> <{EX}p> 1 .")
    before = store.get_graph(URIRef(EX + "g1"))
    r = client.put(
        G1,
        data=f"<{EX}a> <{EX}p> <{EX}not-an-integer> .",
        content_type=TTL,
        headers={**AUTH, "Accept": "application/json"},
    )
    assert r.status_code == 422
    report = r.get_json()["report"]
    assert "does NOT conform" in report
    assert f"<{EX}not-an-integer>" in report and "DatatypeConstraintComponent" in report
    assert set(store.get_graph(URIRef(EX + "g1"))) == set(before)


def test_malformed_payload_is_400_with_line_and_keeps_the_old_graph(
    store_and_client: tuple,
) -> None:
    store, client = store_and_client
    _put(client, G1, f"<{EX}a> <{EX}p> 1 .")
    r = client.put(
        G1,
        data=f"<{EX}a> <{EX}p> 1 .\n<{EX}b> <{EX}p> .",
        content_type=TTL,
        headers={**AUTH, "Accept": "application/json"},
    )
    assert r.status_code == 400
    assert r.get_json()["line"] == 2
    assert len(store.get_graph(URIRef(EX + "g1"))) == 1


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "application/rdf+xml",
        ),
        ('{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "urn:a"}', "application/ld+json"),
    ],
)
def test_dangerous_payloads_are_refused(store_and_client: tuple, body: str, ctype: str) -> None:
    store, client = store_and_client
    r = client.put(G1, data=body, content_type=ctype, headers=AUTH)
    assert r.status_code == 400
    assert URIRef(EX + "g1") not in store.graph_names()


def test_writes_need_the_token(store_and_client: tuple) -> None:
    store, client = store_and_client
    assert client.put(G1, data="", content_type=TTL).status_code == 401
    assert client.delete(G1, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert (
        client.post(G1, data="", content_type=TTL, headers={"Authorization": "Basic x"}).status_code
        == 401
    )
    assert store.graph_names() == []


def test_get_and_delete_of_a_missing_graph_are_404(store_and_client: tuple) -> None:
    _, client = store_and_client
    assert client.get(G1).status_code == 404
    assert client.head(G1).status_code == 404
    assert client.delete(G1, headers=AUTH).status_code == 404


def test_whole_dataset_as_nquads_and_trig(store_and_client: tuple) -> None:
    _, client = store_and_client
    _put(client, G1, f"<{EX}a> <{EX}p> 1 .")
    _put(client, f"/rdf-graph-store?graph={EX}g2", f"<{EX}b> <{EX}p> 2 .")
    for accept, fmt in (
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", ox.RdfFormat.TRIG),
    ):
        r = client.get("/rdf-graph-store", headers={"Accept": accept})
        assert r.status_code == 200 and r.mimetype == accept
        graphs = {q.graph_name.value for q in ox.parse(r.data, format=fmt)}
        assert graphs == {EX + "g1", EX + "g2"}


def test_post_to_the_endpoint_creates_a_graph(store_and_client: tuple) -> None:
    store, client = store_and_client
    r = client.post("/rdf-graph-store", data=f"<{EX}a> <{EX}p> 1 .", content_type=TTL, headers=AUTH)
    assert r.status_code == 201
    assert URIRef(r.headers["Location"]) in store.graph_names()


def test_wrong_content_type_is_415(store_and_client: tuple) -> None:
    _, client = store_and_client
    r = client.put(G1, data="a,b", content_type="text/csv", headers=AUTH)
    assert r.status_code == 415


def test_no_cors_on_writes_but_on_reads(store_and_client: tuple) -> None:
    _, client = store_and_client
    r = client.put(G1, data=f"<{EX}a> <{EX}p> 1 .", content_type=TTL, headers=AUTH)
    assert "Access-Control-Allow-Origin" not in r.headers
    assert client.get(G1).headers["Access-Control-Allow-Origin"] == "*"


def test_health(store_and_client: tuple) -> None:
    store, client = store_and_client
    r = client.get("/health")
    assert r.status_code == 200 and r.get_json() == {"status": "ok", "version": store.version}
