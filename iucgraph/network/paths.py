"""Shortest paths between two resources, each step said in words.

"Haikou is paired with Nice (pairing id/pairing/haikou-nice)", "PENG Shicheng spoke at IUC
start-up workshop (2018-04-24)": the edge kind chooses the sentence, in the direction of the
statement (subject first), whichever way the path walks the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from iucgraph.errors import NotFound
from iucgraph.namespaces import ID_BASE

SENTENCES = {
    "pairing": "{s} is paired with {o} (pairing {iri})",
    "cluster": "{s} is a member of {o} ({iri})",
    "theme": "{s} works on the theme {o} (via {iri})",
    "sdg": "{s} works towards {o} (via {iri})",
    "shared-themes": "{s} and {o} share the themes {themes}",
    "shared-sdgs": "{s} and {o} share the SDGs {sdgs}",
    "works-for": "{s} works for {o}",
    "organised": "{s} organised {o}",
    "took-part": "{s} took part in {o}",
    "spoke-at": "{s} spoke at {o}",
    "located-in": "{s} took place in {o} (according to {source})",
    "sub-organisation-of": "{s} is part of {o}",
}
# When two resources are linked several ways, the step names the most telling link.
PREFERENCE = tuple(SENTENCES)


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    kind: str
    key: str
    text: str


@dataclass(frozen=True)
class PathResult:
    source: str
    target: str
    nodes: tuple[str, ...]
    steps: tuple[Step, ...]

    def text(self) -> str:
        return "; ".join(step.text for step in self.steps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "length": len(self.steps),
            "nodes": list(self.nodes),
            "steps": [step.__dict__ for step in self.steps],
            "text": self.text(),
        }


def short(iri: str) -> str:
    return "id/" + iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else iri


def _name(graph: nx.MultiGraph, node: str) -> str:
    data = graph.nodes[node]
    label = str(data.get("label") or short(node))
    if data.get("kind") == "event" and data.get("date"):
        return f"{label} ({data['date']})"
    return label


def explain(graph: nx.MultiGraph, key: str, data: dict[str, Any]) -> str:
    s, o = str(data.get("subject", "")), str(data.get("object", ""))
    template = SENTENCES.get(str(data.get("kind")), "{s} is linked to {o}")
    return template.format(
        s=_name(graph, s) if s in graph else short(s),
        o=_name(graph, o) if o in graph else short(o),
        iri=short(str(data.get("iri") or key)),
        themes=data.get("themes", ""),
        sdgs=data.get("sdgs", ""),
        source=", ".join(short(x) for x in str(data.get("sources", "")).split("; ") if x),
    )


def _best_edge(graph: nx.MultiGraph, u: str, v: str) -> tuple[str, dict[str, Any]]:
    edges = graph.get_edge_data(u, v) or {}

    def rank(item: tuple[str, dict[str, Any]]) -> tuple[int, str]:
        kind = str(item[1].get("kind"))
        return (PREFERENCE.index(kind) if kind in PREFERENCE else len(PREFERENCE), item[0])

    return min(edges.items(), key=rank)


def shortest_path(graph: nx.MultiGraph, source: str, target: str) -> PathResult:
    """The shortest path (fewest steps; ties broken by networkx's order) from source to target."""
    for node in (source, target):
        if node not in graph:
            raise NotFound(f"{node} is not in the network")
    try:
        nodes = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        raise NotFound(f"no path from {short(source)} to {short(target)}") from None
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        key, data = _best_edge(graph, u, v)
        steps.append(Step(u, v, str(data.get("kind")), str(key), explain(graph, key, data)))
    return PathResult(source, target, tuple(nodes), tuple(steps))
