"""The SPARQL that feeds the network views, and the plain records it is turned into.

Every query is a simple pattern without GROUP BY: joining and grouping a few thousand rows in
Python is cheaper than in the engine, and the same text runs on any SPARQL 1.1 endpoint. Each
fetch asks the store for at most `row_cap` rows and raises NetworkTooLarge when cut, so a huge
graph fails loudly instead of silently giving half a network.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib.term import Node

from iucgraph.errors import NetworkTooLarge
from iucgraph.store import Store

PREFIXES = """PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""

EN = 'FILTER(langMatches(lang(?{v}), "en") || lang(?{v}) = "")'

Q_PAIRINGS = (
    PREFIXES
    + """SELECT ?pairing ?g ?eu ?partner ?year ?programme ?programmeLabel WHERE {
  GRAPH ?g { ?pairing a iuc:Pairing }
  ?pairing iuc:euCity ?eu ; iuc:partnerCity ?partner .
  OPTIONAL { ?pairing iuc:cohort/iuc:year ?year }
  OPTIONAL { ?pairing iuc:programme|iuc:cohort/iuc:programme ?programme .
             OPTIONAL { ?programme rdfs:label ?programmeLabel """
    + EN.format(v="programmeLabel")
    + """ } }
}"""
)

Q_PAIRING_THEMES = (
    PREFIXES + "SELECT ?pairing ?theme WHERE { ?pairing a iuc:Pairing ; iuc:theme ?theme }"
)
# The themes of a pairing's cooperation projects (not the pairing's own iuc:theme).
Q_PROJECT_THEMES = (
    PREFIXES
    + """SELECT DISTINCT ?pairing ?theme WHERE {
  ?project a iuc:CooperationProject ; iuc:pairing ?pairing ; iuc:theme ?theme .
}"""
)
Q_PAIRING_SDGS = (
    PREFIXES + "SELECT ?pairing ?sdg WHERE { ?pairing a iuc:Pairing ; iuc:alignedWith ?sdg }"
)

Q_CLUSTERS = (
    PREFIXES
    + """SELECT ?cluster ?g ?label ?member ?theme ?programme ?programmeLabel WHERE {
  GRAPH ?g { ?cluster iuc:member ?member }
  ?cluster a iuc:Cluster .
  OPTIONAL { ?cluster rdfs:label ?label """
    + EN.format(v="label")
    + """ }
  OPTIONAL { ?cluster iuc:theme ?theme }
  OPTIONAL { ?cluster iuc:programme ?programme .
             OPTIONAL { ?programme rdfs:label ?programmeLabel """
    + EN.format(v="programmeLabel")
    + """ } }
}"""
)

Q_THEMES = (
    PREFIXES
    + """SELECT ?theme ?label ?sdg WHERE {
  ?theme a iuc:Theme .
  OPTIONAL { ?theme skos:prefLabel ?label """
    + EN.format(v="label")
    + """ }
  OPTIONAL { ?theme iuc:alignedWith ?sdg }
}"""
)

Q_SDGS = (
    PREFIXES
    + """SELECT ?sdg ?notation ?label WHERE {
  ?sdg a sdgo:Goal .
  OPTIONAL { ?sdg skos:notation ?notation }
  OPTIONAL { ?sdg skos:prefLabel ?label """
    + EN.format(v="label")
    + """ }
}"""
)

Q_CITIES = (
    PREFIXES
    + """SELECT ?city ?label ?countryLabel ?iso ?provinceLabel WHERE {
  ?city a iuc:City .
  OPTIONAL { ?city rdfs:label ?label """
    + EN.format(v="label")
    + """ }
  OPTIONAL { ?city iuc:inCountry ?country .
    OPTIONAL { ?country rdfs:label ?countryLabel """
    + EN.format(v="countryLabel")
    + """ }
    OPTIONAL { ?country iuc:isoCode ?iso } }
  OPTIONAL { ?city iuc:inProvince ?province .
    OPTIONAL { ?province rdfs:label ?provinceLabel """
    + EN.format(v="provinceLabel")
    + """ } }
}"""
)

Q_CITY_POPULATION = (
    PREFIXES
    + "SELECT DISTINCT ?city ?population WHERE { ?city a iuc:City ; iuc:population ?population }"
)
Q_CITY_COORDINATES = (
    PREFIXES + "SELECT ?city ?lat ?long WHERE { ?city a iuc:City ; wgs:lat ?lat ; wgs:long ?long }"
)
Q_CITY_SOURCES = (
    PREFIXES + "SELECT DISTINCT ?city ?g WHERE { ?city a iuc:City . GRAPH ?g { ?city ?p ?o } }"
)

