"""What the graph says about one resource: its statements with their sources, incoming links,
labels of everything it touches, and the claims on which sources disagree.

This is the library behind /id/... (iucgraph/web/resources.py renders it as HTML or RDF); it
talks to any `Store` through SELECT queries with bound terms, never by pasting IRIs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from iucgraph.namespaces import IUC, PREFIXES, SCHEMA, WGS
from iucgraph.store.base import Store
from iucgraph.store.binding import BindingError, term_to_sparql

# Properties that should have one value per resource: two values from two sources is a
# conflict the page flags (the graph keeps both; it never picks one).
SINGLE_VALUED: frozenset[URIRef] = frozenset(
    {
        IUC.population,
        IUC.area,
        IUC.inCountry,
        IUC.inProvince,
        IUC.year,
        IUC.cohort,
        IUC.euCity,
        IUC.partnerCity,
        IUC.euRegion,
        IUC.partnerRegion,
        IUC.mayor,
        WGS.lat,
        WGS.long,
        SCHEMA.startDate,
        SCHEMA.endDate,
        SCHEMA.location,
    }
)
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)
MAX_INCOMING = 1000  # incoming links shown; a country has a few hundred at most

_OUT = "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_IN = "SELECT ?x ?p ?g WHERE { GRAPH ?g { ?x ?p ?o } }"
_LABELS = """SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }}
  ?x <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>
     |<http://xmlns.com/foaf/0.1/name>|<http://purl.org/dc/terms/title> ?l }}"""


@dataclass(frozen=True)
class Claim:
    """One statement about the resource and the graphs (sources) that state it."""

    predicate: URIRef
    value: Node
    sources: tuple[URIRef, ...]


@dataclass(frozen=True)
class Incoming:
    subject: Node
    predicate: URIRef
    sources: tuple[URIRef, ...]


@dataclass
class ResourceDescription:
    iri: URIRef
    claims: list[Claim] = field(default_factory=list)
    incoming: list[Incoming] = field(default_factory=list)
    incoming_truncated: bool = False
    labels: dict[Node, list[Literal]] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.claims or self.incoming)

    def by_property(self) -> dict[URIRef, list[Claim]]:
        """Claims grouped by predicate: rdf:type first, then labels, then the rest by IRI."""
        groups: dict[URIRef, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            groups[claim.predicate].append(claim)

        def order(p: URIRef) -> tuple[int, str]:
            if p == RDF.type:
                return (0, "")
            if p in LABEL_PROPERTIES:
                return (1, str(p))
            return (2, str(p))

        return {p: sorted(groups[p], key=_claim_key) for p in sorted(groups, key=order)}

    def conflicts(self) -> set[URIRef]:
        """Single-valued properties with two or more distinct values (each from its source)."""
        values: dict[URIRef, set[Node]] = defaultdict(set)
        for claim in self.claims:
            if claim.predicate in SINGLE_VALUED:
                values[claim.predicate].add(claim.value)
        return {p for p, vs in values.items() if len(vs) > 1}

    def same_as(self) -> list[URIRef]:
        found = {c.value for c in self.claims if c.predicate == OWL.sameAs}
        return sorted((v for v in found if isinstance(v, URIRef)), key=str)

    def coordinates(self) -> list[tuple[Literal, Literal]]:
        """(lat, long) pairs; one per source that gives both, duplicates merged."""
        by_source: dict[URIRef, dict[URIRef, Literal]] = defaultdict(dict)
        for c in self.claims:
            if c.predicate in (WGS.lat, WGS.long) and isinstance(c.value, Literal):
                for g in c.sources:
                    by_source[g][c.predicate] = c.value
        pairs = {
            (v[WGS.lat], v[WGS.long]) for v in by_source.values() if WGS.lat in v and WGS.long in v
        }
        return sorted(pairs, key=lambda ll: (str(ll[0]), str(ll[1])))

    def label(self, node: Node, lang: str = "en") -> str | None:
        """The best label of `node`: in `lang`, else untagged, else any."""
        found = self.labels.get(node, [])
        for pick in (
            [x for x in found if x.language == lang],
            [x for x in found if not x.language],
            found,
        ):
            if pick:
                return str(sorted(pick, key=str)[0])
        return None

    def graph(self) -> Graph:
        """The description as RDF: its statements, incoming links and labels of neighbours."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True, replace=True)
        for c in self.claims:
            g.add((self.iri, c.predicate, c.value))
        for i in self.incoming:
            g.add((i.subject, i.predicate, self.iri))
        for node, labels in self.labels.items():
            if node == self.iri:
                continue
            for label in labels:
                g.add((node, RDFS.label, label))
        return g

    def dataset(self) -> Dataset:
        """The statements and incoming links in the named graphs of their sources."""
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True, replace=True)
        for c in self.claims:
            for src in c.sources:
                ds.add((self.iri, c.predicate, c.value, src))  # type: ignore[arg-type]
        for i in self.incoming:
            for src in i.sources:
                ds.add((i.subject, i.predicate, self.iri, src))  # type: ignore[arg-type]
        return ds


def _claim_key(c: Claim) -> tuple[str, str]:
    return (type(c.value).__name__, str(c.value))


def describe_resource(store: Store, iri: URIRef) -> ResourceDescription:
    """Everything `store` holds about `iri` (named graphs = sources)."""
    desc = ResourceDescription(iri)
    out: dict[tuple[URIRef, Node], set[URIRef]] = defaultdict(set)
    for p, o, g in store.select(_OUT, {"s": iri}).rows:
        if isinstance(p, URIRef) and o is not None and isinstance(g, URIRef):
            out[(p, o)].add(g)
    desc.claims = [Claim(p, o, tuple(sorted(gs, key=str))) for (p, o), gs in out.items()]
    inc: dict[tuple[Node, URIRef], set[URIRef]] = defaultdict(set)
    result = store.select(_IN, {"o": iri}, limit=MAX_INCOMING)
    desc.incoming_truncated = result.truncated
    for x, p, g in result.rows:
        if isinstance(p, URIRef) and x is not None and isinstance(g, URIRef):
            inc[(x, p)].add(g)
    desc.incoming = sorted(
        (Incoming(x, p, tuple(sorted(gs, key=str))) for (x, p), gs in inc.items()),
        key=lambda i: (str(i.predicate), str(i.subject)),
    )
    neighbours: set[Node] = {iri}
    for c in desc.claims:
        neighbours.add(c.predicate)
        if isinstance(c.value, URIRef):
            neighbours.add(c.value)
        neighbours.update(c.sources)
    for i in desc.incoming:
        neighbours.update((i.subject, i.predicate, *i.sources))
    desc.labels = labels_of(store, neighbours)
    return desc


def labels_of(store: Store, nodes: set[Node]) -> dict[Node, list[Literal]]:
    """rdfs:label / skos:prefLabel / foaf:name / dcterms:title of each IRI in `nodes`."""
    values = []
    for node in sorted((n for n in nodes if isinstance(n, URIRef)), key=str):
        try:
            values.append(term_to_sparql(node))
        except BindingError:
            continue  # an IRI we cannot write safely is shown without a label
    labels: dict[Node, list[Literal]] = defaultdict(list)
    for start in range(0, len(values), 200):
        chunk = " ".join(values[start : start + 200])
        for x, lab in store.select(_LABELS.format(values=chunk)).rows:
            if x is not None and isinstance(lab, Literal) and lab not in labels[x]:
                labels[x].append(lab)
    return dict(labels)
