"""Named queries: parameters are bound as RDF terms (data) or refused with a 400 that names
them; no parameter can inject SPARQL or choose the endpoint the server talks to."""

from __future__ import annotations

import json

import pytest

from tests.security.support import EVIL_CITY, call

STRING_PAYLOADS = [
    '") } ; DROP ALL #',
    "') } UNION { ?city ?p ?o } #",
    "\\u0022) } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } #",
    '"""',
    "}}}}",
    "\\",
    "\x00",
    "javascript:alert(1)",
]


def get(server, name: str, params: list[tuple[str, str]]):
    return call(
        "GET",
        server.url + f"/api/queries/{name}",
        params=params,
        headers={"Accept": "application/json"},
    )


@pytest.mark.parametrize("payload", STRING_PAYLOADS)
def test_string_parameters_are_bound_as_data(reader, payload):
    reply = get(reader, "search-cities", [("text", payload)])
    assert reply.status in (200, 400), reply.text
    if reply.status == 200:
        rows = json.loads(reply.body)
        rows = rows.get("rows", rows.get("results", rows)) if isinstance(rows, dict) else rows
        assert "city-1" not in reply.text  # an injected UNION would list every city
    else:
        assert json.loads(reply.body)["parameter"] == "text"


def test_a_string_parameter_with_markup_matches_literally(reader):
    reply = get(reader, "search-cities", [("text", "<script>alert(")])
    assert reply.status == 200
    assert EVIL_CITY in reply.text and "city-1" not in reply.text


@pytest.mark.parametrize(
    "payload",
    [
        "cn/haikou> } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o",
        "javascript:alert(1)",
        "<urn:x>",
        '"quoted"',
        "xx/city-1>",
        "../../etc/passwd",
    ],
)
def test_iri_parameters_are_checked_or_bound(reader, payload):
    reply = get(reader, "partners-of-city", [("city", payload)])
    assert reply.status in (200, 400), reply.text
    if reply.status == 400:
        assert json.loads(reply.body)["parameter"] == "city"
    assert "javascript:" not in reply.text or reply.status == 400


@pytest.mark.parametrize("payload", ["2018 } UNION { ?s ?p ?o }", "1e400", "2018.5", "0x7e2", ""])
def test_integer_parameters_are_checked(reader, payload):
    reply = get(reader, "cohorts-by-year", [("year", payload)])
    assert reply.status == 400, reply.text
    assert json.loads(reply.body)["parameter"] == "year"


def test_missing_unknown_and_repeated_parameters_are_named(reader):
    missing = get(reader, "search-cities", [])
    assert missing.status == 400 and json.loads(missing.body)["parameter"] == "text"
    unknown = get(reader, "search-cities", [("text", "a"), ("colour", "red")])
    assert unknown.status == 400 and json.loads(unknown.body)["parameter"] == "colour"
    repeated = get(reader, "search-cities", [("text", "a"), ("text", "b")])
    assert repeated.status == 400 and json.loads(repeated.body)["parameter"] == "text"


@pytest.mark.parametrize(
    "name", ["endpoint", "service", "store", "default-graph-uri", "named-graph-uri", "url"]
)
def test_no_parameter_chooses_the_endpoint(reader, canary, name):
    reply = get(reader, "search-cities", [("text", "a"), (name, canary.url + "/sparql")])
    assert reply.status == 400
    canary.assert_silent()
