"""Place bound parameters at the start of the query's WHERE group, as a VALUES block.

Why not the trailing VALUES of store/binding.py: SPARQL joins a trailing VALUES after grouping
and after the WHERE clause's FILTERs (SPARQL 1.1 §18.2.4.3), so `FILTER(?date >= ?from)` would
see ?from unbound and an aggregate would count the whole graph. Inside the WHERE group the values
take part in every filter and aggregate, and the engine starts its joins (and property paths)
from the bound nodes. The terms are written by store.binding.term_to_sparql, which refuses any
IRI or literal that could break out of its token; client text never becomes query syntax.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Node

from iucgraph.errors import QuerySyntaxError
from iucgraph.store.binding import term_to_sparql

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _skip_string(text: str, i: int) -> int:
    """Index just past the string literal starting at text[i]."""
    quote = text[i]
    long = text.startswith(quote * 3, i)
    delimiter = quote * 3 if long else quote
    j = i + len(delimiter)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(delimiter, j):
            return j + len(delimiter)
        if not long and text[j] in "\r\n":
            break
        j += 1
    raise QuerySyntaxError("unterminated string in the query")


def scan(text: str) -> tuple[str | None, list[tuple[int, str]]]:
    """The query form and the top-level `{` positions, each with the word just before it."""
    form: str | None = None
    openings: list[tuple[int, str]] = []
    depth, i, last_word = 0, 0, ""
    while i < len(text):
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end + 1
        elif c in "\"'":
            i = _skip_string(text, i)
            last_word = ""
        elif c == "<" and (m := _IRIREF.match(text, i)):
            i = m.end()
            last_word = ""
        elif c == "{":
            if depth == 0:
                openings.append((i, last_word))
            depth += 1
            i += 1
        elif c == "}":
            depth -= 1
            i += 1
        elif (m := _WORD.match(text, i)) and (i == 0 or text[i - 1] not in "?$:"):
            word = m.group().upper()
            if form is None and word in _FORMS:
                form = word
            last_word = word
            i = m.end()
        else:
            if not c.isspace():
                last_word = ""
            i += 1
    return form, openings


def where_brace(text: str) -> int:
    """Index of the `{` that opens the query's WHERE group."""
    form, openings = scan(text)
    if form is None:
        raise QuerySyntaxError("no SELECT, CONSTRUCT, ASK or DESCRIBE in the query")
    if form == "CONSTRUCT" and openings and openings[0][1] == "CONSTRUCT":
        openings = openings[1:]  # the template
    elif form == "CONSTRUCT" and openings:
        raise QuerySyntaxError("parameters need the long CONSTRUCT form (template, then WHERE)")
    if not openings:
        raise QuerySyntaxError("the query has no WHERE group to bind parameters in")
    return openings[0][0]


def bind_inline(text: str, bindings: Mapping[str, Node]) -> str:
    """`text` with `VALUES (?a ?b) { (t1 t2) }` opening its WHERE group."""
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise QuerySyntaxError(f"not a variable name: {name!r}")
    values = " ".join(term_to_sparql(bindings[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}"
    at = where_brace(text) + 1
    return text[:at] + block + text[at:]
