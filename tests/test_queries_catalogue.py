"""Every catalogue query runs on the graph and keeps the promises of its header."""

from __future__ import annotations

import csv
import io
import json

import pytest
from queries_support import build_store, catalogue, graphs, missing_data
from rdflib import Graph

from iucgraph.catalogue import formats_for, render, run_query
from iucgraph.catalogue.docs import catalogue_markdown

CATALOGUE = catalogue()
NAMES = [q.name for q in CATALOGUE]


GRAPHS = graphs()
STORES: dict = {}


def store_for(graph: str):
    if graph not in STORES:
        STORES[graph] = build_store(GRAPHS[graph])
    return STORES[graph]


@pytest.fixture(scope="module", params=list(GRAPHS))
def store(request):
    return store_for(request.param)


def examples(name: str) -> dict[str, list[str]]:
    q = CATALOGUE.get(name)
    return {k: [v] for k, v in q.examples.items()}


def test_the_catalogue_has_at_least_twenty_documented_queries():
    assert len(CATALOGUE) >= 20
    for q in CATALOGUE:
        assert q.summary and q.tags, q.name
        assert q.example.startswith(f"/api/queries/{q.name}"), q.name
        if q.kind == "select":
            assert q.columns, f"{q.name} promises no columns"


@pytest.mark.parametrize("graph", list(GRAPHS))
@pytest.mark.parametrize("name", NAMES)
def test_query_returns_rows_with_the_promised_columns(graph, name):
    if reason := missing_data(name, graph):
        pytest.skip(reason)
    store = store_for(graph)
    q = CATALOGUE.get(name)
    result = run_query(store, q, examples(name))
    assert result.row_count > 0, f"{name} returned nothing with its example parameters"
    if q.kind == "select":
        assert list(result.variables) == list(q.columns)
        filled = {v for row in result.dicts() for v in row}
        assert filled, name
    if q.kind == "ask":
        assert result.boolean is True


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("name", NAMES)
def test_query_renders_in_every_format_it_declares(store, name):
    q = CATALOGUE.get(name)
    result = run_query(store, q, examples(name))
    for fmt in formats_for(q.kind):
        body, media_type = render(result, fmt.name)
        assert media_type == fmt.media_type
        if fmt.name == "json":
            parsed = json.loads(body)
            assert parsed["meta"] == {
                "query": name,
                "rowCount": result.row_count,
                "truncated": False,
                "rowCap": result.row_cap,
            }
            if q.kind == "select":
                assert len(parsed["results"]["bindings"]) == result.row_count
        elif fmt.name == "csv":
            rows = list(csv.reader(io.StringIO(body)))
            assert rows[0] == list(q.columns) and len(rows) == result.row_count + 1
        elif fmt.name in ("ttl", "jsonld", "nt"):
            parser = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[fmt.name]
            assert len(Graph().parse(data=body, format=parser)) == result.row_count


def _labels(store, name, **params):
    result = run_query(store, CATALOGUE.get(name), {k: [v] for k, v in params.items()})
    return list(result.dicts())


@pytest.mark.parametrize(
    ("city", "partner"), [("cn/liuzhou", "Barnsley"), ("cn/haikou", "Nice"), ("cn/yantai", "Rome")]
)
def test_partners_of_the_2018_cities(store, city, partner):
    rows = _labels(store, "partners-of-city", city=city)
    assert partner in {str(r["partnerLabel"]) for r in rows}


def test_the_five_2018_chinese_cities_come_with_their_provinces(store):
    rows = _labels(store, "cohort-cities", year="2018", programme="iuc-asia")
    got = {str(r["cityLabel"]): str(r["provinceLabel"]) for r in rows}
    expected = {
        "Haikou": "Hainan",
        "Kunming": "Yunnan",
        "Liuzhou": "Guangxi",  # the shipped label is "Guangxi Zhuang Autonomous Region"
        "Yantai": "Shandong",
        "Weinan": "Shaanxi",
    }
    assert set(got) == set(expected)
    for city, province in expected.items():
        assert got[city].startswith(province), (city, got[city])


def test_a_year_filter_keeps_only_that_cohort(store):
    rows = _labels(store, "pairings", year="2018")
    assert rows and {str(r["cohortYear"]) for r in rows} == {"2018"}
    everything = _labels(store, "pairings")
    assert len(everything) > len(rows)


def test_date_range_filters_see_the_bound_dates():
    store = store_for("sample")
    in_2018 = _labels(store, "events-in-range", **{"from": "2018-01-01", "to": "2018-12-31"})
    assert in_2018 and all(str(r["start"]).startswith("2018") for r in in_2018)
    assert _labels(store, "events-in-range", **{"from": "2029-01-01", "to": "2029-12-31"}) == []


def test_conflicting_claims_name_both_sources(store):
    rows = _labels(store, "conflicting-claims")
    assert rows
    for r in rows:
        assert r["source1"] != r["source2"] and r["value1"] != r["value2"]


def test_the_markdown_listing_names_every_query():
    text = catalogue_markdown(CATALOGUE)
    for q in CATALOGUE:
        assert f"### {q.name}" in text and q.summary in text


def test_programme_components_list_the_labels_of_their_cities(store):
    """A programme with some unlabelled or city-less partnerships still lists the labels of its
    labelled cities (Oxigraph makes a GROUP_CONCAT unbound when one row of the group lacks the
    value, so the labels are concatenated over labelled cities only)."""
    rows = {str(r["programmeLabel"]): r for r in _labels(store, "programme-components")}
    asia = rows["IUC Asia"]
    labels = str(asia.get("cityLabels") or "").split("; ")
    assert {"Haikou", "Nice", "Liuzhou", "Barnsley"} <= set(labels)
    assert int(asia["cities"]) >= len(labels) > 0
