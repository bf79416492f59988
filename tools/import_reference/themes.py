"""themes.trig: the programme's theme labels as a SKOS scheme, and the 17 SDGs.

One concept per label (case and accents ignored, see THEME_MERGES); each source that uses a
label types the concept in its own graph, with its spelling if it differs. A theme's SDGs come
from the source when it gives them (themes.csv `sdgs`), otherwise from our mapping below,
stated in the curation graph with iuc:mappedBy <curation>.
"""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from iucgraph.ids import mint, slugify
from iucgraph.namespaces import IUC, SDG, SDGO
from tools.import_reference.common import CURATION, Reference, SourceRegistry, new_dataset
from tools.import_reference.corrections import corrected_rows

SDG_SOURCE_URL = "http://metadata.un.org/sdg/"
SDG_SOURCE_TITLE = "UN SDG vocabulary (metadata.un.org)"
SDG_TITLES = (
    "No poverty",
    "Zero hunger",
    "Good health and well-being",
    "Quality education",
    "Gender equality",
    "Clean water and sanitation",
    "Affordable and clean energy",
    "Decent work and economic growth",
    "Industry, innovation and infrastructure",
    "Reduced inequalities",
    "Sustainable cities and communities",
    "Responsible consumption and production",
    "Climate action",
    "Life below water",
    "Life on land",
    "Peace, justice and strong institutions",
    "Partnerships for the goals",
)

# Labels that name the same concept in other words: slug -> slug of the concept kept.
THEME_MERGES: dict[str, str] = {"smart-city": "smart-cities"}

# Our own theme -> SDG mapping, for themes no source aligns (by slug). Reasoning: the goal whose
# targets name the topic (e.g. 11.2 transport, 6.3 wastewater, 7.2 renewables, 12.5 waste).
OUR_SDG_MAPPING: dict[str, tuple[int, ...]] = {
    "air-quality": (3, 11),
    "circular-economy": (12,),
    "digital-transition": (9,),
    "education-jobs-and-skills-in-the-local-economy": (4, 8),
    "energy-transition": (7, 13),
    "integrated-urban-rural-development": (11,),
    "nature-and-cultural-heritage-conservation": (11, 15),
    "smart-cities-and-regional-urban-innovation-and-competitiveness": (9, 11),
    "sustainable-production-consumption": (12,),
    "sustainable-use-of-land-and-nature-based-solutions": (11, 15),
    "urban-mobility": (11,),
    "water-waste-management-and-sanitation": (6, 11),
    "jobs-skills-in-local-economy": (4, 8),
    "culture-cultural-heritage": (11,),
    "low-carbon-urban-planning": (11, 13),
    "sustainable-construction": (11, 12),
    "sustainable-mobility": (11,),
    "water-management": (6,),
    "solid-waste-management": (11, 12),
    "sustainable-energy-use": (7,),
    "sustainable-urban-mobility": (11,),
    "inclusive-urban-development": (10, 11),
    "urban-regeneration": (11,),
    "housing": (11,),
    "sustainability-and-innovation-in-natural-resource-management": (12, 15),
    "industry-modernisation-and-innovation": (9,),
    "mobility-and-digital-transition": (9, 11),
    "circular-economy-and-energy-transition": (7, 12),
    "smart-cities": (9, 11),
    "green-deal": (13,),
    "connectivity": (9,),
    "silver-economy": (3, 8),
    "renewable-energy": (7,),
    "urban-planning": (11,),
    "innovation-center": (9,),
    "trade-and-investment": (8, 17),
    "industry-park": (9,),
    "data4cities": (11, 17),
    "invest4cities": (11, 17),
    "innovate4cities": (9, 11),
    "urban-renewal-and-urban-poverty": (1, 11),
    "innovation": (9,),
    "ecological-transition-green-deal": (13,),
    "smart-city-and-digital-transition": (9, 11),
    "post-covid-recovery": (3, 8),
    "climate-change-and-energy-transition": (7, 13),
    "resilience-and-adaptation": (11, 13),
    "ecosystem-services": (15,),
    "low-carbon-development": (13,),
}


def theme_slug(label: str) -> str:
    slug = slugify(label)
    return THEME_MERGES.get(slug, slug)


def theme_iri(label: str) -> URIRef:
    """id/theme/<slug of label>, after merging labels that name one concept."""
    return mint("theme", theme_slug(label))


def _pref_label(label: str) -> str:
    return label[:1].upper() + label[1:]


def _sdgs(ds: Dataset, sources: SourceRegistry) -> None:
    g = sources.graph(ds, SDG_SOURCE_URL, SDG_SOURCE_TITLE)
    scheme = URIRef(SDG_SOURCE_URL)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    for number, title in enumerate(SDG_TITLES, start=1):
        goal = SDG[str(number)]
        g.add((goal, RDF.type, SDGO.Goal))
        g.add((goal, RDF.type, SKOS.Concept))
        g.add((goal, SKOS.notation, Literal(str(number))))
        g.add((goal, SKOS.prefLabel, Literal(title, lang="en")))
        g.add((goal, SKOS.inScheme, scheme))


def build(ref: Reference, sources: SourceRegistry) -> dict[str, Dataset]:
    ds = new_dataset()
    cur = sources.curation(ds)
    labels: dict[str, str] = {}
    aligned_by_source: set[str] = set()
    for row in corrected_rows(ref, "themes.csv"):
        slug = theme_slug(row["theme_label"])
        iri = theme_iri(row["theme_label"])
        labels.setdefault(slug, _pref_label(row["theme_label"]))
        g = sources.graph(ds, row["source_url"])
        g.add((iri, RDF.type, IUC.Theme))
        g.add((iri, RDF.type, SKOS.Concept))
        if row["theme_label"] != labels[slug]:
            g.add((iri, SKOS.altLabel, Literal(row["theme_label"], lang="en")))
        g.add((iri, SKOS.scopeNote, Literal(f"Used as: {row['label_type']}", lang="en")))
        if row["notes"]:
            g.add((iri, IUC.note, Literal(row["notes"], lang="en")))
        for sdg in filter(None, (s.strip() for s in row["sdgs"].split(";"))):
            g.add((iri, IUC.alignedWith, SDG[sdg]))
            aligned_by_source.add(slug)
    for slug, label in sorted(labels.items()):
        iri = mint("theme", slug)
        cur.add((iri, RDF.type, IUC.Theme))
        cur.add((iri, RDF.type, SKOS.Concept))
        cur.add((iri, SKOS.inScheme, IUC.ThemeScheme))
        cur.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
        cur.add((iri, RDFS.label, Literal(label, lang="en")))
        if slug in aligned_by_source:
            continue
        if slug not in OUR_SDG_MAPPING:
            raise KeyError(f"theme {slug!r} has no SDG from a source and none in our mapping")
        cur.add((iri, IUC.mappedBy, CURATION))
        for number in OUR_SDG_MAPPING[slug]:
            cur.add((iri, IUC.alignedWith, SDG[str(number)]))
    _sdgs(ds, sources)
    return {"themes.trig": ds}
