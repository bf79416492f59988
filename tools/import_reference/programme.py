"""programme.trig: the IUC programme, its regional components, its cohorts and their members.

Cohorts are rounds of a component (id/cohort/iuc-asia-2018). A city is in a cohort through its
pairing's iuc:cohort; where a source names a cohort's cities without pairings (the founding
document's ten Chinese pilot cities), the cohort states `iuc:member` for each of them.
"""

from __future__ import annotations

import re

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from iucgraph.ids import country_iri, mint, province_iri
from iucgraph.namespaces import ID, IUC
from tools.import_reference import parties
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.corrections import corrected_rows
from tools.import_reference.places import ascii_key, canonical_city_name, country_code

PROGRAMME = mint("programme", "iuc")
PROGRAMME_LABEL = "International Urban Cooperation (IUC)"
COMPONENTS: dict[str, str] = {
    "iuc-asia": "IUC Asia",
    "iuc-japan": "IUC Japan",
    "iuc-india": "IUC India",
    "iuc-north-america": "IUC North America",
    "iuc-lac": "IUC Latin America and the Caribbean",
}

# The founding document (docs/founding-document.txt), word for word: "The five Chinese cities
# selected to take part in the second round of pairings are: Haikou (Hainan province), ..."
# and "those from last year's selected cities: Zhengzhou, Chongqing, Longyan, Changchun and
# Shantou"; later "Zhengzhou, Henan province". The workshop is of 24 April 2018, so the rounds
# are 2018 and 2017 (the year is ours: the document gives none).
FOUNDING_2018 = {
    "Haikou": "Hainan",
    "Kunming": "Yunnan",
    "Liuzhou": "Guangxi",
    "Yantai": "Shandong",
    "Weinan": "Shaanxi",
}
FOUNDING_2017 = ("Zhengzhou", "Chongqing", "Longyan", "Changchun", "Shantou")
FOUNDING_PROVINCES = {**FOUNDING_2018, "Zhengzhou": "Henan"}
FOUNDING_PROVINCE_CODES = {
    "Hainan": "CN-HI",
    "Yunnan": "CN-YN",
    "Guangxi": "CN-GX",
    "Shandong": "CN-SD",
    "Shaanxi": "CN-SN",
    "Henan": "CN-HA",
}

# Other sources that list the Chinese cohorts city by city (cities.csv rows with iuc_year).
COHORT_LIST_SOURCES = ("https://iuc.eu/index.php?id=225",)

_NO_PARTNER = re.compile(
    r"(EU|Chinese)?\s*partner (?:region )?(?:not found|not confirmed)", re.IGNORECASE
)


def component(iuc_region: str) -> str:
    """The programme slug of a pairings.csv iuc_region value."""
    if iuc_region.startswith("Asia"):
        return "iuc-asia"
    if iuc_region.startswith("Latin America"):
        return "iuc-lac"
    return {"Japan": "iuc-japan", "India": "iuc-india", "North America": "iuc-north-america"}[
        iuc_region
    ]


def component_of_role(role: str) -> str | None:
    """The component of a cities.csv role such as 'partner pilot city (IUC Asia, China)'."""
    for needle, slug in (("Asia", "iuc-asia"), ("Japan", "iuc-japan"), ("India", "iuc-india")):
        if needle in role:
            return slug
    if "North America" in role:
        return "iuc-north-america"
    if "LAC" in role or "Latin America" in role:
        return "iuc-lac"
    return None


def programme_iri(slug: str) -> URIRef:
    return mint("programme", slug)


def cohort_iri(slug: str, year: str) -> URIRef:
    return URIRef(ID + f"cohort/{slug}-{year}")


def _cohort(cur: Graph, slug: str, year: str) -> URIRef:
    iri = cohort_iri(slug, year)
    cur.add((iri, RDF.type, IUC.Cohort))
    cur.add((iri, RDFS.label, Literal(f"{COMPONENTS[slug]} {year} round", lang="en")))
    cur.add((iri, IUC.year, Literal(year, datatype=XSD.gYear)))
    cur.add((iri, IUC.programme, programme_iri(slug)))
    return iri


