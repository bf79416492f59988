"""Typed parameters of named queries: the table of types, and turning request text into terms.

Every value becomes one RDF term (an IRI or a typed literal) or a QueryParameterError that names
the parameter; nothing a client sends ever becomes query syntax. The table is the registry: a new
type is one entry.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from iucgraph.errors import QueryParameterError
from iucgraph.namespaces import ID_BASE, SDG

MAX_TEXT = 200  # longest string parameter accepted, in characters
_SLUG_PATH = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*$")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")


class _Invalid(ValueError):
    """Raised by a parser; becomes a QueryParameterError with the parameter's name."""


def _iri(text: str) -> URIRef:
    if _BAD_IRI.search(text):
        raise _Invalid("not a valid IRI (spaces, quotes, <, >, braces and backslashes are not)")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _Invalid("only absolute http(s) IRIs are accepted")
    return URIRef(text)


def _entity(kind: str) -> Callable[[str], URIRef]:
    """IRIs we mint under id/<kind>/: the full IRI or its short form (`cn/haikou`)."""
    base = f"{ID_BASE}{kind}/"

    def parse(text: str) -> URIRef:
        short = text[len(base) :] if text.startswith(base) else text.lower()
        if not _SLUG_PATH.match(short):
            raise _Invalid(f"expected a {kind} identifier such as {base}... or its last part")
        return URIRef(base + short)

    return parse


def _sdg(text: str) -> URIRef:
    number = text.removeprefix(str(SDG)).removeprefix("sdg:").removeprefix("SDG")
    if not number.isdigit() or not 1 <= int(number) <= 17:
        raise _Invalid("expected an SDG number from 1 to 17 (or its IRI)")
    return SDG[str(int(number))]


def _string(text: str) -> Literal:
    if len(text) > MAX_TEXT:
        raise _Invalid(f"longer than {MAX_TEXT} characters")
    return Literal(text)


def _integer(text: str) -> Literal:
    if not _INTEGER.match(text):
        raise _Invalid("expected an integer")
    return Literal(int(text), datatype=XSD.integer)


def _date(text: str) -> Literal:
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        raise _Invalid("expected a date YYYY-MM-DD") from None
    if len(text) != 10:
        raise _Invalid("expected a date YYYY-MM-DD")
    return Literal(value.isoformat(), datatype=XSD.date)


def _year(text: str) -> Literal:
    if not re.fullmatch(r"[0-9]{4}", text) or not 1900 <= int(text) <= 2100:
        raise _Invalid("expected a year YYYY between 1900 and 2100")
    return Literal(text, datatype=XSD.gYear)


def _boolean(text: str) -> Literal:
    if text.lower() not in ("true", "false"):
        raise _Invalid("expected true or false")
    return Literal(text.lower() == "true", datatype=XSD.boolean)


@dataclass(frozen=True)
class ParamType:
    """How one kind of parameter is parsed and described in the OpenAPI document."""

    name: str
    parse: Callable[[str], Node]
    schema: Mapping[str, Any]
    help: str


def _entity_type(kind: str, example: str) -> ParamType:
    return ParamType(
        kind,
        _entity(kind),
        {"type": "string", "pattern": r"^[a-z0-9:/.\-]+$"},
        f"a {kind}: its IRI {ID_BASE}{kind}/{example} or just `{example}`",
    )


TYPES: dict[str, ParamType] = {
    t.name: t
    for t in (
        ParamType("iri", _iri, {"type": "string", "format": "iri"}, "an absolute http(s) IRI"),
        ParamType("string", _string, {"type": "string", "maxLength": MAX_TEXT}, "text"),
        ParamType("integer", _integer, {"type": "integer"}, "an integer"),
        ParamType("date", _date, {"type": "string", "format": "date"}, "a date YYYY-MM-DD"),
        ParamType("year", _year, {"type": "string", "pattern": "^[0-9]{4}$"}, "a year YYYY"),
        ParamType("boolean", _boolean, {"type": "boolean"}, "true or false"),
        ParamType(
            "sdg",
            _sdg,
            {"type": "string", "pattern": r"^(sdg:)?[0-9]{1,2}$|^http"},
            "an SDG: its number 1-17 or its IRI http://metadata.un.org/sdg/N",
        ),
        _entity_type("city", "cn/haikou"),
        _entity_type("country", "cn"),
        _entity_type("province", "cn-hi"),
        _entity_type("region", "br/parana"),
        _entity_type("pairing", "haikou-nice"),
        _entity_type("cluster", "zhengzhou"),
        _entity_type("cohort", "iuc-asia-2018"),
        _entity_type("programme", "iuc-asia"),
        _entity_type("theme", "digital-transition"),
        _entity_type("institution", "ndrc"),
        _entity_type("person", "peng-shicheng"),
        _entity_type("event", "2018-04-24-..."),
        _entity_type("source", "founding-document"),
    )
}


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a named query; its name is the query variable it binds."""

    name: str
    type: str
    description: str = ""
    required: bool = False
    default: str | None = None
    enum: tuple[str, ...] = field(default_factory=tuple)
    minimum: int | None = None
    maximum: int | None = None

    @property
    def param_type(self) -> ParamType:
        return TYPES[self.type]

    def bind(self, text: str, query: str | None = None) -> Node:
        """The RDF term for `text`, or a QueryParameterError naming this parameter."""
        if text == "":
            raise QueryParameterError("is empty", parameter=self.name, query=query)
        try:
            term = self.param_type.parse(text)
        except _Invalid as exc:
            raise QueryParameterError(str(exc), parameter=self.name, query=query) from None
        if self.enum and term not in {self.param_type.parse(e) for e in self.enum}:
            raise QueryParameterError(
                f"{text!r} is not allowed; allowed: {', '.join(self.enum)}",
                parameter=self.name,
                query=query,
            )
        if isinstance(term, Literal) and term.datatype == XSD.integer:
            number = int(term)
            if self.minimum is not None and number < self.minimum:
                raise QueryParameterError(
                    f"must be at least {self.minimum}", parameter=self.name, query=query
                )
            if self.maximum is not None and number > self.maximum:
                raise QueryParameterError(
                    f"must be at most {self.maximum}", parameter=self.name, query=query
                )
        return term


def bind_all(
    parameters: Sequence[Parameter],
    supplied: Mapping[str, Sequence[str]],
    query: str | None = None,
) -> dict[str, Node]:
    """Terms for every parameter: supplied, else its default; unknown, repeated or missing
    required parameters raise QueryParameterError naming the first offender (sorted)."""
    declared = {p.name: p for p in parameters}
    for name in sorted(supplied):
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise QueryParameterError(
                f"unknown parameter (this query takes: {known})", parameter=name, query=query
            )
        if len(supplied[name]) != 1:
            raise QueryParameterError("given more than once", parameter=name, query=query)
    bound: dict[str, Node] = {}
    for p in parameters:
        if p.name in supplied:
            bound[p.name] = p.bind(supplied[p.name][0], query)
        elif p.default is not None:
            bound[p.name] = p.bind(p.default, query)
        elif p.required:
            raise QueryParameterError("is required", parameter=p.name, query=query)
    return bound
