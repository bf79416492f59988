"""Each page in a real browser: it loads cleanly, shows the data, and its controls work.

Expected values are read from the server's own APIs (/sparql, /api/queries, /api/network),
so these tests check that the pages show what the data says, not hard-coded numbers.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import screenshot

ID = "https://w3id.org/iucgraph/id/"


def sparql(page: Any, query: str) -> list[dict[str, Any]]:
    resp = page.request.post(
        "/sparql",
        form={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert resp.ok, resp.text()
    rows: list[dict[str, Any]] = resp.json()["results"]["bindings"]
    return rows


def wait_ready(page: Any, path: str) -> None:
    if path.startswith("/network"):
        page.wait_for_function("() => window.IUCNetwork && window.IUCNetwork.ready")
    elif path.startswith("/map"):
        page.wait_for_function("() => window.IUCMap && window.IUCMap.ready")
    else:
        page.wait_for_load_state("networkidle")


PAGES = {
    "home": "/",
    "query": "/query",
    "queries": "/queries",
    "named-query": "/queries/partners-of-city?city=cn/liuzhou",
    "network": "/network",
    "map": "/map",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_console_errors(page: Any, name: str) -> None:
    path = PAGES[name]
    response = page.goto(path)
    assert response.status == 200
    wait_ready(page, path)
    assert page.locator("nav[aria-label=Main] a").count() >= 5
    screenshot(page, name)
    assert page.problems.messages == []


def test_home_tells_the_2018_story_with_links(page: Any) -> None:
    page.goto("/")
    story = page.locator("#story")
    workshop = sparql(
        page,
        "PREFIX schema: <https://schema.org/> PREFIX iuc: <https://w3id.org/iucgraph/ontology#>"
        " PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"
        ' SELECT ?e ?who WHERE { ?e a iuc:Event ; schema:startDate "2018-04-24"^^xsd:date .'
        " { ?e iuc:speaker ?who } UNION { ?e schema:organizer ?who } }",
    )
    assert workshop, "the data has no event on 2018-04-24"
    event = workshop[0]["e"]["value"]
    assert story.locator(f'a[href="/id/{event[len(ID) :]}"]').count() == 1
    for row in workshop:
        who = row["who"]["value"]
        assert story.locator(f'a[href="/id/{who[len(ID) :]}"]').count() >= 1, who
    assert "Beijing" in story.inner_text()
    version = page.request.get("/health").json()
    assert version["status"] == "ok"
    assert page.locator("#version").inner_text().strip()
    assert int(page.locator("#triple-count").inner_text()) > 1000


def run_in_editor(page: Any, text: str) -> None:
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    editor.fill(text)
    page.keyboard.press("Control+Enter")


PAIRINGS_QUERY = (
    "PREFIX iuc: <https://w3id.org/iucgraph/ontology#>\n"
    "SELECT ?pairing ?eu WHERE { ?pairing a iuc:Pairing ; iuc:euCity ?eu } ORDER BY ?pairing"
)


def test_query_typed_in_editor_returns_rows(page: Any) -> None:
    page.goto("/query")
    run_in_editor(page, PAIRINGS_QUERY)
    page.wait_for_function("() => document.querySelectorAll('#results-table tbody tr').length > 0")
    expected = sparql(page, PAIRINGS_QUERY)
    assert page.locator("#results-table tbody tr").count() == len(expected)
    first = expected[0]["pairing"]["value"]
    link = page.locator("#results-table tbody tr").first.locator("a").first
    assert link.get_attribute("href") == "/id/" + first[len(ID) :]
    assert f"{len(expected)} results" in page.locator("#status").inner_text()
    screenshot(page, "query-results")
    # the permalink reproduces the query, and opening it runs it again
    href = page.locator("#permalink").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["query"] == [PAIRINGS_QUERY]
    page.goto(href)
    page.wait_for_function("() => document.querySelectorAll('#results-table tbody tr').length > 0")
    assert page.locator("#results-table tbody tr").count() == len(expected)
    assert page.problems.messages == []


def test_editor_shows_syntax_errors_from_the_server(page: Any) -> None:
    page.goto("/query")
    run_in_editor(page, "SELECT ?x WHERE { ?x ?y }")
    message = page.locator("#message.error")
    message.wait_for()
    assert "HTTP 400" in message.inner_text()
    assert page.locator("#results-table tbody tr").count() == 0


def test_editor_reports_truncation(page: Any) -> None:
    page.goto("/query")
    cap = int(page.locator("#row-cap").get_attribute("data-row-cap") or 0)
    assert cap > 0
    run_in_editor(page, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    page.locator("#message.warning").wait_for()
    assert "Truncated" in page.locator("#message").inner_text()
    assert page.locator("#results-table tbody tr").count() == cap


def test_prefix_help_adds_a_declaration(page: Any) -> None:
    page.goto("/query")
    page.locator("#prefix-help summary").click()
    page.locator('button.prefix[data-prefix="schema"]').click()
    assert "PREFIX schema: <https://schema.org/>" in page.locator(".cm-content").inner_text()


def test_catalogue_example_opens_in_editor_and_runs(page: Any) -> None:
    page.goto("/query")
    example = page.locator('#examples a.example[href*="partners-of-city"]')
    example.click()
    page.wait_for_url("**/query?query=*")
    page.wait_for_function("() => document.querySelectorAll('#results-table tbody tr').length > 0")
    assert page.problems.messages == []


def test_query_downloads_arrive_with_the_right_content(page: Any) -> None:
    page.goto("/query")
    run_in_editor(page, PAIRINGS_QUERY)
    page.wait_for_function("() => document.querySelectorAll('#results-table tbody tr').length > 0")
    expected = sparql(page, PAIRINGS_QUERY)
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    text = info.value.path().read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["pairing", "eu"]
    assert len(rows) - 1 == len(expected)
    with page.expect_download() as info:
        page.locator("#download-json").click()
    data = json.loads(info.value.path().read_bytes().decode("utf-8"))
    assert len(data["results"]["bindings"]) == len(expected)
    with page.expect_download() as info:
        page.locator("#download-tsv").click()
    lines = info.value.path().read_bytes().decode("utf-8").strip().splitlines()
    assert lines[0].split("\t") == ["?pairing", "?eu"]
    assert len(lines) - 1 == len(expected)


def test_named_query_form_returns_the_partners(page: Any) -> None:
    page.goto("/queries/partners-of-city")
    page.locator("#param-city").fill("cn/liuzhou")
    page.locator("#run").click()
    page.wait_for_url("**/queries/partners-of-city?*")
    table = page.locator("#results-table")
    api = page.request.get("/api/queries/partners-of-city.json?city=cn/liuzhou").json()
    partners = {b["partnerLabel"]["value"] for b in api["results"]["bindings"]}
    assert "Barnsley" in partners
    assert table.locator("tbody tr").count() == len(api["results"]["bindings"])
    for name in partners:
        assert table.locator("td", has_text=name).count() >= 1
    screenshot(page, "named-query-liuzhou")
    # the CSV download is the API's answer
    with page.expect_download() as info:
        page.locator('a.download[data-format="csv"]').click()
    downloaded = info.value.path().read_bytes().decode("utf-8")
    api_csv = page.request.get("/api/queries/partners-of-city.csv?city=cn/liuzhou").text()
    assert downloaded == api_csv
    # "open in editor" carries the bound query to the editor, which gives the same rows
    page.locator("#open-in-editor").click()
    page.wait_for_url("**/query?query=*")
    page.wait_for_function("() => document.querySelectorAll('#results-table tbody tr').length > 0")
    assert page.locator("#results-table tbody tr").count() == len(partners) or page.locator(
        "#results-table tbody tr"
    ).count() == len(api["results"]["bindings"])


def test_named_query_form_names_a_bad_parameter(page: Any) -> None:
    response = page.goto("/queries/partners-of-city?city=not%20a%20city")
    assert response.status == 400
    assert "city" in page.locator("#message").inner_text()


def network_api(page: Any, query: str = "") -> dict[str, Any]:
    data: dict[str, Any] = page.request.get(f"/api/network/pairings?format=cytoscape{query}").json()
    return data


def test_network_draws_the_api_nodes_and_pairings(page: Any) -> None:
    page.goto("/network")
    wait_ready(page, "/network")
    api = network_api(page)
    drawn = page.evaluate("window.IUCNetwork.nodes")
    assert drawn == len(api["elements"]["nodes"])
    assert page.evaluate("window.IUCNetwork.edges") == len(api["elements"]["edges"])
    for a, b in (("cn/liuzhou", "gb/barnsley"), ("cn/haikou", "fr/nice")):
        joined = page.evaluate(
            "([a, b]) => window.IUCNetwork.cy.getElementById(a).edgesWith("
            "window.IUCNetwork.cy.getElementById(b)).length",
            [ID + "city/" + a, ID + "city/" + b],
        )
        assert joined >= 1, (a, b)
    screenshot(page, "network-pairings")


def test_network_click_opens_the_node_page(page: Any) -> None:
    page.goto("/network")
    wait_ready(page, "/network")
    iri = ID + "city/cn/liuzhou"
    page.evaluate(
        "(iri) => { const cy = window.IUCNetwork.cy; cy.zoom(2);"
        " cy.center(cy.getElementById(iri)); }",
        iri,
    )
    pos = page.evaluate("(iri) => window.IUCNetwork.cy.getElementById(iri).renderedPosition()", iri)
    box = page.locator("#cy").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert urlsplit(page.url).path == "/id/city/cn/liuzhou"


def test_network_filters_match_the_api(page: Any) -> None:
    page.goto("/network")
    wait_ready(page, "/network")
    page.select_option("select[name=year]", "2018")
    page.select_option("#size", "betweenness")
    page.select_option("#colour", "community")
    page.locator("#network-form button[type=submit]").click()
    page.wait_for_function("() => window.IUCNetwork.ready")
    api = network_api(page, "&year=2018")
    assert page.evaluate("window.IUCNetwork.nodes") == len(api["elements"]["nodes"])
    assert "year=2018" in page.url
    assert "year=2018" in page.locator("#export-gexf").get_attribute("href")
    screenshot(page, "network-2018-community")


def test_network_exports_every_format(page: Any) -> None:
    page.goto("/network?year=2018")
    wait_ready(page, "/network")
    links = page.locator("#exports a")
    assert links.count() >= 7
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        resp = page.request.get(href)
        assert resp.ok, href
        assert len(resp.body()) > 0, href


def test_map_draws_one_line_per_pairing_feature(page: Any) -> None:
    page.goto("/map")
    wait_ready(page, "/map")
    geo = page.request.get("/api/network/pairings?format=geojson").json()
    lines = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in geo["features"] if f["geometry"]["type"] == "Point"]
    assert lines
    assert page.locator("path.pairing-line").count() == len(lines)
    assert page.locator("path.city-marker").count() == len(points)
    assert page.locator("path.country").count() > 100  # the offline outlines
    china_europe = [
        f
        for f in lines
        if {f["properties"]["from"], f["properties"]["to"]}
        & {ID + "city/cn/liuzhou", ID + "city/cn/haikou"}
    ]
    assert china_europe
    screenshot(page, "map-pairings")


def test_map_filter_redraws(page: Any) -> None:
    page.goto("/map")
    wait_ready(page, "/map")
    page.select_option("select[name=year]", "2018")
    page.locator("#map-form button[type=submit]").click()
    page.wait_for_function("() => window.IUCMap.ready")
    geo = page.request.get("/api/network/pairings?format=geojson&year=2018").json()
    lines = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
    assert page.locator("path.pairing-line").count() == len(lines)


def test_pages_are_keyboard_usable(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.goto("/queries/partners-of-city")
    page.locator("#param-city").focus()
    page.keyboard.type("cn/haikou")
    page.keyboard.press("Enter")
    page.wait_for_url("**/queries/partners-of-city?*")
    assert page.locator("#results-table td", has_text="Nice").count() >= 1


def test_resource_page_readable_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        response = page.goto("/id/city/cn/liuzhou")
        if response.status == 404:
            pytest.skip("resource pages (/id/...) are not served by this build")
        assert response.status == 200
        assert "Liuzhou" in page.locator("h1").inner_text()
        assert page.locator("nav[aria-label=Main] a").count() >= 5
        assert page.locator('a[href="/id/pairing/liuzhou-barnsley"]').count() >= 1
        screenshot(page, "resource-liuzhou-no-js")
    finally:
        context.close()
