"""What the HTML pages show, read from the store: counts, the 2018 story, filter choices.

No Flask here: each function takes a Store and returns plain records, so the pages stay thin
and these queries can be tested on any graph. Nothing is hard-coded but the question asked:
the answers (cities, partners, speakers, dates) all come from the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from iucgraph.namespaces import ID_BASE, ONTOLOGY_IRI, PREFIXES
from iucgraph.store.base import Store
from iucgraph.store.binding import term_to_sparql

_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

# What the home page counts: (label, class IRI in prefixed form).
COUNTED = (
    ("city-to-city pairings", "iuc:Pairing"),
    ("region-to-region pairings", "iuc:RegionalPairing"),
    ("cities", "iuc:City"),
    ("regions", "iuc:Region"),
    ("countries", "iuc:Country"),
    ("cohorts", "iuc:Cohort"),
    ("themes", "iuc:Theme"),
    ("institutions", "iuc:Institution"),
    ("people", "foaf:Person"),
    ("events", "iuc:Event"),
    ("cooperation projects", "iuc:CooperationProject"),
    ("programme activities", "iuc:ProgrammeActivity"),
    ("sources", "iuc:Source"),
)


def local_href(iri: str) -> str:
    """The path of our own resource page for one of our IRIs; other IRIs unchanged."""
    if iri.startswith(ID_BASE):
        return "/id/" + iri[len(ID_BASE) :]
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return "/ontology" + iri[len(ONTOLOGY_IRI) :]
    return iri


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


@dataclass(frozen=True)
class Count:
    label: str
    class_name: str
    count: int


def counts(store: Store) -> list[Count]:
    """How many resources of each main kind the union graph holds (zero kinds kept)."""
    values = " ".join(c for _, c in COUNTED)
    result = store.select(
        _PROLOGUE
        + "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?class { "
        + values
        + " } ?s a ?class } GROUP BY ?class"
    )
    found = {str(r["class"]): int(r["n"]) for r in result.dicts()}  # type: ignore[call-overload]
    out = []
    for label, prefixed in COUNTED:
        prefix, local = prefixed.split(":")
        out.append(Count(label, prefixed, found.get(PREFIXES[prefix] + local, 0)))
    return out


def class_query(prefixed: str) -> str:
    """A SPARQL query listing the resources of a class (the home page's counts link to it)."""
    prefix = prefixed.split(":")[0]
    return (
        f"PREFIX {prefix}: <{PREFIXES[prefix]}>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n"
        f"SELECT ?resource ?label WHERE {{\n  ?resource a {prefixed} .\n"
        '  OPTIONAL { ?resource rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }\n'
        "}\nORDER BY ?label ?resource\n"
    )


def triple_count(store: Store) -> int:
    result = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    row = next(result.dicts(), {})
    return int(row.get("n", Literal(0)))  # type: ignore[call-overload]


@dataclass(frozen=True)
class Link:
    """A resource to link to: its IRI, our page for it, and its label."""

    iri: str
    label: str

    @property
    def href(self) -> str:
        return local_href(self.iri)


@dataclass
class CohortCity:
    city: Link
    partners: list[Link] = field(default_factory=list)


@dataclass
class StoryEvent:
    """One event of the story, with who and where; places per source (they may disagree)."""

    event: Link
    date: str
    locations: list[Link] = field(default_factory=list)
    organisers: list[Link] = field(default_factory=list)
    speakers: list[Link] = field(default_factory=list)
    participants: list[Link] = field(default_factory=list)


@dataclass
class Story:
    cohort: Link | None
    year: str
    cities: list[CohortCity]
    events: list[StoryEvent]


def _label_pattern(var: str) -> str:
    """Any one English label of ?var: rdfs:label@en, foaf:name, else skos:altLabel."""
    return (
        f"OPTIONAL {{ ?{var} rdfs:label ?{var}L FILTER(LANGMATCHES(LANG(?{var}L), 'en')) }}"
        f" OPTIONAL {{ ?{var} foaf:name ?{var}N }}"
        f" OPTIONAL {{ ?{var} rdfs:label ?{var}P FILTER(LANG(?{var}P) = '') }}"
    )


def _link(row: dict[str, Node], var: str) -> Link:
    iri = str(row[var])
    label = _text(row.get(var + "L") or row.get(var + "N") or row.get(var + "P"))
    return Link(iri, label or iri.rsplit("/", 1)[-1])


def story(store: Store, year: str = "2018", programme: str = "iuc-asia") -> Story:
    """The founding document's story: the `year` cohort of `programme`, its cities with
    their European partners, and the events of that year these cities took part in."""
    cohort_rows = store.select(
        _PROLOGUE + "SELECT ?cohort ?cohortL ?cohortN ?cohortP ?city ?cityL ?cityN ?cityP "
        "?partner ?partnerL ?partnerN ?partnerP WHERE { "
        "?cohort a iuc:Cohort ; iuc:programme "
        + term_to_sparql(URIRef(ID_BASE + "programme/" + programme))
        + " ; iuc:year ?y ; iuc:member ?city . FILTER(STR(?y) = "
        + term_to_sparql(Literal(year))
        + ") "
        + _label_pattern("cohort")
        + " "
        + _label_pattern("city")
        + " "
        "OPTIONAL { ?pairing a iuc:Pairing ; iuc:partnerCity ?city ; iuc:euCity ?partner . "
        + _label_pattern("partner")
        + " } } ORDER BY ?cityL ?partnerL"
    )
    cohort: Link | None = None
    cities: dict[str, CohortCity] = {}
    for row in cohort_rows.dicts():
        cohort = cohort or _link(row, "cohort")
        city = _link(row, "city")
        entry = cities.setdefault(city.iri, CohortCity(city))
        if "partner" in row:
            partner = _link(row, "partner")
            if partner not in entry.partners:
                entry.partners.append(partner)
    events = _events(store, year, list(cities))
    return Story(cohort, year, sorted(cities.values(), key=lambda c: c.city.label), events)


_ROLES = {
    "schema:location": "locations",
    "schema:organizer": "organisers",
    "iuc:speaker": "speakers",
    "iuc:participant": "participants",
}


def _events(store: Store, year: str, cities: list[str]) -> list[StoryEvent]:
    """Events of `year` that at least one of `cities` took part in, with their people."""
    if not cities:
        return []
    city_values = " ".join(term_to_sparql(URIRef(c)) for c in cities)
    roles = " ".join(_ROLES)
    rows = store.select(
        _PROLOGUE + "SELECT DISTINCT ?event ?eventL ?eventN ?eventP ?date ?role "
        "?who ?whoL ?whoN ?whoP WHERE { "
        "?event a iuc:Event ; schema:startDate ?date ; iuc:participant ?c . "
        f"VALUES ?c {{ {city_values} }} "
        f"FILTER(STRSTARTS(STR(?date), {term_to_sparql(Literal(year))})) "
        f"VALUES ?role {{ {roles} }} ?event ?role ?who . "
        + _label_pattern("event")
        + " "
        + _label_pattern("who")
        + " } ORDER BY ?date ?event ?whoL ?whoN"
    )
    events: dict[str, StoryEvent] = {}
    for row in rows.dicts():
        link = _link(row, "event")
        ev = events.setdefault(link.iri, StoryEvent(link, _text(row.get("date"))))
        role = str(row["role"])
        attr = next(a for p, a in _ROLES.items() if _expand(p) == role)
        members: list[Link] = getattr(ev, attr)
        who = _link(row, "who")
        if who.iri not in {m.iri for m in members}:
            members.append(who)
    return sorted(events.values(), key=lambda e: (e.date, e.event.label))


def _expand(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return PREFIXES[prefix] + local


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class FilterChoices:
    """Allowed values of the network and map filters, from the data."""

    themes: list[Choice]
    sdgs: list[Choice]
    regions: list[Choice]
    years: list[str]


def filter_choices(store: Store) -> FilterChoices:
    """Themes and SDGs used by some pairing, programme components, cohort years."""
    themes = store.select(
        _PROLOGUE + "SELECT DISTINCT ?t ?l WHERE { ?p iuc:theme ?t . "
        "?t skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), 'en')) } ORDER BY ?l"
    )
    sdgs = store.select(
        _PROLOGUE + "SELECT DISTINCT ?n ?l WHERE { ?t iuc:alignedWith ?g . "
        "?g skos:notation ?n . OPTIONAL { ?g skos:prefLabel ?l "
        "FILTER(LANGMATCHES(LANG(?l), 'en')) } } ORDER BY xsd:integer(?n)"
    )
    regions = store.select(
        _PROLOGUE + "SELECT DISTINCT ?r ?l WHERE { ?p iuc:programme ?r . "
        "?r rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), 'en')) } ORDER BY ?l"
    )
    years = store.select(
        _PROLOGUE + "SELECT DISTINCT ?y WHERE { ?c a iuc:Cohort ; iuc:year ?y } ORDER BY ?y"
    )
    return FilterChoices(
        themes=_choices(themes.dicts(), "t", "l", slug=True),
        sdgs=[
            Choice(str(r["n"]), f"SDG {r['n']}" + (f": {r['l']}" if "l" in r else ""))
            for r in _unique(sdgs.dicts(), "n")
        ],
        regions=_choices(regions.dicts(), "r", "l", slug=True),
        years=[str(r["y"]) for r in years.dicts()],
    )


def _unique(rows: object, key: str) -> list[dict[str, Node]]:
    seen: dict[str, dict[str, Node]] = {}
    for row in rows:  # type: ignore[attr-defined]
        seen.setdefault(str(row[key]), row)
    return list(seen.values())


def _choices(rows: object, value: str, label: str, *, slug: bool) -> list[Choice]:
    out = []
    for row in _unique(rows, value):
        iri = str(row[value])
        out.append(Choice(iri.rsplit("/", 1)[-1] if slug else iri, str(row[label])))
    return out
