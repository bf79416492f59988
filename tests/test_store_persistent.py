"""The embedded store in a directory: survives a restart, swaps versions atomically."""

import json

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from iucgraph.config import StoreSettings
from iucgraph.store import EmbeddedStore

EX = "http://example.org/"


def _dataset(*names: str) -> Dataset:
    ds = Dataset()
    for name in names:
        ds.graph(URIRef(EX + "g")).add((URIRef(EX + name), RDFS.label, Literal(name)))
    return ds


def test_content_survives_a_restart_and_workers_read_it(tmp_path):
    settings = StoreSettings(location=str(tmp_path / "db"), max_concurrent_queries=1)
    first = EmbeddedStore(_dataset("a", "b"), settings)
    version = first.version
    first.close()
    del first
    again = EmbeddedStore(settings=settings)
    try:
        assert len(again) == 2 and again.version == version
        body = again.execute("SELECT ?s WHERE { ?s ?p ?o }", "application/json").body
        assert len(json.loads(body)["results"]["bindings"]) == 2
    finally:
        again.close()


def test_replace_swaps_directories_and_workers_follow(tmp_path):
    settings = StoreSettings(location=str(tmp_path / "db"), max_concurrent_queries=1)
    store = EmbeddedStore(_dataset("a"), settings)
    try:
        q = "SELECT ?s WHERE { ?s ?p ?o }"
        assert store.execute(q, "application/json").row_count == 1
        before = store.version
        store.replace(_dataset("x", "y", "z"))
        assert store.version != before and len(store) == 3
        assert store.execute(q, "application/json").row_count == 3
        store.replace(_dataset("k"))
        pointer = (tmp_path / "db" / "CURRENT").read_text()
        kept = sorted(p.name for p in (tmp_path / "db").glob("v-*"))
        assert pointer == store.version and len(kept) <= 2 and store.version in kept
    finally:
        store.close()
