"""Network measures of a view: per node (as attributes and as a table) and for the graph.

Louvain communities and sampled betweenness are seeded, so that the same view gives the same
numbers on every run. Communities and components are numbered by size (0 = the largest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

# Exact betweenness up to this many nodes; a seeded sample of pivots beyond (O(n·m) otherwise).
EXACT_BETWEENNESS = 2_000
BETWEENNESS_SAMPLE = 500

COLUMNS = (
    "id",
    "label",
    "kind",
    "degree",
    "weighted_degree",
    "betweenness",
    "pagerank",
    "community",
    "component",
)


@dataclass(frozen=True)
class MetricsTable:
    """One row per node (in COLUMNS order) and a graph summary."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    summary: dict[str, Any]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _numbered(groups: list[set[Any]]) -> dict[Any, int]:
    """node -> index of its group, the largest group first (ties: by smallest member)."""
    ordered = sorted(groups, key=lambda g: (-len(g), min(str(n) for n in g)))
    return {n: i for i, group in enumerate(ordered) for n in group}


def communities(graph: nx.MultiGraph, seed: int) -> list[set[Any]]:
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return [set(c) for c in found]


def node_metrics(
    graph: nx.MultiGraph, seed: int
) -> tuple[dict[Any, dict[str, Any]], dict[str, Any]]:
    """Per-node measures, and the graph summary."""
    n = graph.number_of_nodes()
    simple = nx.Graph(graph)  # betweenness counts paths, not parallel edges
    if n > EXACT_BETWEENNESS:
        between = nx.betweenness_centrality(simple, k=BETWEENNESS_SAMPLE, seed=seed)
    else:
        between = nx.betweenness_centrality(simple)
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
    comms = communities(graph, seed)
    community = _numbered(comms)
    components = [set(c) for c in nx.connected_components(graph)]
    component = _numbered(components)
    per_node = {
        node: {
            "degree": int(graph.degree(node)),
            "weighted_degree": float(graph.degree(node, weight="weight")),
            "betweenness": round(float(between.get(node, 0.0)), 6),
            "pagerank": round(float(pagerank.get(node, 1.0 / n if n else 0.0)), 6),
            "community": community.get(node, 0),
            "component": component.get(node, 0),
        }
        for node in graph.nodes
    }
    try:
        modularity = nx.community.modularity(graph, comms, weight="weight") if comms else 0.0
    except ZeroDivisionError:  # no edges
        modularity = 0.0
    summary = {
        "nodes": n,
        "edges": graph.number_of_edges(),
        "density": round(nx.density(graph), 6) if n > 1 else 0.0,
        "components": len(components),
        "communities": len(comms),
        "modularity": round(float(modularity), 6),
    }
    return per_node, summary


def annotate(graph: nx.MultiGraph, seed: int) -> dict[str, Any]:
    """Write the measures onto the nodes of `graph`; return the graph summary."""
    per_node, summary = node_metrics(graph, seed)
    for node, values in per_node.items():
        graph.nodes[node].update(values)
    return summary


def metrics_table(graph: nx.MultiGraph, seed: int = 42) -> MetricsTable:
    """The measures as a table, largest weighted degree first (ties: by id)."""
    per_node, summary = node_metrics(graph, seed)
    rows = [
        (
            str(node),
            graph.nodes[node].get("label", ""),
            graph.nodes[node].get("kind", ""),
            *(per_node[node][c] for c in COLUMNS[3:]),
        )
        for node in graph.nodes
    ]
    rows.sort(key=lambda r: (-r[4], r[0]))
    summary = {
        "view": graph.graph.get("view", ""),
        "filters": graph.graph.get("filters", ""),
        **summary,
    }
    return MetricsTable(COLUMNS, tuple(rows), summary)
