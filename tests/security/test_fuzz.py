"""Fuzzing, bounded and derandomized: schemathesis over the OpenAPI description of the named-
query API, and hypothesis over the Turtle and SPARQL input paths of the real server. No input
may give a 5xx (other than a 503 timeout) or kill the server."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.support import ID, assert_healthy, call, query, write_headers

FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_named_query_api_never_fails_with_a_server_error(reader):
    """Every operation of /api/openapi.json, with generated parameters (8 cases each)."""
    schema = schemathesis.openapi.from_url(reader.url + "/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    failures: list[tuple[object, ...]] = []
    for operation in operations:

        @settings(
            max_examples=8,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            response = case.call(base_url=reader.url, timeout=30)
            if response.status_code >= 500 and response.status_code != 503:
                failures.append((case.path, case.query, response.status_code))

        run()
    assert failures == []


SPARQL_WORDS = st.sampled_from(
    [
        "SELECT",
        "*",
        "WHERE",
        "{",
        "}",
        "?s",
        "?p",
        "?o",
        "(",
        ")",
        "FILTER",
        "REGEX",
        "SERVICE",
        "<urn:x>",
        '"a"',
        "OPTIONAL",
        "UNION",
        "/",
        "|",
        "^",
        "+",
        "*",
        "GRAPH",
        "BIND",
        "AS",
        "LIMIT",
        "1",
        ".",
        ";",
        ",",
        "VALUES",
        "FROM",
        "NAMED",
        "ASK",
        "CONSTRUCT",
        "'''",
        "\\u0022",
        "#",
        "\n",
        "\x00",
        "é",
        "PREFIX",
        "p:",
        "<",
        ">",
        "LOAD",
        "INSERT",
        "DATA",
    ]
)


@FUZZ
@given(st.lists(SPARQL_WORDS, max_size=30).map(" ".join) | st.text(max_size=200))
def test_sparql_input_never_fails_with_a_server_error(reader, text):
    reply = query(reader.url, text, accept="*/*")
    assert reply.status < 500 or reply.status == 503, (text, reply.status, reply.text[:300])


TURTLE_WORDS = st.sampled_from(
    [
        "<urn:a>",
        "<urn:b>",
        "<c>",
        "_:b",
        "[",
        "]",
        "(",
        ")",
        ".",
        ";",
        ",",
        '"x"',
        '"""',
        "@prefix",
        "p:",
        "p:x",
        "@base",
        "a",
        "1",
        "1.5e3",
        "true",
        "^^",
        "@en",
        "<file:///etc/passwd>",
        "\\u0000",
        "\n",
        "{",
        "}",
        "GRAPH",
        "é",
        "'",
        "#",
    ]
)


@FUZZ
@given(st.lists(TURTLE_WORDS, max_size=40).map(" ".join) | st.binary(max_size=120))
def test_turtle_uploads_never_fail_with_a_server_error(writer, body):
    reply = call(
        "PUT",
        writer.url + "/rdf-graph-store",
        params={"graph": ID + "graph/fuzz"},
        body=body,
        headers=write_headers("text/turtle"),
    )
    assert reply.status in (201, 204, 400, 415, 422), (body, reply.status, reply.text[:300])


def test_the_server_survived_the_fuzzing(reader, writer):
    assert_healthy(reader.url)
    assert_healthy(writer.url)
