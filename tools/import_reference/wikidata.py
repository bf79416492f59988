"""links-wikidata.trig: Wikidata Q-ids from a Wikidata-derived lexicon, as candidates only.

wikidata.csv was read from a grammar lexicon (gf-wikidata-tools), not from Wikidata: each id is
an iuc:wikidataCandidate (never owl:sameAs) in the lexicon's graph, with its doubts as notes.
"""

from __future__ import annotations

import re

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF

from iucgraph.namespaces import IUC, WD
from tools.import_reference import parties
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.corrections import corrected_rows
from tools.import_reference.places import ascii_key, canonical_city_name

_SOURCE = re.compile(r"github:(?P<repo>\S+) (?P<paths>.+?) @ (?P<commit>[0-9a-f]{40})")
DOUBTFUL = re.compile(r"UNCERTAIN|AMBIGUOUS|doubt", re.IGNORECASE)


def lexicon_url(source: str) -> tuple[str, str]:
    """'github:owner/repo paths @ commit' -> (URL of the tree at that commit, title)."""
    m = _SOURCE.match(source)
    if m is None:
        raise ValueError(f"unexpected lexicon source: {source!r}")
    url = f"https://github.com/{m['repo']}/tree/{m['commit']}/grammars"
    return url, f"{m['repo']} lexicon ({m['paths']}) at commit {m['commit'][:7]}"


def _city_index(ref: Reference) -> dict[str, set[URIRef]]:
    """Canonical city names (accent- and case-insensitive) -> city IRIs, from the CSVs."""
    index: dict[str, set[URIRef]] = {}

    def add(place: parties.Place) -> None:
        if place.kind == "city":
            index.setdefault(ascii_key(place.name), set()).add(place.iri)

    for row in corrected_rows(ref, "pairings.csv"):
        if parties.row_kind(row) != parties.REGIONAL:
            for side in parties.sides(row):
                add(side)
    for row in corrected_rows(ref, "cities.csv"):
        if not parties.is_region_row(row) and row["country"]:
            add(parties.city(row["city"], row["country"]))
    return index


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    index = _city_index(ref)
    for row in ref.rows("wikidata.csv"):
        url, title = lexicon_url(row["source"])
        g = sources.graph(ds, url, title)
        matches = index.get(ascii_key(canonical_city_name(row["city"])), set())
        if len(matches) != 1:
            continue  # not one of our cities (Stuttgart, Ludwigsburg) or ambiguous by name
        city = next(iter(matches))
        g.add((city, RDF.type, IUC.City))
        if row["qid"]:
            g.add((city, IUC.wikidataCandidate, WD[row["qid"]]))
        if row["geonames_id"]:
            text = f"GeoNames id {row['geonames_id']} given by the lexicon (not checked)."
            g.add((city, IUC.note, Literal(text, lang="en")))
        if DOUBTFUL.search(row["notes"]) or not row["qid"]:
            g.add((city, IUC.note, Literal(f"Wikidata lexicon: {row['notes']}", lang="en")))
    return {"links-wikidata.trig": ds}
