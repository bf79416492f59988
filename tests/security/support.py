"""What the attack and fault suite shares: the real server as a separate process, a small
world (ontology, shapes, data) written per session, an HTTP client that can pick its source
address (127.0.0.x are distinct clients), the canary, and the "unchanged" and "healthy" checks.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "security-suite-token-7f3a9c0d"
IUC = "https://w3id.org/iucgraph/ontology#"
ID = "https://w3id.org/iucgraph/id/"
SOURCE = ID + "source/security-test"
BASE_URL = "https://iucgraph.example/"
CITIES = 120  # ~500 triples: a three-way cartesian product is ~10^8 rows, far past the timeout
ROW_CAP = 25
QUERY_TIMEOUT = 1.5
MAX_BODY = 300_000
MAX_URL = 4_000
SERVER_START = 60.0
ASK = "ASK { ?s ?p ?o }"
NQUADS = "application/n-quads"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def call(
    method: str,
    url: str,
    *,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | list[tuple[str, str]] | None = None,
    source: str = "127.0.0.1",
    timeout: float = 30.0,
) -> Reply:
    """One HTTP request from `source` (a loopback address: each one is a distinct client)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    query = parts.query
    if params:
        query = (query + "&" if query else "") + urlencode(params)
    if query:
        path += "?" + query
    data = body.encode("utf-8") if isinstance(body, str) else body
    conn = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0)
    )
    started = time.monotonic()
    try:
        conn.request(method, path, body=data, headers=headers or {})
        resp = conn.getresponse()
        payload = resp.read()
    finally:
        conn.close()
    return Reply(
        resp.status,
        {k.lower(): v for k, v in resp.getheaders()},
        payload,
        time.monotonic() - started,
    )


def query(url: str, text: str, accept: str = "application/sparql-results+json", **kw) -> Reply:
    """A SPARQL query by POST (application/sparql-query)."""
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    headers.update(kw.pop("headers", {}))
    return call("POST", url + "/sparql", body=text, headers=headers, **kw)


def write_headers(content_type: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


# -- the world ----------------------------------------------------------------------------------

ONTOLOGY = """@prefix iuc: <https://w3id.org/iucgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/iucgraph/ontology> a owl:Ontology ;
    owl:imports <{canary}/imported-ontology.ttl> , <file://{fifo}> .
iuc:City a owl:Class ; rdfs:label "City"@en .
"""

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iuc: <https://w3id.org/iucgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/iucgraph/shapes#> a owl:Ontology ;
    owl:imports <{canary}/imported-shapes.ttl> .
<https://w3id.org/iucgraph/shapes#CityShape> a sh:NodeShape ;
    sh:targetClass iuc:City ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:datatype rdf:langString ] ;
    sh:property [ sh:path iuc:population ; sh:datatype xsd:integer ; sh:maxCount 1 ] .
