"""Exhaustion: runaway queries stop at the timeout and free their worker, caps are explicit,
parser bombs are refused, and the server stays healthy for everybody else throughout."""

from __future__ import annotations

import json
import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.security.support import (
    IUC,
    MAX_BODY,
    QUERY_TIMEOUT,
    ROW_CAP,
    HealthWatch,
    assert_healthy,
    call,
    dataset_state,
    query,
    write_headers,
)

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Nested quantifiers: exponential on a backtracking engine; the engine's regex is linear, and
# the cartesian product around it keeps it busy until the timeout anyway.
REDOS = (
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . "
    'FILTER(REGEX(CONCAT(STR(?c), STR(?f), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), '
    '"^(a+)+$")) }'
)
SLACK = 2.5  # seconds beyond the timeout: replies, worker kill, a loaded CI machine


def children(pid: int) -> list[int]:
    """Live child processes of `pid` (the server's query workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def assert_workers_freed(server, pool: int = 3) -> None:
    """Back to `pool` idle workers, none of them still burning CPU on the dead query."""
    assert server.process is not None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(children(server.process.pid)) != pool:
        time.sleep(0.1)
    workers = children(server.process.pid)
    assert len(workers) == pool, workers
    ticks = {w: _cpu(w) for w in workers}
    time.sleep(0.5)
    busy = [w for w in workers if _cpu(w) - ticks[w] > 10]  # 10 ticks = 0.1 s of CPU
    assert busy == [], busy


def _cpu(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.mark.slow
@pytest.mark.parametrize("text", [CARTESIAN, REDOS], ids=["cartesian", "regex"])
def test_runaway_query_stops_at_the_timeout_and_frees_its_worker(reader, text):
    with HealthWatch(reader.url):
        reply = query(reader.url, text)
        assert reply.status in (503, 200), reply.text
        assert reply.seconds < QUERY_TIMEOUT + SLACK
        if reply.status == 503:
            assert int(reply.header("Retry-After")) >= 1
            assert "stopped" in reply.text
    assert_workers_freed(reader)
    assert_healthy(reader.url, source="127.0.0.1")


def test_cartesian_product_is_stopped_with_503(reader):
    reply = query(reader.url, CARTESIAN, accept="text/csv")
    assert reply.status == 503 and reply.header("Retry-After")


def test_catastrophic_regex_alone_is_linear(reader):
    text = 'SELECT ?m WHERE { BIND(REGEX("' + "a" * 5000 + '!", "^(a+)+$") AS ?m) }'
    reply = query(reader.url, text)
    assert reply.status == 200 and reply.seconds < 1.0


def test_a_timeout_always_comes_before_the_first_byte(reader):
    """Results are serialised whole by the worker before anything is sent, so a timeout can
    never cut a response that already began: the status line itself says 503."""
    body = CARTESIAN.encode()
    with socket.create_connection(("127.0.0.1", reader.port), timeout=QUERY_TIMEOUT + 10) as s:
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nAccept: text/tab-separated-values\r\n"
            b"Content-Type: application/sparql-query\r\nConnection: close\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        first = s.recv(12)
        received = first
        while chunk := s.recv(65536):
            received += chunk
    assert first.startswith(b"HTTP/1.1 503"), first
    head, _, rest = received.partition(b"\r\n\r\n")
    assert b"?a\t?b" not in rest  # not a byte of the result


ROW_FORMATS = {
    "application/sparql-results+json": lambda b: json.loads(b)["head"]["link"],
    "application/sparql-results+xml": lambda b: b"urn:iucgraph:truncated" in b,
    "text/csv": None,
    "text/tab-separated-values": None,
}
GRAPH_FORMATS = [
    "text/turtle",
    "application/trig",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
]


@pytest.mark.parametrize("accept", list(ROW_FORMATS))
def test_select_over_the_row_cap_is_marked_truncated(reader, accept):
    reply = query(reader.url, "SELECT ?s ?o WHERE { ?s ?p ?o }", accept=accept)
    assert reply.status == 200
    assert reply.header("X-IUC-Truncated") == "true"
    assert int(reply.header("X-IUC-Row-Count")) > ROW_CAP
    in_body = ROW_FORMATS[accept]
    if in_body is not None:
        assert in_body(reply.body)
    if accept == "text/csv":
        assert len(reply.text.strip().splitlines()) == ROW_CAP + 1  # header + cap rows


@pytest.mark.parametrize("accept", GRAPH_FORMATS)
def test_construct_over_the_row_cap_is_marked_truncated(reader, accept):
    reply = query(reader.url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", accept=accept)
    assert reply.status == 200, reply.text
    assert reply.header("X-IUC-Truncated") == "true"
    assert int(reply.header("X-IUC-Row-Count")) > ROW_CAP


def test_a_result_within_the_cap_is_not_marked(reader):
    reply = query(reader.url, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {ROW_CAP}")
    assert reply.header("X-IUC-Truncated") is None
    assert "link" not in json.loads(reply.body)["head"]


def bombs() -> dict[str, str]:
    p = "<http://e.org/p>"
    return {
        "braces": "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
        "parentheses": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "sequence path": "SELECT * WHERE { ?s " + "/".join([p] * 300) + " ?o }",
        "long sequence path": "SELECT * WHERE { ?s " + "/".join([p] * 15000) + " ?o }",
        "alternative path": "SELECT * WHERE { ?s " + "|".join([p] * 20000) + " ?o }",
        "nested path": "SELECT * WHERE { ?s " + "(" * 4000 + p + ")*" * 4000 + " ?o }",
        "optional chain": "SELECT * WHERE { ?s ?p ?o "
        + "OPTIONAL { ?s ?p ?o " * 3000
        + "}" * 3000
        + " }",
    }


@pytest.mark.parametrize("name", list(bombs()))
def test_deep_nesting_and_long_paths_are_refused_cleanly(reader, name):
    text = bombs()[name]
    reply = query(reader.url, text, headers={"Accept": "application/json"})
    expected = 413 if len(text.encode()) > MAX_BODY else 400
    assert reply.status == expected, (reply.status, reply.text[:300])
    assert reply.seconds < 1.0
    assert_healthy(reader.url)


def test_deep_nesting_in_an_update_is_refused_and_the_server_lives(writer):
    before = dataset_state(writer.url)
    update = "INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + "{" * 5000 + "}" * 5000
    reply = call(
        "POST",
        writer.url + "/sparql",
        body=update,
        headers=write_headers("application/sparql-update"),
    )
    assert reply.status == 400, reply.text
    assert_healthy(writer.url)
    assert dataset_state(writer.url) == before


@pytest.mark.slow
def test_runaway_update_stops_at_its_timeout_and_changes_nothing(make_server):
    """An update whose WHERE is a cartesian product (and which would insert every row) runs in a
    process of its own: 503 at store.update_timeout, the process gone, the data unchanged,
    readers answered meanwhile, and the next write goes through."""
    server = make_server(token=True, store__update_timeout=2.0)
    before = dataset_state(server.url)
    runaway = (
        f"INSERT {{ ?a <{IUC}note> ?i }} "
        "WHERE { GRAPH ?graph { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }"
    )
    with HealthWatch(server.url):
        reply = call(
            "POST",
            server.url + "/sparql",
            body=runaway,
            headers=write_headers("application/sparql-update"),
        )
    assert reply.status == 503, reply.text
    assert reply.seconds < 2.0 + SLACK
    assert int(reply.header("Retry-After")) >= 1
    assert "update was stopped" in reply.text and "nothing was changed" in reply.text
    assert_workers_freed(server)  # the update's own process is gone
    assert dataset_state(server.url) == before
    ok = call(
        "POST",
        server.url + "/sparql",
        body="DELETE DATA { <urn:nothing> <urn:p> <urn:o> }",
        headers=write_headers("application/sparql-update"),
    )
    assert ok.status == 204, ok.text


def test_network_export_of_the_whole_graph_is_bounded(reader):
    reply = call("GET", reader.url + "/api/network/pairings", params={"format": "graphml"})
    assert reply.status == 400, reply.text[:300]
    assert "too large" in reply.text


@pytest.mark.slow
def test_concurrent_heavy_queries_from_one_client_get_429(reader):
    """Budget: 2 at once per client (3 workers); the rest get 429 and the others stay fine."""
    with HealthWatch(reader.url), ThreadPoolExecutor(6) as pool:
        replies = list(pool.map(lambda _: query(reader.url, CARTESIAN), range(6)))
    statuses = sorted(r.status for r in replies)
    assert statuses.count(503) <= 2 and statuses.count(429) >= 4, statuses
    for r in replies:
        if r.status == 429:
            assert int(r.header("Retry-After")) >= 1
    assert_workers_freed(reader)


def test_a_flood_of_trivial_requests_gets_429_and_others_stay_healthy(make_server):
    server = make_server(web__client_requests_per_second=5, web__client_burst=10)
    statuses = []
    with HealthWatch(server.url, source="127.0.0.7"):
        for _ in range(40):
            reply = query(server.url, "ASK {}")
            statuses.append(reply.status)
            if reply.status == 429:
                assert int(reply.header("Retry-After")) >= 1
    assert statuses.count(200) >= 10 and statuses.count(429) >= 20, statuses
    time.sleep(1.0)
    assert query(server.url, "ASK {}").status == 200  # the budget refills
    assert os.getpid() > 0
