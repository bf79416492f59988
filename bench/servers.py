"""The SPARQL servers under test, each a child process on 127.0.0.1 with a free port.

`Server.start(data, workdir)` loads the N-Quads file and waits until the server answers a
query; `stop()` ends the process (and its children: our worker processes) and is safe to call
twice. Every wait is bounded in time.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

VENV_BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
START_TIMEOUT = 600.0  # seconds a server may take to load 1M triples and answer


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _tool(name: str) -> str:
    """An executable of the virtualenv this runs in, else from PATH."""
    candidate = VENV_BIN / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (pip install it into the venv)")
    return found


@dataclass
class Server:
    """One server under test: `name`, its query URL once started, and its process."""

    name: str
    query_path: str = "/sparql"
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    load_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}{self.query_path}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, data: Path, workdir: Path) -> None:
        raise NotImplementedError

    def _spawn(self, argv: list[str], workdir: Path, env: dict[str, str] | None = None) -> None:
        self.log = workdir / f"{self.name}.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=str(ROOT),
                env={**os.environ, **(env or {})},
                start_new_session=True,  # its own process group: stop() ends workers too
            )

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Until `ASK {}` answers 200; raises if the process dies or the time runs out."""
        deadline = time.monotonic() + timeout
        probe = self.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log}:\n{self._tail()}")
            try:
                req = urllib.request.Request(
                    probe, headers={"Accept": "application/sparql-results+json"}
                )
                with urllib.request.urlopen(req, timeout=5) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.name} did not answer within {timeout:.0f} s; see {self.log}")

    def _tail(self) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]

    def processes(self) -> list[psutil.Process]:
        """The server process and all its children (worker processes count towards memory)."""
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def rss(self) -> int:
        total = 0
        for p in self.processes():
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total

    def stop(self) -> None:
        """SIGTERM to the process group, then SIGKILL after 10 s. Idempotent."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, PermissionError):
            pass
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)


class OxigraphDisk(Server):
    """`oxigraph load` into a RocksDB directory, then `oxigraph serve --location`."""

    def __init__(self) -> None:
        super().__init__("oxigraph-disk", query_path="/query")

    def start(self, data: Path, workdir: Path) -> None:
        location = workdir / "oxigraph-db"
        shutil.rmtree(location, ignore_errors=True)
        t0 = time.perf_counter()
        subprocess.run(
            [_tool("oxigraph"), "load", "--location", str(location), "--file", str(data)],
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT,
        )
        self.port = free_port()
        bind = f"{HOST}:{self.port}"
        argv = [_tool("oxigraph"), "serve", "--location", str(location), "--bind", bind]
        self._spawn([*argv, "--union-default-graph"], workdir)
        self.wait_ready()
        self.load_seconds = time.perf_counter() - t0


class OxigraphMemory(Server):
    """`oxigraph serve` without --location; the data is POSTed to its /store endpoint."""

    def __init__(self) -> None:
        super().__init__("oxigraph-memory", query_path="/query")

    def start(self, data: Path, workdir: Path) -> None:
        t0 = time.perf_counter()
        self.port = free_port()
        bind = f"{HOST}:{self.port}"
        self._spawn([_tool("oxigraph"), "serve", "--bind", bind, "--union-default-graph"], workdir)
        self.wait_ready()
        req = urllib.request.Request(
            f"http://{HOST}:{self.port}/store",
            data=data.read_bytes(),
            method="POST",
            headers={"Content-Type": "application/n-quads"},
        )
        with urllib.request.urlopen(req, timeout=START_TIMEOUT) as resp:
            if resp.status not in (200, 201, 204):
                raise RuntimeError(f"oxigraph /store answered {resp.status}")
        self.load_seconds = time.perf_counter() - t0


class RdflibEndpoint(Server):
    """rdflib-endpoint (FastAPI + uvicorn over an rdflib Dataset, union default graph)."""

    def __init__(self) -> None:
        super().__init__("rdflib-endpoint", query_path="/")

    def start(self, data: Path, workdir: Path) -> None:
        t0 = time.perf_counter()
        self.port = free_port()
        argv = [_tool("rdflib-endpoint"), "serve", "--host", HOST, "--port", str(self.port)]
        self._spawn([*argv, str(data)], workdir)
        self.wait_ready()
        self.load_seconds = time.perf_counter() - t0
