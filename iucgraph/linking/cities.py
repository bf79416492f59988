"""The cities of the instance data, as plain records for the linkers (GeoNames, Wikidata).

The instance data keeps every triple in a named graph; the linkers read the union of them.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from iucgraph.errors import InputError
from iucgraph.namespaces import IUC


@dataclass(frozen=True)
class CityRecord:
    """What a linker needs to know about one iuc:City (all tuples sorted)."""

    iri: URIRef
    label_en: str | None
    alt_labels: tuple[str, ...]
    labels_zh: tuple[str, ...]
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2 codes of its iuc:inCountry
    provinces: tuple[str, ...]  # ISO 3166-2 codes of its iuc:inProvince

    @property
    def display_name(self) -> str:
        return self.label_en or (self.labels_zh[0] if self.labels_zh else str(self.iri))


@contextmanager
def rdflib_internal_deprecations_ignored() -> Iterator[None]:
    """rdflib 7.6 warns about its own internals (its TriG parser builds a ConjunctiveGraph).

    Only warnings attributed to rdflib's modules are silenced; ours still surface.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib(\.|$)")
        yield


def load_data_dir(directory: Path, *, exclude: Iterable[Path] = ()) -> Dataset:
    """Parse every data/*.trig into one Dataset; InputError (file, line) when one cannot be read."""
    if not directory.is_dir():
        raise InputError("not a directory", path=str(directory))
    skip = {p.resolve() for p in exclude}
    files = sorted(p for p in directory.glob("*.trig") if p.resolve() not in skip)
    if not files:
        raise InputError("no *.trig files", path=str(directory))
    ds = Dataset()
    for path in files:
        try:  # read the text ourselves: rdflib leaves the file open when parsing fails
            text = path.read_text(encoding="utf-8")
            with rdflib_internal_deprecations_ignored():
                ds.parse(data=text, format="trig", publicID=path.resolve().as_uri())
        except SyntaxError as exc:  # rdflib's BadSyntax is a SyntaxError; .lines is 0-based
            line = getattr(exc, "lines", None)
            raise InputError(
                str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error",
                path=str(path),
                line=line + 1 if isinstance(line, int) else None,
            ) from exc
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise InputError(str(exc), path=str(path)) from exc
    return ds


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs (default and named) in one plain Graph."""
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None) -> list[str]:
    """Literal values of `predicate`; lang=None keeps untagged and any tag."""
    out = []
    for obj in graph.objects(subject, predicate):
        if not isinstance(obj, Literal):
            continue
        tag = (obj.language or "").lower()
        if lang is None or tag == lang or tag.startswith(lang + "-"):
            out.append(str(obj))
    return sorted(set(out))


def _codes(graph: Graph, subject: URIRef, link: URIRef) -> tuple[str, ...]:
    codes = set()
    for target in graph.objects(subject, link):
        for code in graph.objects(target, IUC.isoCode):
            codes.add(str(code).strip().upper())
    return tuple(sorted(codes))


def read_cities(dataset: Dataset | Graph) -> list[CityRecord]:
    """Every iuc:City with its labels, country codes and province codes, sorted by IRI."""
    graph = union_graph(dataset) if isinstance(dataset, Dataset) else dataset
    records = []
    for city in sorted({s for s in graph.subjects(RDF.type, IUC.City) if isinstance(s, URIRef)}):
        en = _texts(graph, city, RDFS.label, "en")
        zh = _texts(graph, city, RDFS.label, "zh")
        alts = set(_texts(graph, city, SKOS.altLabel, None))
        alts.update(en[1:])  # a second @en label (should not happen) still helps matching
        records.append(
            CityRecord(
                iri=city,
                label_en=en[0] if en else None,
                alt_labels=tuple(sorted(alts)),
                labels_zh=tuple(zh),
                countries=_codes(graph, city, IUC.inCountry),
                provinces=_codes(graph, city, IUC.inProvince),
            )
        )
    return records
