"""Loading files: formats by suffix, graph names, file tracking, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from iucgraph.config import Paths
from iucgraph.errors import InputError
from iucgraph.load import FILE_GRAPH_BASE, default_paths, load_dataset
from iucgraph.namespaces import ID_BASE, IUC, ONTOLOGY_IRI

VALID = Path(__file__).parent / "data" / "valid"
INVALID = Path(__file__).parent / "data" / "invalid"
HAIKOU = URIRef(ID_BASE + "city/cn/haikou")
CURATION = URIRef(ID_BASE + "source/iucgraph-curation")


def test_trig_keeps_its_named_graphs():
    loaded = load_dataset([VALID / "minimal.trig"])
    names = {g.identifier for g in loaded.dataset.graphs() if len(g)}
    assert CURATION in names
    assert (HAIKOU, RDF.type, IUC.City, CURATION) in loaded.dataset


def test_ontology_turtle_goes_into_the_ontology_graph(ontology_file: Path):
    loaded = load_dataset([ontology_file])
    graph = loaded.dataset.graph(URIRef(ONTOLOGY_IRI))
    assert (IUC.Pairing, None, IUC.Partnership) in graph
    assert len(loaded.dataset.default_graph) == 0


def test_other_turtle_goes_into_a_graph_named_after_the_file(tmp_path: Path):
    path = tmp_path / "extra-facts.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    loaded = load_dataset([path])
    graph = loaded.dataset.graph(URIRef(FILE_GRAPH_BASE + "extra-facts"))
    assert len(graph) == 1


def test_records_the_files_each_subject_came_from(tmp_path: Path):
    extra = tmp_path / "more.trig"
    extra.write_text(
        f"<{ID_BASE}source/x> {{ <{HAIKOU}> <{IUC.population}> 2000000 . }}\n", encoding="utf-8"
    )
    loaded = load_dataset([VALID / "minimal.trig", extra])
    assert loaded.files_of(HAIKOU) == tuple(sorted([str(VALID / "minimal.trig"), str(extra)]))
    assert loaded.files_of(URIRef("http://example.org/nothing")) == ()


@pytest.mark.parametrize(
    ("name", "line"),
    [("malformed.ttl", 6), ("malformed.trig", 9)],
)
def test_syntax_error_names_file_and_line(name: str, line: int):
    with pytest.raises(InputError) as info:
        load_dataset([INVALID / name])
    assert info.value.path == str(INVALID / name)
    assert info.value.line == line
    assert f"{name}:{line}:" in str(info.value)


@pytest.mark.parametrize(
    ("suffix", "text", "line"),
    [
        (".nt", "<http://a.org/a> <http://a.org/b> <http://a.org/c> .\n<http://a.org/a> x .\n", 2),
        (".nq", "<http://a.org/a> <http://a.org/b> <http://a.org/c> <http://a.org/g> .\n\n<x\n", 3),
        (".jsonld", '{\n  "@id": "http://a.org/a",\n  "http://a.org/b": [1,\n}\n', 4),
    ],
)
def test_syntax_error_line_in_other_formats(tmp_path: Path, suffix: str, text: str, line: int):
    path = tmp_path / f"bad{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_dataset([path])
    assert info.value.line == line


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file") as info:
        load_dataset([tmp_path / "absent.trig"])
    assert info.value.path == str(tmp_path / "absent.trig")


def test_unknown_suffix_is_an_input_error(tmp_path: Path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown file type"):
        load_dataset([path])


def test_remote_jsonld_context_is_refused(tmp_path: Path):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://schema.org/", "@id": "http://a.org/x"}', "utf-8")
    with pytest.raises(InputError, match="remote JSON-LD"):
        load_dataset([path])


def test_owl_imports_are_not_followed(tmp_path: Path, ontology_file: Path):
    path = tmp_path / "onto.ttl"
    path.write_text(
        ontology_file.read_text(encoding="utf-8")
        + "<https://w3id.org/iucgraph/ontology> owl:imports <http://192.0.2.1/x.ttl> .\n",
        encoding="utf-8",
    )
    before = len(Graph().parse(ontology_file, format="turtle"))
    loaded = load_dataset([path])  # would hang or fail if the import were fetched
    assert len(loaded.dataset.graph(URIRef(ONTOLOGY_IRI))) == before + 1


def test_jsonld_and_ntriples_load(tmp_path: Path):
    nt = tmp_path / "a.nt"
    nt.write_text("<http://a.org/a> <http://a.org/b> <http://a.org/c> .\n", encoding="utf-8")
    js = tmp_path / "b.jsonld"
    js.write_text('{"@id": "http://a.org/x", "http://a.org/p": "v"}', encoding="utf-8")
    loaded = load_dataset([nt, js])
    assert loaded.files_of(URIRef("http://a.org/x")) == (str(js),)
    assert len(loaded) == 2


def test_default_paths_are_the_ontology_then_sorted_trig(tmp_path: Path):
    (tmp_path / "data").mkdir()
    for name in ("people.trig", "geography.trig", "notes.txt"):
        (tmp_path / "data" / name).write_text("", encoding="utf-8")
    paths = Paths(ontology_dir=tmp_path / "ontology", data_dir=tmp_path / "data")
    assert default_paths(paths) == [
        tmp_path / "ontology" / "iuc.ttl",
        tmp_path / "data" / "geography.trig",
        tmp_path / "data" / "people.trig",
    ]
