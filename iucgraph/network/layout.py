"""Seeded node positions and colours, so that Gephi and Cytoscape open a readable picture."""

from __future__ import annotations

import colorsys
import hashlib
import random
from typing import Any

import networkx as nx

SCALE = 1000.0


def positions(graph: nx.MultiGraph, seed: int, limit: int) -> dict[Any, tuple[float, float]]:
    """Force-directed (Fruchterman-Reingold) up to `limit` nodes, seeded random beyond."""
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    if len(nodes) <= limit:
        simple = nx.Graph()
        simple.add_nodes_from(nodes)
        simple.add_edges_from((u, v) for u, v in graph.edges())
        pos = nx.spring_layout(simple, seed=seed, scale=SCALE)
        return {n: (round(float(p[0]), 3), round(float(p[1]), 3)) for n, p in pos.items()}
    rng = random.Random(seed)
    return {n: (rng.uniform(-SCALE, SCALE), rng.uniform(-SCALE, SCALE)) for n in nodes}


def colour(name: str) -> tuple[int, int, int]:
    """A stable, well-separated colour for a category name (a region, a community number)."""
    if not name:
        return (160, 160, 160)
    h = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    r, g, b = colorsys.hsv_to_rgb(h, 0.65, 0.9)
    return (round(r * 255), round(g * 255), round(b * 255))


def category(data: dict[str, Any], colour_by: str) -> str:
    """What decides a node's colour: its region (cities), or its kind for other nodes."""
    if colour_by == "community":
        return f"community {data.get('community', '')}"
    if colour_by == "region" and data.get("kind") == "city" and data.get("region"):
        return str(data["region"]).split("; ")[0]
    return str(data.get("kind", ""))


def size(degree: int) -> float:
    return round(5.0 + 3.0 * degree**0.5, 3)
