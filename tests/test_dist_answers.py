"""The questions the graph must answer, asked by SPARQL over what `iucgraph build` writes.

The expected facts come from the founding document (docs/founding-document.txt) and the
reference tables; the queries run over the built TriG dump, as a researcher would use it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest

from iucgraph import __version__
from iucgraph.build import build
from iucgraph.config import PROJECT_ROOT
from iucgraph.load import default_paths

PREFIXES = """
PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX doc: <https://w3id.org/iucgraph/id/source/>
PREFIX cluster: <https://w3id.org/iucgraph/id/cluster/>
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    out = tmp_path_factory.mktemp("dist") / "dist"
    build(default_paths(), out)
    store = ox.Store()
    store.load(path=str(out / f"iucgraph-{__version__}.trig"), format=ox.RdfFormat.TRIG)
    return store


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def test_the_ten_chinese_pilot_cities_with_provinces_and_known_partners(dist: ox.Store) -> None:
    found = rows(
        dist,
        """SELECT ?year ?city ?province (GROUP_CONCAT(?eu; separator="|") AS ?partners) WHERE {
             ?cohort a iuc:Cohort ; iuc:year ?year ; iuc:member ?c .
             ?c iuc:inCountry <https://w3id.org/iucgraph/id/country/cn> ; rdfs:label ?city ;
                iuc:inProvince/rdfs:label ?province .
             FILTER(lang(?city) = "en" && lang(?province) = "en")
             OPTIONAL { ?p a iuc:Pairing ; iuc:partnerCity ?c ; iuc:euCity/rdfs:label ?eu .
                        FILTER(lang(?eu) = "en") }
           } GROUP BY ?year ?city ?province""",
    )
    by_city = {r["city"]: r for r in found}
    expected = {
        "2017": {"Zhengzhou", "Chongqing", "Longyan", "Changchun", "Shantou"},
        "2018": {"Haikou", "Kunming", "Liuzhou", "Yantai", "Weinan"},
    }
    for year, cities in expected.items():
        assert {c for c, r in by_city.items() if r["year"] == year} == cities
    provinces = {c: r["province"].split()[0] for c, r in by_city.items()}
    assert provinces["Haikou"] == "Hainan" and provinces["Kunming"] == "Yunnan"
    assert provinces["Liuzhou"] == "Guangxi" and provinces["Yantai"] == "Shandong"
    assert provinces["Weinan"] == "Shaanxi"
    partners = {c: set(r.get("partners", "").split("|")) - {""} for c, r in by_city.items()}
    assert partners["Haikou"] == {"Nice"}
    assert partners["Yantai"] == {"Rome"}
    assert {"Barnsley", "Barcelona"} <= partners["Liuzhou"]
    assert partners["Chongqing"] == {"Mannheim"}
    assert partners["Longyan"] == {"Mannheim", "Prague"}
    for unknown in ("Shantou", "Kunming", "Weinan"):  # never invented
        assert partners[unknown] == set()


def _reference(name: str) -> list[dict[str, str]]:
    for base in (PROJECT_ROOT.parent / "shared", Path("/work/shared")):
        path = base / "reference" / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f))
    pytest.skip("../shared/reference is not beside this checkout")


def test_every_pairings_row_is_in_its_class(dist: ox.Store) -> None:
    reference = _reference("pairings.csv")
    regional = sum("region-to-region" in r["iuc_region"] for r in reference)
    cluster_only = sum("Cluster membership only" in r["notes"] for r in reference)
    counts = {
        r["cls"]: int(r["n"])
        for r in rows(
            dist,
            """SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {
                 VALUES ?cls { iuc:Pairing iuc:RegionalPairing } ?x a ?cls } GROUP BY ?cls""",
        )
    }
    members = rows(dist, "SELECT ?m WHERE { cluster:zhengzhou a iuc:Cluster ; iuc:member ?m }")
    assert counts["https://w3id.org/iucgraph/ontology#RegionalPairing"] == regional
    assert counts["https://w3id.org/iucgraph/ontology#Pairing"] == (
        len(reference) - regional - cluster_only
    )
    assert len(members) >= cluster_only + 1


