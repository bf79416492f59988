"""Running a named (or ad-hoc) query through any Store: the one code path of API and CLI."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from iucgraph.catalogue.header import NamedQuery, load_file
from iucgraph.catalogue.params import bind_all
from iucgraph.config import Paths
from iucgraph.errors import NotFound, QuerySyntaxError
from iucgraph.store.base import Store
from iucgraph.store.binding import bind_inline

DEFAULT_ROW_CAP = 10_000  # rows (or triples) a named query returns at most; the rest is cut


@dataclass(frozen=True)
class QueryResult:
    """What a query gave, with how many rows and whether the cap cut it."""

    query: NamedQuery
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    graph: Graph | None = None
    boolean: bool | None = None
    truncated: bool = False
    row_cap: int | None = None

    @property
    def kind(self) -> str:
        return self.query.kind

    @property
    def row_count(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        if self.boolean is not None:
            return 1
        return len(self.rows)

    def dicts(self) -> Iterator[dict[str, Node]]:
        for row in self.rows:
            yield {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}


class Catalogue:
    """The named queries of a directory of .rq files, by name."""

    def __init__(self, queries: Sequence[NamedQuery]):
        self._queries = {q.name: q for q in sorted(queries, key=lambda q: q.name)}

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> Catalogue:
        directory = directory or Paths().queries_dir
        return cls([load_file(p) for p in sorted(directory.glob("*.rq"))])

    def __iter__(self) -> Iterator[NamedQuery]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def get(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise NotFound(f"no named query {name!r}; see the catalogue") from None


def run_query(
    store: Store,
    query: NamedQuery,
    supplied: Mapping[str, Sequence[str]] | None = None,
    *,
    row_cap: int | None = DEFAULT_ROW_CAP,
) -> QueryResult:
    """Bind `supplied` (text from a request or the command line) and run `query` on `store`.

    Raises QueryParameterError (naming the parameter) before anything reaches the store.
    """
    bindings = bind_all(query.parameters, supplied or {}, query.name)
    text = bind_inline(query.text, bindings)
    try:
        if query.kind == "select":
            result = store.select(text, limit=row_cap)
            return QueryResult(
                query, result.variables, result.rows, truncated=result.truncated, row_cap=row_cap
            )
        if query.kind == "ask":
            return QueryResult(query, boolean=store.ask(text), row_cap=row_cap)
        graph = store.construct(text)
    except SyntaxError as exc:  # pyoxigraph's parser error, for ad-hoc queries
        raise QuerySyntaxError(str(exc)) from None
    truncated = row_cap is not None and len(graph) > row_cap
    if truncated:
        kept = Graph()
        for triple in sorted(graph)[:row_cap]:
            kept.add(triple)
        graph = kept
    for prefix, namespace in query_prefixes(query.text).items():
        graph.bind(prefix, namespace)
    return QueryResult(query, graph=graph, truncated=truncated, row_cap=row_cap)


def query_prefixes(text: str) -> dict[str, str]:
    """The PREFIX declarations of a query, to keep Turtle output readable."""
    return dict(re.findall(r"(?im)^\s*PREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>\s]*)>", text))
