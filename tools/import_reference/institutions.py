"""institutions.trig: the bodies of institutions.csv, those named by people.csv and events.csv,
and the founding document's, each declared in the graph of every source that names it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from iucgraph.ids import institution_iri
from iucgraph.namespaces import ID, IUC, ORG, SCHEMA
from tools.import_reference.actors_common import country, norm, split_list, strip_parens
from tools.import_reference.common import Reference, SourceRegistry, new_dataset

# Short, stable slugs for bodies whose full names would make unwieldy IRIs.
_KEYS = {
    "International Urban Cooperation programme": "iuc",
    "IUC India": "iuc-india",
    "IUC Japan": "iuc-japan",
    "IUC North America": "iuc-north-america",
    "IUC Methodological Task Force": "iuc-methodological-task-force",
    "IUC Asia HelpDesk": "iuc-asia-helpdesk",
    "International Urban and Regional Cooperation": "iurc",
    "Directorate-General for Regional and Urban Policy": "dg-regio",
    "Service for Foreign Policy Instruments": "fpi",
    "National Development and Reform Commission": "ndrc",
    "Delegation of the European Union to China (and Mongolia)": "eu-delegation-china",
    "Delegation of the European Union to Japan": "eu-delegation-japan",
    "Delegation of the European Union to India": "eu-delegation-india",
    "Delegation of the European Union to Brazil": "eu-delegation-brazil",
    "Delegation of the European Union to Mexico": "eu-delegation-mexico",
    "World Cities (EU project, 2015-2016)": "world-cities",
}
_KEY_PREFIXES = {
    "International Urban Cooperation: Sustainable and Innovative Cities and Regions – "
    "Regional Action Asia": "iuc-asia",
    "International Urban Cooperation: Sustainable and Innovative Cities and Regions – "
    "Regional Action Latin America and the Caribbean": "iuc-lac",
}

# Other spellings in people.csv, events.csv and the founding document -> a name of the csv
# (or of a body the csv does not list). "" means: no institution is stated.
_ALIASES = {
    "eu delegation to china": "Delegation of the European Union to China (and Mongolia)",
    "delegation of the eu to china and mongolia": "Delegation of the European Union to China "
    "(and Mongolia)",
    "delegation of the eu to japan": "Delegation of the European Union to Japan",
    "delegation of the eu to india": "Delegation of the European Union to India",
    "eu delegation to india": "Delegation of the European Union to India",
    "delegation of the eu to brazil": "Delegation of the European Union to Brazil",
    "delegation of the european union": "Delegation of the European Union to Chile",
    "iuc asia team": "IUC Asia",
    "iuc-asia": "IUC Asia",
    "iuc-asia experts": "IUC Asia",
    "eu/iuc asia": "IUC Asia",
    "iuc-la": "IUC-LAC",
    "iuc-na": "IUC-NA",
    "iuc team": "IUC",
    "iuc project team": "IUC",
    "european commission": "European Commission",
    "european commission (fpi)": "FPI",
    "chongqing development and reform commission": "Chongqing DRC",
    "zhengzhou municipal government": "Zhengzhou Municipal People's Government",
    "mei wen ti": "MEI WEN TI GmbH",
    "ministry of land, infrastructure, transport and tourism": "MLIT",
    "municipal committee leh": "Municipal Committee, Leh",
    "nagpur smart and sustainable city development corporation ltd": "Nagpur Smart and "
    "Sustainable City Development Corporation Limited",
    "corfo": "Corfo (Tarapacá regional directorate)",
    "grande abc consortium": "ABC",
    "pts health tech park": "PTS health tech park (Granada)",
    "cities for life forum": "Cities for Life Forum (Foro Ciudades para la Vida)",
    "world cities / giz is": "World Cities (EU project, 2015-2016);GIZ IS",
    "(city government)": "",
    "(not stated)": "",
    "(not stated; iuc-lac cooperation)": "",
    "liuzhou": "",
}
# Bodies that only people.csv or events.csv name, with what we know of them.
_ADHOC_NOTES = {
    "Delegation of the European Union to Chile": "Named 'Delegation of the European Union' "
    "at an event in Santiago de Chile; the country is INFERRED from the event's place.",
}


def institution_key(name: str) -> str:
    for prefix, key in _KEY_PREFIXES.items():
        if name.startswith(prefix):
            return key
    main = name.split(" / ")[0].strip()
    return _KEYS.get(name) or _KEYS.get(main) or strip_parens(main) or main


@dataclass
class Body:
    iri: URIRef
    label: str
    listed: bool  # a row of institutions.csv


@dataclass
class InstitutionIndex:
    """Resolves any way the sources name a body to one IRI and one English label."""

    by_name: dict[str, Body] = field(default_factory=dict)

    @classmethod
    def load(cls, ref: Reference) -> InstitutionIndex:
        index = cls()
        for row in ref.rows("institutions.csv"):
            label = row["name"].split(" / ")[0].strip()
            body = Body(institution_iri(institution_key(row["name"])), label, listed=True)
            names = [row["name"], label, strip_parens(label), *row["name"].split(" / ")]
            if row["acronym"]:
                names.append(row["acronym"])
            for name in names:
                index.by_name.setdefault(norm(name), body)
        return index

    def resolve(self, text: str) -> list[Body]:
        """The bodies a text names; an unknown name becomes a body of its own (not listed)."""
        text = text.replace("[sic]", "").strip()
        for key in (norm(text), norm(strip_parens(text))):
            if key in _ALIASES:
                return [self._lookup(part) for part in split_list(_ALIASES[key])]
        return [self._lookup(text)]

    def _lookup(self, text: str) -> Body:
        for candidate in (norm(text), norm(strip_parens(text))):
            if candidate in self.by_name:
                return self.by_name[candidate]
        label = strip_parens(text) or text
        body = Body(institution_iri(label), label, listed=False)
        self.by_name[norm(label)] = body
        return body

    def known(self, text: str) -> list[Body]:
        """Like resolve, but only bodies already known (for free-text participant lists)."""
        key = norm(strip_parens(text.replace("[sic]", "")))
        if key in _ALIASES or norm(text) in _ALIASES:
            return self.resolve(text)
        body = self.by_name.get(key) or self.by_name.get(norm(text))
        return [body] if body else []


def declare(g: Graph, body: Body, as_written: str | None = None) -> URIRef:
    """The minimum a source states about a body it names: type, label, its own spelling."""
    g.add((body.iri, RDF.type, IUC.Institution))
    g.add((body.iri, RDFS.label, Literal(body.label, lang="en")))
    if as_written:
        written = as_written.replace("[sic]", "").strip()
        if written and norm(written) != norm(body.label):
            g.add((body.iri, SKOS.altLabel, Literal(written)))
    if not body.listed and body.label in _ADHOC_NOTES:
        g.add((body.iri, IUC.note, Literal(_ADHOC_NOTES[body.label], lang="en")))
    return body.iri


def organiser_names(text: str) -> list[str]:
    return [strip_parens(part) or part for part in split_list(text)]


# Programme teams and the programme (component) each runs: same slug on both sides.
_TEAMS = ("iuc", "iuc-asia", "iuc-india", "iuc-japan", "iuc-lac", "iuc-north-america")


def _founding_document(g: Graph, index: InstitutionIndex) -> None:
    """EU Delegation to China, NDRC and its Regional Economy Department, the IUC Asia team and
    (through 'Commissioner Creţu') the European Commission, as the founding document names them."""
    for text in ("EU Delegation to China", "NDRC", "IUC Asia team", "European Commission"):
        declare(g, index.resolve(text)[0], as_written=text)
    ndrc = index.resolve("National Development and Reform Commission")[0]
    declare(g, ndrc, as_written="China's National Development and Reform Commission")
    department = index.resolve("NDRC Regional Economy Department")[0]
    declare(g, department)
    g.add((department.iri, ORG.subOrganizationOf, ndrc.iri))
    g.add((department.iri, SCHEMA.addressCountry, ID["country/cn"]))
    g.add((ndrc.iri, SCHEMA.addressCountry, ID["country/cn"]))


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    index = InstitutionIndex.load(ref)
    for row in ref.rows("institutions.csv"):
        g = sources.graph(ds, row["source_url"])
        body = index.resolve(row["name"])[0]
        declare(g, body)
        for alias in row["name"].split(" / ")[1:]:
            g.add((body.iri, SKOS.altLabel, Literal(alias.strip())))
        if row["acronym"] and row["acronym"] != body.label:
            g.add((body.iri, SKOS.altLabel, Literal(row["acronym"])))
        if row["kind"]:
            g.add((body.iri, DCTERMS.type, Literal(row["kind"])))
        for name in split_list(row["country"]):
            place = country(name)
            if place is not None:
                g.add((body.iri, SCHEMA.addressCountry, place))
        if row["parent"]:
            for parent in index.resolve(row["parent"]):
                declare(g, parent, as_written=row["parent"])
                g.add((body.iri, ORG.subOrganizationOf, parent.iri))
        if row["notes"]:
            g.add((body.iri, IUC.note, Literal(row["notes"], lang="en")))
    for row in ref.rows("people.csv"):
        g = sources.graph(ds, row["source_url"])
        for body in index.resolve(row["institution"]) if row["institution"] else []:
            declare(g, body, as_written=row["institution"])
    for row in ref.rows("events.csv"):
        g = sources.graph(ds, row["source_url"])
        for name in organiser_names(row["organisers"]):
            for body in index.resolve(name):
                declare(g, body, as_written=name)
    _founding_document(sources.founding_document(ds), index)
    curation = sources.curation(ds)
    for key in _TEAMS:
        curation.add((institution_iri(key), IUC.programme, ID[f"programme/{key}"]))
    return {"institutions.trig": ds}
