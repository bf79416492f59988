"""Fixtures of the W3C conformance runs: one live server per module, a fresh store per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from rdflib import Dataset

from iucgraph.service import GraphService
from iucgraph.store.base import Store
from iucgraph.web import create_app
from tests.web_support import TOKEN, live_server, make_backend


@dataclass
class Server:
    url: str
    store: Store
    service: GraphService

    def reset(self) -> None:
        """Empty the store, as each W3C test expects a fresh one."""
        self.store.replace(Dataset())


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    # The W3C suites' data is not in our vocabulary: make_backend() validates every write
    # against an empty shapes graph, to which everything conforms.
    store, service = make_backend()
    app = create_app({"write_token": TOKEN}, store=store, service=service)
    with live_server(app) as url:
        yield Server(url, store, service)
    store.close()


@pytest.fixture
def fresh(server: Server) -> Server:
    server.reset()
    return server
