"""Relationship views of the graph as NetworkX graphs, their metrics, paths and exports.

from iucgraph.network import ViewRequest, Filters, build_view, export, metrics_table
graph = build_view(store, ViewRequest("pairings", Filters(region="iuc-asia")))
data = export(graph, "gexf")
"""

from iucgraph.network.exporters import EXPORTERS, ExportOptions, export
from iucgraph.network.filters import Filters
from iucgraph.network.metrics import MetricsTable, metrics_table
from iucgraph.network.paths import PathResult, shortest_path
from iucgraph.network.views import VIEWS, ViewRequest, build_view

__all__ = [
    "EXPORTERS",
    "VIEWS",
    "ExportOptions",
    "Filters",
    "MetricsTable",
    "PathResult",
    "ViewRequest",
    "build_view",
    "export",
    "metrics_table",
    "shortest_path",
]
