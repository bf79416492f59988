"""`iucgraph load`: validate the graph, then push it to a store (a remote endpoint or a directory).

Exit codes: 0 loaded, 1 the data does not conform (nothing pushed), 2 an error (unreadable
file, unreachable endpoint, bad configuration; nothing pushed).
"""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.cli.common import settings_option
from iucgraph.config import load_settings
from iucgraph.errors import ValidationFailed


@click.command("load")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", "location", help="SPARQL endpoint URL (query) or directory.")
@click.option("--update-url", help="SPARQL Update URL of a remote store.")
@click.option("--graph-store-url", help="Graph Store Protocol URL (PUT of the whole dataset).")
@click.option("--user", "username", help="User name for HTTP basic auth.")
@click.option("--password", help="Password for HTTP basic auth.")
@settings_option
def load(
    paths: tuple[Path, ...],
    location: str | None,
    update_url: str | None,
    graph_store_url: str | None,
    username: str | None,
    password: str | None,
    config_file: Path | None,
) -> None:
    """Validate PATHS (default: ontology + data) and replace the store's content with them."""
    from iucgraph.service import GraphService
    from iucgraph.store.factory import open_store

    try:
        settings = load_settings(
            config_file,
            location=location,
            update_url=update_url,
            graph_store_url=graph_store_url,
            username=username,
            password=password,
        )
        if settings.store.kind == "remote" and not (
            settings.store.update_url or settings.store.graph_store_url
        ):
            raise click.UsageError("a remote store needs --update-url or --graph-store-url")
        store = open_store(settings.store)
        try:
            commit = GraphService(store, settings).load_files(list(paths) or None)
        finally:
            store.close()
    except ValidationFailed as e:
        report = e.report
        text = report.text() if hasattr(report, "text") else str(report)
        click.echo(text, err=True)
        click.echo("not loaded: the data does not conform to the shapes", err=True)
        raise SystemExit(1) from None
    except click.UsageError as e:
        click.echo(f"error: {e.message}", err=True)
        raise SystemExit(2) from None
    where = settings.store.location or "memory"
    click.echo(f"loaded {commit.quads} quads into {where} (version {commit.version})")
