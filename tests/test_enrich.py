"""`iucgraph enrich`: facts from the linked endpoint in their own graph, curated claims intact."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from iucgraph.cli import main
from iucgraph.linking.enrich import CLAIM_BASE, OUT_NAME, SOURCE
from iucgraph.namespaces import ID_BASE, IUC, WGS
from iucgraph.rdfio import quiet_rdflib
from tests.wikidata_support import OURS, free_port, oxigraph_endpoint

HAIKOU = URIRef(ID_BASE + "city/cn/haikou")
NICE = URIRef(ID_BASE + "city/fr/nice")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_endpoint(tmp_path_factory.mktemp("wd")) as url:
        yield url


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    shutil.copytree(OURS, tmp_path / "data")
    (tmp_path / "settings.toml").write_text(
        "[linking]\nlink_retries = 1\nlink_backoff = 0.01\n", encoding="utf-8"
    )
    return tmp_path


def cli(work: Path, *args: str) -> tuple[int, str]:
    common = ["--data", str(work / "data"), "--cache", str(work / "cache")]
    common += ["--config", str(work / "settings.toml")]
    result = CliRunner().invoke(main, [*args, *common])
    return result.exit_code, result.output


def linked(work: Path, endpoint: str) -> None:
    code, output = cli(work, "link", "wikidata", "--endpoint", endpoint, "--report", str(work))
    assert code == 0, output


def enrichment(work: Path) -> Dataset:
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(work / "data" / OUT_NAME, format="trig")
    return ds


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.trig"))
    }


def test_population_with_date_coordinates_and_website(work: Path, endpoint: str) -> None:
    linked(work, endpoint)
    code, output = cli(work, "enrich", "--endpoint", endpoint, "--date", "2026-05-01")
    assert code == 0, output
    g = enrichment(work).graph(SOURCE)
    assert (HAIKOU, IUC.population, Literal(2873358)) in g  # the latest (2020) figure
    assert (HAIKOU, IUC.population, Literal(2046189)) not in g
    claim = URIRef(CLAIM_BASE + "city/cn/haikou/population")
    assert g.value(claim, DCTERMS.date) == Literal("2020-11-01", datatype=XSD.date)
    assert g.value(claim, RDF.object) == Literal(2873358)
    assert g.value(HAIKOU, WGS.lat) == Literal("20.0342", datatype=XSD.decimal)
    assert (NICE, FOAF.homepage, URIRef("https://www.nice.fr/")) in g
    assert (SOURCE, RDF.type, IUC.Source) in g


def test_curated_claims_are_never_touched(work: Path, endpoint: str) -> None:
    linked(work, endpoint)
    before = digest(work / "data")
    cli(work, "enrich", "--endpoint", endpoint)
    after = digest(work / "data")
    assert OUT_NAME in after
    assert {k: v for k, v in after.items() if k != OUT_NAME} == before
    ds = enrichment(work)
    assert {g.identifier for g in ds.graphs() if len(g)} == {SOURCE}


def test_second_run_is_byte_identical(work: Path, endpoint: str) -> None:
    linked(work, endpoint)
    cli(work, "enrich", "--endpoint", endpoint, "--date", "2026-05-01")
    first = (work / "data" / OUT_NAME).read_bytes()
    code, output = cli(work, "enrich", "--endpoint", endpoint, "--date", "2026-07-07")
    assert code == 0 and "unchanged" in output
    assert (work / "data" / OUT_NAME).read_bytes() == first


def test_unreachable_endpoint_changes_nothing(work: Path, endpoint: str) -> None:
    linked(work, endpoint)
    before = digest(work / "data")
    dead = f"http://127.0.0.1:{free_port()}/query"
    code, output = cli(work, "enrich", "--endpoint", dead)
    assert code == 2 and dead in output
    assert digest(work / "data") == before
