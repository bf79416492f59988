"""The reference import: reproducible output, every pairings.csv row in the right class, and
the founding document's facts, each with its source. Skipped when the reference files are absent.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from iucgraph.config import PROJECT_ROOT
from iucgraph.ids import city_iri, pairing_iri, province_iri
from tools.import_reference.__main__ import main


def _reference_dir() -> Path | None:
    candidates = [
        os.environ.get("IUCGRAPH_REFERENCE_DIR", ""),
        str(PROJECT_ROOT.parent / "shared" / "reference"),
        "/work/shared/reference",
    ]
    for candidate in filter(None, candidates):
        if (Path(candidate) / "pairings.csv").is_file():
            return Path(candidate)
    return None


REFERENCE = _reference_dir()
pytestmark = [
    pytest.mark.skipif(REFERENCE is None, reason="shared/reference not available"),
]


def _csv(name: str) -> list[dict[str, str]]:
    assert REFERENCE is not None
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    main(["--reference", str(REFERENCE), "--out", str(out)])
    return out


PREFIXES = """
PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


class Graph:
    """The generated files in an Oxigraph store; queries see the union of the named graphs."""

    def __init__(self, directory: Path):
        self.store = ox.Store()
        for path in sorted(directory.glob("*.trig")):
            self.store.load(path=str(path), format=ox.RdfFormat.TRIG)

    def select(self, query: str, **bindings: str) -> list[dict[str, str]]:
        if bindings:  # bound as RDF terms in a VALUES block, never spliced as text
            names = " ".join(f"?{k}" for k in bindings)
            terms = " ".join(str(ox.NamedNode(str(v))) for v in bindings.values())
            query = query.replace("WHERE {", f"WHERE {{ VALUES ({names}) {{ ({terms}) }}", 1)
        result = self.store.query(PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]  # type: ignore[union-attr]
        return [
            {n: row[n].value for n in names if row[n] is not None}
            for row in result  # type: ignore[union-attr]
        ]

    def values(self, query: str, **bindings: str) -> set[str]:
        return {next(iter(row.values())) for row in self.select(query, **bindings) if row}


@pytest.fixture(scope="module")
def graph(out_dir: Path) -> Graph:
    return Graph(out_dir)


def test_rerun_gives_the_committed_files_byte_for_byte(out_dir: Path) -> None:
    written = sorted(p.name for p in out_dir.glob("*.trig"))
    assert "pairings.trig" in written and "geography.trig" in written
    for name in written:
        committed = PROJECT_ROOT / "data" / name
        assert committed.is_file(), f"data/{name} is not committed"
        assert committed.read_bytes() == (out_dir / name).read_bytes(), f"data/{name} is stale"


def test_every_triple_is_in_a_named_graph(out_dir: Path) -> None:
    for path in out_dir.glob("*.trig"):
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
        assert len(store) > 0
        default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        assert default == [], f"{path.name} has triples in the default graph"


def _count(graph: Graph, cls: str) -> int:
    return len(graph.values(f"SELECT DISTINCT ?x WHERE {{ ?x a iuc:{cls} }}"))


def test_each_pairings_row_lands_in_its_class(graph: Graph) -> None:
    rows = _csv("pairings.csv")
    regional = [r for r in rows if "region-to-region" in r["iuc_region"]]
    cluster = [r for r in rows if r["notes"].lower().startswith("cluster membership only")]
    city_to_city = len(rows) - len(regional) - len(cluster)
    assert regional and cluster
    assert _count(graph, "Pairing") == city_to_city
    assert _count(graph, "RegionalPairing") == len(regional)
    clusters = graph.values("SELECT DISTINCT ?c WHERE { ?c a iuc:Cluster }")
    assert len(clusters) == 1
    members = graph.values("SELECT ?m WHERE { ?c iuc:member ?m }", c=next(iter(clusters)))
    pairings = graph.values("SELECT ?p WHERE { ?p a iuc:Pairing }")
    for row in cluster:
        assert str(city_iri("CN", row["partner_city"])) in members
        assert str(pairing_iri(row["partner_city"], row["eu_city"])) not in pairings
    assert str(city_iri("GR", "Agioi Anargyroi-Kamatero")) in members


