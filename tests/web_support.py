"""The real store and write service for the web tests, and a live server.

`make_backend` gives a fresh EmbeddedStore and the GraphService that writes to it, so that the
web tests run the protocol path (worker processes, row cap, timeout) and validate-then-commit
exactly as the server does. Close the store when done (it owns worker processes).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Graph
from waitress.server import create_server

from iucgraph.service import GraphService
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.validate import ValidationReport, load_shapes, validate

TOKEN = "test-write-token-0123456789"
# Every value of <http://example.org/p> must be an xsd:integer (the 422 path of the web tests).
INTEGER_SHAPES = Path(__file__).parent / "data" / "web" / "integer-values.ttl"


def validator_for(shapes: Graph) -> Any:
    """A GraphService validator checking against `shapes` (no ontology merged in)."""

    def run(data: Any) -> ValidationReport:
        return validate(data, shapes)

    return run


def make_backend(shapes_file: Path | None = None) -> tuple[EmbeddedStore, GraphService]:
    """A fresh, empty store and its write service, validating against `shapes_file`.

    Without a shapes file the service validates against an empty shapes graph: the web tests'
    data (example.org, W3C suites) is not in our vocabulary, and the web layer's behaviour,
    not our shapes, is what they check; every graph conforms to an empty shapes graph.
    """
    store = EmbeddedStore()
    shapes = load_shapes(shapes_file) if shapes_file is not None else Graph()
    return store, GraphService(store, validator=validator_for(shapes))


def load_nt(service: GraphService, name: str, path: str) -> None:
    """Put the N-Triples file at `path` into graph `name` through the service."""
    graph = Graph()
    graph.parse(path, format="nt")
    service.put_graph(name, graph)


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve `app` with waitress on 127.0.0.1 and a free port; yields the base URL."""
    server = create_server(
        app, host="127.0.0.1", port=0, threads=4, clear_untrusted_proxy_headers=True
    )
    port = server.effective_port  # type: ignore[union-attr]
    stopping = threading.Event()

    def run() -> None:
        try:
            server.run()
        except (OSError, ValueError):  # the socket closed under the loop: expected at the end
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stopping.set()
        server.close()
        thread.join(timeout=5)
