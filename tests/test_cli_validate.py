"""`iucgraph validate`: exit codes 0/1/2, the grouped report, the Turtle report graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import SH

from iucgraph.cli import main
from iucgraph.cli import validate as cli_validate
from iucgraph.config import Paths

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str | Path):
    return runner.invoke(main, ["validate", *map(str, args)])


def test_conforming_graph_exits_0(runner: CliRunner, ontology_file: Path):
    result = run(runner, DATA / "valid" / "minimal.trig", "--ontology", ontology_file)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    assert "NOT" not in result.output


def test_nonconforming_graph_exits_1_and_names_the_rule(runner: CliRunner, ontology_file: Path):
    path = DATA / "invalid" / "chinese-city-without-province.trig"
    result = run(runner, path, "--ontology", ontology_file)
    assert result.exit_code == 1, result.output
    assert "id:city/cn/haikou" in result.output
    assert "A city in China needs its province (iuc:inProvince)." in result.output
    assert "iucsh:ChineseCity-province" in result.output
    assert path.name in result.output


def test_syntax_error_exits_2_with_file_and_line_on_stderr(runner: CliRunner):
    path = DATA / "invalid" / "malformed.ttl"
    result = run(runner, path)
    assert result.exit_code == 2
    assert f"{path}:6:" in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2(runner: CliRunner, tmp_path: Path):
    result = run(runner, tmp_path / "nowhere.trig")
    assert result.exit_code == 2
    assert "nowhere.trig" in result.stderr


def test_turtle_format_is_the_shacl_report_graph(runner: CliRunner, ontology_file: Path):
    path = DATA / "invalid" / "year-1999.trig"
    result = run(runner, path, "--ontology", ontology_file, "--format", "turtle")
    assert result.exit_code == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    assert len(list(report.objects(None, SH.result))) == 1


def test_default_paths_come_from_the_project(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ontology_file: Path
):
    """Without PATHs: ontology/iuc.ttl, ontology/shapes.ttl and data/*.trig from config.Paths."""
    project = Paths(ontology_dir=tmp_path / "ontology", data_dir=tmp_path / "data")
    project.ontology_dir.mkdir()
    project.data_dir.mkdir()
    project.ontology_file.write_bytes(ontology_file.read_bytes())
    project.shapes_file.write_bytes(Paths().shapes_file.read_bytes())
    (project.data_dir / "all.trig").write_bytes((DATA / "valid" / "minimal.trig").read_bytes())
    monkeypatch.setattr(cli_validate, "Paths", lambda: project)
    result = run(runner)
    assert result.exit_code == 0, result.output

    bad = (DATA / "invalid" / "event-date-2015.trig").read_text(encoding="utf-8")
    bad = bad.replace("event/2018-04-24-iuc-start-up-workshop", "event/another-workshop")
    (project.data_dir / "bad.trig").write_text(bad, encoding="utf-8")
    result = run(runner)
    assert result.exit_code == 1
    assert "id:event/another-workshop" in result.output
    assert "between 2016 and 2030" in result.output
