"""/rdf-graph-store: the SPARQL 1.1 Graph Store HTTP Protocol.

https://www.w3.org/TR/sparql11-http-rdf-update/ . Indirect identification: ?graph=IRI or
?default; direct identification: /rdf-graph-store/<path> names the graph whose IRI is that URL.
GET/HEAD for everyone (the default graph is the union, as queries see it; no parameter at all
gives the whole dataset as TriG or N-Quads); PUT, POST, DELETE only with the write token, each
validate-then-commit through the GraphService (a non-conforming payload gets 422, the old graph
is kept). POST to the bare endpoint creates a new graph and answers 201 with its Location.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, request
from rdflib import Graph, URIRef

from iucgraph.errors import NotFound
from iucgraph.formats import DATASET, GRAPH, by_media_type, formats_for
from iucgraph.web import http, sparql_text
from iucgraph.web.errors import WebError
from iucgraph.web.negotiation import negotiate
from iucgraph.web.rdf_input import parse_graph

PATH = "/rdf-graph-store"
METHODS = "GET, HEAD, PUT, POST, DELETE"
bp = Blueprint("graph_store", __name__)

_DEFAULT = object()  # the default graph
_DATASET = object()  # no graph named: the whole dataset (GET) or "create one" (POST)


def _public_root() -> str:
    base = http.state().settings.web.base_url
    return base.rstrip("/") if base else request.host_url.rstrip("/")


def _target(rest: str | None) -> object:
    """URIRef of the graph, _DEFAULT, or _DATASET."""
    if rest is not None:
        if "graph" in request.args or "default" in request.args:
            raise WebError(400, "a graph named by its URL takes no 'graph' or 'default' parameter")
        return URIRef(_public_root() + PATH + "/" + rest)
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if len(graphs) > 1 or (graphs and default):
        raise WebError(400, "name exactly one graph: one 'graph' parameter, or 'default'")
    if default:
        return _DEFAULT
    if graphs:
        try:
            return URIRef(sparql_text.check_iri(graphs[0]))
        except ValueError as exc:
            raise WebError(400, f"graph: {exc}") from exc
    return _DATASET


@bp.route(PATH, methods=["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"])
@bp.route(PATH + "/<path:rest>", methods=["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"])
def graph_store(rest: str | None = None) -> Response:
    if request.method == "OPTIONS":
        return http.preflight("GET, HEAD")
    target = _target(rest)
    if request.method in ("GET", "HEAD"):
        return _get(target)
    http.require_write()
    if request.method == "DELETE":
        return _delete(target)
    return _write(target, replace=request.method == "PUT")


def _exists(name: URIRef) -> bool:
    return name in set(http.state().store.graph_names())


def _get(target: object) -> Response:
    st = http.state()
    accept = request.headers.get("Accept")
    fmt_param = request.args.get("format") or None
    if target is _DATASET:
        fmt = negotiate(accept, formats_for(DATASET), fmt_param)
    else:
        fmt = negotiate(accept, formats_for(GRAPH), fmt_param)
        if isinstance(target, URIRef) and not _exists(target):
            raise NotFound(f"no graph named <{target}> in this store")
    etag, cached = http.not_modified(f"gsp|{fmt.media_type}|{request.full_path}")
    if cached is not None:
        return cached
    assert fmt.rdflib_name is not None
    if target is _DATASET:
        body = st.store.dataset().serialize(format=fmt.rdflib_name)
    else:
        name = target if isinstance(target, URIRef) else None
        body = st.store.get_graph(name).serialize(format=fmt.rdflib_name)
    resp = Response(body, content_type=fmt.content_type)
    http.cache_headers(resp, etag)
    return resp


def _payload(base: str) -> Graph:
    """The request body as a graph; multipart/form-data parts are merged (GSP 5.5)."""
    mimetype = request.mimetype
    if mimetype == "multipart/form-data":
        http.read_body()  # enforce the cap before werkzeug parses the parts
        graph = Graph()
        if not request.files:
            raise WebError(400, "the multipart body has no file parts")
        for key, part in request.files.items(multi=True):
            part_type = part.mimetype or "text/turtle"
            if by_media_type(part_type, GRAPH) is None:
                raise WebError(415, f"part {key!r}: {part_type} is not an RDF graph format")
            graph += parse_graph(part.read(), part_type, base, what=f"part {key}")
        return graph
    if by_media_type(mimetype, GRAPH) is None:
        offered = ", ".join(f.media_type for f in formats_for(GRAPH))
        shown = mimetype or "no Content-Type"
        raise WebError(415, f"{shown} is not an RDF graph format; send one of {offered}")
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise WebError(415, f"the payload must be UTF-8 encoded, not {charset}")
    return parse_graph(http.read_body(), mimetype, base)


def _write(target: object, *, replace: bool) -> Response:
    service = http.state().service
    location: str | None = None
    if target is _DATASET:
        if replace:
            raise WebError(400, "PUT needs a graph: ?graph=IRI, ?default, or a graph URL")
        location = f"{_public_root()}{PATH}/{uuid.uuid4().hex}"
        target = URIRef(location)
    name = target if isinstance(target, URIRef) else None
    created = name is not None and not _exists(name)
    graph = _payload(str(name) if name is not None else _public_root() + PATH)
    if replace:
        service.put_graph(name, graph)
    else:
        service.post_graph(name, graph)
    resp = Response(status=201 if created else 204)
    if location is not None:
        resp.headers["Location"] = location
    elif created and name is not None:
        resp.headers["Location"] = str(name)
    return resp


def _delete(target: object) -> Response:
    if target is _DATASET:
        raise WebError(400, "DELETE needs a graph: ?graph=IRI, ?default, or a graph URL")
    name = target if isinstance(target, URIRef) else None
    if name is not None and not _exists(name):
        raise NotFound(f"no graph named <{name}> in this store")
    http.state().service.delete_graph(name)
    return Response(status=204)