@pytest.mark.parametrize(
    ("partner", "eu", "iso_eu", "listed_eu"),
    [
        ("Liuzhou", "Barnsley", "gb", "Barnsley Metropolitan Borough Council"),
        ("Haikou", "Nice", "fr", "Métropole Nice Côte d'Azur"),
        ("Yantai", "Rome", "it", "Rome"),
        ("Chongqing", "Mannheim", "de", "Mannheim"),
    ],
)
def test_named_pairings_exist_with_their_themes(
    graph: Graph, partner: str, eu: str, iso_eu: str, listed_eu: str
) -> None:
    found = graph.select(
        "SELECT ?eu ?partner WHERE "
        "{ ?p a iuc:Pairing ; iuc:euCity ?eu ; iuc:partnerCity ?partner }",
        p=pairing_iri(partner, eu),
    )
    assert found == [{"eu": str(city_iri(iso_eu, eu)), "partner": str(city_iri("cn", partner))}]
    row = next(
        r
        for r in _csv("pairings.csv")
        if r["partner_city"] == partner and r["eu_city"] == listed_eu
    )
    expected = {t.strip() for t in row["themes"].split(";") if t.strip()}
    labels = graph.values(
        "SELECT ?l WHERE { ?p iuc:theme ?t . ?t skos:prefLabel ?l }", p=pairing_iri(partner, eu)
    )
    assert expected <= labels


def test_the_2018_chinese_cities_have_their_provinces_and_chinese_names(graph: Graph) -> None:
    expected = {
        "Haikou": "CN-HI",
        "Kunming": "CN-YN",
        "Liuzhou": "CN-GX",
        "Yantai": "CN-SD",
        "Weinan": "CN-SN",
    }
    zh = {r["name_en"]: r["name_zh"] for r in _csv("chinese_names.csv")}
    cohort = "https://w3id.org/iucgraph/id/cohort/iuc-asia-2018"
    for name, code in expected.items():
        city = city_iri("CN", name)
        provinces = graph.values("SELECT ?p WHERE { ?c iuc:inProvince ?p }", c=city)
        assert provinces == {str(province_iri(code))}
        assert graph.values("SELECT ?i WHERE { ?p iuc:isoCode ?i }", p=province_iri(code)) == {code}
        labels = graph.values(
            "SELECT ?l WHERE { ?c rdfs:label ?l FILTER(lang(?l) = 'zh') }", c=city
        )
        assert labels == {zh[name]}
        members = graph.values("SELECT ?m WHERE { ?k iuc:member ?m }", k=cohort)
        assert str(city) in members


def test_both_yantai_populations_are_kept_in_different_graphs(graph: Graph) -> None:
    rows = [r for r in _csv("cities.csv") if r["city"] == "Yantai" and r["population"]]
    assert len({r["population"] for r in rows}) >= 2
    found = graph.select(
        "SELECT ?g ?n WHERE { GRAPH ?g { ?c iuc:population ?n } }", c=city_iri("CN", "Yantai")
    )
    assert {int(r["n"]) for r in found} >= {int(r["population"]) for r in rows}
    assert len({r["g"] for r in found}) >= 2


def test_every_pairing_is_stated_by_a_described_source(graph: Graph) -> None:
    pairings = graph.values(
        "SELECT DISTINCT ?p WHERE { { ?p a iuc:Pairing } UNION { ?p a iuc:RegionalPairing } }"
    )
    assert pairings
    for pairing in pairings:
        sources = graph.values(
            "SELECT DISTINCT ?src WHERE { GRAPH ?src { ?p ?x ?o } ?src a iuc:Source }", p=pairing
        )
        assert sources, f"no source states {pairing}"


def test_unknown_partners_are_flagged_not_invented(graph: Graph) -> None:
    for name in ("Shantou", "Kunming", "Weinan"):
        city = city_iri("CN", name)
        assert not graph.values("SELECT ?p WHERE { ?p iuc:partnerCity ?c }", c=city)
        assert graph.values("SELECT ?s WHERE { ?c iuc:partnerStatus ?s }", c=city)


def test_every_theme_is_aligned_with_an_sdg(graph: Graph) -> None:
    themes = graph.values("SELECT DISTINCT ?t WHERE { ?t a iuc:Theme }")
    assert len(themes) > 10
    unaligned = graph.values(
        "SELECT ?t WHERE { ?t a iuc:Theme FILTER NOT EXISTS { ?t iuc:alignedWith ?s } }"
    )
    assert unaligned == set()
