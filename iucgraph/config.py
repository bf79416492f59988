"""Configuration defaults, in one place. Nothing here reads the environment at import time.

`load_settings(config_file, **overrides)` reads an optional TOML file (keys as the field names
of `StoreSettings`, under a `[store]` table, or at the top level) and applies explicit
overrides (command-line options) last.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from iucgraph.errors import InputError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where the shipped graph lives; tests point these at their own small files."""

    ontology_dir: Path = PROJECT_ROOT / "ontology"
    data_dir: Path = PROJECT_ROOT / "data"
    queries_dir: Path = PROJECT_ROOT / "queries"
    dist_dir: Path = PROJECT_ROOT / "dist"

    @property
    def ontology_file(self) -> Path:
        return self.ontology_dir / "iuc.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"


@dataclass(frozen=True)
class StoreSettings:
    """Where the graph is kept and the protections around queries; defaults are the safe ones."""

    # None = embedded in memory; a directory = embedded and persistent; http(s) URL = remote.
    location: str | None = None
    # Remote only: SPARQL Update endpoint (None = the store is read-only through us).
    update_url: str | None = None
    # Remote only: Graph Store Protocol endpoint; when set, graph writes use it, not Update.
    graph_store_url: str | None = None
    # Remote only: HTTP credentials (basic, or digest when the endpoint asks for it: Virtuoso).
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    # Remote only: IRI prefix of the named graphs that are ours. When set, whole-dataset reads
    # and `replace` touch only those graphs: needed on a shared store such as Virtuoso, whose
    # system graphs must never be dropped (it also ignores DROP ALL). None = every graph.
    graph_prefix: str | None = None
    # Seconds a query may run before it is stopped (its worker is killed and replaced).
    query_timeout: float = 10.0
    # Seconds a SPARQL Update may run (on a copy, in a process of its own) before it is
    # stopped; nothing is changed then.
    update_timeout: float = 120.0
    # Bytes of address space that process may use (an INSERT can fill memory long before its
    # time is up); past it the update fails, nothing changed. 0 = no cap.
    update_memory_bytes: int = 8 * 1024**3
    # Rows (or triples) returned at most; a longer result is cut and reported as truncated.
    row_cap: int = 10_000
    # Queries evaluated at once (= worker processes of the embedded store): one per CPU, >= 2.
    max_concurrent_queries: int = field(default_factory=lambda: max(2, os.cpu_count() or 2))
    # Seconds a query waits for a free worker before Overloaded (503 + Retry-After); None =
    # the query timeout (under normal load a query waits rather than fails). At most 4 queries
    # per worker wait; beyond that, Overloaded at once.
    queue_wait: float | None = None
    # Bytes of serialised /sparql results kept for repeated queries of the same data version
    # (embedded store only; a commit makes older entries unreachable); 0 = no result cache.
    result_cache_bytes: int = 64 * 1024 * 1024
    # SERVICE endpoint IRIs a query may call; none by default.
    service_allow_list: tuple[str, ...] = ()
    # Bearer token enabling writes (SPARQL Update, Graph Store PUT/POST/DELETE); None = read-only.
    write_token: str | None = field(default=None, repr=False)
    # Largest request body accepted (queries, updates, uploads), in bytes.
    max_request_bytes: int = 10 * 1024 * 1024
    # Largest serialised result kept in memory, in bytes (beyond: the result is cut).
    max_result_bytes: int = 256 * 1024 * 1024
    # Embedded only: load ontology/ + data/ (validated) when the store is empty at start.
    load_on_start: bool = True
    # Remote only: quads per INSERT DATA request when pushing a dataset.
    batch_size: int = 5_000

    @property
    def kind(self) -> str:
        """'memory', 'directory' or 'remote'."""
        if self.location is None:
            return "memory"
        if self.location.startswith(("http://", "https://")):
            return "remote"
        return "directory"

    @property
    def writable(self) -> bool:
        """An empty token must never mean "anyone may write"."""
        return bool(self.write_token and self.write_token.strip())


@dataclass(frozen=True)
class WebSettings:
    """What only the HTTP layer needs; the store's caps (rows, body size, token) live above."""

    # Longer GET URLs get 414 with a hint to POST.
    max_url_length: int = 8_192
    # Public base URL of the server (graph IRIs of the Graph Store Protocol, BASE of updates).
    base_url: str | None = None
    # Seconds suggested in Retry-After on 503.
    retry_after: int = 5
    # Access-Control-Allow-Origin: * on read responses (never on writes).
    cors: bool = True
    # Cache-Control max-age of read responses, in seconds.
    cache_max_age: int = 60
    # Per client address: requests that may run a query at once (beyond: 429 + Retry-After).
    # None = one fewer than store.max_concurrent_queries (at least 1), so that one client can
    # never hold every query worker; 0 = no per-client limit.
    client_max_concurrent: int | None = None
    # Per client address: sustained requests per second and the burst above it (token
    # bucket; beyond: 429 + Retry-After). 0 = no rate limit.
    client_requests_per_second: float = 50.0
    client_burst: int = 100


