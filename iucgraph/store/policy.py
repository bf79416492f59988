"""What a query is and whether we allow it, decided before it is evaluated.

A small lexer (comments, strings and IRIs removed; prefixed names resolved) is enough to find
the query form, every SERVICE target and LOAD, without paying for a full parse (rdflib needs
6-18 ms per query). The engine still parses the query itself and reports syntax errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from iucgraph.errors import ForbiddenOperation, QuerySyntaxError, QueryTooComplex

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w.%:-]|\\.)*)
  | (?P<word>[A-Za-z][A-Za-z0-9_]*)
  | (?P<other>\S)
    """,
    re.VERBOSE,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
# The engine's parser recurses: about 3,000 nested groups or 10,000 path steps overflow its
# stack and kill the process, and a sequence path of 256 steps takes seconds to plan. Real
# queries stay far below these bounds.
MAX_NESTING = 64
MAX_PATH_STEPS = 64
_OPENERS = {"{": "}", "(": ")", "[": "]"}
_CLOSERS = set(_OPENERS.values())
_PATH_OPERATORS = {"/", "|"}
_PATH_PARTS = {"^", "!", "(", ")", "*", "+", "?"}
_POSITION = re.compile(r"at (?:line )?(\d+)(?::| column )(\d+)")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokens(text: str) -> list[Token]:
    """The significant tokens of a query or update (comments dropped)."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "comment":
            found.append(Token(kind, match.group()))
    return found


def _prefixes(toks: list[Token]) -> dict[str, str]:
    declared: dict[str, str] = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.kind == "word" and tok.text.upper() == "PREFIX" and toks[i + 1].kind == "pname":
            if toks[i + 2].kind == "iri":
                declared[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
    return declared


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first such keyword after the prologue)."""
    for tok in tokens(query):
        if tok.kind == "word":
            word = tok.text.upper()
            if word in _FORMS:
                return word
            if word in _UPDATE_WORDS or word == "WITH":
                raise QuerySyntaxError(f"{word} is an update, not a query")
    raise QuerySyntaxError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED)."""
    return any(t.kind == "word" and t.text.upper() == "FROM" for t in tokens(query))


def service_targets(text: str) -> list[str | None]:
    """The endpoint of every SERVICE (None when it is a variable or cannot be resolved)."""
    toks = tokens(text)
    prefixes = _prefixes(toks)
    targets: list[str | None] = []
    for i, tok in enumerate(toks):
        if tok.kind != "word" or tok.text.upper() != "SERVICE":
            continue
        j = i + 1
        if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
            j += 1
        target = toks[j] if j < len(toks) else None
        if target is not None and target.kind == "iri":
            targets.append(target.text[1:-1])
        elif target is not None and target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            base = prefixes.get(prefix)
            targets.append(None if base is None else base + local)
        else:
            targets.append(None)
    return targets


def check_complexity(toks: list[Token]) -> None:
    """QueryTooComplex if groups nest deeper than MAX_NESTING or a property path (a run of
    `/` and `|` between IRIs) has more than MAX_PATH_STEPS steps."""
    depth = steps = 0
    for tok in toks:
        if tok.kind == "other" and tok.text in _OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                raise QueryTooComplex(f"groups or expressions nested deeper than {MAX_NESTING}")
        elif tok.kind == "other" and tok.text in _CLOSERS:
            depth = max(0, depth - 1)
        if tok.kind == "other" and tok.text in _PATH_OPERATORS:
            steps += 1
            if steps > MAX_PATH_STEPS:
                raise QueryTooComplex(f"a property path longer than {MAX_PATH_STEPS} steps")
        elif not (
            tok.kind in ("iri", "pname")
            or (tok.kind == "other" and tok.text in _PATH_PARTS)
            or (tok.kind == "word" and tok.text == "a")
        ):
            steps = 0


def check(text: str, allow_list: Iterable[str] = ()) -> None:
    """Refuse LOAD, SERVICE to anything but an allow-listed endpoint IRI, and queries too
    deeply nested for the engine's parser."""
    allowed = set(allow_list)
    toks = tokens(text)
    check_complexity(toks)
    for tok in toks:
        if tok.kind == "word" and tok.text.upper() == "LOAD":
            raise ForbiddenOperation("LOAD is not allowed: this server never fetches documents")
    for target in service_targets(text):
        if target is None:
            raise ForbiddenOperation("SERVICE with a variable or unknown endpoint is not allowed")
        if target not in allowed:
            raise ForbiddenOperation(f"SERVICE <{target}> is not an allowed endpoint")


def syntax_error(message: str) -> QuerySyntaxError:
    """Our error from the engine's message ('error at 1:26: expected ...')."""
    match = _POSITION.search(message)
    if match is None:
        return QuerySyntaxError(message)
    return QuerySyntaxError(message, line=int(match.group(1)), column=int(match.group(2)))
