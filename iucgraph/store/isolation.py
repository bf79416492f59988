"""A SPARQL Update evaluated in a one-off worker process, stopped at its time or memory limit.

An update's WHERE clause can run away like a query's (`INSERT { ?a ?b ?c } WHERE { ?a ?b ?c .
?d ?e ?f }`) and, unlike a query, also fills memory with what it inserts. So it runs on a copy
of the dataset in a fresh process: past the time limit that process is killed, and the store,
which never saw the copy, is unchanged. Spawning costs about 0.05-0.1 s per update; updates are
rare and already copy the whole dataset.
"""

from __future__ import annotations

import signal
import subprocess

from iucgraph.errors import QueryFailed, UpdateFailed, UpdateTimeout
from iucgraph.store import policy
from iucgraph.store.pool import spawn_worker
from iucgraph.store.worker import parse_reply


def run_update(nquads: bytes, text: str, timeout: float, memory_bytes: int = 0) -> bytes:
    """The dataset `nquads` after the update `text`, as N-Quads.

    `memory_bytes` (0: none) caps the address space of the update's process. Raises
    QuerySyntaxError, UpdateFailed (refused by the engine, or past the memory cap),
    UpdateTimeout (the process was killed) or QueryFailed (the process died otherwise).
    """
    process, conn = spawn_worker()
    try:
        conn.send(("update", nquads, text, memory_bytes))
        if not conn.poll(timeout):
            raise UpdateTimeout(timeout)
        header, body = parse_reply(conn.recv_bytes())
    except (EOFError, OSError):
        raise _died(process, memory_bytes) from None
    finally:
        process.kill()
        process.wait(5)
        conn.close()
    if header[0] == "ok":
        return body
    kind, message = header[1], header[2]
    if kind == "syntax":
        raise policy.syntax_error(message)
    if kind == "memory":
        raise _out_of_memory(memory_bytes)
    raise UpdateFailed(f"the update failed: {message}")


def _died(process: subprocess.Popen[bytes], memory_bytes: int) -> Exception:
    try:
        code = process.wait(5)
    except subprocess.TimeoutExpired:
        code = None
    if memory_bytes and code == -signal.SIGABRT:  # Rust aborts when an allocation fails
        return _out_of_memory(memory_bytes)
    return QueryFailed(f"the update's process died (exit status {code}); nothing was changed")


def _out_of_memory(memory_bytes: int) -> UpdateFailed:
    return UpdateFailed(
        f"the update needs more memory than store.update_memory_bytes allows "
        f"({memory_bytes / 2**20:.0f} MiB); nothing was changed"
    )
