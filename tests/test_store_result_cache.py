"""The embedded store's result cache: a repeated query is answered from it, a commit makes
older entries unreachable, and result_cache_bytes = 0 switches it off."""

import json

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.config import StoreSettings
from iucgraph.store import EmbeddedStore
from iucgraph.store.base import Serialized
from iucgraph.store.result_cache import ResultCache, cacheable

EX = "http://example.org/"
JSON = "application/sparql-results+json"
QUERY = "SELECT ?s WHERE { ?s ?p ?o }"


def _dataset(*names: str) -> Dataset:
    ds = Dataset()
    for name in names:
        ds.graph(URIRef(EX + "g")).add((URIRef(EX + name), RDFS.label, Literal(name)))
    return ds


def _subjects(result: Serialized) -> list[str]:
    return sorted(b["s"]["value"] for b in json.loads(result.body)["results"]["bindings"])


@pytest.mark.parametrize("budget", [0, 1 << 20])
def test_commits_are_seen_with_and_without_the_cache(budget):
    store = EmbeddedStore(
        _dataset("a"), StoreSettings(max_concurrent_queries=1, result_cache_bytes=budget)
    )
    try:
        first = store.execute(QUERY, JSON)
        again = store.execute(QUERY, JSON)
        assert _subjects(first) == _subjects(again) == [EX + "a"]
        assert (again is first) == (budget > 0)
        store.replace(_dataset("a", "b"))
        assert _subjects(store.execute(QUERY, JSON)) == [EX + "a", EX + "b"]
    finally:
        store.close()


def test_the_key_includes_the_row_cap_and_the_media_type():
    store = EmbeddedStore(_dataset("a", "b"), StoreSettings(max_concurrent_queries=1))
    try:
        full = store.execute(QUERY, JSON)
        cut = store.execute(QUERY, JSON, limit=1)
        assert not full.truncated and cut.truncated
        assert store.execute(QUERY, "text/csv").media_type == "text/csv"
    finally:
        store.close()


def test_the_byte_budget_is_kept():
    cache = ResultCache(400)
    for i in range(10):
        cache.put(i, Serialized(b"x" * 90, JSON))
    kept = [i for i in range(10) if cache.get(i) is not None]
    assert kept == [6, 7, 8, 9]
    cache.put("big", Serialized(b"x" * 101, JSON))  # over a quarter of the budget
    assert cache.get("big") is None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT (RAND() AS ?r) WHERE {}",
        "SELECT (now() AS ?t) WHERE {}",
        "SELECT (STRUUID() AS ?u) WHERE {}",
        "SELECT ?s WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }",
    ],
)
def test_volatile_queries_are_never_cached(query):
    assert not cacheable(query)


def test_a_random_result_is_computed_each_time():
    store = EmbeddedStore(_dataset("a"), StoreSettings(max_concurrent_queries=1))
    try:
        query = "SELECT (RAND() AS ?r) WHERE {}"
        first = store.execute(query, JSON)
        assert store.execute(query, JSON) is not first
        assert cacheable(QUERY)
    finally:
        store.close()
