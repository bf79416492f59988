"""Writing a QueryResult in each format it can take: the one table of result formats.

SELECT: SPARQL 1.1 JSON, CSV, TSV and XML results, plus an aligned text table for terminals.
CONSTRUCT: Turtle, JSON-LD, N-Triples. ASK: JSON and XML. The JSON bodies carry a `meta` member
with the row count and whether the cap truncated the result (HTTP headers say the same).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from iucgraph.catalogue.run import QueryResult
from iucgraph.errors import UnsupportedFormat
from iucgraph.formats import Format, get

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SPARQL_NS = "http://www.w3.org/2005/sparql-results#"


def meta(result: QueryResult) -> dict[str, Any]:
    """Row count and truncation, as they appear in JSON bodies and headers."""
    return {
        "query": result.query.name,
        "rowCount": result.row_count,
        "truncated": result.truncated,
        "rowCap": result.row_cap,
    }


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != _XSD_STRING:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(result: QueryResult) -> str:
    body: dict[str, Any]
    if result.boolean is not None:
        body = {"head": {}, "boolean": result.boolean}
    else:
        body = {
            "head": {"vars": list(result.variables)},
            "results": {
                "bindings": [{k: _json_term(v) for k, v in row.items()} for row in result.dicts()]
            },
        }
    body["meta"] = meta(result)
    return json.dumps(body, ensure_ascii=False, indent=1)


def _csv_value(term: Node | None) -> str:
    return "" if term is None else str(term)


def _nt(term: Node | None) -> str:
    """A term in N-Triples syntax (the SPARQL TSV result format)."""
    if term is None:
        return ""
    text: str = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(t) for t in row])
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join(_nt(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype and str(term.datatype) != _XSD_STRING:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def to_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{SPARQL_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.boolean is not None:
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.dicts():
            cells = "".join(
                f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>" for k, v in row.items()
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def to_table(result: QueryResult) -> str:
    """Columns aligned for a terminal; IRIs shortened with the query's own prefixes."""
    if result.boolean is not None:
        return ("yes" if result.boolean else "no") + "\n"
    if result.graph is not None:
        return to_turtle(result)
    cells = [[_csv_value(t) for t in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    footer = f"({result.row_count} rows{', truncated' if result.truncated else ''})"
    return "\n".join(line.rstrip() for line in [*lines, footer]) + "\n"


def _graph_writer(name: str) -> Callable[[QueryResult], str]:
    rdflib_name = get(name).rdflib_name or name

    def write(result: QueryResult) -> str:
        assert result.graph is not None
        return result.graph.serialize(format=rdflib_name)

    return write


to_turtle = _graph_writer("turtle")
to_jsonld = _graph_writer("jsonld")
to_ntriples = _graph_writer("ntriples")


@dataclass(frozen=True)
class ResultFormat:
    """A format a named query's result can be written in."""

    name: str  # the short name: URL suffix and --format value
    media_type: str
    kinds: frozenset[str]  # select / construct / ask
    write: Callable[[QueryResult], str]


TABLE_MEDIA_TYPE = "text/plain"  # the terminal table; not a format of iucgraph/formats.py
_S, _C, _A = frozenset({"select"}), frozenset({"construct"}), frozenset({"ask"})
# short name -> (row of iucgraph/formats.py, query kinds, writer): the names are the URL
# suffixes clients use (/queries/x.ttl), the media types are the formats table's.
_WRITERS: dict[str, tuple[Format, frozenset[str], Callable[[QueryResult], str]]] = {
    "json": (get("json"), _S | _A, to_json),
    "csv": (get("csv"), _S, to_csv),
    "tsv": (get("tsv"), _S, to_tsv),
    "xml": (get("xml"), _S | _A, to_xml),
    "ttl": (get("turtle"), _C, to_turtle),
    "jsonld": (get("jsonld"), _C, to_jsonld),
    "nt": (get("ntriples"), _C, to_ntriples),
}
FORMATS: dict[str, ResultFormat] = {
    name: ResultFormat(name, fmt.media_type, kinds, write)
    for name, (fmt, kinds, write) in _WRITERS.items()
}
FORMATS["table"] = ResultFormat("table", TABLE_MEDIA_TYPE, _S | _C | _A, to_table)
WEB_FORMATS = tuple(_WRITERS)  # `table` is for terminals


def formats_for(kind: str, names: tuple[str, ...] = WEB_FORMATS) -> list[ResultFormat]:
    """The formats a query of this kind can be written in, the default first."""
    return [FORMATS[n] for n in names if kind in FORMATS[n].kinds]


def render(result: QueryResult, format_name: str) -> tuple[str, str]:
    """(body, media type) of `result` in the named format, or UnsupportedFormat."""
    fmt = FORMATS.get(format_name)
    if fmt is None or result.kind not in fmt.kinds:
        offered = [f.name for f in formats_for(result.kind, tuple(FORMATS))]
        raise UnsupportedFormat(
            f"a {result.kind} result cannot be written as {format_name!r}", offered
        )
    return fmt.write(result), fmt.media_type
