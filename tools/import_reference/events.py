"""events.trig: events.csv (with its corrections), the founding document's events, and who spoke.

Each row's facts go to its source's graph. Where sources disagree on a date or a venue, the other
source's claim is added in that source's graph on the same event resource (see _OTHER_CLAIMS).
Rows whose year no source gives are left out (an iuc:Event needs a start date; a day or year is
never invented); they are listed by `undated_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from iucgraph.ids import event_iri
from iucgraph.namespaces import IUC, SCHEMA
from tools.import_reference.actors_common import (
    city,
    date_literal,
    declare_extra_places,
    find_cities,
    parse_dates,
    split_list,
    strip_parens,
)
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.event_links import events_of
from tools.import_reference.institutions import InstitutionIndex, declare, organiser_names
from tools.import_reference.people import PersonIndex, declare_person

# Events whose IRI is named by us rather than by the row's wording (shared with other sources).
_IRI_NAMES = {
    "Annual EU-China High-Level Dialogue": "EU-China High-Level Dialogue on Regional and Urban "
    "Policy",
}
DIALOGUE_2018 = event_iri("2018-07-16", _IRI_NAMES["Annual EU-China High-Level Dialogue"])
WORKSHOP_2018 = event_iri("2018-04-24", "IUC start-up workshop for Chinese pilot cities")

# label prefix -> claims of other sources: (url, start, end, place, note)
_OTHER_CLAIMS = {
    "Second-round call deadline": (
        ("http://celceicpa.com/news/html/?1382.html", "2018-03-09", None, None),
    ),
    "Official launch of the IUC City-to-City programme": (
        (
            "https://pactodealcaldes-la.org/language/en/cities-and-regions-in-argentina-brazil-"
            "colombia-and-mexico-will-work-with-european-counterparts-to-promote-sustainable-"
            "and-smart-urban-development/",
            "2017-11-09",
            "2017-11-10",
            "Brussels",
        ),
        (
            "https://billnoticias.blogspot.com/2017/10/araripina-e-unica-cidade-do-nordeste.html",
            "2017-11-09",
            "2017-11-10",
            "Brussels",
        ),
    ),
    "IUC Asia at 2nd Paris Peace Forum": (
        (
            "https://www.asian-mayors.eu/?date=2019-10-31&t=full",
            "2019-11-11",
            "2019-11-13",
            "Paris",
        ),
    ),
    "3rd Exchange Meeting of EU and Japanese cities": (
        ("http://iuc.eu/index.php?id=356", "2018-10-11", None, None),
    ),
    "10th World Urban Forum": (
        (
            "https://enb.iisd.org/events/10th-session-world-urban-forum-wuf10/summary-report-8-13-"
            "february-2020",
            "2020-02-08",
            "2020-02-13",
            "Abu Dhabi",
        ),
    ),
    "Annual EU-China High-Level Dialogue": (
        (
            "http://ec.europa.eu/regional_policy/en/policy/cooperation/international/urban/",
            "2018-07-16",
            "2018-07-18",
            "Beijing",
        ),
    ),
}


@dataclass
class Context:
    ds: Dataset
    sources: SourceRegistry
    people: PersonIndex
    bodies: InstitutionIndex
    corrections: list[dict[str, str]]
    people_rows: list[dict[str, str]]


def iri_of(row: dict[str, str]) -> URIRef | None:
    dates = parse_dates(row["dates"])
    if dates is None:
        return None
    name = next((v for k, v in _IRI_NAMES.items() if row["event"].startswith(k)), row["event"])
    return event_iri(dates.start_text, name)


def _note(g: Graph, iri: URIRef, text: str) -> None:
    g.add((iri, IUC.note, Literal(text, lang="en")))


def _place(g: Graph, iri: URIRef, place: str) -> None:
    if place:
        for found in find_cities(place):
            g.add((iri, SCHEMA.location, found))
        _note(g, iri, f"Place (as listed): {place}")


def _participants(ctx: Context, g: Graph, iri: URIRef, text: str) -> None:
    """Named people become speakers; known bodies and cities become participants."""
    for entry in split_list(text):
        names = ctx.people.find(entry)
        for name in names:
            g.add((iri, IUC.speaker, declare_person(g, ctx.people, name)))
        for body in ctx.bodies.known(strip_parens(entry)):
            g.add((iri, IUC.participant, declare(g, body)))
        for found in find_cities(strip_parens(entry)):
            g.add((iri, IUC.participant, found))
    if text:
        _note(g, iri, f"Participants (as listed): {text}")


def _row(ctx: Context, row: dict[str, str], iri: URIRef) -> None:
    g = ctx.sources.graph(ctx.ds, row["source_url"])
    dates = parse_dates(row["dates"])
    assert dates is not None
    g.add((iri, RDF.type, IUC.Event))
    g.add((iri, RDFS.label, Literal(row["event"], lang="en")))
    g.add((iri, SCHEMA.startDate, dates.start))
    if dates.end is not None:
        g.add((iri, SCHEMA.endDate, dates.end))
    if dates.inferred or "inferred" in row["notes"].lower():
        g.add((iri, IUC.inferred, Literal(True)))
    if not row["dates"].startswith(dates.start_text):
        _note(g, iri, f"Dates (as listed): {row['dates']}")
    _place(g, iri, row["place"])
    for name in organiser_names(row["organisers"]):
        for body in ctx.bodies.resolve(name):
            g.add((iri, SCHEMA.organizer, declare(g, body, as_written=name)))
    if row["organisers"]:
        _note(g, iri, f"Organisers (as listed): {row['organisers']}")
    _participants(ctx, g, iri, row["participants"])
    if row["notes"]:
        _note(g, iri, row["notes"])


def _other_claims(ctx: Context, row: dict[str, str], iri: URIRef) -> None:
    for prefix, claims in _OTHER_CLAIMS.items():
        if not row["event"].startswith(prefix):
            continue
        for url, start, end, place in claims:
            g = ctx.sources.graph(ctx.ds, url)
            g.add((iri, RDF.type, IUC.Event))
            g.add((iri, RDFS.label, Literal(row["event"], lang="en")))
            g.add((iri, SCHEMA.startDate, date_literal(start)))
            if end:
                g.add((iri, SCHEMA.endDate, date_literal(end)))
            found = city(place) if place else None
            if found is not None:
                g.add((iri, SCHEMA.location, found))


def _corrections(ctx: Context, rows: dict[str, URIRef]) -> None:
    for fix in ctx.corrections:
        if fix["file"] != "events.csv":
            continue
        label = next(label for label in rows if fix["row"].startswith(label))
        iri = rows[label]
        g = ctx.sources.graph(ctx.ds, fix["source_url"])
        g.add((iri, RDF.type, IUC.Event))
        g.add((iri, RDFS.label, Literal(label, lang="en")))
        if fix["field"] == "place":
            _place(g, iri, fix["new_value"])
        elif fix["field"] == "participants":
            _participants(ctx, g, iri, fix["new_value"])


def _speakers(ctx: Context, rows: dict[str, URIRef]) -> None:
    """The events column of people.csv: each person speaks at the events it names."""
    for row in ctx.people_rows:
        g = ctx.sources.graph(ctx.ds, row["source_url"])
        for entry in split_list(row["events"]):
            for prefix in events_of(entry):
                matches = [iri for label, iri in rows.items() if label.startswith(prefix)]
                if len(matches) != 1:
                    raise ValueError(f"{prefix!r} names {len(matches)} events")
                g.add((matches[0], IUC.speaker, declare_person(g, ctx.people, row["name"])))


def _founding_document(ctx: Context) -> None:
    g = ctx.sources.founding_document(ctx.ds)
    team, ndrc = ctx.bodies.resolve("IUC Asia team")[0], ctx.bodies.resolve("NDRC")[0]
    beijing, zhengzhou = city("Beijing"), city("Zhengzhou")
    assert beijing is not None and zhengzhou is not None
    w = WORKSHOP_2018
    g.add((w, RDF.type, IUC.Event))
    g.add((w, RDFS.label, Literal("IUC start-up workshop for Chinese pilot cities", lang="en")))
    g.add((w, SCHEMA.startDate, date_literal("2018-04-24")))
    g.add((w, SCHEMA.location, beijing))
    for body, written in ((team, "IUC Asia team"), (ndrc, "NDRC")):
        g.add((w, SCHEMA.organizer, declare(g, body, as_written=written)))
    for name in (
        "Haikou Kunming Liuzhou Yantai Weinan Zhengzhou Chongqing Longyan Changchun Shantou"
    ).split():
        found = city(name)
        assert found is not None
        g.add((w, IUC.participant, found))
    for name in ("Natividad Lorenzo", "PENG Shicheng", "Pablo Gándara", "Steven Shi"):
        g.add((w, IUC.speaker, declare_person(g, ctx.people, name)))
    _note(g, w, "Around 35 representatives attended, including those of the 2017 cities.")
    _note(
        g,
        w,
        "Day and month are stated ('24 April'); the year 2018 follows from 'now in its "
        "second year'.",
    )

    mission = event_iri("2018-07", "EU delegation first mission to China")
    g.add((mission, RDF.type, IUC.Event))
    g.add((mission, RDFS.label, Literal("EU delegation's first mission to China", lang="en")))
    g.add((mission, SCHEMA.startDate, date_literal("2018-07")))
    g.add((mission, SCHEMA.organizer, declare(g, team, as_written="IUC Asia team")))
    g.add((mission, SCHEMA.subEvent, DIALOGUE_2018))
    _note(
        g,
        mission,
        "Due to take place in mid-July 2018, part of Commissioner Creţu's planned "
        "agenda in China; EU city representatives and relevant institutions; "
        "field visits and work meetings in several Chinese pilot cities.",
    )

    d = DIALOGUE_2018
    g.add((d, RDF.type, IUC.Event))
    name = "XIII EU-China High-level Dialogue on Regional and Urban Policy Cooperation"
    g.add((d, SKOS.altLabel, Literal(name, lang="en")))
    g.add((d, SCHEMA.startDate, date_literal("2018-07")))
    g.add((d, SCHEMA.location, zhengzhou))
    _note(
        g,
        d,
        "The founding document places the dialogue in Zhengzhou, Henan province, in "
        "mid-July 2018; European Commission pages place it at NDRC headquarters in "
        "Beijing (16-18 July) and call the Zhengzhou event the Thirteenth High Level "
        "Seminar.",
    )


_GRANADA_URL = (
    "https://www.iuc-asia.eu/2018/09/chinese-delegations-mission-to-eu-cities-in-september-2018/"
)


def _granada_memorandum(ctx: Context, mission: URIRef) -> None:
    g = ctx.sources.graph(ctx.ds, _GRANADA_URL)
    iri = event_iri("2018-09", "Granada city-to-city cooperation memoranda")
    g.add((iri, RDF.type, IUC.Event))
    label = "Signing of city-to-city cooperation memoranda between Granada and five Chinese cities"
    g.add((iri, RDFS.label, Literal(label, lang="en")))
    g.add((iri, SCHEMA.startDate, Literal("2018-09", datatype=XSD.gYearMonth)))
    g.add((iri, SCHEMA.superEvent, mission))
    for name in ("Granada", "Haikou", "Kunming", "Liuzhou", "Yantai", "Weinan"):
        found = city(name)
        assert found is not None
        g.add((iri, IUC.participant, found))
        if name == "Granada":
            g.add((iri, SCHEMA.location, found))
    _note(
        g,
        iri,
        "Haikou, Kunming, Liuzhou, Yantai and Weinan each signed a city-to-city "
        "cooperation MoU with Granada at a meeting with the Mayor of Granada during the "
        "12-20 September 2018 mission; the day is not stated.",
    )


def undated_rows(ref: Reference) -> list[str]:
    return [row["event"] for row in ref.rows("events.csv") if parse_dates(row["dates"]) is None]


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    ctx = Context(
        ds,
        sources,
        PersonIndex.load(ref),
        InstitutionIndex.load(ref),
        ref.rows("corrections.csv"),
        ref.rows("people.csv"),
    )
    rows: dict[str, URIRef] = {}
    for row in ref.rows("events.csv"):
        iri = iri_of(row)
        if iri is None:
            continue
        if iri in rows.values():
            raise ValueError(f"two events.csv rows give {iri}")
        rows[row["event"]] = iri
        _row(ctx, row, iri)
        _other_claims(ctx, row, iri)
    _corrections(ctx, rows)
    _speakers(ctx, rows)
    _founding_document(ctx)
    mission = next(iri for label, iri in rows.items() if label.startswith("Chinese cities mission"))
    _granada_memorandum(ctx, mission)
    declare_extra_places(sources.curation(ds))
    return {"events.trig": ds}
