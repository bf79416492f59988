"""people.trig: the people of people.csv (with its corrections) and of the founding document.

One person, one IRI (id/person/<slug of the name without honorifics>); every source that names
the person states foaf:name (our canonical spelling) in its own graph, with its own spelling as
skos:altLabel. People that sources do not equate stay apart (Steven Shi and Shi Xin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, SKOS

from iucgraph.ids import person_iri
from iucgraph.namespaces import IUC, SCHEMA
from tools.import_reference.actors_common import norm, strip_parens
from tools.import_reference.common import Reference, SourceRegistry, new_dataset
from tools.import_reference.institutions import InstitutionIndex, declare

_HONORIFIC = re.compile(r"^(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+")

# Spellings that name the same person (from the notes of people.csv and events.csv).
ALIASES = {
    "Pablo Gándara": ("Pablo Gandara",),
    "Corina Creţu": ("Corina Cretu",),
    "Pier Roberto Remitti": ("Pier Roberto Remetti",),
    "Panagiotis Karamanos": ("Dr. P. Karamanos", "P. Karamanos"),
    "Tadeo García Zalazar": ("Tadeo García",),
    "Sandra Marin": ("Sandra Marín", "Sandra Marin Herbert"),
}

# Curator's notes on identities that no source settles.
IDENTITY_NOTES = {
    "Steven Shi": "Named 'Dr. Steven Shi', expert of the IUC Asia team, only by the founding "
    "document. Possibly the same person as Dr. Shi Xin (id/person/shi-xin), named with Pablo "
    "Gandara as the team's two experts in 2017; no source equates them, so they are kept apart.",
    "Shi Xin": "Possibly the 'Dr. Steven Shi' of the founding document (id/person/steven-shi); "
    "NOT confirmed by any source, so the two are kept apart.",
    "Pablo Gandalha": "Probably a transliteration of Pablo Gándara (id/person/pablo-gandara); "
    "NOT confirmed, so kept apart.",
}


def clean_name(raw: str) -> str:
    """'Dr. Shi Xin' -> 'Shi Xin'; 'Jerzy Lesczynski (as spelled in source)' -> 'Jerzy ...'."""
    return _HONORIFIC.sub("", strip_parens(raw)).strip()


@dataclass
class PersonIndex:
    """Canonical name and IRI of every person, and every spelling that points to them."""

    names: dict[str, str] = field(default_factory=dict)  # norm(spelling) -> canonical name

    @classmethod
    def load(cls, ref: Reference) -> PersonIndex:
        index = cls()
        for row in ref.rows("people.csv"):
            index.add(clean_name(row["name"]), row["name"])
        for canonical, spellings in ALIASES.items():
            for spelling in spellings:
                index.add(canonical, spelling)
        for canonical in ("Natividad Lorenzo", "PENG Shicheng", "Pablo Gándara", "Steven Shi"):
            index.add(canonical, canonical)
        return index

    def add(self, canonical: str, spelling: str) -> None:
        canonical = self.names.get(norm(canonical), canonical)
        for form in (canonical, spelling, clean_name(spelling)):
            self.names.setdefault(norm(form), canonical)

    def canonical(self, spelling: str) -> str:
        return self.names[norm(clean_name(spelling))]

    def iri(self, spelling: str) -> URIRef:
        return person_iri(self.canonical(spelling))

    def find(self, text: str) -> list[str]:
        """Canonical names of the people a free-text participant entry mentions."""
        key = norm(text.replace("[sic]", ""))
        found = []
        for form, canonical in sorted(self.names.items(), key=lambda kv: -len(kv[0])):
            if len(form) >= 7 and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", key):
                if canonical not in found:
                    found.append(canonical)
                key = key.replace(form, " ")
        return found


def declare_person(g: Graph, index: PersonIndex, spelling: str) -> URIRef:
    iri = index.iri(spelling)
    canonical = index.canonical(spelling)
    g.add((iri, RDF.type, FOAF.Person))
    g.add((iri, FOAF.name, Literal(canonical)))
    if spelling.strip() != canonical:
        g.add((iri, SKOS.altLabel, Literal(spelling.strip())))
    return iri


def _row(g: Graph, row: dict[str, str], people: PersonIndex, bodies: InstitutionIndex) -> None:
    iri = declare_person(g, people, row["name"])
    if row["role_title"]:
        g.add((iri, SCHEMA.jobTitle, Literal(row["role_title"], lang="en")))
    for body in bodies.resolve(row["institution"]) if row["institution"] else []:
        g.add((iri, SCHEMA.worksFor, declare(g, body, as_written=row["institution"])))
    if row["institution"] and not bodies.resolve(row["institution"]):
        note = f"Affiliation as given by the source: {row['institution']}"
        g.add((iri, IUC.note, Literal(note, lang="en")))
    if row["events"]:
        g.add((iri, IUC.note, Literal(f"Events (as listed): {row['events']}", lang="en")))
    if row["notes"]:
        g.add((iri, IUC.note, Literal(row["notes"], lang="en")))


def _corrections(ds: Dataset, ref: Reference, sources: SourceRegistry, people: PersonIndex):
    for fix in ref.rows("corrections.csv"):
        if fix["file"] != "people.csv":
            continue
        g = sources.graph(ds, fix["source_url"])
        iri = declare_person(g, people, fix["row"])
        if fix["field"] == "role_title":
            title = re.sub(r"^\(add\)\s*", "", fix["new_value"])
            g.add((iri, SCHEMA.jobTitle, Literal(title, lang="en")))
        spelling = re.search(r"spelled '([^']+)'", fix["why"])
        if spelling:
            g.add((iri, SKOS.altLabel, Literal(spelling.group(1))))


# name as the founding document writes it, canonical name, title, body as it writes it
FOUNDING_PEOPLE = (
    ("Ms. Natividad Lorenzo", "Natividad Lorenzo", "Programme Manager", "EU Delegation to China"),
    ("Mr. PENG Shicheng", "PENG Shicheng", "Division Director", "NDRC Regional Economy Department"),
    ("Mr. Pablo Gándara", "Pablo Gándara", "Expert within the IUC Asia team", "IUC Asia team"),
    ("Dr. Steven Shi", "Steven Shi", "Expert within the IUC Asia team", "IUC Asia team"),
    ("Commissioner Creţu", "Corina Creţu", "Commissioner", "European Commission"),
)


def _founding_document(g: Graph, people: PersonIndex, bodies: InstitutionIndex) -> None:
    for written, canonical, title, body_name in FOUNDING_PEOPLE:
        iri = declare_person(g, people, canonical)
        g.add((iri, SKOS.altLabel, Literal(written)))
        g.add((iri, SCHEMA.jobTitle, Literal(title, lang="en")))
        body = bodies.resolve(body_name)[0]
        g.add((iri, SCHEMA.worksFor, declare(g, body, as_written=body_name)))


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    people = PersonIndex.load(ref)
    bodies = InstitutionIndex.load(ref)
    for row in ref.rows("people.csv"):
        _row(sources.graph(ds, row["source_url"]), row, people, bodies)
    _corrections(ds, ref, sources, people)
    _founding_document(sources.founding_document(ds), people, bodies)
    curation = sources.curation(ds)
    for canonical, spellings in ALIASES.items():
        for spelling in spellings:
            curation.add((people.iri(canonical), SKOS.altLabel, Literal(spelling)))
    for name, note in IDENTITY_NOTES.items():
        curation.add((people.iri(name), IUC.note, Literal(note, lang="en")))
    return {"people.trig": ds}
