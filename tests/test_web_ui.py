"""The HTML pages without a browser: what they show comes from the data, links are local,
forms work without JavaScript, and every page carries the strict Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from iucgraph.config import as_settings
from iucgraph.load import load_dataset
from iucgraph.store import open_store
from iucgraph.web import create_app
from iucgraph.web.ui_data import local_href

STORY = """
@prefix iuc: <https://w3id.org/iucgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/iucgraph/id/> .
id:source\\/test {
  id:cohort\\/iuc-asia-2018 a iuc:Cohort ; rdfs:label "IUC Asia 2018 round"@en ;
      iuc:year "2018"^^xsd:gYear ; iuc:programme id:programme\\/iuc-asia ;
      iuc:member id:city\\/cn\\/alpha, id:city\\/cn\\/beta .
  id:city\\/cn\\/alpha a iuc:City ; rdfs:label "Alphaville"@en .
  id:city\\/cn\\/beta a iuc:City ; rdfs:label "Betatown"@en .
  id:city\\/gb\\/gamma a iuc:City ; rdfs:label "Gamma-on-Sea"@en .
  id:city\\/cn\\/capital a iuc:City ; rdfs:label "Capital"@en .
  id:pairing\\/alpha-gamma a iuc:Pairing ; iuc:partnerCity id:city\\/cn\\/alpha ;
      iuc:euCity id:city\\/gb\\/gamma .
  id:event\\/2018-04-24-workshop a iuc:Event ; rdfs:label "Start-up workshop"@en ;
      schema:startDate "2018-04-24"^^xsd:date ; schema:location id:city\\/cn\\/capital ;
      schema:organizer id:institution\\/team ; iuc:speaker id:person\\/dr-who ;
      iuc:participant id:city\\/cn\\/alpha .
  id:event\\/2019-01-01-later a iuc:Event ; rdfs:label "A later meeting"@en ;
      schema:startDate "2019-01-01"^^xsd:date ; iuc:participant id:city\\/cn\\/alpha .
  id:institution\\/team a iuc:Institution ; rdfs:label "The <b>Team</b>"@en .
  id:person\\/dr-who a foaf:Person ; foaf:name "Dr Who" .
}
"""


@pytest.fixture()
def client(tmp_path: Path) -> FlaskClient:
    data = tmp_path / "story.trig"
    data.write_text(STORY, encoding="utf-8")
    settings = as_settings(None)
    store = open_store(settings)
    store.replace(load_dataset([data]).dataset)
    return create_app(settings, store=store).test_client()


def test_local_href_maps_our_iris_only() -> None:
    assert local_href("https://w3id.org/iucgraph/id/city/cn/haikou") == "/id/city/cn/haikou"
    assert local_href("https://w3id.org/iucgraph/ontology#Pairing") == "/ontology#Pairing"
    assert local_href("https://example.org/x") == "https://example.org/x"


def test_home_tells_the_cohort_and_workshop_story(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    story = html[html.index('id="story"') :]
    for href in (
        "/id/cohort/iuc-asia-2018",
        "/id/city/cn/alpha",
        "/id/city/gb/gamma",
        "/id/event/2018-04-24-workshop",
        "/id/city/cn/capital",
        "/id/institution/team",
        "/id/person/dr-who",
    ):
        assert f'href="{href}"' in story, href
    assert "2019-01-01-later" not in story  # another year
    assert "The &lt;b&gt;Team&lt;/b&gt;" in story  # labels are escaped
    assert re.search(r'<span class="n">4</span> cities', html)


def test_pages_carry_a_strict_csp_with_a_fresh_nonce(client: FlaskClient) -> None:
    nonces = []
    for path in ("/", "/query", "/network", "/map", "/queries"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        csp = resp.headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe" not in csp
        nonce = re.search(r"'nonce-([^']+)'", csp)
        assert nonce is not None
        assert f'<meta name="csp-nonce" content="{nonce.group(1)}">' in resp.get_data(as_text=True)
        assert "<script>" not in resp.get_data(as_text=True)  # no inline script
        nonces.append(nonce.group(1))
    assert len(set(nonces)) == len(nonces)


def test_query_page_keeps_the_permalinked_query(client: FlaskClient) -> None:
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/iucgraph/ontology#City> }"
    html = client.get("/query", query_string={"query": query}).get_data(as_text=True)
    assert "SELECT ?s WHERE { ?s a &lt;https://w3id.org/iucgraph/ontology#City&gt; }" in html


def test_network_and_map_offer_the_data_filters(client: FlaskClient) -> None:
    html = client.get("/network?year=2018").get_data(as_text=True)
    assert '<option value="2018" selected>' in html
    assert 'href="/api/network/pairings?year=2018&amp;format=gexf"' in html
    html = client.get("/map").get_data(as_text=True)
    assert "/api/network/pairings?format=geojson" in html


def test_named_query_form_runs_without_javascript(client: FlaskClient) -> None:
    resp = client.get("/queries/partners-of-city", query_string={"city": "cn/alpha"})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'id="param-city"' in html and 'list="list-city"' in html
    table = html[html.index('id="results-table"') :]
    assert "Gamma-on-Sea" in table
    assert 'href="/id/city/gb/gamma"' in table
    assert re.search(r"/api/queries/partners-of-city.csv\?city=cn(/|%2F)alpha", html)


def test_named_query_form_reports_the_bad_parameter(client: FlaskClient) -> None:
    resp = client.get("/queries/partners-of-city", query_string={"city": "not a city"})
    assert resp.status_code == 400
    assert "city" in resp.get_data(as_text=True)


def test_open_in_editor_binds_the_parameters(client: FlaskClient) -> None:
    resp = client.get("/queries/partners-of-city/edit", query_string={"city": "cn/alpha"})
    assert resp.status_code == 303
    follow = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "&lt;https://w3id.org/iucgraph/id/city/cn/alpha&gt;" in follow
