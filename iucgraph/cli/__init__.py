"""The `iucgraph` command. Each subcommand is a thin shell over one library call.

Exit codes (as pySHACL's): 0 success / conforms, 1 the data does not conform, 2 an error
(unreadable input, bad arguments, unreachable endpoint).
"""

from __future__ import annotations

from typing import Any

import click

from iucgraph import __version__
from iucgraph.errors import IucGraphError


class _Commands(click.Group):
    """The one place where our exceptions become exit codes (as web/errors.py for HTTP)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IucGraphError as error:
            click.echo(f"error: {error}", err=True)
            raise SystemExit(2) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iucgraph")
def main() -> None:
    """iucgraph: the knowledge graph of the EU International Urban Cooperation programme."""


# Subcommands register after the group exists.
from iucgraph.cli import network as _network  # noqa: E402
from iucgraph.cli.backup import backup_command, restore_command  # noqa: E402
from iucgraph.cli.enrich import enrich_command  # noqa: E402
from iucgraph.cli.graph import build_command, stats_command  # noqa: E402
from iucgraph.cli.link import link  # noqa: E402
from iucgraph.cli.load import load  # noqa: E402
from iucgraph.cli.query import queries_command, query_command  # noqa: E402
from iucgraph.cli.serve import serve  # noqa: E402
from iucgraph.cli.validate import validate_command  # noqa: E402

main.add_command(build_command)
main.add_command(stats_command)
main.add_command(load)
main.add_command(serve)
main.add_command(link)
main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(enrich_command)
main.add_command(query_command)
main.add_command(queries_command)
main.add_command(validate_command)
_network.register(main)
