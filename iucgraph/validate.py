"""SHACL validation of the whole graph, with a report that is both an RDF graph and readable text.

The shapes see the UNION of all named graphs (a city's English label may come from our curation
graph and its population from a source's graph), plus the ontology, so that sh:class honours
rdfs:subClassOf. No inference is run and nothing is fetched from the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from iucgraph import shacl_engine
from iucgraph.config import Paths
from iucgraph.load import LoadedDataset, parse_file
from iucgraph.namespaces import PREFIXES
from iucgraph.shacl_engine import DEFAULT_ENGINE, Engine
from iucgraph.shacl_sparql import add_to_report

SHAPES_NS = "https://w3id.org/iucgraph/shapes#"
_DISPLAY_PREFIXES = {**PREFIXES, "iucsh": SHAPES_NS}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: what (focus node, path, value), which rule, and where it was stated."""

    focus_node: Node
    path: Node | None
    value: Node | None
    message: str
    severity: URIRef
    source_shape: Node | None
    constraint: URIRef | None
    files: tuple[str, ...] = ()
    source_constraint: Node | None = None  # the sh:sparql constraint, for SPARQL-based rules

    @property
    def rule(self) -> Node | None:
        """The named rule broken: the SPARQL constraint if there is one, else the shape."""
        return self.source_constraint if self.source_constraint is not None else self.source_shape


@dataclass(frozen=True)
class ValidationReport:
    """`conforms`, the `results`, the SHACL report `graph`, and `text()` for people."""

    conforms: bool
    results: list[Violation]
    graph: Graph = field(repr=False)

    def text(self) -> str:
        return format_report(self)

    def turtle(self) -> str:
        return self.graph.serialize(format="turtle")

    def __str__(self) -> str:
        return self.text()


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (ontology/shapes.ttl by default); InputError names file and line."""
    path = path or Paths().shapes_file
    shapes = Graph()
    for triple in parse_file(path).quads((None, None, None, None)):
        shapes.add(triple[:3])
    return shapes


def validate(
    data: LoadedDataset | Graph | ox.Store,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    *,
    engine: Engine = DEFAULT_ENGINE,
) -> ValidationReport:
    """Validate the union of all graphs in `data` against `shapes` (default: the shipped shapes).

    `ontology` is merged in for the class hierarchy; a dataset loaded with ontology/iuc.ttl
    already contains it. A LoadedDataset lets the report name the file of each focus node.
    `engine`: "fast" (pyshacl-turbo and Oxigraph, the default) or "pyshacl" (the reference);
    both give the same results (tests/test_shacl_engines.py).
    """
    shapes = shapes if shapes is not None else load_shapes()
    conforms, report_graph, extra = shacl_engine.check(data, shapes, ontology, engine)
    add_to_report(report_graph, extra)
    conforms = conforms and not any(r.severity == SH.Violation for r in extra)
    for prefix, ns in _DISPLAY_PREFIXES.items():
        report_graph.bind(prefix, ns, override=True, replace=True)
    results = _results(report_graph, data if isinstance(data, LoadedDataset) else None)
    return ValidationReport(conforms=conforms, results=results, graph=report_graph)


def _results(report: Graph, loaded: LoadedDataset | None) -> list[Violation]:
    found = []
    for result in report.objects(None, SH.result):  # not the nested sh:detail results
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        component = report.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                focus_node=focus,
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=str(message) if message is not None else "",
                severity=severity if isinstance(severity, URIRef) else SH.Violation,
                source_shape=report.value(result, SH.sourceShape),
                constraint=component if isinstance(component, URIRef) else None,
                files=loaded.files_of(focus) if loaded is not None else (),
                source_constraint=report.value(result, SH.sourceConstraint),
            )
        )
    found.sort(key=_order)  # the same report text whatever order the engine gave the results
    return found


def _order(v: Violation) -> tuple[str, ...]:
    return (str(v.focus_node), str(v.path), v.message, str(v.value), str(v.constraint), str(v.rule))


def short(node: Node | None, graph: Graph | None = None) -> str:
    """A prefixed name where a known prefix fits (id:city/cn/haikou), else N3."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        best = max(
            (p for p, ns in _DISPLAY_PREFIXES.items() if str(node).startswith(ns)),
            key=lambda p: len(_DISPLAY_PREFIXES[p]),
            default=None,
        )
        if best is not None:
            return f"{best}:{str(node)[len(_DISPLAY_PREFIXES[best]) :]}"
        return f"<{node}>"
    if isinstance(node, Literal):
        if node.datatype is not None:
            return f'"{node}"^^{short(node.datatype)}'
        return node.n3()
    if isinstance(node, BNode) and graph is not None:
        return _path_text(node, graph)
    return node.n3()


def _path_text(node: BNode, graph: Graph) -> str:
    """A SHACL property path written as a SPARQL-like path (a / b, ^p)."""
    if graph.value(node, RDF.first) is not None:
        return " / ".join(short(n, graph) for n in Collection(graph, node))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + " | ".join(short(n, graph) for n in Collection(graph, alternatives)) + ")"
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + short(inverse, graph)
    for key, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, key)
        if inner is not None:
            return f"({short(inner, graph)}){mark}"
    return "[path]"


def format_report(report: ValidationReport) -> str:
    """The results grouped by resource: what is wrong, where, and which rule says so."""
    if report.conforms and not report.results:
        return "The graph conforms to the shapes: no violations.\n"
    by_focus: dict[Node, list[Violation]] = defaultdict(list)
    for v in report.results:
        by_focus[v.focus_node].append(v)
    count = sum(1 for v in report.results if v.severity == SH.Violation)
    others = len(report.results) - count
    head = "conforms" if report.conforms else "does NOT conform"
    lines = [
        f"The graph {head} to the shapes: {count} violation(s)"
        + (f" and {others} warning(s)" if others else "")
        + f" on {len(by_focus)} resource(s).",
        "",
    ]
    for focus in sorted(by_focus, key=str):
        lines.extend(_group(focus, by_focus[focus], report.graph))
    return "\n".join(lines)


def _group(focus: Node, violations: Sequence[Violation], graph: Graph) -> list[str]:
    files = sorted({_display_path(f) for v in violations for f in v.files})
    lines = [short(focus, graph) + (f"   (in {', '.join(files)})" if files else "")]
    for v in violations:
        severity = short(v.severity).removeprefix("sh:")
        where = short(v.path, graph) if v.path is not None else "(the resource)"
        lines.append(f"  [{severity}] {where}: {v.message}")
        if v.value is not None and v.value != v.focus_node:
            lines.append(f"      value: {short(v.value, graph)}")
        component = short(v.constraint).removeprefix("sh:") if v.constraint else "-"
        lines.append(f"      rule:  {short(v.rule)} ({component})")
    lines.append("")
    return lines


def _display_path(path: str) -> str:
    """Paths under the working directory are shown relative to it, as a user typed them."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
