"""The namespaces of the public vocabulary.

`IUC` is closed (`_fail = True`): a misspelt term raises at import or call time instead of
silently minting a new IRI. tests/test_ontology.py checks it against ontology/iuc.ttl.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ID_BASE = "https://w3id.org/iucgraph/id/"
ONTOLOGY_IRI = "https://w3id.org/iucgraph/ontology"


class IUC(DefinedNamespace):
    """Classes and properties of https://w3id.org/iucgraph/ontology#."""

    _NS = Namespace("https://w3id.org/iucgraph/ontology#")
    _fail = True

    # Classes
    City: URIRef
    Province: URIRef
    Country: URIRef
    Continent: URIRef  # extension: the continent a country is in (GeoNames codes)
    Region: URIRef
    Partnership: URIRef
    Pairing: URIRef
    RegionalPairing: URIRef
    Cluster: URIRef
    Cohort: URIRef
    Programme: URIRef
    Theme: URIRef
    Institution: URIRef
    Event: URIRef
    CooperationProject: URIRef
    ProgrammeActivity: URIRef  # extension: an action tied to no single pairing
    Source: URIRef

    # Individuals
    ThemeScheme: URIRef  # the skos:ConceptScheme of the programme's thematic areas

    # Properties from the public vocabulary
    inCountry: URIRef
    inProvince: URIRef
    population: URIRef
    isoCode: URIRef
    euCity: URIRef
    partnerCity: URIRef
    euRegion: URIRef
    partnerRegion: URIRef
    cohort: URIRef
    theme: URIRef
    alignedWith: URIRef
    member: URIRef
    year: URIRef
    programme: URIRef
    pairing: URIRef
    interestedIn: URIRef
    participant: URIRef
    speaker: URIRef

    # Extensions (added by iucgraph; never rename)
    area: URIRef  # km², xsd:decimal
    populationQualifier: URIRef  # "about" / "more than" when the source is not exact
    mayor: URIRef  # City → foaf:Person named as its mayor by a source
    pairingPageId: URIRef  # the id of the pair's page on iuc.eu
    inferred: URIRef  # xsd:boolean: the claim was derived from context, not stated
    note: URIRef  # a curator's note on a resource (name variants, doubts, conflicts)
    partnerStatus: URIRef  # literal: why a partner is unknown ("not found in sources")
    mappedBy: URIRef  # who made a theme→SDG alignment (a Source)
    wikidataCandidate: URIRef  # a Wikidata IRI proposed by a lexicon, not yet confirmed
    continent: URIRef  # Country → Continent


IUC_NS = Namespace(str(IUC._NS))
ID = Namespace(ID_BASE)
SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = Namespace("https://sws.geonames.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "iuc": str(IUC._NS),
    "id": ID_BASE,
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "wgs": str(WGS),
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sh": "http://www.w3.org/ns/shacl#",
}
