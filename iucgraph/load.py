"""Read the graph's files into one rdflib Dataset, with errors that name the file and the line.

Turtle and N-Triples files (the ontology) hold no graph names, so each goes into a named graph of
its own: the IRI of the owl:Ontology it declares (ontology/iuc.ttl -> the ontology IRI), else a
graph named after the file. TriG, N-Quads and JSON-LD keep the graph names they carry. Nothing is
fetched from the network: owl:imports are not followed and remote JSON-LD contexts are refused.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from iucgraph.config import Paths
from iucgraph.errors import InputError
from iucgraph.ids import slugify
from iucgraph.namespaces import ONTOLOGY_IRI, PREFIXES
from iucgraph.rdfio import quiet_rdflib

# suffix -> (rdflib parser name, whether the format carries graph names)
FORMATS: dict[str, tuple[str, bool]] = {
    ".ttl": ("turtle", False),
    ".nt": ("nt", False),
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
}

# Graph names we choose for files that carry none.
FILE_GRAPH_BASE = "https://w3id.org/iucgraph/graph/"
_LINE_RE = re.compile(r"\bline (\d+)")


@dataclass(frozen=True)
class LoadedDataset:
    """The loaded Dataset plus, for each subject, the file(s) that described it."""

    dataset: Dataset
    paths: tuple[Path, ...]
    subject_files: Mapping[Node, frozenset[str]] = field(default_factory=dict)

    def files_of(self, node: Node) -> tuple[str, ...]:
        """The files in which `node` is a subject, sorted; empty if none."""
        return tuple(sorted(self.subject_files.get(node, ())))

    def __len__(self) -> int:
        return len(self.dataset)


def default_paths(paths: Paths | None = None) -> list[Path]:
    """The shipped graph: the ontology, then data/*.trig in sorted order (shapes are not data)."""
    paths = paths or Paths()
    return [paths.ontology_file, *sorted(paths.data_dir.glob("*.trig"))]


def graph_name_for(path: Path, graph: Graph) -> URIRef:
    """The named graph for a triples-only file: its ontology IRI, else one made from its name."""
    if path.name == "iuc.ttl":
        return URIRef(ONTOLOGY_IRI)
    ontologies = sorted(
        str(s) for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)
    )
    if len(ontologies) == 1:
        return URIRef(ontologies[0].rstrip("#"))
    return URIRef(FILE_GRAPH_BASE + slugify(path.stem))


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def load_dataset(paths: Iterable[Path | str]) -> LoadedDataset:
    """Parse every file into one Dataset; raise InputError (file and line) on the first bad one."""
    ds = new_dataset()
    files: dict[Node, set[str]] = defaultdict(set)
    loaded: list[Path] = []
    for raw in paths:
        path = Path(raw)
        part = parse_file(path)
        label = str(path)
        for s, p, o, g in _quads(part):
            target = ds.default_graph if g is None else ds.graph(g)
            target.add((s, p, o))
            files[s].add(label)
        for prefix, ns in part.namespaces():
            if prefix and prefix not in PREFIXES:
                ds.bind(prefix, ns, override=False)
        loaded.append(path)
    return LoadedDataset(
        dataset=ds,
        paths=tuple(loaded),
        subject_files={k: frozenset(v) for k, v in files.items()},
    )


def parse_file(path: Path) -> Dataset:
    """One file as a Dataset of its own (triples-only formats go into one named graph)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unknown file type {suffix!r} (expected one of {known})", path=str(path))
    fmt, has_graphs = FORMATS[suffix]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the file: {e}", path=str(path)) from None
    if fmt == "json-ld":
        _refuse_remote_contexts(path, text)
    part = Dataset()
    try:
        with quiet_rdflib():
            _parse_into(part, path, text, fmt, has_graphs)
    except Exception as e:  # rdflib raises many types; all mean "this file does not parse"
        line, why = _error_line(e, text, fmt)
        raise InputError(f"syntax error: {why}", path=str(path), line=line) from None
    return part


def _parse_into(part: Dataset, path: Path, text: str, fmt: str, has_graphs: bool) -> None:
    public_id = path.resolve().as_uri()
    if has_graphs:
        part.parse(data=text, format=fmt, publicID=public_id)
        return
    g = Graph()
    g.parse(data=text, format=fmt, publicID=public_id)
    named = part.graph(graph_name_for(path, g))
    named.addN((s, p, o, named) for s, p, o in g)
    for prefix, ns in g.namespaces():
        part.bind(prefix, ns, override=False)


def _quads(ds: Dataset) -> Iterator[tuple[Node, Node, Node, URIRef | BNode | None]]:
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if name is None or name == DATASET_DEFAULT_GRAPH_ID:
            yield s, p, o, None
        else:
            yield s, p, o, name  # type: ignore[misc]


def _error_line(error: Exception, text: str, fmt: str) -> tuple[int | None, str]:
    """The 1-based line and a short reason, from whatever the parser raised."""
    why = str(getattr(error, "_why", "") or error).strip().splitlines()[0]
    lines = getattr(error, "lines", None)
    if isinstance(lines, int):  # notation3's BadSyntax counts lines from 0
        return lines + 1, why
    lineno = getattr(error, "lineno", None)  # json.JSONDecodeError
    if isinstance(lineno, int):
        return lineno, why
    match = _LINE_RE.search(str(error))
    if match:
        return int(match.group(1)), why
    if fmt in ("nt", "nquads"):  # line-based formats: find the first line that fails alone
        return _first_bad_line(text, fmt), why
    return None, why


def _first_bad_line(text: str, fmt: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            with quiet_rdflib():
                Dataset().parse(data=line + "\n", format=fmt)
        except Exception:
            return number
    return None


def _refuse_remote_contexts(path: Path, text: str) -> None:
    """rdflib would fetch a JSON-LD @context given by URL; we never go to the network."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"syntax error: {e.msg}", path=str(path), line=e.lineno) from None
    stack = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ctx = item.get("@context")
            refs = ctx if isinstance(ctx, list) else [ctx]
            if any(isinstance(r, str) for r in refs):
                raise InputError(
                    "remote JSON-LD @context is not fetched; inline it", path=str(path)
                )
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
