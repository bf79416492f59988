"""/health: a cheap liveness answer for load balancers and the hardening suite.

It never runs a query and never shows configuration; it says the app answers and which data
version it serves.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from iucgraph.web import http

bp = Blueprint("health", __name__)


@bp.route("/health", methods=["GET", "HEAD"])
def health() -> Response:
    resp = jsonify(status="ok", version=http.state().store.version)
    resp.headers["Cache-Control"] = "no-store"
    return resp
