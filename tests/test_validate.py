"""SHACL validation: the valid graph conforms; each invalid file breaks exactly its rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from iucgraph.load import load_dataset
from iucgraph.namespaces import ID_BASE, IUC, IUC_NS
from iucgraph.validate import ValidationReport, short, validate

DATA = Path(__file__).parent / "data"
SHAPES = "https://w3id.org/iucgraph/shapes#"


def rule(name: str) -> URIRef:
    return URIRef(SHAPES + name)


def iri(path: str) -> URIRef:
    return URIRef(ID_BASE + path)


HAIKOU, NICE = iri("city/cn/haikou"), iri("city/fr/nice")
PAIRING, COHORT = iri("pairing/haikou-nice"), iri("cohort/iuc-asia-2018")

# file -> the (rule, focus node) pairs it must produce, and nothing else.
EXPECTED: dict[str, set[tuple[str, URIRef]]] = {
    "missing-english-label": {("City-label", NICE)},
    "chinese-city-without-province": {("ChineseCity-province", HAIKOU)},
    "chinese-city-without-chinese-name": {("ChineseCity-label", HAIKOU)},
    # The same city on both sides cannot be both in and outside Europe: two rules, by necessity.
    "pairing-same-city": {("Pairing-distinct", PAIRING), ("Pairing-partnerOutsideEurope", PAIRING)},
    "partner-city-in-europe": {("Pairing-partnerOutsideEurope", PAIRING)},
    "province-wrong-country": {("City-provinceCountry", HAIKOU)},
    "malformed-province-iso-code": {("Province-isoCode", iri("province/cn-hi"))},
    "malformed-country-iso-code": {("Country-isoCode", iri("country/br"))},
    "year-1999": {("Cohort-yearRange", COHORT)},
    "event-date-2015": {("Event-dateRange", iri("event/2018-04-24-iuc-start-up-workshop"))},
    "negative-population": {("Population", NICE)},
    "population-not-a-number": {("Population", NICE)},
    "year-as-string": {("Cohort-year", COHORT)},
    "duplicate-city": {("City-unique", HAIKOU), ("City-unique", iri("city/cn/haikou-city"))},
    "undeclared-reference": {("Ref-cohort", PAIRING)},
    "theme-outside-scheme": {("Theme-scheme", iri("theme/urban-regeneration"))},
    "pairing-without-source": {("Pairing-source", PAIRING)},
    "label-without-language": {("Named-labels", iri("programme/iuc"))},
}


def check(path: Path, shapes: Graph, ontology: Graph) -> ValidationReport:
    return validate(load_dataset([path]), shapes=shapes, ontology=ontology)


def test_minimal_graph_conforms(shapes: Graph, ontology: Graph):
    report = check(DATA / "valid" / "minimal.trig", shapes, ontology)
    assert report.results == []
    assert report.conforms
    assert (None, SH.conforms, Literal(True)) in report.graph


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_file_breaks_exactly_its_rule(name: str, shapes: Graph, ontology: Graph):
    report = check(DATA / "invalid" / f"{name}.trig", shapes, ontology)
    assert not report.conforms
    broken = {(v.rule, v.focus_node) for v in report.results}
    assert broken == {(rule(r), focus) for r, focus in EXPECTED[name]}
    assert all(v.message and v.severity == SH.Violation for v in report.results)
    assert all(v.files == (str(DATA / "invalid" / f"{name}.trig"),) for v in report.results)
    assert (None, SH.conforms, Literal(False)) in report.graph


def test_every_invalid_file_is_checked():
    files = {p.stem for p in (DATA / "invalid").glob("*.trig") if p.stem != "malformed"}
    assert files == set(EXPECTED)
    assert len(files) >= 12


def test_each_rule_carries_a_message_for_people(shapes: Graph):
    """Every named shape and SPARQL constraint that checks something says why in sh:message."""
    checked = {s for s, p, _ in shapes if str(s).startswith(SHAPES) and p != RDF.type}
    building_blocks = {rule(n) for n in ("InEnglish", "ProgrammeTime")}
    containers = {s for s in checked if (s, SH.property, None) in shapes}
    for shape in checked - building_blocks - containers:
        assert shapes.value(shape, SH.message) is not None, shape


@pytest.mark.parametrize(
    "cls",
    [
        IUC.City, IUC.Province, IUC.Country, IUC.Region, IUC.Pairing, IUC.RegionalPairing,
        IUC.Cluster, IUC.Cohort, IUC.Programme, IUC.Theme, IUC.Institution, IUC.Event,
        IUC.CooperationProject, IUC.Source, IUC_NS.Continent,
        URIRef("http://metadata.un.org/sdg/ontology#Goal"),
        URIRef("http://xmlns.com/foaf/0.1/Person"),
    ],
)  # fmt: skip
def test_every_class_has_a_shape(cls: URIRef, shapes: Graph):
    assert (None, SH.targetClass, cls) in shapes


def test_text_report_is_grouped_by_resource_and_names_rule_value_and_file(
    shapes: Graph, ontology: Graph
):
    path = DATA / "invalid" / "negative-population.trig"
    text = check(path, shapes, ontology).text()
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id:city/fr/nice"))
    assert path.name in lines[header]
    block = "\n".join(lines[header : header + 4])
    assert "iuc:population" in block
    assert "zero or more" in block  # the sh:message
    assert '"-540000"^^xsd:integer' in block
    assert "iucsh:Population" in block


def test_duplicate_report_names_both_cities(shapes: Graph, ontology: Graph):
    text = check(DATA / "invalid" / "duplicate-city.trig", shapes, ontology).text()
    assert "id:city/cn/haikou\u0020" in text or "id:city/cn/haikou " in text
    assert "id:city/cn/haikou-city" in text
    assert "entered twice (Haikou)" in text


def test_required_fields_may_come_from_different_source_graphs(
    tmp_path: Path, shapes: Graph, ontology: Graph
):
    """The English label in one graph, the rest in another: the union conforms."""
    minimal = (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")
    moved = minimal.replace('rdfs:label "Nice"@en ;', "", 1)
    assert moved != minimal
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    extra = f'<{ID_BASE}source/other> {{ <{NICE}> {label} "Nice"@en . }}\n'
    (tmp_path / "a.trig").write_text(moved, encoding="utf-8")
    (tmp_path / "b.trig").write_text(extra, encoding="utf-8")
    report = validate(load_dataset([tmp_path / "a.trig", tmp_path / "b.trig"]), shapes, ontology)
    assert report.conforms, report.text()


def test_subclasses_from_the_ontology_satisfy_sh_class(shapes: Graph, ontology: Graph):
    """org:subOrganizationOf wants an org:Organization; the ontology makes Institution one."""
    loaded = load_dataset([DATA / "valid" / "minimal.trig"])
    assert not validate(loaded, shapes, ontology=None).conforms
    assert validate(loaded, shapes, ontology=ontology).conforms


def test_validate_accepts_a_plain_graph(shapes: Graph, ontology: Graph):
    graph = Graph()
    for s, p, o, _ in load_dataset([DATA / "invalid" / "year-1999.trig"]).dataset.quads():
        graph.add((s, p, o))
    report = validate(graph, shapes, ontology)
    assert [v.rule for v in report.results] == [rule("Cohort-yearRange")]
    assert report.results[0].files == ()


def test_short_names_use_prefixes():
    assert short(HAIKOU) == "id:city/cn/haikou"
    assert short(IUC.population) == "iuc:population"
    assert short(URIRef("http://example.org/x")) == "<http://example.org/x>"


@pytest.mark.parametrize(
    "name",
    [
        "duplicate-city",
        "province-wrong-country",
        "chinese-city-without-province",
        "chinese-city-without-chinese-name",
    ],
)
def test_sparql_rules_run_once_agree_with_pyshacl_per_node(
    name: str, shapes: Graph, ontology: Graph
):
    """Our once-per-rule evaluation of sh:sparql gives pySHACL's per-focus-node results."""
    from pyshacl import validate as shacl_validate

    from iucgraph.rdfio import union_graph

    union = union_graph(load_dataset([DATA / "invalid" / f"{name}.trig"]).dataset, ontology)
    _, report, _ = shacl_validate(union, shacl_graph=shapes, inference="none")
    theirs = {
        (report.value(r, SH.focusNode), report.value(r, SH.value))
        for r in report.objects(None, SH.result)
        if report.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent
    }
    ours = {(v.focus_node, v.value) for v in validate(union, shapes).results}
    assert theirs and ours == theirs


