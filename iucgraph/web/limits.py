"""Per-client budgets, so that one client cannot starve the others.

Two budgets per client address (the TCP peer; X-Forwarded-For is never trusted, or anybody
could pick a fresh identity per request):

- concurrent heavy requests (those that run a client's own query in a worker process: /sparql):
  beyond the budget, 429 at once, so one client's queries never hold every query worker while
  other clients wait. Named queries, network views and downloads run our own bounded queries
  in-process; a page may fetch several of them at once, so only the rate budget applies;
- requests per second, as a token bucket (`burst` requests at once, refilled at `rate` per
  second): beyond it, 429 with the seconds until the next token in Retry-After.

/health and CORS preflights are not counted (load balancers poll the former).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from iucgraph.errors import RateLimited

HEAVY_PREFIXES = ("/sparql",)
EXEMPT_PATHS = ("/health",)
_MAX_CLIENTS = 10_000  # forget idle clients beyond this many (memory stays bounded)


@dataclass
class _Client:
    tokens: float
    stamp: float
    running: int = 0


class ClientLimiter:
    """Thread-safe budgets keyed by client address; `acquire` raises RateLimited."""

    def __init__(self, max_concurrent: int, rate: float, burst: int) -> None:
        self.max_concurrent = max_concurrent
        self.rate = rate
        self.burst = max(1, burst)
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()

    def _client(self, key: str, now: float) -> _Client:
        client = self._clients.get(key)
        if client is None:
            if len(self._clients) >= _MAX_CLIENTS:
                self._forget_idle(now)
            client = self._clients[key] = _Client(float(self.burst), now)
        return client

    def _forget_idle(self, now: float) -> None:
        for key, client in list(self._clients.items()):
            full = client.tokens + (now - client.stamp) * self.rate >= self.burst
            if client.running == 0 and full:
                del self._clients[key]

    def acquire(self, key: str, heavy: bool) -> bool:
        """Count one request of `key`; True if it holds a heavy slot (release it afterwards)."""
        now = time.monotonic()
        with self._lock:
            client = self._client(key, now)
            if self.rate > 0:
                client.tokens = min(
                    float(self.burst), client.tokens + (now - client.stamp) * self.rate
                )
                client.stamp = now
                if client.tokens < 1.0:
                    wait = math.ceil((1.0 - client.tokens) / self.rate)
                    raise RateLimited(
                        f"more than {self.rate:g} requests per second from this client",
                        retry_after=max(1, wait),
                    )
                client.tokens -= 1.0
            if not heavy or self.max_concurrent <= 0:
                return False
            if client.running >= self.max_concurrent:
                raise RateLimited(
                    f"this client already runs {client.running} queries at once "
                    f"(at most {self.max_concurrent}); wait for one to finish",
                    retry_after=1,
                )
            client.running += 1
            return True

    def release(self, key: str) -> None:
        with self._lock:
            client = self._clients.get(key)
            if client is not None and client.running > 0:
                client.running -= 1


def is_heavy(path: str) -> bool:
    return path.startswith(HEAVY_PREFIXES)


def is_exempt(path: str, method: str) -> bool:
    return method == "OPTIONS" or path in EXEMPT_PATHS
