"""`iucgraph enrich`: selected facts about our linked resources from the endpoint they are
linked to (owl:sameAs wd:Q...), kept in a named graph of their own.

Facts: the population with its date (the latest dated P1082 statement; its P585 date goes on a
reified statement, as iuc:population carries no date), coordinates (P625 as wgs:lat/long) and
the official website (P856 as foaf:homepage, http(s) only). Everything is written to
data/enrich-wikidata.trig under the iuc:Source of the endpoint; curated claims in other graphs
are never touched, so where sources disagree both values stay, each with its source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, XSD

from iucgraph.linking.cities import load_data_dir
from iucgraph.linking.sparql_client import SparqlClient
from iucgraph.namespaces import ID_BASE, IUC, PREFIXES, PROV, SCHEMA, WD, WGS
from iucgraph.rdfio import trig_text, union_graph

SOURCE = URIRef(ID_BASE + "source/wikidata-enrichment")
CLAIM_BASE = ID_BASE + "claim/wikidata/"
OUT_NAME = "enrich-wikidata.trig"
BATCH = 50
_POINT = re.compile(r"Point\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)")
_ISSUED = re.compile(r'dcterms:issued "(\d{4}-\d{2}-\d{2})"\^\^xsd:date')
_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
"""
QUERIES = {
    "population": "SELECT ?item ?pop ?date WHERE { VALUES ?item { %s } "
    "?item p:P1082 ?st . ?st ps:P1082 ?pop . OPTIONAL { ?st pq:P585 ?date } }",
    "coordinates": "SELECT ?item ?coord WHERE { VALUES ?item { %s } ?item wdt:P625 ?coord }",
    "website": "SELECT ?item ?site WHERE { VALUES ?item { %s } ?item wdt:P856 ?site }",
}


@dataclass(frozen=True)
class EnrichResult:
    facts: int
    resources: int
    out_file: Path
    changed: bool


def linked_items(data: Dataset) -> dict[URIRef, str]:
    """Our resource -> its one Wikidata Q-id (resources with two links are left out)."""
    found: dict[URIRef, set[str]] = defaultdict(set)
    for s, o in union_graph(data).subject_objects(OWL.sameAs):
        if isinstance(s, URIRef) and str(s).startswith(ID_BASE) and str(o).startswith(str(WD)):
            qid = str(o)[len(str(WD)) :]
            if re.fullmatch(r"Q[0-9]+", qid):
                found[s].add(qid)
    return {s: next(iter(q)) for s, q in sorted(found.items()) if len(q) == 1}


def _fetch(client: SparqlClient, qids: list[str]) -> dict[str, list[dict[str, dict[str, str]]]]:
    out: dict[str, list[dict[str, dict[str, str]]]] = {k: [] for k in QUERIES}
    for start in range(0, len(qids), BATCH):
        values = " ".join(f"wd:{q}" for q in qids[start : start + BATCH])
        for key, template in QUERIES.items():
            out[key] += client.select(_PREFIXES + template % values)
    return out


def _qid(row: dict[str, dict[str, str]]) -> str:
    return row["item"]["value"].removeprefix(str(WD))


def enrichment(client: SparqlClient, links: dict[URIRef, str], issued: str) -> Dataset:
    """The enrichment graph for `links` (deterministic for the same answers)."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    g = ds.graph(SOURCE)
    g.add((SOURCE, RDF.type, IUC.Source))
    g.add((SOURCE, DCTERMS.title, Literal("Wikidata enrichment (iucgraph enrich)")))
    g.add((SOURCE, SCHEMA.url, Literal(client.endpoint, datatype=XSD.anyURI)))
    g.add((SOURCE, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    by_qid: dict[str, list[URIRef]] = defaultdict(list)
    for ours, qid in links.items():
        by_qid[qid].append(ours)
    rows = _fetch(client, sorted(by_qid))
    best_pop: dict[str, tuple[str, int]] = {}
    for row in rows["population"]:
        try:
            value = int(Decimal(row["pop"]["value"]))
        except (ArithmeticError, ValueError):
            continue
        date = row.get("date", {}).get("value", "")[:10]
        key = (date, value)
        if _qid(row) not in best_pop or key > best_pop[_qid(row)]:
            best_pop[_qid(row)] = key
    for qid, (date, value) in best_pop.items():
        for ours in by_qid[qid]:
            g.add((ours, IUC.population, Literal(value, datatype=XSD.integer)))
            claim = URIRef(CLAIM_BASE + str(ours)[len(ID_BASE) :] + "/population")
            g.add((claim, RDF.type, RDF.Statement))
            g.add((claim, RDF.subject, ours))
            g.add((claim, RDF.predicate, IUC.population))
            g.add((claim, RDF.object, Literal(value, datatype=XSD.integer)))
            g.add((claim, PROV.wasDerivedFrom, WD[qid]))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                g.add((claim, DCTERMS.date, Literal(date, datatype=XSD.date)))
    for row in rows["coordinates"]:
        m = _POINT.search(row["coord"]["value"])
        if m:
            for ours in by_qid[_qid(row)]:
                g.add((ours, WGS.lat, Literal(Decimal(m.group(2)), datatype=XSD.decimal)))
                g.add((ours, WGS.long, Literal(Decimal(m.group(1)), datatype=XSD.decimal)))
    for row in rows["website"]:
        site = row["site"]["value"]
        if row["site"].get("type") == "uri" and site.startswith(("http://", "https://")):
            for ours in by_qid[_qid(row)]:
                g.add((ours, FOAF.homepage, URIRef(site)))
    return ds


def enrich(
    client: SparqlClient, data_dir: Path, out_file: Path | None = None, issued: str | None = None
) -> EnrichResult:
    """Fetch, then write `out_file` (default data/enrich-wikidata.trig) only if it changed."""
    out_file = out_file or data_dir / OUT_NAME
    links = linked_items(load_data_dir(data_dir, exclude=[out_file]))
    old = out_file.read_text(encoding="utf-8") if out_file.exists() else None
    previous = _ISSUED.search(old or "")
    date = previous.group(1) if previous else issued or dt.date.today().isoformat()
    ds = enrichment(client, links, date)
    text = trig_text(ds)
    if text != old and previous:
        ds = enrichment(client, links, issued or dt.date.today().isoformat())
        text = trig_text(ds)
    facts = sum(1 for s, _, _ in ds.graph(SOURCE) if s in links)
    if text != old:
        tmp = out_file.with_name(out_file.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out_file)
    return EnrichResult(facts, len(links), out_file, text != old)
