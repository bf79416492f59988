"""A SPARQL Update evaluated in a one-off worker process, killed at its time limit.

An update's WHERE clause can run away like a query's (`INSERT { ?a ?b ?c } WHERE { ?a ?b ?c .
?d ?e ?f }`) and, unlike a query, also fills memory with what it inserts. So it runs on a copy
of the dataset in a fresh process: past the time limit that process is killed, and the store,
which never saw the copy, is unchanged. Spawning costs about 0.1 s per update; updates are rare
and already copy the whole dataset.
"""

from __future__ import annotations

from iucgraph.errors import UpdateFailed, UpdateTimeout
from iucgraph.store import policy
from iucgraph.store.pool import spawn_worker
from iucgraph.store.worker import parse_reply


def run_update(nquads: bytes, text: str, timeout: float) -> bytes:
    """The dataset `nquads` after the update `text`, as N-Quads.

    Raises QuerySyntaxError, UpdateFailed, or UpdateTimeout (the process was killed).
    """
    process, conn = spawn_worker()
    try:
        conn.send(("update", nquads, text))
        if not conn.poll(timeout):
            raise UpdateTimeout(timeout)
        header, body = parse_reply(conn.recv_bytes())
    except (EOFError, OSError) as e:
        raise UpdateFailed(f"the update's worker process died: {e or type(e).__name__}") from None
    finally:
        process.kill()
        process.wait(5)
        conn.close()
    if header[0] == "ok":
        return body
    kind, message = header[1], header[2]
    if kind == "syntax":
        raise policy.syntax_error(message)
    raise UpdateFailed(f"the update failed: {message}")
