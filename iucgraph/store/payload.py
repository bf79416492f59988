"""Parsing uploaded RDF (Graph Store Protocol bodies) without ever fetching anything.

pyoxigraph parses; it has no document loader, so a remote JSON-LD context fails to parse
instead of being fetched. RDF/XML with a DOCTYPE is refused outright: internal entities would be
expanded (the "billion laughs") and external ones point at files or URLs. A body is always
content: a path or a URL in it is just (mostly invalid) RDF text.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from iucgraph.errors import InputError, UnsupportedFormat
from iucgraph.store.results import GRAPH_FORMATS, canonical_media_type

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def payload_format(media_type: str) -> ox.RdfFormat:
    """The parser for a body of this media type (the store's graph formats and their aliases)."""
    chosen = canonical_media_type(media_type, graph_result=True)
    if chosen is None:
        bare = media_type.split(";")[0].strip().lower()
        raise UnsupportedFormat(f"cannot read {bare or 'a body without type'}", list(GRAPH_FORMATS))
    return GRAPH_FORMATS[chosen]


def parse_payload(
    body: bytes,
    media_type: str,
    *,
    graph: str | None,
    base_iri: str | None = None,
    label: str = "request body",
) -> list[ox.Quad]:
    """The quads of `body`; triples go into `graph` (None: the default graph).

    A dataset format (TriG, N-Quads, JSON-LD) keeps the graph names it carries only when
    `graph` is None; into a named graph, only triples are accepted. Blank nodes get fresh
    identifiers, so two uploads never share one by accident.
    """
    fmt = payload_format(media_type)
    if fmt == ox.RdfFormat.RDF_XML and _DTD.search(body):
        raise InputError("RDF/XML with a DOCTYPE or ENTITY declaration is refused", path=label)
    target = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
    try:
        parsed = list(
            ox.parse(
                body,
                format=fmt,
                base_iri=base_iri,
                rename_blank_nodes=True,
                without_named_graphs=graph is not None,
            )
        )
    except SyntaxError as e:
        line = e.args[1][1] if len(e.args) > 1 and e.args[1] and e.args[1][1] else None
        raise InputError(
            f"syntax error: {e.args[0] if e.args else e}", path=label, line=line
        ) from None
    except (ValueError, OSError) as e:
        raise InputError(f"cannot parse: {e}", path=label) from None
    if graph is None:
        return parsed
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed]
