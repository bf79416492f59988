"""`iucgraph enrich`: facts from the endpoint our resources are linked to (thin shell)."""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.cli.common import data_dir_option, endpoint_options, linking_client
from iucgraph.config import Paths
from iucgraph.errors import InputError, StoreUnavailable


@click.command("enrich")
@endpoint_options
@data_dir_option
@click.option("--date", default=None, help="dcterms:issued if the facts changed (default: today).")
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
    from iucgraph.linking.enrich import enrich

    try:
        client, _ = linking_client(config_file, endpoint, timeout, cache_dir)
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
