"""Shared builders for the named-query tests: the graph to query and the catalogue."""

from __future__ import annotations

from pathlib import Path

from iucgraph.catalogue import Catalogue
from iucgraph.cli.common import open_local_store
from iucgraph.config import Paths
from iucgraph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "queries" / "sample.trig"
QUERIES = ROOT / "queries"


# Queries whose answers live in data files another import writes; on the shipped data they are
# checked once that file exists (the sample graph always has them).
NEEDS = {
    "event-speakers": "events.trig",
    "events-in-range": "events.trig",
    "pairing-timeline": "events.trig",
    "institution-hierarchy": "institutions.trig",
    "people-of-institution": "people.trig",
    "projects-of-pairing": "projects.trig",
}


def graphs() -> dict[str, list[Path]]:
    """The graphs every catalogue query is checked on: the sample, and the shipped data."""
    shipped = sorted(Paths().data_dir.glob("*.trig"))
    return {"sample": [FIXTURE], **({"shipped": shipped} if shipped else {})}


def missing_data(name: str, graph: str) -> str | None:
    """Why `name` cannot be checked on `graph` yet, or None."""
    needed = NEEDS.get(name)
    if graph == "shipped" and needed and not (Paths().data_dir / needed).exists():
        return f"data/{needed} is not there yet"
    return None


def data_files() -> list[Path]:
    """The shipped data when it exists (data/*.trig), else the small sample graph."""
    shipped = sorted(Paths().data_dir.glob("*.trig"))
    return shipped or [FIXTURE]


def build_store(files: list[Path] | None = None) -> EmbeddedStore:
    return open_local_store(tuple(files or data_files()))


def catalogue() -> Catalogue:
    return Catalogue.from_directory(QUERIES)
