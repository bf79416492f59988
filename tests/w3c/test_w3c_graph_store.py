"""The W3C SPARQL 1.1 Graph Store HTTP Protocol tests (direct and indirect identification)."""

from __future__ import annotations

import pytest

from tests.w3c.conftest import Server
from tests.w3c.manifest import Case, read_manifest, shared_w3c_dir
from tests.w3c.runner import replay
from tests.web_support import TOKEN

W3C = shared_w3c_dir()
GSP = W3C / "sparql11-graph-store-protocol" if W3C else None
CASES: list[Case] = (
    read_manifest(GSP / "manifest-direct.ttl") + read_manifest(GSP / "manifest-indirect.ttl")
    if GSP
    else []
)


@pytest.mark.skipif(GSP is None, reason="shared/w3c test data not found")
def test_manifests_have_tests() -> None:
    assert len(CASES) >= 10
    assert {"put_get_repeat_direct", "put_get_default"} <= {c.id for c in CASES}


@pytest.mark.skipif(GSP is None, reason="shared/w3c test data not found")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_graph_store(case: Case, fresh: Server) -> None:
    problems = replay(case, fresh.url, "/gsp", "/rdf-graph-store", TOKEN)
    assert not problems, f"{case.name}:\n" + "\n".join(problems)
