"""Validate-then-commit: every change to the graph is made on a copy, SHACL-validated, and only
then swapped in as a whole. A change that does not parse or does not conform leaves the store
exactly as it was (same quads, same version).

The web layer (SPARQL Update, Graph Store Protocol writes) and `iucgraph load` both go through
`GraphService`; neither touches `Store.replace` directly.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Dataset, Graph

from iucgraph.config import Paths, Settings, as_settings
from iucgraph.errors import (
    ForbiddenOperation,
    NotAuthorized,
    NotFound,
    ValidationFailed,
)
from iucgraph.store import policy
from iucgraph.store.base import Store
from iucgraph.store.isolation import run_update
from iucgraph.store.payload import parse_payload
from iucgraph.store.terms import quads_to_dataset, to_ox

NQUADS = ox.RdfFormat.N_QUADS


class Report(Protocol):
    """What we need of iucgraph.validate.ValidationReport."""

    @property
    def conforms(self) -> bool: ...

    def text(self) -> str: ...


Validator = Callable[[Any], Report]


@dataclass(frozen=True)
class Commit:
    """The outcome of a successful write: the new version, the quad count, and for Graph Store
    writes whether the target graph did not exist before (201 Created)."""

    version: str
    quads: int
    created: bool = False


def _default_validator(data: Any) -> Report:
    from iucgraph.validate import validate

    return validate(data)


def _shapes_validator(shapes_file: Path) -> Validator:
    """Validation against the configured shapes file, read once (on first use)."""
    from iucgraph.validate import load_shapes, validate

    shapes: list[Any] = []

    def run(data: Any) -> Report:
        if not shapes:
            shapes.append(load_shapes(shapes_file))
        return validate(data, shapes[0])

    return run


class GraphService:
    """Writes to `store`, each validated against the shapes before it is committed."""

    def __init__(
        self, store: Store, settings: object = None, *, validator: Validator | None = None
    ) -> None:
        """`settings`: Settings, StoreSettings, a mapping of setting names, or None."""
        self.store = store
        self.settings: Settings = as_settings(settings)
        shapes_file = self.settings.paths.shapes_file
        # Our validators take the pyoxigraph copy as it is; a caller's may expect rdflib.
        self._takes_store = validator is None
        if validator is None and shapes_file != Paths().shapes_file:
            validator = _shapes_validator(shapes_file)  # configured shapes (e.g. test worlds)
        self._validate = validator or (lambda data: _default_validator(data))
        self._lock = threading.Lock()  # one writer at a time: no lost updates

    # -- whole loads ---------------------------------------------------------------------------

    def load_files(self, paths: Iterable[Path | str] | None = None) -> Commit:
        """Parse `paths` (default: ontology + data), validate, and replace the store's content.

        InputError (file and line) or ValidationFailed(report): the store is untouched.
        """
        from iucgraph.load import default_paths, load_dataset

        chosen = list(paths) if paths is not None else default_paths(self.settings.paths)
        loaded = load_dataset(chosen)
        self._check(loaded)
        return self.commit_dataset(loaded.dataset, validated=True)

    def commit_dataset(self, dataset: Dataset, *, validated: bool = False) -> Commit:
        """Replace everything by `dataset` (validated here unless the caller just did)."""
        if not validated:
            self._check(dataset)
        with self._lock:
            self.store.replace(dataset)
            return Commit(self.store.version, len(self.store))

    # -- changes made on a copy ----------------------------------------------------------------

    def _change(self, change: Callable[[ox.Store], bool]) -> Commit:
        """Apply `change` to a copy, validate the copy, commit it; `change` returns `created`."""
        with self._lock:
            copy = _store_of(self.store.nquads())
            created = change(copy)
            return self._commit(copy, created)

    def _commit(self, copy: ox.Store, created: bool, nquads: bytes | None = None) -> Commit:
        """Validate `copy` and swap it in (`nquads`: its content, when the caller has it)."""
        # The fast validator reads the Store directly: no rdflib Dataset of the whole
        # graph (at 100k quads, about 0.8 s and 100+ MiB saved on every write).
        self._check(copy if self._takes_store else quads_to_dataset(copy))
        self.store.replace_nquads(nquads if nquads is not None else copy.dump(format=NQUADS) or b"")
        return Commit(self.store.version, len(self.store), created)

    def _check(self, data: Any) -> None:
        report = self._validate(data)
        if not report.conforms:
            raise ValidationFailed(report)

    def update(self, sparql_update: str) -> Commit:
        """Apply a SPARQL 1.1 Update; LOAD and non-allowed SERVICE are refused before anything.

        It runs on a copy in a process of its own (iucgraph/store/isolation.py), stopped at
        `store.update_timeout` (UpdateTimeout) or `store.update_memory_bytes` (UpdateFailed);
        nothing is changed then."""
        policy.check(sparql_update, self.settings.store.service_allow_list)
        limits = self.settings.store
        with self._lock:
            after = run_update(
                self.store.nquads(),
                sparql_update,
                limits.update_timeout,
                limits.update_memory_bytes,
            )
            return self._commit(_store_of(after), False, after)

    # -- Graph Store Protocol writes -----------------------------------------------------------

    @staticmethod
    def _target(name: str | None) -> ox.NamedNode | ox.DefaultGraph:
        return ox.DefaultGraph() if name is None else ox.NamedNode(str(name))

    @staticmethod
    def _exists(store: ox.Store, target: ox.NamedNode | ox.DefaultGraph) -> bool:
        if isinstance(target, ox.DefaultGraph):
            return True
        return any(True for _ in store.quads_for_pattern(None, None, None, target))

    @staticmethod
    def _payload_quads(
        name: str | None, payload: bytes | Graph, media_type: str | None, base_iri: str | None
    ) -> list[ox.Quad]:
        """Quads for graph `name` from bytes (parsed here, safely) or an rdflib Graph."""
        if isinstance(payload, Graph):
            target = GraphService._target(name)
            return [
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), target)  # type: ignore[arg-type]
                for s, p, o in payload
            ]
        return parse_payload(payload, media_type or "", graph=name, base_iri=base_iri)

    def put_graph(
        self,
        name: str | None,
        payload: bytes | Graph,
        media_type: str | None = None,
        *,
        base_iri: str | None = None,
    ) -> Commit:
        """Replace one graph (None: the store's default graph) by the payload's triples."""
        return self._write_graph(name, payload, media_type, base_iri, replace=True)

    def post_graph(
        self,
        name: str | None,
        payload: bytes | Graph,
        media_type: str | None = None,
        *,
        base_iri: str | None = None,
    ) -> Commit:
        """Add the payload's triples to one graph (RDF merge: blank nodes are kept apart)."""
        return self._write_graph(name, payload, media_type, base_iri, replace=False)

    def _write_graph(
        self,
        name: str | None,
        payload: bytes | Graph,
        media_type: str | None,
        base_iri: str | None,
        *,
        replace: bool,
    ) -> Commit:
        """PUT (replace) or POST (merge) the payload into one graph; True if it was created."""
        quads = self._payload_quads(name, payload, media_type, base_iri)
        target = self._target(name)

        def run(copy: ox.Store) -> bool:
            existed = self._exists(copy, target)
            if existed and replace:
                _empty(copy, target)
            copy.extend(quads)
            return not existed

        return self._change(run)

    def delete_graph(self, name: str | None) -> Commit:
        """Remove a named graph (NotFound if there is none), or empty the default graph."""
        target = self._target(name)

        def run(copy: ox.Store) -> bool:
            if not self._exists(copy, target):
                raise NotFound(f"no graph named <{name}>")
            _empty(copy, target)
            return False

        return self._change(run)

    def require_writable(self, token: str | None) -> None:
        """ForbiddenOperation unless writes are enabled and `token` is the configured one."""
        expected = self.settings.store.write_token
        if expected is None:
            raise ForbiddenOperation("this server is read-only")
        if token is None or not hmac.compare_digest(token.encode(), expected.encode()):
            raise NotAuthorized("a valid write token is required")


def _store_of(nquads: bytes) -> ox.Store:
    store = ox.Store()
    if nquads:
        store.bulk_load(nquads, format=NQUADS)
    return store


def _empty(store: ox.Store, target: ox.NamedNode | ox.DefaultGraph) -> None:
    if isinstance(target, ox.DefaultGraph):
        store.clear_graph(target)
    else:
        store.remove_graph(target)
