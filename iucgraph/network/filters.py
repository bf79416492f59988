"""Filters of the network views, parsed from one mapping of strings.

The web layer passes its query arguments and the CLI its options to `Filters.parse`, and every
view (and so every export and metrics table) applies them with `apply`: the same input gives
the same network everywhere.

Meaning: a filter selects the pairings, clusters and events a view is built from. An edge is
kept when the pairing (cluster, event) it comes from matches every filter; nodes left without
edges are dropped. `min_weight` is applied last, to the edges of the view as shown (for the
themes and sdgs projections: the number of shared themes or SDGs).

`theme` matches a pairing by its own topics (iuc:theme of the pairing: the edge's `themes` and
`theme_ids`), never by the themes of its cooperation projects (`project_themes`): those say
what the partners did together, not what the programme paired them on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

import networkx as nx
import pycountry

from iucgraph.errors import BadFilter
from iucgraph.ids import slugify
from iucgraph.network.builders import SEP, STRUCTURAL_KINDS


@dataclass(frozen=True)
class Filters:
    theme: str | None = None  # theme IRI, slug or label
    sdg: str | None = None  # "11", "SDG 11", sdg:11 or its IRI
    region: str | None = None  # programme component: "iuc-asia", "IUC Asia" or its IRI
    country: str | None = None  # ISO code "CN", a country name, or id/country/cn
    year: int | None = None  # cohort (pairings) or start (events) year equal to
    as_of_year: int | None = None  # ... up to and including this year
    min_weight: float | None = None

    NAMES = ("theme", "sdg", "region", "country", "year", "as_of_year", "min_weight")

    @classmethod
    def parse(cls, values: Mapping[str, str | None]) -> Filters:
        """Filters from strings (query arguments, CLI options); unknown names are refused."""
        given = {k.replace("-", "_"): v for k, v in values.items() if v not in (None, "")}
        unknown = sorted(set(given) - set(cls.NAMES))
        if unknown:
            raise BadFilter(f"unknown filter; known: {', '.join(cls.NAMES)}", parameter=unknown[0])
        out: dict[str, object] = {}
        for name, raw in given.items():
            text = str(raw).strip()
            if name in ("year", "as_of_year"):
                if not re.fullmatch(r"\d{4}", text):
                    raise BadFilter(f"not a year: {text!r}", parameter=name)
                out[name] = int(text)
            elif name == "min_weight":
                try:
                    out[name] = float(text)
                except ValueError:
                    raise BadFilter(f"not a number: {text!r}", parameter=name) from None
            elif name == "sdg":
                out[name] = _sdg_notation(text)
            elif name == "country":
                out[name] = _country_code(text)
            else:
                out[name] = text
        return cls(**out)  # type: ignore[arg-type]

    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def as_dict(self) -> dict[str, str]:
        """The filters that are set, as strings (for file names, headers, graph attributes)."""
        return {
            f.name: _plain(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) is not None
        }

    def describe(self) -> str:
        return SEP.join(f"{k}={v}" for k, v in self.as_dict().items())


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sdg_notation(text: str) -> str:
    m = re.fullmatch(r"(?:.*/|sdg:?\s*|goal\s*)?(\d{1,2})", text.strip(), flags=re.IGNORECASE)
    if not m or not 1 <= int(m.group(1)) <= 17:
        raise BadFilter(f"not an SDG (1 to 17): {text!r}", parameter="sdg")
    return str(int(m.group(1)))


def _country_code(text: str) -> str:
    tail = text.rstrip("/").rsplit("/", 1)[-1]
    try:
        return str(pycountry.countries.lookup(tail).alpha_2)
    except LookupError:
        raise BadFilter(f"not a country: {text!r}", parameter="country") from None


def _values(data: Mapping[str, object], key: str) -> list[str]:
    return [v for v in str(data.get(key, "")).split(SEP) if v]


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _matches_name(wanted: str, iris: list[str], labels: list[str]) -> bool:
    """An IRI, or a slug or label that matches an IRI's last segment or a label."""
    if wanted in iris:
        return True
    try:
        slug = slugify(wanted)
    except ValueError:
        return False
    tails = {_tail(i) for i in iris} | {slugify(label) for label in labels if label.strip()}
    return slug in tails or f"iuc-{slug}" in tails


def edge_matches(data: Mapping[str, object], f: Filters) -> bool:
    """Does this edge pass every filter but min_weight?"""
    if f.theme is not None and not _matches_name(
        f.theme, _values(data, "theme_ids"), _values(data, "themes")
    ):
        return False
    if f.sdg is not None and f.sdg not in _values(data, "sdgs"):
        return False
    if f.region is not None and not _matches_name(
        f.region, _values(data, "region_ids"), _values(data, "region")
    ):
        return False
    if f.country is not None and f.country not in _values(data, "countries"):
        return False
    if f.year is not None or f.as_of_year is not None:
        year = data.get("year")
        if not isinstance(year, int):
            return data.get("kind") in STRUCTURAL_KINDS
        if f.year is not None and year != f.year:
            return False
        if f.as_of_year is not None and year > f.as_of_year:
            return False
    return True


# Filters each view understands (the others would silently empty it).
SUPPORTED: dict[str, frozenset[str]] = {
    "pairings": frozenset(Filters.NAMES),
    "themes": frozenset(Filters.NAMES),
    "sdgs": frozenset(Filters.NAMES),
    "actors": frozenset({"year", "as_of_year", "min_weight"}),
    "ego": frozenset(Filters.NAMES),
}


def check_supported(view: str, f: Filters) -> None:
    for name in f.as_dict():
        if name not in SUPPORTED.get(view, frozenset()):
            raise BadFilter(f"the {view} view cannot be filtered by {name}", parameter=name)


def apply_edges(graph: nx.MultiGraph, f: Filters) -> nx.MultiGraph:
    """Drop the edges that fail a filter (all but min_weight)."""
    drop = [(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if not edge_matches(d, f)]
    graph.remove_edges_from(drop)
    return graph


def apply_weight(graph: nx.MultiGraph, f: Filters) -> nx.MultiGraph:
    if f.min_weight is not None:
        low = [
            (u, v, k)
            for u, v, k, d in graph.edges(keys=True, data=True)
            if float(d.get("weight", 1.0)) < f.min_weight
        ]
        graph.remove_edges_from(low)
    return graph


def drop_isolates(graph: nx.MultiGraph, f: Filters, keep: frozenset[str] = frozenset()) -> None:
    """After filtering, nodes without edges are not part of the answer."""
    if f.active():
        graph.remove_nodes_from([n for n in list(nx.isolates(graph)) if n not in keep])
