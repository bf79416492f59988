"""The SPARQL 1.1 Service Description of /sparql (what a GET without a query returns)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from iucgraph.formats import GRAPH, RESULTS, formats_for

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")

# Our formats' IRIs in the W3C formats namespace (http://www.w3.org/ns/formats/).
_W3C_FORMAT = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "trig": "TriG",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


def describe(
    endpoint: str, *, updates: bool, graph_names: list[URIRef], row_cap: int | None
) -> Graph:
    """sd:Service for `endpoint`: languages, result formats, the union default graph, and the
    named graphs (one per source)."""
    g = Graph()
    g.bind("sd", SD)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if updates:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    seen: set[str] = set()
    for fmt in (*formats_for(RESULTS), *formats_for(GRAPH)):
        if fmt.name in _W3C_FORMAT and fmt.name not in seen:
            seen.add(fmt.name)
            g.add((service, SD.resultFormat, FORMATS_NS[_W3C_FORMAT[fmt.name]]))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in graph_names:
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, name))
    if row_cap is not None:
        g.add(
            (
                service,
                URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
                Literal(
                    f"Results are capped at {row_cap} rows; a cut is reported by the "
                    "X-IUC-Truncated and X-IUC-Row-Count headers.",
                    lang="en",
                ),
            )
        )
    return g
