"""`iucgraph serve`: the web application on waitress (a production WSGI server)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import click

# The write token comes from the environment, never from a flag (flags show up in `ps`).
TOKEN_ENV = "IUCGRAPH_WRITE_TOKEN"


def read_config(path: Path | None) -> dict[str, Any]:
    """Settings from a TOML file (the same names as iucgraph.config.Settings), or none."""
    if path is None:
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--store",
    "store_spec",
    metavar="DIR|URL",
    help="A directory for a persistent embedded store, or a SPARQL endpoint URL.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML settings file.",
)
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
def serve(
    host: str, port: int, store_spec: str | None, config_file: Path | None, threads: int
) -> None:
    """Serve /sparql, /rdf-graph-store and /health. Updates are enabled only when the
    IUCGRAPH_WRITE_TOKEN environment variable holds a token."""
    import waitress

    from iucgraph.web import create_app

    config = read_config(config_file)
    if store_spec:
        config["store"] = store_spec
    if os.environ.get(TOKEN_ENV):
        config["write_token"] = os.environ[TOKEN_ENV]
    app = create_app(config)
    click.echo(f"iucgraph serving on http://{host}:{port}/sparql", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="iucgraph")
