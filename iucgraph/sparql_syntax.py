"""The one SPARQL lexer: tokens with their position and brace depth, and the query form.

Just enough lexing to decide things before the engine runs (which form a request is, where the
WHERE group opens, which endpoints a SERVICE names, how deep groups nest) without paying for a
full parse (rdflib needs 6-18 ms per query). Comments are dropped; strings and IRIs are single
tokens, so a keyword or a brace inside them is never seen. The engine still parses for real
and reports syntax errors with positions. Runs in the query workers too: stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][\w\u00b7]+)
    |(?P<bnode>_:[\w.\-\u00b7]*)
    |(?P<pname>(?:[^\W\d_][\w.\-\u00b7]*)?:(?:[\w.%:\-\u00b7]|\\.)*)
    |(?P<word>[A-Za-z][A-Za-z0-9_]*)
    |(?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


@dataclass(frozen=True)
class Token:
    """One significant token. `kind` is string, iri, var, bnode, pname, word or punct (one
    character; a lone quote there means an unterminated string); `depth` counts the `{`
    open before it."""

    kind: str
    text: str
    start: int
    depth: int

    def is_word(self, *words: str) -> bool:
        """Whether this is one of `words` (upper case), as a keyword, in any case."""
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a query or update (no whitespace, no comments)."""
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        value = m.group()
        yield Token(kind, value, m.start(), depth)
        if value == "{" and kind == "punct":
            depth += 1
        elif value == "}" and kind == "punct":
            depth = max(0, depth - 1)


# Texts up to this size have their tokens cached: one request asks several questions of the
# same text (form, update or not, FROM, SERVICE, nesting), and clients repeat queries. Bigger
# texts (INSERT DATA bodies) are lexed each time rather than held in memory.
CACHED_TEXT_CHARS = 32_768


@lru_cache(maxsize=512)
def _cached_tokens(text: str) -> tuple[Token, ...]:
    return tuple(tokens(text))


def token_list(text: str) -> tuple[Token, ...]:
    """tokens(text) as a tuple, cached for texts of up to CACHED_TEXT_CHARS characters."""
    if len(text) <= CACHED_TEXT_CHARS:
        return _cached_tokens(text)
    return tuple(tokens(text))


@lru_cache(maxsize=512)
def _leading_keyword(text: str) -> str | None:
    skip = 0
    for tok in tokens(text):  # lazily: stops at the first keyword, even in a huge update
        if skip:
            skip -= 1
            continue
        if tok.kind != "word":
            return None
        word = tok.text.upper()
        if word == "BASE":
            skip = 1
        elif word == "PREFIX":
            skip = 2
        else:
            return word
    return None


def leading_keyword(text: str) -> str | None:
    """The first keyword after the prologue (BASE, PREFIX), upper-cased, or None."""
    if len(text) <= CACHED_TEXT_CHARS:
        return _leading_keyword(text)
    return _leading_keyword.__wrapped__(text)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None if the text does not start like a query."""
    word = leading_keyword(text)
    return word if word in QUERY_FORMS else None


def is_update(text: str) -> bool:
    """Whether the text starts like a SPARQL Update operation."""
    return leading_keyword(text) in UPDATE_KEYWORDS
