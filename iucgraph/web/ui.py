"""The HTML pages for people: home, SPARQL editor, network and map (named-query forms are in
ui_queries.py).

Thin views: each gathers what its template needs from ui_data and renders it. Every page
works under a strict Content-Security-Policy: our own scripts and styles only (no inline code,
no CDN); third-party libraries are served from static/vendor/, filled by
tools/vendor_assets.py from the npm lock file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Blueprint, Flask, render_template, request, url_for

from iucgraph import __version__
from iucgraph.namespaces import PREFIXES
from iucgraph.web import http, ui_csp, ui_data, ui_queries

bp = Blueprint("ui", __name__)

NETWORK_VIEWS = ("pairings", "themes", "sdgs", "actors")
NETWORK_FORMATS = ("cytoscape", "d3", "gexf", "graphml", "csv", "geojson")
METRICS = ("degree", "weighted_degree", "betweenness", "pagerank")
COLOURS = ("region", "community", "kind")
FILTER_NAMES = ("theme", "sdg", "region", "year")

DEFAULT_QUERY = """\
PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# Every city-to-city pairing, with both cities
SELECT ?pairing ?partnerCity ?partnerLabel ?euCity ?euLabel WHERE {
  ?pairing a iuc:Pairing ; iuc:partnerCity ?partnerCity ; iuc:euCity ?euCity .
  ?partnerCity rdfs:label ?partnerLabel FILTER(LANG(?partnerLabel) = "en")
  ?euCity rdfs:label ?euLabel FILTER(LANG(?euLabel) = "en")
}
ORDER BY ?partnerLabel ?euLabel
LIMIT 100
"""


def register(app: Flask) -> None:
    """Mount the pages and the template helpers they share (also used by resource pages)."""
    app.register_blueprint(bp)
    app.register_blueprint(ui_queries.bp)
    app.jinja_env.filters["local_href"] = ui_data.local_href
    app.jinja_env.globals["iucgraph_version"] = __version__
    app.jinja_env.globals["with_params"] = with_params
    app.jinja_env.globals["csp_nonce"] = ui_csp.csp_nonce


def with_params(path: str, params: Mapping[str, str] | None = None, **more: str) -> str:
    """`path` with the non-empty `params` and `more` as its query string."""
    merged = {k: v for k, v in {**(params or {}), **more}.items() if v}
    return path + ("?" + urlencode(merged) if merged else "")


bp.after_request(ui_csp.add_headers)


def _data_date() -> str:
    """When the data the server holds was loaded (the store keeps no other clock)."""
    stamp = http.state().last_modified()
    return datetime.fromtimestamp(stamp, tz=UTC).strftime("%Y-%m-%d")


@bp.get("/")
def home() -> str:
    store = http.state().store
    return render_template(
        "pages/home.html",
        counts=[
            (c, url_for("ui.query_editor", query=ui_data.class_query(c.class_name)))
            for c in ui_data.counts(store)
        ],
        triples=ui_data.triple_count(store),
        story=ui_data.story(store),
        version=__version__,
        data_date=_data_date(),
    )


@bp.get("/query")
def query_editor() -> str:
    text = request.args.get("query") or DEFAULT_QUERY
    return render_template(
        "pages/query.html",
        query=text,
        prefixes=PREFIXES,
        row_cap=http.state().settings.store.row_cap,
        examples=list(ui_queries.catalogue() or []),
    )


def _filters() -> dict[str, str]:
    return {name: request.args.get(name, "") for name in FILTER_NAMES}


@bp.get("/network")
def network() -> str:
    view = request.args.get("view", "pairings")
    return render_template(
        "pages/network.html",
        choices=ui_data.filter_choices(http.state().store),
        filters=_filters(),
        view=view if view in NETWORK_VIEWS else "pairings",
        views=NETWORK_VIEWS,
        formats=NETWORK_FORMATS,
        metrics=METRICS,
        colours=COLOURS,
        metric=request.args.get("size", "degree"),
        colour=request.args.get("colour", "region"),
    )


@bp.get("/map")
def map_page() -> str:
    return render_template(
        "pages/map.html",
        choices=ui_data.filter_choices(http.state().store),
        filters=_filters(),
    )
