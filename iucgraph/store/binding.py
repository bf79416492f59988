"""Binding parameters to a query as RDF terms: a VALUES block opening the WHERE group.

pyoxigraph's substitutions only reach projected variables and remote endpoints have none, so
every back-end and the query catalogue bind the same way: terms are serialised by us, checked
to be well-formed, and placed as `VALUES (?a ?b) { (t1 t2) }` just inside the query's WHERE
group. Not as a trailing VALUES: SPARQL joins that after grouping and after the WHERE clause's
FILTERs (SPARQL 1.1 §18.2.4.3), so `FILTER(?date >= ?from)` would see ?from unbound and an
aggregate would count the whole graph. Inside the WHERE group the values take part in every
filter and aggregate, and the engine starts its joins (and property paths) from the bound
nodes. Client text never becomes query syntax.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from iucgraph.errors import IucGraphError, QuerySyntaxError
from iucgraph.sparql_syntax import query_form, tokens

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


def where_brace(text: str) -> int:
    """Index of the `{` that opens the query's WHERE group (QuerySyntaxError if none)."""
    openings: list[tuple[int, str]] = []  # top-level `{` and the keyword just before it
    previous = ""
    for tok in tokens(text):
        if tok.kind == "punct" and tok.text in "\"'":
            raise QuerySyntaxError("unterminated string in the query")
        if tok.kind == "punct" and tok.text == "{" and tok.depth == 0:
            openings.append((tok.start, previous))
        previous = tok.text.upper() if tok.kind == "word" else ""
    form = query_form(text)
    if form is None:
        raise QuerySyntaxError("no SELECT, CONSTRUCT, ASK or DESCRIBE in the query")
    if form == "CONSTRUCT" and openings and openings[0][1] == "CONSTRUCT":
        openings = openings[1:]  # the template
    elif form == "CONSTRUCT" and openings:
        raise QuerySyntaxError("parameters need the long CONSTRUCT form (template, then WHERE)")
    if not openings:
        raise QuerySyntaxError("the query has no WHERE group to bind parameters in")
    return openings[0][0]


def bind_inline(query: str, bindings: Mapping[str, Node]) -> str:
    """`query` with `VALUES (?a ?b) { (t1 t2) }` opening its WHERE group."""
    if not bindings:
        return query
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise BindingError(f"not a variable name: {name!r}")
    variables = " ".join(f"?{n}" for n in names)
    values = " ".join(term_to_sparql(bindings[n]) for n in names)
    at = where_brace(query) + 1
    return f"{query[:at]} VALUES ({variables}) {{ ({values}) }}{query[at:]}"
