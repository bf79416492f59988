"""SPARQL text and the protocol: which form a request is, whether an update names its own
dataset, and the protocol's `using-graph-uri` parameters applied as USING clauses.

The tokens come from iucgraph/sparql_syntax.py; the engine parses for real. Telling a SELECT
from a CONSTRUCT before the engine runs lets content negotiation offer the right formats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from iucgraph.sparql_syntax import Token, query_form, tokens
from iucgraph.sparql_syntax import is_update as looks_like_update

__all__ = ["add_using", "check_iri", "looks_like_update", "names_own_dataset", "query_form"]

_USING_WITH = re.compile(r"using|with", re.IGNORECASE)
_UNSAFE_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def names_own_dataset(update: str) -> bool:
    """True if the update has a USING or WITH clause (which the protocol may not override)."""
    if not _USING_WITH.search(update):  # a regex in C first: updates can be megabytes
        return False
    return any(t.depth == 0 and t.is_word("USING", "WITH") for t in tokens(update))


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
        if tok.depth == 0 and tok.is_word("WHERE"):
            if previous is None or not previous.is_word("DELETE"):
                cuts.append(tok.start)
        previous = tok
    out = update
    for cut in reversed(cuts):
        out = f"{out[:cut]}{clause} {out[cut:]}"
    return out
