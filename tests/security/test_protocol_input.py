"""Protocol and input: every malformed request gets a precise 4xx, nothing changes, and no
answer shows a traceback or a path of the server's machine."""

from __future__ import annotations

import json

from tests.security.support import (
    MAX_BODY,
    MAX_URL,
    ROOT,
    TOKEN,
    call,
    dataset_state,
    query,
    write_headers,
)

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
LEAKS = ("Traceback", str(ROOT), "site-packages", '.py"', 'File "')


def no_leak(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, leak


def test_bad_syntax_gives_400_with_message_and_position(reader):
    reply = query(reader.url, "SELECT ?s WHERE { ?s ?p }", headers={"Accept": "application/json"})
    assert reply.status == 400
    body = json.loads(reply.body)
    assert body["line"] == 1 and body["column"] >= 20
    assert body["message"]
    no_leak(reply.text)


def test_unsupported_method_gives_405_with_allow(reader):
    for path in ("/sparql", "/health"):
        reply = call("PATCH", reader.url + path, body="x")
        assert reply.status == 405, path
        assert "GET" in (reply.header("Allow") or ""), path


def test_two_queries_or_query_and_update_give_400(reader):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    two = call("GET", reader.url + "/sparql", params=[("query", SELECT), ("query", SELECT)])
    assert two.status == 400
    both = call(
        "POST", reader.url + "/sparql", body=f"query={SELECT}&update=CLEAR%20ALL", headers=form
    )
    assert both.status == 400


def test_wrong_content_type_gives_415(reader):
    reply = call(
        "POST", reader.url + "/sparql", body=SELECT, headers={"Content-Type": "text/x-evil"}
    )
    assert reply.status == 415
    reply = call("POST", reader.url + "/sparql", body=SELECT)  # no Content-Type at all
    assert reply.status == 415


def test_non_utf8_body_is_refused(reader):
    latin = "SELECT * { ?s ?p 'caf\u00e9' }".encode("latin-1")
    reply = call(
        "POST",
        reader.url + "/sparql",
        body=latin,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert reply.status in (400, 415)
    declared = call(
        "POST",
        reader.url + "/sparql",
        body=latin,
        headers={"Content-Type": "application/sparql-query; charset=iso-8859-1"},
    )
    assert declared.status == 415


def test_update_as_query_or_by_get_is_refused_and_changes_nothing(writer):
    before = dataset_state(writer.url)
    update = "DELETE WHERE { ?s ?p ?o }"
    as_query = query(writer.url, update, headers={"Authorization": f"Bearer {TOKEN}"})
    by_get = call("GET", writer.url + "/sparql", params={"update": update}, headers=write_headers())
    query_param = call(
        "GET", writer.url + "/sparql", params={"query": update}, headers=write_headers()
    )
    assert as_query.status == 400 and by_get.status == 400 and query_param.status == 400
    assert dataset_state(writer.url) == before


def test_unacceptable_accept_gives_406_listing_offers(reader):
    reply = query(reader.url, SELECT, accept="image/png")
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text


def test_no_accept_gives_sparql_json(reader):
    reply = call(
        "POST",
        reader.url + "/sparql",
        body=SELECT,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("application/sparql-results+json")
    assert json.loads(reply.body)["head"]["vars"] == ["s"]


def test_body_over_the_cap_gives_413_before_parsing(reader):
    big = "SELECT * {" + " " * (MAX_BODY + 10) + "?s ?p ?o }"
    reply = query(reader.url, big)
    assert reply.status == 413
    # Also when the body is not even a query: the cap comes before anything reads it.
    junk = call(
        "POST",
        reader.url + "/sparql",
        body=b"\xff" * (MAX_BODY + 1),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert junk.status == 413


def test_very_long_get_gives_414_with_a_hint_to_post(reader):
    long_query = "SELECT * { ?s ?p ?o FILTER(?o != '" + "x" * MAX_URL + "') }"
    reply = call("GET", reader.url + "/sparql", params={"query": long_query})
    assert reply.status == 414
    assert "POST" in reply.text
