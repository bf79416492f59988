"""Every export is read back by its consumers (networkx, igraph, a JSON-schema validator) and
must give the same nodes, edges and attributes as the view it was written from."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import igraph
import jsonschema
import networkx as nx
import pytest

from iucgraph.load import load_dataset
from iucgraph.network import EXPORTERS, ExportOptions, ViewRequest, build_view, export
from iucgraph.store import EmbeddedStore

DATA = Path(__file__).parent / "data" / "network"
VIEWS = [
    ViewRequest("pairings"),
    ViewRequest("themes"),
    ViewRequest("actors"),
    ViewRequest("sdgs", mode="bipartite"),
]


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore(load_dataset([DATA / "fixture.trig"]).dataset)


@pytest.fixture(scope="module", params=VIEWS, ids=lambda r: f"{r.view}-{r.mode}")
def view(request, store) -> nx.MultiGraph:
    return build_view(store, request.param)


def edge_keys(graph) -> set[str]:
    return {str(k) for _, _, k in graph.edges(keys=True)}


def assert_same_nodes(view, nodes: dict[str, dict]) -> None:
    assert set(nodes) == set(view.nodes)
    for node, data in view.nodes(data=True):
        for attr in ("label", "kind", "country", "region", "themes"):
            assert nodes[node].get(attr, "") == data[attr], (node, attr)
        if "lat" in data:
            assert float(nodes[node]["lat"]) == pytest.approx(data["lat"])


EDGE_ATTRS = ("themes", "project_themes")


def assert_same_edge_attrs(view, edges: dict[str, dict]) -> None:
    """`edges`: the read-back attributes by edge key; the string attributes must survive."""
    assert set(edges) == edge_keys(view)
    for _, _, key, data in view.edges(keys=True, data=True):
        for attr in EDGE_ATTRS:
            assert (edges[str(key)].get(attr) or "") == data[attr], (key, attr)


def test_the_fixture_has_project_themes_to_export(store):
    view = build_view(store, ViewRequest("pairings"))
    assert any(d["project_themes"] for _, _, d in view.edges(data=True))


def test_the_registry_names_every_format():
    assert set(EXPORTERS) == {"graphml", "gexf", "cytoscape", "d3", "csv", "geojson"}
    assert len({e.suffix for e in EXPORTERS.values()}) == len(EXPORTERS)


def test_graphml_reads_back_in_networkx(view):
    back = nx.read_graphml(io.BytesIO(export(view, "graphml")), force_multigraph=True)
    assert back.number_of_edges() == view.number_of_edges()
    assert edge_keys(back) == edge_keys(view)
    assert_same_nodes(view, dict(back.nodes(data=True)))
    for u, v, k, data in view.edges(keys=True, data=True):
        assert back.edges[u, v, k]["kind"] == data["kind"]
        assert float(back.edges[u, v, k]["weight"]) == data["weight"]
        if "year" in data:
            assert back.edges[u, v, k]["year"] == data["year"]
    assert_same_edge_attrs(view, {str(k): d for _, _, k, d in back.edges(keys=True, data=True)})


def test_graphml_reads_back_in_igraph(view, tmp_path):
    path = tmp_path / "view.graphml"
    path.write_bytes(export(view, "graphml"))
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (view.number_of_nodes(), view.number_of_edges())
    ids = g.vs["id"]
    assert set(ids) == set(view.nodes)
    for vertex in g.vs:
        assert vertex["label"] == view.nodes[vertex["id"]]["label"]
        assert vertex["kind"] == view.nodes[vertex["id"]]["kind"]
    assert sorted(g.es["kind"]) == sorted(d["kind"] for _, _, d in view.edges(data=True))
    # igraph does not keep GraphML edge ids: compare the edges' string attributes as a multiset
    read = sorted(tuple(e[a] for a in EDGE_ATTRS) for e in g.es)
    assert read == sorted(tuple(d[a] for a in EDGE_ATTRS) for _, _, d in view.edges(data=True))


@pytest.mark.parametrize("colour", ExportOptions.COLOURS)
def test_gexf_is_version_1_3_with_viz_and_reads_back(view, colour):
    body = export(view, "gexf", ExportOptions(colour_by=colour))
    assert b'xmlns="http://gexf.net/1.3"' in body and b'version="1.3"' in body
    back = nx.read_gexf(io.BytesIO(body))
    assert back.number_of_nodes() == view.number_of_nodes()
    assert back.number_of_edges() == view.number_of_edges()
    assert {d["id"] for _, _, d in back.edges(data=True)} == edge_keys(view)
    assert_same_nodes(view, dict(back.nodes(data=True)))
    assert_same_edge_attrs(view, {d["id"]: d for _, _, d in back.edges(data=True)})
    for node, data in back.nodes(data=True):
        viz = data["viz"]
        assert {"x", "y"} <= set(viz["position"]) and viz["size"] > 0
        assert {"r", "g", "b"} <= set(viz["color"])
        assert viz["size"] >= 5.0 + 3.0 * view.degree(node) ** 0.5 - 0.01  # size by degree


def test_gexf_positions_are_reproducible(view):
    assert export(view, "gexf") == export(view, "gexf")


def test_cytoscape_json_reads_back(view):
    data = json.loads(export(view, "cytoscape"))
    back = nx.cytoscape_graph(data)
    assert back.number_of_nodes() == view.number_of_nodes()
    assert back.number_of_edges() == view.number_of_edges()
    assert_same_nodes(view, dict(back.nodes(data=True)))
    assert all("position" in n for n in data["elements"]["nodes"])
    assert_same_edge_attrs(view, {e["data"]["key"]: e["data"] for e in data["elements"]["edges"]})


def test_d3_node_link_reads_back(view):
    data = json.loads(export(view, "d3"))
    assert set(data) >= {"nodes", "links"}
    back = nx.node_link_graph(data, edges="links")
    assert edge_keys(back) == edge_keys(view)
    assert_same_nodes(view, dict(back.nodes(data=True)))
    assert_same_edge_attrs(view, {str(k): d for _, _, k, d in back.edges(keys=True, data=True)})


def test_csv_zip_holds_nodes_and_edges(view):
    with zipfile.ZipFile(io.BytesIO(export(view, "csv"))) as z:
        nodes = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8"))))
    back = nx.MultiGraph()
    back.add_nodes_from((row.pop("id"), row) for row in nodes)
    back.add_edges_from(
        (row.pop("source"), row.pop("target"), row.pop("key"), row) for row in edges
    )
    assert back.number_of_nodes() == view.number_of_nodes()
    assert edge_keys(back) == edge_keys(view)
    assert_same_nodes(view, dict(back.nodes(data=True)))
    assert_same_edge_attrs(view, {str(k): d for _, _, k, d in back.edges(keys=True, data=True)})


def test_geojson_validates_and_draws_located_edges(view):
    data = json.loads(export(view, "geojson"))
    schema = json.loads((DATA / "geojson.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    located = {n for n, d in view.nodes(data=True) if "lat" in d}
    expected = [k for u, v, k in view.edges(keys=True) if u in located and v in located]
    assert sorted(f["id"] for f in lines) == sorted(expected)
    drawn = {f["id"]: f["properties"] for f in lines}
    for _, _, key, edge in view.edges(keys=True, data=True):
        if key in drawn:
            for attr in EDGE_ATTRS:
                assert drawn[key][attr] == edge[attr], (key, attr)
    for f in data["features"]:
        for lon, lat in (
            f["geometry"]["coordinates"]
            if f["geometry"]["type"] == "LineString"
            else [f["geometry"]["coordinates"]]
        ):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_schema_rejects_a_broken_line():
    schema = json.loads((DATA / "geojson.schema.json").read_text(encoding="utf-8"))
    broken = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [[1.0, 2.0]]},
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
