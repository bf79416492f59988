"""The cities of the instance data, as plain records for the linkers (GeoNames, Wikidata).

The instance data keeps every triple in a named graph; the linkers read the union of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from iucgraph.errors import InputError
from iucgraph.load import load_dataset
from iucgraph.namespaces import IUC
from iucgraph.rdfio import union_graph


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


def load_data_dir(directory: Path, *, exclude: Iterable[Path] = ()) -> Dataset:
    """Every data/*.trig (but `exclude`) in one Dataset; InputError (file, line) if unreadable."""
    if not directory.is_dir():
        raise InputError("not a directory", path=str(directory))
    skip = {p.resolve() for p in exclude}
    files = sorted(p for p in directory.glob("*.trig") if p.resolve() not in skip)
    if not files:
        raise InputError("no *.trig files", path=str(directory))
    return load_dataset(files).dataset


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
