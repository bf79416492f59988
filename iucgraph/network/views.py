"""The one entry point of the network views: store + view name + filters -> a checked graph.

The web layer, the CLI, the metrics table and the exporters all call `build_view`, so a view
with the same filters is the same network everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from iucgraph.config import NetworkSettings
from iucgraph.errors import BadFilter, NetworkTooLarge, NotFound
from iucgraph.namespaces import ID_BASE
from iucgraph.network import builders, sparql
from iucgraph.network.filters import (
    Filters,
    apply_edges,
    apply_weight,
    check_supported,
    drop_isolates,
)
from iucgraph.store import Store

VIEWS = ("pairings", "themes", "sdgs", "actors", "ego")
MODES = ("projection", "bipartite")
MAX_DEPTH = 3


@dataclass(frozen=True)
class ViewRequest:
    """A view and its options besides the filters (mode of themes/sdgs; ego's IRI and depth)."""

    view: str
    filters: Filters = Filters()
    mode: str = "projection"
    iri: str | None = None
    depth: int = 1

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise NotFound(f"no network view {self.view!r}; views: {', '.join(VIEWS)}")
        if self.mode not in MODES:
            raise BadFilter(f"one of {', '.join(MODES)}", parameter="mode")
        if self.view == "ego" and not self.iri:
            raise BadFilter("the ego view needs the IRI of a resource", parameter="iri")
        if not 1 <= self.depth <= MAX_DEPTH:
            raise BadFilter(f"from 1 to {MAX_DEPTH}", parameter="depth")
        check_supported(self.view, self.filters)


def resolve_iri(text: str) -> str:
    """A full IRI, or a short one: "id/city/cn/haikou" or "city/cn/haikou"."""
    text = text.strip()
    if "://" in text:
        return text
    return ID_BASE + text.removeprefix("/").removeprefix("id/")


def _pairing_based(store: Store, req: ViewRequest, s: NetworkSettings) -> nx.MultiGraph:
    data = sparql.fetch_pairing_data(store, s.row_cap)
    if req.view == "pairings":
        return apply_edges(builders.pairings_graph(data), req.filters)
    target = req.view[:-1]  # themes -> theme, sdgs -> sdg
    bipartite = apply_edges(builders.bipartite_graph(data, target), req.filters)
    if req.mode == "bipartite":
        bipartite.graph["view"] = req.view
        return bipartite
    drop_isolates(bipartite, req.filters)
    return builders.project(bipartite, target, s.max_edges)


def _actors(store: Store, req: ViewRequest, s: NetworkSettings) -> nx.MultiGraph:
    graph = builders.actors_graph(sparql.fetch_actor_data(store, s.row_cap))
    return apply_edges(graph, req.filters)


def combined(store: Store, s: NetworkSettings, with_themes: bool = True) -> nx.MultiGraph:
    """Pairings, clusters, actors (and city–theme links): the graph of ego networks and paths."""
    data = sparql.fetch_pairing_data(store, s.row_cap)
    parts = [builders.actors_graph(sparql.fetch_actor_data(store, s.row_cap))]
    if with_themes:
        parts.append(builders.bipartite_graph(data, "theme"))
    parts.append(builders.pairings_graph(data))  # last: its city attributes are the richest
    graph = nx.compose_all(parts)
    graph.graph = {"view": "combined"}
    return graph


def path_graph(
    store: Store, via: tuple[str, ...], s: NetworkSettings | None = None
) -> nx.MultiGraph:
    """The graph paths are searched in: the union of the named views (default: all but ego)."""
    s = s or NetworkSettings()
    unknown = [v for v in via if v not in VIEWS or v == "ego"]
    if unknown or not via:
        raise BadFilter(f"views to combine, from {', '.join(VIEWS[:-1])}", parameter="via")
    # Pairings last: its city attributes are the richest and win in compose.
    parts = [
        build_view(store, ViewRequest(v), s) for v in sorted(via, key=lambda v: v == "pairings")
    ]
    graph = nx.compose_all(parts)
    graph.graph = {"view": "+".join(via)}
    return graph


def _ego(store: Store, req: ViewRequest, s: NetworkSettings) -> nx.MultiGraph:
    graph = apply_edges(combined(store, s), req.filters)
    center = resolve_iri(req.iri or "")
    centers = [center] if center in graph else []
    if not centers:  # a pairing or cluster: its edges' ends are the centre
        centers = sorted(
            {n for u, v, d in graph.edges(data=True) if d.get("iri") == center for n in (u, v)}
        )
    if not centers:
        raise NotFound(f"{center} is not in the network")
    nodes: set[str] = set()
    for c in centers:
        nodes |= set(nx.single_source_shortest_path_length(graph, c, cutoff=req.depth))
    ego = graph.subgraph(nodes).copy()
    ego.graph = {"view": "ego", "center": center, "depth": req.depth}
    return ego


_BUILDERS: dict[str, Callable[[Store, ViewRequest, NetworkSettings], nx.MultiGraph]] = {
    "pairings": _pairing_based,
    "themes": _pairing_based,
    "sdgs": _pairing_based,
    "actors": _actors,
    "ego": _ego,
}


def build_view(
    store: Store, request: ViewRequest, settings: NetworkSettings | None = None
) -> nx.MultiGraph:
    """The network of `request`, filtered, within the node and edge caps of `settings`."""
    s = settings or NetworkSettings()
    graph = _BUILDERS[request.view](store, request, s)
    apply_weight(graph, request.filters)
    keep = (
        frozenset(graph.graph.get("center", "").split()) if request.view == "ego" else frozenset()
    )
    drop_isolates(graph, request.filters, keep)
    check_size(graph, s)
    graph.graph["view"] = request.view
    graph.graph["filters"] = request.filters.describe()
    if request.view in ("themes", "sdgs"):
        graph.graph["mode"] = request.mode
    return graph


def check_size(graph: nx.MultiGraph, s: NetworkSettings) -> None:
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    if n > s.max_nodes or m > s.max_edges:
        raise NetworkTooLarge(
            f"{n} nodes and {m} edges; the cap is {s.max_nodes} nodes and {s.max_edges} edges",
            nodes=n,
            edges=m,
            max_nodes=s.max_nodes,
            max_edges=s.max_edges,
        )