# The actor relations, each with the graph (source) that states it.
Q_ACTOR_LINKS = (
    PREFIXES
    + """SELECT ?s ?p ?o ?g WHERE {
  VALUES ?p { schema:worksFor schema:organizer iuc:participant iuc:speaker schema:location
              org:subOrganizationOf }
  GRAPH ?g { ?s ?p ?o }
  FILTER(isIRI(?o))
}"""
)

Q_ACTORS = (
    PREFIXES
    + """SELECT ?node ?type ?label ?name ?acronym ?date WHERE {
  VALUES ?type { iuc:Institution foaf:Person iuc:Event }
  ?node a ?type .
  OPTIONAL { ?node rdfs:label ?label """
    + EN.format(v="label")
    + """ }
  OPTIONAL { ?node foaf:name ?name }
  OPTIONAL { ?node skos:altLabel ?acronym }
  OPTIONAL { ?node schema:startDate ?date }
}"""
)


@dataclass
class City:
    iri: str
    label: str = ""
    country: str = ""
    country_code: str = ""
    province: str = ""
    lat: float | None = None
    long: float | None = None
    populations: set[int] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


@dataclass
class Pairing:
    iri: str
    eu: str
    partner: str
    years: set[int] = field(default_factory=set)
    programmes: dict[str, str] = field(default_factory=dict)  # IRI -> label
    themes: set[str] = field(default_factory=set)  # the pairing's own iuc:theme
    project_themes: set[str] = field(default_factory=set)  # its cooperation projects' themes
    sdgs: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


@dataclass
class Cluster:
    iri: str
    label: str = ""
    members: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    programmes: dict[str, str] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)


@dataclass
class Vocabulary:
    """Theme and SDG labels, and the theme -> SDG alignment."""

    theme_labels: dict[str, str] = field(default_factory=dict)
    theme_sdgs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sdg_labels: dict[str, str] = field(default_factory=dict)
    sdg_notations: dict[str, str] = field(default_factory=dict)


@dataclass
class PairingData:
    """Everything the pairings, themes and SDG views are built from."""

    pairings: dict[str, Pairing]
    clusters: dict[str, Cluster]
    cities: dict[str, City]
    vocabulary: Vocabulary


def _rows(store: Store, query: str, row_cap: int, what: str) -> list[dict[str, Node]]:
    result = store.select(query, limit=row_cap)
    if result.truncated:
        raise NetworkTooLarge(f"more than {row_cap} rows of {what}", row_cap=row_cap)
    return list(result.dicts())


def year_of(term: Node) -> int | None:
    """2018 from "2018"^^xsd:gYear, "2018-04"^^xsd:gYearMonth or "2018-04-24"^^xsd:date."""
    text = str(term).lstrip("-")
    head = text[:4]
    return int(head) if head.isdigit() else None


def fetch_vocabulary(store: Store, row_cap: int) -> Vocabulary:
    vocab = Vocabulary()
    for r in _rows(store, Q_THEMES, row_cap, "themes"):
        theme = str(r["theme"])
        vocab.theme_labels.setdefault(theme, str(r.get("label", "")) or theme.rsplit("/", 1)[-1])
        if "sdg" in r:
            vocab.theme_sdgs[theme].add(str(r["sdg"]))
    for r in _rows(store, Q_SDGS, row_cap, "SDGs"):
        sdg = str(r["sdg"])
        vocab.sdg_notations[sdg] = str(r.get("notation", "")) or sdg.rsplit("/", 1)[-1]
        vocab.sdg_labels[sdg] = str(r.get("label", "")) or f"SDG {vocab.sdg_notations[sdg]}"
    return vocab


def fetch_cities(store: Store, row_cap: int) -> dict[str, City]:
    cities: dict[str, City] = {}
    for r in _rows(store, Q_CITIES, row_cap, "cities"):
        iri = str(r["city"])
        city = cities.setdefault(iri, City(iri))
        # Several values (a data error) resolve to the smallest, so output is reproducible.
        for attr, var in (
            ("label", "label"),
            ("country", "countryLabel"),
            ("country_code", "iso"),
            ("province", "provinceLabel"),
        ):
            value = str(r.get(var, ""))
            if value and (not getattr(city, attr) or value < getattr(city, attr)):
                setattr(city, attr, value)
    for city in cities.values():
        city.label = city.label or city.iri.rsplit("/", 1)[-1]
    for r in _rows(store, Q_CITY_POPULATION, row_cap, "populations"):
        if str(r["city"]) in cities:
            try:
                cities[str(r["city"])].populations.add(int(str(r["population"])))
            except ValueError:
                continue
    for r in _rows(store, Q_CITY_COORDINATES, row_cap, "coordinates"):
        located = cities.get(str(r["city"]))
        if located is not None and located.lat is None:
            try:
                located.lat, located.long = float(str(r["lat"])), float(str(r["long"]))
            except ValueError:
                continue
    for r in _rows(store, Q_CITY_SOURCES, row_cap, "city sources"):
        if str(r["city"]) in cities:
            cities[str(r["city"])].sources.add(str(r["g"]))
    return cities


