"""The row cap cuts pyoxigraph's own output at a row boundary, in every format, exactly."""

import csv
import io

import pyoxigraph as ox
import pytest

from iucgraph.store.results import RESULT_FORMATS, serialize_solutions

# Values that contain the markers we look for, to prove they are never mistaken for rows.
NASTY = ' },{"x" <result> \n\r\n "q", [{"'
QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


@pytest.fixture(scope="module")
def store():
    s = ox.Store()
    s.extend(
        ox.Quad(
            ox.NamedNode(f"http://e/{i:04}"), ox.NamedNode("http://p"), ox.Literal(f"v{i}" + NASTY)
        )
        for i in range(3000)
    )
    return s


def _first_column(body: bytes, fmt: ox.QueryResultsFormat) -> list[str]:
    if fmt == ox.QueryResultsFormat.CSV:
        return [row[0] for row in list(csv.reader(io.StringIO(body.decode(), newline="")))[1:]]
    return [row["s"].value for row in ox.parse_query_results(body, format=fmt)]


@pytest.mark.parametrize("media_type", sorted(RESULT_FORMATS))
@pytest.mark.parametrize("cap", [None, 0, 1, 7, 2999, 3000, 3001])
def test_cap_keeps_exactly_the_first_rows(store, media_type, cap):
    fmt = RESULT_FORMATS[media_type]
    body, truncated, rows = serialize_solutions(store.query(QUERY), fmt, cap, 10**9)
    full = store.query(QUERY).serialize(format=fmt)
    expected = _first_column(full, fmt)
    kept = _first_column(body, fmt)
    assert rows == 3000 == len(expected)
    assert truncated == (cap is not None and cap < 3000)
    assert kept == expected[: (3000 if cap is None else cap)]
    if not truncated:
        assert body == full
