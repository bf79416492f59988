"""Loading files: validate-then-commit, a failing load leaves the old content, a reload does not
duplicate; `iucgraph load --store DIR` and its exit codes."""

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

pytest.importorskip("iucgraph.load")
pytest.importorskip("iucgraph.validate")

from rdflib import Graph  # noqa: E402

from iucgraph.cli import main  # noqa: E402
from iucgraph.config import Settings, StoreSettings  # noqa: E402
from iucgraph.errors import InputError, ValidationFailed  # noqa: E402
from iucgraph.service import GraphService  # noqa: E402
from iucgraph.store import EmbeddedStore  # noqa: E402

EX = "http://example.org/"
SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}LabelShape> a sh:NodeShape ; sh:targetSubjectsOf rdfs:label ;
  sh:property [ sh:path rdfs:label ; sh:maxCount 1 ] .
"""
GOOD = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}g1> {{ <{EX}a> rdfs:label "A" . }}
<{EX}g2> {{ <{EX}b> rdfs:label "B" . }}
"""
TWO_LABELS = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}g3> {{ <{EX}a> rdfs:label "Other" . }}
"""
BROKEN = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}g3> {{
  <{EX}c> rdfs:label "C" .
  <{EX}d> rdfs:label .
}}
"""


def _validator(data):
    from iucgraph.validate import validate

    return validate(data, shapes=Graph().parse(data=SHAPES, format="turtle"))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def fingerprint(store) -> tuple[int, str]:
    lines = sorted(str(q) for q in ox.parse(store.nquads(), format=ox.RdfFormat.N_QUADS))
    return len(store), hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.fixture
def service():
    store = EmbeddedStore()
    yield GraphService(store, Settings(), validator=_validator)
    store.close()


def test_same_file_loaded_twice_does_not_duplicate(service, tmp_path):
    good = _write(tmp_path, "good.trig", GOOD)
    first = service.load_files([good])
    second = service.load_files([good])
    assert first.quads == second.quads == 2 and first.version != second.version
    assert service.store.graph_names() == [ox_iri(EX + "g1"), ox_iri(EX + "g2")]


def ox_iri(value: str):
    from rdflib import URIRef

    return URIRef(value)


@pytest.mark.parametrize("text, error", [(BROKEN, InputError), (TWO_LABELS, ValidationFailed)])
def test_failing_load_leaves_the_old_content(service, tmp_path, text, error):
    service.load_files([_write(tmp_path, "good.trig", GOOD)])
    before, version = fingerprint(service.store), service.store.version
    with pytest.raises(error) as info:
        service.load_files(
            [_write(tmp_path, "good.trig", GOOD), _write(tmp_path, "bad.trig", text)]
        )
    assert fingerprint(service.store) == before and service.store.version == version
    if error is InputError:
        assert info.value.line == 4 and "bad.trig" in str(info.value)


def test_cli_load_into_a_directory(tmp_path, monkeypatch):
    good = _write(tmp_path, "good.trig", GOOD)
    monkeypatch.setattr("iucgraph.service._default_validator", _validator)
    db = tmp_path / "db"
    runner = CliRunner()
    result = runner.invoke(main, ["load", "--store", str(db), str(good)])
    assert result.exit_code == 0, result.output
    store = EmbeddedStore(settings=StoreSettings(location=str(db)))
    assert len(store) == 2
    store.close()
    bad = _write(tmp_path, "bad.trig", TWO_LABELS)
    assert runner.invoke(main, ["load", "--store", str(db), str(good), str(bad)]).exit_code == 1
    broken = _write(tmp_path, "broken.trig", BROKEN)
    assert runner.invoke(main, ["load", "--store", str(db), str(broken)]).exit_code == 2
    store = EmbeddedStore(settings=StoreSettings(location=str(db)))
    assert len(store) == 2  # neither failure touched it
    store.close()
