"""What several commands share: the embedded store over local files, and the error exit."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from iucgraph.errors import IucGraphError
from iucgraph.load import default_paths, load_dataset
from iucgraph.store import EmbeddedStore


def open_local_store(sources: tuple[Path, ...] = ()) -> EmbeddedStore:
    """An embedded store over the given files or folders of *.trig (default: ontology + data)."""
    files: list[Path] = []
    for source in sources:
        files += sorted(source.glob("*.trig")) if source.is_dir() else [source]
    return EmbeddedStore(load_dataset(files or default_paths()).dataset)


def fail(error: IucGraphError) -> NoReturn:
    """Exit 2 with the error's own message (it says what and where)."""
    click.echo(f"error: {error}", err=True)
    raise SystemExit(2) from error
