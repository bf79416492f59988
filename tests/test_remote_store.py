"""The remote back-end against a real `oxigraph serve` started here on 127.0.0.1."""

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.config import StoreSettings
from iucgraph.errors import ForbiddenOperation, QuerySyntaxError, StoreUnavailable
from iucgraph.store.remote import RemoteStore

EX = "http://example.org/"
OXIGRAPH = shutil.which("oxigraph") or str(Path("/work/venv/bin/oxigraph"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [
            OXIGRAPH,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("oxigraph serve did not start") from None
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture
def store(endpoint):
    settings = StoreSettings(location=endpoint + "/query", update_url=endpoint + "/update")
    s = RemoteStore(settings)
    s.replace(_dataset())
    return s


def _dataset() -> Dataset:
    ds = Dataset()
    ds.graph(URIRef(EX + "g1")).add((URIRef(EX + "a"), RDFS.label, Literal("A", lang="en")))
    ds.graph(URIRef(EX + "g2")).add((URIRef(EX + "b"), RDFS.label, Literal('B "quoted"')))
    return ds


def test_named_graphs_kept_and_default_graph_is_the_union(store):
    assert store.graph_names() == [URIRef(EX + "g1"), URIRef(EX + "g2")]
    result = store.select("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s")
    assert [row[0] for row in result.rows] == [URIRef(EX + "a"), URIRef(EX + "b")]
    assert len(store.get_graph(URIRef(EX + "g2"))) == 1 and len(store.get_graph(None)) == 2


def test_replace_twice_does_not_duplicate_and_changes_version(store):
    before = store.version
    store.replace(_dataset())
    assert len(store) == 2
    fresh = Dataset()
    fresh.graph(URIRef(EX + "g3")).add((URIRef(EX + "c"), RDFS.label, Literal("C")))
    store.replace(fresh)
    assert len(store) == 1 and store.version != before
    assert store.graph_names() == [URIRef(EX + "g3")]


def test_bindings_ask_construct_execute(store):
    label = Literal("A", lang="en")
    assert list(store.select("SELECT ?s WHERE { ?s ?p ?l }", {"l": label}).dicts()) == [
        {"s": URIRef(EX + "a")}
    ]
    assert store.ask("ASK { ?s ?p ?o }")
    assert len(store.construct("CONSTRUCT WHERE { ?s ?p ?o }")) == 2
    result = store.execute("SELECT ?s WHERE { ?s ?p ?o }", "application/json", limit=1)
    assert result.truncated and result.row_count == 2
    assert len(json.loads(result.body)["results"]["bindings"]) == 1
    only = store.execute("SELECT ?s WHERE { ?s ?p ?o }", "text/csv", default_graph_uris=[EX + "g1"])
    assert only.body.decode().split("\r\n")[1:] == [EX + "a", ""]


def test_errors_are_ours(store, endpoint):
    with pytest.raises(QuerySyntaxError):
        store.select("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(ForbiddenOperation):
        store.execute("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "application/json")
    dead = RemoteStore(StoreSettings(location=f"http://127.0.0.1:{_free_port()}/query"))
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        dead.ask("ASK {}")


def test_cli_load_pushes_a_validated_graph(endpoint, tmp_path, monkeypatch):
    pytest.importorskip("iucgraph.load")
    from click.testing import CliRunner

    from iucgraph.cli import main

    monkeypatch.setattr(
        "iucgraph.service._default_validator", lambda data: type("R", (), {"conforms": True})()
    )
    data = tmp_path / "data.trig"
    data.write_text(f'<{EX}g9> {{ <{EX}z> <{RDFS.label}> "Z" . }}', encoding="utf-8")
    args = ["load", "--store", endpoint + "/query", "--update-url", endpoint + "/update"]
    result = CliRunner().invoke(main, [*args, str(data)])
    assert result.exit_code == 0, result.output
    store = RemoteStore(StoreSettings(location=endpoint + "/query"))
    assert store.graph_names() == [URIRef(EX + "g9")] and len(store) == 1
    missing = CliRunner().invoke(main, ["load", "--store", endpoint + "/query", str(data)])
    assert missing.exit_code == 2  # no update URL: refused before anything
