"""Query form, SERVICE targets and LOAD found without a full parse; syntax error positions."""

import pytest

from iucgraph.errors import ForbiddenOperation, QuerySyntaxError
from iucgraph.store import policy


def test_query_form_skips_prologue_comments_and_strings():
    query = 'PREFIX s: <http://x/> # SELECT\nCONSTRUCT { ?s ?p "ASK" } WHERE { ?s ?p ?o }'
    assert policy.query_form(query) == "CONSTRUCT"
    with pytest.raises(QuerySyntaxError):
        policy.query_form("INSERT DATA { <a> <b> <c> }")


def test_service_targets_resolve_prefixes_and_see_variables():
    text = (
        "PREFIX e: <http://e/> SELECT * { SERVICE SILENT e:sp { ?s ?p ?o } "
        'SERVICE ?x { } SERVICE <http://a> { } ?service <http://p> "SERVICE <http://z>" }'
    )
    assert policy.service_targets(text) == ["http://e/sp", None, "http://a"]


def test_load_is_refused_and_allow_list_is_exact():
    with pytest.raises(ForbiddenOperation):
        policy.check("LOAD <file:///etc/passwd> INTO GRAPH <http://g>")
    policy.check("SELECT * { SERVICE <http://a/sparql> { } }", ["http://a/sparql"])
    with pytest.raises(ForbiddenOperation):
        policy.check("SELECT * { SERVICE <http://a/sparql2> { } }", ["http://a/sparql"])


def test_syntax_error_position_from_the_engine_message():
    error = policy.syntax_error("error at 3:14: expected one of LATERAL, SERVICE")
    assert (error.line, error.column) == (3, 14)
