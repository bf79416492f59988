"""CappedWriter counts and cuts rows the same whatever the chunk boundaries (its fast path counts
markers with bytes.count; markers split across chunks or held in the kept tail count once)."""

import json
import random

import pyoxigraph as ox
import pytest

from iucgraph.store.results import CappedWriter, serialize_triples

ROWS = 300
FORMATS = [
    ox.QueryResultsFormat.JSON,
    ox.QueryResultsFormat.XML,
    ox.QueryResultsFormat.TSV,
    ox.QueryResultsFormat.CSV,
]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    lines = b"".join(
        b'<http://e/s%d> <http://e/p> "v},{\\"x%d[{<result>\\n" .\n' % (i, i) for i in range(ROWS)
    )
    s.bulk_load(lines, format=ox.RdfFormat.N_TRIPLES)
    return s


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: str(f).split()[-1])
@pytest.mark.parametrize("cap", [None, 0, 1, 7, 150, ROWS - 1, ROWS, ROWS + 1])
def test_random_chunks_give_the_exact_count_and_cut(store, fmt, cap):
    full = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(format=fmt)
    assert full is not None
    rng = random.Random(f"{fmt}-{cap}")
    for _ in range(10):
        writer = CappedWriter(fmt, cap, 10**9)
        i = 0
        while i < len(full):
            n = rng.randint(1, 40)
            writer.write(full[i : i + n])
            i += n
        body, truncated, rows = writer.finish()
        kept = ROWS if cap is None else min(ROWS, cap)
        assert rows == ROWS
        assert truncated == (cap is not None and cap < ROWS)
        if fmt == ox.QueryResultsFormat.JSON:
            assert len(json.loads(body)["results"]["bindings"]) == kept
        elif fmt == ox.QueryResultsFormat.TSV:
            assert body.count(b"\n") == 1 + kept
        elif fmt == ox.QueryResultsFormat.XML:
            assert body.count(b"<result>") == kept


@pytest.mark.parametrize("cap", [None, 0, 1, 150, ROWS - 1, ROWS, ROWS + 1])
def test_ntriples_of_a_construct_are_cut_and_counted_like_the_triples(store, cap):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    body, truncated, total = serialize_triples(store.query(query), ox.RdfFormat.N_TRIPLES, cap)
    _, expected_truncated, expected_total = serialize_triples(
        list(store.query(query)), ox.RdfFormat.N_TRIPLES, cap
    )
    assert (
        (truncated, total)
        == (expected_truncated, expected_total)
        == (
            cap is not None and cap < ROWS,
            ROWS,
        )
    )
    kept = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    assert len(kept) == (ROWS if cap is None else min(ROWS, cap))
