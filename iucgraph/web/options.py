"""The settings the web layer reads, taken from a Settings object or a plain mapping.

Names are the same in both (attribute or key), so `create_app({"write_token": "t"})` and
`create_app(Settings(write_token="t"))` mean the same. Every default is the safe choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class WebOptions:
    write_token: str | None = None  # updates and graph writes are refused unless this is set
    max_rows: int = 10_000  # row cap of /sparql results; a cut is always reported
    max_body_bytes: int = 10 * 1024 * 1024  # request-size cap (413 before parsing)
    max_url_length: int = 8_192  # longer GET URLs get 414 with a hint to POST
    base_url: str | None = None  # public base of the server (graph IRIs, BASE of updates)
    retry_after: int = 5  # seconds suggested in Retry-After on 503
    cors: bool = True  # Access-Control-Allow-Origin: * on read responses
    cache_max_age: int = 60  # Cache-Control max-age of read responses

    @classmethod
    def from_config(cls, config: object) -> WebOptions:
        """Pick our fields from a Settings-like object or mapping; unknown names are ignored."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if isinstance(config, Mapping):
                if f.name in config:
                    values[f.name] = config[f.name]
            elif hasattr(config, f.name):
                values[f.name] = getattr(config, f.name)
        token = values.get("write_token")
        if token is not None and not str(token).strip():
            values["write_token"] = None  # an empty token must never mean "anyone may write"
        return cls(**values)
