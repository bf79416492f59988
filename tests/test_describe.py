from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, VOID

from iucgraph.describe import DATASET_IRI, Dump, count, describe
from iucgraph.namespaces import IUC

CITY = URIRef("https://w3id.org/iucgraph/id/city/cn/haikou")


def _dataset() -> Dataset:
    ds = Dataset()
    a = ds.graph(URIRef("https://w3id.org/iucgraph/id/source/a"))
    b = ds.graph(URIRef("https://w3id.org/iucgraph/id/source/b"))
    for g in (a, b):  # the same statement from two sources counts once
        g.add((CITY, RDF.type, IUC.City))
    a.add((CITY, RDFS.label, Literal("Haikou", lang="en")))
    b.add((CITY, OWL.sameAs, URIRef("https://sws.geonames.org/1809078/")))
    return ds


def test_counts_are_over_the_union():
    counts = count(_dataset())
    assert counts.triples == 3
    assert counts.classes == {IUC.City: 1}
    assert counts.links == {"geonames": 1}


def test_void_description_matches_counts():
    g = describe(
        _dataset(), dumps=[Dump("https://w3id.org/iucgraph/download/x.ttl", "text/turtle")]
    )
    assert g.value(DATASET_IRI, VOID.triples).toPython() == 3
    parts = list(g.objects(DATASET_IRI, VOID.classPartition))
    assert [(g.value(p, VOID["class"]), g.value(p, VOID.entities).toPython()) for p in parts] == [
        (IUC.City, 1)
    ]
    assert (DATASET_IRI, VOID.dataDump, URIRef("https://w3id.org/iucgraph/download/x.ttl")) in g
    linkset = URIRef("https://w3id.org/iucgraph/id/dataset/linkset/geonames")
    assert g.value(linkset, VOID.triples).toPython() == 1
