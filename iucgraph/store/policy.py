"""What a query is and whether we allow it, decided before it is evaluated.

The tokens of iucgraph/sparql_syntax.py (comments dropped, strings and IRIs whole) are enough
to find the query form, every SERVICE target and LOAD; prefixed names are resolved here. The
engine still parses the query itself and reports syntax errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from iucgraph.errors import ForbiddenOperation, QuerySyntaxError, QueryTooComplex
from iucgraph.sparql_syntax import (
    CACHED_TEXT_CHARS,
    QUERY_FORMS,
    UPDATE_KEYWORDS,
    Token,
    leading_keyword,
    token_list,
    tokens,
)

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


def _prefixes(toks: Sequence[Token]) -> dict[str, str]:
    declared: dict[str, str] = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.is_word("PREFIX") and toks[i + 1].kind == "pname":
            if toks[i + 2].kind == "iri":
                declared[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
    return declared


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first keyword after the prologue)."""
    word = leading_keyword(query)
    if word is not None and word in QUERY_FORMS:
        return word
    if word in UPDATE_KEYWORDS:
        raise QuerySyntaxError(f"{word} is an update, not a query")
    raise QuerySyntaxError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED)."""
    return any(t.is_word("FROM") for t in token_list(query))


def service_targets(text: str) -> list[str | None]:
    """The endpoint of every SERVICE (None when it is a variable or cannot be resolved)."""
    toks = token_list(text)
    prefixes = _prefixes(toks)
    targets: list[str | None] = []
    for i, tok in enumerate(toks):
        if not tok.is_word("SERVICE"):
            continue
        j = i + 1
        if j < len(toks) and toks[j].is_word("SILENT"):
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


def check_complexity(toks: Iterable[Token]) -> None:
    """QueryTooComplex if groups nest deeper than MAX_NESTING or a property path (a run of
    `/` and `|` between IRIs) has more than MAX_PATH_STEPS steps."""
    depth = steps = 0
    for tok in toks:
        if tok.kind == "punct" and tok.text in _OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                raise QueryTooComplex(f"groups or expressions nested deeper than {MAX_NESTING}")
        elif tok.kind == "punct" and tok.text in _CLOSERS:
            depth = max(0, depth - 1)
        if tok.kind == "punct" and tok.text in _PATH_OPERATORS:
            steps += 1
            if steps > MAX_PATH_STEPS:
                raise QueryTooComplex(f"a property path longer than {MAX_PATH_STEPS} steps")
        elif not (
            tok.kind in ("iri", "pname")
            or (tok.kind == "punct" and tok.text in _PATH_PARTS)
            or (tok.kind == "word" and tok.text == "a")
        ):
            steps = 0


def check(text: str, allow_list: Iterable[str] = ()) -> None:
    """Refuse LOAD, SERVICE to anything but an allow-listed endpoint IRI, and queries too
    deeply nested for the engine's parser."""
    allowed = frozenset(allow_list)
    if len(text) <= CACHED_TEXT_CHARS:
        _check_cached(text, allowed)  # a refusal raises, and is not cached
    else:
        _check(text, allowed)


@lru_cache(maxsize=512)
def _check_cached(text: str, allowed: frozenset[str]) -> bool:
    _check(text, allowed)
    return True


# A text without these words needs no LOAD / SERVICE scan (a regex in C, not the lexer).
_RISKY_WORDS = re.compile(r"load|service", re.IGNORECASE)


def _check(text: str, allowed: frozenset[str]) -> None:
    if len(text) > CACHED_TEXT_CHARS:
        # A big text (an INSERT DATA load): lex it once, lazily, for the nesting check, and
        # only look for LOAD and SERVICE if the words occur at all.
        check_complexity(tokens(text))
        if not _RISKY_WORDS.search(text):
            return
    toks = token_list(text)
    if len(text) <= CACHED_TEXT_CHARS:
        check_complexity(toks)
    for tok in toks:
        if tok.is_word("LOAD"):
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
