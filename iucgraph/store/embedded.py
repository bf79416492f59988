"""The embedded default store: pyoxigraph in memory or in a directory; the union of named graphs
is the default graph.

Two paths. Library calls (select, ask, construct, graph access) run in this process on the
current snapshot: our own catalogue queries, fast, no process hop. The SPARQL protocol path
(`execute`, anybody's query) runs in worker processes (pool.py) that can be killed at the
timeout; results come back as the bytes pyoxigraph serialised, never re-parsed.

Commits are version-tagged swaps: a new snapshot (a fresh in-memory Store, or a fresh
directory `v-<uuid>` named by the file CURRENT) is built aside, then one reference (and, on
disk, one os.replace of CURRENT) makes it current. Readers see the old or the new, never a mix.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from iucgraph.config import StoreSettings
from iucgraph.errors import QueryFailed, StoreWriteFailed, UnsupportedFormat
from iucgraph.store import policy
from iucgraph.store.base import Serialized, Store
from iucgraph.store.pool import Source, WorkerPool
from iucgraph.store.result_cache import ResultCache, cacheable
from iucgraph.store.terms import from_ox, quads_to_dataset
from iucgraph.store.worker import with_union_default

NQUADS = ox.RdfFormat.N_QUADS


def _fsync_directory(path: Path) -> None:
    """Make a rename in `path` durable (POSIX: the directory entry needs its own fsync)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class _Snapshot:
    """One version: `store` is the logical dataset (dumps, Graph Store, updates see it);
    queries run on a copy whose default graph holds the union (worker.with_union_default),
    built on first use, here and in each worker."""

    store: ox.Store
    version: str
    directory: Path | None  # on disk: what the workers open read-only
    _query_store: ox.Store | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def query_store(self) -> ox.Store:
        with self._lock:
            if self._query_store is None:
                copy = ox.Store()
                copy.bulk_load(self.store.dump(format=NQUADS) or b"", format=NQUADS)
                self._query_store = with_union_default(copy)
            return self._query_store


