"""Validate-then-commit: a change that does not parse or conform leaves the store exactly as is."""

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.config import Settings, StoreSettings
from iucgraph.errors import (
    ForbiddenOperation,
    InputError,
    NotAuthorized,
    NotFound,
    QuerySyntaxError,
    UpdateFailed,
    UpdateTimeout,
    ValidationFailed,
)
from iucgraph.service import GraphService
from iucgraph.store import EmbeddedStore

EX = "http://example.org/"
# Every subject with a label has exactly one label, a string.
SHAPES = Graph().parse(
    data=f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}LabelShape> a sh:NodeShape ; sh:targetSubjectsOf rdfs:label ;
  sh:property [ sh:path rdfs:label ; sh:maxCount 1 ; sh:nodeKind sh:Literal ] .
""",
    format="turtle",
)


@dataclass
class Report:
    conforms: bool
    message: str

    def text(self) -> str:
        return self.message


def small_validator(data) -> Report:
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    conforms, _, text = shacl_validate(union, shacl_graph=SHAPES, inference="none")
    return Report(bool(conforms), str(text))


def _dataset() -> Dataset:
    ds = Dataset()
    ds.graph(URIRef(EX + "g1")).add((URIRef(EX + "a"), RDFS.label, Literal("A")))
    ds.graph(URIRef(EX + "g2")).add((URIRef(EX + "b"), RDFS.label, Literal("B")))
    return ds


def fingerprint(store: EmbeddedStore) -> tuple[int, str, str]:
    """Quad count, canonical hash of the content, version."""
    dataset = ox.Dataset(ox.parse(store.nquads(), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    lines = sorted(str(q) for q in dataset)
    return len(store), hashlib.sha256("\n".join(lines).encode()).hexdigest(), store.version


@pytest.fixture
def service():
    store = EmbeddedStore(_dataset(), StoreSettings(max_concurrent_queries=1))
    yield GraphService(store, Settings(), validator=small_validator)
    store.close()


def test_update_that_conforms_is_committed(service):
    before = fingerprint(service.store)
    commit = service.update(f'INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}c> <{RDFS.label}> "C" }} }}')
    assert commit.quads == 3 and commit.version != before[2]
    assert service.store.ask(f'ASK {{ <{EX}c> ?p "C" }}')


def test_non_conforming_update_changes_nothing(service):
    before = fingerprint(service.store)
    with pytest.raises(ValidationFailed) as info:
        service.update(f'INSERT DATA {{ GRAPH <{EX}g2> {{ <{EX}a> <{RDFS.label}> "Other" }} }}')
    assert info.value.report.conforms is False
    assert fingerprint(service.store) == before


def test_runaway_update_is_stopped_and_changes_nothing():
    """The WHERE clause of this update is a 4-way cartesian product (10^8 rows over 100
    triples) inserting into the store: stopped at update_timeout, its process killed."""
    ds = Dataset()
    for i in range(100):
        ds.graph(URIRef(EX + "g1")).add((URIRef(f"{EX}s{i}"), RDFS.label, Literal(f"L{i}")))
    store = EmbeddedStore(ds, StoreSettings(max_concurrent_queries=1))
    settings = Settings(store=StoreSettings(update_timeout=1.0))
    service = GraphService(store, settings, validator=small_validator)
    try:
        before = fingerprint(store)
        runaway = (
            f"INSERT {{ GRAPH <{EX}g3> {{ ?a <{EX}p> ?c , ?f , ?i }} }} "
            "WHERE { GRAPH ?graph { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }"
        )
        with pytest.raises(UpdateTimeout, match="stopped after 1 s; nothing was changed"):
            service.update(runaway)
        assert fingerprint(store) == before
        insert = f'INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}c> <{RDFS.label}> "C" }} }}'
        assert service.update(insert).quads == 101  # the write lock was released
    finally:
        store.close()


def test_update_past_its_memory_cap_fails_and_changes_nothing():
    """Each solution of this WHERE makes a new literal to insert: the update's process reaches
    update_memory_bytes long before update_timeout, and is stopped there."""
    ds = Dataset()
    for i in range(100):
        ds.graph(URIRef(EX + "g1")).add((URIRef(f"{EX}s{i}"), RDFS.label, Literal(f"L{i}")))
    store = EmbeddedStore(ds, StoreSettings(max_concurrent_queries=1))
    limits = StoreSettings(update_timeout=120.0, update_memory_bytes=400 * 2**20)
    service = GraphService(store, Settings(store=limits), validator=small_validator)
    try:
        before = fingerprint(store)
        filling = (
            f"INSERT {{ GRAPH <{EX}g3> {{ ?a <{EX}p> ?x }} }} WHERE {{ GRAPH ?graph "
            "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } "
            "BIND(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) AS ?x) }"
        )
        with pytest.raises(UpdateFailed, match="more memory than store.update_memory_bytes"):
            service.update(filling)
        assert fingerprint(store) == before
    finally:
        store.close()


def test_update_errors_are_reported_from_its_process(service):
    before = fingerprint(service.store)
    with pytest.raises(QuerySyntaxError, match="line 1"):
        service.update("INSERT DATA { <urn:a> <urn:b> ")
    with pytest.raises(UpdateFailed, match="the update failed"):
        service.update(f"CREATE GRAPH <{EX}g1>")  # the graph exists: CREATE (not SILENT) fails
    assert fingerprint(service.store) == before


def test_load_in_an_update_is_refused_before_anything(service):
    before = fingerprint(service.store)
    with pytest.raises(ForbiddenOperation):
        service.update("LOAD <http://127.0.0.1:1/data.ttl>")
    assert fingerprint(service.store) == before


def test_put_post_delete_graph(service):
    body = f'<{EX}x> <{RDFS.label}> "X" .'.encode()
    created = service.put_graph(EX + "new", body, "text/turtle")
    assert created.created and service.store.has_graph(URIRef(EX + "new"))
    again = service.put_graph(EX + "new", body, "text/turtle")
    assert not again.created and again.quads == created.quads  # PUT twice: no duplicates
    service.post_graph(EX + "new", f'<{EX}y> <{RDFS.label}> "Y" .'.encode(), "text/turtle")
    assert len(service.store.get_graph(URIRef(EX + "new"))) == 2
    service.delete_graph(EX + "new")
    assert not service.store.has_graph(URIRef(EX + "new"))
    with pytest.raises(NotFound):
        service.delete_graph(EX + "new")


@pytest.mark.parametrize(
    "body, media_type",
    [
        (b"<http://example.org/x> <http://example.org/p> .", "text/turtle"),
        (b"/etc/passwd", "text/turtle"),
        (
            b'{"@context": "http://127.0.0.1:1/ctx.jsonld", "@id": "http://x"}',
            "application/ld+json",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "application/rdf+xml",
        ),
    ],
)
def test_bad_payloads_leave_the_store_untouched(service, body, media_type):
    before = fingerprint(service.store)
    with pytest.raises(InputError):
        service.put_graph(EX + "g1", body, media_type)
    assert fingerprint(service.store) == before


def test_non_conforming_graph_write_leaves_the_old_graph(service):
    before = fingerprint(service.store)
    two_labels = f'<{EX}a> <{RDFS.label}> "one", "two" .'.encode()
    with pytest.raises(ValidationFailed):
        service.put_graph(EX + "g1", two_labels, "text/turtle")
    assert fingerprint(service.store) == before


def test_same_dataset_committed_twice_does_not_duplicate(service):
    service.commit_dataset(_dataset())
    first = fingerprint(service.store)
    service.commit_dataset(_dataset())
    second = fingerprint(service.store)
    assert first[:2] == second[:2] and first[0] == 2


def test_writes_need_the_token():
    store = EmbeddedStore(_dataset())
    read_only = GraphService(store, Settings(), validator=small_validator)
    with pytest.raises(ForbiddenOperation):
        read_only.require_writable("anything")
    writable = GraphService(
        store, Settings(store=StoreSettings(write_token="s3cret")), validator=small_validator
    )
    writable.require_writable("s3cret")
    with pytest.raises(NotAuthorized):
        writable.require_writable("wrong")


def test_graph_writes_accept_an_rdflib_graph(service):
    graph = Graph()
    graph.add((URIRef(EX + "x"), RDFS.label, Literal("X")))
    assert service.put_graph(URIRef(EX + "parsed"), graph).created
    assert service.store.ask(f'ASK {{ GRAPH <{EX}parsed> {{ <{EX}x> ?p "X" }} }}')
