"""/sparql: the SPARQL 1.1 Protocol (query and update operations) over the store.

https://www.w3.org/TR/sparql11-protocol/ . Query by GET ?query=, by POST form (query=) or by
POST application/sparql-query; update by POST form (update=) or application/sparql-update,
only with the write token. A GET without a query returns the service description.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar
from urllib.parse import parse_qsl

from flask import Blueprint, Response, request
from werkzeug.sansio.utils import get_current_url

from iucgraph.errors import QuerySyntaxError
from iucgraph.formats import GRAPH, RESULTS, Format, formats_for
from iucgraph.web import http, sparql_text, truncation
from iucgraph.web.errors import WebError
from iucgraph.web.negotiation import negotiate
from iucgraph.web.service_description import describe

bp = Blueprint("sparql", __name__)
T = TypeVar("T")

METHODS = "GET, HEAD, POST"
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
_ASK_FORMATS = tuple(f for f in formats_for(RESULTS) if f.name in ("json", "xml"))


@dataclass(frozen=True)
class Operation:
    """One protocol request, unpacked: exactly one of `query` and `update` is set."""

    query: str | None
    update: str | None
    params: tuple[tuple[str, str], ...]  # every parameter, from the URL and a form body

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]


def _form_params(body: bytes) -> list[tuple[str, str]]:
    try:
        text = body.decode("ascii")
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise WebError(400, "the form body is not valid UTF-8 after percent-decoding") from exc


def _unpack() -> Operation | None:
    """The operation of this request, or None for a GET without one (service description)."""
    url_params = list(request.args.items(multi=True))
    if request.method in ("GET", "HEAD"):
        if any(k == "update" for k, _ in url_params):
            raise WebError(400, "an update must be sent by POST, never by GET")
        params = url_params
        if not any(k == "query" for k, _ in params):
            return None
    else:
        mimetype = request.mimetype
        if mimetype == FORM:
            params = url_params + _form_params(http.read_body())
        elif mimetype in (QUERY_TYPE, UPDATE_TYPE):
            what = "the query" if mimetype == QUERY_TYPE else "the update"
            text = http.decode_utf8(http.read_body(), what)
            if any(k in ("query", "update") for k, _ in url_params):
                raise WebError(400, f"{what} is in the body; it may not also be a URL parameter")
            params = [*url_params, ("query" if mimetype == QUERY_TYPE else "update", text)]
        else:
            shown = mimetype or "no Content-Type"
            raise WebError(
                415,
                f"a POST to /sparql must be {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}, not {shown}",
            )
    queries = [v for k, v in params if k == "query"]
    updates = [v for k, v in params if k == "update"]
    if len(queries) + len(updates) > 1:
        raise WebError(400, "send exactly one query or one update per request")
    if not queries and not updates:
        raise WebError(400, "a POST to /sparql needs a 'query' or an 'update' parameter")
    return Operation(
        queries[0] if queries else None, updates[0] if updates else None, tuple(params)
    )


@bp.route("/sparql", methods=["GET", "HEAD", "POST", "OPTIONS"], strict_slashes=False)
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return http.preflight(METHODS)
    op = _unpack()
    if op is None:
        return _service_description()
    if op.update is not None:
        return _update(op)
    assert op.query is not None
    return _query(op.query, op)


def _offered(query: str) -> tuple[Format, ...]:
    form = sparql_text.query_form(query)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return formats_for(GRAPH)
    if form == "ASK":
        return _ASK_FORMATS
    return formats_for(RESULTS)  # SELECT, or text the engine will reject with a syntax error


def _query(query: str, op: Operation) -> Response:
    if sparql_text.looks_like_update(query):
        raise WebError(400, "this is an update: send it as 'update' by POST, with the token")
    st = http.state()
    formats = op.all("format") or op.all("output")
    fmt = negotiate(request.headers.get("Accept"), _offered(query), formats[0] if formats else None)
    default_graphs = _iris(op.all("default-graph-uri"), "default-graph-uri")
    named_graphs = _iris(op.all("named-graph-uri"), "named-graph-uri")
    etag, cached = http.not_modified(f"{fmt.media_type}|{http.raw_path_and_query()}")
    if cached is not None:
        return cached
    result = _with_base(
        query,
        lambda text: st.store.execute(
            text,
            fmt.media_type,
            default_graph_uris=default_graphs,
            named_graph_uris=named_graphs,
            limit=st.settings.store.row_cap,
        ),
    )
    body = result.body
    if result.truncated:
        body = truncation.mark(body, fmt.name, result.row_count)
    resp = Response(body, status=200, content_type=fmt.content_type)
    if result.truncated:
        resp.headers["X-IUC-Truncated"] = "true"
    if result.row_count is not None:
        resp.headers["X-IUC-Row-Count"] = str(result.row_count)
    if request.method in ("GET", "HEAD"):
        http.cache_headers(resp, etag)
    else:
        resp.headers["Cache-Control"] = "no-store"
    return resp


def _iris(values: Sequence[str], name: str) -> list[str]:
    try:
        return [sparql_text.check_iri(v) for v in values]
    except ValueError as exc:
        raise WebError(400, f"{name}: {exc}") from exc


def _update(op: Operation) -> Response:
    http.require_write()
    assert op.update is not None
    st = http.state()
    using = _iris(op.all("using-graph-uri"), "using-graph-uri")
    using_named = _iris(op.all("using-named-graph-uri"), "using-named-graph-uri")
    if (using or using_named) and sparql_text.names_own_dataset(op.update):
        raise WebError(
            400, "using-graph-uri / using-named-graph-uri conflict with USING or WITH in the update"
        )
    if sparql_text.query_form(op.update):
        raise WebError(400, "this is a query: send it as 'query'")
    text = sparql_text.add_using(op.update, using, using_named)
    _with_base(text, st.service.update)
    resp = Response(status=204)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _with_base(text: str, run: Callable[[str], T]) -> T:
    """Run `text` with our base IRI prepended as a BASE declaration (so relative IRIs resolve
    against the endpoint on every back-end, never against a file: path); syntax error
    positions on the first line are shifted back to the client's text."""
    prefix = f"BASE <{_base()}> "
    try:
        return run(prefix + text)
    except QuerySyntaxError as exc:
        if exc.line != 1 or exc.column is None:
            raise
        column = max(1, exc.column - len(prefix))
        message = str(exc).split(" (line ")[0].replace(f"1:{exc.column}", f"1:{column}")
        raise QuerySyntaxError(message, line=1, column=column) from exc


