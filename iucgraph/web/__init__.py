"""The web application: `create_app(config=None)` builds it (Flask tutorial style).

Importing this package has no side effects; everything happens in the factory, from the
configuration it is given (a Settings object or a mapping with the same names).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from iucgraph.errors import StoreUnavailable
from iucgraph.store.base import Store
from iucgraph.web import dataset, errors, graph_store, health, http, resources, sparql
from iucgraph.web.options import WebOptions


def _build_store(config: object) -> Store:
    """The store named by the configuration, through the store layer's own factory."""
    from iucgraph import store as store_pkg

    opener = getattr(store_pkg, "open_store", None)
    if opener is not None:
        opened: Store = opener(config)
        return opened
    spec = config.get("store") if isinstance(config, Mapping) else getattr(config, "store", None)
    if spec:
        raise StoreUnavailable(f"this build cannot open the store {spec!r} (no open_store)")
    return store_pkg.EmbeddedStore()


def _build_service(config: object, store: Store) -> Any:
    """The validate-then-commit write service, or None if this build has none."""
    try:
        from iucgraph import service as service_mod  # type: ignore[attr-defined]
    except ImportError:
        return None
    factory = getattr(service_mod, "GraphService", None)
    if factory is None:
        return None
    try:
        return factory(store, config)
    except TypeError:
        return factory(store)


def create_app(
    config: object | None = None, *, store: Store | None = None, service: Any = None
) -> Flask:
    """A Flask app serving /sparql, /rdf-graph-store and /health over `store`.

    `config` is a Settings object or a mapping (keys as WebOptions' fields, plus any Flask
    setting in upper case). `store` and `service` may be given (tests, embedding); otherwise
    they are built from the configuration.
    """
    if config is None:
        from iucgraph.config import Settings

        config = Settings()
    options = WebOptions.from_config(config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = options.max_body_bytes
    app.config["IUC_RETRY_AFTER"] = options.retry_after
    app.config["PROPAGATE_EXCEPTIONS"] = False
    if isinstance(config, Mapping):
        app.config.update({k: v for k, v in config.items() if isinstance(k, str) and k.isupper()})
    if store is None:
        store = _build_store(config)
    if service is None:
        service = _build_service(config, store)
    app.extensions["iucgraph"] = http.AppState(store, service, options)
    errors.register(app)
    http.install(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(health.bp)
    resources.register(app, config)
    dataset.register(app, config)
    return app


__all__ = ["create_app"]
