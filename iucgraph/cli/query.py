"""`iucgraph query` and `iucgraph queries`: the named-query catalogue on the command line.

The same library calls as the web API (catalogue.run_query, catalogue.render), so a query gives
the same rows here and over HTTP. Exit codes: 0 success, 2 an error (bad parameter, unknown
query, syntax error, unreadable data).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

from iucgraph.catalogue import Catalogue, NamedQuery, parse_query, render, run_query
from iucgraph.catalogue.docs import catalogue_markdown
from iucgraph.catalogue.header import load_file
from iucgraph.cli.common import local_data_option, open_local_store
from iucgraph.errors import InputError

_FORMATS = ["table", "csv", "json", "tsv", "xml", "ttl", "jsonld", "nt"]
_QUERIES_DIR = click.option(
    "--queries",
    "queries_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The directory of named queries (default: queries/).",
)


def _parse_params(items: tuple[str, ...]) -> dict[str, list[str]]:
    supplied: dict[str, list[str]] = defaultdict(list)
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        supplied[key.strip()].append(value)
    return dict(supplied)


def _resolve(target: str | None, expression: str | None, queries_dir: Path | None) -> NamedQuery:
    if expression is not None:
        if target is not None:
            raise click.UsageError("give a query NAME or FILE, or -e, not both")
        return parse_query(expression, "expression")
    if target is None:
        raise click.UsageError("give a query NAME, a FILE.rq, or -e 'SELECT ...'")
    if target.endswith(".rq") or Path(target).is_file():
        path = Path(target)
        if not path.is_file():
            raise InputError("no such file", path=target)
        return load_file(path) if path.suffix == ".rq" else parse_query(path.read_text(), "file")
    return Catalogue.from_directory(queries_dir).get(target)


@click.command("query")
@click.argument("target", required=False, metavar="NAME|FILE.rq")
@click.option("-e", "--expression", help="A SPARQL query given on the command line.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the named query (repeat for several).",
)
@click.option(
    "-f",
    "--format",
    "format_name",
    type=click.Choice(_FORMATS),
    default="table",
    show_default=True,
    help="Output format (ttl/jsonld/nt for CONSTRUCT queries).",
)
@local_data_option
@_QUERIES_DIR
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="At most this many rows; the output says when it was cut.",
)
def query_command(
    target: str | None,
    expression: str | None,
    params: tuple[str, ...],
    format_name: str,
    data: tuple[Path, ...],
    queries_dir: Path | None,
    limit: int | None,
) -> None:
    """Run a named query of the catalogue, a .rq file, or a query given with -e."""
    named = _resolve(target, expression, queries_dir)
    supplied = _parse_params(params)
    result = run_query(open_local_store(data), named, supplied, row_cap=limit)
    body, _ = render(result, format_name)
    click.echo(body, nl=False)
    if result.truncated:
        click.echo(f"warning: truncated to {result.row_count} rows", err=True)


@click.command("queries")
@_QUERIES_DIR
@click.option("--markdown", is_flag=True, help="The full catalogue as Markdown.")
def queries_command(queries_dir: Path | None, markdown: bool) -> None:
    """List the named queries: name, parameters and what each answers."""
    catalogue = Catalogue.from_directory(queries_dir)
    if markdown:
        click.echo(catalogue_markdown(catalogue), nl=False)
        return
    width = max((len(q.name) for q in catalogue), default=0)
    for q in catalogue:
        params = " ".join(f"{p.name}={p.type}{'' if p.required else '?'}" for p in q.parameters)
        click.echo(f"{q.name.ljust(width)}  {q.summary}" + (f"  [{params}]" if params else ""))
