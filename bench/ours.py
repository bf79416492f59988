"""Our server under test: `python -m iucgraph serve` (embedded in-memory store, waitress).

The data goes in the way a user would put it there: the server starts empty
(`load_on_start = false`) with a write token, and the generated N-Quads are sent as one
SPARQL Update (INSERT DATA, grouped by named graph), which the server validates against the
shapes and commits. Every other protection keeps its default (query timeout, worker pool,
request caps, read-only without the token) except: the row cap is raised to 1,000,000 so that
query (a) at 1M triples is not cut (the cap stays on), and the request-size cap is raised so
that the load fits in one request, and the per-address limits (client_max_concurrent,
client_requests_per_second) are off, because the bench's 8 clients all come from 127.0.0.1
and stand for 8 different users (with them on, one address gets 1 query at a time and 429s).

If the server refuses the load (e.g. this build has no ontology/shapes.ttl yet, or the shapes
reject synthetic data), the bench falls back to bench/ours_app.py: the same create_app and
waitress with the same settings, the store filled in process before serving (no validation),
and says so in the run's notes.
"""

from __future__ import annotations

import secrets
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from bench.servers import HOST, START_TIMEOUT, Server, free_port

CONFIG = """\
load_on_start = false
row_cap = 1000000
max_request_bytes = 4000000000
client_max_concurrent = 0
client_requests_per_second = 0
"""
# The comparison row runs without the result cache (every request is evaluated); the
# "ours-cached" row keeps the server's default cache, reported apart.
NO_RESULT_CACHE = "result_cache_bytes = 0\n"


def insert_data(nquads: Path) -> bytes:
    """One INSERT DATA update with a GRAPH block per named graph of an N-Quads file."""
    groups: dict[str, list[str]] = defaultdict(list)
    for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        groups[graph].append(f"{q.subject} {q.predicate} {q.object} .")
    parts = ["INSERT DATA {", *groups.pop("", [])]
    for graph, triples in groups.items():
        parts += [f"GRAPH {graph} {{", *triples, "}"]
    parts.append("}")
    return "\n".join(parts).encode("utf-8")


class Ours(Server):
    """`python -m iucgraph serve` with the generated data loaded through SPARQL Update."""

    cached = False

    def __init__(self) -> None:
        super().__init__("ours-cached" if self.cached else "ours", query_path="/sparql")

    def start(self, data: Path, workdir: Path) -> None:
        config = workdir / f"{self.name}.toml"
        config.write_text(CONFIG + ("" if self.cached else NO_RESULT_CACHE), encoding="utf-8")
        token = secrets.token_hex(16)
        t0 = time.perf_counter()
        self.port = free_port()
        argv = [sys.executable, "-m", "iucgraph", "serve", "--host", HOST]
        argv += ["--port", str(self.port), "--config", str(config)]
        self._spawn(argv, workdir, env={"IUCGRAPH_WRITE_TOKEN": token, "PYTHONPATH": _root()})
        self.wait_ready()
        refused = self._load(data, token)
        if refused is None:
            self.notes.append("loaded by one SPARQL Update (validated, then committed)")
        else:
            self.stop()
            self.notes.append(
                f"SPARQL Update load refused ({refused}); fell back to bench/ours_app.py: same "
                "create_app + waitress + settings, store filled in process, not validated"
            )
            self.port = free_port()
            argv = [sys.executable, "-m", "bench.ours_app", "--port", str(self.port)]
            argv += ["--config", str(config), "--data", str(data)]
            self._spawn(argv, workdir, env={"PYTHONPATH": _root()})
            self.wait_ready()
        self.load_seconds = time.perf_counter() - t0

    def _load(self, data: Path, token: str) -> str | None:
        """None when loaded; else the server's reason for refusing."""
        req = urllib.request.Request(
            f"http://{HOST}:{self.port}/sparql",
            data=insert_data(data),
            method="POST",
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {token}",
            },
        )
        try:
            with urllib.request.urlopen(req, timeout=START_TIMEOUT) as resp:
                return None if resp.status in (200, 204) else f"HTTP {resp.status}"
        except urllib.error.HTTPError as exc:
            reason = exc.read()[:300].decode("utf-8", "replace").strip().splitlines()
            return f"HTTP {exc.code}: {reason[0] if reason else ''}"


class OursCached(Ours):
    """The same server with its result cache on (the default): repeated queries of one data
    version are answered from memory. Reported as its own row, never as "ours"."""

    cached = True


def _root() -> str:
    return str(Path(__file__).resolve().parent.parent)
