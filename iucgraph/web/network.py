"""/api/network: the network views as files, their metrics, and explained shortest paths.

    GET /api/network                               views, formats and filters on offer
    GET /api/network/<view>[.<suffix>]?filters&format=gexf|graphml|cytoscape|d3|csv|geojson
    GET /api/network/<view>/metrics?filters&format=json|csv
    GET /api/network/path?from=<iri>&to=<iri>[&via=pairings,actors]

Every route unpacks the request and calls iucgraph.network; errors are our own exceptions,
turned into status codes by iucgraph/web/errors.py.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Blueprint, Flask, Response, request

from iucgraph.config import NetworkSettings
from iucgraph.errors import BadFilter
from iucgraph.ids import slugify
from iucgraph.network import EXPORTERS, ExportOptions, Filters, ViewRequest, build_view
from iucgraph.network.exporters import exporter
from iucgraph.network.metrics import metrics_table
from iucgraph.network.paths import shortest_path
from iucgraph.network.views import VIEWS, path_graph, resolve_iri
from iucgraph.store import Store
from iucgraph.web import http

bp = Blueprint("network", __name__, url_prefix="/api/network")

# Arguments that are options of a view, not filters.
OPTIONS = ("format", "mode", "iri", "depth", "colour")


def register(app: Flask) -> None:
    """Serve /api/network on `app` (caps and seed from the app's Settings.network)."""
    app.register_blueprint(bp)


def _settings() -> NetworkSettings:
    return http.state().settings.network


def _store() -> Store:
    return http.state().store


def _single(name: str) -> str | None:
    values = request.args.getlist(name)
    if len(values) > 1:
        raise BadFilter("given more than once", parameter=name)
    return values[0] if values else None


def _request(view: str) -> ViewRequest:
    filters = Filters.parse({k: _single(k) for k in request.args if k not in OPTIONS})
    depth = _single("depth") or "1"
    if not depth.isdigit():
        raise BadFilter(f"not a number: {depth!r}", parameter="depth")
    return ViewRequest(
        view, filters, mode=_single("mode") or "projection", iri=_single("iri"), depth=int(depth)
    )


def _options() -> ExportOptions:
    colour = _single("colour") or "region"
    if colour not in ExportOptions.COLOURS:
        raise BadFilter(f"one of {', '.join(ExportOptions.COLOURS)}", parameter="colour")
    s = _settings()
    return ExportOptions(colour_by=colour, seed=s.seed, layout_limit=s.layout_limit)


def filename(req: ViewRequest, suffix: str) -> str:
    """iucgraph-pairings-region-iuc-asia-year-2018.gexf: says what the file holds."""
    parts = ["iucgraph", req.view]
    if req.view == "ego" and req.iri:
        parts.append(resolve_iri(req.iri).rstrip("/").rsplit("/", 1)[-1])
    for name, value in req.filters.as_dict().items():
        parts += [name.replace("_", "-"), value.rstrip("/").rsplit("/", 1)[-1]]
    return slugify("-".join(parts))[:120] + "." + suffix


@bp.get("")
def index() -> Response:
    body = {
        "views": list(VIEWS),
        "formats": {
            e.name: {"suffix": e.suffix, "media_type": e.media_type, "opens_in": e.opens_in}
            for e in EXPORTERS.values()
        },
        "filters": list(Filters.NAMES),
        "options": list(OPTIONS),
    }
    return _json(body)


@bp.get("/path")
def path() -> Response:
    source, target = _single("from"), _single("to")
    for name, value in (("from", source), ("to", target)):
        if not value:
            raise BadFilter("the IRI of a resource is required", parameter=name)
    via = tuple(v for v in (_single("via") or "pairings,actors").split(",") if v)
    graph = path_graph(_store(), via, _settings())
    result = shortest_path(graph, resolve_iri(source or ""), resolve_iri(target or ""))
    return _json(result.as_dict())


@bp.get("/<view>/metrics")
def metrics(view: str) -> Response:
    req = _request(view)
    fmt = request.args.get("format", "json")
    table = metrics_table(build_view(_store(), req, _settings()), _settings().seed)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        resp = Response(buf.getvalue(), content_type="text/csv; charset=utf-8")
        resp.headers["Content-Disposition"] = (
            f'attachment; filename="{filename(req, "csv").replace(".csv", "-metrics.csv")}"'
        )
        return resp
    if fmt != "json":
        raise BadFilter("one of json, csv", parameter="format")
    return _json({"summary": table.summary, "nodes": table.dicts()})


@bp.get("/<view>")
def network(view: str) -> Response:
    name, _, suffix = view.partition(".")
    req = _request(name)
    fmt = _single("format") or suffix or "d3"
    exp = exporter(fmt)
    body = exp.write(build_view(_store(), req, _settings()), _options())
    resp = Response(body, content_type=_content_type(exp.media_type))
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename(req, exp.suffix)}"'
    return resp


def _content_type(media_type: str) -> str:
    textual = media_type.endswith(("json", "xml"))
    return f"{media_type}; charset=utf-8" if textual else media_type


def _json(body: Any) -> Response:
    text = json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    return Response(text, content_type="application/json; charset=utf-8")
