"""How long the network step takes against the SPARQL that feeds it.

    python -m bench.network_bench --size 22000     # ~1M triples, 22k pairings

Generates an IUC-shaped dataset in our vocabulary (cities with countries, provinces,
coordinates and populations; pairings with cohorts, programmes, themes and sources; clusters;
themes aligned with SDGs), each fact in the named graph of its source, loads it into the
embedded store, then times (1) the SPARQL queries that feed the pairings view and (2) building
the view and writing it as GEXF and GraphML. The network step should cost less than the query.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bench import generate as shared_generator
from iucgraph.config import NetworkSettings
from iucgraph.network import builders, sparql
from iucgraph.network.exporters import ExportOptions, export
from iucgraph.network.views import check_size
from iucgraph.store import EmbeddedStore


def generate(pairings: int, seed: int = 1) -> Iterator[str]:
    """N-Quads lines of an IUC-shaped graph with `pairings` pairings: the shared generator of
    bench/generate.py (the SPARQL bench uses the same one)."""
    return shared_generator.quads(pairings=pairings, seed=seed)


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
    parser.add_argument("--size", type=int, default=22_000, help="number of pairings")
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
