"""Helpers shared by the HTML pages: safe links, term display, negotiation with HTML, headers.

Only http(s) IRIs ever become an href (javascript:, data:, file: ... are shown as text); our
own IRIs link to this server (the instance base is mapped onto its address); every label goes
through Jinja's autoescaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, request
from rdflib import Literal, URIRef
from rdflib.term import Node

from iucgraph.formats import DATASET, GRAPH, Format, formats_for
from iucgraph.namespaces import ID_BASE, IUC, PREFIXES
from iucgraph.web.negotiation import negotiate

HTML = Format("html", "html", "text/html", frozenset({"page"}), None, ("application/xhtml+xml",))
# HTML first: a client that says nothing (or */*) is most often a person following a link.
PAGE_FORMATS: tuple[Format, ...] = (HTML, *formats_for(GRAPH))
DATASET_PAGE_FORMATS: tuple[Format, ...] = (
    *PAGE_FORMATS,
    *(f for f in formats_for(DATASET) if f not in PAGE_FORMATS),
)
# The HTML pages need their stylesheet and nothing else: no script, no remote resource.
HTML_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ONTOLOGY_NS = str(IUC._NS)


def by_suffix(suffix: str, offered: Sequence[Format]) -> Format | None:
    for fmt in offered:
        if fmt.suffix == suffix:
            return fmt
    return None


def split_suffix(path: str, offered: Sequence[Format]) -> tuple[str, Format | None]:
    """'city/cn/haikou.ttl' -> ('city/cn/haikou', Turtle); no known suffix -> (path, None)."""
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix:
        fmt = by_suffix(suffix.lower(), offered)
        if fmt is not None:
            return stem, fmt
    return path, None


def choose(offered: Sequence[Format]) -> Format:
    return negotiate(request.headers.get("Accept"), offered)


def local_href(iri: str) -> str | None:
    """Where a browser should go for `iri`: our pages for our IRIs, the IRI itself if it is
    http(s), else None (never a javascript:, data: or file: link)."""
    root = request.script_root
    if iri.startswith(ID_BASE):
        return f"{root}/id/{iri[len(ID_BASE) :]}"
    if iri.startswith(ONTOLOGY_NS):
        return f"{root}/ontology#{iri[len(ONTOLOGY_NS) :]}"
    parts = urlsplit(iri)
    if parts.scheme in ("http", "https") and parts.netloc:
        return iri
    return None


def short(node: Node) -> str:
    """A CURIE for well-known namespaces, else the full IRI or the literal's text."""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return text
    return str(node)


def literal_note(node: Node) -> str:
    """'@zh' or the datatype's CURIE, shown beside a literal."""
    if isinstance(node, Literal):
        if node.language:
            return "@" + node.language
        if node.datatype:
            return short(URIRef(node.datatype))
    return ""


def public_base() -> str:
    """The server's public root (configured base_url, else the request's host URL)."""
    from iucgraph.web import http

    configured = http.state().settings.web.base_url
    return (configured or request.host_url).rstrip("/")


def link_header(document: str, offered: Sequence[Format]) -> str:
    """Link: the canonical document and every alternate representation by suffix."""
    links = [f'<{document}>; rel="canonical"']
    for fmt in offered:
        links.append(f'<{document}.{fmt.suffix}>; rel="alternate"; type="{fmt.media_type}"')
    return ", ".join(links)


def html_response(body: str) -> Response:
    resp = Response(body, content_type="text/html; charset=utf-8")
    resp.headers["Content-Security-Policy"] = HTML_CSP
    return resp


def install_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(href=local_href, short=short, literal_note=literal_note)


STYLE_FILE = Path(__file__).parent / "templates" / "style.css"