def _base() -> str:
    """The base IRI of updates: the configured public URL of the endpoint, else the request's."""
    configured = http.state().settings.web.base_url
    if configured:
        return _checked_base(configured.rstrip("/") + "/sparql")
    env = request.environ
    return _request_base(request.scheme, request.host, env.get("SCRIPT_NAME", ""), request.path)


@lru_cache(maxsize=64)
def _request_base(scheme: str, host: str, root_path: str, path: str) -> str:
    """request.base_url, memoised: werkzeug rebuilds it (IRI decoding) on every request."""
    return sparql_text.check_iri(get_current_url(scheme, host, root_path, path))


@lru_cache(maxsize=64)
def _checked_base(base: str) -> str:
    return sparql_text.check_iri(base)


def _service_description() -> Response:
    st = http.state()
    fmt = negotiate(
        request.headers.get("Accept"),
        formats_for(GRAPH),
        request.args.get("format") or None,
    )
    etag, cached = http.not_modified(f"sd|{fmt.media_type}|{request.url}")
    if cached is not None:
        return cached
    graph = describe(
        _base(),
        updates=st.settings.store.writable and st.service is not None,
        graph_names=st.store.graph_names(),
        row_cap=st.settings.store.row_cap,
    )
    assert fmt.rdflib_name is not None
    resp = Response(graph.serialize(format=fmt.rdflib_name), content_type=fmt.content_type)
    http.cache_headers(resp, etag)
    return resp
