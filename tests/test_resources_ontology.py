"""/ontology: a documentation page of every class and property, and the RDF by Accept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from iucgraph.config import PROJECT_ROOT, Paths, Settings
from iucgraph.namespaces import IUC
from iucgraph.ontology_doc import build_doc
from iucgraph.rdfio import quiet_rdflib
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.web import create_app

ONTOLOGY = PROJECT_ROOT / "ontology" / "iuc.ttl"
SHAPES = Path(__file__).parent / "data" / "linked" / "mini-shapes.ttl"


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[FlaskClient]:
    onto_dir = tmp_path / "ontology"
    onto_dir.mkdir()
    (onto_dir / "iuc.ttl").write_bytes(ONTOLOGY.read_bytes())
    (onto_dir / "shapes.ttl").write_bytes(SHAPES.read_bytes())
    store = EmbeddedStore()
    yield create_app(Settings(paths=Paths(ontology_dir=onto_dir)), store=store).test_client()
    store.close()


def ontology_terms() -> list[URIRef]:
    g = Graph().parse(ONTOLOGY, format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(
        {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(IUC._NS))}
    )


def test_page_documents_every_class_and_property(client: FlaskClient) -> None:
    resp = client.get("/ontology", headers={"Accept": "text/html"})
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    terms = ontology_terms()
    assert len(terms) > 30
    for term in terms:
        name = str(term).rsplit("#", 1)[1]
        assert f'id="{name}"' in html, name


def test_required_fields_come_from_the_shapes(client: FlaskClient) -> None:
    doc = build_doc(ONTOLOGY, SHAPES)
    city = next(c for c in doc.classes if c.iri == IUC.City)
    required = {r.path for r in city.requirements if r.required}
    assert required == {"rdfs:label", "iuc:inCountry"}
    in_country = next(p for p in doc.properties if p.iri == IUC.inCountry)
    assert in_country.required_on == ["iuc:City"]
    html = client.get("/ontology.html").get_data(as_text=True)
    assert "required" in html and "language en" in html


def test_without_shapes_the_page_still_renders() -> None:
    doc = build_doc(ONTOLOGY, Path("/nonexistent/shapes.ttl"))
    assert doc.classes and all(not c.requirements for c in doc.classes)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)
def test_rdf_by_accept_is_the_ontology(client: FlaskClient, accept: str, fmt: str) -> None:
    resp = client.get("/ontology", headers={"Accept": accept})
    assert resp.status_code == 200
    assert "Accept" in resp.headers["Vary"]
    served = Graph()
    with quiet_rdflib():
        served.parse(data=resp.data, format=fmt)
    assert isomorphic(served, Graph().parse(ONTOLOGY, format="turtle"))


def test_suffix_and_unknown_suffix(client: FlaskClient) -> None:
    assert client.get("/ontology.nt").mimetype == "application/n-triples"
    assert client.get("/ontology.exe").status_code == 404
