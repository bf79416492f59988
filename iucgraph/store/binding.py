"""Binding parameters to a query as RDF terms, via a trailing VALUES block.

pyoxigraph's substitutions only reach projected variables and remote endpoints have none, so
every back-end binds the same way: terms are serialised by us, checked to be well-formed, and
joined to the query pattern (SPARQL 1.1 §18.2.4.3). User text never becomes query syntax.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from iucgraph.errors import IucGraphError

# Characters that RFC 3987 / SPARQL's IRIREF production exclude.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class BindingError(IucGraphError):
    """A value that cannot be bound as the RDF term asked for."""


def term_to_sparql(term: Node) -> str:
    """The SPARQL syntax of one term, safe to place in a VALUES block."""
    if isinstance(term, URIRef):
        if _BAD_IRI.search(str(term)):
            raise BindingError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = "".join(_ESCAPES.get(c, c) for c in str(term))
        if term.language:
            if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", term.language):
                raise BindingError(f"not a valid language tag: {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^{term_to_sparql(URIRef(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise BindingError("blank nodes cannot be bound")
    raise BindingError(f"not an RDF term: {term!r}")


def with_values(query: str, bindings: dict[str, Node]) -> str:
    """`query` followed by VALUES (?a ?b) { (t1 t2) }."""
    if not bindings:
        return query
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise BindingError(f"not a variable name: {name!r}")
    variables = " ".join(f"?{n}" for n in names)
    values = " ".join(term_to_sparql(bindings[n]) for n in names)
    return f"{query}\nVALUES ({variables}) {{ ({values}) }}"
