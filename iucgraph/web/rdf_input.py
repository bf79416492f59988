"""Parse an uploaded RDF payload safely: content only, never a path or a URL to fetch.

rdflib would follow a JSON-LD remote @context and expand XML entities (external ones too),
so those are refused before parsing. Relative IRIs resolve against the graph's own IRI,
never a file: path. Errors are InputError with the line where the parser gives one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rdflib import Graph

from iucgraph.errors import InputError
from iucgraph.formats import GRAPH, by_media_type

_LINE = re.compile(r"line (\d+)", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _remote_context(value: Any) -> bool:
    """True if a JSON-LD document refers to any context by IRI (which rdflib would fetch)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                items = item if isinstance(item, list) else [item]
                if any(isinstance(c, str) for c in items):
                    return True
            if key == "@import" or _remote_context(item):
                return True
    elif isinstance(value, list):
        return any(_remote_context(v) for v in value)
    return False


def parse_graph(data: bytes, media_type: str, base: str, *, what: str = "the payload") -> Graph:
    """A graph from `data` in `media_type` (Turtle, N-Triples, RDF/XML, JSON-LD, TriG...)."""
    fmt = by_media_type(media_type, GRAPH)
    if fmt is None or fmt.rdflib_name is None:
        raise ValueError(media_type)
    if fmt.name == "rdfxml" and _DOCTYPE.search(data):
        raise InputError("RDF/XML with a DOCTYPE or entity declarations is refused", path=what)
    if fmt.name == "jsonld":
        try:
            doc = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg}", path=what, line=exc.lineno) from exc
        except ValueError as exc:
            raise InputError(f"not JSON: {exc}", path=what) from exc
        if _remote_context(doc):
            raise InputError("JSON-LD contexts by IRI are not fetched; inline them", path=what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", path=what) from exc
    graph = Graph()
    try:
        graph.parse(data=text, format=fmt.rdflib_name, publicID=base)
    except Exception as exc:  # rdflib raises many types; all mean "bad input" here
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        match = _LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise InputError(message[:500], path=what, line=line) from exc
    return graph
