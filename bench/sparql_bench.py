"""The SPARQL server bench: our server against `oxigraph serve` (disk, memory) and rdflib-endpoint.

    python -m bench.sparql_bench [--sizes 10k,100k] [--queries a,b,...] [--repeat N]
                                 [--clients 8] [--servers ours,oxigraph-memory,...]

For each size: generate the data (bench/generate.py), start every server on 127.0.0.1, run
every query (bench/queries/*.rq): median and p95 latency at 1 client, throughput at
`--clients` clients, peak RSS of the server's process tree; then print the table, the ratios
of ours against the fastest anchor (oxigraph in memory) and against rdflib-endpoint, a
check that every server returned the same number of rows, and what each server adds per
request to the engine's own time (the query evaluated in this process). Ratios only mean
something within one run (the machine is shared and noisy). Exit status 1 if the row counts
disagree.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from bench import shacl_bench
from bench.client import (
    Latency,
    MemorySampler,
    QueryFailed,
    Throughput,
    measure_latency,
    measure_throughput,
)
from bench.generate import parse_size, write_nquads
from bench.ours import Ours, OursCached
from bench.servers import OxigraphDisk, OxigraphMemory, RdflibEndpoint, Server

QUERY_DIR = Path(__file__).resolve().parent / "queries"
SERVER_ORDER = ("ours", "ours-cached", "oxigraph-memory", "oxigraph-disk", "rdflib-endpoint")
RDFLIB_MAX = 150_000  # rdflib-endpoint is skipped above this size (minutes per query at 1M)


@dataclass
class ServerRun:
    server: str
    size: int
    load_seconds: float = 0.0
    peak_rss_mib: float = 0.0
    latency: dict[str, Latency] = field(default_factory=dict)
    throughput: dict[str, Throughput] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)


def append_ontology(data: Path) -> int:
    """Add ontology/iuc.ttl, in its own named graph, to the data file: every server gets what
    `iucgraph serve` holds (ontology + data), and our shapes need the class hierarchy."""
    from iucgraph.config import Paths
    from iucgraph.namespaces import ONTOLOGY_IRI

    graph = ox.NamedNode(ONTOLOGY_IRI)
    triples = ox.parse(path=str(Paths().ontology_file), format=ox.RdfFormat.TURTLE)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    with data.open("ab") as f:
        f.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return len(quads)


def make_server(name: str) -> Server:
    return {
        "ours": Ours,
        "ours-cached": OursCached,
        "oxigraph-memory": OxigraphMemory,
        "oxigraph-disk": OxigraphDisk,
        "rdflib-endpoint": RdflibEndpoint,
    }[name]()


def load_queries(names: Sequence[str] | None) -> dict[str, str]:
    found = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.glob("*.rq"))}
    if names:
        missing = [n for n in names if n not in found]
        if missing:
            raise SystemExit(f"no such query: {', '.join(missing)} (have {', '.join(found)})")
        return {n: found[n] for n in names}
    return found


def run_size(
    names: Sequence[str], data: Path, size: int, queries: dict[str, str], args: argparse.Namespace
) -> list[ServerRun]:
    """Start every server on the same data, then measure query by query, server by server
    (interleaved, so that a noisy minute on a shared machine hits all of them alike); every
    server is stopped at the end, even on error."""
    runs = [ServerRun(name, size) for name in names]
    live: list[tuple[ServerRun, Server, MemorySampler]] = []
    try:
        for run in runs:
            if run.server == "rdflib-endpoint" and size > RDFLIB_MAX:
                run.skipped = (
                    f"skipped above {RDFLIB_MAX:,} triples (rdflib's engine takes minutes)"
                )
                continue
            server = make_server(run.server)
            workdir = Path(tempfile.mkdtemp(prefix=f"bench-{run.server}-", dir=args.workdir))
            sampler = MemorySampler(server.rss)
            sampler.__enter__()
            live.append((run, server, sampler))
            try:
                server.start(data, workdir)
            except Exception as exc:  # reported; the other servers go on
                run.skipped = f"failed: {type(exc).__name__}: {str(exc)[:400]}"
                server.stop()
                continue
            run.load_seconds = server.load_seconds
            run.notes.extend(server.notes)
        ready = [(run, server) for run, server, _ in live if not run.skipped]
        for measure in ("latency", "throughput"):
            for qname, text in queries.items():
                for run, server in ready:
                    if qname in run.errors:
                        continue
                    try:
                        if measure == "latency":
                            run.latency[qname] = measure_latency(
                                server.url, text, args.repeat, args.budget
                            )
                        else:
                            run.throughput[qname] = measure_throughput(
                                server.url, text, args.clients, args.requests, args.budget
                            )
                            print(_progress(run, qname), file=sys.stderr, flush=True)
                    except QueryFailed as exc:
                        run.errors[qname] = str(exc)[:300]
    finally:
        for run, server, sampler in live:
            server.stop()
            sampler.__exit__(None, None, None)
            run.peak_rss_mib = sampler.peak / 2**20
    return runs


def _progress(run: ServerRun, qname: str) -> str:
    if qname in run.errors:
        return f"  {run.server:16} {qname}: ERROR {run.errors[qname]}"
    lat = run.latency[qname]
    return (
        f"  {run.server:16} {qname}: median {lat.median * 1000:9.1f} ms  "
        f"p95 {lat.p95 * 1000:9.1f} ms  {_rate(run.throughput.get(qname))} req/s  rows {lat.rows}"
    )


def _rate(t: Throughput | None) -> str:
    if t is None:
        return "-"
    return f"{t.per_second:.1f}" + (f" ({t.rejected} x 503/429)" if t.rejected else "")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds:.1f} s"


def table(runs: list[ServerRun], queries: Sequence[str], clients: int) -> str:
    """Markdown: one row per (server, query), then load time and peak memory per server."""
    out = [
        f"| size | server | query | median ms (1 client) | p95 ms | req/s ({clients} clients) "
        "| rows |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        if run.skipped:
            out.append(f"| {run.size:,} | {run.server} | all | {run.skipped} | | | |")
            continue
        for q in queries:
            if q in run.errors:
                out.append(f"| {run.size:,} | {run.server} | {q} | ERROR {run.errors[q]} | | | |")
                continue
            lat = run.latency[q]
            out.append(
                f"| {run.size:,} | {run.server} | {q} | {ms(lat.median)} | {ms(lat.p95)} "
                f"| {_rate(run.throughput.get(q))} | {lat.rows} |"
            )
    out += [
        "",
        "| size | server | load + start s | peak RSS MiB (process tree) |",
        "|---|---|---|---|",
    ]
    for run in runs:
        if not run.skipped:
            out.append(
                f"| {run.size:,} | {run.server} | {run.load_seconds:.2f} | {run.peak_rss_mib:.0f} |"
            )
    for run in runs:
        for note in run.notes:
            out.append(f"\nNote ({run.server}, {run.size:,}): {note}")
    return "\n".join(out)


def ratios(
    runs: list[ServerRun], queries: Sequence[str], args_clients: int = 8
) -> tuple[str, bool]:
    """Ours vs oxigraph in memory (targets: latency <= 1.15, throughput >= 0.85) and vs
    rdflib-endpoint (target: >= 30x faster); plus the cross-engine row-count check."""
    lines = []
    agree = True
    for size in sorted({r.size for r in runs}):
        by = {r.server: r for r in runs if r.size == size and not r.skipped}
        ours, fast, slow = by.get("ours"), by.get("oxigraph-memory"), by.get("rdflib-endpoint")
        lines.append(f"\n## {size:,} triples")
        for q in queries:
            parts = []
            if ours and fast and q in ours.throughput and q in fast.throughput:
                lat = ours.latency[q].median / fast.latency[q].median
                ot, ft = ours.throughput[q].per_second, fast.throughput[q].per_second
                thr = ot / ft if ft else 0.0
                rejected = ours.throughput[q].rejected
                ok = lat <= 1.15 and thr >= 0.85 and not rejected
                flag = (f", {rejected} x 503/429 at {args_clients} clients" if rejected else "") + (
                    "" if ok else "  (misses target)"
                )
                parts.append(
                    f"ours/oxigraph-memory latency {lat:.2f}x, throughput {thr:.2f}x{flag}"
                )
            if ours and slow and q in ours.latency and q in slow.latency:
                speed = slow.latency[q].median / ours.latency[q].median
                anchor = ""
                if fast and q in fast.latency:  # what the fastest anchor itself reaches
                    reach = slow.latency[q].median / fast.latency[q].median
                    anchor = f" (oxigraph-memory: {reach:.0f}x)"
                parts.append(f"speed-up over rdflib-endpoint {speed:.0f}x{anchor}")
            cached = by.get("ours-cached")
            if cached and fast and q in cached.throughput and q in fast.throughput:
                lat = cached.latency[q].median / fast.latency[q].median
                ft = fast.throughput[q].per_second
                thr = cached.throughput[q].per_second / ft if ft else 0.0
                parts.append(f"[result cache on: latency {lat:.2f}x, throughput {thr:.2f}x]")
            counts = {name: r.latency[q].rows for name, r in by.items() if q in r.latency}
            if len(set(counts.values())) > 1:
                agree = False
                parts.append(f"ROW COUNTS DIFFER {counts}")
            lines.append(f"  {q}: " + "; ".join(parts))
        if "rdflib-endpoint" not in by:
            skipped = [r.skipped for r in runs if r.size == size and r.server == "rdflib-endpoint"]
            if skipped and skipped[0]:
                lines.append(f"  rdflib-endpoint: {skipped[0]}")
    return "\n".join(lines), agree


def engine_floor(data: Path, queries: dict[str, str], repeat: int) -> dict[str, float]:
    """Median seconds of each query evaluated and serialised in this process by exactly what
    our query workers run (iucgraph.store.worker: the same snapshot, the same writer): the
    engine's share of a request, without HTTP, Flask, policy checks or the process hop."""
    from bench.client import GRAPH_ACCEPT, accept_for
    from iucgraph.store.worker import open_store, run_query

    store = open_store("nquads", data.read_bytes())
    floors = {}
    for name, text in queries.items():
        accept = accept_for(text)
        media_type = "application/n-triples" if accept == GRAPH_ACCEPT else accept
        times = []
        for _ in range(max(3, repeat)):
            t0 = time.perf_counter()
            run_query(store, text, media_type, [], [], None, 2**40)
            times.append(time.perf_counter() - t0)
        floors[name] = statistics.median(times)
    return floors


