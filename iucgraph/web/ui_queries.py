"""Named-query pages: /queries (the catalogue), /queries/<name> (a form generated from the
query's header, and its results), /queries/<name>/edit (the bound query in the editor).

The form works without JavaScript: it is a GET to the same page, which runs the query through
the same library call as the API (catalogue.run_query) and renders the rows as a table. Typed
parameters become typed inputs; allowed values become selects; identifiers get suggestions
(a datalist of the resources of that kind, from the data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from rdflib import Literal, URIRef
from rdflib.term import Node
from werkzeug.wrappers import Response as WerkzeugResponse

from iucgraph.catalogue import Catalogue, formats_for, run_query
from iucgraph.catalogue.header import NamedQuery
from iucgraph.catalogue.params import Parameter, bind_all
from iucgraph.errors import QueryParameterError
from iucgraph.namespaces import ID_BASE, PREFIXES
from iucgraph.store.base import Store
from iucgraph.store.binding import bind_inline
from iucgraph.web import http, queries, ui_csp
from iucgraph.web.ui_data import local_href

bp = Blueprint("named_queries", __name__)
bp.after_request(ui_csp.add_headers)

# Parameter type -> the class whose instances are suggested (identifiers under id/<type>/).
ENTITY_CLASSES = {
    "city": "iuc:City",
    "country": "iuc:Country",
    "province": "iuc:Province",
    "region": "iuc:Region",
    "pairing": "iuc:Pairing",
    "cluster": "iuc:Cluster",
    "cohort": "iuc:Cohort",
    "programme": "iuc:Programme",
    "theme": "iuc:Theme",
    "institution": "iuc:Institution",
    "person": "foaf:Person",
    "event": "iuc:Event",
    "source": "iuc:Source",
}
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def catalogue() -> Catalogue | None:
    """The catalogue the API serves, or None if this app has no named queries."""
    found = current_app.extensions.get(queries.EXTENSION)
    return found if isinstance(found, Catalogue) else None


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One form input: how to draw it and what it holds now."""

    param: Parameter
    widget: str  # select | number | date | text
    value: str
    options: tuple[Option, ...] = ()
    suggestions: tuple[Option, ...] = ()


def suggestions(store: Store, kind: str) -> tuple[Option, ...]:
    """Identifiers of `kind` (their part after id/<kind>/) with an English label."""
    cls = ENTITY_CLASSES.get(kind)
    if cls is None:
        return ()
    result = store.select(
        _PROLOGUE + f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ ?s a {cls} . "
        "OPTIONAL { ?s rdfs:label|foaf:name|skos:prefLabel ?l } } GROUP BY ?s ORDER BY ?label"
    )
    base = f"{ID_BASE}{kind}/"
    out = []
    for row in result.dicts():
        iri = str(row["s"])
        if iri.startswith(base):
            out.append(Option(iri[len(base) :], str(row.get("label", ""))))
    return tuple(out)


def _field(store: Store, p: Parameter, value: str) -> Field:
    if p.enum:
        return Field(p, "select", value, tuple(Option(e, e) for e in p.enum))
    if p.type == "boolean":
        return Field(p, "select", value, (Option("true", "true"), Option("false", "false")))
    if p.type in ("integer", "year"):
        return Field(p, "number", value)
    if p.type == "date":
        return Field(p, "date", value)
    return Field(p, "text", value, suggestions=suggestions(store, p.type))


def _supplied() -> dict[str, list[str]]:
    """The form's non-empty values (an empty input means "not given")."""
    return {k: [v for v in request.args.getlist(k) if v] for k in request.args if k != "run"}


def _display(term: Node | None) -> dict[str, str]:
    if term is None:
        return {"text": ""}
    if isinstance(term, URIRef):
        href = local_href(str(term))
        return {"text": _short(str(term)), "href": href, "title": str(term)}
    if isinstance(term, Literal):
        tag = f"@{term.language}" if term.language else ""
        return {"text": str(term), "tag": tag}
    return {"text": str(term)}


def _short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


@bp.get("/queries")
def index() -> str:
    cat = catalogue()
    return render_template("pages/queries.html", queries=list(cat) if cat else [])


@bp.get("/queries/<name>")
def form(name: str) -> Response | str:
    cat = catalogue()
    if cat is None:
        return Response("no named queries on this server", status=404, mimetype="text/plain")
    query = cat.get(name)
    store = http.state().store
    supplied = _supplied()
    fields = [
        _field(store, p, (supplied.get(p.name) or [""])[0] or (p.default or ""))
        for p in query.parameters
    ]
    ran = "run" in request.args or bool(supplied)
    result, error = None, None
    if ran:
        try:
            result = run_query(store, query, supplied, row_cap=_row_cap())
        except QueryParameterError as exc:
            error = str(exc)
    rows = []
    if result is not None and result.kind == "select":
        rows = [[_display(t) for t in row] for row in result.rows]
    params: dict[str, Any] = {k: v[0] for k, v in supplied.items() if v}
    body = render_template(
        "pages/named_query.html",
        q=query,
        fields=fields,
        ran=ran,
        result=result,
        rows=rows,
        error=error,
        downloads=[
            (f.name, url_for("queries.named_query", name=f"{query.name}.{f.name}", **params))
            for f in formats_for(query.kind)
        ],
        edit_href=url_for("named_queries.edit", name=query.name, **params),
    )
    return Response(body, status=400 if error else 200, mimetype="text/html")


def _row_cap() -> int:
    return int(http.state().settings.store.row_cap)


def bound_text(query: NamedQuery, supplied: dict[str, list[str]]) -> str:
    """The query's text with the given parameters bound (VALUES), as the API runs it."""
    return bind_inline(query.text, bind_all(query.parameters, supplied, query.name))


@bp.get("/queries/<name>/edit")
def edit(name: str) -> WerkzeugResponse:
    """Open the named query in the editor: with the given values, else its examples."""
    cat = catalogue()
    if cat is None:
        return Response("no named queries on this server", status=404, mimetype="text/plain")
    query = cat.get(name)
    supplied = _supplied()
    if not supplied:
        supplied = {k: [v] for k, v in query.examples.items() if query.parameter(k)}
    try:
        text = bound_text(query, supplied)
    except QueryParameterError:
        text = query.text
    return redirect(url_for("ui.query_editor", query=text), code=303)
