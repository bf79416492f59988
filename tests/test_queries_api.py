"""The named-query HTTP API and the CLI: same rows, counts in every response, OpenAPI valid."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from flask import Flask
from openapi_spec_validator import validate
from queries_support import FIXTURE, QUERIES, build_store, catalogue, data_files, missing_data

from iucgraph.catalogue import formats_for
from iucgraph.cli import main
from iucgraph.web import create_app

CATALOGUE = catalogue()
NAMES = [q.name for q in CATALOGUE]


def _app(row_cap: int | None = None) -> Flask:
    config: dict[str, object] = {"TESTING": True}
    if row_cap is not None:
        config["row_cap"] = row_cap
    return create_app(config, store=build_store())


@pytest.fixture(scope="module")
def client():
    return _app().test_client()


def _query_string(name: str) -> dict[str, str]:
    return dict(CATALOGUE.get(name).examples)


def test_the_catalogue_lists_every_query(client):
    body = client.get("/api/queries").get_json()
    assert body["count"] == len(CATALOGUE) == len(body["queries"])
    assert {q["name"] for q in body["queries"]} == set(NAMES)
    entry = next(q for q in body["queries"] if q["name"] == "partners-of-city")
    assert entry["parameters"][0]["name"] == "city" and entry["parameters"][0]["required"]
    assert entry["formats"]["csv"].endswith("/api/queries/partners-of-city.csv")


def test_openapi_describes_every_query_and_validates(client):
    doc = client.get("/api/openapi.json").get_json()
    validate(doc)
    for name in NAMES:
        assert f"/api/queries/{name}" in doc["paths"]
        assert f"/api/queries/{name}.{{format}}" in doc["paths"]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("name", NAMES)
def test_every_format_by_suffix_says_how_many_rows(client, name):
    if reason := missing_data(name, "shipped" if data_files() != [FIXTURE] else "sample"):
        pytest.skip(reason)
    q = CATALOGUE.get(name)
    counts = set()
    for fmt in formats_for(q.kind):
        response = client.get(f"/api/queries/{name}.{fmt.name}", query_string=_query_string(name))
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == fmt.media_type
        assert response.headers["X-IUC-Truncated"] == "false"
        counts.add(int(response.headers["X-IUC-Row-Count"]))
    assert len(counts) == 1 and counts.pop() > 0


def test_accept_header_chooses_the_format(client):
    qs = {"city": "cn/haikou"}
    csv = client.get(
        "/api/queries/partners-of-city", query_string=qs, headers={"Accept": "text/csv"}
    )
    assert csv.mimetype == "text/csv" and "Nice" in csv.get_data(as_text=True)
    js = client.get("/api/queries/partners-of-city", query_string=qs)
    assert js.mimetype == "application/sparql-results+json"
    assert js.get_json()["meta"]["rowCount"] == int(js.headers["X-IUC-Row-Count"])
    nope = client.get(
        "/api/queries/partners-of-city", query_string=qs, headers={"Accept": "image/png"}
    )
    assert nope.status_code == 406
    assert client.get("/api/queries/partners-of-city.ttl", query_string=qs).status_code == 406


def test_bad_parameters_are_400_and_name_the_parameter(client):
    for qs, offender in [
        ({"city": 'x" } ; DROP ALL ; #'}, "city"),
        ({}, "city"),
        ({"city": "cn/haikou", "endpoint": "http://127.0.0.1:9/sparql"}, "endpoint"),
        ([("city", "cn/haikou"), ("city", "fr/nice")], "city"),
    ]:
        response = client.get("/api/queries/partners-of-city.json", query_string=qs)
        assert response.status_code == 400
        assert repr(offender) in response.get_data(as_text=True)
    assert client.get("/api/queries/no-such-query").status_code == 404


def test_truncation_is_explicit():
    client = _app(row_cap=2).test_client()
    response = client.get("/api/queries/pairings.json")
    assert response.headers["X-IUC-Truncated"] == "true"
    assert response.headers["X-IUC-Row-Count"] == "2"
    assert response.get_json()["meta"]["truncated"] is True
    csv = client.get("/api/queries/pairings.csv")
    assert csv.headers["X-IUC-Truncated"] == "true" and len(csv.get_data().splitlines()) == 3


@pytest.mark.parametrize("name", [n for n in NAMES if CATALOGUE.get(n).kind == "select"])
def test_api_and_cli_give_identical_rows(client, name):
    api = client.get(f"/api/queries/{name}.csv", query_string=_query_string(name))
    args = ["query", name, "--format", "csv", "--queries", str(QUERIES)]
    for path in data_files():
        args += ["--data", str(path)]
    for key, value in _query_string(name).items():
        args += ["--param", f"{key}={value}"]
    cli = CliRunner().invoke(main, args)
    assert cli.exit_code == 0, cli.output
    assert cli.output.splitlines() == api.get_data(as_text=True).splitlines()


def test_cli_runs_files_and_expressions(tmp_path):
    data = [a for p in data_files() for a in ("--data", str(p))]
    runner = CliRunner()
    expr = runner.invoke(
        main, ["query", "-e", "ASK { ?s a <https://w3id.org/iucgraph/ontology#City> }", *data]
    )
    assert expr.exit_code == 0 and expr.output.strip() == "yes"
    rq = tmp_path / "mine.rq"
    rq.write_text((QUERIES / "partners-of-city.rq").read_text(encoding="utf-8"), encoding="utf-8")
    out = runner.invoke(main, ["query", str(rq), "-p", "city=cn/yantai", "-f", "json", *data])
    assert out.exit_code == 0
    assert "Rome" in {
        b["partnerLabel"]["value"] for b in json.loads(out.output)["results"]["bindings"]
    }
    bad = runner.invoke(main, ["query", "partners-of-city", "-p", "town=x", *data])
    assert bad.exit_code == 2 and "'town'" in bad.output
    listing = runner.invoke(main, ["queries", "--queries", str(QUERIES)])
    assert listing.exit_code == 0 and all(name in listing.output for name in NAMES)
