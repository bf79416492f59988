"""The store layer: one interface (`Store`) over the embedded and remote back-ends.

Names are imported lazily so that a query worker process (iucgraph/store/worker.py) starts
with pyoxigraph only, without rdflib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iucgraph.store.base import SelectResult, Serialized, Store
    from iucgraph.store.embedded import EmbeddedStore
    from iucgraph.store.factory import open_store
    from iucgraph.store.remote import RemoteStore

__all__ = ["EmbeddedStore", "RemoteStore", "SelectResult", "Serialized", "Store", "open_store"]

_WHERE = {
    "SelectResult": "base",
    "Serialized": "base",
    "Store": "base",
    "EmbeddedStore": "embedded",
    "RemoteStore": "remote",
    "open_store": "factory",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'iucgraph.store' has no attribute {name!r}")
    return getattr(import_module(f"iucgraph.store.{_WHERE[name]}"), name)
