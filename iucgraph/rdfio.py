"""Small RDF helpers every layer shares: the union of named graphs, stable TriG, quiet rdflib."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from iucgraph.namespaces import PREFIXES


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib 7.6 warns about its own internals (its TriG parser builds a ConjunctiveGraph).

    Only warnings attributed to rdflib's modules are silenced; ours still surface.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib(\.|$)")
        yield


def union_graph(*sources: Dataset | Graph) -> Graph:
    """Every triple of every graph (named or default) of every source in one Graph;
    duplicates merge. The one union: dumps, linking and validation (data plus ontology)."""
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns, override=True, replace=True)
    for source in sources:
        if isinstance(source, Dataset):
            union.addN((s, p, o, union) for s, p, o, _ in source.quads((None, None, None, None)))
        else:
            union.addN((s, p, o, union) for s, p, o in source)
    return union


def trig_text(ds: Dataset) -> str:
    """TriG with the named graphs sorted by IRI: the same dataset always gives the same bytes.

    rdflib sorts subjects and predicates within a graph but writes the graphs in its store's
    order, which changes with the hash seed; so each graph is written as sorted Turtle here.
    Refuses triples in the default graph: our data keeps every statement under its source.
    """
    if len(ds.graph(DATASET_DEFAULT_GRAPH_ID)):
        raise ValueError("trig_text writes named graphs only; found triples in the default graph")
    prefixes: set[str] = set()
    blocks = []
    named = [g for g in ds.graphs() if len(g) and g.identifier != DATASET_DEFAULT_GRAPH_ID]
    for graph in sorted(named, key=lambda g: str(g.identifier)):
        turtle = Graph(namespace_manager=ds.namespace_manager)
        for triple in graph:
            turtle.add(triple)
        with quiet_rdflib():
            text = turtle.serialize(format="turtle")
        lines = text.strip().splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix "))
        body = [("    " + line) if line else "" for line in lines if not line.startswith("@")]
        while body and not body[0]:
            body.pop(0)
        blocks.append(f"<{graph.identifier}> {{\n" + "\n".join(body) + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)
