"""Replay one W3C test case against a running server and check every expected response.

Requests go through http.client, which sends exactly the headers we give it (urllib would
add a Content-Type of its own, and the protocol tests check what happens without one).
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from rdflib import Graph
from rdflib.compare import isomorphic

from tests.w3c.manifest import Case, Request

BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples"}
_RDFLIB = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
SRX = "{http://www.w3.org/2005/sparql-results#}"


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _boolean(media_type: str, body: bytes) -> bool | None:
    if media_type == "application/sparql-results+json":
        value = json.loads(body).get("boolean")
        return value if isinstance(value, bool) else None
    if media_type == "application/sparql-results+xml":
        node = ET.fromstring(body).find(f"{SRX}boolean")
        return None if node is None else (node.text or "").strip() == "true"
    return None


def _check(req: Request, status: int, headers: dict[str, str], body: bytes) -> list[str]:
    exp = req.expected
    problems: list[str] = []
    if not exp.status_ok(status):
        problems.append(f"status {status}, expected one of {sorted(exp.statuses)}: {body[:300]!r}")
        return problems
    ctype = headers.get("content-type")
    media = _media_type(ctype)
    wanted = {"boolean": BOOLEAN_TYPES, "tabular": TABULAR_TYPES, "RDF": RDF_TYPES}
    if exp.result_format and media not in wanted[exp.result_format]:
        problems.append(f"content type {ctype!r} is not a {exp.result_format} format")
    if exp.boolean is not None and _boolean(media, body) is not exp.boolean:
        problems.append(f"expected boolean {exp.boolean}, got {body[:200]!r}")
    if exp.content_type is not None and _media_type(exp.content_type) != media:
        problems.append(f"content type {ctype!r}, expected {exp.content_type!r}")
    if exp.body is not None and req.method != "HEAD" and media in _RDFLIB:
        got, want = Graph(), Graph()
        got.parse(data=body.decode("utf-8"), format=_RDFLIB[media])
        want.parse(data=exp.body, format=_RDFLIB[_media_type(exp.content_type) or media])
        if not isomorphic(got, want):
            problems.append(f"graph differs from the expected one:\n{body.decode()[:800]}")
    return problems


def replay(case: Case, base_url: str, prefix: str, our_path: str, token: str | None) -> list[str]:
    """Run `case`'s requests in order; the problems found (empty when the test passes)."""
    parsed = urlparse(base_url)
    variables: dict[str, str] = {}
    problems: list[str] = []
    for index, req in enumerate(case.requests, 1):
        path, body = req.path, req.body
        for var, value in variables.items():
            path = path.replace(var, value)
            body = body.replace(var.encode(), value.encode()) if body is not None else None
        if path.startswith(prefix):
            path = our_path + path[len(prefix) :]
            path = path.replace(our_path + "/?", our_path + "?")
            if path == our_path + "/":
                path = our_path
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        try:
            headers = {k: v for k, v in req.headers}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            conn.request(req.method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            got_headers = {k.lower(): v for k, v in resp.getheaders()}
        finally:
            conn.close()
        found = _check(req, resp.status, got_headers, data)
        problems += [f"request {index} ({req.method} {path}): {p}" for p in found]
        if req.expected.location_var and "location" in got_headers:
            variables[req.expected.location_var] = got_headers["location"]
        elif req.expected.location_var:
            problems.append(f"request {index}: no Location header")
    return problems
