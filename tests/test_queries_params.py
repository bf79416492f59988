"""Parameters are typed, checked and bound as RDF terms; hostile values stay data."""

from __future__ import annotations

import pytest
from queries_support import build_store, catalogue
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from iucgraph.catalogue import parse_query, run_query
from iucgraph.errors import InputError, QueryParameterError
from iucgraph.store.binding import bind_inline, where_brace

CATALOGUE = catalogue()
INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "<http://evil> } UNION { ?s ?p ?o",
    "\\u0022 } UNION { ?s ?p ?o } #",
    "x' } UNION { ?s ?p ?o } #",
    "javascript:alert(1)",
    "http://evil> } UNION { ?s ?p ?o",
    "cn/haikou> } UNION { ?s ?p ?o",
]


@pytest.fixture(scope="module")
def store():
    return build_store()


def _run(store, name, **params):
    supplied = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    return run_query(store, CATALOGUE.get(name), supplied)


@pytest.mark.parametrize(
    ("name", "params", "offender"),
    [
        ("partners-of-city", {"city": "not a city"}, "city"),
        ("partners-of-city", {}, "city"),
        ("partners-of-city", {"city": "cn/haikou", "endpoint": "http://evil/sparql"}, "endpoint"),
        ("partners-of-city", {"city": ["cn/haikou", "fr/nice"]}, "city"),
        ("partners-of-city", {"city": ""}, "city"),
        ("pairings", {"year": "twenty"}, "year"),
        ("pairings", {"year": "2018-01-01"}, "year"),
        ("pairings-by-sdg", {"sdg": "18"}, "sdg"),
        ("events-in-range", {"from": "2018-02-30"}, "from"),
        ("events-in-range", {"to": "tomorrow"}, "to"),
        ("pairings-by-theme", {"theme": "Digital transition"}, "theme"),
    ],
)
def test_bad_parameters_are_refused_by_name(store, name, params, offender):
    with pytest.raises(QueryParameterError) as info:
        _run(store, name, **params)
    assert info.value.parameter == offender
    assert repr(offender) in str(info.value) and name in str(info.value)


def test_a_value_outside_the_allowed_ones_is_refused():
    text = (
        "#+ summary: test\n#+ params:\n#+   year: {type: year, enum: [2017, 2018]}\n"
        "SELECT ?x WHERE { BIND(?year AS ?x) }"
    )
    q = parse_query(text, "test")
    with pytest.raises(QueryParameterError, match="not allowed"):
        run_query(build_store(), q, {"year": ["2019"]})
    assert run_query(build_store(), q, {"year": ["2018"]}).rows[0][0] == Literal(
        "2018", datatype=XSD.gYear
    )


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize(("name", "param"), [("search-cities", "text"), ("city-claims", "city")])
def test_injection_payloads_are_inert(store, name, param, payload):
    """Either the value is refused (400) or it is bound as data and matches nothing."""
    try:
        result = _run(store, name, **{param: payload})
    except QueryParameterError as exc:
        assert exc.parameter == param
        return
    assert result.row_count == 0


def test_string_parameters_are_bound_as_literals_not_syntax(store):
    everything = _run(store, "search-cities", text="a")
    assert everything.row_count > 1
    assert _run(store, "search-cities", text='a")) || true || (("').row_count == 0


def test_iri_parameters_only_accept_http_iris():
    q = parse_query("#+ summary: t\n#+ params:\n#+   x: {type: iri}\nSELECT ?x {}", "t")
    for bad in ["javascript:alert(1)", "file:///etc/passwd", "http://a b", "urn:x"]:
        with pytest.raises(QueryParameterError):
            run_query(build_store(), q, {"x": [bad]})
    ok = run_query(build_store(), q, {"x": ["https://example.org/a"]})
    assert ok.rows[0][0] == URIRef("https://example.org/a")


def test_values_open_the_where_group_so_filters_and_aggregates_see_them():
    text = "PREFIX a: <http://a/>\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o > ?min) }"
    bound = bind_inline(text, {"min": Literal(3)})
    assert bound.index("VALUES (?min)") == text.index("WHERE {") + len("WHERE {") + 1


def test_a_construct_template_is_skipped():
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert where_brace(text) == text.index("WHERE {") + len("WHERE ")
    tricky = '# { in a comment\nSELECT ("{" AS ?x) <http://a/{b}> WHERE { }'
    with pytest.raises(Exception):  # noqa: B017 - an IRI with braces is not an IRI
        bind_inline(tricky, {"x": URIRef("http://a/{")})


def test_header_mistakes_name_file_and_line(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text(
        "#+ summary: x\n#+ params:\n#+   city: {type: town}\nSELECT ?city {}", encoding="utf-8"
    )
    from iucgraph.catalogue import load_file

    with pytest.raises(InputError) as info:
        load_file(path)
    assert info.value.path == str(path) and info.value.line == 1 and "town" in str(info.value)


def test_a_header_cannot_choose_the_endpoint():
    with pytest.raises(InputError, match="endpoint"):
        parse_query("#+ summary: x\n#+ endpoint: http://evil/sparql\nSELECT * {}", "x", "x.rq")


def test_declared_parameters_must_be_query_variables():
    with pytest.raises(InputError, match="not a variable"):
        parse_query("#+ summary: x\n#+ params:\n#+   city: {type: city}\nSELECT * {}", "x", "x.rq")
