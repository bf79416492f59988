"""The named-query API: /api/queries (catalogue), /api/queries/<name>[.<format>], /api/openapi.json.

A thin shell: unpack the request, call catalogue.run_query and catalogue.render, set headers.
Errors are raised as our exceptions and turned into status codes by iucgraph/web/errors.py
(QueryParameterError -> 400, NotFound -> 404, UnsupportedFormat -> 406). No request parameter
chooses the store: it is the one the application was built with.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, jsonify, request

from iucgraph.catalogue import Catalogue, formats_for, render, run_query
from iucgraph.catalogue.docs import catalogue_json, openapi_document
from iucgraph.catalogue.results import WEB_FORMATS
from iucgraph.errors import UnsupportedFormat
from iucgraph.web import http

bp = Blueprint("queries", __name__)
EXTENSION = "iucgraph.queries"
_ALIASES = {"application/json": "json", "text/plain": "csv"}  # media types clients often send


def register(app: Flask) -> None:
    """Mount the blueprint with the catalogue of the configured queries folder."""
    app.extensions[EXTENSION] = Catalogue.from_directory(
        http.state_of(app).settings.paths.queries_dir
    )
    app.register_blueprint(bp)


def _catalogue() -> Catalogue:
    catalogue: Catalogue = current_app.extensions[EXTENSION]
    return catalogue


def _choose_format(kind: str, suffix: str | None) -> str:
    offered = formats_for(kind)
    names = [f.name for f in offered]
    if suffix is not None:
        if suffix not in names:
            raise UnsupportedFormat(f"a {kind} query cannot be written as .{suffix}", names)
        return suffix
    accept = request.accept_mimetypes
    if not accept or accept.best == "*/*":
        return names[0]
    candidates = [f.media_type for f in offered] + [m for m in _ALIASES if _ALIASES[m] in names]
    best = accept.best_match(candidates)
    if best is None:
        raise UnsupportedFormat("no acceptable format", [f.media_type for f in offered])
    return _ALIASES.get(best) or next(f.name for f in offered if f.media_type == best)


@bp.get("/api/queries")
def catalogue() -> Response:
    return jsonify(catalogue_json(_catalogue(), request.script_root))


@bp.get("/api/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(_catalogue(), request.script_root or "/"))


@bp.get("/api/queries/<string:name>")
def named_query(name: str) -> Response:
    stem, _, suffix = name.rpartition(".")
    if not stem or suffix not in WEB_FORMATS:
        stem, suffix = name, ""
    query = _catalogue().get(stem)
    format_name = _choose_format(query.kind, suffix or None)
    supplied = {key: request.args.getlist(key) for key in request.args}
    state = http.state()
    result = run_query(state.store, query, supplied, row_cap=state.settings.store.row_cap)
    body, media_type = render(result, format_name)
    response = Response(body, content_type=f"{media_type}; charset=utf-8")
    response.headers["X-IUC-Row-Count"] = str(result.row_count)
    response.headers["X-IUC-Truncated"] = "true" if result.truncated else "false"
    response.vary.add("Accept")
    return response
