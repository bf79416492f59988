"""The web application: `create_app(config=None)` builds it (Flask tutorial style).

Importing this package has no side effects; everything happens in the factory, from the
configuration it is given (a Settings object or a mapping of setting names).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from iucgraph.config import Settings, as_settings
from iucgraph.service import GraphService
from iucgraph.store import open_store
from iucgraph.store.base import Store
from iucgraph.web import (
    dataset,
    errors,
    graph_store,
    health,
    http,
    network,
    queries,
    resources,
    sparql,
    ui,
)


def create_app(
    config: Settings | Mapping[str, object] | None = None,
    *,
    store: Store | None = None,
    service: GraphService | None = None,
) -> Flask:
    """A Flask app serving the graph over `store` (by default the one the settings name).

    An embedded store that starts empty is filled with the shipped ontology and data
    (validated first) when `store.load_on_start` is set, so `iucgraph serve` needs no
    separate load step. Upper-case keys of a mapping are passed to Flask's own config.
    """
    settings = as_settings(config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.store.max_request_bytes
    app.config["IUC_RETRY_AFTER"] = settings.web.retry_after
    app.config["PROPAGATE_EXCEPTIONS"] = False
    if isinstance(config, Mapping):
        app.config.update({k: v for k, v in config.items() if isinstance(k, str) and k.isupper()})
    if store is None:
        store = open_store(settings)
        if settings.store.load_on_start and settings.store.kind != "remote" and len(store) == 0:
            GraphService(store, settings).load_files()
    if service is None:
        service = GraphService(store, settings)
    app.extensions["iucgraph"] = http.AppState(store, service, settings)
    errors.register(app)
    http.install(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(health.bp)
    queries.register(app)
    network.register(app)
    resources.register(app)
    dataset.register(app)
    ui.register(app)
    return app


__all__ = ["create_app"]
