"""A small pool of query worker processes; a query past its time limit kills its worker.

Each worker holds the whole dataset of one version. A worker whose version is older than the
pool's current one is reloaded before its next query, so a query sees the old or the new data,
never a mix. The killed worker is replaced in the background, and the others keep answering.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from iucgraph.errors import Overloaded, QueryFailed, QueryTimeout, StoreUnavailable
from iucgraph.store.worker import parse_reply

# (version, kind, payload): kind "nquads" (payload bytes) or "dir" (payload a path)
Source = tuple[str, str, bytes | str]
LOAD_TIMEOUT = 120.0

# The directory that holds the iucgraph package, so a worker imports the same code.
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)
_WORKER_CODE = "import sys; from iucgraph.store.worker import serve_fd; serve_fd(int(sys.argv[1]))"


def spawn_worker() -> tuple[subprocess.Popen[bytes], Connection]:
    """A worker process (iucgraph/store/worker.py) and our end of its socket pair.

    A fresh interpreter, not a fork: safe beside a WSGI server's threads, and it never re-runs
    the caller's __main__."""
    ours, theirs = socket.socketpair()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    process = subprocess.Popen(
        [sys.executable, "-c", _WORKER_CODE, str(theirs.fileno())],
        pass_fds=[theirs.fileno()],
        stdin=subprocess.DEVNULL,
        env=env,
    )
    theirs.close()
    return process, Connection(ours.detach())


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    version: str | None = None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """`size` processes; `source()` tells the current version of the data and how to load it."""

    def __init__(
        self,
        size: int,
        source: Callable[[], Source],
        queue_wait: float = 2.0,
        *,
        version: Callable[[], str] | None = None,
        max_waiting: int | None = None,
    ) -> None:
        """`version()` (cheap) tells the current version; `source()` (may be costly: a dump)
        how to load it. At most `max_waiting` queries (default 4 per worker) wait for a worker,
        each up to `queue_wait` seconds; beyond, Overloaded at once."""
        self._source = source
        self._version = version or (lambda: source()[0])
        self._queue_wait = queue_wait
        self._max_waiting = max_waiting if max_waiting is not None else 4 * max(1, size)
        self._waiting = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        workers = [_Worker(*spawn_worker()) for _ in range(max(1, size))]
        self._load_all(workers, source())
        for w in workers:
            self._idle.put(w)

    def _load_all(self, workers: list[_Worker], current: Source) -> None:
        """Load `current` into `workers` in parallel (one dump sent to all)."""
        for w in workers:
            w.conn.send(("load", current[0], current[1], current[2]))
        for w in workers:
            self._await_loaded(w, current[0])

    def _await_loaded(self, w: _Worker, version: str) -> None:
        if not w.conn.poll(LOAD_TIMEOUT):
            w.kill()
            raise StoreUnavailable("a query worker did not load the data in time")
        try:
            reply = w.conn.recv()
        except EOFError:
            raise StoreUnavailable("a query worker died while loading the data") from None
        if reply != ("loaded", version):
            raise StoreUnavailable(f"a query worker answered {reply!r} to a load")
        w.version = version

    def _ensure_current(self, w: _Worker) -> None:
        if w.version != self._version():
            current = self._source()
            w.conn.send(("load", *current))
            self._await_loaded(w, current[0])

    def refresh_idle(self) -> None:
        """Reload every idle worker now (after a commit), so the next queries do not wait."""
        taken: list[_Worker] = []
        while True:
            try:
                taken.append(self._idle.get_nowait())
            except queue.Empty:
                break
        stale = [w for w in taken if w.version != self._version()]
        if stale:
            current = self._source()
            for w in stale:
                w.conn.send(("load", *current))
            for w in stale:
                try:
                    self._await_loaded(w, current[0])
                except StoreUnavailable:
                    taken.remove(w)
                    self._replace_later()
        for w in taken:
            self._idle.put(w)

    def run(self, request: tuple[Any, ...], timeout: float) -> tuple[tuple[Any, ...], bytes]:
        """Send one query; (reply header, body bytes). QueryTimeout kills the worker."""
        if self._closed:
            raise StoreUnavailable("the store is closed")
        try:
            w = self._idle.get_nowait()
        except queue.Empty:
            w = self._wait_for_worker()
        healthy = False
        try:
            self._ensure_current(w)
            w.conn.send(request)
            if not w.conn.poll(timeout):
                raise QueryTimeout(timeout)
            header, body = parse_reply(w.conn.recv_bytes())
            healthy = True
            return header, body
        except (EOFError, OSError, BrokenPipeError) as e:
            raise QueryFailed(f"the query worker crashed: {e}") from None
        finally:
            if healthy:
                self._idle.put(w)
            else:
                w.kill()
                self._replace_later()

    def _wait_for_worker(self) -> _Worker:
        """Queue behind the busy workers, if the queue is not full."""
        with self._lock:
            if self._waiting >= self._max_waiting:
                raise Overloaded("every query worker is busy and the queue is full; try again")
            self._waiting += 1
        try:
            return self._idle.get(timeout=self._queue_wait)
        except queue.Empty:
            raise Overloaded("every query worker is busy; try again shortly") from None
        finally:
            with self._lock:
                self._waiting -= 1

    def _replace_later(self) -> None:
        def replace() -> None:
            if self._closed:
                return
            w = _Worker(*spawn_worker())
            try:
                self._ensure_current(w)
            except StoreUnavailable:
                w.kill()
                return
            if self._closed:
                w.kill()
            else:
                self._idle.put(w)

        threading.Thread(target=replace, name="iucgraph-worker-respawn", daemon=True).start()

    def close(self) -> None:
        """Stop the idle workers; busy ones stop when their query ends (they are daemons)."""
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(("stop",))
            except OSError:
                pass
            try:
                w.process.wait(2)
            except subprocess.TimeoutExpired:
                w.kill()
            w.conn.close()
