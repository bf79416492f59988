"""Any SPARQL 1.1 endpoint as the store (Oxigraph server, Fuseki, GraphDB, Virtuoso...).

Union default graph: we rely on the endpoint's own setting, as the big stores have one
(Oxigraph `serve --union-default-graph`, Fuseki `tdb2:unionDefaultGraph true`; GraphDB and
Virtuoso query all graphs by default). Rewriting every pattern into GRAPH ?g would change the
meaning of user queries (duplicates, FROM). Whole-dataset reads (`dataset`, `graph_names`,
`get_graph(None)`) name the graphs explicitly and do not depend on it.

Writes go through SPARQL Update (one request: DROP ALL then INSERT DATA blocks, so an endpoint
that runs a request in one transaction, as Oxigraph does, commits it atomically), or through a
Graph Store Protocol PUT of the whole dataset as N-Quads when `graph_store_url` is set.
Results are fetched as SPARQL JSON / N-Triples and re-serialised by pyoxigraph, so the row cap
and the formats behave exactly as in the embedded store.
"""

from __future__ import annotations

import base64
import hashlib
import urllib.error
import urllib.request
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from iucgraph.config import StoreSettings
from iucgraph.errors import (
    QueryFailed,
    QueryTimeout,
    StoreUnavailable,
)
from iucgraph.store import policy
from iucgraph.store.base import Serialized, Store
from iucgraph.store.binding import term_to_sparql
from iucgraph.store.results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    serialize_solutions,
    serialize_triples,
)
from iucgraph.store.terms import quads_to_dataset

