"""What every part of the import shares: reading the CSVs, sources and their named graphs."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from iucgraph.config import PROJECT_ROOT
from iucgraph.ids import source_iri
from iucgraph.namespaces import ID_BASE, IUC, PREFIXES, SCHEMA
from iucgraph.rdfio import trig_text

DEFAULT_REFERENCE_DIR = PROJECT_ROOT.parent / "shared" / "reference"

# Statements of our own making (aliases, the theme->SDG mapping, structure) live here.
CURATION = URIRef(ID_BASE + "source/iucgraph-curation")
CURATION_URL = "https://w3id.org/iucgraph/"
# The founding document (../shared/seeds/000_22a55d30c460af2a.txt), shipped as docs/.
FOUNDING_DOCUMENT = URIRef(ID_BASE + "source/founding-document")
FOUNDING_DOCUMENT_URL = ID_BASE + "document/founding-document"
FOUNDING_DOCUMENT_TITLE = "Chinese cities attend IUC start-up workshop in Beijing"


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


@dataclass
class Reference:
    """The reference folder; rows are plain dicts with surrounding whitespace stripped."""

    directory: Path = DEFAULT_REFERENCE_DIR

    def rows(self, name: str) -> list[dict[str, str]]:
        with (self.directory / name).open(encoding="utf-8", newline="") as f:
            return [
                {k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)
            ]


@dataclass
class SourceRegistry:
    """Every source URL used by any part of the import, described once in sources.trig."""

    titles: dict[str, str] = field(default_factory=dict)

    def source(self, url: str, title: str | None = None) -> URIRef:
        url = url.strip()
        if url == FOUNDING_DOCUMENT_URL:
            return FOUNDING_DOCUMENT
        if url not in self.titles or (title and not self.titles[url]):
            self.titles[url] = title or ""
        return source_iri(url)

    def graph(self, ds: Dataset, url: str, title: str | None = None) -> Graph:
        """The named graph that holds what the source at `url` says."""
        return ds.graph(self.source(url, title))

    def curation(self, ds: Dataset) -> Graph:
        return ds.graph(CURATION)

    def founding_document(self, ds: Dataset) -> Graph:
        return ds.graph(FOUNDING_DOCUMENT)

    def describe(self) -> Dataset:
        """sources.trig: each source's title and URL, stated by our curation."""
        ds = new_dataset()
        g = ds.graph(CURATION)
        g.add((CURATION, RDF.type, IUC.Source))
        g.add((CURATION, DCTERMS.title, Literal("iucgraph curation: mappings, aliases, structure")))
        g.add((CURATION, SCHEMA.url, Literal(CURATION_URL, datatype=XSD.anyURI)))
        g.add((FOUNDING_DOCUMENT, RDF.type, IUC.Source))
        g.add((FOUNDING_DOCUMENT, DCTERMS.title, Literal(FOUNDING_DOCUMENT_TITLE, lang="en")))
        g.add((FOUNDING_DOCUMENT, SCHEMA.url, Literal(FOUNDING_DOCUMENT_URL, datatype=XSD.anyURI)))
        for url in sorted(self.titles):
            src = source_iri(url)
            g.add((src, RDF.type, IUC.Source))
            g.add((src, DCTERMS.title, Literal(self.titles[url] or url)))
            g.add((src, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
            g.add((src, RDFS.label, Literal(url)))
        return ds


def write_trig(ds: Dataset, path: Path) -> None:
    """Deterministic TriG (see iucgraph.rdfio.trig_text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(trig_text(ds), encoding="utf-8")
