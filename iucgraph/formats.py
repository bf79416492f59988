"""The one table of formats: short name, file suffix, media type, aliases, what each can carry,
and the rdflib and pyoxigraph names that read and write it.

Adding a format is one row. The web layer negotiates over these rows; the store's writers and
parsers (store/results.py, store/payload.py), the catalogue's writers, the dumps and the CLI
derive their tables from them, looking rows up by short name or suffix (as rdflib's `plugin.py`
keys both). Standard library only: the query workers import it.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a format can express.
RESULTS = "results"  # SELECT solutions and ASK booleans
GRAPH = "graph"  # one graph (CONSTRUCT, DESCRIBE, a named graph)
DATASET = "dataset"  # named graphs kept (TriG, N-Quads)


@dataclass(frozen=True)
class Format:
    """One serialisation. `aliases` are other media types that mean the same to clients."""

    name: str
    suffix: str
    media_type: str
    kinds: frozenset[str]
    rdflib_name: str | None = None  # rdflib's serializer/parser plugin name
    aliases: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()  # other values accepted in a `format` parameter
    oxigraph: str | None = None  # pyoxigraph's RdfFormat / QueryResultsFormat member name

    @property
    def content_type(self) -> str:
        """The Content-Type header value: text formats say their charset."""
        if self.media_type.startswith("text/") or self.media_type in _UTF8_TYPES:
            return f"{self.media_type}; charset=utf-8"
        return self.media_type

    def all_media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


_UTF8_TYPES = {"application/n-triples", "application/n-quads", "application/trig"}

# Order matters: the first row of a kind is the default when the client has no preference.
FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "srj",
        "application/sparql-results+json",
        frozenset({RESULTS}),
        "json",
        ("application/json", "text/javascript", "application/javascript"),
        oxigraph="JSON",
    ),
    Format(
        "xml",
        "srx",
        "application/sparql-results+xml",
        frozenset({RESULTS}),
        "xml",
        ("application/xml", "text/xml"),
        oxigraph="XML",
    ),
    Format("csv", "csv", "text/csv", frozenset({RESULTS}), "csv", oxigraph="CSV"),
    Format("tsv", "tsv", "text/tab-separated-values", frozenset({RESULTS}), "tsv", oxigraph="TSV"),
    Format(
        "turtle",
        "ttl",
        "text/turtle",
        frozenset({GRAPH}),
        "turtle",
        ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3"),
        ("ttl", "n3"),
        oxigraph="TURTLE",
    ),
    Format(
        "trig",
        "trig",
        "application/trig",
        frozenset({GRAPH, DATASET}),
        "trig",
        ("application/x-trig",),
        oxigraph="TRIG",
    ),
    Format(
        "ntriples",
        "nt",
        "application/n-triples",
        frozenset({GRAPH}),
        "nt",
        ("text/plain",),
        ("nt", "n-triples"),
        oxigraph="N_TRIPLES",
    ),
    Format(
        "nquads",
        "nq",
        "application/n-quads",
        frozenset({DATASET}),
        "nquads",
        ("text/x-nquads",),
        ("nq", "n-quads"),
        oxigraph="N_QUADS",
    ),
    Format(
        "jsonld",
        "jsonld",
        "application/ld+json",
        frozenset({GRAPH, DATASET}),
        "json-ld",
        ("application/json", "application/x-json+ld"),
        ("json-ld", "json"),
        oxigraph="JSON_LD",
    ),
    Format(
        "rdfxml",
        "rdf",
        "application/rdf+xml",
        frozenset({GRAPH}),
        "xml",
        ("application/xml", "text/xml"),
        ("rdf", "rdf+xml", "xml", "owl"),
        oxigraph="RDF_XML",
    ),
    # Read and written by the store only; negotiation answers text/n3 with Turtle (valid N3).
    Format("n3", "n3", "text/n3", frozenset(), "n3", oxigraph="N3"),
)


def formats_for(kind: str) -> tuple[Format, ...]:
    """The formats that can express `kind` (RESULTS, GRAPH or DATASET), default first."""
    return tuple(f for f in FORMATS if kind in f.kinds)


def by_name(name: str, kind: str | None = None) -> Format | None:
    """A format by short name, suffix, alias name or media type, within `kind` if given.

    The same short name may mean different things per kind ("json" is SPARQL JSON for
    results and JSON-LD for graphs; "xml" is SPARQL XML or RDF/XML), as clients use them.
    """
    key = name.strip().lower()
    candidates = formats_for(kind) if kind else FORMATS
    for fmt in candidates:
        if key in (fmt.name, fmt.suffix, fmt.media_type):
            return fmt
    for fmt in candidates:
        if key in fmt.short_names or key in fmt.aliases:
            return fmt
    return None


def by_media_type(media_type: str, kind: str | None = None) -> Format | None:
    """The format whose main media type or alias is `media_type` (parameters ignored)."""
    key = media_type.split(";", 1)[0].strip().lower()
    candidates = formats_for(kind) if kind else FORMATS
    for fmt in candidates:
        if key == fmt.media_type:
            return fmt
    for fmt in candidates:
        if key in fmt.aliases:
            return fmt
    return None


def get(name: str) -> Format:
    """The row named `name` exactly (for tables built from this one; KeyError otherwise)."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def by_suffix(suffix: str) -> Format | None:
    """The format whose file suffix is `suffix` (without the dot)."""
    key = suffix.lower()
    return next((f for f in FORMATS if f.suffix == key), None)
