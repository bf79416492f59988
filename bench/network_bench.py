"""How long the network step takes against the SPARQL that feeds it.

    python -m bench.network_bench --size 50000     # ~1M triples, ~50k pairings

Generates an IUC-shaped dataset in our vocabulary (cities with countries, provinces,
coordinates and populations; pairings with cohorts, programmes, themes and sources; clusters;
themes aligned with SDGs), each fact in the named graph of its source, loads it into the
embedded store, then times (1) the SPARQL queries that feed the pairings view and (2) building
the view and writing it as GEXF and GraphML. The network step should cost less than the query.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from iucgraph.config import NetworkSettings
from iucgraph.namespaces import ID_BASE
from iucgraph.network import builders, sparql
from iucgraph.network.exporters import ExportOptions, export
from iucgraph.network.views import check_size
from iucgraph.store import EmbeddedStore

IUC = "https://w3id.org/iucgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
CURATION = ID_BASE + "source/iucgraph-curation"
GEONAMES = ID_BASE + "source/geonames"
SDG = "http://metadata.un.org/sdg/"
EU = ["fr", "de", "it", "es", "pt", "nl", "be", "pl", "se", "fi", "at", "gr", "ie", "dk", "cz"]
PARTNERS = ["cn", "jp", "in", "us", "ca", "mx", "br", "ar", "cl", "co", "pe", "kr", "id", "vn"]
PROGRAMMES = ["iuc-asia", "iuc-japan", "iuc-india", "iuc-north-america", "iuc-lac"]


def _iri(x: str) -> str:
    return f"<{x}>"


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


def generate(pairings: int, seed: int = 1) -> Iterator[str]:
    """N-Quads lines of an IUC-shaped graph with `pairings` pairings (~20 quads per pairing)."""
    rng = random.Random(seed)

    def q(s: str, p: str, o: str, g: str) -> str:
        return f"{_iri(s)} {_iri(p)} {o} {_iri(g)} .\n"

    sources = [ID_BASE + f"source/bench-{i}" for i in range(20)]
    for i in range(1, 18):
        yield q(SDG + str(i), RDF_TYPE, _iri(SDG + "ontology#Goal"), CURATION)
        yield q(SDG + str(i), NOTATION, _lit(str(i)), CURATION)
        yield q(SDG + str(i), PREF, _lit(f"Goal {i}", lang="en"), CURATION)
    themes = [ID_BASE + f"theme/theme-{i}" for i in range(30)]
    for i, t in enumerate(themes):
        yield q(t, RDF_TYPE, _iri(IUC + "Theme"), CURATION)
        yield q(t, PREF, _lit(f"Theme {i}", lang="en"), CURATION)
        yield q(t, IUC + "alignedWith", _iri(SDG + str(1 + i % 17)), CURATION)
    for p in PROGRAMMES:
        yield q(ID_BASE + f"programme/{p}", LABEL, _lit(p.upper(), lang="en"), CURATION)
        for year in range(2016, 2021):
            cohort = ID_BASE + f"cohort/{p}-{year}"
            yield q(cohort, IUC + "year", _lit(str(year), "gYear"), CURATION)
            yield q(cohort, IUC + "programme", _iri(ID_BASE + f"programme/{p}"), CURATION)
    for code in EU + PARTNERS:
        country = ID_BASE + f"country/{code}"
        yield q(country, RDF_TYPE, _iri(IUC + "Country"), CURATION)
        yield q(country, LABEL, _lit(code.upper() + " land", lang="en"), CURATION)
        yield q(country, IUC + "isoCode", _lit(code.upper()), CURATION)
    n_cities = max(4, int(pairings * 0.55))
    eu_cities = [ID_BASE + f"city/{EU[i % len(EU)]}/eu-city-{i}" for i in range(n_cities)]
    partner_cities = [
        ID_BASE + f"city/{PARTNERS[i % len(PARTNERS)]}/city-{i}" for i in range(n_cities)
    ]
    for cities, codes in ((eu_cities, EU), (partner_cities, PARTNERS)):
        for i, city in enumerate(cities):
            code = codes[i % len(codes)]
            yield q(city, RDF_TYPE, _iri(IUC + "City"), CURATION)
            yield q(city, LABEL, _lit(city.rsplit("/", 1)[-1].title(), lang="en"), CURATION)
            alt = city.rsplit("/", 1)[-1].upper()
            yield q(city, ALT, _lit(alt), sources[i % len(sources)])
            yield q(city, IUC + "inCountry", _iri(ID_BASE + f"country/{code}"), CURATION)
            yield q(city, WGS + "lat", _lit(f"{rng.uniform(-60, 70):.5f}", "decimal"), GEONAMES)
            yield q(city, WGS + "long", _lit(f"{rng.uniform(-170, 170):.5f}", "decimal"), GEONAMES)
            yield q(
                city, IUC + "population", _lit(str(rng.randint(10**4, 10**7)), "integer"), GEONAMES
            )
    for i in range(pairings):
        eu, partner = eu_cities[i % n_cities], partner_cities[(i * 7 + i // n_cities) % n_cities]
        pairing = ID_BASE + f"pairing/p{i}"
        programme = PROGRAMMES[i % len(PROGRAMMES)]
        src = sources[i % len(sources)]
        yield q(pairing, RDF_TYPE, _iri(IUC + "Pairing"), src)
        yield q(pairing, IUC + "euCity", _iri(eu), src)
        yield q(pairing, IUC + "partnerCity", _iri(partner), src)
        yield q(pairing, IUC + "programme", _iri(ID_BASE + f"programme/{programme}"), src)
        if i % 4:
            cohort = ID_BASE + f"cohort/{programme}-{2016 + i % 5}"
            yield q(pairing, IUC + "cohort", _iri(cohort), src)
        for t in rng.sample(themes, 3):
            yield q(pairing, IUC + "theme", _iri(t), src)
        yield q(pairing, PROV_FROM, _iri(src), src)
        yield q(pairing, IUC + "pairingPageId", _lit(f"p{i:07d}"), src)
        yield q(pairing, LABEL, _lit(f"Pairing {i}", lang="en"), src)
        if i % 3 == 0:  # a second source states the pairing too
            other = sources[(i + 7) % len(sources)]
            yield q(pairing, RDF_TYPE, _iri(IUC + "Pairing"), other)
            yield q(pairing, IUC + "euCity", _iri(eu), other)
            yield q(pairing, IUC + "partnerCity", _iri(partner), other)
    for c in range(max(1, pairings // 200)):
        cluster = ID_BASE + f"cluster/c{c}"
        yield q(cluster, RDF_TYPE, _iri(IUC + "Cluster"), CURATION)
        yield q(cluster, LABEL, _lit(f"Cluster {c}", lang="en"), CURATION)
        for m in rng.sample(eu_cities + partner_cities, 4):
            yield q(cluster, IUC + "member", _iri(m), CURATION)


@dataclass(frozen=True)
class Timing:
    quads: int
    pairings: int
    nodes: int
    edges: int
    query: float
    build: float
    gexf: float
    graphml: float

    @property
    def network(self) -> float:
        return self.build + self.gexf + self.graphml

    @property
    def ratio(self) -> float:
        return self.network / self.query if self.query else float("inf")


def run(size: int, seed: int = 1) -> Timing:
    store = EmbeddedStore()  # bulk-loaded from N-Quads: an rdflib Dataset of 1M triples is slow
    store.replace_nquads("".join(generate(size, seed)).encode("utf-8"))
    settings = NetworkSettings(max_nodes=10**8, max_edges=10**8, row_cap=10**8)
    t0 = time.perf_counter()
    data = sparql.fetch_pairing_data(store, settings.row_cap)
    t1 = time.perf_counter()
    graph = builders.pairings_graph(data)
    check_size(graph, settings)
    t2 = time.perf_counter()
    options = ExportOptions(seed=settings.seed, layout_limit=settings.layout_limit)
    gexf = export(graph, "gexf", options)
    t3 = time.perf_counter()
    graphml = export(graph, "graphml", options)
    t4 = time.perf_counter()
    assert gexf and graphml
    return Timing(
        len(store),
        len(data.pairings),
        graph.number_of_nodes(),
        graph.number_of_edges(),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.network_bench", description=__doc__)
    parser.add_argument("--size", type=int, default=50_000, help="number of pairings")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    t = run(args.size, args.seed)
    print(f"dataset      {t.quads:>10,} quads, {t.pairings:,} pairings")
    print(f"view         {t.nodes:>10,} nodes, {t.edges:,} edges")
    print(f"SPARQL feed  {t.query:>10.2f} s")
    print(f"build view   {t.build:>10.2f} s")
    print(f"GEXF         {t.gexf:>10.2f} s")
    print(f"GraphML      {t.graphml:>10.2f} s")
    print(f"network step {t.network:>10.2f} s = {t.ratio:.2f} x the query")
    return 0


if __name__ == "__main__":
    sys.exit(main())
