"""What we reconcile with a Wikidata-shaped endpoint, and the candidates it proposes.

Our side: every iuc:City, iuc:Province, iuc:Country and iuc:Institution with its labels
(English, Chinese, alternatives), country and province codes, GeoNames id (from owl:sameAs
https://sws.geonames.org/<id>/ in any graph), coordinates and the lexicon's
iuc:wikidataCandidate hint. Their side: items whose rdfs:label or skos:altLabel equals one of
our labels, or that carry our GeoNames id (P1566), with their type (P31/P279*), country
(P17/P297), GeoNames id, coordinates (P625) and ISO codes (P297, P300, P131+/P300).
Literals go into queries through term_to_sparql, never pasted raw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from iucgraph.linking.sparql_client import SparqlClient
from iucgraph.namespaces import GEONAMES, IUC, WD, WGS
from iucgraph.rdfio import union_graph
from iucgraph.store.binding import term_to_sparql

CITY, PROVINCE, COUNTRY, INSTITUTION = "city", "province", "country", "institution"
KINDS: dict[str, URIRef] = {
    CITY: IUC.City,
    PROVINCE: IUC.Province,
    COUNTRY: IUC.Country,
    INSTITUTION: IUC.Institution,
}
# The Wikidata class an item of each kind is an instance of (directly or via P279*).
EXPECTED_TYPE: dict[str, str] = {
    CITY: "Q515",  # city
    PROVINCE: "Q10864048",  # first-level administrative country subdivision
    COUNTRY: "Q6256",  # country
    INSTITUTION: "Q43229",  # organization
}
_POINT = re.compile(r"Point\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)")


@dataclass(frozen=True)
class Entity:
    """One resource of ours, as the reconciler sees it."""

    iri: URIRef
    kind: str
    label_en: str | None
    labels_zh: tuple[str, ...]
    alt_labels: tuple[str, ...]
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2
    provinces: tuple[str, ...]  # ISO 3166-2 (for a province: its own code)
    geonames: tuple[str, ...]  # GeoNames ids
    coordinates: tuple[tuple[float, float], ...]  # (lat, long)
    hints: tuple[str, ...]  # Q-ids of iuc:wikidataCandidate

    @property
    def name(self) -> str:
        return self.label_en or (self.labels_zh[0] if self.labels_zh else str(self.iri))

    def search_labels(self) -> list[Literal]:
        out = []
        if self.label_en:
            out.append(Literal(self.label_en, lang="en"))
        out += [Literal(z, lang="zh") for z in self.labels_zh]
        out += [Literal(a, lang="en") for a in self.alt_labels if len(a) > 2]
        return sorted(set(out), key=lambda x: (x.language or "", str(x)))


@dataclass
class Candidate:
    """One item the endpoint proposed, with what it says about itself."""

    qid: str
    labels: set[str] = field(default_factory=set)  # "en:Haikou", "zh:海口市"
    via: set[str] = field(default_factory=set)  # "label", "alias", "geonames"
    typed: bool = False
    countries: set[str] = field(default_factory=set)
    admin_codes: set[str] = field(default_factory=set)
    geonames: set[str] = field(default_factory=set)
    coordinates: set[tuple[float, float]] = field(default_factory=set)
    iso: set[str] = field(default_factory=set)

    @property
    def iri(self) -> URIRef:
        return WD[self.qid]

    @property
    def label(self) -> str:
        en = sorted(x[3:] for x in self.labels if x.startswith("en:"))
        return en[0] if en else (sorted(self.labels)[0].split(":", 1)[1] if self.labels else "")


def _texts(g: Graph, s: URIRef, p: URIRef, lang: str | None) -> list[str]:
    out = set()
    for o in g.objects(s, p):
        if isinstance(o, Literal):
            tag = (o.language or "").lower()
            if lang is None or tag == lang or tag.startswith(lang + "-"):
                out.add(str(o))
    return sorted(out)


def _codes(g: Graph, s: URIRef, p: URIRef) -> list[str]:
    return sorted({str(c).upper() for t in g.objects(s, p) for c in g.objects(t, IUC.isoCode)})


def _decimal(node: object) -> float | None:
    try:
        return float(Decimal(str(node)))
    except (InvalidOperation, ValueError):
        return None


def read_entities(data: Dataset | Graph, kinds: Iterable[str] = tuple(KINDS)) -> list[Entity]:
    """Our resources of the given kinds, sorted by IRI (the order of the report)."""
    g = union_graph(data) if isinstance(data, Dataset) else data
    out = []
    for kind in kinds:
        for s in {x for x in g.subjects(RDF.type, KINDS[kind]) if isinstance(x, URIRef)}:
            en = _texts(g, s, RDFS.label, "en")
            own = [str(c).upper() for c in g.objects(s, IUC.isoCode)]
            countries = sorted(set(own)) if kind == COUNTRY else _codes(g, s, IUC.inCountry)
            provinces = sorted(set(own)) if kind == PROVINCE else _codes(g, s, IUC.inProvince)
            lats = [v for v in (_decimal(o) for o in g.objects(s, WGS.lat)) if v is not None]
            longs = [v for v in (_decimal(o) for o in g.objects(s, WGS.long)) if v is not None]
            out.append(
                Entity(
                    iri=s,
                    kind=kind,
                    label_en=en[0] if en else None,
                    labels_zh=tuple(_texts(g, s, RDFS.label, "zh")),
                    alt_labels=tuple(sorted(set(_texts(g, s, SKOS.altLabel, None) + en[1:]))),
                    countries=tuple(countries),
                    provinces=tuple(provinces),
                    geonames=tuple(
                        sorted(
                            str(o)[len(str(GEONAMES)) :].strip("/")
                            for o in g.objects(s, OWL.sameAs)
                            if str(o).startswith(str(GEONAMES))
                        )
                    ),
                    coordinates=tuple(zip(lats[:1], longs[:1], strict=False)),
                    hints=tuple(
                        sorted(
                            str(o)[len(str(WD)) :]
                            for o in g.objects(s, IUC.wikidataCandidate)
                            if str(o).startswith(str(WD))
                        )
                    ),
                )
            )
    return sorted(out, key=lambda e: str(e.iri))


def candidate_query(entity: Entity) -> str:
    """The SELECT that finds the items that could be `entity`."""
    labels = " ".join(term_to_sparql(x) for x in entity.search_labels()) or '""'
    parts = [
        f'{{ VALUES ?label {{ {labels} }} ?item rdfs:label ?label . BIND("label" AS ?via) }}',
        f'{{ VALUES ?label {{ {labels} }} ?item skos:altLabel ?label . BIND("alias" AS ?via) }}',
    ]
    for gid in entity.geonames:
        if gid.isdigit():
            parts.append(f'{{ ?item wdt:P1566 "{gid}" . BIND("geonames" AS ?via) }}')
    return f"""PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?item ?via ?label ?typed ?cc ?admin ?gn ?coord ?iso WHERE {{
  {" UNION ".join(parts)}
  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
  OPTIONAL {{ ?item wdt:P31/wdt:P279* wd:{EXPECTED_TYPE[entity.kind]} . BIND(true AS ?typed) }}
  OPTIONAL {{ ?item wdt:P17/wdt:P297 ?cc }}
  OPTIONAL {{ ?item wdt:P131+/wdt:P300 ?admin }}
  OPTIONAL {{ ?item wdt:P1566 ?gn }}
  OPTIONAL {{ ?item wdt:P625 ?coord }}
  OPTIONAL {{ ?item wdt:P297|wdt:P300 ?iso }}
}}
ORDER BY ?item ?via ?label ?cc ?admin ?gn ?coord ?iso
LIMIT 500"""


def parse_candidates(rows: list[dict[str, dict[str, str]]]) -> list[Candidate]:
    """Candidates from the SPARQL JSON rows, one per item, sorted by Q-id."""
    found: dict[str, Candidate] = {}
    for row in rows:
        item = row.get("item", {}).get("value", "")
        if not item.startswith(str(WD)):
            continue
        c = found.setdefault(item[len(str(WD)) :], Candidate(item[len(str(WD)) :]))
        if "via" in row:
            c.via.add(row["via"]["value"])
        if "label" in row:
            lang = row["label"].get("xml:lang", "")
            c.labels.add(f"{lang}:{row['label']['value']}")
        if row.get("typed", {}).get("value") in ("true", "1"):
            c.typed = True
        for var, target in (("cc", c.countries), ("admin", c.admin_codes), ("iso", c.iso)):
            if var in row:
                target.add(row[var]["value"].upper())
        if "gn" in row:
            c.geonames.add(row["gn"]["value"])
        m = _POINT.search(row.get("coord", {}).get("value", ""))
        if m:
            c.coordinates.add((float(m.group(2)), float(m.group(1))))  # WKT is (long lat)
    return [found[k] for k in sorted(found, key=lambda q: (len(q), q))]


def find_candidates(client: SparqlClient, entity: Entity) -> list[Candidate]:
    return parse_candidates(client.select(candidate_query(entity)))
