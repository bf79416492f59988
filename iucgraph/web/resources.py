"""/id/... and /ontology: every IRI we mint answers, with HTML for people and RDF for machines.

Content negotiation, following the W3C practice (Cool URIs for the Semantic Web; the TAG's
2012 httpRange-14 resolution): the resource IRI itself answers 200 with the representation the
Accept header asks for (HTML, Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads), with
`Vary: Accept` and `Content-Location` naming the document served (`haikou.ttl`). Each
document also has its own URL by suffix (`/id/city/cn/haikou.ttl`, `.jsonld`, `.nt`, `.rdf`,
`.trig`, `.nq`, `.html`) that never varies. `Link` gives the canonical document and every
alternate. We chose 200 + Content-Location over a 303 redirect because it costs clients one
round trip less and works with `curl` without `-L`; the Content-Location keeps the thing (the
city) and the document about it (haikou.ttl) distinct, as the TAG resolution asks. An IRI the
graph does not mention is a 404.

The instance base https://w3id.org/iucgraph/id/ is mapped onto /id/ of this server; RDF keeps
the canonical w3id IRIs. The ontology's namespace https://w3id.org/iucgraph/ontology# answers
at /ontology the same way, with a documentation page generated from ontology/iuc.ttl and the
requirements of ontology/shapes.ttl.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, render_template
from rdflib import URIRef

from iucgraph.errors import NotFound
from iucgraph.formats import Format
from iucgraph.namespaces import ID_BASE, WGS
from iucgraph.ontology_doc import OntologyDoc, build_doc
from iucgraph.rdfio import quiet_rdflib
from iucgraph.resource import describe_resource
from iucgraph.web import http, pages

bp = Blueprint("resources", __name__, template_folder="templates")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~\-/]*$")
_ONTOLOGY_KEY = "iucgraph.ontology"


def register(app: Flask) -> None:
    """Mount the blueprint; remember where the ontology and shapes files are."""
    paths = http.state_of(app).settings.paths
    app.extensions[_ONTOLOGY_KEY] = _OntologyCache(paths.ontology_file, paths.shapes_file)
    pages.install_template_helpers(app)
    app.register_blueprint(bp)


@bp.route("/assets/style.css", methods=["GET", "HEAD"])
def stylesheet() -> Response:
    resp = Response(pages.STYLE_FILE.read_bytes(), content_type="text/css; charset=utf-8")
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


@bp.route("/id/<path:path>", methods=["GET", "HEAD"])
def resource(path: str) -> Response:
    stem, fixed = pages.split_suffix(path, pages.DATASET_PAGE_FORMATS)
    if not _SAFE_PATH.match(stem) or "//" in stem:
        raise NotFound(f"no resource /id/{stem}")
    iri = URIRef(ID_BASE + stem)
    fmt = fixed or pages.choose(pages.DATASET_PAGE_FORMATS)
    etag, cached = http.not_modified(f"id|{stem}|{fmt.name}")
    if cached is not None:
        return cached
    desc = describe_resource(http.state().store, iri)
    if not desc.exists:
        raise NotFound(f"the graph says nothing about <{iri}>")
    document = f"{pages.public_base()}/id/{stem}"
    if fmt is pages.HTML:
        resp = pages.html_response(
            render_template(
                "resource.html",
                desc=desc,
                title=desc.label(iri) or stem,
                groups=desc.by_property(),
                conflicts=desc.conflicts(),
                coordinates=desc.coordinates(),
                same_as=desc.same_as(),
                wgs=WGS,
                alternates=_alternates(document, pages.DATASET_PAGE_FORMATS),
            )
        )
    else:
        assert fmt.rdflib_name is not None
        # TriG and N-Quads keep each statement in the graph of its source.
        rdf = desc.dataset() if fmt.name in ("trig", "nquads") else desc.graph()
        with quiet_rdflib():
            body = rdf.serialize(format=fmt.rdflib_name, encoding="utf-8")
        resp = Response(body, content_type=fmt.content_type)
    _negotiation_headers(resp, document, fmt, fixed is None, pages.DATASET_PAGE_FORMATS)
    http.cache_headers(resp, etag)
    return resp


def _alternates(document: str, offered: tuple[Format, ...]) -> list[tuple[str, str, str]]:
    return [(f"{document}.{f.suffix}", f.name, f.media_type) for f in offered]


def _negotiation_headers(
    resp: Response, document: str, fmt: Format, negotiated: bool, offered: tuple[Format, ...]
) -> None:
    resp.headers["Link"] = pages.link_header(document, offered)
    if negotiated:
        resp.vary.add("Accept")
        resp.headers["Content-Location"] = f"{document}.{fmt.suffix}"


class _OntologyCache:
    """The documentation model, rebuilt when either file changes on disk."""

    def __init__(self, ontology_file: Path, shapes_file: Path) -> None:
        self.files = (ontology_file, shapes_file)
        self._lock = threading.Lock()
        self._key: tuple[float, float] | None = None
        self._doc: OntologyDoc | None = None

    def get(self) -> OntologyDoc:
        key = tuple(p.stat().st_mtime if p.exists() else 0.0 for p in self.files)
        with self._lock:
            if self._doc is None or key != self._key:
                self._doc = build_doc(*self.files)
                self._key = key  # type: ignore[assignment]
            return self._doc


@bp.route("/ontology", methods=["GET", "HEAD"], strict_slashes=False)
@bp.route("/ontology.<suffix>", methods=["GET", "HEAD"])
def ontology(suffix: str | None = None) -> Response:
    fixed = None
    if suffix is not None:
        fixed = pages.by_suffix(suffix.lower(), pages.PAGE_FORMATS)
        if fixed is None:
            raise NotFound(f"no ontology document with suffix .{suffix}")
    fmt = fixed or pages.choose(pages.PAGE_FORMATS)
    doc = current_app.extensions[_ONTOLOGY_KEY].get()
    document = f"{pages.public_base()}/ontology"
    if fmt is pages.HTML:
        resp = pages.html_response(
            render_template(
                "ontology.html",
                doc=doc,
                alternates=_alternates(document, pages.PAGE_FORMATS),
            )
        )
    else:
        assert fmt.rdflib_name is not None
        resp = Response(
            doc.graph.serialize(format=fmt.rdflib_name, encoding="utf-8"),
            content_type=fmt.content_type,
        )
    _negotiation_headers(resp, document, fmt, fixed is None, pages.PAGE_FORMATS)
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp
