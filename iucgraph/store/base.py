"""The one interface over every store: the embedded default and any SPARQL 1.1 endpoint.

Code above this layer (queries, network, web, cli) only ever sees `Store` and the result
types below; it never asks which back-end it has.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from iucgraph.config import StoreSettings
from iucgraph.errors import QuerySyntaxError, UnsupportedFormat
from iucgraph.store import policy
from iucgraph.store.binding import bind_inline
from iucgraph.store.results import GRAPH_FORMATS, RESULT_FORMATS, canonical_media_type
from iucgraph.store.terms import dataset_to_nquads, from_ox

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
    """A dataset of named graphs whose union is the default graph that queries see.

    The library calls (select, ask, construct) and the protocol path (execute) check the query
    against the policy and bind parameters here, the same for every back-end; a back-end only
    evaluates (`_evaluate`, `_execute`).
    """

    settings: StoreSettings

    @abstractmethod
    def _evaluate(self, query: str, graph_result: bool) -> object:
        """Run a checked, bound query: ox.QuerySolutions, ox.QueryBoolean or ox.Triples."""

    def _run(self, query: str, bindings: Bindings | None, graph_result: bool = False) -> object:
        policy.check(query, self.settings.service_allow_list)
        return self._evaluate(bind_inline(query, bindings or {}), graph_result)

    def select(
        self, query: str, bindings: Bindings | None = None, *, limit: int | None = None
    ) -> SelectResult:
        """Run a SELECT; `bindings` are bound as RDF terms, never pasted into the text."""
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QuerySyntaxError("not a SELECT query")
        variables = tuple(v.value for v in solutions.variables)
        rows: list[tuple[Node | None, ...]] = []
        for solution in solutions:
            if limit is not None and len(rows) >= limit:
                return SelectResult(variables, tuple(rows), True)
            rows.append(tuple(from_ox(solution[v]) for v in variables))
        return SelectResult(variables, tuple(rows), False)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QuerySyntaxError("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE."""
        result = self._run(query, bindings, graph_result=True)
        if not isinstance(result, Iterable) or isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in result:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return graph

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
        form = policy.query_form(query)
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        chosen = canonical_media_type(media_type, graph_result)
        if chosen is None:
            offered = list(GRAPH_FORMATS if graph_result else RESULT_FORMATS)
            raise UnsupportedFormat(f"a {form} result cannot be sent as {media_type}", offered)
        policy.check(query, self.settings.service_allow_list)
        cap = limit if limit is not None else self.settings.row_cap
        return self._execute(
            query, chosen, graph_result, list(default_graph_uris), list(named_graph_uris), cap
        )

    @abstractmethod
    def _execute(
        self,
        query: str,
        media_type: str,
        graph_result: bool,
        default_graph_uris: list[str],
        named_graph_uris: list[str],
        cap: int | None,
    ) -> Serialized:
        """Run a checked query and serialise it in `media_type` (one we can write)."""

    def replace(self, dataset: Dataset) -> None:
        """Swap the whole content for `dataset`, atomically: readers see old or new, never a mix."""
        self.replace_nquads(dataset_to_nquads(dataset))

    @abstractmethod
    def replace_nquads(self, nquads: bytes) -> None:
        """`replace` from N-Quads bytes (the fast path of every commit)."""

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
