"""The bench runs end to end on a tiny graph, and every engine returns the same rows.

Not a timing test: it checks that the generator gives IUC-shaped data, that the table and the
ratios print, and that our server, `oxigraph serve` and rdflib-endpoint agree on the number of
rows of every query (correctness across engines).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench import generate, sparql_bench
from bench.client import count_rows

IUC = "https://w3id.org/iucgraph/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _oxigraph_cli() -> bool:
    return (Path(sys.executable).parent / "oxigraph").exists() or shutil.which(
        "oxigraph"
    ) is not None


def test_generator_is_deterministic_and_iuc_shaped(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    n = generate.write_nquads(first, 3_000, seed=1)
    generate.write_nquads(second, 3_000, seed=1)
    generate.write_nquads(other, 3_000, seed=2)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    assert 3_000 <= n < 3_200
    store = ox.Store()
    store.bulk_load(path=str(first), format=ox.RdfFormat.N_QUADS)
    assert len(store) == n
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    anchor = ox.NamedNode(generate.ANCHOR_CITY)
    labels = {
        (q.object.value, q.object.language)
        for q in store.quads_for_pattern(anchor, ox.NamedNode(LABEL), None, None)
    }
    assert labels == {("Haikou", "en"), ("海口市", "zh")}
    reachable = store.query(
        (sparql_bench.QUERY_DIR / "d.rq").read_text(encoding="utf-8"),
        use_default_graph_as_union=True,
    )
    assert len(list(reachable)) >= 1  # themes reach SDGs through broader*


def test_count_rows_counts_solutions_and_distinct_triples() -> None:
    body = (
        b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1"}},{}]}}'
    )
    assert count_rows(body, "application/sparql-results+json") == 2
    triples = b"<a:s> <a:p> <a:o> .\n<a:s> <a:p> <a:o> .\n<a:s> <a:p> <a:x> .\n"
    assert count_rows(triples, "application/n-triples") == 2


@pytest.mark.skipif(not _oxigraph_cli(), reason="the oxigraph CLI (PyPI: oxigraph) is missing")
def test_tiny_run_prints_table_and_engines_agree(capsys: pytest.CaptureFixture[str]) -> None:
    servers = ["ours", "oxigraph-memory", "oxigraph-disk"]
    if importlib.util.find_spec("rdflib_endpoint") is not None:
        servers.append("rdflib-endpoint")
    argv = ["--sizes", "2k", "--repeat", "1", "--requests", "4", "--clients", "2", "--no-shacl"]
    status = sparql_bench.main([*argv, "--budget", "5", "--servers", ",".join(servers)])
    out = capsys.readouterr().out
    assert "ROW COUNTS DIFFER" not in out
    assert status == 0
    queries = sorted(p.stem for p in sparql_bench.QUERY_DIR.glob("*.rq"))
    assert queries == ["a", "b", "c", "d", "e", "f"]
    for server in servers:
        rows = [
            line for line in out.splitlines() if line.startswith("| 2,") and f"| {server} |" in line
        ]
        assert len(rows) == 1 + len(queries), (server, rows)  # one per query + load/memory
        assert not any("ERROR" in r or "failed" in r for r in rows), rows
    assert "ours/oxigraph-memory latency" in out
    added = r"[+-]\d+\.\d\d"
    overhead = re.compile(rf"^\| 2,\d{{3}} \| ([a-f]) \| \d+\.\d\d \| {added} \| {added} \|$")
    assert sorted(m.group(1) for line in out.splitlines() if (m := overhead.match(line))) == queries


@pytest.mark.parametrize("engine", ["fast", "fast-store"])
def test_shacl_bench_validates_a_generated_graph_both_ways(tmp_path: Path, engine: str) -> None:
    """Both rows of "ours" in the SHACL bench validate what they load and find it conforming;
    a graph with a broken pairing (no programme) is found non-conforming on both paths."""
    from bench import shacl_bench

    good = tmp_path / "good.nq"
    generate.write_nquads(good, 3_000, seed=1)
    result = shacl_bench.measure(good, None, engine, repeat=1)
    assert result["conforms"] is True and result["violations"] == 0

    programme = f"<{IUC}programme>"
    broken = tmp_path / "broken.nq"
    lines = good.read_text(encoding="utf-8").splitlines(keepends=True)
    broken.write_text("".join(x for x in lines if programme not in x), encoding="utf-8")
    result = shacl_bench.measure(broken, None, engine, repeat=1)
    assert result["conforms"] is False and int(str(result["violations"])) > 0
