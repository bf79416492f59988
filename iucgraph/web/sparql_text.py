"""Just enough lexing of SPARQL text for the protocol: which form a request is, where its
top-level WHERE clauses are, whether it names its own dataset.

The engine parses for real (and reports syntax errors with positions); this module only has
to tell a SELECT from a CONSTRUCT before the engine runs, so that content negotiation can
offer the right formats, and apply the protocol's `using-graph-uri` parameters to updates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<var>[?$][^\s{}()<>;,.=!|&+*/"'\#\^\[\]]+)
    |(?P<pname>[A-Za-z_\u00C0-\uFFFF][\w\-.\u00C0-\uFFFF]*:[^\s{}();,]*|:[^\s{}();,]*)
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<open>\{)
    |(?P<close>\})
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_UNSAFE_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int  # brace depth before this token


def tokens(text: str) -> Iterator[Token]:
    """Significant tokens (no whitespace or comments), with their brace depth."""
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        yield Token(kind, m.group(), m.start(), depth)
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)


def leading_keyword(text: str) -> str | None:
    """The first keyword after the prologue (BASE/PREFIX), upper-cased, or None."""
    skip = 0
    for tok in tokens(text):
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


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None if the text does not start like a query."""
    word = leading_keyword(text)
    return word if word in QUERY_FORMS else None


def looks_like_update(text: str) -> bool:
    return leading_keyword(text) in UPDATE_KEYWORDS


def names_own_dataset(update: str) -> bool:
    """True if the update has a USING or WITH clause (which the protocol may not override)."""
    return any(
        t.kind == "word" and t.depth == 0 and t.text.upper() in ("USING", "WITH")
        for t in tokens(update)
    )


def check_iri(iri: str) -> str:
    """`iri` if it is an absolute IRI safe to write between < and >; ValueError otherwise."""
    if not iri or _UNSAFE_IRI.search(iri) or not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        raise ValueError(f"not an absolute IRI: {iri!r}")
    return iri


def add_using(update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """Apply `using-graph-uri` / `using-named-graph-uri` as USING clauses on every operation
    with a WHERE (SPARQL 1.1 Protocol 2.2.3); the shorthand DELETE WHERE takes none."""
    if not default_graphs and not named_graphs:
        return update
    clause = " ".join(
        [f"USING <{check_iri(g)}>" for g in default_graphs]
        + [f"USING NAMED <{check_iri(g)}>" for g in named_graphs]
    )
    cuts: list[int] = []
    previous: Token | None = None
    for tok in tokens(update):
        if tok.kind == "word" and tok.depth == 0 and tok.text.upper() == "WHERE":
            after_delete = (
                previous is not None
                and previous.kind == "word"
                and previous.text.upper() == "DELETE"
            )
            if not after_delete:
                cuts.append(tok.start)
        previous = tok
    out = update
    for cut in reversed(cuts):
        out = f"{out[:cut]}{clause} {out[cut:]}"
    return out
