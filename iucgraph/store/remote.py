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

Virtuoso: its update endpoint /sparql-auth asks for HTTP Digest (we switch to it on the first
401, with a private opener: SPARQLWrapper's own DIGEST mode installs a process-wide one), it
ignores DROP ALL and keeps system graphs beside ours, so `graph_prefix` must name our graphs
(whole-dataset reads and `replace` then touch only those, dropped one by one).
"""

from __future__ import annotations

import base64
import hashlib
import urllib.error
import urllib.request
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
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


class RemoteStore(Store):
    """A SPARQL 1.1 Protocol endpoint (query URL, optional update URL and credentials)."""

    def __init__(self, settings: StoreSettings) -> None:
        if settings.kind != "remote" or settings.location is None:
            raise ValueError("RemoteStore needs an http(s) URL as location")
        self.settings = settings
        self.query_url = settings.location
        self._commits = 0
        self._digest: urllib.request.OpenerDirector | None = None

    # -- HTTP ----------------------------------------------------------------------------------

    def _wrapper(self, text: str, return_format: str, url: str | None = None) -> SPARQLWrapper:
        sparql = SPARQLWrapper(self.query_url, updateEndpoint=url or self.settings.update_url)
        sparql.setMethod(POST)
        sparql.setTimeout(max(1, round(self.settings.query_timeout)))
        sparql.setReturnFormat(return_format)
        if self.settings.username is not None and self._digest is None:
            sparql.setCredentials(self.settings.username, self.settings.password or "")
        sparql.setQuery(text)
        return sparql

    def _call(self, sparql: SPARQLWrapper) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized

        try:
            if self._digest is not None:
                return self._call_digest(sparql)
            return bytes(sparql.query().response.read())
        except Unauthorized as e:
            if self.settings.username is None or self._digest is not None:
                raise StoreUnavailable(
                    f"the SPARQL endpoint {self.query_url} refused: {e}"
                ) from None
            self._digest = self._digest_opener()
            sparql.setCredentials(None, None)
            return self._call(sparql)
        except SPARQLWrapperException as e:
            message = str(e)
            if "QueryBadFormed" in type(e).__name__ or "400" in message:
                raise policy.syntax_error(message) from None
            raise StoreUnavailable(f"the SPARQL endpoint {self.query_url} refused: {e}") from None
        except urllib.error.HTTPError as e:
            if e.code == 400:
                raise policy.syntax_error(e.read().decode("utf-8", "replace")) from None
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

    def _digest_opener(self) -> urllib.request.OpenerDirector:
        """Digest credentials for our URLs only, any realm (Virtuoso's is "SPARQL")."""
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        urls = [u for u in (self.query_url, self.settings.update_url) if u]
        manager.add_password(None, urls, self.settings.username or "", self.settings.password or "")
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))

    def _call_digest(self, sparql: SPARQLWrapper) -> bytes:
        assert self._digest is not None
        request = sparql._createRequest()  # the request SPARQLWrapper would send, unsigned
        with self._digest.open(request, timeout=sparql.timeout) as reply:
            return bytes(reply.read())

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
            result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as e:
            raise QueryFailed(f"the endpoint sent unreadable results: {e}") from None
        if isinstance(result, ox.QuerySolutions) and [v.value for v in result.variables] == [
            "__ASK_RETVAL"
        ]:  # Virtuoso answers ASK in JSON as one row: 1 (true) or none / 0 (false)
            rows = [str(getattr(s["__ASK_RETVAL"], "value", "0")) for s in result]
            answer = b"true" if rows and rows[0] not in ("0", "false") else b"false"
            return ox.parse_query_results(
                b'{"head": {}, "boolean": ' + answer + b"}", format=ox.QueryResultsFormat.JSON
            )
        return result

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
        quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
        if self.settings.graph_store_url is not None:
            self._put_dataset(nquads)
        elif self.settings.graph_prefix is None:
            self._update(" ;\n".join(["DROP SILENT ALL", *self._insert_blocks(quads)]))
        else:
            drops = [f"DROP SILENT GRAPH {term_to_sparql(g)}" for g in self.graph_names()]
            self._update(" ;\n".join([*drops, *self._insert_blocks(quads)]))
        self._commits += 1
        if len(self) > len(set(quads)):
            raise StoreUnavailable(
                f"{self.query_url} holds more than was pushed: the endpoint kept other graphs "
                "(Virtuoso ignores DROP ALL and has system graphs); set graph_prefix"
            )

    def _insert_blocks(self, quads: list[ox.Quad]) -> list[str]:
        """INSERT DATA operations of at most batch_size quads, then one INSERT for all quads with
        a blank node: a blank node label is scoped to its operation, so a node split between two
        would become two; and Virtuoso refuses blank nodes in INSERT DATA (a template with an
        empty WHERE is the same insert)."""
        size = max(1, self.settings.batch_size)
        blank = [q for q in quads if any(isinstance(t, ox.BlankNode) for t in q.triple)]
        plain = [q for q in quads if not any(isinstance(t, ox.BlankNode) for t in q.triple)]
        blocks = [
            "INSERT DATA " + _quad_block(plain[start : start + size])
            for start in range(0, len(plain), size)
        ]
        if blank:
            blocks.append(f"INSERT {_quad_block(blank)} WHERE {{}}")
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

    def _in_scope(self) -> str:
        """A FILTER on ?g keeping only our graphs (see `graph_prefix`), or nothing."""
        prefix = self.settings.graph_prefix
        if prefix is None:
            return ""
        return f"FILTER(STRSTARTS(STR(?g), {term_to_sparql(Literal(prefix))}))"

    def graph_names(self) -> list[URIRef]:
        result = self.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._in_scope()} }}"
        )
        return sorted(URIRef(str(row[0])) for row in result.rows if isinstance(row[0], URIRef))

    def get_graph(self, name: URIRef | None, *, union: bool = True) -> Graph:
        if name is not None:
            query = (
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {term_to_sparql(name)} {{ ?s ?p ?o }} }}"
            )
        elif union and self.settings.graph_prefix is not None:
            query = (
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._in_scope()} }}"
            )
        elif union:
            query = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        else:
            query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        return self.construct(query)

    def _quads(self) -> list[ox.Quad]:
        result = self._solutions(
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._in_scope()} }}"
        )
        assert isinstance(result, ox.QuerySolutions)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in result]

    def nquads(self) -> bytes:
        return ox.serialize(self._quads(), format=ox.RdfFormat.N_QUADS) or b""

    def dataset(self) -> Dataset:
        """The named graphs (our data has nothing in the endpoint's own default graph)."""
        return quads_to_dataset(self._quads())

    def __len__(self) -> int:
        result = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._in_scope()} }}"
        )
        return int(str(result.rows[0][0])) if result.rows else 0

    @property
    def version(self) -> str:
        """A digest of the quad count and our commits (another writer may go unnoticed)."""
        return hashlib.sha1(f"{self.query_url} {len(self)} {self._commits}".encode()).hexdigest()


def _quad_block(quads: list[ox.Quad]) -> str:
    """`{ ... }` with one GRAPH block per graph (Virtuoso wants a blank node in one pattern)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = [
        "\n".join(lines) if not name else f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}"
        for name, lines in by_graph.items()
    ]
    return "{\n" + "\n".join(parts) + "\n}"
