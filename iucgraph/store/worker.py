"""A query worker: a process holding its own pyoxigraph Store, so a runaway query can be killed.

Neither rdflib nor pyoxigraph can interrupt a running query from Python; killing the process
that runs it is the only way to really stop it. Imports stdlib + pyoxigraph only (fast start).

Protocol over a multiprocessing Connection (the main side is iucgraph/store/pool.py):
  ("load", version, "nquads", bytes) or ("load", version, "dir", path)  -> ("loaded", version)
  ("query", text, media_type, default_graphs, named_graphs, cap, max_bytes)
      -> one bytes message (ok_reply / error_reply below; kind in syntax | format |
         too-large | failed)
  ("update", nquads, text, memory_bytes) -> one bytes message: the N-Quads after the update
      (a one-off worker of iucgraph/store/isolation.py, its address space capped at
      memory_bytes unless 0; its own store, never the query snapshot)
  ("stop",)
"""

from __future__ import annotations

import resource
import struct
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from iucgraph.store.results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    ResultTooLarge,
    serialize_solutions,
    serialize_triples,
)

# Where the protocol names only named graphs, the default graph is empty (SPARQL 1.1 Protocol
# 2.1.4); this graph never exists in a store of ours.
EMPTY_GRAPH = ox.NamedNode("urn:iucgraph:no-graph")
MERGE_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def with_union_default(store: ox.Store) -> ox.Store:
    """`store` with the union of its named graphs merged into its default graph, in place.

    Oxigraph's use_default_graph_as_union (and default_graph=[...]) yields one solution per
    quad, so a fact restated by two sources would give duplicate rows; SPARQL's default graph
    is an RDF graph (a set). The store is a set, so the merge holds each triple once; named
    graphs stay for GRAPH ?g. Runs in Rust (about 0.3 s at 100k quads).
    """
    store.update(MERGE_UNION)
    return store


def open_store(kind: str, payload: bytes | str) -> ox.Store:
    """A query snapshot: the dataset with the union as default graph, in memory (from N-Quads,
    or copied from a directory opened read-only: the merge needs a writable store)."""
    if kind == "dir":
        payload = ox.Store.read_only(str(payload)).dump(format=ox.RdfFormat.N_QUADS) or b""
    store = ox.Store()
    if payload:
        store.bulk_load(payload, format=ox.RdfFormat.N_QUADS)
    return with_union_default(store)


def run_query(
    store: ox.Store,
    text: str,
    media_type: str,
    default_graphs: list[str] | None,
    named_graphs: list[str],
    cap: int | None,
    max_bytes: int,
) -> tuple[bytes, bool, int]:
    """Evaluate and serialise. The dataset: the graphs the protocol names; else, with
    `default_graphs` None, the query's own FROM / FROM NAMED; else the store's default graph,
    which holds the union (see with_union_default)."""
    options: dict[str, Any] = {}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    elif named_graphs:
        options["default_graph"] = EMPTY_GRAPH
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    result = store.query(text, **options)
    if isinstance(result, ox.QueryTriples):
        if media_type not in GRAPH_FORMATS:
            raise LookupError(media_type)
        return serialize_triples(result, GRAPH_FORMATS[media_type], cap)
    if media_type not in RESULT_FORMATS:
        raise LookupError(media_type)
    fmt = RESULT_FORMATS[media_type]
    if isinstance(result, ox.QueryBoolean):
        return result.serialize(format=fmt) or b"", False, 1
    return serialize_solutions(result, fmt, cap, max_bytes)


def serve_fd(fd: int) -> None:
    """Entry point of a worker process: serve on the socket inherited as `fd`."""
    main(Connection(fd))


def main(conn: Connection) -> None:
    """Serve requests until told to stop or the other end goes away."""
    store = ox.Store()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "stop":
            return
        if message[0] == "load":
            _, version, kind, payload = message
            store = open_store(kind, payload)
            conn.send(("loaded", version))
            continue
        if message[0] == "update":
            _, nquads, text, memory_bytes = message
            if memory_bytes:
                resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
            conn.send_bytes(apply_update(nquads, text))
            continue
        _, text, media_type, default_graphs, named_graphs, cap, max_bytes = message
        try:
            body, truncated, rows = run_query(
                store, text, media_type, default_graphs, named_graphs, cap, max_bytes
            )
        except SyntaxError as e:
            conn.send_bytes(error_reply("syntax", str(e)))
        except LookupError as e:
            conn.send_bytes(error_reply("format", str(e)))
        except ResultTooLarge:
            conn.send_bytes(
                error_reply("too-large", f"the result is larger than {max_bytes} bytes")
            )
        except Exception as e:  # noqa: BLE001 - anything else is reported, the worker lives on
            conn.send_bytes(error_reply("failed", f"{type(e).__name__}: {e}"))
        else:
            conn.send_bytes(ok_reply(truncated, rows, body))


def apply_update(nquads: bytes, text: str) -> bytes:
    """The reply to an update: the dataset `nquads` after `text`, as N-Quads, or an error."""
    store = ox.Store()
    try:
        if nquads:
            store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.update(text)
        after = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    except SyntaxError as e:
        return error_reply("syntax", str(e))
    except MemoryError:
        return error_reply("memory", "")
    except (OSError, RuntimeError, ValueError) as e:  # reported; the writer changes nothing
        return error_reply("failed", str(e))
    return ok_reply(False, 0, after)  # the row count is a query's; the caller reads the body


# A query's reply is ONE message of bytes (one write, one read, nothing pickled):
# b"O" + truncated (1 byte) + rows (8 bytes, big-endian) + body, or b"E" + kind + NUL + message.
_OK_HEAD = struct.Struct(">cBq")


def ok_reply(truncated: bool, rows: int, body: bytes) -> bytes:
    return _OK_HEAD.pack(b"O", truncated, rows) + body


def error_reply(kind: str, message: str) -> bytes:
    return b"E" + kind.encode() + b"\0" + message.encode("utf-8", "replace")


def parse_reply(reply: bytes) -> tuple[tuple[Any, ...], bytes]:
    """(("ok", truncated, rows), body) or (("error", kind, message), b"")."""
    if reply[:1] == b"O":
        _, truncated, rows = _OK_HEAD.unpack_from(reply)
        return ("ok", bool(truncated), rows), reply[_OK_HEAD.size :]
    kind, _, message = reply[1:].partition(b"\0")
    return ("error", kind.decode(), message.decode("utf-8", "replace")), b""
