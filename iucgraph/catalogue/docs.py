"""Documents generated from the query headers, so they cannot drift from the queries:
the catalogue as JSON, the OpenAPI 3.1 description of the API, and a Markdown listing.
"""

from __future__ import annotations

from typing import Any

from iucgraph import __version__
from iucgraph.catalogue.header import NamedQuery
from iucgraph.catalogue.params import Parameter
from iucgraph.catalogue.results import formats_for
from iucgraph.catalogue.run import Catalogue

API_PREFIX = "/api/queries"


def parameter_json(p: Parameter, example: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "type": p.type, "required": p.required}
    if p.description:
        out["description"] = p.description
    if p.default is not None:
        out["default"] = p.default
    if p.enum:
        out["enum"] = list(p.enum)
    if example is not None:
        out["example"] = example
    return out


def query_json(q: NamedQuery, base: str = "") -> dict[str, Any]:
    """One catalogue entry: what the query answers, its parameters, columns and URLs."""
    url = f"{base}{API_PREFIX}/{q.name}"
    return {
        "name": q.name,
        "summary": q.summary,
        "description": q.description,
        "tags": list(q.tags),
        "kind": q.kind,
        "parameters": [parameter_json(p, q.examples.get(p.name)) for p in q.parameters],
        "columns": list(q.columns),
        "formats": {f.name: f"{url}.{f.name}" for f in formats_for(q.kind)},
        "url": url,
        "example": q.example,
    }


def catalogue_json(catalogue: Catalogue, base: str = "") -> dict[str, Any]:
    return {"count": len(catalogue), "queries": [query_json(q, base) for q in catalogue]}


def _schema(p: Parameter) -> dict[str, Any]:
    schema = dict(p.param_type.schema)
    if p.enum:
        schema = {"type": "string", "enum": list(p.enum)}
    if p.default is not None:
        schema["default"] = p.default if schema.get("type") == "string" else _typed(p.default)
    if p.minimum is not None:
        schema["minimum"] = p.minimum
    if p.maximum is not None:
        schema["maximum"] = p.maximum
    return schema


def _typed(value: str) -> Any:
    if value.lstrip("+-").isdigit():
        return int(value)
    return {"true": True, "false": False}.get(value, value)


_COUNT_HEADERS = {
    "X-IUC-Row-Count": {
        "description": "rows (triples for RDF) in this response",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-IUC-Truncated": {
        "description": "true when the server's row cap cut the result",
        "schema": {"type": "string", "enum": ["true", "false"]},
    },
}
_ERROR = {"$ref": "#/components/responses/Error"}


def _operation(q: NamedQuery, with_format: bool) -> dict[str, Any]:
    params: list[dict[str, Any]] = []
    for p in q.parameters:
        spec: dict[str, Any] = {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": p.description or p.param_type.help,
            "schema": _schema(p),
        }
        if p.name in q.examples:
            spec["example"] = q.examples[p.name]
        params.append(spec)
    formats = formats_for(q.kind)
    if with_format:
        params.insert(
            0,
            {
                "name": "format",
                "in": "path",
                "required": True,
                "description": "the result format",
                "schema": {"type": "string", "enum": [f.name for f in formats]},
            },
        )
    content: dict[str, Any] = {f.media_type: {"schema": {}} for f in formats}
    if "application/sparql-results+json" in content:
        content["application/sparql-results+json"] = {
            "schema": {"$ref": "#/components/schemas/SparqlResults"}
        }
    description = q.description or q.summary
    if q.columns:
        description += "\n\nColumns: " + ", ".join(f"`{c}`" for c in q.columns) + "."
    op_id = "query_" + q.name.replace("-", "_") + ("_as_format" if with_format else "")
    return {
        "operationId": op_id,
        "summary": q.summary,
        "description": description,
        "tags": list(q.tags) or ["queries"],
        "parameters": params,
        "responses": {
            "200": {"description": "the result", "headers": _COUNT_HEADERS, "content": content},
            "400": _ERROR,
            "406": _ERROR,
        },
    }


def openapi_document(catalogue: Catalogue, server_url: str = "/") -> dict[str, Any]:
    """OpenAPI 3.1 for the catalogue and every named query (with and without a format suffix)."""
    paths: dict[str, Any] = {
        API_PREFIX: {
            "get": {
                "operationId": "catalogue",
                "summary": "The catalogue of named queries, with parameters, columns and URLs",
                "tags": ["catalogue"],
                "responses": {
                    "200": {
                        "description": "the catalogue",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        }
    }
    for q in catalogue:
        paths[f"{API_PREFIX}/{q.name}"] = {"get": _operation(q, False)}
        paths[f"{API_PREFIX}/{q.name}.{{format}}"] = {"get": _operation(q, True)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "iucgraph named queries",
            "version": __version__,
            "description": "Typed, documented SPARQL queries over the knowledge graph of the EU "
            "International Urban Cooperation programme. Parameters are bound as RDF terms.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": {
                "SparqlResults": {
                    "type": "object",
                    "properties": {
                        "head": {"type": "object"},
                        "results": {"type": "object"},
                        "boolean": {"type": "boolean"},
                        "meta": {
                            "type": "object",
                            "properties": {
                                "query": {"type": "string"},
                                "rowCount": {"type": "integer"},
                                "truncated": {"type": "boolean"},
                                "rowCap": {"type": ["integer", "null"]},
                            },
                        },
                    },
                },
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
            },
            "responses": {
                "Error": {
                    "description": "a bad parameter (400) or an unacceptable format (406)",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
        },
    }


def catalogue_markdown(catalogue: Catalogue | None = None) -> str:
    """The catalogue as Markdown (for the README and docs): one section per query."""
    catalogue = catalogue if catalogue is not None else Catalogue.from_directory()
    lines = ["| query | answers | parameters |", "|---|---|---|"]
    for q in catalogue:
        params = ", ".join(
            f"`{p.name}` ({p.type}{', required' if p.required else ''})" for p in q.parameters
        )
        lines.append(f"| [`{q.name}`](#{q.name}) | {q.summary} | {params or '-'} |")
    for q in catalogue:
        lines += ["", f"### {q.name}", "", q.summary + ("" if q.summary[-1:] in ".?!" else ".")]
        if q.description:
            lines += ["", q.description]
        if q.parameters:
            lines.append("")
            for p in q.parameters:
                extra = [p.type, "required" if p.required else "optional"]
                if p.default is not None:
                    extra.append(f"default `{p.default}`")
                if p.enum:
                    extra.append("one of " + ", ".join(f"`{e}`" for e in p.enum))
                lines.append(f"- `{p.name}` ({'; '.join(extra)}): {p.description}".rstrip(": "))
        if q.columns:
            lines += ["", "Columns: " + ", ".join(f"`{c}`" for c in q.columns) + "."]
        formats = ", ".join(f.name for f in formats_for(q.kind))
        example = q.example or f"{API_PREFIX}/{q.name}"
        cli = " ".join(
            [f"iucgraph query {q.name}"]
            + [f"--param {k}={v}" for k, v in q.examples.items() if q.parameter(k)]
        )
        lines += ["", f"Formats: {formats}. Example: `{example}`, or `{cli}`."]
    return "\n".join(lines) + "\n"
