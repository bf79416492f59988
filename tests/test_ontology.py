"""ontology/iuc.ttl, iucgraph.namespaces.IUC and the public vocabulary page must agree.

The vocabulary is a public contract: a term that is in one of the three and not in the others
is a bug, whichever side it is on.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, OWL, SKOS, XSD
from rdflib.term import Node

from iucgraph.config import PROJECT_ROOT, Paths
from iucgraph.namespaces import IUC, ONTOLOGY_IRI, ORG, PROV, SCHEMA, SDGO

VANN = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY = URIRef(ONTOLOGY_IRI)
IUC_PREFIX = str(IUC._NS)
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
DATATYPE_RANGES = {RDFS.Literal, RDF.langString}
DEFINITION_PREDICATES = (SKOS.definition, RDFS.comment)


def _namespace_terms() -> list[URIRef]:
    """Every member of the closed IUC namespace, in declaration order."""
    return [IUC[name] for name in IUC.__annotations__ if not name.startswith("_")]


NAMESPACE_TERMS = _namespace_terms()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(Paths().ontology_file, format="turtle")


def _types(g: Graph, term: Node) -> set[Node]:
    return set(g.objects(term, RDF.type))


def _properties(g: Graph) -> list[URIRef]:
    return [t for t in NAMESPACE_TERMS if _types(g, t) & PROPERTY_TYPES]


def _expand(g: Graph, cls: Node) -> set[Node]:
    """A class expression as the set of named classes it covers (owl:unionOf flattened)."""
    members = g.value(cls, OWL.unionOf)
    if members is None:
        return {cls}
    return set().union(*(_expand(g, m) for m in Collection(g, members)))


def _en(g: Graph, term: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in g.objects(term, predicate) if isinstance(o, Literal) and o.language == "en"]


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    version = onto.value(ONTOLOGY, OWL.versionInfo)
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(version))
    assert onto.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")
    assert _en(onto, ONTOLOGY, DCTERMS.title) and _en(onto, ONTOLOGY, DCTERMS.description)
    assert onto.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert onto.value(ONTOLOGY, DCTERMS.creator) is not None
    created = onto.value(ONTOLOGY, DCTERMS.created)
    modified = onto.value(ONTOLOGY, DCTERMS.modified)
    assert isinstance(created, Literal) and created.datatype == XSD.date
    assert isinstance(modified, Literal) and modified.toPython() >= created.toPython()
    assert str(onto.value(ONTOLOGY, VANN.preferredNamespacePrefix)) == "iuc"
    assert str(onto.value(ONTOLOGY, VANN.preferredNamespaceUri)) == IUC_PREFIX


@pytest.mark.parametrize("term", NAMESPACE_TERMS, ids=lambda t: t.removeprefix(IUC_PREFIX))
def test_namespace_term_is_declared_and_documented(onto: Graph, term: URIRef) -> None:
    kinds = _types(onto, term)
    assert kinds & ({OWL.Class, SKOS.ConceptScheme} | PROPERTY_TYPES), f"{term} is not declared"
    assert len(_en(onto, term, RDFS.label)) == 1, f"{term} needs exactly one rdfs:label@en"
    assert any(_en(onto, term, p) for p in DEFINITION_PREDICATES), f"{term} has no definition"
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in onto


def test_every_property_has_domain_and_range(onto: Graph) -> None:
    properties = _properties(onto)
    assert properties, "no properties found in the ontology"
    missing = [
        (p, what)
        for p in properties
        for what in (RDFS.domain, RDFS.range)
        if onto.value(p, what) is None
    ]
    assert not missing


def test_property_kinds_match_their_ranges(onto: Graph) -> None:
    """A datatype property ranges over literals, an object property over classes."""
    wrong = []
    for p in _properties(onto):
        kinds = _types(onto, p)
        assert len(kinds & PROPERTY_TYPES) == 1, f"{p} has several property kinds"
        for r in _expand(onto, onto.value(p, RDFS.range)):
            literal = str(r).startswith(str(XSD)) or r in DATATYPE_RANGES
            if OWL.DatatypeProperty in kinds and not literal:
                wrong.append((p, r))
            if OWL.ObjectProperty in kinds and literal:
                wrong.append((p, r))
    assert not wrong


def test_ontology_mentions_no_term_outside_the_namespace(onto: Graph) -> None:
    mentioned = {
        node
        for triple in onto
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(IUC_PREFIX)
    }
    assert mentioned, "the ontology mentions no iuc: term at all"
    assert mentioned - set(NAMESPACE_TERMS) == set()


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        IUC.notATerm  # noqa: B018
    assert IUC.City in IUC and URIRef(IUC_PREFIX + "notATerm") not in IUC


@pytest.mark.parametrize(
    "prop", [IUC.euCity, IUC.partnerCity, IUC.euRegion, IUC.partnerRegion, IUC.cohort]
)
def test_exactly_one_or_at_most_one_is_functional(onto: Graph, prop: URIRef) -> None:
    assert (prop, RDF.type, OWL.FunctionalProperty) in onto


@pytest.mark.parametrize("prop", [IUC.population, IUC.area, IUC.theme, IUC.member])
def test_claims_that_may_conflict_are_not_functional(onto: Graph, prop: URIRef) -> None:
    """Two sources may give two populations; both are kept, so no reasoner may merge them."""
    assert (prop, RDF.type, OWL.FunctionalProperty) not in onto


@pytest.mark.parametrize(
    ("prop", "where", "expected"),
    [
        (IUC.inCountry, RDFS.domain, {IUC.City, IUC.Province, IUC.Region}),
        (IUC.programme, RDFS.domain, {IUC.Cohort, IUC.Partnership, IUC.Cluster}),
        (IUC.theme, RDFS.domain, {IUC.Partnership, IUC.Cluster, IUC.CooperationProject}),
        (IUC.alignedWith, RDFS.domain, {IUC.Theme, IUC.Partnership}),
        (IUC.participant, RDFS.range, {IUC.City, IUC.Institution}),
        (IUC.euCity, RDFS.range, {IUC.City}),
        (IUC.inProvince, RDFS.range, {IUC.Province}),
        (IUC.alignedWith, RDFS.range, {SDGO.Goal}),
        (IUC.speaker, RDFS.range, {FOAF.Person}),
        (IUC.continent, RDFS.range, {IUC.Continent}),
        (IUC.population, RDFS.range, {XSD.integer}),
        (IUC.year, RDFS.range, {XSD.gYear}),
        (IUC.area, RDFS.range, {XSD.decimal}),
    ],
)
def test_domains_and_ranges_cover_the_vocabulary(
    onto: Graph, prop: URIRef, where: URIRef, expected: set[URIRef]
) -> None:
    """Each row is a use the vocabulary page allows; the ontology must not exclude it."""
    declared = onto.value(prop, where)
    assert declared is not None
    assert expected <= _expand(onto, declared)


def test_unions_list_declared_classes(onto: Graph) -> None:
    unions = list(onto.subject_objects(OWL.unionOf))
    assert unions
    for _, members in unions:
        items = list(Collection(onto, members))
        assert len(items) >= 2
        assert all((m, RDF.type, OWL.Class) in onto for m in items)


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (IUC.City, SCHEMA.City),
        (IUC.Country, SCHEMA.Country),
        (IUC.Province, SCHEMA.AdministrativeArea),
        (IUC.Institution, ORG.Organization),
        (IUC.Event, SCHEMA.Event),
        (IUC.Theme, SKOS.Concept),
        (IUC.Source, PROV.Entity),
        (IUC.Pairing, IUC.Partnership),
        (IUC.RegionalPairing, IUC.Partnership),
    ],
)
def test_alignments(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


def test_speaker_is_a_performer(onto: Graph) -> None:
    assert (IUC.speaker, RDFS.subPropertyOf, SCHEMA.performer) in onto


def test_theme_scheme_is_a_concept_scheme(onto: Graph) -> None:
    assert (IUC.ThemeScheme, RDF.type, SKOS.ConceptScheme) in onto
    assert (IUC.ThemeScheme, RDF.type, OWL.Class) not in onto


def test_external_terms_used_in_axioms_are_typed(onto: Graph) -> None:
    """OWL tools need a declaration for every class or property an axiom names."""
    used: set[Node] = set()
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
        for _, o in onto.subject_objects(p):
            used |= _expand(onto, o)
    builtin = (str(XSD), str(RDF), str(RDFS))
    undeclared = {
        u
        for u in used
        if isinstance(u, URIRef) and not str(u).startswith(builtin) and u != OWL.Thing
        if not _types(onto, u)
    }
    assert not undeclared


def test_deprecated_terms_name_their_replacement(onto: Graph) -> None:
    """The deprecation convention: owl:deprecated true always comes with dcterms:isReplacedBy."""
    for term in onto.subjects(OWL.deprecated, Literal(True)):
        assert onto.value(term, DCTERMS.isReplacedBy) is not None, term


def _vocabulary_page() -> Path:
    shared = os.environ.get("IUCGRAPH_SHARED_DIR")
    base = Path(shared) if shared else PROJECT_ROOT.parent / "shared"
    return base / "design" / "vocabulary.md"


def test_every_term_of_the_vocabulary_page_is_in_the_ontology(onto: Graph) -> None:
    """Every iuc:Name on the public vocabulary page (tables and prose) is declared."""
    page = _vocabulary_page()
    if not page.exists():
        pytest.skip(f"{page} not found (set IUCGRAPH_SHARED_DIR to the shared folder)")
    names = set(re.findall(r"\biuc:([A-Za-z][A-Za-z0-9_]*)", page.read_text(encoding="utf-8")))
    assert len(names) > 10, "could not read the vocabulary tables"
    missing_ns = sorted(n for n in names if URIRef(IUC_PREFIX + n) not in IUC)
    missing_onto = sorted(n for n in names if not _types(onto, URIRef(IUC_PREFIX + n)))
    assert missing_ns == [] and missing_onto == []
