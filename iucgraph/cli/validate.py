"""`iucgraph validate [PATH...]`: check the graph against the SHACL shapes.

Exit codes: 0 conforms, 1 does not conform, 2 unreadable input (file and line on stderr).
"""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Graph

from iucgraph.config import Paths
from iucgraph.errors import InputError
from iucgraph.load import default_paths, load_dataset
from iucgraph.shacl_engine import DEFAULT_ENGINE, ENGINES, Engine
from iucgraph.validate import load_shapes, validate


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--shapes",
    "shapes_file",
    type=click.Path(path_type=Path),
    default=None,
    help="SHACL shapes file [default: ontology/shapes.ttl].",
)
@click.option(
    "--ontology",
    "ontology_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Ontology for the class hierarchy when PATHs are given "
    "[default: ontology/iuc.ttl, if it exists].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle"]),
    default="text",
    show_default=True,
    help="text: the report grouped by resource; turtle: the SHACL report graph.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="fast: pyshacl-turbo and Oxigraph; pyshacl: the reference (slower, same results).",
)
def validate_command(
    paths: tuple[Path, ...],
    shapes_file: Path | None,
    ontology_file: Path | None,
    fmt: str,
    engine: Engine,
) -> None:
    """Validate PATHs (.ttl .trig .nt .nq .jsonld; default: the ontology and data/*.trig).

    Exit status: 0 the graph conforms, 1 it does not, 2 a file cannot be read.
    """
    config = Paths()
    try:
        files = list(paths) if paths else default_paths(config)
        ontology = _ontology(files, ontology_file, config) if paths else None
        report = validate(
            load_dataset(files),
            shapes=load_shapes(shapes_file or config.shapes_file),
            ontology=ontology,
            engine=engine,
        )
    except InputError as e:
        click.echo(f"iucgraph validate: {e}", err=True)
        raise SystemExit(2) from None
    click.echo(report.text() if fmt == "text" else report.turtle(), nl=False)
    raise SystemExit(0 if report.conforms else 1)


def _ontology(files: list[Path], explicit: Path | None, config: Paths) -> Graph | None:
    """The ontology merged in for sh:class: the one asked for, else the shipped one if present."""
    candidate = explicit or config.ontology_file
    if explicit is None and (not candidate.exists() or candidate in files):
        return None
    graph = Graph()
    for s, p, o, _ in load_dataset([candidate]).dataset.quads():
        graph.add((s, p, o))
    return graph
