"""Shared builders for the named-query tests: the graph to query and the catalogue."""

from __future__ import annotations

from pathlib import Path

from iucgraph.catalogue import Catalogue
from iucgraph.cli.query import open_store
from iucgraph.config import Paths
from iucgraph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "queries" / "sample.trig"
QUERIES = ROOT / "queries"


def data_files() -> list[Path]:
    """The shipped data when it exists (data/*.trig), else the small sample graph."""
    shipped = sorted(Paths().data_dir.glob("*.trig"))
    return shipped or [FIXTURE]


def build_store(files: list[Path] | None = None) -> EmbeddedStore:
    return open_store(tuple(files or data_files()))


def catalogue() -> Catalogue:
    return Catalogue.from_directory(QUERIES)
