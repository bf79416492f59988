"""The `iucgraph` command. Each subcommand is a thin shell over one library call.

Exit codes (as pySHACL's): 0 success / conforms, 1 the data does not conform, 2 an error
(unreadable input, bad arguments, unreachable endpoint).
"""

from __future__ import annotations

import click

from iucgraph import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iucgraph")
def main() -> None:
    """iucgraph: the knowledge graph of the EU International Urban Cooperation programme."""


from iucgraph.cli.validate import validate_command  # noqa: E402

main.add_command(validate_command)
