"""Explained shortest paths and network metrics on the fixture, and on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from iucgraph.config import Paths
from iucgraph.errors import NotFound
from iucgraph.load import default_paths, load_dataset
from iucgraph.namespaces import ID_BASE
from iucgraph.network import Filters, ViewRequest, build_view, metrics_table, shortest_path
from iucgraph.network.views import path_graph
from iucgraph.store import EmbeddedStore

FIXTURE = Path(__file__).parent / "data" / "network" / "fixture.trig"
HAIKOU, YANTAI = ID_BASE + "city/cn/haikou", ID_BASE + "city/cn/yantai"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore(load_dataset([FIXTURE]).dataset)


def test_path_through_pairings_and_the_cluster_is_explained(store):
    result = shortest_path(path_graph(store, ("pairings",)), HAIKOU, YANTAI)
    assert [s.text for s in result.steps] == [
        "Haikou is paired with Nice (pairing id/pairing/haikou-nice)",
        "Nice is a member of Zhengzhou cluster (id/cluster/zhengzhou)",
        "Rome is a member of Zhengzhou cluster (id/cluster/zhengzhou)",
        "Yantai is paired with Rome (pairing id/pairing/yantai-rome)",
    ]
    assert result.nodes[0] == HAIKOU and result.nodes[-1] == YANTAI


def test_path_through_an_event_says_who_took_part(store):
    result = shortest_path(path_graph(store, ("pairings", "actors")), HAIKOU, YANTAI)
    assert len(result.steps) == 2
    assert result.steps[0].text == "Haikou took part in IUC start-up workshop (2018-04-24)"
    peng = ID_BASE + "person/peng-shicheng"
    lorenzo = ID_BASE + "person/natividad-lorenzo"
    spoke = shortest_path(path_graph(store, ("actors",)), peng, lorenzo)
    assert spoke.steps[0].text == "PENG Shicheng spoke at IUC start-up workshop (2018-04-24)"


def test_no_path_and_unknown_nodes_are_not_found(store):
    graph = path_graph(store, ("pairings",))
    with pytest.raises(NotFound, match="no path"):
        shortest_path(graph, HAIKOU, ID_BASE + "city/us/fort-collins")
    with pytest.raises(NotFound):
        shortest_path(graph, HAIKOU, ID_BASE + "city/xx/atlantis")


def test_metrics_table_and_summary(store):
    graph = build_view(store, ViewRequest("pairings"))
    table = metrics_table(graph, seed=42)
    rows = {r["id"]: r for r in table.dicts()}
    assert set(rows) == set(graph.nodes)
    assert rows[ID_BASE + "city/cn/liuzhou"]["degree"] == 2
    cluster = rows[ID_BASE + "cluster/zhengzhou"]
    assert cluster["betweenness"] == max(r["betweenness"] for r in rows.values())
    assert sum(r["pagerank"] for r in rows.values()) == pytest.approx(1.0, abs=1e-4)
    s = table.summary
    assert (s["nodes"], s["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert s["components"] == len({r["component"] for r in rows.values()})
    assert 0 < s["modularity"] <= 1 and 0 < s["density"] < 1
    # North America is its own component, apart from the Asian ones.
    fc = rows[ID_BASE + "city/us/fort-collins"]["component"]
    assert fc != rows[HAIKOU]["component"]


def test_metrics_are_reproducible_and_follow_filters(store):
    a = metrics_table(build_view(store, ViewRequest("themes")), seed=7)
    b = metrics_table(build_view(store, ViewRequest("themes")), seed=7)
    assert a == b
    asia = metrics_table(build_view(store, ViewRequest("pairings", Filters(region="iuc-asia"))))
    assert ID_BASE + "city/us/fort-collins" not in {r["id"] for r in asia.dicts()}


SHIPPED = default_paths(Paths())


@pytest.mark.skipif(
    not (Paths().data_dir / "pairings.trig").exists(), reason="shipped data not built"
)
def test_shipped_data_pairings_and_path():
    store = EmbeddedStore(load_dataset(SHIPPED).dataset)
    graph = build_view(store, ViewRequest("pairings"))
    for slug in ("liuzhou-barnsley", "haikou-nice", "yantai-rome", "chongqing-mannheim"):
        key = ID_BASE + "pairing/" + slug
        ends = [(u, v, d) for u, v, k, d in graph.edges(keys=True, data=True) if k == key]
        assert len(ends) == 1, slug
    themed = graph.edges[HAIKOU, ID_BASE + "city/fr/nice", ID_BASE + "pairing/haikou-nice"]
    assert "Digital transition" in themed["themes"]
    result = shortest_path(path_graph(store, ("pairings", "actors")), HAIKOU, YANTAI)
    assert result.steps and all(step.text for step in result.steps)
