"""geography.trig: continents, countries, provinces, regions and cities, with every claim.

Structure (types, canonical labels, country, province) is ours and goes in the curation graph.
What a source says about a place (its spelling, country, province, population, area, mayor,
notes) goes in that source's graph, so conflicting figures stand side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS, XSD

from iucgraph.ids import country_iri, mint, person_iri, province_iri
from iucgraph.namespaces import IUC, SCHEMA
from tools.import_reference import parties
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.corrections import corrected_rows, field_source
from tools.import_reference.parties import Place, Row
from tools.import_reference.places import (
    CHINESE_CITY_PROVINCES,
    CONTINENT_LABELS,
    INFERRED_PLACES,
    PLACE_NOTES,
    PROVINCES_FROM_GENERAL_KNOWLEDGE,
    continent_code,
    country_label,
    joint_members,
    province_code,
    province_label,
)

QUALIFIERS = {"~": "about", ">": "more than"}
_QUANTITY = re.compile(r"^([~>]?)\s*(\d+(?:\.\d+)?)\s*(?:\((.*)\))?$")
_COUNTRY_UNSTATED = re.compile(
    r"countr(?:y|ies)[^;.]*(?:not stated|not printed|general knowledge)", re.IGNORECASE
)
_PROVINCE_GENERAL = re.compile(r"(?:state|province)[^;.]*general knowledge", re.IGNORECASE)
_MAYOR_IN_NOTES = re.compile(
    r"[Mm]ayor(?: listed)?:? (?:Dr\. )?([A-ZÀ-Ý][\w'.-]*(?: [A-ZÀ-Ý][\w'.-]*)+)"
)
_MAYOR_FIELD = re.compile(r"^(?:(Dr\.) )?([^()]+?)\s*(?:\((.+)\))?$")
_PROVINCE_AS_GIVEN = re.compile(r'province as given in source \("([^"]+)"\)')


def continent_iri(code: str) -> URIRef:
    return mint("continent", code)


def parse_quantity(raw: str) -> tuple[Decimal, str | None, str | None] | None:
    """'~1400000' -> (1400000, 'about', None); '19 (as printed; suspicious)' -> note."""
    m = _QUANTITY.match(raw.strip())
    if not raw.strip():
        return None
    if m is None:
        raise ValueError(f"not a quantity: {raw!r}")
    return Decimal(m.group(2)), QUALIFIERS.get(m.group(1)), m.group(3)


def parse_mayor(raw: str) -> tuple[str, str | None, str | None, str | None]:
    """'Dr. Ishey Namgyal (President, ...)' -> (name, prefix, job title, note)."""
    m = _MAYOR_FIELD.match(raw.strip())
    assert m is not None
    prefix, name, extra = m.group(1), m.group(2).strip(), m.group(3)
    if extra and extra.startswith("as listed"):
        return name, prefix, None, extra
    return name, prefix, extra, None


@dataclass
class _Seen:
    place: Place
    provinces: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, ds: Dataset, sources: SourceRegistry):
        self.ds, self.sources = ds, sources
        self.seen: dict[URIRef, _Seen] = {}
        self.general_knowledge_province: set[URIRef] = set()
        self.figures_in_cities_csv: set[tuple[URIRef, str, Decimal]] = set()
        self.provinces_used: set[str] = set()

    def graph(self, url: str) -> Graph:
        return self.sources.curation(self.ds) if not url else self.sources.graph(self.ds, url)

    def register(self, place: Place) -> None:
        self.seen.setdefault(place.iri, _Seen(place))

    def describe(self, g: Graph, place: Place, *, country_stated: bool = True) -> None:
        """The source names the place: type, its own spelling, and its country."""
        self.register(place)
        kind = IUC.City if place.kind == "city" else IUC.Region
        g.add((place.iri, RDF.type, kind))
        if place.listed != place.name and not joint_members(place.listed):
            g.add((place.iri, SKOS.altLabel, Literal(place.listed)))
        if country_stated:
            g.add((place.iri, IUC.inCountry, country_iri(place.iso2)))

    def province(self, g: Graph, place: Place, listed: str, *, stated: bool) -> None:
        code = province_code(listed, place.iso2) if listed else None
        if code is None:
            if listed:
                g.add(
                    (
                        place.iri,
                        IUC.note,
                        Literal(f"Province or region as listed: {listed}", lang="en"),
                    )
                )
            return
        self.seen[place.iri].provinces.append(code)
        self.provinces_used.add(code)
        if stated and place.iri not in self.general_knowledge_province:
            g.add((place.iri, IUC.inProvince, province_iri(code)))

    def figures(self, g: Graph, place: Place, population: str, area: str) -> None:
        for prop, raw in ((IUC.population, population), (IUC.area, area)):
            parsed = parse_quantity(raw)
            if parsed is None:
                continue
            value, qualifier, note = parsed
            if prop == IUC.population:
                if any(True for _ in g.objects(place.iri, IUC.population)) and (
                    (place.iri, IUC.population, Literal(int(value))) not in g
                ):
                    raise ValueError(f"two populations for {place.iri} in one graph {g.identifier}")
                g.add((place.iri, prop, Literal(int(value), datatype=XSD.integer)))
                if qualifier:
                    g.add((place.iri, IUC.populationQualifier, Literal(qualifier)))
            else:
                g.add((place.iri, prop, Literal(value, datatype=XSD.decimal)))
                if qualifier:
                    text = f"Area given as '{raw}' ({qualifier} {value} km²)."
                    g.add((place.iri, IUC.note, Literal(text, lang="en")))
            if note:
                g.add((place.iri, IUC.note, Literal(f"Figure '{raw}': {note}", lang="en")))

    def mayor(self, g: Graph, place: Place, raw: str) -> None:
        if not raw:
            return
        name, prefix, job, note = parse_mayor(raw)
        person = person_iri(name)
        g.add((place.iri, IUC.mayor, person))
        g.add((person, RDF.type, FOAF.Person))
        g.add((person, FOAF.name, Literal(name)))
        if prefix:
            g.add((person, SCHEMA.honorificPrefix, Literal(prefix)))
        if job:
            g.add((person, SCHEMA.jobTitle, Literal(job, lang="en")))
        if note:
            g.add((person, IUC.note, Literal(f"Name {note}.", lang="en")))


def _city_rows(b: _Builder, rows: list[Row]) -> None:
    for row in rows:
        url = row["source_url"]
        g = b.graph(url)
        place = parties.listed_place(row)
        b.describe(g, place, country_stated=bool(row["country"]))
        if "_orig:city" in row:
            b.describe(b.graph(field_source(row, "city", url)), place, country_stated=False)
            g.add((place.iri, SKOS.altLabel, Literal(row["_orig:city"])))
        province_url = field_source(row, "province_or_region", url)
        b.province(b.graph(province_url), place, row["province_or_region"], stated=True)
        b.figures(g, place, row["population"], row["area_km2"])
        for name in _MAYOR_IN_NOTES.findall(row["notes"]):
            b.mayor(g, place, name)
        m = _PROVINCE_AS_GIVEN.search(row["notes"])
        code = province_code(row["province_or_region"], place.iso2)
        if m and code:
            g.add((province_iri(code), SKOS.altLabel, Literal(m.group(1))))
        year = f", IUC year {row['iuc_year']}" if row["iuc_year"] else ""
        text = f"{row['role']}{year}" + (f": {row['notes']}" if row["notes"] else "")
        g.add((place.iri, IUC.note, Literal(text, lang="en")))


def _pairing_rows(b: _Builder, rows: list[Row]) -> None:
    for row in rows:
        g = b.graph(row["source_url"])
        stated = not _COUNTRY_UNSTATED.search(row["notes"])
        eu, partner = parties.sides(row)
        for place in (eu, partner):
            b.describe(g, place, country_stated=stated and bool(row[_side(place, eu)]))
        for side, country in (("eu_city", "eu_country"), ("partner_city", "partner_country")):
            for place in parties.co_members(row[side], row[country]):
                b.describe(g, place, country_stated=stated and bool(row[country]))
        if _PROVINCE_GENERAL.search(row["notes"]):
            b.general_knowledge_province.add(partner.iri)
        # Provinces in pairings.csv often cite another page: ours (curation) only.
        b.province(b.graph(""), partner, row["partner_region_or_province"], stated=False)
        for place, prefix in ((eu, "eu_"), (partner, "partner_")):
            pop, area = row[prefix + "population"], row[prefix + "area_km2"]
            pop = "" if _in_cities_csv(b, place, IUC.population, pop) else pop
            area = "" if _in_cities_csv(b, place, IUC.area, area) else area
            b.figures(g, place, pop, area)
            b.mayor(g, place, row[prefix + "mayor"])


def _side(place: Place, eu: Place) -> str:
    return "eu_country" if place is eu else "partner_country"


def _in_cities_csv(b: _Builder, place: Place, prop: URIRef, raw: str) -> bool:
    """A pairing row's figure that cities.csv also holds is taken from there (exact source)."""
    parsed = parse_quantity(raw) if raw else None
    return parsed is not None and (place.iri, str(prop), parsed[0]) in b.figures_in_cities_csv


