"""HTTP plumbing shared by the blueprints: the app's state, write authorisation, request
bodies, caching validators, CORS and security headers."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, current_app, g, request

from iucgraph.config import Settings
from iucgraph.errors import ForbiddenOperation, NotAuthorized
from iucgraph.store.base import Store
from iucgraph.web import limits
from iucgraph.web.errors import MissingToken, WebError

# Query-string names under which clients put credentials; refused, because URLs end up in
# logs, browser history and Referer headers.
_CREDENTIAL_PARAMS = ("token", "access_token", "api_key", "apikey", "key", "auth")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


@dataclass
class AppState:
    """What the views need: the store, the write service (None if writes are impossible)."""

    store: Store
    service: Any
    settings: Settings
    _seen: dict[str, float] = field(default_factory=dict)

    def last_modified(self) -> float:
        """When the current store version was first seen (the store keeps no clock)."""
        version = self.store.version
        if version not in self._seen:
            if len(self._seen) > 1000:
                self._seen.clear()
            self._seen[version] = time.time()
        return self._seen[version]


def state_of(app: Flask) -> AppState:
    st: AppState = app.extensions["iucgraph"]
    return st


def state() -> AppState:
    return state_of(current_app)


def require_write() -> None:
    """Allow a write only with the configured token as `Authorization: Bearer <token>`."""
    g.iuc_write = True  # no CORS on write routes, even on their errors
    for name in _CREDENTIAL_PARAMS:
        if name in request.args:
            raise WebError(
                400,
                "credentials in the URL are refused (they end up in logs); "
                "send them as 'Authorization: Bearer <token>'",
            )
    token = state().settings.store.write_token if state().settings.store.writable else None
    if token is None:
        raise ForbiddenOperation("this server is read-only: writes are not enabled")
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    if not header or scheme.lower() != "bearer":
        raise MissingToken("this operation needs 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(presented.strip().encode(), token.encode()):
        raise NotAuthorized("the token is not valid for writes")
    if state().service is None:
        raise ForbiddenOperation("writes are not available on this store")


def read_body() -> bytes:
    """The request body, never more than the configured cap (413 otherwise, before parsing)."""
    cap = state().settings.store.max_request_bytes
    length = request.content_length
    if length is not None and length > cap:
        raise WebError(413, f"the request body is larger than {cap} bytes")
    data = request.get_data(cache=True)  # Flask's MAX_CONTENT_LENGTH caps chunked bodies too
    if len(data) > cap:
        raise WebError(413, f"the request body is larger than {cap} bytes")
    return data


def decode_utf8(data: bytes, what: str) -> str:
    """The body as text: the protocol's media types are UTF-8, any other charset is refused."""
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise WebError(415, f"{what} must be UTF-8 encoded, not {charset}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WebError(400, f"{what} is not valid UTF-8 (byte {exc.start})") from exc


def raw_path_and_query() -> str:
    """The path and the query string as sent (what request.full_path gives, without decoding
    the query string: cheaper, and the same for every client that encodes alike)."""
    return f"{request.path}?{request.environ.get('QUERY_STRING', '')}"


def not_modified(resp_variant: str) -> tuple[str, Response | None]:
    """The ETag for the current data version and `resp_variant`; a 304 if the client has it."""
    st = state()
    digest = hashlib.sha256(f"{st.store.version}|{resp_variant}".encode()).hexdigest()[:32]
    etag = digest
    if request.method in ("GET", "HEAD") and request.if_none_match.contains(etag):
        resp = Response(status=304)
        cache_headers(resp, etag)
        return etag, resp
    return etag, None


def cache_headers(resp: Response, etag: str) -> None:
    resp.set_etag(etag)
    resp.last_modified = datetime.fromtimestamp(int(state().last_modified()), tz=UTC)
    resp.headers["Cache-Control"] = f"public, max-age={state().settings.web.cache_max_age}"
    resp.vary.add("Accept")


def preflight(methods: str) -> Response:
    """Answer a CORS preflight for reads: no Authorization header is allowed cross-origin."""
    resp = Response(status=204)
    resp.headers["Allow"] = f"{methods}, OPTIONS"
    if state().settings.web.cors:
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST"
        resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        resp.headers["Access-Control-Max-Age"] = "600"
    return resp


def client_limiter(settings: Settings) -> limits.ClientLimiter:
    """The per-client budgets of `settings.web` (see iucgraph/web/limits.py)."""
    web = settings.web
    concurrent = web.client_max_concurrent
    if concurrent is None:
        concurrent = max(1, settings.store.max_concurrent_queries - 1)
    return limits.ClientLimiter(concurrent, web.client_requests_per_second, web.client_burst)


def install(app: Flask) -> None:
    """Per-client budgets and the URL-length check before routing, CORS and security headers
    after every response."""
    limiter = client_limiter(state_of(app).settings)

    @app.before_request
    def _limit() -> None:
        g.iuc_write = False
        g.iuc_slot = None
        if limits.is_exempt(request.path, request.method):
            return
        key = request.remote_addr or "unknown"
        if limiter.acquire(key, limits.is_heavy(request.path)):
            g.iuc_slot = key

    @app.teardown_request
    def _release(_exc: BaseException | None) -> None:
        key = g.pop("iuc_slot", None)
        if key is not None:
            limiter.release(key)

    @app.before_request
    def _check_url() -> None:
        limit = state().settings.web.max_url_length
        length = max(len(request.environ.get("RAW_URI") or ""), len(raw_path_and_query()))
        if length > limit:
            raise WebError(
                414, f"the URL is longer than {limit} characters; send the query by POST instead"
            )
        cap = state().settings.store.max_request_bytes
        if request.content_length is not None and request.content_length > cap:
            raise WebError(413, f"the request body is larger than {cap} bytes")

    @app.after_request
    def _headers(resp: Response) -> Response:
        for key, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(key, value)
        if state().settings.web.cors and not g.get("iuc_write", False):
            resp.headers.setdefault("Access-Control-Allow-Origin", "*")
            resp.headers.setdefault(
                "Access-Control-Expose-Headers",
                "ETag, Last-Modified, X-IUC-Truncated, X-IUC-Row-Count, Retry-After, Location",
            )
        else:
            resp.headers.pop("Access-Control-Allow-Origin", None)
        return resp
