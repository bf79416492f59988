"""A documentation model of the ontology (ontology/iuc.ttl) and what the shapes require of each
class (ontology/shapes.ttl), for the /ontology page.

Generated from the files, so the page cannot drift from them. Unions in domains and ranges are
spelt out; blank nodes never appear as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from iucgraph.errors import InputError
from iucgraph.namespaces import ONTOLOGY_IRI, PREFIXES
from iucgraph.rdfio import quiet_rdflib

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@dataclass(frozen=True)
class Requirement:
    """A property the shapes constrain on a class: min/max count, datatype, class, language."""

    path: str  # a CURIE or IRI (sequence paths spelt with '/')
    min_count: int | None
    max_count: int | None
    detail: str  # datatype, class, language, message...

    @property
    def required(self) -> bool:
        return bool(self.min_count)


@dataclass
class Term:
    iri: URIRef
    kind: str  # "class", "object property", "datatype property", ...
    label: str
    definition: str
    comments: list[str] = field(default_factory=list)
    superclasses: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    deprecated: bool = False
    requirements: list[Requirement] = field(default_factory=list)  # classes: from the shapes
    required_on: list[str] = field(default_factory=list)  # properties: classes requiring them

    @property
    def anchor(self) -> str:
        return str(self.iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class OntologyDoc:
    title: str
    description: str
    version: str
    classes: list[Term]
    properties: list[Term]
    individuals: list[Term]
    graph: Graph


def curie(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if str(node).startswith(ns) and len(str(node)) > len(ns):
                return f"{prefix}:{str(node)[len(ns) :]}"
        try:
            return graph.namespace_manager.curie(node, generate=False)
        except (KeyError, ValueError):
            return str(node)
    return str(node)


def _class_expr(graph: Graph, node: Node) -> list[str]:
    """A class or an owl:unionOf of classes, as CURIEs."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return [curie(graph, m) for m in Collection(graph, union)]
        return []
    return [curie(graph, node)]


def _text(graph: Graph, s: Node, *predicates: URIRef) -> str:
    for p in predicates:
        values = [o for o in graph.objects(s, p) if isinstance(o, Literal)]
        en = [v for v in values if v.language in (None, "en")]
        if en or values:
            return str(sorted(en or values, key=str)[0])
    return ""


def _path(graph: Graph, node: Node) -> str:
    if isinstance(node, BNode) and graph.value(node, RDF.first) is not None:
        return "/".join(curie(graph, m) for m in Collection(graph, node))
    if isinstance(node, BNode):
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + curie(graph, inverse)
        return "(complex path)"
    return curie(graph, node)


def _int(node: Node | None) -> int | None:
    return int(node) if isinstance(node, Literal) else None


def _requirements(shapes: Graph) -> dict[Node, list[Requirement]]:
    """Per target class, the property constraints of its node shapes."""
    out: dict[Node, list[Requirement]] = {}
    for shape in set(shapes.subjects(SH.targetClass, None)):
        targets = list(shapes.objects(shape, SH.targetClass))
        reqs = []
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if path is None:
                continue
            mins = shapes.value(prop, SH.minCount)
            maxs = shapes.value(prop, SH.maxCount)
            details = []
            for key, label in (
                (SH.datatype, "datatype"),
                (SH["class"], "class"),
                (SH.nodeKind, "node kind"),
                (SH.pattern, "pattern"),
            ):
                v = shapes.value(prop, key)
                if v is not None:
                    details.append(f"{label} {curie(shapes, v)}")
            langs = shapes.value(prop, SH.languageIn)
            if langs is not None:
                details.append("language " + ", ".join(str(x) for x in Collection(shapes, langs)))
            if (prop, SH.uniqueLang, None) in shapes:
                details.append("one per language")
            reqs.append(
                Requirement(
                    _path(shapes, path),
                    _int(mins),
                    _int(maxs),
                    "; ".join(details),
                )
            )
        for t in targets:
            out.setdefault(t, []).extend(reqs)
    return out


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        with quiet_rdflib():
            graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise InputError("file not found", path=str(path)) from exc
    except Exception as exc:  # rdflib raises several types for syntax errors
        raise InputError(f"cannot parse: {exc}", path=str(path)) from exc
    return graph


def build_doc(ontology_file: Path, shapes_file: Path | None = None) -> OntologyDoc:
    """The documentation model; shapes are optional (their requirements are then not shown)."""
    g = _parse(ontology_file)
    shapes = _parse(shapes_file) if shapes_file is not None and shapes_file.exists() else Graph()
    reqs = _requirements(shapes)
    onto = URIRef(ONTOLOGY_IRI)
    ns = PREFIXES["iuc"]

    def term(s: URIRef, kind: str) -> Term:
        t = Term(
            iri=s,
            kind=kind,
            label=_text(g, s, RDFS.label, SKOS.prefLabel) or curie(g, s),
            definition=_text(g, s, SKOS.definition, RDFS.comment),
            comments=sorted(str(c) for c in g.objects(s, RDFS.comment) if isinstance(c, Literal)),
            superclasses=sorted(x for o in g.objects(s, RDFS.subClassOf) for x in _class_expr(g, o))
            + sorted(curie(g, o) for o in g.objects(s, RDFS.subPropertyOf)),
            domain=sorted(x for o in g.objects(s, RDFS.domain) for x in _class_expr(g, o)),
            range=sorted(x for o in g.objects(s, RDFS.range) for x in _class_expr(g, o)),
            see_also=sorted(str(o) for o in g.objects(s, RDFS.seeAlso)),
            deprecated=(s, OWL.deprecated, Literal(True)) in g,
        )
        return t

    classes = [
        term(s, "class")
        for s in sorted(set(g.subjects(RDF.type, OWL.Class)), key=str)
        if isinstance(s, URIRef) and str(s).startswith(ns)
    ]
    properties = []
    seen: set[URIRef] = set()
    for ptype in PROPERTY_TYPES:
        for s in sorted(set(g.subjects(RDF.type, ptype)), key=str):
            if isinstance(s, URIRef) and str(s).startswith(ns) and s not in seen:
                seen.add(s)
                properties.append(term(s, curie(g, ptype).split(":")[1]))
    properties.sort(key=lambda t: str(t.iri))
    individuals = [
        term(s, "individual")
        for s in sorted(set(g.subjects(RDF.type, OWL.NamedIndividual)), key=str)
        if isinstance(s, URIRef) and str(s).startswith(ns)
    ]
    by_curie = {curie(g, p.iri): p for p in properties}
    for cls in classes:
        cls.requirements = sorted(reqs.get(cls.iri, []), key=lambda r: (not r.required, r.path))
        for r in cls.requirements:
            prop = by_curie.get(r.path)
            if prop is not None and r.required:
                prop.required_on.append(curie(g, cls.iri))
    return OntologyDoc(
        title=_text(g, onto, DCTERMS.title, RDFS.label) or "iucgraph ontology",
        description=_text(g, onto, DCTERMS.description),
        version=_text(g, onto, OWL.versionInfo),
        classes=classes,
        properties=properties,
        individuals=individuals,
        graph=g,
    )
