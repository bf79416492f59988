"""`iucgraph serve`: the web application on waitress (a production WSGI server)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from iucgraph.config import load_settings

# The write token comes from the environment, never from a flag (flags show up in `ps`).
TOKEN_ENV = "IUCGRAPH_WRITE_TOKEN"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--store",
    "store_spec",
    metavar="DIR|URL",
    help="A directory for a persistent embedded store, or a SPARQL endpoint URL "
    "(default: in memory, loaded with ontology/ and data/).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML settings file (see README: Configuration).",
)
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
def serve(
    host: str, port: int, store_spec: str | None, config_file: Path | None, threads: int
) -> None:
    """Serve the graph: /sparql, /rdf-graph-store, /health and the rest of the site.

    Updates are enabled only when the IUCGRAPH_WRITE_TOKEN environment variable holds a token.
    """
    import waitress

    from iucgraph.web import create_app, http

    settings = load_settings(
        config_file, location=store_spec, write_token=os.environ.get(TOKEN_ENV) or None
    )
    app = create_app(settings)
    http.state_of(app).store.warm_up()
    click.echo(f"iucgraph serving on http://{host}:{port}/", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="iucgraph")