def overhead_table(runs: list[ServerRun], floors: dict[int, dict[str, float]]) -> str:
    """Per query: the engine alone, and what each server adds to it per request (1 client)."""
    names = [s for s in ("ours", "oxigraph-memory") if any(r.server == s for r in runs)]
    out = [
        "| size | query | pyoxigraph in process ms | "
        + " | ".join(f"{n} adds ms" for n in names)
        + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    for size, per_query in floors.items():
        by = {r.server: r for r in runs if r.size == size and not r.skipped}
        for q, floor in per_query.items():
            added = []
            for n in names:
                run = by.get(n)
                lat = run.latency.get(q) if run else None
                added.append(f"{(lat.median - floor) * 1000:+.2f}" if lat else "-")
            out.append(f"| {size:,} | {q} | {floor * 1000:.2f} | " + " | ".join(added) + " |")
    return "\n".join(out)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10k,100k", help="comma-separated: 2k, 10k, 100k, 1M, N")
    p.add_argument("--queries", default="", help="comma-separated names of bench/queries/*.rq")
    p.add_argument("--servers", default=",".join(SERVER_ORDER))
    p.add_argument("--repeat", type=int, default=20, help="timed runs per query at 1 client")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--requests", type=int, default=80, help="requests per throughput run")
    p.add_argument("--budget", type=float, default=30.0, help="seconds per measurement, at most")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--workdir", type=Path, default=None, help="where data and stores go")
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    p.add_argument("--no-shacl", dest="shacl", action="store_false", help="skip the SHACL timings")
    p.add_argument("--shapes", type=Path, default=None, help="default: ontology/shapes.ttl")
    p.add_argument("--shacl-timeout", type=float, default=900.0)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    queries = load_queries([q for q in args.queries.split(",") if q] or None)
    servers = [s for s in args.servers.split(",") if s]
    unknown = set(servers) - set(SERVER_ORDER)
    if unknown:
        raise SystemExit(f"unknown server(s): {', '.join(sorted(unknown))}")
    runs: list[ServerRun] = []
    floors: dict[int, dict[str, float]] = {}
    shacl = ""
    with tempfile.TemporaryDirectory(prefix="iucgraph-bench-", dir=args.workdir) as tmp:
        args.workdir = Path(tmp)
        for label in args.sizes.split(","):
            size = parse_size(label)
            data = args.workdir / f"iuc-{label}.nq"
            t0 = time.perf_counter()
            n = write_nquads(data, size, args.seed)
            n += append_ontology(data)
            print(f"{label}: {n:,} quads in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            runs += run_size(servers, data, n, queries, args)
            floors[n] = engine_floor(data, queries, args.repeat)
            if args.shacl and (label.lower() == "100k" or len(args.sizes.split(",")) == 1):
                print(f"SHACL on {label} ...", file=sys.stderr, flush=True)
                shacl = shacl_bench.report(data, args.shapes, args.shacl_timeout)
    print(table(runs, list(queries), args.clients))
    text, agree = ratios(runs, list(queries), args.clients)
    print(text)
    print("\n## Where the time goes: the engine alone, and what each server adds (1 client)\n")
    print(overhead_table(runs, floors))
    if args.shacl:
        print("\n" + shacl)
    if args.json:
        results = {"runs": [asdict(r) for r in runs], "engine_floor_seconds": floors}
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if not agree:
        print("\nERROR: the servers disagree on the number of rows (see above)", file=sys.stderr)
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
