"""`iucgraph link wikidata` against a real `oxigraph serve` with a Wikidata-shaped fixture."""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef
from rdflib.namespace import OWL

from iucgraph.cli import main
from iucgraph.linking.reconcile import SOURCE
from iucgraph.namespaces import ID_BASE, WD
from iucgraph.rdfio import quiet_rdflib
from tests.wikidata_support import OURS, free_port, oxigraph_endpoint

OUT = "links-wikidata-reconciled.trig"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_endpoint(tmp_path_factory.mktemp("wd")) as url:
        yield url


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    shutil.copytree(OURS, tmp_path / "data")
    config = tmp_path / "settings.toml"  # fast retries: the tests need not wait seconds
    config.write_text("[linking]\nlink_retries = 2\nlink_backoff = 0.01\n", encoding="utf-8")
    return tmp_path


def run(work: Path, endpoint: str, *extra: str) -> tuple[int, str]:
    args = ["link", "wikidata", "--endpoint", endpoint, "--data", str(work / "data")]
    args += ["--report", str(work / "reports"), "--cache", str(work / "cache")]
    args += ["--config", str(work / "settings.toml")]
    result = CliRunner().invoke(main, [*args, "--timeout", "5", *extra])
    return result.exit_code, result.output


def links(work: Path) -> Dataset:
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(work / "data" / OUT, format="trig")
    return ds


def report(work: Path) -> dict[str, dict[str, str]]:
    with (work / "reports" / "wikidata-links.csv").open(encoding="utf-8") as f:
        return {row["resource"].removeprefix(ID_BASE): row for row in csv.DictReader(f)}


def test_links_unambiguous_cities_and_picks_granada_in_spain(work: Path, endpoint: str) -> None:
    code, output = run(work, endpoint)
    assert code == 0, output
    g = links(work).graph(SOURCE)
    assert (URIRef(ID_BASE + "city/cn/haikou"), OWL.sameAs, WD.Q189823) in g
    assert (URIRef(ID_BASE + "city/es/granada"), OWL.sameAs, WD.Q8810) in g
    assert (URIRef(ID_BASE + "city/es/granada"), OWL.sameAs, WD.Q853467) not in g
    assert (URIRef(ID_BASE + "province/cn-hi"), OWL.sameAs, WD.Q42200) in g
    assert (URIRef(ID_BASE + "country/cn"), OWL.sameAs, WD.Q148) in g
    assert (URIRef(ID_BASE + "city/cn/haikou"), OWL.sameAs, WD.Q900001) not in g


def test_ambiguous_and_unmatched_are_reported_with_candidates(work: Path, endpoint: str) -> None:
    run(work, endpoint)
    rows = report(work)
    assert rows["city/ar/cordoba"]["status"] == "ambiguous"
    assert "Q900101" in rows["city/ar/cordoba"]["candidates"]
    assert "Q900102" in rows["city/ar/cordoba"]["candidates"]
    assert rows["city/gb/barnsley"]["status"] == "none"
    assert rows["city/cn/haikou"]["status"] == "matched"
    assert "Q900001" in rows["city/cn/haikou"]["candidates"]  # the Yunnan town, scored lower
    md = (work / "reports" / "wikidata-links.md").read_text(encoding="utf-8")
    assert "## Ambiguous" in md and "Q900102" in md
    g = links(work).graph(SOURCE)
    assert not any(g.triples((URIRef(ID_BASE + "city/ar/cordoba"), OWL.sameAs, None)))


def test_links_carry_provenance(work: Path, endpoint: str) -> None:
    run(work, endpoint, "--date", "2026-05-01")
    text = (work / "data" / OUT).read_text(encoding="utf-8")
    assert f'"{endpoint}"^^xsd:anyURI' in text
    assert '"2026-05-01"^^xsd:date' in text
    assert "reconciliation score 1.00" in text


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "cache" not in p.parts
    }


def test_second_run_is_byte_identical_even_on_another_day(work: Path, endpoint: str) -> None:
    run(work, endpoint, "--date", "2026-05-01")
    first = digest(work)
    code, _ = run(work, endpoint, "--date", "2026-06-02")  # nothing changed: the date stays
    assert code == 0
    assert digest(work) == first


def test_threshold_decides_what_is_written(work: Path, endpoint: str) -> None:
    run(work, endpoint, "--threshold", "0.95")
    rows = report(work)
    assert rows["city/fr/nice"]["status"] == "ambiguous"  # 0.80 < 0.95
    assert rows["city/cn/haikou"]["status"] == "matched"


def test_cached_answers_need_no_endpoint(work: Path, endpoint: str) -> None:
    run(work, endpoint)
    before = digest(work)
    code, output = run(work, endpoint.replace("/query", "/nowhere"))
    # another endpoint address is another cache key: refused, nothing written
    assert code == 2 and "nothing was written" in output
    assert digest(work) == before


def test_unreachable_endpoint_exits_non_zero_and_changes_nothing(work: Path) -> None:
    before = digest(work)
    dead = f"http://127.0.0.1:{free_port()}/query"
    code, output = run(work, dead)
    assert code == 2
    assert "cannot query the SPARQL endpoint" in output and dead in output
    assert digest(work) == before
    assert not (work / "data" / OUT).exists()


def test_dry_run_writes_nothing(work: Path, endpoint: str) -> None:
    before = digest(work)
    code, output = run(work, endpoint, "--dry-run")
    assert code == 0 and "matched" in output
    assert digest(work) == before
