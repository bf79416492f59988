"""Fixtures of the attack and fault suite: a canary, a small world, and real servers.

`reader` is one read-only server (in memory) shared by the whole session; `writer` a server
with the write token over a persistent store, one per module; `make_server` starts more
(with other settings) and stops them at the end of the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.security.support import Canary, Server, World, make_world

# The shared servers take many requests from one address; the rate limit has its own tests.
GENEROUS = {"web__client_requests_per_second": 1000, "web__client_burst": 2000}


@pytest.fixture(scope="session")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Canary]:
    c = Canary(tmp_path_factory.mktemp("canary"))
    yield c
    c.close()


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory, canary: Canary) -> World:
    return make_world(tmp_path_factory.mktemp("world"), canary)


@pytest.fixture(scope="session")
def reader(world: World) -> Iterator[Server]:
    server = Server(world.config(**GENEROUS)).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def writer(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(
        world.config(**GENEROUS), store_dir=tmp_path_factory.mktemp("store"), token=True
    )
    yield server.start()
    server.stop()


@pytest.fixture
def make_server(world: World) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(*, store_dir: Path | None = None, token: bool = False, **settings: object) -> Server:
        server = Server(world.config(**settings), store_dir=store_dir, token=token)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture(autouse=True)
def _canary_silent(canary: Canary) -> Iterator[None]:
    """No test of this suite may ever make the server fetch anything."""
    before = canary.total()
    yield
    assert canary.total() == before, (canary.hits, canary.file_hits)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: waits for a query timeout or a server restart (run by default)"
    )
