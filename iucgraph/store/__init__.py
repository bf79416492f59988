"""The store layer: one interface (`Store`) over the embedded and remote back-ends."""

from iucgraph.store.base import SelectResult, Serialized, Store
from iucgraph.store.embedded import EmbeddedStore

__all__ = ["EmbeddedStore", "SelectResult", "Serialized", "Store"]
