"""Accept parsing and format choice, as real clients send them."""

from __future__ import annotations

import pytest

from iucgraph.errors import UnsupportedFormat
from iucgraph.formats import DATASET, GRAPH, RESULTS, by_name, formats_for
from iucgraph.web.negotiation import negotiate, parse_accept

RES = formats_for(RESULTS)
GRA = formats_for(GRAPH)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_parse_accept_reads_q_values_and_skips_garbage() -> None:
    ranges = parse_accept("text/csv;q=0.3, nonsense, */*;q=abc, application/json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "csv", 0.3),
        ("*", "*", 0.0),
        ("application", "json", 1.0),
    ]


@pytest.mark.parametrize(
    ("accept", "offered", "name"),
    [
        (None, RES, "json"),
        ("", GRA, "turtle"),
        ("*/*", RES, "json"),
        ("*/*", GRA, "turtle"),
        (BROWSER, RES, "xml"),  # application/xml is the closest thing a browser asks for
        ("application/sparql-results+xml", RES, "xml"),
        ("text/*", RES, "csv"),
        ("application/rdf+xml", GRA, "rdfxml"),
        ("application/turtle,text/turtle", GRA, "turtle"),
        ("application/ld+json,application/x-json+ld", GRA, "jsonld"),
        ("text/turtle;q=0.2, application/n-triples", GRA, "ntriples"),
        ("application/json", RES, "json"),
        ("application/json", GRA, "jsonld"),
        ("text/csv;q=0, */*", RES, "json"),
    ],
)
def test_negotiate(accept: str | None, offered: tuple, name: str) -> None:
    assert negotiate(accept, offered).name == name


def test_format_parameter_wins_and_depends_on_the_result_kind() -> None:
    assert negotiate("text/csv", RES, "json").name == "json"
    assert negotiate(None, GRA, "json").name == "jsonld"
    assert negotiate(None, GRA, "xml").name == "rdfxml"
    assert negotiate(None, RES, "xml").name == "xml"
    assert negotiate(None, RES, "text/tab-separated-values").name == "tsv"


def test_nothing_acceptable_lists_offered() -> None:
    with pytest.raises(UnsupportedFormat) as err:
        negotiate("image/png", RES)
    assert "text/csv" in err.value.offered
    with pytest.raises(UnsupportedFormat):
        negotiate(None, RES, "turtle")


def test_format_table_is_consistent() -> None:
    for kind in (RESULTS, GRAPH, DATASET):
        for fmt in formats_for(kind):
            assert by_name(fmt.suffix, kind) is fmt
            assert by_name(fmt.media_type, kind) is fmt
