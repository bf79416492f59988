"""A tiny run of bench/network_bench.py (the real run is by hand), and the XML writers'
escaping, which the bench's speed depends on."""

from __future__ import annotations

import io

import networkx as nx

from bench import network_bench
from iucgraph.network import export


def test_bench_smoke_run_reports_the_ratio(capsys):
    assert network_bench.main(["--size", "60"]) == 0
    out = capsys.readouterr().out
    assert "60 pairings" in out and "x the query" in out
    timing = network_bench.run(40)
    assert timing.pairings == 40 and timing.edges >= 40 and timing.ratio > 0


def test_xml_writers_escape_what_xml_forbids():
    graph = nx.MultiGraph(view="test")
    odd = 'A & B <"C">\nD\x01'
    graph.add_node("n1", label=odd, kind="city", population=5)
    graph.add_node("n2", label="plain", kind="city", lat=1.5)
    graph.add_edge("n1", "n2", key="k&1", kind="pairing", label=odd, weight=2.0)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = read(io.BytesIO(export(graph, fmt)))
        assert back.nodes["n1"]["label"] == 'A & B <"C">\nD', fmt
        assert back.nodes["n1"]["population"] == 5 and back.nodes["n2"]["lat"] == 1.5
