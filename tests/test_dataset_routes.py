"""/.well-known/void and /download/: counts that match the store, dumps with checksums."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, VOID

from iucgraph.build import DUMP_FORMATS, dump_name
from iucgraph.describe import DATASET_IRI
from iucgraph.namespaces import IUC
from iucgraph.rdfio import quiet_rdflib, union_graph
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.web import create_app

DATA = Path(__file__).parent / "data" / "linked" / "small.trig"


def load() -> Dataset:
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(DATA, format="trig")
    return ds


@pytest.fixture()
def store() -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(load())
    yield store
    store.close()


@pytest.fixture()
def client(store: EmbeddedStore) -> FlaskClient:
    return create_app({}, store=store).test_client()


def void_graph(client: FlaskClient, accept: str = "text/turtle", fmt: str = "turtle") -> Graph:
    resp = client.get("/.well-known/void", headers={"Accept": accept})
    assert resp.status_code == 200
    g = Graph()
    with quiet_rdflib():
        g.parse(data=resp.data, format=fmt)
    return g


def class_count(g: Graph, cls: URIRef) -> int:
    for part in g.objects(DATASET_IRI, VOID.classPartition):
        if g.value(part, VOID["class"]) == cls:
            return int(g.value(part, VOID.entities))  # type: ignore[arg-type]
    return 0


def test_void_counts_match_the_store(client: FlaskClient, store: EmbeddedStore) -> None:
    g = void_graph(client)
    distinct = len(union_graph(store.dataset()))
    assert g.value(DATASET_IRI, VOID.triples) == Literal(distinct)
    cities = store.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) {{ ?c a <{IUC.City}> }}").rows
    assert class_count(g, IUC.City) == int(cities[0][0])  # type: ignore[arg-type]
    assert (DATASET_IRI, VOID.sparqlEndpoint, URIRef("http://localhost/sparql")) in g


def test_void_by_accept_in_json_ld(client: FlaskClient) -> None:
    g = void_graph(client, "application/ld+json", "json-ld")
    assert (DATASET_IRI, RDF.type, VOID.Dataset) in g


def test_void_lists_every_dump_of_the_download_area(client: FlaskClient) -> None:
    g = void_graph(client)
    dumps = {str(o) for o in g.objects(DATASET_IRI, VOID.dataDump)}
    for suffix, *_ in DUMP_FORMATS:
        assert f"http://localhost/download/{dump_name(suffix)}" in dumps
    for url in dumps:
        assert client.get(url.removeprefix("http://localhost")).status_code == 200


def test_download_checksums_match(client: FlaskClient) -> None:
    index = client.get("/download/")
    assert index.status_code == 200 and index.mimetype == "text/html"
    sums = client.get("/download/SHA256SUMS").get_data(as_text=True)
    lines = [line.split("  ") for line in sums.strip().splitlines()]
    assert {name for _, name in lines} >= {dump_name(s) for s, *_ in DUMP_FORMATS}
    for digest, name in lines:
        body = client.get(f"/download/{name}").data
        assert hashlib.sha256(body).hexdigest() == digest
        assert name in index.get_data(as_text=True)


def test_dumps_hold_the_store_content(client: FlaskClient, store: EmbeddedStore) -> None:
    trig = Dataset()
    with quiet_rdflib():
        trig.parse(data=client.get(f"/download/{dump_name('trig')}").data, format="trig")
    assert len(trig) == len(store)
    nt = Graph().parse(data=client.get(f"/download/{dump_name('nt')}").data, format="nt")
    assert len(nt) == len(union_graph(store.dataset()))


def test_dumps_follow_a_version_change(client: FlaskClient, store: EmbeddedStore) -> None:
    before = client.get("/download/SHA256SUMS").data
    ds = load()
    ds.add((URIRef("urn:x:a"), RDF.type, IUC.City, URIRef("urn:x:g")))  # type: ignore[arg-type]
    store.replace(ds)
    assert client.get("/download/SHA256SUMS").data != before
    assert class_count(void_graph(client), IUC.City) == 4


def test_unknown_download_is_404(client: FlaskClient) -> None:
    assert client.get("/download/../../etc/passwd").status_code == 404
    assert client.get("/download/nothing.ttl").status_code == 404
