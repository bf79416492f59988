"""The W3C SPARQL 1.1 Protocol test suite (34 tests), replayed against our running server."""

from __future__ import annotations

import pytest

from tests.w3c.conftest import Server
from tests.w3c.manifest import Case, read_manifest, shared_w3c_dir
from tests.w3c.runner import replay
from tests.web_support import TOKEN, load_nt

W3C = shared_w3c_dir()
CASES: list[Case] = read_manifest(W3C / "sparql11-protocol" / "manifest.ttl") if W3C else []


@pytest.mark.skipif(W3C is None, reason="shared/w3c test data not found")
def test_manifest_is_complete() -> None:
    assert len(CASES) == 34
    assert all(case.requests for case in CASES)


@pytest.mark.skipif(W3C is None, reason="shared/w3c test data not found")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_protocol(case: Case, fresh: Server) -> None:
    for name, path in case.graph_data:
        load_nt(fresh.service, name, str(path))
    problems = replay(case, fresh.url, "/sparql/", "/sparql", TOKEN)
    assert not problems, f"{case.name}:\n" + "\n".join(problems)
