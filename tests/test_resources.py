"""/id/... dereferencing: RDF by Accept or suffix, HTML for browsers, 404s, headers, safety."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.namespaces import ID_BASE, IUC
from iucgraph.rdfio import quiet_rdflib
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.web import create_app

DATA = Path(__file__).parent / "data" / "linked" / "small.trig"
HAIKOU = URIRef(ID_BASE + "city/cn/haikou")
PAIRING = URIRef(ID_BASE + "pairing/haikou-nice")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_SUFFIXES = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}


def load(path: Path) -> Dataset:
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(path, format="trig")
    return ds


@pytest.fixture()
def client() -> Iterator[FlaskClient]:
    store = EmbeddedStore(load(DATA))
    yield create_app({}, store=store).test_client()
    store.close()


def parse(body: bytes, fmt: str) -> Graph:
    g = Graph()
    with quiet_rdflib():
        g.parse(data=body, format=fmt)
    return g


def test_turtle_by_accept_has_label_and_pairing(client: FlaskClient) -> None:
    resp = client.get("/id/city/cn/haikou", headers={"Accept": "text/turtle"})
    assert resp.status_code == 200
    assert resp.mimetype == "text/turtle"
    g = parse(resp.data, "turtle")
    assert (HAIKOU, RDFS.label, Literal("Haikou", lang="en")) in g
    assert (PAIRING, IUC.partnerCity, HAIKOU) in g  # the incoming link
    assert "Accept" in resp.headers["Vary"]
    assert resp.headers["Content-Location"].endswith("/id/city/cn/haikou.ttl")


def test_browser_gets_html(client: FlaskClient) -> None:
    resp = client.get("/id/city/cn/haikou", headers={"Accept": BROWSER})
    assert resp.status_code == 200
    assert resp.mimetype == "text/html"
    assert "Accept" in resp.headers["Vary"]
    assert b"<h1>Haikou</h1>" in resp.data


@pytest.mark.parametrize("suffix", sorted(RDF_SUFFIXES))
def test_suffix_fixes_the_format_whatever_accept_says(client: FlaskClient, suffix: str) -> None:
    resp = client.get(f"/id/city/cn/haikou.{suffix}", headers={"Accept": BROWSER})
    assert resp.status_code == 200
    g = parse(resp.data, RDF_SUFFIXES[suffix])
    assert (HAIKOU, IUC.inCountry, URIRef(ID_BASE + "country/cn")) in g
    assert "Content-Location" not in resp.headers


def test_trig_keeps_each_claim_in_its_source_graph(client: FlaskClient) -> None:
    resp = client.get("/id/city/cn/haikou.trig")
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(data=resp.data, format="trig")
    a = ds.graph(URIRef(ID_BASE + "source/page-a"))
    b = ds.graph(URIRef(ID_BASE + "source/page-b"))
    assert (HAIKOU, IUC.population, Literal(2046189)) in a
    assert (HAIKOU, IUC.population, Literal(2870000)) in b
    assert (HAIKOU, IUC.population, Literal(2870000)) not in a


def test_link_header_names_canonical_and_alternates(client: FlaskClient) -> None:
    link = client.get("/id/city/cn/haikou", headers={"Accept": "text/turtle"}).headers["Link"]
    assert 'haikou>; rel="canonical"' in link
    for suffix in RDF_SUFFIXES:
        assert f'haikou.{suffix}>; rel="alternate"' in link


@pytest.mark.parametrize(
    "path",
    ["/id/city/cn/nowhere", "/id/city/cn/nowhere.ttl", "/id/city/cn/%3Cx%3E", "/id/city//cn"],
)
def test_unknown_iri_is_404(client: FlaskClient, path: str) -> None:
    assert client.get(path, headers={"Accept": "text/turtle"}).status_code == 404


def test_unacceptable_accept_is_406(client: FlaskClient) -> None:
    resp = client.get("/id/city/cn/haikou", headers={"Accept": "image/png"})
    assert resp.status_code == 406


def test_html_shows_sources_and_flags_conflicting_populations(client: FlaskClient) -> None:
    html = client.get("/id/city/cn/haikou.html").get_data(as_text=True)
    assert "2046189" in html and "2870000" in html
    assert "conflicting values" in html
    assert "Page A" in html
    assert "Page B &lt;b&gt;bold&lt;/b&gt;" in html  # a source title is escaped too
    assert 'href="/id/pairing/haikou-nice"' in html  # our IRIs link to this server
    assert 'href="https://sws.geonames.org/1809078/"' in html


def test_html_of_a_place_has_coordinates_and_a_map_link(client: FlaskClient) -> None:
    html = client.get("/id/city/cn/haikou.html").get_data(as_text=True)
    assert "20.03, 110.34" in html
    assert "openstreetmap.org/?mlat=20.03&amp;mlon=110.34" in html
    assert "<script" not in html


def test_html_escapes_labels_and_never_links_javascript(client: FlaskClient) -> None:
    resp = client.get("/id/city/xx/evil", headers={"Accept": BROWSER})
    html = resp.get_data(as_text=True)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "javascript:alert(1)" in html  # shown as text
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_etag_gives_304(client: FlaskClient) -> None:
    first = client.get("/id/city/cn/haikou.ttl")
    again = client.get("/id/city/cn/haikou.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_stylesheet_is_served_locally(client: FlaskClient) -> None:
    resp = client.get("/assets/style.css")
    assert resp.status_code == 200 and resp.mimetype == "text/css"
