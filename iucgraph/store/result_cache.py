"""A small LRU cache of serialised query results for the embedded store.

Keyed by the data version, the query text, the media type, the protocol's dataset parameters
and the row cap, so a commit (a new version) makes every older entry unreachable; entries are
bytes as the worker sent them. Bounded by a byte budget (StoreSettings.result_cache_bytes,
0 = off); a result larger than a quarter of the budget is never kept, nor the result of a
query that may answer differently on the same data (`cacheable`).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Hashable

from iucgraph.store.base import Serialized

# Queries whose answer may change without a commit: random or time-dependent functions, fresh
# blank nodes, SERVICE (remote data). A false positive (the word in a string) only skips the cache.
_VOLATILE = re.compile(r"\b(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(|\bSERVICE\b", re.IGNORECASE)


def cacheable(query: str) -> bool:
    """Whether the same text on the same data version always gives the same result."""
    return _VOLATILE.search(query) is None


class ResultCache:
    """Thread-safe LRU of Serialized results within `budget` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = max(0, budget)
        self._entries: OrderedDict[Hashable, Serialized] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.budget > 0

    def get(self, key: Hashable) -> Serialized | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, result: Serialized) -> None:
        size = len(result.body)
        if not self.enabled or size > self.budget // 4:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._size -= len(previous.body)
            self._entries[key] = result
            self._size += size
            while self._size > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0