class EmbeddedStore(Store):
    """Fast in-process SPARQL (pyoxigraph is 30-140x faster than rdflib's engine here)."""

    def __init__(self, dataset: Dataset | None = None, settings: StoreSettings | None = None):
        self.settings = settings or StoreSettings()
        self._write_lock = threading.Lock()
        self._pool: WorkerPool | None = None
        self._pool_lock = threading.Lock()
        self._results = ResultCache(self.settings.result_cache_bytes)
        root = self.settings.location
        self._root = Path(root) if self.settings.kind == "directory" and root else None
        self._snapshot = self._open_directory() if self._root else self._memory_snapshot(b"")
        if dataset is not None:
            self.replace(dataset)

    # -- snapshots -----------------------------------------------------------------------------

    @staticmethod
    def _memory_snapshot(nquads: bytes) -> _Snapshot:
        store = ox.Store()
        if nquads:
            store.bulk_load(nquads, format=NQUADS)
        return _Snapshot(store, uuid.uuid4().hex, None)

    def _open_directory(self) -> _Snapshot:
        assert self._root is not None
        self._root.mkdir(parents=True, exist_ok=True)
        pointer = self._root / "CURRENT"
        if pointer.exists():
            name = pointer.read_text(encoding="utf-8").strip()
            snapshot = _Snapshot(ox.Store(str(self._root / name)), name, self._root / name)
        else:
            snapshot = self._disk_snapshot(b"")
        self._remove_old_directories(keep={snapshot.version})
        return snapshot

    def _disk_snapshot(self, nquads: bytes) -> _Snapshot:
        """Build a new version directory and make it current with one atomic rename."""
        assert self._root is not None
        name = f"v-{uuid.uuid4().hex}"
        try:
            store = ox.Store(str(self._root / name))
            if nquads:
                store.bulk_load(nquads, format=NQUADS)
            store.flush()
            temporary = self._root / "CURRENT.tmp"
            with open(temporary, "w", encoding="utf-8") as pointer:
                pointer.write(name)
                pointer.flush()
                os.fsync(pointer.fileno())
            os.replace(temporary, self._root / "CURRENT")
            _fsync_directory(self._root)
        except OSError as e:
            # Not yet current: drop the half-written version; the previous one stays in use.
            shutil.rmtree(self._root / name, ignore_errors=True)
            full = getattr(e, "errno", None) == errno.ENOSPC or "No space left" in str(e)
            reason = "the disk is full" if full else "an I/O error"
            raise StoreWriteFailed(
                f"the store could not write the new version ({reason}); nothing was changed",
                no_space=full,
            ) from None
        return _Snapshot(store, name, self._root / name)

    def _remove_old_directories(self, keep: set[str]) -> None:
        assert self._root is not None
        for child in self._root.glob("v-*"):
            if child.name not in keep and child.is_dir():
                shutil.rmtree(child, ignore_errors=True)

    def _current_version(self) -> str:
        return self._snapshot.version

    def _source(self) -> Source:
        """What a worker loads. In memory: a dump of the primary, made when a worker needs it
        (N-Quads bytes are not kept: at 100k they were about 15 MiB held for nothing)."""
        snap = self._snapshot
        if snap.directory is not None:
            return snap.version, "dir", str(snap.directory)
        return snap.version, "nquads", snap.store.dump(format=NQUADS) or b""

    # -- writes --------------------------------------------------------------------------------

    def replace_nquads(self, nquads: bytes) -> None:
        """Swap the content for these N-Quads, atomically (the fast path of every commit)."""
        with self._write_lock:
            previous = self._snapshot
            if self._root is None:
                self._snapshot = self._memory_snapshot(nquads)
            else:
                self._snapshot = self._disk_snapshot(nquads)
                self._remove_old_directories(keep={self._snapshot.version, previous.version})
            self._results.clear()
            if self._pool is not None:
                self._pool.refresh_idle()

    # -- library queries (in process) ----------------------------------------------------------

    def _evaluate(self, query: str, graph_result: bool) -> object:
        try:
            return self._snapshot.query_store().query(query)
        except SyntaxError as e:
            raise policy.syntax_error(str(e)) from None
        except OSError as e:
            raise QueryFailed(str(e)) from None

    # -- the protocol path (worker processes) --------------------------------------------------

    def _workers(self) -> WorkerPool:
        with self._pool_lock:
            if self._pool is None:
                self._pool = WorkerPool(
                    self.settings.max_concurrent_queries,
                    self._source,
                    self.settings.query_timeout
                    if self.settings.queue_wait is None
                    else self.settings.queue_wait,
                    version=self._current_version,
                )
            return self._pool

    def warm_up(self) -> None:
        """Start the query workers now, so that the first client does not wait for them."""
        self._workers()

    def _execute(
        self,
        query: str,
        media_type: str,
        graph_result: bool,
        default_graph_uris: list[str],
        named_graph_uris: list[str],
        cap: int | None,
    ) -> Serialized:
        key = (
            self._snapshot.version,
            query,
            media_type,
            tuple(default_graph_uris),
            tuple(named_graph_uris),
            cap,
        )
        use_cache = self._results.enabled and cacheable(query)
        cached = self._results.get(key) if use_cache else None
        if cached is not None:
            return cached
        result = self._execute_in_worker(
            query, media_type, default_graph_uris, named_graph_uris, cap
        )
        if use_cache:
            self._results.put(key, result)
        return result

    def _execute_in_worker(
        self,
        query: str,
        media_type: str,
        default_graph_uris: list[str],
        named_graph_uris: list[str],
        cap: int | None,
    ) -> Serialized:
        protocol_dataset = bool(default_graph_uris or named_graph_uris)
        own_dataset = not protocol_dataset and policy.has_dataset_clause(query)
        request = (
            "query",
            query,
            media_type,
            None if own_dataset else default_graph_uris,
            named_graph_uris,
            cap,
            self.settings.max_result_bytes,
        )
        header, body = self._workers().run(request, self.settings.query_timeout)
        if header[0] == "ok":
            return Serialized(body, media_type, truncated=header[1], row_count=header[2])
        kind, message = header[1], header[2]
        if kind == "syntax":
            raise policy.syntax_error(message)
        if kind == "format":
            raise UnsupportedFormat(f"cannot serialise as {message}", [media_type])
        raise QueryFailed(message)

    # -- graphs --------------------------------------------------------------------------------

    def graph_names(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value)
            for g in self._snapshot.store.named_graphs()
            if isinstance(g, ox.NamedNode)
        )

    def get_graph(self, name: URIRef | None, *, union: bool = True) -> Graph:
        """One named graph; for None the union (or, union=False, the store's own default graph)."""
        graph = Graph()
        target: ox.NamedNode | ox.DefaultGraph | None
        if name is not None:
            target = ox.NamedNode(str(name))
        else:
            target = None if union else ox.DefaultGraph()
        for q in self._snapshot.store.quads_for_pattern(None, None, None, target):
            graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return graph

    def has_graph(self, name: URIRef) -> bool:
        return bool(self._snapshot.store.contains_named_graph(ox.NamedNode(str(name))))

    def nquads(self) -> bytes:
        """Everything as N-Quads (the input of a copy-validate-commit)."""
        return self._snapshot.store.dump(format=NQUADS) or b""

    def dataset(self) -> Dataset:
        return quads_to_dataset(self._snapshot.store)

    def __len__(self) -> int:
        return len(self._snapshot.store)

    @property
    def version(self) -> str:
        return self._snapshot.version

    def close(self) -> None:
        """Stop the workers; on disk, also let go of the directory (its lock) right now."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
        if self._root is not None:
            with self._write_lock:
                self._snapshot = _Snapshot(ox.Store(), self._snapshot.version, None)
