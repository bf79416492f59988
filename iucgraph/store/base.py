"""The one interface over every store: the embedded default and any SPARQL 1.1 endpoint.

Code above this layer (queries, network, web, cli) only ever sees `Store` and the result
types below; it never asks which back-end it has.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

Bindings = Mapping[str, Node]


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT, as rdflib terms (None where a variable is unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    truncated: bool = False  # True when a row cap cut the result

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> Iterator[dict[str, Node]]:
        """Each row as {variable: term}, unbound variables left out."""
        for row in self.rows:
            yield {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}


@dataclass(frozen=True)
class Serialized:
    """A query result already serialised by the engine (the fast path of /sparql)."""

    body: bytes
    media_type: str
    truncated: bool = False
    row_count: int | None = None


class Store(ABC):
    """A dataset of named graphs whose union is the default graph that queries see."""

    @abstractmethod
    def select(
        self, query: str, bindings: Bindings | None = None, *, limit: int | None = None
    ) -> SelectResult:
        """Run a SELECT; `bindings` are bound as RDF terms, never pasted into the text."""

    @abstractmethod
    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    @abstractmethod
    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE."""

    @abstractmethod
    def execute(
        self,
        query: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        limit: int | None = None,
    ) -> Serialized:
        """Run any query and serialise the result in `media_type` (the SPARQL protocol path).

        Raises QuerySyntaxError, QueryTimeout, ForbiddenOperation, UnsupportedFormat.
        """

    @abstractmethod
    def replace(self, dataset: Dataset) -> None:
        """Swap the whole content for `dataset`, atomically: readers see old or new, never a mix."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]: ...

    @abstractmethod
    def get_graph(self, name: URIRef | None, *, union: bool = True) -> Graph:
        """One named graph, or the union when `name` is None.

        `union=False` with `name=None` gives the store's own default graph only (what the
        Graph Store Protocol's `?default` reads and writes; empty in the shipped data).
        """

    def has_graph(self, name: URIRef) -> bool:
        """Whether a named graph with this name holds at least one triple."""
        return name in self.graph_names()

    def nquads(self) -> bytes:
        """Everything as N-Quads (backups, Graph Store GET of the dataset, copy-then-commit)."""
        return self.dataset().serialize(format="nquads", encoding="utf-8")

    def replace_nquads(self, nquads: bytes) -> None:
        """`replace` from N-Quads bytes (back-ends override it to skip rdflib)."""
        dataset = Dataset()
        dataset.parse(data=nquads, format="nquads")
        self.replace(dataset)

    @abstractmethod
    def dataset(self) -> Dataset:
        """Everything, named graphs kept (for dumps and backups)."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    @property
    @abstractmethod
    def version(self) -> str:
        """Changes whenever the content changes (ETags, caches)."""

    def warm_up(self) -> None:  # noqa: B027 - optional hook
        """Start what the first query would otherwise wait for (a server calls it at start)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release processes, files or connections."""