_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore(Store):
    """A SPARQL 1.1 Protocol endpoint (query URL, optional update URL and credentials)."""

    def __init__(self, settings: StoreSettings) -> None:
        if settings.kind != "remote" or settings.location is None:
            raise ValueError("RemoteStore needs an http(s) URL as location")
        self.settings = settings
        self.query_url = settings.location
        self._commits = 0

    # -- HTTP ----------------------------------------------------------------------------------

    def _wrapper(self, text: str, return_format: str, url: str | None = None) -> SPARQLWrapper:
        sparql = SPARQLWrapper(self.query_url, updateEndpoint=url or self.settings.update_url)
        sparql.setMethod(POST)
        sparql.setTimeout(max(1, round(self.settings.query_timeout)))
        sparql.setReturnFormat(return_format)
        if self.settings.username is not None:
            sparql.setCredentials(self.settings.username, self.settings.password or "")
        sparql.setQuery(text)
        return sparql

    def _call(self, sparql: SPARQLWrapper) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            return bytes(sparql.query().response.read())
        except SPARQLWrapperException as e:
            message = str(e)
            if "QueryBadFormed" in type(e).__name__ or "400" in message:
                raise policy.syntax_error(message) from None
            raise StoreUnavailable(f"the SPARQL endpoint {self.query_url} refused: {e}") from None
        except urllib.error.HTTPError as e:
            raise StoreUnavailable(
                f"the SPARQL endpoint {self.query_url} answered {e.code} {e.reason}"
            ) from None
        except TimeoutError:
            raise QueryTimeout(self.settings.query_timeout) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreUnavailable(
                f"the SPARQL endpoint {self.query_url} cannot be reached: {reason}"
            ) from None

    def _solutions(
        self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        sparql = self._wrapper(query, JSON)
        for g in default_graphs:
            sparql.addDefaultGraph(g)
        for g in named_graphs:
            sparql.addNamedGraph(g)
        body = self._call(sparql)
        try:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as e:
            raise QueryFailed(f"the endpoint sent unreadable results: {e}") from None

    def _triples(
        self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> list[ox.Triple]:
        sparql = self._wrapper(query, TURTLE)
        for g in default_graphs:
            sparql.addDefaultGraph(g)
        for g in named_graphs:
            sparql.addNamedGraph(g)
        body = self._call(sparql)
        try:
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
        except SyntaxError as e:
            raise QueryFailed(f"the endpoint sent an unreadable graph: {e}") from None

    def _update(self, text: str) -> None:
        if self.settings.update_url is None:
            raise StoreUnavailable(f"no update URL is configured for {self.query_url}")
        self._call(self._wrapper(text, JSON))

    # -- queries -------------------------------------------------------------------------------

    def _evaluate(self, query: str, graph_result: bool) -> object:
        return self._triples(query) if graph_result else self._solutions(query)

    def _execute(
        self,
        query: str,
        media_type: str,
        graph_result: bool,
        default_graph_uris: list[str],
        named_graph_uris: list[str],
        cap: int | None,
    ) -> Serialized:
        if graph_result:
            triples = self._triples(query, default_graph_uris, named_graph_uris)
            body, truncated, rows = serialize_triples(triples, GRAPH_FORMATS[media_type], cap)
            return Serialized(body, media_type, truncated, rows)
        result = self._solutions(query, default_graph_uris, named_graph_uris)
        fmt = RESULT_FORMATS[media_type]
        if isinstance(result, ox.QueryBoolean):
            return Serialized(result.serialize(format=fmt) or b"", media_type, False, 1)
        body, truncated, rows = serialize_solutions(
            result, fmt, cap, self.settings.max_result_bytes
        )
        return Serialized(body, media_type, truncated, rows)

    # -- writes --------------------------------------------------------------------------------

    def replace_nquads(self, nquads: bytes) -> None:
        """Everything replaced in one request (atomic where the endpoint makes a request one
        transaction); the endpoint's union default graph then shows the new content."""
        if self.settings.graph_store_url is not None:
            self._put_dataset(nquads)
        else:
            quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
            self._update(" ;\n".join(["DROP SILENT ALL", *self._insert_blocks(quads)]))
        self._commits += 1

    def _insert_blocks(self, quads: list[ox.Quad]) -> list[str]:
        size = max(1, self.settings.batch_size)
        blocks = []
        for start in range(0, len(quads), size):
            lines = []
            for q in quads[start : start + size]:
                triple = f"{q.subject} {q.predicate} {q.object} ."
                if isinstance(q.graph_name, ox.DefaultGraph):
                    lines.append(triple)
                else:
                    lines.append(f"GRAPH {q.graph_name} {{ {triple} }}")
            blocks.append("INSERT DATA {\n" + "\n".join(lines) + "\n}")
        return blocks

    def _put_dataset(self, nquads: bytes) -> None:
        assert self.settings.graph_store_url is not None
        request = urllib.request.Request(
            self.settings.graph_store_url,
            data=nquads,
            method="PUT",
            headers={"Content-Type": "application/n-quads"},
        )
        if self.settings.username is not None:
            pair = f"{self.settings.username}:{self.settings.password or ''}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode())
        try:
            with urllib.request.urlopen(request, timeout=self.settings.query_timeout) as reply:
                reply.read()
        except urllib.error.HTTPError as e:
            raise StoreUnavailable(f"the graph store answered {e.code} {e.reason}") from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreUnavailable(f"the graph store cannot be reached: {e}") from None

    # -- graphs --------------------------------------------------------------------------------

    def graph_names(self) -> list[URIRef]:
        result = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(row[0])) for row in result.rows if isinstance(row[0], URIRef))

    def get_graph(self, name: URIRef | None, *, union: bool = True) -> Graph:
        if name is not None:
            query = (
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {term_to_sparql(name)} {{ ?s ?p ?o }} }}"
            )
        elif union:
            query = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        else:
            query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        return self.construct(query)

    def _quads(self) -> list[ox.Quad]:
        result = self._solutions(_ALL_QUADS)
        assert isinstance(result, ox.QuerySolutions)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in result]

    def nquads(self) -> bytes:
        return ox.serialize(self._quads(), format=ox.RdfFormat.N_QUADS) or b""

    def dataset(self) -> Dataset:
        """The named graphs (our data has nothing in the endpoint's own default graph)."""
        return quads_to_dataset(self._quads())

    def __len__(self) -> int:
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(str(result.rows[0][0])) if result.rows else 0

    @property
    def version(self) -> str:
        """A digest of the quad count and our commits (another writer may go unnoticed)."""
        return hashlib.sha1(f"{self.query_url} {len(self)} {self._commits}".encode()).hexdigest()
