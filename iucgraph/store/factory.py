"""Open the store that the settings name: embedded (memory or directory) or a remote endpoint."""

from __future__ import annotations

from iucgraph.config import as_settings
from iucgraph.store.base import Store


def open_store(config: object = None) -> Store:
    """The back-end for the configured location: None -> memory, a directory, an http(s) URL.

    `config`: StoreSettings, Settings, a mapping of setting names, or None.
    """
    settings = as_settings(config).store
    if settings.kind == "remote":
        from iucgraph.store.remote import RemoteStore

        return RemoteStore(settings)
    from iucgraph.store.embedded import EmbeddedStore

    return EmbeddedStore(settings=settings)
