"""Read the W3C SPARQL 1.1 Protocol and Graph Store Protocol manifests into plain records.

The manifests describe each test as HTTP requests (method, path, headers, body) and the
expected responses (status codes or classes, content type, ASK boolean, an RDF body to compare
by isomorphism, a Location to reuse). See /work/shared/w3c/README.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS
from rdflib.term import Node

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

_NAMED_STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}


@dataclass(frozen=True)
class Expected:
    statuses: frozenset[str]  # "200", "2xx", ...
    boolean: bool | None = None
    result_format: str | None = None  # "boolean" | "tabular" | "RDF"
    content_type: str | None = None
    body: str | None = None
    location_var: str | None = None

    def status_ok(self, status: int) -> bool:
        return str(status) in self.statuses or f"{status // 100}xx" in self.statuses


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    requests: tuple[Request, ...]
    graph_data: tuple[tuple[str, Path], ...] = field(default=())  # (graph name, N-Triples file)


def shared_w3c_dir() -> Path | None:
    """$IUCGRAPH_SHARED_DIR/w3c, <repo>/../shared/w3c, else /work/shared/w3c; None if absent."""
    repo = Path(__file__).resolve().parents[2]
    candidates = [repo.parent / "shared" / "w3c", Path("/work/shared/w3c")]
    if os.environ.get("IUCGRAPH_SHARED_DIR"):
        candidates.insert(0, Path(os.environ["IUCGRAPH_SHARED_DIR"]) / "w3c")
    for candidate in candidates:
        if (candidate / "sparql11-protocol" / "manifest.ttl").is_file():
            return candidate
    return None


def _items(g: Graph, head: Node | None) -> list[Node]:
    return list(Collection(g, head)) if head is not None else []


def _status(node: Node) -> str:
    local = str(node).rsplit("#", 1)[-1]
    if local.startswith("StatusCode"):
        return local[len("StatusCode") :].lower()  # "2xx"
    return str(_NAMED_STATUS[local])


def _headers(g: Graph, owner: Node) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue)))
        for h in _items(g, g.value(owner, HT.headers))
    )


def _body(g: Graph, owner: Node) -> tuple[str | None, str]:
    body = g.value(owner, HT.body)
    if body is None:
        return None, "utf-8"
    encoding = g.value(body, CNT.characterEncoding)
    return str(g.value(body, CNT.chars)), str(encoding or "UTF-8")


def _request(g: Graph, node: Node) -> Request:
    resp = g.value(node, HT.resp)
    assert resp is not None
    ctype = dict((k.lower(), v) for k, v in _headers(g, resp)).get("content-type")
    expected_body, _ = _body(g, resp)
    boolean = g.value(resp, MF.expectedBoolean)
    fmt = g.value(resp, MF.expectedFormat)
    location = g.value(resp, MF.expectedLocation)
    expected = Expected(
        frozenset(_status(s) for s in g.objects(resp, MF.expectedStatus)),
        None if boolean is None else bool(boolean.toPython()),  # type: ignore[union-attr]
        None if fmt is None else str(fmt),
        ctype,
        expected_body,
        None if location is None else str(location),
    )
    text, encoding = _body(g, node)
    return Request(
        str(g.value(node, HT.methodName)),
        str(g.value(node, HT.absolutePath)),
        _headers(g, node),
        None if text is None else text.encode(encoding.lower()),
        expected,
    )


def read_manifest(path: Path) -> list[Case]:
    """The test cases of one manifest, in the manifest's order."""
    g = Graph()
    g.parse(path, format="turtle", publicID=path.resolve().as_uri())
    manifest = URIRef(path.resolve().as_uri())
    cases: list[Case] = []
    for entry in _items(g, g.value(manifest, MF.entries)):
        action = g.value(entry, MF.action)
        requests = tuple(_request(g, r) for r in _items(g, g.value(action, HT.requests)))
        data = tuple(
            (str(g.value(d, RDFS.label)), Path(unquote(urlparse(str(g.value(d, UT.graph))).path)))
            for d in g.objects(entry, UT.graphData)
        )
        local = str(entry).rsplit("#", 1)[-1]
        cases.append(Case(local, str(g.value(entry, MF.name)), requests, data))
    return cases