@dataclass(frozen=True)
class NetworkSettings:
    """Bounds and seeds of the network views (iucgraph/network)."""

    # A view with more nodes or edges than this is refused (NetworkTooLarge), never cut.
    max_nodes: int = 5_000
    max_edges: int = 20_000
    # Rows a single feeding query may return before the view is refused.
    row_cap: int = 200_000
    # Force-directed layout up to this many nodes; a seeded random layout beyond (speed).
    layout_limit: int = 2_000
    # Seed of layouts and Louvain communities, so that files and metrics are reproducible.
    seed: int = 42


@dataclass(frozen=True)
class LinkingSettings:
    """`iucgraph link wikidata` and `iucgraph enrich`: the external endpoint and how to ask it."""

    # SPARQL endpoint of Wikidata (or any endpoint shaped like it).
    wikidata_endpoint: str = "https://query.wikidata.org/sparql"
    # Seconds per request before it is abandoned (then retried).
    link_timeout: float = 30.0
    # Retries after a failed request, with exponential back-off from link_backoff seconds.
    link_retries: int = 3
    link_backoff: float = 1.0
    # Lowest score for a written owl:sameAs link (0..1).
    link_threshold: float = 0.7
    # Directory of cached endpoint responses (reruns give identical output).
    link_cache_dir: Path = PROJECT_ROOT / ".cache" / "wikidata"


@dataclass(frozen=True)
class Settings:
    """Everything the library and the server can be told; defaults are the safe choice."""

    paths: Paths = field(default_factory=Paths)
    store: StoreSettings = field(default_factory=StoreSettings)
    web: WebSettings = field(default_factory=WebSettings)
    network: NetworkSettings = field(default_factory=NetworkSettings)
    linking: LinkingSettings = field(default_factory=LinkingSettings)


_SECTIONS: dict[str, type] = {
    "paths": Paths,
    "store": StoreSettings,
    "web": WebSettings,
    "network": NetworkSettings,
    "linking": LinkingSettings,
}
_FIELDS = {name: {f.name for f in fields(cls)} for name, cls in _SECTIONS.items()}


def _key(name: object) -> str:
    return str(name).lower().replace("-", "_")


def _sections(values: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    """Route settings to their section: `[store]`/`[web]`/`[network]`/`[linking]` tables, or
    top-level keys named as a StoreSettings or WebSettings field (`store = X` means the store's
    location)."""
    out: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    for key, value in values.items():
        name = _key(key)
        if name in _SECTIONS and isinstance(value, Mapping):
            out[name].update({_key(k): v for k, v in value.items()})
        elif name == "store":
            out["store"]["location"] = value
        elif name in _FIELDS["store"]:
            out["store"][name] = value
        elif name in _FIELDS["web"]:
            out["web"][name] = value
        else:
            raise InputError(f"unknown setting {key!r}", path=where)
    for section, given in out.items():
        unknown = sorted(set(given) - _FIELDS[section])
        if unknown:
            raise InputError(f"unknown setting(s) in [{section}]: {', '.join(unknown)}", path=where)
    return out


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from a TOML file (optional), then `overrides` (None values are ignored).

    The file may use `[paths]`, `[store]`, `[web]`, `[network]` and `[linking]` tables, or
    top-level keys named as the fields of StoreSettings and WebSettings. An unknown name is an
    error, never ignored.
    """
    where = str(config_file or "")
    sections: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    if config_file is not None:
        try:
            raw = tomllib.loads(Path(config_file).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("no such configuration file", path=where) from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise InputError(f"cannot read the configuration: {e}", path=where) from None
        for name, given in _sections(raw, where).items():
            sections[name].update(given)
    given_overrides = {k: v for k, v in overrides.items() if v is not None}
    for name, given in _sections(given_overrides, "overrides").items():
        sections[name].update(given)
    sections["paths"] = {
        k: Path(v).expanduser() if isinstance(v, str) else v for k, v in sections["paths"].items()
    }
    store = sections["store"]
    if "service_allow_list" in store:
        store["service_allow_list"] = tuple(store["service_allow_list"])
    if store.get("location") is not None:
        store["location"] = str(store["location"])
    if sections["linking"].get("link_cache_dir") is not None:
        sections["linking"]["link_cache_dir"] = Path(sections["linking"]["link_cache_dir"])
    return Settings(**{name: _SECTIONS[name](**given) for name, given in sections.items()})


def as_settings(config: object = None) -> Settings:
    """Settings from what callers hold: Settings, StoreSettings, a mapping, or None (defaults).

    A mapping uses the field names of StoreSettings and WebSettings (`store` is accepted for
    `location`); upper-case keys are Flask's and are left to the web layer.
    """
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, StoreSettings):
        return Settings(store=config)
    if isinstance(config, Mapping):
        return load_settings(None, **{k: v for k, v in config.items() if not str(k).isupper()})
    raise TypeError(f"not a configuration: {type(config).__name__}")
