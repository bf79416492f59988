"""What several commands share: the embedded store over local files, the error exit, and the
options that several commands take (defined once, so that their help texts agree)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from iucgraph.load import default_paths, load_dataset
from iucgraph.store import EmbeddedStore

if TYPE_CHECKING:
    from iucgraph.config import LinkingSettings
    from iucgraph.linking.sparql_client import SparqlClient


def open_local_store(sources: tuple[Path, ...] = ()) -> EmbeddedStore:
    """An embedded store over the given files or folders of *.trig (default: ontology + data)."""
    files: list[Path] = []
    for source in sources:
        files += sorted(source.glob("*.trig")) if source.is_dir() else [source]
    return EmbeddedStore(load_dataset(files or default_paths()).dataset)


# -- options shared by several commands (one definition, one help text) -----------------------

F = TypeVar("F", bound=Callable[..., Any])

local_data_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="TriG files or directories to load (default: the shipped data/).",
)
"""`--data` of the commands that read the graph into an embedded store (open_local_store)."""

data_dir_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory of the instance data (*.trig). Default: the project's data/.",
)
"""`--data` of the commands that read and write files in the data directory (link, enrich)."""

settings_option = click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="TOML settings."
)
"""`--config` of the commands that open a store (load, backup, restore)."""


def report_dir_option(stem: str) -> Callable[[F], F]:
    """`--report DIR`, where the command writes `stem`.csv and `stem`.md."""
    return click.option(
        "--report",
        "report_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help=f"Directory for {stem}.csv and .md. Default: the project's reports/.",
    )


def endpoint_options(func: F) -> F:
    """--endpoint, --timeout, --cache and --config of the commands that ask a remote SPARQL
    endpoint (link wikidata, enrich); see `linking_client`."""
    decorators = [
        click.option(
            "--endpoint", default=None, help="SPARQL endpoint. Default: from the settings."
        ),
        click.option("--timeout", type=float, default=None, help="Seconds per request."),
        click.option(
            "--cache",
            "cache_dir",
            type=click.Path(path_type=Path, file_okay=False),
            default=None,
            help="Directory of cached responses. Default: from the settings (.cache/wikidata).",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="TOML settings file ([linking] table).",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def linking_client(
    config_file: Path | None, endpoint: str | None, timeout: float | None, cache_dir: Path | None
) -> tuple[SparqlClient, LinkingSettings]:
    """The SPARQL client that `endpoint_options` describe, and the [linking] settings."""
    from iucgraph.config import load_settings
    from iucgraph.linking.sparql_client import ClientOptions, SparqlClient

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
    return client, settings
