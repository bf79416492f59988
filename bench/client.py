"""The HTTP side of the bench: send a query, time it to the last byte, count the rows.

Each client thread keeps one keep-alive connection (as SPARQLWrapper, curl in a loop or a
browser would). Every loop is bounded by a count and by a time budget.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass

SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"
REQUEST_TIMEOUT = 300.0


class QueryFailed(RuntimeError):
    """A non-200 answer (or a broken connection) from a server under test."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def accept_for(query: str) -> str:
    """The Accept header of a query: N-Triples for CONSTRUCT, SPARQL JSON otherwise."""
    body = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
    head = body.upper().split("WHERE")[0]
    return GRAPH_ACCEPT if "CONSTRUCT" in head or "DESCRIBE" in head else SELECT_ACCEPT


class Client:
    """One keep-alive connection to `url`; `send` returns (seconds, body)."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.path = parts.path or "/"
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def send(self, query: str, accept: str) -> tuple[float, bytes]:
        """GET ?query=..., read the whole body; the time is from sending to the last byte."""
        target = self.path + "?" + urllib.parse.urlencode({"query": query})
        headers = {"Accept": accept}
        for attempt in (1, 2):  # a server may close an idle keep-alive connection: retry once
            conn = self._connection()
            try:
                t0 = time.perf_counter()
                conn.request("GET", target, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                elapsed = time.perf_counter() - t0
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                self.close()
                if attempt == 2:
                    raise QueryFailed(f"{self.host}:{self.port}: {exc}") from exc
                continue
            if resp.will_close:
                self.close()
            if resp.status != 200:
                text = body[:300].decode("utf-8", "replace")
                raise QueryFailed(
                    f"HTTP {resp.status} from {self.host}:{self.port}: {text}", resp.status
                )
            return elapsed, body
        raise AssertionError("unreachable")


def count_rows(body: bytes, accept: str) -> int:
    """Solutions of a SPARQL JSON result, or distinct triples of an N-Triples graph."""
    if accept == SELECT_ACCEPT:
        doc = json.loads(body)
        if "boolean" in doc:
            return 1
        return len(doc["results"]["bindings"])
    lines = {line.strip() for line in body.decode("utf-8").splitlines()}
    return len({line for line in lines if line and not line.startswith("#")})


@dataclass(frozen=True)
class Latency:
    median: float
    p95: float
    runs: int
    rows: int


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def measure_latency(url: str, query: str, repeat: int, budget: float) -> Latency:
    """One warm-up, then up to `repeat` timed runs, stopping early when `budget` s are spent."""
    accept = accept_for(query)
    client = Client(url)
    try:
        _, body = client.send(query, accept)  # warm-up: caches, lazy parsing, connection
        rows = count_rows(body, accept)
        times: list[float] = []
        deadline = time.monotonic() + budget
        while len(times) < repeat and (not times or time.monotonic() < deadline):
            elapsed, _ = client.send(query, accept)
            times.append(elapsed)
    finally:
        client.close()
    return Latency(statistics.median(times), percentile(times, 95), len(times), rows)


@dataclass(frozen=True)
class Throughput:
    per_second: float  # answered (200) requests per second
    rejected: int  # 503/429 answers (the server's overload protection), not counted above


def measure_throughput(
    url: str, query: str, clients: int, requests: int, budget: float
) -> Throughput:
    """`clients` threads share `requests` requests (or `budget` s); a 503 or 429 counts as a
    rejection and the run goes on; any other failure stops it."""
    accept = accept_for(query)
    lock = threading.Lock()
    remaining = [requests]
    done = [0]
    rejected = [0]
    errors: list[BaseException] = []
    deadline = time.monotonic() + budget

    def worker() -> None:
        client = Client(url)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if remaining[0] <= 0 or errors:
                        return
                    remaining[0] -= 1
                try:
                    client.send(query, accept)
                except QueryFailed as exc:
                    if exc.status not in (429, 503):
                        raise
                    with lock:
                        rejected[0] += 1
                    continue
                with lock:
                    done[0] += 1
        except BaseException as exc:  # reported below, in the calling thread
            with lock:
                errors.append(exc)
        finally:
            client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=budget + REQUEST_TIMEOUT)
    elapsed = time.perf_counter() - t0
    if errors:
        raise QueryFailed(f"throughput run failed: {errors[0]}") from errors[0]
    return Throughput(done[0] / elapsed if elapsed > 0 else 0.0, rejected[0])


class MemorySampler:
    """Peak RSS of a server's process tree, sampled every `interval` s in a daemon thread."""

    def __init__(self, sample: object, interval: float = 0.05) -> None:
        self._sample = sample
        self._interval = interval
        self._stop = threading.Event()
        self.peak = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, int(self._sample()))  # type: ignore[operator]
            except Exception:  # the process may be gone between listing and reading
                pass
            self._stop.wait(self._interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
