"""The VoID + DCAT description of the dataset: what is in it, how much, where to get it.

Counts are computed from the data itself, so the description cannot drift from the dumps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD
from rdflib.term import Node

from iucgraph import __version__
from iucgraph.namespaces import GEONAMES, ID_BASE, IUC, PREFIXES, WD

DATASET_IRI = URIRef(ID_BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
TITLE = "iucgraph: the International Urban Cooperation knowledge graph"
DESCRIPTION = (
    "City-to-city and region-to-region pairings of the EU International Urban Cooperation "
    "programme, with cities, provinces, countries, cohorts, themes aligned with the SDGs, "
    "institutions, people and events; every statement kept in the named graph of its source. "
    "Partial: built from the programme's public pages, not a complete register."
)
LINK_TARGETS = {"geonames": str(GEONAMES), "wikidata": str(WD)}


@dataclass(frozen=True)
class Dump:
    """One downloadable file of the dataset."""

    url: str
    media_type: str


@dataclass(frozen=True)
class Counts:
    """How much of what the dataset holds, over the union of its graphs."""

    triples: int
    distinct_subjects: int
    classes: dict[URIRef, int]
    properties: dict[Node, int]
    links: dict[str, int]  # owl:sameAs targets per external dataset


def count(dataset: Dataset) -> Counts:
    seen: set[tuple] = set()
    classes: Counter[URIRef] = Counter()
    properties: Counter[Node] = Counter()
    links: Counter[str] = Counter()
    subjects = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if (s, p, o) in seen:
            continue
        seen.add((s, p, o))
        subjects.add(s)
        properties[p] += 1
        if p == RDF.type and isinstance(o, URIRef):
            classes[o] += 1
        if p == OWL.sameAs:
            for name, prefix in LINK_TARGETS.items():
                if str(o).startswith(prefix):
                    links[name] += 1
    return Counts(len(seen), len(subjects), dict(classes), dict(properties), dict(links))


def describe(
    dataset: Dataset,
    *,
    dumps: Iterable[Dump] = (),
    sparql_endpoint: str | None = None,
    issued: str | None = None,
) -> Graph:
    """A void:Dataset/dcat:Dataset with class, property and linkset partitions."""
    counts = count(dataset)
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    d = DATASET_IRI
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((d, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, OWL.versionInfo, Literal(__version__)))
    g.add((d, URIRef(str(DCAT) + "version"), Literal(__version__)))  # DCAT 3; rdflib lacks it
    if issued:
        g.add((d, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    g.add((d, VOID.uriSpace, Literal(ID_BASE)))
    g.add((d, VOID.vocabulary, URIRef(str(IUC._NS))))
    g.add((d, VOID.triples, Literal(counts.triples)))
    g.add((d, VOID.distinctSubjects, Literal(counts.distinct_subjects)))
    g.add((d, VOID.entities, Literal(sum(counts.classes.values()))))
    g.add((d, VOID.classes, Literal(len(counts.classes))))
    g.add((d, VOID.properties, Literal(len(counts.properties))))
    for graph in sorted(c.identifier for c in dataset.graphs() if isinstance(c.identifier, URIRef)):
        if len(dataset.graph(graph)):
            g.add((d, DCTERMS.source, graph))
    for cls, n in sorted(counts.classes.items()):
        part = BNode()
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n)))
    for prop, n in sorted(counts.properties.items()):
        part = BNode()
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(n)))
    for name, n in sorted(counts.links.items()):
        linkset = URIRef(f"{ID_BASE}dataset/linkset/{name}")
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((linkset, VOID.subjectsTarget, d))
        g.add((linkset, VOID.objectsTarget, URIRef(LINK_TARGETS[name])))
        g.add((linkset, VOID.linkPredicate, OWL.sameAs))
        g.add((linkset, VOID.triples, Literal(n)))
        g.add((d, VOID.subset, linkset))
    if sparql_endpoint:
        g.add((d, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    for dump in dumps:
        dist = URIRef(f"{ID_BASE}dataset/dump/{dump.url.rsplit('/', 1)[-1]}")
        g.add((d, VOID.dataDump, URIRef(dump.url)))
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, URIRef(dump.url)))
        g.add((dist, DCAT.mediaType, Literal(dump.media_type)))
        g.add((dist, DCTERMS.license, LICENSE))
    return g
