"""Backups that can be trusted: N-Quads plus a manifest with its checksum, written atomically.

A backup directory holds `dataset.nq` and `manifest.json` (format, file name, SHA-256, quad
count, store version, time). Each file is written to a temporary name, fsynced, then renamed;
the manifest goes last. So an interrupted backup has no manifest, or a manifest whose checksum
does not match the data, and `verify` refuses it: it is never taken for a valid one.
`restore` verifies, then commits through the GraphService (SHACL-validated, atomic swap).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from iucgraph.errors import InputError
from iucgraph.service import GraphService
from iucgraph.store.base import Store
from iucgraph.store.terms import quads_to_dataset

DATA_FILE = "dataset.nq"
MANIFEST_FILE = "manifest.json"
FORMAT = "iucgraph-backup/1"


@dataclass(frozen=True)
class Manifest:
    format: str
    file: str
    sha256: str
    quads: int
    version: str
    created: str


class BackupInvalid(InputError):
    """A backup directory that is incomplete, altered or not a backup at all."""


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    with open(temporary, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _count(nquads: bytes) -> int:
    return sum(1 for _ in ox.parse(nquads, format=ox.RdfFormat.N_QUADS))


def backup(store: Store, directory: Path) -> Manifest:
    """Write everything `store` holds to `directory` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    version = store.version
    nquads = store.nquads()
    manifest = Manifest(
        FORMAT,
        DATA_FILE,
        hashlib.sha256(nquads).hexdigest(),
        _count(nquads),
        version,
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    # A previous manifest goes first: until the new one exists, the directory is invalid.
    (directory / MANIFEST_FILE).unlink(missing_ok=True)
    _write_atomically(directory / DATA_FILE, nquads)
    _write_atomically(
        directory / MANIFEST_FILE, (json.dumps(asdict(manifest), indent=1) + "\n").encode()
    )
    return manifest


def verify(directory: Path) -> tuple[Manifest, bytes]:
    """The manifest and the data of a complete backup; BackupInvalid for anything else."""
    where = str(directory)
    try:
        raw = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest = Manifest(**raw)
    except FileNotFoundError:
        raise BackupInvalid(
            "no manifest: not a backup, or an interrupted one", path=where
        ) from None
    except (OSError, ValueError, TypeError) as e:
        raise BackupInvalid(f"unreadable manifest: {e}", path=where) from None
    if manifest.format != FORMAT or manifest.file != DATA_FILE:
        raise BackupInvalid(f"unknown backup format {manifest.format!r}", path=where)
    try:
        data = (directory / DATA_FILE).read_bytes()
    except OSError:
        raise BackupInvalid("the data file is missing", path=where) from None
    if hashlib.sha256(data).hexdigest() != manifest.sha256:
        raise BackupInvalid("the data does not match the manifest's checksum", path=where)
    if _count(data) != manifest.quads:
        raise BackupInvalid("the data does not hold the manifest's number of quads", path=where)
    return manifest, data


def restore(service: GraphService, directory: Path) -> Manifest:
    """Verify the backup, then replace the store's content with it (validated first)."""
    manifest, data = verify(directory)
    staging = ox.Store()
    if data:
        staging.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    service.commit_dataset(quads_to_dataset(staging))
    return manifest
