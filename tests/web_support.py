"""Test doubles and a live server for the web tests.

Until the store layer's protocol path (`Store.execute`) and the GraphService are merged, the
web tests run on `ProtocolStore`, the embedded store plus a minimal `execute`, and on
`SimpleService`, a write service without SHACL (a payload containing VALIDATION_TRIGGER is
"non-conforming", so the 422 path can be tested). When the real ones exist, `make_backend`
uses them instead.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from waitress.server import create_server

from iucgraph.errors import QuerySyntaxError, UnsupportedFormat, ValidationFailed
from iucgraph.store.base import Serialized, Store
from iucgraph.store.embedded import EmbeddedStore
from iucgraph.store.terms import to_ox

TOKEN = "test-write-token-0123456789"
VALIDATION_TRIGGER = URIRef("urn:test:breaks-the-shapes")
_POSITION = re.compile(r"error at (\d+):(\d+)")


def _syntax_error(exc: SyntaxError) -> QuerySyntaxError:
    message = str(exc).splitlines()[0]
    m = _POSITION.search(message)
    if m:
        return QuerySyntaxError(message, line=int(m.group(1)), column=int(m.group(2)))
    return QuerySyntaxError(message)


class ProtocolStore(EmbeddedStore):
    """EmbeddedStore with a minimal `execute` (no row cap, no timeout) for the web tests."""

    def execute(
        self,
        query: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        limit: int | None = None,
    ) -> Serialized:
        kwargs: dict[str, Any] = {}
        if default_graph_uris or named_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris] or [
                ox.DefaultGraph()
            ]
            if named_graph_uris:
                kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        else:
            kwargs["use_default_graph_as_union"] = True
        try:
            result = self._store.query(query, **kwargs)
        except SyntaxError as exc:
            raise _syntax_error(exc) from exc
        if isinstance(result, ox.QueryTriples):
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is None:
                raise UnsupportedFormat("not an RDF format", [media_type])
            return Serialized(result.serialize(format=rdf_format) or b"", media_type)
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is None:
            raise UnsupportedFormat("not a results format", [media_type])
        body = result.serialize(format=results_format) or b""
        return Serialized(body, media_type)


class SimpleService:
    """Writes straight into the ProtocolStore's pyoxigraph store (no SHACL: tests only)."""

    def __init__(self, store: ProtocolStore):
        self.store = store
        self.calls: list[str] = []

    def _bump(self) -> None:
        self.store._version = uuid.uuid4().hex

    def _check(self, graph: Graph) -> None:
        if (None, None, VALIDATION_TRIGGER) in graph or (VALIDATION_TRIGGER, None, None) in graph:
            raise ValidationFailed("Validation Report\nConforms: False\n(test trigger)")

    def update(self, update: str) -> None:
        self.calls.append(update)
        try:
            self.store._store.update(update)
        except SyntaxError as exc:
            raise _syntax_error(exc) from exc
        self._bump()

    def _graph(self, name: URIRef | None) -> ox.NamedNode | ox.DefaultGraph:
        return ox.DefaultGraph() if name is None else ox.NamedNode(str(name))

    def _add(self, name: URIRef | None, graph: Graph) -> None:
        target = self._graph(name)
        self.store._store.extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), target)  # type: ignore[arg-type]
            for s, p, o in graph
        )

    def put_graph(self, name: URIRef | None, graph: Graph) -> None:
        self._check(graph)
        self.store._store.clear_graph(self._graph(name))
        self._add(name, graph)
        self._bump()

    def post_graph(self, name: URIRef | None, graph: Graph) -> None:
        self._check(graph)
        self._add(name, graph)
        self._bump()

    def delete_graph(self, name: URIRef | None) -> None:
        if name is None:
            self.store._store.clear_graph(ox.DefaultGraph())
        else:
            self.store._store.remove_graph(ox.NamedNode(str(name)))
        self._bump()


def make_backend() -> tuple[Store, Any]:
    """A fresh, empty store and its write service."""
    store = ProtocolStore()
    return store, SimpleService(store)


def load_nt(store: Store, service: Any, name: str, path: str) -> None:
    graph = Graph()
    graph.parse(path, format="nt")
    service.put_graph(URIRef(name), graph)


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
