"""SHACL timings: our validation (iucgraph.load + iucgraph.validate, pyshacl) of a generated
graph, and load + validate of the shipped ontology/ + data/.

Each measurement runs in a child process (its own peak memory, killed at the time limit):

    python -m bench.shacl_bench [--data FILE.nq] [--shapes FILE] [--timeout S]

Targets (issue 3): validation of the 100k graph within 1.5x the fastest validator of
shared/design/performance.md (pyshacl-turbo on a pyoxigraph store, 1.25 s), and load +
validate of the shipped data under 2 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FASTEST_100K_SECONDS = 1.25  # pyshacl-turbo on a pyoxigraph store, performance.md
SHIPPED_TARGET_SECONDS = 2.0


def measure(data: Path | None, shapes: Path | None) -> dict[str, object]:
    """Parse (ontology + `data`, or the shipped files), then validate; times in seconds."""
    from iucgraph.config import Paths
    from iucgraph.load import default_paths, load_dataset
    from iucgraph.validate import load_shapes, validate

    paths = Paths()
    files = [paths.ontology_file, data] if data else default_paths(paths)
    t0 = time.perf_counter()
    shape_graph = load_shapes(shapes)
    loaded = load_dataset(files)
    t1 = time.perf_counter()
    report = validate(loaded, shape_graph)
    t2 = time.perf_counter()
    return {
        "parse_s": t1 - t0,
        "validate_s": t2 - t1,
        "total_s": t2 - t0,
        "conforms": report.conforms,
        "violations": len(report.results),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(data: Path | None, shapes: Path | None, timeout: float) -> dict[str, object]:
    """`measure` in a child process; {"error": ...} if it fails or runs out of time."""
    argv = [sys.executable, "-m", "bench.shacl_bench", "--one"]
    if data:
        argv += ["--data", str(data)]
    if shapes:
        argv += ["--shapes", str(shapes)]
    try:
        done = subprocess.run(
            argv, cwd=str(ROOT), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s"}
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return {"error": lines[-1] if lines else f"exit {done.returncode}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def shapes_available(shapes: Path | None) -> bool:
    from iucgraph.config import Paths

    return (shapes or Paths().shapes_file).exists()


def report(data: Path | None, shapes: Path | None, timeout: float) -> str:
    """Markdown lines for the generated graph (if given) and for the shipped data."""
    if not shapes_available(shapes):
        return "SHACL: skipped, this build has no ontology/shapes.ttl (or give --shapes FILE)"
    lines = [
        "| SHACL (pyshacl via iucgraph.validate) | parse s | validate s | total s | conforms "
        "| peak RSS MiB | target |",
        "|---|---|---|---|---|---|---|",
    ]
    cases: list[tuple[str, Path | None, str]] = []
    if data is not None:
        target = f"validate <= {1.5 * FASTEST_100K_SECONDS:.2f} s at 100k"
        cases.append((f"generated {data.name}", data, target))
    cases.append(("shipped ontology/ + data/", None, f"total < {SHIPPED_TARGET_SECONDS:.0f} s"))
    for label, path, target in cases:
        r = run_child(path, shapes, timeout)
        if "error" in r:
            lines.append(f"| {label} | {r['error']} | | | | | {target} |")
            continue
        lines.append(
            f"| {label} | {r['parse_s']:.2f} | {r['validate_s']:.2f} | {r['total_s']:.2f} "
            f"| {r['conforms']} ({r['violations']} results) | {r['peak_rss_mib']:.0f} | {target} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=None, help="an N-Quads file (bench.generate)")
    p.add_argument("--shapes", type=Path, default=None, help="default: ontology/shapes.ttl")
    p.add_argument("--timeout", type=float, default=900.0)
    p.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.data, args.shapes)))
        return 0
    print(report(args.data, args.shapes, args.timeout))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
