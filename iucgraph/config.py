"""Configuration defaults, in one place. Nothing here reads the environment at import time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where the shipped graph lives; tests point these at their own small files."""

    ontology_dir: Path = PROJECT_ROOT / "ontology"
    data_dir: Path = PROJECT_ROOT / "data"
    queries_dir: Path = PROJECT_ROOT / "queries"
    dist_dir: Path = PROJECT_ROOT / "dist"

    @property
    def ontology_file(self) -> Path:
        return self.ontology_dir / "iuc.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"


@dataclass(frozen=True)
class NetworkSettings:
    """Bounds and seeds of the network views (iucgraph/network)."""

    # A view with more nodes or edges than this is refused (NetworkTooLarge), never cut.
    max_nodes: int = 5_000
    max_edges: int = 20_000
    # Rows a single feeding query may return before the view is refused.
    row_cap: int = 200_000
    # Force-directed layout up to this many nodes; a seeded random layout beyond (speed).
    layout_limit: int = 2_000
    # Seed of layouts and Louvain communities, so that files and metrics are reproducible.
    seed: int = 42


@dataclass(frozen=True)
class Settings:
    """Everything the library and the server can be told; defaults are the safe choice."""

    paths: Paths = field(default_factory=Paths)
    network: NetworkSettings = field(default_factory=NetworkSettings)
