"""SHACL timings of a generated graph, three ways, and load + validate of the shipped data.

- ours: iucgraph.load + iucgraph.validate with the default engine ("fast": pyshacl-turbo on the
  union graph, SPARQL-based rules once on a pyoxigraph store);
- ours, Store: the files bulk-loaded into a pyoxigraph Store (as for pyshacl-turbo raw), then
  iucgraph.validate on that Store: what the server runs on every write (GraphService._change
  validates its Store copy), and the same input as the raw row, so the two compare directly;
- pyshacl: the same with engine="pyshacl" (the reference);
- pyshacl-turbo raw: the files bulk-loaded into a pyoxigraph Store and given to pyshacl-turbo
  with all the shapes (its own sh:sparql evaluation): the fastest validator, measured here.
  (Raw pyshacl-turbo is NOT a correct validator of our data: it fails sh:in on simple literals
  read from a Store; see iucgraph/shacl_engine.turbo_input.)

Each measurement runs in a child process (its own peak memory, killed at the time limit) and
repeats the validation (--repeat, median reported):

    python -m bench.shacl_bench [--data FILE.nq] [--shapes FILE] [--timeout S] [--repeat N]

Targets (issue 3): validation of the 100k graph within 1.5x the fastest validator
(pyshacl-turbo on a pyoxigraph store: 1.25 s in shared/design/performance.md, on fewer shapes;
compared here as a ratio within one run, on our shapes), and load + validate of the shipped
data under 2 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FASTEST_100K_SECONDS = 1.25  # pyshacl-turbo on a pyoxigraph store, performance.md
SHIPPED_TARGET_SECONDS = 2.0


ENGINES = ("fast", "fast-store", "pyshacl", "turbo-raw")
LABELS = {
    "fast": "ours (fast), rdflib load",
    "fast-store": "ours (fast), Store",
    "pyshacl": "pyshacl",
    "turbo-raw": "pyshacl-turbo raw, Store",
}


def measure(data: Path | None, shapes: Path | None, engine: str, repeat: int) -> dict[str, object]:
    """Parse (ontology + `data`, or the shipped files), then validate; times in seconds."""
    from iucgraph.config import Paths
    from iucgraph.load import default_paths, load_dataset
    from iucgraph.validate import load_shapes, validate

    paths = Paths()
    files = [paths.ontology_file, data] if data else default_paths(paths)
    shape_graph = load_shapes(shapes)
    if engine == "turbo-raw":
        return _measure_turbo_raw(files, shape_graph, repeat)
    if engine == "fast-store":
        return _measure_store(files, shape_graph, repeat)
    t0 = time.perf_counter()
    loaded = load_dataset(files)
    parse_s = time.perf_counter() - t0
    times, report = [], None
    for _ in range(repeat):
        t1 = time.perf_counter()
        report = validate(loaded, shape_graph, engine=engine)  # type: ignore[arg-type]
        times.append(time.perf_counter() - t1)
    assert report is not None
    return _result(parse_s, times, report.conforms, len(report.results))


def _bulk_store(files: list[Path]) -> tuple[Any, float]:
    """The files in a pyoxigraph Store (triples-only files in a graph of their own); seconds."""
    import pyoxigraph as ox

    formats = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
    t0 = time.perf_counter()
    store = ox.Store()
    for path in files:
        graph = ox.NamedNode(path.resolve().as_uri()) if path.suffix == ".ttl" else None
        store.bulk_load(path=str(path), format=formats[path.suffix], to_graph=graph)
    return store, time.perf_counter() - t0


def _measure_store(files: list[Path], shapes: Any, repeat: int) -> dict[str, object]:
    from iucgraph.validate import validate

    store, parse_s = _bulk_store(files)
    times, report = [], None
    for _ in range(repeat):
        t1 = time.perf_counter()
        report = validate(store, shapes)
        times.append(time.perf_counter() - t1)
    assert report is not None
    return _result(parse_s, times, report.conforms, len(report.results))


def _measure_turbo_raw(files: list[Path], shapes: object, repeat: int) -> dict[str, object]:
    import pyshacl_turbo
    from rdflib.namespace import SH

    store, parse_s = _bulk_store(files)
    times, conforms, results = [], False, 0
    for _ in range(repeat):
        t1 = time.perf_counter()
        program = pyshacl_turbo.compile_shapes(shapes)
        conforms, report, _ = program.validate(store, allow_warnings=True, allow_infos=True)
        times.append(time.perf_counter() - t1)
        results = len(set(report.objects(None, SH.result)))
    return _result(parse_s, times, bool(conforms), results)


def _result(parse_s: float, times: list[float], conforms: bool, results: int) -> dict[str, object]:
    validate_s = statistics.median(times)
    return {
        "parse_s": parse_s,
        "validate_s": validate_s,
        "total_s": parse_s + validate_s,
        "conforms": conforms,
        "violations": results,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(
    data: Path | None, shapes: Path | None, timeout: float, engine: str = "fast", repeat: int = 3
) -> dict[str, object]:
    """`measure` in a child process; {"error": ...} if it fails or runs out of time."""
    argv = [sys.executable, "-m", "bench.shacl_bench", "--one", engine, "--repeat", str(repeat)]
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


def report(data: Path | None, shapes: Path | None, timeout: float, repeat: int = 3) -> str:
    """Markdown lines for the generated graph (if given) and for the shipped data."""
    if not shapes_available(shapes):
        return "SHACL: skipped, this build has no ontology/shapes.ttl (or give --shapes FILE)"
    lines = [
        "| SHACL | validator | parse s | validate s (median) | total s | conforms (results) "
        "| peak RSS MiB | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    cases: list[tuple[str, Path | None, tuple[str, ...]]] = []
    if data is not None:
        cases.append((f"generated {data.name}", data, ENGINES))
    cases.append(("shipped ontology/ + data/", None, ENGINES))
    ratios = []
    for label, path, engines in cases:
        measured = {}
        for engine in engines:
            r = measured[engine] = run_child(path, shapes, timeout, engine, repeat)
            target = _target(path, engine)
            if "error" in r:
                lines.append(f"| {label} | {LABELS[engine]} | {r['error']} | | | | | {target} |")
                continue
            lines.append(
                f"| {label} | {LABELS[engine]} | {r['parse_s']:.2f} | {r['validate_s']:.2f} "
                f"| {r['total_s']:.2f} | {r['conforms']} ({r['violations']}) "
                f"| {r['peak_rss_mib']:.0f} | {target} |"
            )
        ratios.append(_ratios(label, measured))
    return "\n".join(lines + [""] + ratios)


def _target(path: Path | None, engine: str) -> str:
    if engine not in ("fast", "fast-store"):
        return ""
    if path is None:
        return f"total < {SHIPPED_TARGET_SECONDS:.0f} s"
    return "validate <= 1.5x pyshacl-turbo raw of this run"


def _ratios(label: str, measured: dict[str, dict[str, object]]) -> str:
    def seconds(engine: str) -> float | None:
        value = measured.get(engine, {}).get("validate_s")
        return float(value) if isinstance(value, float) else None

    ours, ref, raw = seconds("fast"), seconds("pyshacl"), seconds("turbo-raw")
    on_store = seconds("fast-store")
    parts = [f"{label}:"]
    if ours and ref:
        parts.append(f"pyshacl / ours = {ref / ours:.1f}x;")
    if ours and raw:
        parts.append(f"ours / pyshacl-turbo raw = {ours / raw:.2f} (target <= 1.5);")
    if on_store and raw:
        parts.append(f"ours on a Store / pyshacl-turbo raw = {on_store / raw:.2f} (target <= 1.5);")
    if ours:
        parts.append(f"ours / performance.md's {FASTEST_100K_SECONDS} s = ")
        parts.append(
            f"{ours / FASTEST_100K_SECONDS:.2f} (other machine and fewer shapes: indicative)"
        )
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=None, help="an N-Quads file (bench.generate)")
    p.add_argument("--shapes", type=Path, default=None, help="default: ontology/shapes.ttl")
    p.add_argument("--timeout", type=float, default=900.0)
    p.add_argument("--repeat", type=int, default=3, help="validations per measurement")
    p.add_argument("--one", choices=ENGINES, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.data, args.shapes, args.one, args.repeat)))
        return 0
    print(report(args.data, args.shapes, args.timeout, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
