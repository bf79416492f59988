"""/.well-known/void and /download/: what the dataset holds and where to get all of it.

Both are computed from the store's current content, once per store version (the first request
after a start or a change builds them; later ones are served from memory), so the counts in
the VoID description always match what /sparql answers and the dumps are the same data.
Dumps come from iucgraph.build.write_dumps (the same files `iucgraph build` writes): Turtle,
TriG, N-Triples, N-Quads and JSON-LD, versioned names, with SHA256SUMS.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, render_template, request
from rdflib import Graph

from iucgraph.build import write_dumps
from iucgraph.describe import Dump, describe
from iucgraph.errors import NotFound
from iucgraph.formats import GRAPH, by_media_type, by_suffix, formats_for
from iucgraph.rdfio import quiet_rdflib
from iucgraph.store.base import Store
from iucgraph.web import http, pages
from iucgraph.web.negotiation import negotiate

bp = Blueprint("dataset", __name__, template_folder="templates")
_KEY = "iucgraph.dumps"


@dataclass(frozen=True)
class DumpFile:
    name: str
    media_type: str
    body: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.body)


@dataclass(frozen=True)
class Snapshot:
    """The dumps and the VoID description of one store version."""

    version: str
    files: dict[str, DumpFile]
    void: Graph


def register(app: Flask) -> None:
    app.extensions[_KEY] = _SnapshotCache()
    app.register_blueprint(bp)


def _media_type(name: str) -> str:
    if name == "SHA256SUMS":
        return "text/plain; charset=utf-8"
    fmt = by_suffix(name.rsplit(".", 1)[-1]) if "." in name else None
    return fmt.media_type if fmt is not None else "application/octet-stream"


def build_snapshot(store: Store, base: str, issued: str | None) -> Snapshot:
    """Dumps and description of the store as it is now."""
    version = store.version
    dataset = store.dataset()
    with tempfile.TemporaryDirectory(prefix="iucgraph-dumps-") as tmp, quiet_rdflib():
        paths, _ = write_dumps(dataset, Path(tmp), issued=issued)
        files = {}
        for path in paths:
            body = path.read_bytes()
            files[path.name] = DumpFile(
                path.name, _media_type(path.name), body, hashlib.sha256(body).hexdigest()
            )
    dumps = [
        Dump(f"{base}/download/{f.name}", f.media_type)
        for f in files.values()
        if f.name != "SHA256SUMS" and not f.name.startswith("void")
    ]
    void = describe(dataset, dumps=dumps, sparql_endpoint=f"{base}/sparql", issued=issued)
    return Snapshot(version, files, void)


class _SnapshotCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def get(self, store: Store, base: str, issued: str | None) -> Snapshot:
        with self._lock:
            if self._snapshot is None or self._snapshot.version != store.version:
                self._snapshot = build_snapshot(store, base, issued)
            return self._snapshot


def _snapshot() -> Snapshot:
    st = http.state()
    issued = dt.datetime.fromtimestamp(st.last_modified(), tz=dt.UTC).date().isoformat()
    cache: _SnapshotCache = current_app.extensions[_KEY]
    return cache.get(st.store, pages.public_base(), issued)


@bp.route("/.well-known/void", methods=["GET", "HEAD"])
def void() -> Response:
    offered = formats_for(GRAPH)
    fmt = negotiate(request.headers.get("Accept"), offered, request.args.get("format"))
    etag, cached = http.not_modified(f"void|{fmt.name}")
    if cached is not None:
        return cached
    snap = _snapshot()
    assert fmt.rdflib_name is not None
    with quiet_rdflib():
        body = snap.void.serialize(format=fmt.rdflib_name, encoding="utf-8")
    resp = Response(body, content_type=fmt.content_type)
    http.cache_headers(resp, etag)
    return resp


@bp.route("/download/", methods=["GET", "HEAD"])
def index() -> Response:
    snap = _snapshot()
    files = sorted(snap.files.values(), key=lambda f: (f.name == "SHA256SUMS", f.name))
    return pages.html_response(render_template("download.html", files=files))


@bp.route("/download/<name>", methods=["GET", "HEAD"])
def download(name: str) -> Response:
    snap = _snapshot()
    file = snap.files.get(name)
    if file is None:
        raise NotFound(f"no download named {name!r}; see /download/")
    if request.if_none_match.contains(file.sha256):
        resp = Response(status=304)
    else:
        resp = Response(file.body, content_type=_content_type(file.media_type))
    resp.set_etag(file.sha256)
    resp.headers["Cache-Control"] = "public, max-age=300"
    if name != "SHA256SUMS":
        resp.headers["Digest"] = "sha-256=" + _b64(file.sha256)
    return resp


def _content_type(media_type: str) -> str:
    fmt = by_media_type(media_type)
    return fmt.content_type if fmt is not None else media_type


def _b64(hexdigest: str) -> str:
    return base64.b64encode(bytes.fromhex(hexdigest)).decode("ascii")