def _index_cities_csv(b: _Builder, rows: list[Row]) -> None:
    for row in rows:
        if parties.is_region_row(row):
            continue
        place = parties.city(row["city"], row["country"])
        for prop, raw in ((IUC.population, row["population"]), (IUC.area, row["area_km2"])):
            parsed = parse_quantity(raw)
            if parsed:
                b.figures_in_cities_csv.add((place.iri, str(prop), parsed[0]))
        if _PROVINCE_GENERAL.search(row["notes"]):
            b.general_knowledge_province.add(place.iri)


def _curation(b: _Builder, ref: Reference) -> None:
    cur = b.sources.curation(b.ds)
    zh = {r["name_en"]: r["name_zh"] for r in ref.rows("chinese_names.csv")}
    for r in ref.rows("chinese_names.csv"):
        if r["kind"] == "city":
            b.register(parties.city(r["name_en"], "China"))
    countries = {"CN"}
    for iri, seen in sorted(b.seen.items()):
        p = seen.place
        countries.add(p.iso2)
        cur.add((iri, RDF.type, IUC.City if p.kind == "city" else IUC.Region))
        cur.add((iri, RDFS.label, Literal(p.name, lang="en")))
        cur.add((iri, IUC.inCountry, country_iri(p.iso2)))
        code = CHINESE_CITY_PROVINCES.get(p.name) if p.iso2 == "CN" else None
        code = code or (seen.provinces[0] if seen.provinces else None)
        if code:
            b.provinces_used.add(code)
            cur.add((iri, IUC.inProvince, province_iri(code)))
        if p.iso2 == "CN" and p.name in zh:
            cur.add((iri, RDFS.label, Literal(zh[p.name], lang="zh")))
        if p.name in PLACE_NOTES:
            cur.add((iri, IUC.note, Literal(PLACE_NOTES[p.name], lang="en")))
        if p.name in INFERRED_PLACES:
            cur.add((iri, IUC.inferred, Literal(True)))
        if iri in b.general_knowledge_province or p.name in PROVINCES_FROM_GENERAL_KNOWLEDGE:
            cur.add((iri, IUC.note, Literal("Province from general knowledge.", lang="en")))
    zh_provinces = {province_code(n, "CN"): z for n, z in zh.items() if province_code(n, "CN")}
    for code in sorted(b.provinces_used):
        iri, iso2 = province_iri(code), code.split("-")[0]
        countries.add(iso2)
        cur.add((iri, RDF.type, IUC.Province))
        cur.add((iri, RDFS.label, Literal(province_label(code), lang="en")))
        cur.add((iri, IUC.isoCode, Literal(code)))
        cur.add((iri, IUC.inCountry, country_iri(iso2)))
        if code in zh_provinces:
            cur.add((iri, RDFS.label, Literal(zh_provinces[code], lang="zh")))
    for iso2 in sorted(countries):
        iri = country_iri(iso2)
        cur.add((iri, RDF.type, IUC.Country))
        cur.add((iri, RDFS.label, Literal(country_label(iso2), lang="en")))
        cur.add((iri, IUC.isoCode, Literal(iso2)))
        cur.add((iri, IUC.continent, continent_iri(continent_code(iso2))))
    for code, label in CONTINENT_LABELS.items():
        cur.add((continent_iri(code), RDF.type, IUC.Continent))
        cur.add((continent_iri(code), RDFS.label, Literal(label, lang="en")))


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    b = _Builder(ds, sources)
    city_rows = corrected_rows(ref, "cities.csv")
    _index_cities_csv(b, city_rows)
    _pairing_rows(b, corrected_rows(ref, "pairings.csv"))
    _city_rows(b, city_rows)
    _curation(b, ref)
    return {"geography.trig": ds}
