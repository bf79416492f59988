"""A runaway query is really stopped at the timeout while other queries are still answered."""

import threading
import time

import pytest
from rdflib import Dataset, Literal, URIRef

from iucgraph.config import StoreSettings
from iucgraph.errors import QueryTimeout
from iucgraph.store import EmbeddedStore

JSON = "application/sparql-results+json"
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store():
    ds = Dataset()
    graph = ds.graph(URIRef("http://example.org/g"))
    for i in range(3000):
        graph.add((URIRef(f"http://example.org/{i}"), URIRef("http://example.org/p"), Literal(i)))
    s = EmbeddedStore(ds, StoreSettings(query_timeout=1.0, max_concurrent_queries=2))
    yield s
    s.close()


def test_runaway_query_times_out_while_another_is_answered(store):
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        try:
            store.execute(RUNAWAY, JSON)
        except QueryTimeout as e:
            outcome["error"] = e
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.2)  # the runaway query is now evaluating
    started = time.monotonic()
    answer = store.execute("ASK { ?s ?p ?o }", JSON)
    ask_seconds = time.monotonic() - started
    thread.join(10)
    assert b"true" in answer.body and ask_seconds < 1.0
    assert isinstance(outcome.get("error"), QueryTimeout)
    assert 0.9 < float(outcome["seconds"]) < 3.0  # type: ignore[arg-type]


def test_the_killed_worker_is_replaced(store):
    with pytest.raises(QueryTimeout):
        store.execute(RUNAWAY, JSON)
    with pytest.raises(QueryTimeout):
        store.execute(RUNAWAY, JSON)
    deadline = time.monotonic() + 10
    answered = 0
    while answered < 4 and time.monotonic() < deadline:
        answered += b"true" in store.execute("ASK { ?s ?p ?o }", JSON).body
    assert answered == 4
