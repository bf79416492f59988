"""The SHACL engines behind iucgraph.validate: a fast one (the default) and pySHACL (the reference).

"fast": the union graph is put once into an in-memory pyoxigraph Store (its default graph);
pyshacl-turbo (Rust) checks the SHACL Core constraints on that Store, and the SPARQL-based
constraints run once per constraint as pyoxigraph queries (shacl_sparql.py). About five times
faster than pySHACL on rdflib at 100k triples (bench/README.md).

"pyshacl": pySHACL on the rdflib union graph, SPARQL-based constraints once per constraint on
rdflib. tests/test_shacl_engines.py asserts that both give the same results on every fixture.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Dataset, Graph
from rdflib.term import Node

from iucgraph.errors import InputError
from iucgraph.load import LoadedDataset, quiet_parsing
from iucgraph.shacl_sparql import SparqlResult, run_constraints, split_shapes
from iucgraph.store.terms import term_from_ox, to_ox

Engine = TypingLiteral["fast", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("fast", "pyshacl")
DEFAULT_ENGINE: Engine = "fast"

Data = LoadedDataset | Dataset | Graph | ox.Store


def check(
    data: Data, shapes: Graph, ontology: Graph | None, engine: Engine
) -> tuple[bool, Graph, list[SparqlResult]]:
    """(conforms of the Core constraints, their SHACL report graph, SPARQL-based results)."""
    core, pairs = split_shapes(shapes)
    try:
        if engine == "pyshacl":
            graph = rdflib_union(data, ontology)
            conforms, report = _pyshacl(graph, core)
            return conforms, report, run_constraints(graph, shapes, pairs)
        if engine == "fast":
            store = union_store(data, ontology)
            conforms, report = _turbo(store, core)
            return conforms, report, run_constraints(store, shapes, pairs)
    except InputError:
        raise
    except (ParseException, SyntaxError, RuntimeError, ValueError) as e:
        raise InputError(f"the SHACL shapes cannot be used: {e}") from None
    raise ValueError(f"unknown SHACL engine {engine!r} (expected one of {', '.join(ENGINES)})")


def _pyshacl(data: Graph, core: Graph) -> tuple[bool, Graph]:
    from pyshacl import validate as shacl_validate
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    try:
        with quiet_parsing():
            conforms, report, _ = shacl_validate(
                data,
                shacl_graph=core,
                inference="none",
                inplace=True,
                advanced=False,
                allow_warnings=True,
                allow_infos=True,
                do_owl_imports=False,
            )
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as e:
        raise InputError(f"the SHACL shapes cannot be used: {e}") from None
    assert isinstance(report, Graph)
    return bool(conforms), report


def _turbo(store: ox.Store, core: Graph) -> tuple[bool, Graph]:
    import pyshacl_turbo

    try:
        program = pyshacl_turbo.compile_shapes(core)  # cached by content inside pyshacl-turbo
        conforms, report, _ = program.validate(
            turbo_input(store), allow_warnings=True, allow_infos=True
        )
    except (pyshacl_turbo.ReportableRuntimeError, pyshacl_turbo.ValidationFailure) as e:
        raise InputError(f"the SHACL shapes cannot be used: {e}") from None
    assert isinstance(report, Graph)
    return bool(conforms), report


def turbo_input(store: ox.Store) -> object:
    """The Store's statements as pyshacl-turbo's N-Quads input, not as a pyoxigraph Store.

    pyshacl-turbo 0.6.5 reads a Store through its "oxigraph-nquads" path, which compares a
    simple literal ("about") as different from the same literal in the shapes, so sh:in
    ( "about" ) fails on the value "about" (tests/test_shacl_engines.py). Its plain N-Quads
    path gets it right and is as fast; it takes the same snapshot (Store.dump) the Store path
    takes. If the class is gone in a later release, the Store itself is passed.
    """
    try:
        from pyshacl_turbo.rdf import Input
    except ImportError:  # pragma: no cover - a future pyshacl-turbo
        return store
    text = (store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
    return Input(text, "nquads", None, {}, preserve_ids=True)


# -- the data, once, as the union graph ----------------------------------------------------------


def rdflib_union(data: Data, ontology: Graph | None) -> Graph:
    """Every triple of every graph in one rdflib Graph, plus the ontology's (pySHACL's input)."""
    from iucgraph import rdfio

    if isinstance(data, ox.Store):
        data = store_to_graph(data)
    dataset = data.dataset if isinstance(data, LoadedDataset) else data
    return rdfio.union_graph(dataset, *([ontology] if ontology is not None else []))


def union_store(data: Data, ontology: Graph | None) -> ox.Store:
    """Every triple of every graph (named or default) in the default graph of a new Store.

    The default graph then holds exactly rdflib's union (a triple stated in two sources counts
    once, as for sh:maxCount on the rdflib union); the ontology is added for sh:class.
    """
    store = ox.Store()
    if isinstance(data, ox.Store):
        default = ox.DefaultGraph()
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in data)
    else:
        graph = data.dataset if isinstance(data, LoadedDataset) else data
        triples: Iterable[tuple[Node, Node, Node]]
        if isinstance(graph, Dataset):  # the whole store is the dataset: each triple once
            triples = (t for t, _ in graph.store.triples((None, None, None), None))
        else:
            triples = graph
        store.bulk_extend(_to_quads(triples))
    if ontology is not None:
        store.bulk_extend(_to_quads(ontology))
    return store


def _to_quads(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Quad]:
    """Oxigraph quads in the default graph; each distinct term is converted once."""
    cache: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
    get, quad, out = cache.get, ox.Quad, []
    for s, p, o in triples:
        a = get(s) or cache.setdefault(s, to_ox(s))
        b = get(p) or cache.setdefault(p, to_ox(p))
        c = get(o) or cache.setdefault(o, to_ox(o))
        out.append(quad(a, b, c))  # type: ignore[arg-type]
    return out


def store_to_graph(store: ox.Store) -> Graph:
    """The union of a Store's graphs as an rdflib Graph (for the pySHACL reference)."""
    graph = Graph()
    graph.addN(
        (term_from_ox(q.subject), term_from_ox(q.predicate), term_from_ox(q.object), graph)
        for q in store
    )
    return graph
