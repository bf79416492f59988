"""Read the graph's files into one rdflib Dataset, with errors that name the file and the line.

Turtle and N-Triples files (the ontology) hold no graph names, so each goes into a named graph of
its own: the IRI of the owl:Ontology it declares (ontology/iuc.ttl -> the ontology IRI), else a
graph named after the file. TriG, N-Quads and JSON-LD keep the graph names they carry.

Turtle, TriG, N-Triples and N-Quads are parsed by Oxigraph (several times faster than rdflib's
parsers, and its errors carry the line); JSON-LD by rdflib. Nothing is fetched from the network:
owl:imports are not followed and remote JSON-LD contexts are refused.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Node

from iucgraph.config import Paths
from iucgraph.errors import InputError
from iucgraph.ids import slugify
from iucgraph.namespaces import ONTOLOGY_IRI, PREFIXES
from iucgraph.rdfio import quiet_rdflib

# suffix -> (Oxigraph format or None for rdflib's JSON-LD parser, whether it carries graph names)
FORMATS: dict[str, tuple[ox.RdfFormat | None, bool]] = {
    ".ttl": (ox.RdfFormat.TURTLE, False),
    ".nt": (ox.RdfFormat.N_TRIPLES, False),
    ".trig": (ox.RdfFormat.TRIG, True),
    ".nq": (ox.RdfFormat.N_QUADS, True),
    ".jsonld": (None, True),
}

# Graph names we choose for files that carry none.
FILE_GRAPH_BASE = "https://w3id.org/iucgraph/graph/"

Quad = tuple[Node, Node, Node, Node | None]  # graph name None: the default graph


@dataclass(frozen=True)
class LoadedDataset:
    """The loaded Dataset plus, for each subject, the file(s) that described it."""

    dataset: Dataset = field(repr=False)
    paths: tuple[Path, ...] = ()
    subject_files: Mapping[Node, frozenset[str]] = field(default_factory=dict, repr=False)

    def files_of(self, node: Node) -> tuple[str, ...]:
        """The files in which `node` is a subject, sorted; empty if none."""
        return tuple(sorted(self.subject_files.get(node, ())))

    def __len__(self) -> int:
        return len(self.dataset)


def default_paths(paths: Paths | None = None) -> list[Path]:
    """The shipped graph: the ontology, then data/*.trig in sorted order (shapes are not data)."""
    paths = paths or Paths()
    return [paths.ontology_file, *sorted(paths.data_dir.glob("*.trig"))]


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def load_dataset(paths: Iterable[Path | str]) -> LoadedDataset:
    """Parse every file into one Dataset; raise InputError (file and line) on the first bad one."""
    ds = new_dataset()
    files: dict[Node, set[str]] = defaultdict(set)
    loaded: list[Path] = []
    for raw in paths:
        path = Path(raw)
        label = str(path)
        quads, prefixes = read_quads(path)
        _add(ds, quads)
        for s, _, _, _ in quads:
            files[s].add(label)
        for prefix, ns in prefixes.items():
            if prefix and prefix not in PREFIXES:
                ds.bind(prefix, ns, override=False)
        loaded.append(path)
    return LoadedDataset(
        dataset=ds,
        paths=tuple(loaded),
        subject_files={k: frozenset(v) for k, v in files.items()},
    )


def parse_file(path: Path) -> Dataset:
    """One file as a Dataset of its own (triples-only formats go into one named graph)."""
    ds = new_dataset()
    quads, prefixes = read_quads(path)
    _add(ds, quads)
    for prefix, ns in prefixes.items():
        ds.bind(prefix, ns, override=False)
    return ds


def read_quads(path: Path) -> tuple[list[Quad], dict[str, str]]:
    """The statements of one file as rdflib terms, and the prefixes it declares."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unknown file type {suffix!r} (expected one of {known})", path=str(path))
    fmt, has_graphs = FORMATS[suffix]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read the file: {e}", path=str(path)) from None
    base = path.resolve().as_uri()
    if fmt is None:
        quads, prefixes = _read_jsonld(path, data, base)
    else:
        quads, prefixes = _read_with_oxigraph(path, data, fmt, base)
    if not has_graphs:
        name = graph_name_for(path, quads)
        quads = [(s, p, o, name) for s, p, o, _ in quads]
    return quads, prefixes


def graph_name_for(path: Path, quads: list[Quad]) -> URIRef:
    """The named graph for a triples-only file: its ontology IRI, else one made from its name."""
    if path.name == "iuc.ttl":
        return URIRef(ONTOLOGY_IRI)
    declared = {s for s, p, o, _ in quads if p == RDF.type and o == OWL.Ontology}
    ontologies = sorted(str(s) for s in declared if isinstance(s, URIRef))
    if len(ontologies) == 1:
        return URIRef(ontologies[0].rstrip("#"))
    return URIRef(FILE_GRAPH_BASE + slugify(path.stem))


def _add(ds: Dataset, quads: list[Quad]) -> None:
    graphs: dict[Node | None, Graph] = {None: ds.default_graph}
    for s, p, o, g in quads:
        target = graphs.get(g)
        if target is None:
            target = graphs[g] = ds.graph(g)  # type: ignore[arg-type]
        target.add((s, p, o))


def _read_with_oxigraph(
    path: Path, data: bytes, fmt: ox.RdfFormat, base: str
) -> tuple[list[Quad], dict[str, str]]:
    terms = _Terms()
    try:
        parser = ox.parse(data, format=fmt, base_iri=base)
        with quiet_parsing():
            quads: list[Quad] = [
                (terms(q.subject), terms(q.predicate), terms(q.object), terms.graph(q.graph_name))
                for q in parser
            ]
    except SyntaxError as e:
        raise InputError(f"syntax error: {e.msg}", path=str(path), line=e.lineno) from None
    except ValueError as e:  # e.g. RDF 1.2 triple terms, which we do not use
        raise InputError(f"unsupported content: {e}", path=str(path)) from None
    return quads, dict(parser.prefixes)


class _Terms:
    """Oxigraph terms to rdflib terms, with fresh blank nodes per file and a cache for reuse."""

    def __init__(self) -> None:
        self.cache: dict[object, Node] = {}

    def __call__(self, term: object) -> Node:
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = _convert(term)
        return found

    def graph(self, name: object) -> Node | None:
        return None if isinstance(name, ox.DefaultGraph) else self(name)


def _convert(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode()
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):  # rdflib's parsers give plain literals for "x"
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"unsupported RDF term {term!r}")


def _read_jsonld(path: Path, data: bytes, base: str) -> tuple[list[Quad], dict[str, str]]:
    try:
        text = data.decode("utf-8")
        doc = json.loads(text)
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8: {e}", path=str(path)) from None
    except json.JSONDecodeError as e:
        raise InputError(f"syntax error: {e.msg}", path=str(path), line=e.lineno) from None
    _refuse_remote_contexts(path, doc)
    part = Dataset()
    try:
        with quiet_parsing():
            part.parse(data=text, format="json-ld", publicID=base)
    except Exception as e:  # rdflib raises many types; all mean "this file does not parse"
        raise InputError(f"cannot read JSON-LD: {e}", path=str(path)) from None
    quads: list[Quad] = []
    for s, p, o, g in part.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        quads.append((s, p, o, None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name))
    return quads, {prefix: str(ns) for prefix, ns in part.namespaces()}


@contextmanager
def quiet_parsing() -> Iterator[None]:
    """Silence what rdflib says about itself, not about the data.

    rdfio.quiet_rdflib hides rdflib's warnings about its own internals; rdflib also logs a
    traceback for every ill-typed literal ("many"^^xsd:integer), which the SHACL report names
    far better, so that logger is muted too while we parse and validate.
    """
    term_log = logging.getLogger("rdflib.term")
    was_disabled = term_log.disabled
    term_log.disabled = True
    try:
        with quiet_rdflib():
            yield
    finally:
        term_log.disabled = was_disabled


def _refuse_remote_contexts(path: Path, doc: object) -> None:
    """rdflib would fetch a JSON-LD @context given by URL; we never go to the network."""
    stack = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ctx = item.get("@context")
            refs = ctx if isinstance(ctx, list) else [ctx]
            if any(isinstance(r, str) for r in refs):
                message = "remote JSON-LD @context is not fetched; inline it"
                raise InputError(message, path=str(path))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
