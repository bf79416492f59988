"""The policy holds for big texts too (over the lexing cache's size, where a cheaper path is
taken): LOAD, SERVICE and deep nesting are still refused, plain data still passes."""

import pytest

from iucgraph.errors import ForbiddenOperation, QueryTooComplex
from iucgraph.sparql_syntax import CACHED_TEXT_CHARS
from iucgraph.store import policy

FILLER = "".join(
    f'<http://example.org/s{i}> <http://example.org/p> "value {i}" .\n' for i in range(2000)
)


def test_filler_is_big_enough():
    assert len(FILLER) > CACHED_TEXT_CHARS


def test_plain_big_insert_passes():
    policy.check("INSERT DATA { " + FILLER + " }")


def test_load_in_a_big_update_is_refused():
    with pytest.raises(ForbiddenOperation):
        policy.check("INSERT DATA { " + FILLER + " } ; LOAD <http://example.org/x>")


def test_service_in_a_big_query_is_refused():
    text = "SELECT * WHERE { SERVICE <http://evil.example/> { ?s ?p ?o } }\n#" + FILLER
    with pytest.raises(ForbiddenOperation):
        policy.check(text)


def test_deep_nesting_in_a_big_text_is_refused():
    deep = "{" * (policy.MAX_NESTING + 1) + "}" * (policy.MAX_NESTING + 1)
    with pytest.raises(QueryTooComplex):
        policy.check("SELECT * WHERE " + deep + "\n#" + FILLER)
