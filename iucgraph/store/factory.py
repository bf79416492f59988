"""Open the store that the settings name: embedded (memory or directory) or a remote endpoint."""

from __future__ import annotations

from iucgraph.config import StoreSettings
from iucgraph.store.base import Store


def open_store(settings: StoreSettings | None = None) -> Store:
    """The back-end for `settings.location`: None -> memory, a directory, an http(s) URL."""
    settings = settings or StoreSettings()
    if settings.kind == "remote":
        from iucgraph.store.remote import RemoteStore

        return RemoteStore(settings)
    from iucgraph.store.embedded import EmbeddedStore

    return EmbeddedStore(settings=settings)
