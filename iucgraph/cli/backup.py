"""`iucgraph backup DIR` and `iucgraph restore DIR`: N-Quads plus a checksummed manifest.

Exit codes: 0 done, 1 the backup does not conform to the shapes (restore; nothing changed),
2 an error (an incomplete or altered backup, an unreachable store; nothing changed).
"""

from __future__ import annotations

from pathlib import Path

import click

from iucgraph.cli.common import settings_option
from iucgraph.config import load_settings
from iucgraph.errors import ValidationFailed

_STORE = click.option("--store", "location", metavar="DIR|URL", help="The store (default: memory).")


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_STORE
@settings_option
def backup_command(directory: Path, location: str | None, config_file: Path | None) -> None:
    """Write the whole store to DIRECTORY: dataset.nq and manifest.json (SHA-256, quads)."""
    from iucgraph.backup import backup
    from iucgraph.store.factory import open_store

    settings = load_settings(config_file, location=location, load_on_start=False)
    store = open_store(settings.store)
    try:
        manifest = backup(store, directory)
    finally:
        store.close()
    click.echo(f"backed up {manifest.quads} quads to {directory} (sha256 {manifest.sha256[:12]})")


@click.command("restore")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_STORE
@settings_option
def restore_command(directory: Path, location: str | None, config_file: Path | None) -> None:
    """Verify the backup in DIRECTORY, validate it, then replace the store's content with it."""
    from iucgraph.backup import restore
    from iucgraph.service import GraphService
    from iucgraph.store.factory import open_store

    try:
        settings = load_settings(config_file, location=location, load_on_start=False)
        store = open_store(settings.store)
        try:
            manifest = restore(GraphService(store, settings), directory)
        finally:
            store.close()
    except ValidationFailed as e:
        click.echo(str(e.report), err=True)
        click.echo("not restored: the backup does not conform to the shapes", err=True)
        raise SystemExit(1) from None
    click.echo(f"restored {manifest.quads} quads from {directory}")
