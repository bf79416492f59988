"""How a cut result says so in its own body, where the format allows it without breaking
parsers. The headers X-IUC-Truncated: true and X-IUC-Row-Count: N are always sent as well.

- SPARQL JSON: "head": {"link": ["urn:iucgraph:truncated"]} (head.link is the format's slot
  for metadata links; parsers ignore it).
- SPARQL XML: <link href="urn:iucgraph:truncated"/> at the end of <head>.
- Turtle, TriG, N-Triples, N-Quads: a trailing comment line "# truncated: ...".
- RDF/XML: a trailing XML comment.
- CSV, TSV, JSON-LD: no in-body marker (it would be read as data); headers only.
"""

from __future__ import annotations

import json

TRUNCATED_LINK = "urn:iucgraph:truncated"


def mark(body: bytes, format_name: str, row_count: int | None) -> bytes:
    """`body` with an in-body truncation marker for `format_name` (unchanged if none fits)."""
    note = f"truncated: the result was cut at {row_count} rows by the server's row cap"
    if format_name == "json":
        data = json.loads(body)
        links = data.setdefault("head", {}).setdefault("link", [])
        links.append(TRUNCATED_LINK)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    if format_name == "xml":
        marker = f'<link href="{TRUNCATED_LINK}"/>'.encode()
        if b"</head>" in body:
            return body.replace(b"</head>", marker + b"</head>", 1)
        return body.replace(b"<head/>", b"<head>" + marker + b"</head>", 1)
    if format_name in ("turtle", "trig", "ntriples", "nquads"):
        sep = b"" if body.endswith(b"\n") or not body else b"\n"
        return body + sep + f"# {note}\n".encode()
    if format_name == "rdfxml":
        return body + f"\n<!-- {note} -->\n".encode()
    return body
