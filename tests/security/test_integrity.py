"""Data integrity: a write that fails leaves the data exactly as it was, readers never see a
mix, a killed server restarts on the old or the new state, and backups can be trusted."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from tests.security.support import (
    ID,
    IUC,
    ROOT,
    SOURCE,
    call,
    city_triples,
    dataset_state,
    query,
    write_headers,
)

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPH = SOURCE + "-extra"


def turtle_cities(n: int, start: int) -> str:
    """Turtle (triples only) of `n` conforming cities."""
    body = city_triples(n, start).split("{", 1)[1].rsplit("}", 1)[0]
    return body


def put(server, body: str, graph: str = GRAPH, method: str = "PUT", ctype: str = "text/turtle"):
    return call(
        method,
        server.url + "/rdf-graph-store",
        params={"graph": graph},
        body=body,
        headers=write_headers(ctype),
        timeout=60,
    )


def count(server, source: str = "127.0.0.1") -> int:
    reply = query(server.url, COUNT, source=source)
    assert reply.status == 200, reply.text
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


def test_syntax_error_on_the_last_line_gives_400_with_the_line(writer):
    before = dataset_state(writer.url)
    text = turtle_cities(400, 10_000)
    lines = text.count("\n") + 1
    reply = put(writer, text + '<urn:broken> <urn:p> "unterminated .\n')
    assert reply.status == 400, reply.text
    body = call(
        "PUT",
        writer.url + "/rdf-graph-store",
        params={"graph": GRAPH},
        body=text + '<urn:broken> <urn:p> "unterminated .\n',
        headers={**write_headers("text/turtle"), "Accept": "application/json"},
    )
    assert json.loads(body.body)["line"] >= lines - 1
    assert dataset_state(writer.url) == before


def test_data_that_breaks_the_shapes_gives_422_with_the_report(writer):
    before = dataset_state(writer.url)
    bad = f'<{ID}city/xx/nameless> a <{IUC}City> ; <{IUC}population> "many" .'
    reply = put(writer, bad)
    assert reply.status == 422, reply.text
    assert "nameless" in reply.text and "nothing was changed" in reply.text
    assert dataset_state(writer.url) == before


def test_replacing_a_graph_with_a_malformed_payload_keeps_the_old_one(writer):
    assert put(writer, turtle_cities(3, 20_000)).status in (201, 204)
    before = dataset_state(writer.url)
    for body, ctype in (
        ("<a> <b> .", "text/turtle"),
        ('{"@id": ', "application/ld+json"),
        ("<rdf:RDF", "application/rdf+xml"),
    ):
        assert put(writer, body, ctype=ctype).status == 400
    assert dataset_state(writer.url) == before


def test_the_same_data_loaded_twice_does_not_duplicate(writer):
    text, graph = turtle_cities(5, 30_000), SOURCE + "-twice"
    assert put(writer, text, graph, method="POST").status == 201
    once = dataset_state(writer.url)
    assert put(writer, text, graph, method="POST").status == 204
    assert put(writer, text, graph, method="PUT").status == 204
    assert dataset_state(writer.url) == once


def test_queries_during_a_load_see_the_old_or_the_new_state(writer):
    put(writer, turtle_cities(1, 40_000))
    old = count(writer)
    seen: list[int] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append(count(writer, source="127.0.0.3"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        reply = put(writer, turtle_cities(300, 40_000))
    finally:
        time.sleep(0.3)
        stop.set()
        reader.join(30)
    assert reply.status == 204, reply.text
    new = count(writer)
    assert new > old and seen
    assert set(seen) <= {old, new}, sorted(set(seen))


@pytest.mark.slow
def test_sigkill_during_a_load_restarts_on_the_old_or_the_new_state(make_server, tmp_path):
    store = tmp_path / "store"
    server = make_server(store_dir=store, token=True)
    payload = turtle_cities(1500, 50_000)
    outcomes = []
    for delay in (0.05, 0.4, 0.9):
        old = dataset_state(server.url)
        thread = threading.Thread(target=lambda: _quiet_put(server, payload))
        thread.start()
        time.sleep(delay)
        server.kill()
        thread.join(30)
        server.start()  # the same directory: no manual repair
        after = dataset_state(server.url)
        if after != old:
            new_graph = query(
                server.url, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
            )
            n = int(json.loads(new_graph.body)["results"]["bindings"][0]["n"]["value"])
            assert n == 1500 * 3, n  # the whole new graph, never a part of it
            outcomes.append("new")
        else:
            outcomes.append("old")
        put(server, "", method="PUT")  # back to an empty extra graph for the next round
    assert outcomes  # each round ended in exactly one of the two states
    leftovers = [p.name for p in store.glob("v-*")]
    assert len(leftovers) <= 2, leftovers


def _quiet_put(server, payload: str) -> None:
    try:
        put(server, payload)
    except (OSError, http.client.HTTPException):
        pass  # the server died under it (reset, or a half-written status line): that is the point


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "iucgraph", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_backup_and_restore_round_trip_to_an_isomorphic_dataset(make_server, world, tmp_path):
    store = tmp_path / "store"
    server = make_server(store_dir=store, token=True)
    put(server, '_:b <urn:p> _:c . _:c <urn:p> "blank" .\n' + turtle_cities(2, 60_000))
    original = dataset_state(server.url)
    server.stop()
    config = str(server.config)
    backup_dir = tmp_path / "backup"
    made = _cli("backup", str(backup_dir), "--store", str(store), "--config", config)
    assert made.returncode == 0, made.stderr
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["quads"] == original.quads
    # Restore into a fresh, empty store and compare what a server then serves.
    other = tmp_path / "other"
    done = _cli("restore", str(backup_dir), "--store", str(other), "--config", config)
    assert done.returncode == 0, done.stderr
    restored = make_server(store_dir=other)
    assert dataset_state(restored.url) == original


def test_an_interrupted_or_altered_backup_is_never_taken_for_valid(tmp_path, world):
    from iucgraph.backup import BackupInvalid, backup, verify
    from iucgraph.load import load_dataset
    from iucgraph.store import EmbeddedStore

    store = EmbeddedStore(load_dataset(sorted(world.data_dir.glob("*.trig"))).dataset)
    good = tmp_path / "good"
    backup(store, good)
    verify(good)
    # Interrupted before the manifest was written: only the data (or a partial file) exists.
    interrupted = tmp_path / "interrupted"
    interrupted.mkdir()
    (interrupted / "dataset.nq").write_bytes((good / "dataset.nq").read_bytes())
    (interrupted / ".manifest.json.partial").write_text("{")
    truncated = tmp_path / "truncated"
    truncated.mkdir()
    data = (good / "dataset.nq").read_bytes()
    (truncated / "dataset.nq").write_bytes(data[: len(data) // 2])
    (truncated / "manifest.json").write_bytes((good / "manifest.json").read_bytes())
    for directory in (interrupted, truncated, tmp_path / "nothing"):
        with pytest.raises(BackupInvalid):
            verify(directory)
    # A backup that fails half-way never leaves a manifest behind.
    broken = tmp_path / "broken"
    backup(store, broken)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("iucgraph.backup.os.fsync", fail)
        with pytest.raises(OSError):
            backup(store, broken)
    with pytest.raises(BackupInvalid):
        verify(broken)
    store.close()


def test_restore_refuses_an_invalid_backup_and_changes_nothing(tmp_path, world):
    store_dir = tmp_path / "store"
    config = str(world.config())
    assert (
        _cli(
            "load",
            "--store",
            str(store_dir),
            "--config",
            config,
            *map(str, sorted(world.data_dir.glob("*.trig"))),
        ).returncode
        == 0
    )
    backup_dir = tmp_path / "b"
    assert (
        _cli("backup", str(backup_dir), "--store", str(store_dir), "--config", config).returncode
        == 0
    )
    data = backup_dir / "dataset.nq"
    data.write_bytes(data.read_bytes().replace(b'City 1"', b'City X"'))
    before = sorted(p.name for p in store_dir.glob("v-*"))
    result = _cli("restore", str(backup_dir), "--store", str(store_dir), "--config", config)
    assert result.returncode == 2 and "checksum" in result.stderr
    assert sorted(p.name for p in store_dir.glob("v-*")) == before


def test_an_update_the_engine_refuses_is_a_400_and_changes_nothing(writer):
    """Found by this suite: CLEAR of a missing graph was a 500."""
    before = dataset_state(writer.url)
    for update in ("CLEAR GRAPH <urn:no-such-graph>", "DROP GRAPH <urn:no-such-graph>"):
        reply = call(
            "POST",
            writer.url + "/sparql",
            body=update,
            headers=write_headers("application/sparql-update"),
        )
        assert reply.status == 400, reply.text
    assert dataset_state(writer.url) == before
