"""The `#+` YAML header of a .rq file (grlc's convention) and the NamedQuery it describes.

    #+ summary: One line that says what the query answers
    #+ description: Longer text (Markdown)
    #+ tags: [pairings]
    #+ params:
    #+   city: {type: city, required: true, example: cn/haikou, description: ...}
    #+ columns: [pairing, partnerLabel]
    #+ example: /api/queries/pairings-of-city?city=cn/haikou

Mistakes in a header are InputErrors with the file and the line, found when the catalogue loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from iucgraph.catalogue.params import TYPES, Parameter
from iucgraph.errors import InputError, QuerySyntaxError
from iucgraph.sparql_syntax import query_form
from iucgraph.store.binding import where_brace

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = {"SELECT": "select", "CONSTRUCT": "construct", "DESCRIBE": "construct", "ASK": "ask"}
_KEYS = {"summary", "description", "tags", "params", "columns", "example", "method", "endpoint"}
_PARAM_KEYS = {
    "type",
    "description",
    "required",
    "default",
    "enum",
    "example",
    "minimum",
    "maximum",
}


@dataclass(frozen=True)
class NamedQuery:
    """A query of the catalogue: its text and everything its header promises."""

    name: str
    text: str
    summary: str
    kind: str  # select | construct | ask
    description: str = ""
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    columns: tuple[str, ...] = ()
    example: str = ""
    examples: dict[str, str] = field(default_factory=dict)  # parameter -> example value
    path: str | None = None

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def header_lines(text: str) -> tuple[str, int]:
    """The YAML text of the `#+` lines and the line number where they start (1-based)."""
    lines, first = [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#+"):
            first = first or number
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
    return "\n".join(lines), first


def _fail(message: str, path: str, line: int | None = None) -> InputError:
    return InputError(message, path=path, line=line)


def _parameter(name: str, spec: Any, where: str, line: int) -> tuple[Parameter, str | None]:
    if not isinstance(spec, dict):
        raise _fail(f"parameter {name!r}: expected a mapping", where, line)
    extra = set(spec) - _PARAM_KEYS
    if extra:
        raise _fail(f"parameter {name!r}: unknown keys {sorted(extra)}", where, line)
    kind = spec.get("type")
    if kind not in TYPES:
        raise _fail(f"parameter {name!r}: type {kind!r} is not one of {sorted(TYPES)}", where, line)
    text = lambda v: None if v is None else str(v)  # noqa: E731 - YAML gives ints for years
    param = Parameter(
        name=name,
        type=kind,
        description=str(spec.get("description", "")),
        required=bool(spec.get("required", False)),
        default=text(spec.get("default")),
        enum=tuple(str(v) for v in spec.get("enum", ())),
        minimum=spec.get("minimum"),
        maximum=spec.get("maximum"),
    )
    example = text(spec.get("example", param.default))
    for value in [*param.enum, *(v for v in (param.default, example) if v is not None)]:
        try:
            param.param_type.parse(value)
        except ValueError as exc:
            raise _fail(f"parameter {name!r}: {value!r} is invalid: {exc}", where, line) from None
    return param, example


def parse_query(text: str, name: str, path: str | None = None) -> NamedQuery:
    """A NamedQuery from the text of a .rq file; its header is checked against its body."""
    where = path or name
    yaml_text, line = header_lines(text)
    try:
        meta = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = line + mark.line if mark is not None else line
        raise _fail(f"header is not valid YAML: {exc}", where, at) from None
    meta = meta or {}
    if not isinstance(meta, dict):
        raise _fail("header must be a YAML mapping", where, line)
    extra = set(meta) - _KEYS
    if extra:
        raise _fail(f"unknown header keys {sorted(extra)}", where, line)
    if "endpoint" in meta:
        raise _fail("a query may not choose its endpoint; the server's store answers", where, line)
    form = query_form(text)
    if form is None:
        raise _fail("no SELECT, CONSTRUCT, ASK or DESCRIBE in the query", where)
    params_spec = meta.get("params") or {}
    if not isinstance(params_spec, dict):
        raise _fail("params must be a mapping of name to spec", where, line)
    parameters, examples = [], {}
    for pname, spec in params_spec.items():
        if not NAME.match(str(pname)) or "-" in str(pname):
            raise _fail(f"parameter name {pname!r} must be a simple lowercase word", where, line)
        if not re.search(rf"[?$]{pname}\b", text):
            raise _fail(f"parameter {pname!r} is not a variable of the query", where, line)
        param, example = _parameter(str(pname), spec, where, line)
        parameters.append(param)
        if example is not None:
            examples[param.name] = example
    if parameters:
        try:
            where_brace(text)
        except QuerySyntaxError as exc:
            raise _fail(str(exc), where) from None
    summary = str(meta.get("summary", "")).strip()
    if not summary and path is not None:
        raise _fail("every catalogue query needs a summary", where, line)
    return NamedQuery(
        name=name,
        text=text,
        summary=summary,
        kind=KINDS[form],
        description=str(meta.get("description", "")).strip(),
        tags=tuple(str(t) for t in meta.get("tags", ())),
        parameters=tuple(parameters),
        columns=tuple(str(c) for c in meta.get("columns", ())),
        example=str(meta.get("example", "")),
        examples=examples,
        path=path,
    )


def load_file(path: Path) -> NamedQuery:
    """The named query in `path`; its name is the file's stem."""
    name = path.stem
    if not NAME.match(name):
        raise _fail("query file names are lowercase words joined by hyphens", str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read: {exc}", str(path)) from None
    return parse_query(text, name, str(path))
