"""THE single mapping from exceptions to HTTP status codes and bodies.

Views raise our own exceptions (iucgraph/errors.py) or werkzeug's HTTP exceptions; nothing else
in the web layer chooses an error status. Bodies are JSON when the client's Accept mentions
JSON, plain text otherwise; both carry the same fields. A 500 shows a request id (also logged
with the traceback) and a generic message, never a traceback, a path or configuration.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from iucgraph.errors import (
    BadFilter,
    ForbiddenOperation,
    InputError,
    NetworkTooLarge,
    NotAuthorized,
    NotFound,
    Overloaded,
    QueryParameterError,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooComplex,
    RateLimited,
    StoreUnavailable,
    StoreWriteFailed,
    UnsupportedFormat,
    UpdateFailed,
    UpdateTimeout,
    ValidationFailed,
)


class WebError(Exception):
    """A protocol error found by the web layer itself (wrong media type, two queries, ...)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status = status
        self.headers = headers or {}
        super().__init__(message)


class MissingToken(NotAuthorized):
    """A write without any credentials: 401 and a challenge, not 403."""


def _body(status: int, error: str, message: str, extra: dict[str, Any] | None = None) -> Response:
    fields: dict[str, Any] = {"status": status, "error": error, "message": message}
    fields.update(extra or {})
    if "json" in (request.headers.get("Accept") or "").lower():
        payload = json.dumps(fields, indent=1, ensure_ascii=False) + "\n"
        return Response(payload, status=status, content_type="application/json; charset=utf-8")
    lines = [f"{status} {error}: {message}"]
    for key, value in (extra or {}).items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        lines.append(f"{key}: {value}")
    return Response(
        "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )


def _retry_after(default: int) -> dict[str, str]:
    return {"Retry-After": str(max(1, int(default)))}


def to_response(exc: BaseException) -> Response:
    """The response for `exc`; the one place where an exception becomes a status code."""
    headers: dict[str, str] = {}
    retry = int(current_app.config.get("IUC_RETRY_AFTER", 5))
    if isinstance(exc, QuerySyntaxError):
        pos = {"line": exc.line, "column": exc.column} if exc.line is not None else {}
        resp = _body(400, "query syntax error", str(exc), pos)
    elif isinstance(exc, QueryTooComplex):
        resp = _body(400, "query too complex", str(exc))
    elif isinstance(exc, UpdateFailed):
        resp = _body(400, "update failed", str(exc))
    elif isinstance(exc, QueryParameterError):
        resp = _body(400, "bad parameter", str(exc), {"parameter": exc.parameter})
    elif isinstance(exc, UnsupportedFormat):
        resp = _body(406, "not acceptable", str(exc), {"offered": exc.offered})
    elif isinstance(exc, MissingToken):
        resp = _body(401, "unauthorized", str(exc))
        headers["WWW-Authenticate"] = 'Bearer realm="iucgraph"'
    elif isinstance(exc, NotAuthorized):
        resp = _body(403, "forbidden", str(exc))
    elif isinstance(exc, ForbiddenOperation):
        resp = _body(403, "forbidden", str(exc))
    elif isinstance(exc, NotFound):
        resp = _body(404, "not found", str(exc))
    elif isinstance(exc, BadFilter):
        resp = _body(400, "bad parameter", str(exc), {"parameter": exc.parameter})
    elif isinstance(exc, NetworkTooLarge):
        resp = _body(400, "network too large", str(exc), dict(exc.counts))
    elif isinstance(exc, InputError):
        where: dict[str, Any] = {
            k: v for k, v in (("file", exc.path), ("line", exc.line)) if v is not None
        }
        resp = _body(400, "unreadable input", str(exc), where)
    elif isinstance(exc, ValidationFailed):
        resp = _body(
            422,
            "does not conform to the shapes",
            "nothing was changed",
            {"report": str(exc.report)},
        )
    elif isinstance(exc, QueryTimeout):
        title = "update timeout" if isinstance(exc, UpdateTimeout) else "query timeout"
        resp = _body(503, title, str(exc))
        headers.update(_retry_after(retry))
    elif isinstance(exc, RateLimited):
        resp = _body(429, "too many requests", str(exc))
        headers.update(_retry_after(exc.retry_after))
    elif isinstance(exc, Overloaded):
        resp = _body(503, "overloaded", str(exc))
        headers.update(_retry_after(exc.retry_after))
    elif isinstance(exc, StoreWriteFailed):
        if exc.no_space:
            resp = _body(507, "insufficient storage", str(exc))
        else:
            resp = _body(503, "store write failed", str(exc))
            headers.update(_retry_after(retry))
    elif isinstance(exc, StoreUnavailable):
        resp = _body(502, "store unavailable", str(exc))
    elif isinstance(exc, WebError):
        resp = _body(exc.status, _reason(exc.status), str(exc))
        headers.update(exc.headers)
    elif isinstance(exc, HTTPException):
        code = exc.code or 500
        resp = _body(code, _reason(code), exc.description or _reason(code))
        for key, value in exc.get_headers():
            if key.lower() != "content-type":
                headers[key] = value
    else:
        request_id = uuid.uuid4().hex[:16]
        current_app.logger.error(
            "request %s failed: %s %s", request_id, request.method, request.path, exc_info=exc
        )
        resp = _body(
            500,
            "internal error",
            "the server failed; quote the request id",
            {"request_id": request_id},
        )
        headers["X-Request-Id"] = request_id
    for key, value in headers.items():
        resp.headers[key] = value
    return resp


def _reason(code: int) -> str:
    from werkzeug.http import HTTP_STATUS_CODES

    return HTTP_STATUS_CODES.get(code, "error").lower()


def register(app: Flask) -> None:
    """Route every exception through `to_response`."""
    app.register_error_handler(Exception, to_response)
