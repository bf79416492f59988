"""Fallback launcher of our server for the bench: exactly what `iucgraph serve` runs (settings
from the same TOML file, create_app, waitress with 8 threads), but with the embedded store
filled from an N-Quads file in process before serving, without SHACL validation.

Used only when the running build refuses to load the generated data through SPARQL Update
(see bench/ours.py); the query path measured is the same.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)
    if args.host != "127.0.0.1":
        raise SystemExit("the bench serves on 127.0.0.1 only")

    import waitress

    from iucgraph.config import load_settings
    from iucgraph.store import open_store
    from iucgraph.web import create_app

    settings = load_settings(args.config)
    store = open_store(settings.store)
    store.replace_nquads(args.data.read_bytes())  # type: ignore[attr-defined]
    app = create_app(settings, store=store)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="iucgraph")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
