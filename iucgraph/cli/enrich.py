"""`iucgraph enrich`: facts from the endpoint our resources are linked to (thin shell)."""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.config import Paths
from iucgraph.errors import InputError, StoreUnavailable


@click.command("enrich")
@click.option("--endpoint", default=None, help="SPARQL endpoint. Default: from the settings.")
@click.option("--timeout", type=float, default=None, help="Seconds per request.")
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory of cached responses. Default: from the settings.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory of the instance data (*.trig). Default: the project's data/.",
)
@click.option("--date", default=None, help="dcterms:issued if the facts changed (default: today).")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML settings file ([linking] table).",
)
def enrich_command(
    endpoint: str | None,
    timeout: float | None,
    cache_dir: Path | None,
    data_dir: Path | None,
    date: str | None,
    config_file: Path | None,
) -> None:
    """Population (with its date), coordinates and official website of every resource linked
    by owl:sameAs to the endpoint, into <data>/enrich-wikidata.trig, a named graph attributed
    to the endpoint. Curated claims are never changed. Exit codes: 0 done, 2 unreadable input
    or unreachable endpoint (then nothing is written)."""
    from iucgraph.config import load_settings
    from iucgraph.linking.enrich import enrich
    from iucgraph.linking.sparql_client import ClientOptions, SparqlClient

    try:
        settings = load_settings(config_file).linking
        client = SparqlClient(
            endpoint or settings.wikidata_endpoint,
            ClientOptions(
                timeout=timeout if timeout is not None else settings.link_timeout,
                retries=settings.link_retries,
                backoff=settings.link_backoff,
                cache_dir=cache_dir or settings.link_cache_dir,
            ),
        )
        result = enrich(client, data_dir or Paths().data_dir, issued=date)
    except StoreUnavailable as exc:
        click.echo(f"error: {exc}; nothing was written", err=True)
        raise SystemExit(2) from exc
    except (InputError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
    state = "changed" if result.changed else "unchanged"
    click.echo(f"{result.facts} facts for {result.resources} linked resources; {state}")
    click.echo(f"wrote {result.out_file}")
