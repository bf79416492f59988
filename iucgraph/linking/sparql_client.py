"""A polite SPARQL client for external endpoints (Wikidata and look-alikes): SPARQLWrapper with
a per-request timeout, retries with exponential back-off, and an on-disk response cache.

The cache makes reruns reproducible (the same answers, the same output) and spares public
endpoints; a response is keyed by endpoint and query text. An endpoint that cannot be reached
after the retries raises StoreUnavailable with the address and the last error.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from iucgraph import __version__
from iucgraph.errors import StoreUnavailable

USER_AGENT = f"iucgraph/{__version__} (https://w3id.org/iucgraph; linked-data reconciliation)"
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"


@dataclass(frozen=True)
class ClientOptions:
    timeout: float = 30.0  # seconds per request
    retries: int = 3  # attempts after the first one
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    cache_dir: Path | None = None  # None: no cache


class SparqlClient:
    """SELECT queries against one endpoint, answered from the cache when possible."""

    def __init__(self, endpoint: str, options: ClientOptions | None = None) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise StoreUnavailable(f"not an http(s) SPARQL endpoint: {endpoint!r}")
        self.endpoint = endpoint
        self.options = options or ClientOptions()
        self.requests = 0  # network requests made (the cache answers the rest)

    def _cache_file(self, query: str) -> Path | None:
        if self.options.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()
        return self.options.cache_dir / f"{key}.json"

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """The bindings of a SELECT (SPARQL 1.1 JSON results: {var: {type, value, ...}})."""
        cached = self._cache_file(query)
        if cached is not None and cached.exists():
            data: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
        else:
            data = self._fetch(query)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False), "utf-8")
                tmp.replace(cached)
        bindings: list[dict[str, dict[str, str]]] = data.get("results", {}).get("bindings", [])
        return bindings

    def _fetch(self, query: str) -> dict[str, Any]:
        wrapper = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        wrapper.setQuery(query)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(max(1, round(self.options.timeout))))
        last: Exception | None = None
        for attempt in range(self.options.retries + 1):
            if attempt:
                time.sleep(self.options.backoff * 2 ** (attempt - 1))
            self.requests += 1
            try:
                result = wrapper.queryAndConvert()
            except urllib.error.HTTPError as exc:
                last = exc
                if exc.code not in (429, 500, 502, 503, 504):
                    break
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                last = exc
            except EndPointInternalError as exc:
                last = exc
            except SPARQLWrapperException as exc:  # bad query, not found: retrying will not help
                last = exc
                break
            else:
                if not isinstance(result, dict):
                    raise StoreUnavailable(f"{self.endpoint} did not answer with SPARQL JSON")
                return result
        reason = getattr(last, "reason", None) or last
        raise StoreUnavailable(
            f"cannot query the SPARQL endpoint {self.endpoint} "
            f"(after {self.options.retries + 1} attempts): {reason}"
        )
