"""pairings.trig: every row of pairings.csv as a Pairing, a RegionalPairing or cluster membership.

Each partnership is stated in the graph of the row's source (with prov:wasDerivedFrom that
source); the curation graph only gives it a readable label. Rows that only record membership
of the Zhengzhou cooperation cluster are not pairings: they add members to id/cluster/zhengzhou.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from iucgraph.ids import mint, pairing_iri, regional_pairing_iri
from iucgraph.namespaces import IUC, PROV, SDG
from tools.import_reference import parties
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.corrections import appended_notes, corrected_rows, field_source
from tools.import_reference.parties import Row
from tools.import_reference.places import joint_members
from tools.import_reference.programme import cohort_iri, component, programme_iri
from tools.import_reference.themes import theme_iri

CLUSTER = mint("cluster", "zhengzhou")
CLUSTER_LABEL = "Zhengzhou cooperation cluster"
CLUSTER_SOURCE = "https://docslib.org/doc/11582482/ucap-zhengzhou-and-agioi-anargyroi-kamatero"
# The cluster's action plan (UCAP) lists AKK, Málaga, Rome and Nice with Zhengzhou (notes of
# the AKK and Málaga rows cite it); the Rome and Nice rows are membership-only rows.
CLUSTER_MEMBERS_FROM_NOTES = (("Agioi Anargyroi-Kamatero", "Greece"), ("Málaga", "Spain"))

# Action plans (UCAPs) name SDGs for the plan as a whole: they go on the partnerships the plan
# covers, in the plan's graph. Keyed by the plan's URL: (partner, EU city) of covered pairings.
ACTION_PLAN_PAIRINGS: dict[str, tuple[tuple[str, str], ...]] = {
    CLUSTER_SOURCE: (("Zhengzhou", "Agioi Anargyroi-Kamatero"),),
    "https://docslib.org/doc/2370389/ucap-longyan-and-prague": (
        ("Longyan", "Mannheim"),
        ("Longyan", "Prague"),
    ),
}


def partnership_iri(row: Row) -> URIRef:
    eu, partner = parties.sides(row)
    if parties.row_kind(row) == parties.REGIONAL:
        return regional_pairing_iri(partner.name, eu.name)
    return pairing_iri(partner.name, eu.name)


def _note(g: Graph, subject: URIRef, text: str) -> None:
    g.add((subject, IUC.note, Literal(text, lang="en")))


def _partnership(ds: Dataset, sources: SourceRegistry, row: Row) -> URIRef:
    kind = parties.row_kind(row)
    eu, partner = parties.sides(row)
    iri = partnership_iri(row)
    url = row["source_url"]
    g = sources.graph(ds, url)
    regional = kind == parties.REGIONAL
    g.add((iri, RDF.type, IUC.RegionalPairing if regional else IUC.Pairing))
    g.add((iri, IUC.euRegion if regional else IUC.euCity, eu.iri))
    g.add((iri, IUC.partnerRegion if regional else IUC.partnerCity, partner.iri))
    slug = component(row["iuc_region"])
    g.add((iri, IUC.programme, programme_iri(slug)))
    if row["round_year"]:
        g.add((iri, IUC.cohort, cohort_iri(slug, row["round_year"])))
    for label in filter(None, (t.strip() for t in row["themes"].split(";"))):
        g.add((iri, IUC.theme, theme_iri(label)))
    if row["pairing_id"]:
        page_url = field_source(row, "pairing_id", url)
        pg = sources.graph(ds, page_url)
        pg.add((iri, RDF.type, IUC.RegionalPairing if regional else IUC.Pairing))
        pg.add((iri, IUC.pairingPageId, Literal(row["pairing_id"])))
        pg.add((iri, PROV.wasDerivedFrom, sources.source(page_url)))
    g.add((iri, PROV.wasDerivedFrom, sources.source(url)))
    if row["notes"]:
        _note(g, iri, row["notes"])
    if parties.pairing_is_inferred(row):
        g.add((iri, IUC.inferred, Literal(True)))
    for text, note_url in appended_notes(row):
        ng = sources.graph(ds, note_url) if note_url else sources.curation(ds)
        _note(ng, iri, text)
        if note_url:
            ng.add((iri, PROV.wasDerivedFrom, sources.source(note_url)))
    cur = sources.curation(ds)
    cur.add((iri, RDFS.label, Literal(f"{partner.name} – {eu.name}", lang="en")))
    for side, place in (("eu_city", eu), ("partner_city", partner)):
        others = joint_members(row[side])[1:]
        if others:
            text = (
                f"The {'EU' if place is eu else 'partner'} side is listed jointly as "
                f"'{row[side]}'; {place.name} (named first) stands for it here, with "
                f"{', '.join(others)}."
            )
            _note(cur, iri, text)
    return iri


def _cluster(ds: Dataset, sources: SourceRegistry, rows: list[Row]) -> None:
    g = sources.graph(ds, CLUSTER_SOURCE)
    cur = sources.curation(ds)
    cur.add((CLUSTER, RDF.type, IUC.Cluster))
    cur.add((CLUSTER, RDFS.label, Literal(CLUSTER_LABEL, lang="en")))
    cur.add((CLUSTER, IUC.programme, programme_iri("iuc-asia")))
    g.add((CLUSTER, RDF.type, IUC.Cluster))
    g.add((CLUSTER, PROV.wasDerivedFrom, sources.source(CLUSTER_SOURCE)))
    for name, country in CLUSTER_MEMBERS_FROM_NOTES:
        g.add((CLUSTER, IUC.member, parties.city(name, country).iri))
    for row in rows:
        rg = sources.graph(ds, row["source_url"])
        eu, partner = parties.sides(row)
        rg.add((CLUSTER, RDF.type, IUC.Cluster))
        rg.add((CLUSTER, IUC.member, eu.iri))
        rg.add((CLUSTER, IUC.member, partner.iri))
        rg.add((CLUSTER, PROV.wasDerivedFrom, sources.source(row["source_url"])))
        _note(rg, CLUSTER, f"{eu.name}: {row['notes']}")


def _action_plans(ds: Dataset, sources: SourceRegistry, ref: Reference) -> None:
    """SDGs and cooperation themes of the UCAPs, on the partnerships the plans cover."""
    for row in ref.rows("themes.csv"):
        url = row["source_url"]
        if url not in ACTION_PLAN_PAIRINGS:
            continue
        g = sources.graph(ds, url)
        targets = [pairing_iri(p, e) for p, e in ACTION_PLAN_PAIRINGS[url]]
        if url == CLUSTER_SOURCE:
            targets.append(CLUSTER)
        is_plan_theme = "UCAP" in row["label_type"] and "EU Urban Agenda" not in row["label_type"]
        for target in targets:
            for sdg in filter(None, row["sdgs"].split(";")):
                g.add((target, IUC.alignedWith, SDG[sdg.strip()]))
            if is_plan_theme:
                g.add((target, IUC.theme, theme_iri(row["theme_label"])))


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    rows = corrected_rows(ref, "pairings.csv")
    seen: dict[URIRef, int] = {}
    for number, row in enumerate(rows, start=2):
        if parties.row_kind(row) == parties.CLUSTER:
            continue
        iri = _partnership(ds, sources, row)
        if iri in seen:
            raise ValueError(f"pairings.csv lines {seen[iri]} and {number} mint the same {iri}")
        seen[iri] = number
    _cluster(ds, sources, [r for r in rows if parties.row_kind(r) == parties.CLUSTER])
    _action_plans(ds, sources, ref)
    return {"pairings.trig": ds}
