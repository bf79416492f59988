"""/api/network and the `iucgraph export network` / `network metrics` commands give the same
networks for the same filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from iucgraph.cli import main
from iucgraph.load import load_dataset
from iucgraph.namespaces import ID_BASE
from iucgraph.store import EmbeddedStore
from iucgraph.web import create_app

FIXTURE = Path(__file__).parent / "data" / "network" / "fixture.trig"


@pytest.fixture(scope="module")
def client():
    app = create_app(store=EmbeddedStore(load_dataset([FIXTURE]).dataset))
    return app.test_client()


def cli(*args: str):
    result = CliRunner().invoke(main, [*args, "--data", str(FIXTURE)])
    return result


@pytest.mark.parametrize(
    ("fmt", "media_type", "suffix"),
    [
        ("gexf", "application/gexf+xml", "gexf"),
        ("graphml", "application/graphml+xml", "graphml"),
        ("cytoscape", "application/json", "cyjs"),
        ("d3", "application/json", "json"),
        ("csv", "application/zip", "zip"),
        ("geojson", "application/geo+json", "geojson"),
    ],
)
def test_every_format_by_parameter_and_by_suffix(client, fmt, media_type, suffix):
    by_param = client.get(f"/api/network/pairings?format={fmt}&region=iuc-asia")
    by_suffix = client.get(f"/api/network/pairings.{suffix}?region=iuc-asia")
    for resp in (by_param, by_suffix):
        assert resp.status_code == 200
        assert resp.mimetype == media_type
        disposition = resp.headers["Content-Disposition"]
        assert disposition == f'attachment; filename="iucgraph-pairings-region-iuc-asia.{suffix}"'
    assert by_param.data == by_suffix.data


def test_api_and_cli_give_the_same_network(client, tmp_path):
    api = client.get("/api/network/pairings.graphml?year=2018&theme=digital-transition")
    out = tmp_path / "p.graphml"
    result = cli(
        "export",
        "network",
        "pairings",
        "-f",
        "graphml",
        "-o",
        str(out),
        "--year",
        "2018",
        "--theme",
        "digital-transition",
    )
    assert result.exit_code == 0, result.output
    a = nx.read_graphml(io.BytesIO(api.data), force_multigraph=True)
    b = nx.read_graphml(out, force_multigraph=True)
    assert set(a.nodes) == set(b.nodes) and a.number_of_edges() == b.number_of_edges() == 3


def test_metrics_agree_between_api_and_cli(client):
    api = client.get("/api/network/themes/metrics?region=iuc-asia&min_weight=2").get_json()
    result = cli(
        "network",
        "metrics",
        "themes",
        "--region",
        "iuc-asia",
        "--min-weight",
        "2",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == api
    csv_rows = list(
        csv.DictReader(
            io.StringIO(
                cli(
                    "network",
                    "metrics",
                    "themes",
                    "--region",
                    "iuc-asia",
                    "--min-weight",
                    "2",
                    "--format",
                    "csv",
                ).output
            )
        )
    )
    assert {r["id"] for r in csv_rows} == {n["id"] for n in api["nodes"]}
    exported = client.get("/api/network/themes.json?region=iuc-asia&min_weight=2").get_json()
    assert {n["id"] for n in exported["nodes"]} == {n["id"] for n in api["nodes"]}
    assert api["summary"]["edges"] == len(exported["links"])


def test_path_route_explains_each_step(client):
    resp = client.get("/api/network/path?from=id/city/cn/haikou&to=id/city/cn/yantai&via=pairings")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["length"] == 4 and body["nodes"][0] == ID_BASE + "city/cn/haikou"
    assert body["steps"][0]["text"].startswith("Haikou is paired with Nice")
    result = CliRunner().invoke(
        main,
        [
            "network",
            "path",
            "id/city/cn/haikou",
            "id/city/cn/yantai",
            "--via",
            "pairings",
            "--data",
            str(FIXTURE),
        ],
    )
    assert result.exit_code == 0 and "4. Yantai is paired with Rome" in result.output


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/network/friends", 404),
        ("/api/network/pairings?format=png", 404),
        ("/api/network/pairings?colour=red", 400),
        ("/api/network/pairings?year=soon", 400),
        ("/api/network/pairings?year=2017&year=2018", 400),
        ("/api/network/pairings?shape=round", 400),
        ("/api/network/actors?theme=air-quality", 400),
        ("/api/network/ego", 400),
        ("/api/network/ego?iri=id/city/cn/haikou&depth=9", 400),
        ("/api/network/path?from=id/city/cn/haikou", 400),
        ("/api/network/path?from=id/city/cn/haikou&to=id/city/us/fort-collins&via=pairings", 404),
    ],
)
def test_bad_requests_are_client_errors(client, url, status):
    resp = client.get(url, headers={"Accept": "application/json"})
    assert resp.status_code == status, resp.data
    assert "Traceback" not in resp.get_data(as_text=True)


def test_the_cap_is_an_explicit_error_on_the_web_and_the_cli():
    from iucgraph.config import NetworkSettings, Settings

    settings = Settings(network=NetworkSettings(max_nodes=3))
    app = create_app(settings, store=EmbeddedStore(load_dataset([FIXTURE]).dataset))
    resp = app.test_client().get(
        "/api/network/pairings.gexf", headers={"Accept": "application/json"}
    )
    assert resp.status_code == 400
    assert resp.get_json()["max_nodes"] == 3 and "too large" in resp.get_json()["message"]
    result = cli("export", "network", "pairings", "-o", "-", "--max-nodes", "3")
    assert result.exit_code == 2 and "too large" in result.output


def test_index_lists_views_and_formats(client):
    body = client.get("/api/network").get_json()
    assert "pairings" in body["views"] and body["formats"]["gexf"]["suffix"] == "gexf"
