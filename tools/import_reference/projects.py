"""projects.trig: the cooperation projects of projects.csv, each in its source's graph.

A project names its pair as "EU city – partner city"; the pairing IRI is pairing_iri(partner,
EU) over the canonical names the geography part uses. Projects of a cluster, of the programme as a
whole or of cities that are not a known pair get no iuc:pairing (never invent a pair): they are
related to the cluster, programme component or cities instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from iucgraph.ids import pairing_iri, regional_pairing_iri, slugify
from iucgraph.namespaces import ID, IUC
from tools.import_reference.actors_common import city, strip_parens
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.places import canonical_city_name, canonical_region_name
from tools.import_reference.themes import THEME_MERGES

# Listed names that are not the canonical city name of the pairing (see DATA-MODEL.md).
_CANONICAL = {"Grenoble-Alpes Metropole": "Grenoble"}


@dataclass(frozen=True)
class Target:
    """What a projects.csv `pairing` value points at."""

    group: str  # the path segment of the project IRI
    pairings: tuple[URIRef, ...] = ()
    related: tuple[URIRef, ...] = ()
    note: str = ""


def _cities(*names: str) -> tuple[URIRef, ...]:
    found = tuple(city(name) for name in names)
    if None in found:
        raise ValueError(f"unknown city among {names}")
    return tuple(c for c in found if c is not None)


_ASIA = ID["programme/iuc-asia"]
_SPECIAL = {
    "Zhengzhou cluster (AKK, Málaga, Rome, Nice – Zhengzhou)": Target(
        "zhengzhou-cluster", related=(ID["cluster/zhengzhou"],)
    ),
    "Mannheim – China": Target(
        "mannheim", related=(*_cities("Mannheim"), _ASIA), note="No single Chinese partner named."
    ),
    "Mannheim, Prague – Longyan": Target(
        "longyan-mannheim",
        pairings=(pairing_iri("Longyan", "Mannheim"), pairing_iri("Longyan", "Prague")),
    ),
    "Granada – Haikou/Kunming/Liuzhou/Yantai/Weinan": Target(
        "granada",
        related=_cities("Granada", "Haikou", "Kunming", "Liuzhou", "Yantai", "Weinan"),
        note="A memorandum with Granada, not a pairing: no EU partner of Kunming, Weinan (or "
        "Shantou) is known.",
    ),
    "IUC Asia (programme-wide)": Target("iuc-asia", related=(_ASIA,)),
    "Nanjing – Barcelona (IUC network)": Target(
        "nanjing-barcelona",
        related=_cities("Nanjing", "Barcelona"),
        note="Not stated to be a formal pairing.",
    ),
    "Chengdu – Stuttgart Region (Ludwigsburg)/Rome/Barcelona (IUC Asia smart-city cluster)": (
        Target("chengdu", related=(*_cities("Chengdu", "Rome", "Barcelona"), _ASIA))
    ),
}


def target(listed: str) -> Target:
    """'Nice – Haikou' -> the pairing haikou-nice; region-to-region pairs likewise."""
    if listed in _SPECIAL:
        return _SPECIAL[listed]
    eu, partner = (strip_parens(side) for side in listed.split(" – "))
    eu = _CANONICAL.get(eu, eu)
    if "(region-to-region)" in listed:
        iri = regional_pairing_iri(canonical_region_name(partner), canonical_region_name(eu))
        return Target("regional-" + iri.rsplit("/", 1)[1], pairings=(iri,))
    iri = pairing_iri(canonical_city_name(partner), canonical_city_name(eu))
    return Target(iri.rsplit("/", 1)[1], pairings=(iri,))


def theme_slug(label: str) -> str:
    """The slug of the scheme's concept for a label, after the scheme's own merges."""
    slug = slugify(label)
    return THEME_MERGES.get(slug, slug)


def theme_slugs(ref: Reference) -> set[str]:
    return {theme_slug(row["theme_label"]) for row in ref.rows("themes.csv")}


def project_iri(group: str, label: str) -> URIRef:
    slug = slugify(label)
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return ID[f"project/{group}/{slug}"]


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    themes = theme_slugs(ref)
    seen: set[URIRef] = set()
    for row in ref.rows("projects.csv"):
        g = sources.graph(ds, row["source_url"])
        aim = target(row["pairing"])
        iri = project_iri(aim.group, row["project"])
        if iri in seen:
            raise ValueError(f"two projects.csv rows give {iri}")
        seen.add(iri)
        kind = IUC.CooperationProject if aim.pairings else IUC.ProgrammeActivity
        g.add((iri, RDF.type, kind))
        g.add((iri, RDFS.label, Literal(row["project"], lang="en")))
        for pairing in aim.pairings:
            g.add((iri, IUC.pairing, pairing))
        for other in aim.related:
            g.add((iri, DCTERMS.relation, other))
        for part in (p.strip() for p in row["theme"].split(";") if p.strip()):
            if theme_slug(part) in themes:
                g.add((iri, IUC.theme, ID[f"theme/{theme_slug(part)}"]))
            elif not part.startswith("("):
                g.add((iri, DCTERMS.subject, Literal(part, lang="en")))
        if row["pairing"] != row["pairing"].split(" (")[0] or aim.note:
            g.add((iri, IUC.note, Literal(f"Pairing (as listed): {row['pairing']}", lang="en")))
        if aim.note:
            g.add((iri, IUC.note, Literal(aim.note, lang="en")))
        if "planned" in row["notes"]:
            g.add((iri, IUC.note, Literal("Status: planned (named as intended work).", lang="en")))
        if re.search(r"inferred|\(related\)", " ".join(row.values()), re.IGNORECASE):
            g.add((iri, IUC.inferred, Literal(True)))
        if row["notes"]:
            g.add((iri, IUC.note, Literal(row["notes"], lang="en")))
    return {"projects.trig": ds}
