"""Command line of the reference import: writes data/*.trig from ../shared/reference/."""

from __future__ import annotations

import argparse
from pathlib import Path

from iucgraph.config import PROJECT_ROOT
from tools.import_reference.common import (
    DEFAULT_REFERENCE_DIR,
    Reference,
    SourceRegistry,
    write_trig,
)

# Each part returns {file name: Dataset}; parts run in order and share the source registry.
PARTS: list[str] = [
    *["geography", "programme", "pairings", "themes", "wikidata"],  # places, programme, themes
    *["institutions", "people", "events", "projects"],  # actors
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE_DIR)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "data")
    args = parser.parse_args(argv)
    ref = Reference(args.reference)
    sources = SourceRegistry()
    import importlib

    for part in PARTS:
        module = importlib.import_module(f"tools.import_reference.{part}")
        for name, ds in module.build(ref, sources).items():
            write_trig(ds, args.out / name)
    write_trig(sources.describe(), args.out / "sources.trig")


if __name__ == "__main__":
    main()
