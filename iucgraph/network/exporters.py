"""Network files that Gephi, Cytoscape, yEd, D3 and map tools open as they are.

EXPORTERS is the one table: format name -> suffix, media type, writer. Adding a format is one
row. Writers take a view (a MultiGraph with string, int and float attributes, never None) and
return bytes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from iucgraph.errors import NotFound
from iucgraph.network import layout, xmlwriters
from iucgraph.network.metrics import annotate


@dataclass(frozen=True)
class ExportOptions:
    colour_by: str = "region"  # region | community | kind
    seed: int = 42
    layout_limit: int = 2_000

    COLOURS = ("region", "community", "kind")


def _with_picture(graph: nx.MultiGraph, options: ExportOptions) -> nx.MultiGraph:
    """A copy with community, position, size and colour: what a drawing needs."""
    out = graph.copy()
    if options.colour_by == "community":
        annotate(out, options.seed)
    pos = layout.positions(out, options.seed, options.layout_limit)
    for node, data in out.nodes(data=True):
        data["x"], data["y"] = pos[node]
        data["size"] = layout.size(out.degree(node))
        data["colour"] = "#{:02x}{:02x}{:02x}".format(
            *layout.colour(layout.category(data, options.colour_by))
        )
    return out


def _graph_attrs(graph: nx.MultiGraph) -> dict[str, Any]:
    return {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float)}


def write_graphml(graph: nx.MultiGraph, options: ExportOptions) -> bytes:
    return xmlwriters.graphml(graph)


def write_gexf(graph: nx.MultiGraph, options: ExportOptions) -> bytes:
    """GEXF 1.3 with viz: colour by region or community, size by degree, seeded positions."""
    out = _with_picture(graph, options)
    for _, data in out.nodes(data=True):
        rgb = layout.colour(layout.category(data, options.colour_by))
        data["viz"] = {
            "color": {"r": rgb[0], "g": rgb[1], "b": rgb[2], "a": 1.0},
            "size": data["size"],
            "position": {"x": data.pop("x"), "y": data.pop("y"), "z": 0.0},
        }
    return xmlwriters.gexf(out, description=_describe(graph))


def _describe(graph: nx.MultiGraph) -> str:
    filters = graph.graph.get("filters", "")
    return f"iucgraph {graph.graph.get('view', '')} view" + (f" ({filters})" if filters else "")


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_cytoscape(graph: nx.MultiGraph, options: ExportOptions) -> bytes:
    """Cytoscape.js elements JSON with preset positions (cytoscape.js `layout: preset`)."""
    out = _with_picture(graph, options)
    data = nx.cytoscape_data(out)
    for element in data["elements"]["nodes"]:
        d = element["data"]
        element["position"] = {"x": d["x"], "y": d["y"]}
    data["data"] = _graph_attrs(graph)
    return _json(data)


def write_d3(graph: nx.MultiGraph, options: ExportOptions) -> bytes:
    """D3 node-link JSON ({nodes, links}; networkx.node_link_graph(data, edges="links"))."""
    data = nx.node_link_data(graph, edges="links")
    data["graph"] = _graph_attrs(graph)
    return _json(data)


def _columns(rows: list[dict[str, Any]], first: tuple[str, ...]) -> list[str]:
    seen = dict.fromkeys(first)
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _csv(rows: list[dict[str, Any]], first: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_columns(rows, first), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_csv(graph: nx.MultiGraph, options: ExportOptions) -> bytes:
    """nodes.csv and edges.csv in a zip (Gephi's spreadsheet import: Id, Source, Target)."""
    nodes = [{"id": n, **d} for n, d in graph.nodes(data=True)]
    edges = [
        {"source": u, "target": v, "key": k, **d}
        for u, v, k, d in graph.edges(keys=True, data=True)
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("nodes.csv", _csv(nodes, ("id", "label", "kind")))
        z.writestr("edges.csv", _csv(edges, ("source", "target", "key", "kind", "weight")))
    return buf.getvalue()


def _point(data: dict[str, Any]) -> list[float] | None:
    if isinstance(data.get("lat"), float) and isinstance(data.get("long"), float):
        return [data["long"], data["lat"]]
    return None


def write_geojson(graph: nx.MultiGraph, options: ExportOptions) -> bytes:
    """Cities as points and edges between two located nodes as lines (RFC 7946, lon/lat)."""
    features: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        if (p := _point(data)) is not None:
            props = {"id": node, **data}
            features.append(
                {
                    "type": "Feature",
                    "id": node,
                    "properties": props,
                    "geometry": {"type": "Point", "coordinates": p},
                }
            )
    for u, v, k, data in graph.edges(keys=True, data=True):
        a, b = _point(graph.nodes[u]), _point(graph.nodes[v])
        if a is not None and b is not None:
            props = {"from": u, "to": v, "key": k, **data}
            features.append(
                {
                    "type": "Feature",
                    "id": k,
                    "properties": props,
                    "geometry": {"type": "LineString", "coordinates": [a, b]},
                }
            )
    return _json({"type": "FeatureCollection", "features": features})


Writer = Callable[[nx.MultiGraph, ExportOptions], bytes]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    media_type: str
    write: Writer
    opens_in: str


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter(
            "graphml", "graphml", "application/graphml+xml", write_graphml, "yEd, Gephi, igraph"
        ),
        Exporter("gexf", "gexf", "application/gexf+xml", write_gexf, "Gephi"),
        Exporter(
            "cytoscape", "cyjs", "application/json", write_cytoscape, "Cytoscape, Cytoscape.js"
        ),
        Exporter("d3", "json", "application/json", write_d3, "D3, networkx"),
        Exporter("csv", "zip", "application/zip", write_csv, "spreadsheets, Gephi"),
        Exporter("geojson", "geojson", "application/geo+json", write_geojson, "QGIS, Leaflet"),
    )
}
BY_SUFFIX: dict[str, Exporter] = {e.suffix: e for e in EXPORTERS.values()}


def exporter(name: str) -> Exporter:
    """The exporter called `name` (or with that file suffix)."""
    found = EXPORTERS.get(name) or BY_SUFFIX.get(name)
    if found is None:
        raise NotFound(f"no network format {name!r}; formats: {', '.join(EXPORTERS)}")
    return found


def export(graph: nx.MultiGraph, name: str, options: ExportOptions | None = None) -> bytes:
    return exporter(name).write(graph, options or ExportOptions())
