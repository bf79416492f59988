"""Disk full during a load: a clear error, nothing changed, everything still readable.

With root (CI containers usually are), a 3 MB tmpfs holds a real persistent store and is
filled up; elsewhere that case is skipped and the in-process simulation below (the engine
raising ENOSPC while writing the new version) still runs.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from tests.security.support import assert_healthy, call, city_triples, dataset_state, write_headers

GRAPH = "https://w3id.org/iucgraph/id/source/disk-full"


def _fill(directory: Path) -> Path:
    filler = directory / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as e:
            assert e.errno == errno.ENOSPC
    return filler


@pytest.mark.slow
def test_disk_full_during_a_load_on_a_real_small_disk(make_server, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root)")
    server = None
    try:
        server = make_server(store_dir=disk / "store", token=True)
        before = dataset_state(server.url)
        filler = _fill(disk)
        body = city_triples(300, 70_000).split("{", 1)[1].rsplit("}", 1)[0]
        reply = call(
            "PUT",
            server.url + "/rdf-graph-store",
            params={"graph": GRAPH},
            body=body,
            headers={**write_headers("text/turtle"), "Accept": "application/json"},
        )
        assert reply.status == 507, reply.text
        assert "disk is full" in reply.text and str(disk) not in reply.text
        assert dataset_state(server.url) == before
        assert_healthy(server.url)
        filler.unlink()
        again = call(
            "PUT",
            server.url + "/rdf-graph-store",
            params={"graph": GRAPH},
            body=body,
            headers=write_headers("text/turtle"),
        )
        assert again.status == 201, again.text
    finally:
        if server is not None:
            server.stop()
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


class _FullDisk:
    """pyoxigraph's Store, except that writing a new version on disk fails with ENOSPC."""

    def __init__(self, real: type) -> None:
        self.real = real

    def __call__(self, path: str | None = None):
        store = self.real(path)
        if path is None:
            return store
        os.makedirs(path, exist_ok=True)

        class Failing:
            def bulk_load(self, *args, **kwargs):
                raise OSError("IO error: No space left on device: While appending to file")

            def __getattr__(self, name):
                return getattr(store, name)

        return Failing()

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_disk_full_simulated_in_process(tmp_path, monkeypatch):
    import pyoxigraph as ox

    from iucgraph.config import StoreSettings
    from iucgraph.errors import StoreWriteFailed
    from iucgraph.store import EmbeddedStore

    store = EmbeddedStore(settings=StoreSettings(location=str(tmp_path / "db")))
    store.replace_nquads(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n")
    version, versions = store.version, sorted(p.name for p in (tmp_path / "db").glob("v-*"))
    monkeypatch.setattr("iucgraph.store.embedded.ox.Store", _FullDisk(ox.Store))
    with pytest.raises(StoreWriteFailed) as info:
        store.replace_nquads(b"<urn:s> <urn:p> <urn:o2> <urn:g> .\n")
    assert info.value.no_space and str(tmp_path) not in str(info.value)
    assert store.version == version and len(store) == 1
    assert sorted(p.name for p in (tmp_path / "db").glob("v-*")) == versions
    store.close()