def _founding_document(ds: Dataset, sources: SourceRegistry) -> None:
    g = sources.founding_document(ds)
    for year, names in (("2018", tuple(FOUNDING_2018)), ("2017", FOUNDING_2017)):
        cohort = cohort_iri("iuc-asia", year)
        for name in names:
            city = parties.city(name, "China").iri
            g.add((city, RDF.type, IUC.City))
            g.add((city, IUC.inCountry, country_iri("CN")))
            g.add((cohort, IUC.member, city))
    for name, province in FOUNDING_PROVINCES.items():
        code = FOUNDING_PROVINCE_CODES[province]
        g.add((parties.city(name, "China").iri, IUC.inProvince, province_iri(code)))
        g.add((province_iri(code), RDF.type, IUC.Province))
        g.add((province_iri(code), SKOS.altLabel, Literal(f"{province} province")))


def _listed_cohorts(ds: Dataset, sources: SourceRegistry, rows: list[dict[str, str]]) -> None:
    for row in rows:
        slug = component_of_role(row["role"])
        if row["source_url"] in COHORT_LIST_SOURCES and row["iuc_year"] and slug:
            g = sources.graph(ds, row["source_url"])
            city = parties.city(row["city"], row["country"]).iri
            g.add((cohort_iri(slug, row["iuc_year"]), IUC.member, city))


def _partner_status(cur: Graph, pairing_rows: list[dict[str, str]], city_rows: list) -> None:
    """Pilot cities and regions whose partner no source names: say so, never invent one."""
    paired: set[tuple[str, str]] = set()
    for row in pairing_rows:
        for side in parties.sides(row):
            paired.add((side.iso2, ascii_key(side.name)))
    for row in city_rows:
        m = _NO_PARTNER.search(row["notes"])
        iso2 = country_code(row["country"])
        if m is None or iso2 is None:
            continue
        name = canonical_city_name(row["city"])
        place = parties.listed_place(row)
        if (iso2, ascii_key(place.name)) in paired or (iso2, ascii_key(name)) in paired:
            continue
        who = (m.group(1) or "EU") + " partner"
        text = f"No {who} found in the sources"
        cur.add((place.iri, IUC.partnerStatus, Literal(text, lang="en")))


def cohorts_of_pairings(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(component(r["iuc_region"]), r["round_year"]) for r in rows if r["round_year"]}


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    cur = sources.curation(ds)
    cur.add((PROGRAMME, RDF.type, IUC.Programme))
    cur.add((PROGRAMME, RDFS.label, Literal(PROGRAMME_LABEL, lang="en")))
    for row in ref.rows("chinese_names.csv"):
        if row["kind"] == "programme":
            cur.add((PROGRAMME, RDFS.label, Literal(row["name_zh"], lang="zh")))
            g = sources.graph(ds, row["source_url"])
            g.add((PROGRAMME, SKOS.altLabel, Literal(row["name_zh"] + "(IUC)项目", lang="zh")))
    for slug, label in COMPONENTS.items():
        iri = programme_iri(slug)
        cur.add((iri, RDF.type, IUC.Programme))
        cur.add((iri, RDFS.label, Literal(label, lang="en")))
        cur.add((iri, DCTERMS.isPartOf, PROGRAMME))
    pairing_rows = corrected_rows(ref, "pairings.csv")
    city_rows = corrected_rows(ref, "cities.csv")
    for slug, year in sorted(
        cohorts_of_pairings(pairing_rows) | {("iuc-asia", "2017"), ("iuc-asia", "2018")}
    ):
        _cohort(cur, slug, year)
    _founding_document(ds, sources)
    _listed_cohorts(ds, sources, city_rows)
    _partner_status(cur, pairing_rows, city_rows)
    return {"programme.trig": ds}
