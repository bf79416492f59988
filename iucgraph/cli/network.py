"""`iucgraph export network` and `iucgraph network metrics|path`: thin shells over
iucgraph.network, with the same filters as /api/network (so both give the same network).

Exit codes: 0 success, 2 an error (bad filter, unknown view or format, network over the cap).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from iucgraph.cli.common import local_data_option, open_local_store
from iucgraph.config import NetworkSettings
from iucgraph.network import EXPORTERS, ExportOptions, Filters, ViewRequest, build_view
from iucgraph.network.metrics import metrics_table
from iucgraph.network.paths import shortest_path
from iucgraph.network.views import MODES, VIEWS, path_graph, resolve_iri

F = TypeVar("F", bound=Callable[..., Any])


def view_options(func: F) -> F:
    """The filters and view options, as in /api/network/<view>?..."""
    decorators = [
        click.argument("view", type=click.Choice(VIEWS)),
        click.option("--theme", help="theme IRI, slug or label"),
        click.option("--sdg", help="SDG number (11), sdg:11 or its IRI"),
        click.option("--region", help="programme component: iuc-asia, 'IUC Asia' or IRI"),
        click.option("--country", help="ISO code (CN), country name or IRI"),
        click.option("--year", help="cohort (or event) year equal to"),
        click.option("--as-of-year", help="cohort (or event) year up to and including"),
        click.option("--min-weight", help="drop edges lighter than this"),
        click.option(
            "--mode",
            type=click.Choice(MODES),
            default="projection",
            show_default=True,
            help="themes/sdgs: weighted projection or the bipartite graph",
        ),
        click.option("--iri", help="ego: the resource at the centre"),
        click.option("--depth", type=int, default=1, show_default=True, help="ego: radius"),
        local_data_option,
        click.option(
            "--max-nodes",
            type=int,
            default=NetworkSettings.max_nodes,
            show_default=True,
            help="refuse a larger network",
        ),
        click.option(
            "--max-edges",
            type=int,
            default=NetworkSettings.max_edges,
            show_default=True,
            help="refuse a larger network",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _request(view: str, kw: dict[str, Any]) -> tuple[ViewRequest, NetworkSettings]:
    filters = Filters.parse({name: kw.pop(name) for name in Filters.NAMES})
    req = ViewRequest(view, filters, mode=kw.pop("mode"), iri=kw.pop("iri"), depth=kw.pop("depth"))
    settings = NetworkSettings(max_nodes=kw.pop("max_nodes"), max_edges=kw.pop("max_edges"))
    return req, settings


@click.command("network")
@view_options
@click.option(
    "-f", "--format", "fmt", type=click.Choice(list(EXPORTERS)), default="gexf", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="file to write ('-' for standard output)",
)
@click.option(
    "--colour",
    type=click.Choice(ExportOptions.COLOURS),
    default="region",
    show_default=True,
    help="GEXF/Cytoscape node colours",
)
def export_network(
    view: str, fmt: str, output: Path, colour: str, data: tuple[Path, ...], **kw: Any
) -> None:
    """Write the network VIEW as a file: GEXF, GraphML, Cytoscape.js, D3, CSV zip, GeoJSON."""
    req, settings = _request(view, kw)
    graph = build_view(open_local_store(data), req, settings)
    options = ExportOptions(
        colour_by=colour, seed=settings.seed, layout_limit=settings.layout_limit
    )
    body = EXPORTERS[fmt].write(graph, options)
    if str(output) == "-":
        sys.stdout.buffer.write(body)
    else:
        output.write_bytes(body)
        click.echo(
            f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
            err=True,
        )


@click.group("network")
def network_group() -> None:
    """Network measures and paths of the relationship views."""


@network_group.command("metrics")
@view_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
def metrics_command(view: str, fmt: str, data: tuple[Path, ...], **kw: Any) -> None:
    """Degree, weighted degree, betweenness, PageRank, community and component of each node."""
    req, settings = _request(view, kw)
    table = metrics_table(build_view(open_local_store(data), req, settings), settings.seed)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"summary": table.summary, "nodes": table.dicts()}, ensure_ascii=False, indent=1
            )
        )
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
    else:
        for key, value in table.summary.items():
            click.echo(f"# {key}: {value}")
        click.echo("\t".join(table.columns[1:]))
        for row in table.rows:
            click.echo("\t".join(str(v) for v in row[1:]))


@network_group.command("path")
@click.argument("source")
@click.argument("target")
@click.option(
    "--via",
    default="pairings,actors",
    show_default=True,
    help="views to search in, comma-separated",
)
@local_data_option
def path_command(source: str, target: str, via: str, data: tuple[Path, ...]) -> None:
    """The shortest path from SOURCE to TARGET (IRIs, or id/city/cn/haikou), in words."""
    graph = path_graph(open_local_store(data), tuple(v for v in via.split(",") if v))
    result = shortest_path(graph, resolve_iri(source), resolve_iri(target))
    for i, step in enumerate(result.steps, 1):
        click.echo(f"{i}. {step.text}")


def register(main: click.Group) -> None:
    """Add `export network` (under an `export` group, made if missing) and `network`."""
    export = main.commands.get("export")
    if not isinstance(export, click.Group):
        export = click.Group("export", help="Write parts of the graph as files.")
        main.add_command(export)
    export.add_command(export_network)
    main.add_command(network_group)