""".replace(
    "@prefix sh:", "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n@prefix sh:"
)


def city_triples(n: int, start: int = 0, graph: str = SOURCE) -> str:
    """TriG: `n` conforming cities in `graph`."""
    lines = [f"<{graph}> {{"]
    for i in range(start, start + n):
        city = f"<{ID}city/xx/city-{i}>"
        lines.append(
            f'  {city} a <{IUC}City> ; <http://www.w3.org/2000/01/rdf-schema#label> "City {i}"@en ;'
            f" <{IUC}population> {1000 + i} ."
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def pairings(n: int) -> str:
    """TriG: `n` pairings between the first 2n cities (a network view of 2n nodes)."""
    lines = [f"<{SOURCE}> {{"]
    for i in range(n):
        lines.append(
            f"  <{ID}pairing/p-{i}> a <{IUC}Pairing> ; <{IUC}euCity> <{ID}city/xx/city-{i}> ;"
            f" <{IUC}partnerCity> <{ID}city/xx/city-{i + n}> ."
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


EVIL_LABEL = '<script>alert("label")</script><img src=x onerror=alert(1)>'
EVIL_CITY = f"{ID}city/xx/evil"


def evil_city() -> str:
    return (
        f"<{SOURCE}> {{\n  <{EVIL_CITY}> a <{IUC}City> ;"
        f" <http://www.w3.org/2000/01/rdf-schema#label> {json_string(EVIL_LABEL)}@en ;"
        f" <https://schema.org/url> <javascript:alert(2)> ;"
        f" <http://www.w3.org/2002/07/owl#sameAs> <javascript:alert(3)> .\n}}\n"
    )


def json_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class World:
    root: Path
    canary: Canary

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def config(self, **overrides: object) -> Path:
        """A TOML settings file with the suite's small caps; `section__key=value` overrides."""
        sections: dict[str, dict[str, object]] = {
            "paths": {"ontology_dir": str(self.ontology_dir), "data_dir": str(self.data_dir)},
            "store": {
                "query_timeout": QUERY_TIMEOUT,
                "row_cap": ROW_CAP,
                "max_concurrent_queries": 3,
                "queue_wait": 1.0,
                "max_request_bytes": MAX_BODY,
            },
            "web": {"max_url_length": MAX_URL, "retry_after": 2, "base_url": BASE_URL},
            "network": {"max_nodes": 50, "max_edges": 50},
        }
        for key, value in overrides.items():
            section, _, name = key.partition("__")
            sections[section][name] = value
        lines = []
        for section, values in sections.items():
            lines.append(f"[{section}]")
            for name, value in values.items():
                lines.append(f"{name} = {toml_value(value)}")
        path = self.root / f"config-{time.monotonic_ns()}.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def make_world(root: Path, canary: Canary) -> World:
    (root / "ontology").mkdir(parents=True)
    (root / "data").mkdir()
    fill = {"canary": canary.url, "fifo": str(canary.fifo)}
    (root / "ontology" / "iuc.ttl").write_text(ONTOLOGY.format(**fill), encoding="utf-8")
    (root / "ontology" / "shapes.ttl").write_text(SHAPES.format(**fill), encoding="utf-8")
    (root / "data" / "cities.trig").write_text(city_triples(CITIES) + evil_city(), "utf-8")
    (root / "data" / "pairings.trig").write_text(pairings(CITIES // 2), "utf-8")
    return World(root, canary)


# -- the canary ---------------------------------------------------------------------------------


class Canary:
    """A loopback HTTP server and a named pipe that count every access; both must stay at 0.

    Reading the pipe (FROM <file:...>, an external entity, a JSON-LD context by file IRI)
    unblocks the thread waiting to write into it, which counts the hit.
    """

    SECRET = "canary-secret-9d1e"

    def __init__(self, root: Path) -> None:
        self.hits: list[str] = []
        self.file_hits = 0
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def _hit(self) -> None:
                canary.hits.append(f"{self.command} {self.path}")
                body = canary.SECRET.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = do_PUT = _hit

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.fifo = root / "canary.fifo"
        os.mkfifo(self.fifo)
        self._stop = False
        self._threads = [
            threading.Thread(target=self._server.serve_forever, daemon=True),
            threading.Thread(target=self._watch_fifo, daemon=True),
        ]
        for t in self._threads:
            t.start()

    def _watch_fifo(self) -> None:
        while not self._stop:
            fd = os.open(self.fifo, os.O_WRONLY)  # blocks until somebody opens it to read
            if self._stop:
                os.close(fd)
                return
            self.file_hits += 1
            try:
                os.write(fd, self.SECRET.encode())
            except OSError:
                pass
            os.close(fd)

    def total(self) -> int:
        return len(self.hits) + self.file_hits

    def assert_silent(self) -> None:
        assert self.hits == [] and self.file_hits == 0, (self.hits, self.file_hits)

    def close(self) -> None:
        self._stop = True
        fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)  # release the waiting writer
        time.sleep(0.05)
        os.close(fd)
        self._server.shutdown()
        self._server.server_close()


# -- the server ---------------------------------------------------------------------------------


@dataclass
class Server:
    """`python -m iucgraph serve` in its own process group (it starts query workers)."""

    config: Path
    store_dir: Path | None = None
    token: bool = False
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        env.pop("IUCGRAPH_WRITE_TOKEN", None)
        if self.token:
            env["IUCGRAPH_WRITE_TOKEN"] = TOKEN
        args = [sys.executable, "-m", "iucgraph", "serve", "--host", "127.0.0.1"]
        args += ["--port", str(self.port), "--config", str(self.config)]
        if self.store_dir is not None:
            args += ["--store", str(self.store_dir)]
        self.log = self.config.with_suffix(f".{self.port}.log")
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + SERVER_START
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                if call("GET", self.url + "/health", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start in time")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        """SIGKILL the server process only (its query workers notice and exit by themselves)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.process = None

    def logs(self) -> str:
        return self.log.read_text(errors="replace") if self.log else ""


# -- "unchanged" and "healthy" ------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    quads: int
    digest: str


def dataset_state(url: str) -> State:
    """Quad count and a canonical (RDFC) hash of everything the server holds."""
    reply = call("GET", url + "/rdf-graph-store", headers={"Accept": NQUADS})
    assert reply.status == 200, reply.text
    dataset = ox.Dataset(ox.parse(reply.body, format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(str(q) for q in dataset)
    return State(len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest())


def assert_healthy(url: str, source: str = "127.0.0.9", limit: float = 1.0) -> None:
    """/health and a trivial ASK, each answered in under `limit` seconds."""
    health = call("GET", url + "/health", source=source, timeout=5)
    assert health.status == 200 and health.seconds < limit, (health.status, health.seconds)
    ask = query(url, ASK, source=source, timeout=5)
    assert ask.status == 200 and ask.seconds < limit, (ask.status, ask.seconds, ask.text)
    assert b"true" in ask.body


class HealthWatch:
    """Checks health from another client every `every` seconds while a test attacks."""

    def __init__(self, url: str, every: float = 0.25, source: str = "127.0.0.8") -> None:
        self.url, self.every, self.source = url, every, source
        self.failures: list[str] = []
        self.checks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                assert_healthy(self.url, self.source)
            except (AssertionError, OSError) as e:
                self.failures.append(repr(e))
            self.checks += 1
            self._stop.wait(self.every)

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)
        assert self.checks > 0
        assert self.failures == [], self.failures