def fetch_pairing_data(store: Store, row_cap: int) -> PairingData:
    """Pairings with both cities known, clusters, the cities in them, theme and SDG labels."""
    pairings: dict[str, Pairing] = {}
    for r in _rows(store, Q_PAIRINGS, row_cap, "pairings"):
        iri = str(r["pairing"])
        p = pairings.get(iri)
        if p is None:
            p = pairings[iri] = Pairing(iri, str(r["eu"]), str(r["partner"]))
        p.sources.add(str(r["g"]))
        if "year" in r and (year := year_of(r["year"])) is not None:
            p.years.add(year)
        if "programme" in r:
            programme = str(r["programme"])
            label = str(r.get("programmeLabel", "")) or programme.rsplit("/", 1)[-1]
            p.programmes[programme] = min(label, p.programmes.get(programme, label))
    for r in _rows(store, Q_PAIRING_THEMES, row_cap, "pairing themes"):
        if str(r["pairing"]) in pairings:
            pairings[str(r["pairing"])].themes.add(str(r["theme"]))
    for r in _rows(store, Q_PROJECT_THEMES, row_cap, "project themes"):
        if str(r["pairing"]) in pairings:
            pairings[str(r["pairing"])].project_themes.add(str(r["theme"]))
    for r in _rows(store, Q_PAIRING_SDGS, row_cap, "pairing SDGs"):
        if str(r["pairing"]) in pairings:
            pairings[str(r["pairing"])].sdgs.add(str(r["sdg"]))
    clusters: dict[str, Cluster] = {}
    for r in _rows(store, Q_CLUSTERS, row_cap, "clusters"):
        iri = str(r["cluster"])
        c = clusters.setdefault(iri, Cluster(iri))
        c.label = c.label or str(r.get("label", ""))
        c.members.add(str(r["member"]))
        c.sources.add(str(r["g"]))
        if "theme" in r:
            c.themes.add(str(r["theme"]))
        if "programme" in r:
            programme = str(r["programme"])
            c.programmes[programme] = str(r.get("programmeLabel", "")) or programme
    for c in clusters.values():
        c.label = c.label or c.iri.rsplit("/", 1)[-1]
    return PairingData(
        pairings, clusters, fetch_cities(store, row_cap), fetch_vocabulary(store, row_cap)
    )


@dataclass
class Actor:
    iri: str
    kind: str  # institution, person, event
    label: str = ""
    year: int | None = None
    date: str = ""


@dataclass
class ActorData:
    actors: dict[str, Actor]
    links: list[tuple[str, str, str, str]]  # subject, predicate, object, source graph
    cities: dict[str, City]


_KINDS = {
    "https://w3id.org/iucgraph/ontology#Institution": "institution",
    "http://xmlns.com/foaf/0.1/Person": "person",
    "https://w3id.org/iucgraph/ontology#Event": "event",
}


def fetch_actor_data(store: Store, row_cap: int) -> ActorData:
    """Institutions, people and events with the links between them and to cities."""
    actors: dict[str, Actor] = {}
    for r in _rows(store, Q_ACTORS, row_cap, "actors"):
        iri = str(r["node"])
        a = actors.setdefault(iri, Actor(iri, _KINDS[str(r["type"])]))
        label = str(r.get("label", "")) or str(r.get("name", ""))
        if label and (not a.label or label < a.label):
            a.label = label
        if "date" in r:
            date = str(r["date"])
            if not a.date or date < a.date:
                a.date, a.year = date, year_of(r["date"])
    for a in actors.values():
        a.label = a.label or a.iri.rsplit("/", 1)[-1]
    links = [
        (str(r["s"]), str(r["p"]), str(r["o"]), str(r["g"]))
        for r in _rows(store, Q_ACTOR_LINKS, row_cap, "actor links")
    ]
    return ActorData(actors, links, fetch_cities(store, row_cap))