def test_a_graph_of_the_shipped_size_validates(tmp_path: Path, shapes: Graph, ontology: Graph):
    """~12k triples (40 renamed copies of the minimal graph); its speed is measured in bench/."""
    import re

    text = (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")
    head, body = text.split("<source/iucgraph-curation> {", 1)
    body = "<source/iucgraph-curation> {" + body
    kinds = "city|region|programme|cohort|theme|cluster|person|pairing|regional-pairing|project"
    copies = []
    for k in range(40):
        copy = re.sub(rf"<(({kinds}|institution|event)/[^>]*)>", rf"<\1-{k}>", body)
        copies.append(re.sub(r'rdfs:label "([^"]*)"@(en|zh)', rf'rdfs:label "\1 {k}"@\2', copy))
    notes = "\n".join(
        f'<{ID_BASE}source/n{g}> {{ <{ID_BASE}city/fr/nice-{k}> <{IUC_NS}note> "n {g} {j}"@en . }}'
        for g in range(10)
        for k in range(40)
        for j in range(20)
    )
    path = tmp_path / "big.trig"
    path.write_text(head + "".join(copies) + notes, encoding="utf-8")
    loaded = load_dataset([path])
    report = validate(loaded, shapes, ontology)
    assert len(loaded) > 11_000
    assert {v.rule for v in report.results} <= {
        rule("Continent-label"),
        rule("Country-label"),
        rule("Province-label"),
        rule("Named-labels"),
    }  # shared resources got one renamed label per copy; everything else conforms


def test_a_warning_alone_does_not_break_conformance(tmp_path: Path, shapes: Graph, ontology: Graph):
    """A country without a continent is a warning: only paired cities' countries need one."""
    minimal = (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")
    brazil = 'iuc:isoCode "BR" ; iuc:continent <continent/sa> .'
    changed = minimal.replace(brazil, 'iuc:isoCode "BR" .')
    assert changed != minimal
    path = tmp_path / "no-continent.trig"
    path.write_text(changed, encoding="utf-8")
    report = validate(load_dataset([path]), shapes, ontology)
    assert report.conforms
    assert [(v.rule, v.severity) for v in report.results] == [
        (rule("Country-continentKnown"), SH.Warning)
    ]
    assert "0 violation(s) and 1 warning(s)" in report.text()
    assert "[Warning]" in report.text()
