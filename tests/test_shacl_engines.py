"""The fast SHACL engine (pyshacl-turbo + Oxigraph) gives pySHACL's results, result for result.

Compared on every fixture, on the shipped data and on a generated graph with injected
violations: same `conforms` and the same multiset of (focus node, path, value, constraint
component, source shape, SPARQL constraint, severity, message). pySHACL is the reference twice:
as our "pyshacl" engine (Core by pySHACL, SPARQL-based rules once per rule on rdflib) and, on
the fixtures, as plain pySHACL running every rule of ontology/shapes.ttl itself.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from bench.generate import quads as generated_quads
from iucgraph.load import LoadedDataset, default_paths, load_dataset
from iucgraph.namespaces import ID_BASE, IUC
from iucgraph.shacl_engine import rdflib_union, turbo_input, union_store
from iucgraph.validate import ValidationReport, short, validate

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(
    p for p in [*(DATA / "invalid").glob("*.trig"), *(DATA / "valid").glob("*.trig")]
    if p.stem != "malformed"
)  # fmt: skip
CN = URIRef(ID_BASE + "country/cn")

Key = tuple[str, ...]


def keys(report: ValidationReport, shapes: Graph) -> Counter[Key]:
    """Each result as comparable text; paths rendered through the shapes (blank-node paths)."""
    return Counter(
        (
            v.focus_node.n3(),
            short(v.path, shapes),
            v.value.n3() if v.value is not None else "-",
            str(v.constraint),
            short(v.source_shape, shapes),
            str(v.source_constraint),
            str(v.severity),
            v.message,
        )
        for v in report.results
    )


def differences(a: ValidationReport, b: ValidationReport, shapes: Graph) -> list[str]:
    """What one report has that the other lacks (empty when they agree)."""
    found = []
    if a.conforms != b.conforms:
        found.append(f"conforms {a.conforms} != {b.conforms}")
    ka, kb = keys(a, shapes), keys(b, shapes)
    found += [f"only in the first: {k}" for k in sorted((ka - kb).elements())]
    found += [f"only in the second: {k}" for k in sorted((kb - ka).elements())]
    return found


def plain_pyshacl(data: LoadedDataset, shapes: Graph, ontology: Graph | None) -> Counter[Key]:
    """pySHACL alone, every rule (sh:sparql per focus node too): the reference of references."""
    from pyshacl import validate as shacl_validate

    _, report, _ = shacl_validate(
        rdflib_union(data, ontology),
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(report, Graph)
    found: Counter[Key] = Counter()
    for r in report.objects(None, SH.result):
        focus, value = report.value(r, SH.focusNode), report.value(r, SH.value)
        if value is None and report.value(r, SH.sourceConstraint) is not None:
            value = focus if report.value(r, SH.resultPath) is None else None
        assert focus is not None
        found[
            (
                focus.n3(),
                short(report.value(r, SH.resultPath), shapes),
                value.n3() if value is not None else "-",
                str(report.value(r, SH.sourceConstraintComponent)),
                short(report.value(r, SH.sourceShape), shapes),
                str(report.value(r, SH.sourceConstraint)),
                str(report.value(r, SH.resultSeverity)),
                str(report.value(r, SH.resultMessage)),
            )
        ] += 1
    return found


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_both_engines_agree_on_each_fixture(path: Path, shapes: Graph, ontology: Graph):
    loaded = load_dataset([path])
    fast = validate(loaded, shapes, ontology, engine="fast")
    reference = validate(loaded, shapes, ontology, engine="pyshacl")
    assert differences(fast, reference, shapes) == []
    assert keys(fast, shapes) == plain_pyshacl(loaded, shapes, ontology)
    assert [v.files for v in fast.results] == [v.files for v in reference.results]
    if path.parent.name == "invalid":
        assert not fast.conforms and fast.results  # the comparison is not vacuous


def test_both_engines_agree_on_the_shipped_data(shapes: Graph):
    loaded = load_dataset(default_paths())
    fast = validate(loaded, shapes, engine="fast")
    assert differences(fast, validate(loaded, shapes, engine="pyshacl"), shapes) == []
    assert fast.conforms


def inject_violations(ds: Dataset, seed: int = 3) -> dict[str, int]:
    """Break a generated graph in every way our shapes check; returns what was done, by kind."""
    rng = random.Random(seed)
    union = rdflib_union(ds, None)
    cities = sorted(union.subjects(RDF.type, IUC.City))
    chinese = sorted(c for c in cities if (c, IUC.inCountry, CN) in union)
    provinces = sorted(union.subjects(RDF.type, IUC.Province))
    cohorts = sorted(union.subjects(RDF.type, IUC.Cohort))
    pairings = sorted(union.subjects(RDF.type, IUC.Pairing))
    graph = ds.graph(URIRef(ID_BASE + "source/injected"))
    done: Counter[str] = Counter()

    def some(nodes: list[URIRef], k: int) -> list[URIRef]:
        assert nodes, "the generated graph lacks a kind of resource"
        return rng.sample(nodes, min(k, len(nodes)))

    def remove(s: URIRef, p: URIRef, o: object = None) -> None:
        for triple in list(ds.quads((s, p, o, None))):  # type: ignore[arg-type]
            ds.remove(triple)

    for c in some(cities, 4):  # no English name
        for label in [o for o in union.objects(c, RDFS.label) if o.language == "en"]:  # type: ignore[attr-defined]
            remove(c, RDFS.label, label)
        done["no-en-label"] += 1
    for c in some(cities, 3):  # two English names
        graph.add((c, RDFS.label, Literal(f"Other {rng.random()}", lang="en")))
        done["two-en-labels"] += 1
    for c in some(chinese, 3):  # SPARQL rules: Chinese name, province
        remove(c, RDFS.label, None)
        graph.add((c, RDFS.label, Literal(f"Only English {c[-6:]}", lang="en")))
        remove(c, IUC.inProvince, None)
        done["chinese-rules"] += 1
    a, b = rng.sample([c for c in cities if c not in chinese], 2)  # duplicate city
    graph.add((b, IUC.inCountry, union.value(a, IUC.inCountry)))
    english = [o for o in union.objects(a, RDFS.label) if o.language == "en"]  # type: ignore[attr-defined]
    graph.add((b, RDFS.label, english[0]))  # also a second English name for b
    done["duplicate"] += 1
    for c in some(cities, 2):  # second country
        graph.add((c, IUC.inCountry, URIRef(ID_BASE + "country/fr")))
        done["two-countries"] += 1
    for c, value in zip(
        some(cities, 4),
        [
            Literal(-5, datatype=XSD.integer),
            Literal("many", datatype=XSD.integer),
            Literal("12000"),
            Literal(1.5, datatype=XSD.decimal),
        ],
        strict=True,
    ):
        graph.add((c, IUC.population, value))
        done["population"] += 1
    for c, qualifier in zip(some(cities, 3), ["about", "more than", "roughly"], strict=True):
        graph.add((c, IUC.populationQualifier, Literal(qualifier)))  # sh:in: only one is wrong
        done["qualifier"] += 1
    qualified = BNode()  # a blank focus node
    graph.add((qualified, IUC.populationQualifier, Literal("circa")))
    for p, code in zip(some(provinces, 2), ["cn-hi", "XX-1"], strict=True):
        remove(p, IUC.isoCode, None)
        graph.add((p, IUC.isoCode, Literal(code)))  # malformed, then wrong country prefix
        done["iso-code"] += 1
    for c in some(cohorts, 2):
        remove(c, IUC.year, None)
        graph.add((c, IUC.year, Literal("2018")))
        done["year"] += 1
    for p in some(pairings, 3):
        remove(p, IUC.cohort, None)
        graph.add((p, IUC.cohort, URIRef(ID_BASE + "cohort/undeclared")))
        graph.add((p, RDFS.label, Literal("a pairing without language")))
        done["pairing"] += 1
    return dict(done)


@pytest.fixture(scope="module")
def broken_graph(tmp_path_factory: pytest.TempPathFactory) -> LoadedDataset:
    path = tmp_path_factory.mktemp("gen") / "g2k.nq"
    path.write_text("".join(generated_quads(2_000)), encoding="utf-8")
    from iucgraph.config import Paths

    loaded = load_dataset([Paths().ontology_file, path])
    assert validate(loaded).conforms  # the generator conforms before we break it
    inject_violations(loaded.dataset)
    return loaded


def test_both_engines_agree_on_a_generated_graph_with_injected_violations(
    broken_graph: LoadedDataset, shapes: Graph
):
    fast = validate(broken_graph, shapes, engine="fast")
    reference = validate(broken_graph, shapes, engine="pyshacl")
    assert differences(fast, reference, shapes) == []
    assert keys(fast, shapes) == plain_pyshacl(broken_graph, shapes, None)
    rules = {short(v.rule) for v in fast.results}
    assert len(fast.results) >= 30 and len(rules) >= 13, rules
    assert "iucsh:City-unique" in rules and "iucsh:PopulationQualifier" in rules
    assert any(isinstance(v.focus_node, BNode) for v in fast.results)
    assert {v.files for v in fast.results if not isinstance(v.focus_node, BNode)} != {()}


def test_a_store_is_validated_like_the_dataset_it_holds(broken_graph: LoadedDataset, shapes: Graph):
    store = ox.Store()
    store.bulk_extend(union_store(broken_graph, None))
    from_store = validate(store, shapes)
    from_dataset = validate(broken_graph, shapes)
    assert [k for k in differences(from_store, from_dataset, shapes) if "_:" not in k] == []
    assert len(from_store.results) == len(from_dataset.results)


def test_a_dropped_result_is_detected(shapes: Graph, ontology: Graph):
    """The comparison above fails when an engine loses a violation or invents one."""
    loaded = load_dataset([DATA / "invalid" / "duplicate-city.trig"])
    report = validate(loaded, shapes, ontology)
    fewer = ValidationReport(report.conforms, report.results[1:], report.graph)
    assert len(differences(report, fewer, shapes)) == 1
    assert differences(fewer, report, shapes)[0].startswith("only in the second")
    none = ValidationReport(True, [], report.graph)
    assert "conforms False != True" in differences(report, none, shapes)


def test_the_simple_literal_workaround_is_still_needed_or_can_go():
    """pyshacl-turbo 0.6.5 fails sh:in ( "about" ) on "about" when given a Store; our N-Quads
    input passes it. When this test fails, the Store path got fixed: turbo_input can go."""
    import pyshacl_turbo

    shapes = Graph().parse(
        format="turtle",
        data="<urn:S> <http://www.w3.org/ns/shacl#targetSubjectsOf> <urn:q> ; "
        '<http://www.w3.org/ns/shacl#path> <urn:q> ; <http://www.w3.org/ns/shacl#in> ("about") .',
    )
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:q"), ox.Literal("about")))
    program = pyshacl_turbo.compile_shapes(shapes)
    assert program.validate(turbo_input(store))[0] is True
    assert program.validate(store)[0] is False


@pytest.mark.parametrize("name", ["duplicate-city", "population-not-a-number"])
def test_cli_engine_option_gives_the_same_report(name: str, tmp_path: Path, ontology: Graph):
    from click.testing import CliRunner

    from iucgraph.cli import main

    ontology_file = tmp_path / "mini.ttl"
    ontology.serialize(ontology_file, format="turtle")
    path = DATA / "invalid" / f"{name}.trig"
    outputs = {}
    for engine in ("fast", "pyshacl"):
        args = ["validate", str(path), "--ontology", str(ontology_file), "--engine", engine]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        outputs[engine] = result.output
    assert outputs["fast"] == outputs["pyshacl"]
    assert "does NOT conform" in outputs["fast"]
    assert CliRunner().invoke(main, ["validate", str(path), "--engine", "nope"]).exit_code == 2
