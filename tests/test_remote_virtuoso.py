"""The remote back-end against a real Virtuoso Open Source (Debian: virtuoso-opensource-7-bin),
started here on 127.0.0.1 with its own database in a temporary directory.

Virtuoso differs from Oxigraph in three ways that matter to us: updates go to /sparql-auth with
HTTP Digest, DROP ALL is ignored, and its default graph is the union of every graph including its
system graphs (virtrdf#...). So the store is configured with `graph_prefix`.
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.catalogue import Catalogue, run_query
from iucgraph.cli.common import open_local_store
from iucgraph.config import PROJECT_ROOT, StoreSettings
from iucgraph.errors import StoreUnavailable
from iucgraph.store.remote import RemoteStore

VIRTUOSO = shutil.which("virtuoso-t")
REQUIRED = bool(os.environ.get("IUCGRAPH_VIRTUOSO_REQUIRED"))
PREFIX = "https://w3id.org/iucgraph/"
SYSTEM_GRAPH = "http://www.openlinksw.com/schemas/virtrdf#"
USER, PASSWORD = "dba", "dba"  # a throw-away database: the account Virtuoso creates

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    if VIRTUOSO is None:
        if REQUIRED:
            pytest.fail("IUCGRAPH_VIRTUOSO_REQUIRED is set but virtuoso-t is not installed")
        pytest.skip("virtuoso-t is absent (apt-get install virtuoso-opensource-7-bin)")
    directory = tmp_path_factory.mktemp("virtuoso")
    http_port = _free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(
        INI.format(d=directory, sql_port=_free_port(), http_port=http_port), encoding="utf-8"
    )
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)],
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log = directory / "virtuoso.log"
                    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    raise RuntimeError(f"virtuoso-t did not start:\n{tail}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _settings(endpoint: str, **changes) -> StoreSettings:
    values = {
        "location": endpoint + "/sparql",
        "update_url": endpoint + "/sparql-auth",
        "username": USER,
        "password": PASSWORD,
        "graph_prefix": PREFIX,
        "query_timeout": 60.0,
        **changes,
    }
    return StoreSettings(**values)


@pytest.fixture(scope="module")
def embedded():
    """The shipped graph (ontology + data) in the embedded store: the reference answers."""
    return open_local_store()


@pytest.fixture(scope="module")
def store(endpoint, embedded):
    s = RemoteStore(_settings(endpoint))
    s.replace(embedded.dataset())
    return s


def _sorted(rows) -> list:
    return sorted(tuple("" if v is None else str(v) for v in row) for row in rows)


def test_named_graphs_kept_and_system_graphs_left_alone(store, embedded):
    assert store.graph_names() == embedded.graph_names()
    assert len(store) == len(embedded)
    unscoped = RemoteStore(_settings(store.query_url.rsplit("/", 1)[0], graph_prefix=None))
    assert unscoped.ask(f"ASK {{ GRAPH <{SYSTEM_GRAPH}> {{ ?s ?p ?o }} }}")
    some = embedded.graph_names()[-1]
    assert store.get_graph(some).isomorphic(embedded.get_graph(some))


def test_select_ask_construct_give_the_embedded_answers(store, embedded):
    select = (
        "PREFIX iuc: <https://w3id.org/iucgraph/ontology#> "
        "SELECT ?g ?p ?city WHERE { GRAPH ?g { ?p a iuc:Pairing ; iuc:euCity ?city } }"
    )
    expected = embedded.select(select)
    assert expected.rows, "the shipped data has pairings"
    assert _sorted(store.select(select).rows) == _sorted(expected.rows)
    ask = "PREFIX iuc: <https://w3id.org/iucgraph/ontology#> ASK { ?p a iuc:Pairing }"
    assert store.ask(ask) and embedded.ask(ask)
    assert not store.ask("ASK { <http://example.org/nothing> ?p ?o }")
    construct = (
        "PREFIX iuc: <https://w3id.org/iucgraph/ontology#> "
        "CONSTRUCT { ?p iuc:euCity ?c } WHERE { ?p a iuc:Pairing ; iuc:euCity ?c }"
    )
    assert store.construct(construct).isomorphic(embedded.construct(construct))


# Virtuoso keeps values, not lexical forms: a whole xsd:decimal comes back as xsd:integer
# ("2305"), a boolean as 1 or 0. Rows and graphs are compared by value for those.
def _by_value(term: object) -> object:
    if isinstance(term, Literal) and term.datatype is not None:
        value = term.toPython()
        if isinstance(value, bool | int | Decimal):
            return Literal(format(Decimal(int(value) if isinstance(value, bool) else value), "f"))
    return term


def _graph_by_value(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, _by_value(o)))
    return out


def test_catalogue_queries_give_the_embedded_answers(store, embedded):
    """Every named query answers on Virtuoso as on the embedded store (values compared as
    above), and in reasonable time: the catalogue is written for any SPARQL 1.1 store."""
    catalogue = Catalogue.from_directory(PROJECT_ROOT / "queries")
    differing = []
    for query in catalogue:
        supplied = {k: [v] for k, v in query.examples.items()}
        want = run_query(embedded, query, supplied, row_cap=None)
        got = run_query(store, query, supplied, row_cap=None)
        if query.kind == "select":
            by_value = [[_by_value(v) for v in row] for row in want.rows]
            ok = got.variables == want.variables and _sorted(
                [[_by_value(v) for v in row] for row in got.rows]
            ) == _sorted(by_value)
        elif query.kind == "ask":
            ok = got.boolean == want.boolean
        else:
            ok = got.graph is not None and want.graph is not None
            ok = ok and _graph_by_value(got.graph).isomorphic(_graph_by_value(want.graph))
        if not ok:
            differing.append(query.name)
    assert differing == []


def test_replace_drops_our_old_graphs_only(endpoint, embedded):
    s = RemoteStore(_settings(endpoint))
    fresh = Dataset()
    g = URIRef(PREFIX + "id/source/virtuoso-test")
    fresh.graph(g).add((URIRef(PREFIX + "id/x"), RDFS.label, Literal('X "quoted"', lang="en")))
    try:
        s.replace(fresh)
        assert s.graph_names() == [g] and len(s) == 1
        assert list(s.get_graph(None))[0][2] == Literal('X "quoted"', lang="en")
        unscoped = RemoteStore(_settings(endpoint, graph_prefix=None))
        assert unscoped.ask(f"ASK {{ GRAPH <{SYSTEM_GRAPH}> {{ ?s ?p ?o }} }}")
    finally:
        s.replace(embedded.dataset())


def test_without_graph_prefix_a_replace_says_what_to_configure(endpoint, embedded):
    s = RemoteStore(_settings(endpoint, graph_prefix=None))
    try:
        with pytest.raises(StoreUnavailable, match="graph_prefix"):
            s.replace(embedded.dataset())
    finally:
        RemoteStore(_settings(endpoint)).replace(embedded.dataset())


def test_errors_are_ours(endpoint):
    wrong = RemoteStore(_settings(endpoint, password="not-the-password"))
    with pytest.raises(StoreUnavailable):
        wrong.replace(Dataset())
    dead = RemoteStore(StoreSettings(location=f"http://127.0.0.1:{_free_port()}/sparql"))
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        dead.ask("ASK {}")


def test_cli_load_pushes_the_shipped_graph(endpoint, embedded, tmp_path: Path):
    from click.testing import CliRunner

    from iucgraph.cli import main

    config = tmp_path / "virtuoso.toml"
    config.write_text(f'[store]\ngraph_prefix = "{PREFIX}"\nquery_timeout = 60.0\n')
    args = [
        "load",
        "--store",
        endpoint + "/sparql",
        "--update-url",
        endpoint + "/sparql-auth",
        "--user",
        USER,
        "--password",
        PASSWORD,
        "--config",
        str(config),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    store = RemoteStore(_settings(endpoint))
    assert store.graph_names() == embedded.graph_names()
    assert len(store) == len(embedded)