def test_the_seventeen_sdgs_under_the_un_iris(dist: ox.Store) -> None:
    goals = rows(dist, "SELECT ?g ?n WHERE { ?g a sdgo:Goal ; skos:notation ?n }")
    assert {g["g"] for g in goals} == {f"http://metadata.un.org/sdg/{n}" for n in range(1, 18)}


def test_the_founding_documents_people_and_institutions_with_roles(dist: ox.Store) -> None:
    people = rows(
        dist,
        """SELECT ?name ?title ?org WHERE {
             GRAPH doc:founding-document { ?p a foaf:Person ; foaf:name ?name .
               OPTIONAL { ?p schema:jobTitle ?title } OPTIONAL { ?p schema:worksFor ?o } }
             OPTIONAL { ?o rdfs:label ?org FILTER(lang(?org) = "en") } }""",
    )
    by_name = {p["name"]: p for p in people}
    assert by_name["Natividad Lorenzo"]["title"] == "Programme Manager"
    assert "Delegation" in by_name["Natividad Lorenzo"]["org"]
    assert by_name["PENG Shicheng"]["title"] == "Division Director"
    assert "Regional Economy" in by_name["PENG Shicheng"]["org"]
    assert {"Pablo Gándara", "Steven Shi"} <= set(by_name)
    institutions = rows(
        dist,
        """SELECT ?label WHERE { GRAPH doc:founding-document { ?i a iuc:Institution }
             ?i rdfs:label ?label }""",
    )
    labels = " ".join(i["label"] for i in institutions)
    assert "National Development and Reform Commission" in labels
    assert "Delegation of the European Union to China" in labels


def test_the_beijing_workshop_with_organisers_and_speakers(dist: ox.Store) -> None:
    found = rows(
        dist,
        """SELECT ?e ?place ?organiser ?speaker WHERE {
             ?e a iuc:Event ; schema:startDate "2018-04-24"^^xsd:date ;
                schema:location/rdfs:label "Beijing"@en ;
                schema:organizer/skos:altLabel ?organiser ; iuc:speaker/foaf:name ?speaker }""",
    )
    assert len({r["e"] for r in found}) == 1
    assert {"NDRC", "IUC Asia"} <= {r["organiser"] for r in found}
    assert {"Natividad Lorenzo", "PENG Shicheng"} <= {r["speaker"] for r in found}


def test_both_venues_of_the_2018_dialogue_each_with_its_source(dist: ox.Store) -> None:
    found = rows(
        dist,
        """SELECT DISTINCT ?place ?source WHERE {
             ?e a iuc:Event ; rdfs:label ?label .
             FILTER(CONTAINS(LCASE(?label), "high-level dialogue"))
             GRAPH ?source { ?e schema:location ?l } ?l rdfs:label ?place
             FILTER(lang(?place) = "en") }""",
    )
    places = {r["place"]: r["source"] for r in found}
    assert places["Zhengzhou"] == "https://w3id.org/iucgraph/id/source/founding-document"
    assert places["Beijing"] != places["Zhengzhou"]


def test_every_city_has_geonames_and_coordinates_or_a_reason_in_the_report(
    dist: ox.Store,
) -> None:
    missing = rows(
        dist,
        """SELECT ?c WHERE { ?c a iuc:City .
             FILTER NOT EXISTS { ?c owl:sameAs ?g ; wgs:lat ?lat ; wgs:long ?long .
               FILTER(STRSTARTS(STR(?g), "https://sws.geonames.org/")) } }""",
    )
    with (PROJECT_ROOT / "reports" / "geonames-links.csv").open(encoding="utf-8") as f:
        report = {r["city"]: r for r in csv.DictReader(f)}
    for row in missing:
        entry = report.get(row["c"])
        assert entry is not None, f"{row['c']} has no GeoNames link and is not in the report"
        assert entry["status"] in {"ambiguous", "unmatched"} and entry["reason"]


def test_every_statement_about_a_city_or_pairing_has_a_source(dist: ox.Store) -> None:
    unsourced = rows(
        dist,
        """SELECT ?s ?p ?o WHERE {
             { ?s a iuc:City } UNION { ?s a iuc:Pairing }
             ?s ?p ?o .
             FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } ?g a iuc:Source } } LIMIT 5""",
    )
    assert unsourced == []
