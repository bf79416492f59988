"""`iucgraph build` and `iucgraph stats`: the graph as files, and what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.build import build
from iucgraph.config import Paths
from iucgraph.describe import count
from iucgraph.errors import ValidationFailed
from iucgraph.load import default_paths, load_dataset
from iucgraph.namespaces import PREFIXES


def _short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def _inputs(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else default_paths(Paths())


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--out", type=click.Path(path_type=Path), default=Paths().dist_dir, show_default=True
)
def build_command(paths: tuple[Path, ...], out: Path) -> None:
    """Write the validated graph to OUT as Turtle, TriG, N-Triples, N-Quads, JSON-LD and VoID.

    Exit 1 (OUT untouched) when the data does not conform, 2 when it cannot be read.
    """
    try:
        result = build(_inputs(paths), out)
    except ValidationFailed as e:
        click.echo(e.report.text(), err=True)  # type: ignore[attr-defined]
        click.echo(f"not built: the data does not conform; {out} is unchanged", err=True)
        raise SystemExit(1) from e
    for f in result.files:
        click.echo(f"wrote {f}")
    click.echo(f"{result.triples} triples")


@click.command("stats")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def stats_command(paths: tuple[Path, ...]) -> None:
    """Count resources per class (and triples, links) in the data."""
    loaded = load_dataset(_inputs(paths))
    counts = count(loaded.dataset)
    click.echo(f"triples\t{counts.triples}")
    for cls, n in sorted(counts.classes.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        click.echo(f"{_short(str(cls))}\t{n}")
    for name, n in sorted(counts.links.items()):
        click.echo(f"links to {name}\t{n}")
