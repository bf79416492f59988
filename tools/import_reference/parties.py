"""The two sides of a pairings.csv row, and what kind of row it is.

Shared by geography (which describes the places), pairings (which links them) and programme
(which needs to know who has a partner), so that all three mint the same IRIs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from iucgraph.ids import city_iri, region_iri
from tools.import_reference.places import (
    COUNTRY_FROM_GENERAL_KNOWLEDGE,
    REGIONS_LISTED_AS_CITIES,
    canonical_city_name,
    canonical_region_name,
    country_code,
    joint_members,
)

Row = dict[str, str]

PAIRING = "pairing"
REGIONAL = "regional"
CLUSTER = "cluster"

# A pairing row whose pairing itself (not only its year or region) is inferred.
_INFERRED_PAIRING = re.compile(r"INFERRED pairing|'?Pairing'? INFERRED", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """A city or region as canonical IRI, with the name a source listed it under."""

    iri: URIRef
    kind: str  # "city" | "region"
    iso2: str
    name: str  # canonical English name
    listed: str  # as the source wrote it


def row_kind(row: Row) -> str:
    if "region-to-region" in row["iuc_region"]:
        return REGIONAL
    if row["notes"].lower().startswith("cluster membership only"):
        return CLUSTER
    return PAIRING


def pairing_is_inferred(row: Row) -> bool:
    return bool(_INFERRED_PAIRING.search(row["notes"]))


def _iso2(listed: str, country: str) -> str:
    iso2 = country_code(country) or COUNTRY_FROM_GENERAL_KNOWLEDGE.get(listed.strip())
    if iso2 is None:
        raise KeyError(f"no country for {listed!r} ({country!r})")
    return iso2


def city(listed: str, country: str) -> Place:
    iso2 = _iso2(listed, country)
    name = canonical_city_name(listed)
    return Place(city_iri(iso2, name), "city", iso2, name, listed.strip())


def region(listed: str, country: str) -> Place:
    iso2 = _iso2(listed, country)
    name = canonical_region_name(listed)
    return Place(region_iri(iso2, name), "region", iso2, name, listed.strip())


def co_members(listed: str, country: str) -> list[Place]:
    """The other municipalities of a jointly listed party (see places.JOINT_LISTINGS)."""
    iso2 = _iso2(listed, country)
    return [
        Place(city_iri(iso2, name), "city", iso2, name, listed.strip())
        for name in joint_members(listed)[1:]
    ]


def sides(row: Row) -> tuple[Place, Place]:
    """(EU side, partner side) of a pairings.csv row."""
    make = region if row_kind(row) == REGIONAL else city
    return make(row["eu_city"], row["eu_country"]), make(
        row["partner_city"], row["partner_country"]
    )


def is_region_row(row: Row) -> bool:
    """A cities.csv row about a region (its role says so, or places lists it as one)."""
    return "region" in row["role"] or row["city"] in REGIONS_LISTED_AS_CITIES


def listed_place(row: Row) -> Place:
    """The city or region of a cities.csv row."""
    return (region if is_region_row(row) else city)(row["city"], row["country"])
