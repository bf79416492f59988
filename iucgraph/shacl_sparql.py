"""SHACL-SPARQL constraints (sh:sparql with sh:select), run once per constraint, not per node.

pySHACL runs a constraint's query once for every focus node with $this pre-bound; on rdflib that
takes seconds for a few hundred cities. In SPARQL `$this` and `?this` are the same variable, so
running the query once with ?this free and keeping the rows whose ?this is a focus node of the
shape gives the same results (for queries that bind $this in a graph pattern, as ours all do).

The data is an rdflib Graph (the pySHACL reference engine) or a pyoxigraph Store whose default
graph is the union (the fast engine: the same queries, run by Oxigraph, several times faster).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from iucgraph.store.terms import term_from_ox

_TEMPLATE = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class SparqlResult:
    focus_node: Node
    path: Node | None
    value: Node | None
    message: str
    severity: URIRef
    source_shape: Node
    source_constraint: Node


def split_shapes(shapes: Graph) -> tuple[Graph, list[tuple[Node, Node]]]:
    """The shapes without their sh:sparql links (for pySHACL) and the (shape, constraint) pairs."""
    pairs = [(s, c) for s, c in shapes.subject_objects(SH.sparql)]
    if not pairs:
        return shapes, []
    core = Graph()
    core.namespace_manager = shapes.namespace_manager
    core.addN((s, p, o, core) for s, p, o in shapes if p != SH.sparql)
    return core, pairs


def run_constraints(
    data: Graph | ox.Store, shapes: Graph, pairs: list[tuple[Node, Node]]
) -> list[SparqlResult]:
    results: list[SparqlResult] = []
    for shape, constraint in pairs:
        if _true(shapes, shape, SH.deactivated) or _true(shapes, constraint, SH.deactivated):
            continue
        results.extend(_run(data, shapes, shape, constraint))
    return results


def add_to_report(report: Graph, results: list[SparqlResult]) -> None:
    """Write the results into the SHACL report graph, as pySHACL would have."""
    if not results:
        return
    top = report.value(None, RDF.type, SH.ValidationReport, any=True)
    if top is None:
        return
    if any(r.severity == SH.Violation for r in results):
        report.set((top, SH.conforms, Literal(False)))
    for r in results:
        node = BNode()
        report.add((top, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, r.focus_node))
        report.add((node, SH.resultSeverity, r.severity))
        report.add((node, SH.sourceShape, r.source_shape))
        report.add((node, SH.sourceConstraint, r.source_constraint))
        report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        report.add((node, SH.resultMessage, Literal(r.message)))
        if r.path is not None:
            report.add((node, SH.resultPath, r.path))
        if r.value is not None:
            report.add((node, SH.value, r.value))


def _run(
    data: Graph | ox.Store, shapes: Graph, shape: Node, constraint: Node
) -> Iterator[SparqlResult]:
    select = shapes.value(constraint, SH.select)
    if select is None:
        return
    query = _prefixes(shapes, constraint) + str(select)
    focus = focus_nodes(data, shapes, shape)
    message_template = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
    severity = shapes.value(shape, SH.severity)
    shape_path = shapes.value(shape, SH.path)
    seen: set[tuple[Node, Node | None, Node | None]] = set()
    for bindings in _select(data, query):
        this = bindings.get("this")
        if this is None or this not in focus:
            continue
        path = bindings.get("path", shape_path)
        value = bindings.get("value", this if shape_path is None else None)  # as SHACL says
        if (this, path, value) in seen:
            continue
        seen.add((this, path, value))
        yield SparqlResult(
            focus_node=this,
            path=path,
            value=value,
            message=_message(message_template, bindings),
            severity=severity if isinstance(severity, URIRef) else SH.Violation,
            source_shape=shape,
            source_constraint=constraint,
        )


def _select(data: Graph | ox.Store, query: str) -> Iterator[Mapping[str, Node]]:
    """The rows of a SELECT query as {variable: rdflib term}."""
    if isinstance(data, Graph):
        for result in data.query(query):
            yield result.asdict()  # type: ignore[union-attr]
        return
    solutions = data.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        row: dict[str, Node] = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = term_from_ox(value)
        yield row


def focus_nodes(data: Graph | ox.Store, shapes: Graph, shape: Node) -> set[Node]:
    """The focus nodes of a shape: the targets of SHACL Core (class, node, subjects, objects)."""
    if isinstance(data, ox.Store):
        return _store_focus_nodes(data, shapes, shape)
    nodes: set[Node] = set()
    classes = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes:
        classes.add(shape)
    for cls in classes:
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(data.subjects(RDF.type, sub))
    nodes.update(shapes.objects(shape, SH.targetNode))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        nodes.update(data.subjects(p, None))
    for p in shapes.objects(shape, SH.targetObjectsOf):
        nodes.update(data.objects(None, p))
    return nodes


def _store_focus_nodes(store: ox.Store, shapes: Graph, shape: Node) -> set[Node]:
    patterns = []
    classes = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes:
        classes.add(shape)
    patterns += [f"{{ ?n a/<{RDFS.subClassOf}>* <{c}> }}" for c in classes]
    patterns += [f"{{ ?n <{p}> [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    patterns += [f"{{ [] <{p}> ?n }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    nodes: set[Node] = set(shapes.objects(shape, SH.targetNode))
    if patterns:
        query = "SELECT DISTINCT ?n WHERE { " + " UNION ".join(patterns) + " }"
        nodes.update(row["n"] for row in _select(store, query) if "n" in row)
    return nodes


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for ontology in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            namespace = shapes.value(decl, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines) + "\n"


def _message(template: Node | None, bindings: Mapping[str, Node]) -> str:
    if template is None:
        return "A SPARQL-based rule is broken."

    def fill(match: re.Match[str]) -> str:
        value = bindings.get(match.group(1))
        return str(value) if value is not None else match.group(0)

    return _TEMPLATE.sub(fill, str(template))


def _true(graph: Graph, node: Node, prop: URIRef) -> bool:
    value = graph.value(node, prop)
    return isinstance(value, Literal) and value.toPython() is True
