"""Score Wikidata candidates, decide, and write the links with their provenance and a report.

Scoring (0..1, documented in the report): exact label in English 0.4, in Chinese 0.3, an alias
or alternative label 0.2 (the best of these counts); right type (P31/P279*) 0.2; same country
0.2, another country -0.5; same province code 0.1; same GeoNames id 0.4, another one -0.3;
within 30 km of our coordinates 0.1, farther than 100 km -0.2; the lexicon's
iuc:wikidataCandidate 0.1. A link is written only when the best candidate reaches the
threshold and leads the next one by at least MARGIN; otherwise the resource is AMBIGUOUS (with
its candidates) or NONE (no candidate). Links go to one named graph, the iuc:Source of the
endpoint, each with a reified statement carrying its score as an iuc:note.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from iucgraph.linking.wikidata import Candidate, Entity
from iucgraph.namespaces import ID_BASE, IUC, PREFIXES, PROV, SCHEMA
from iucgraph.rdfio import trig_text

SOURCE = URIRef(ID_BASE + "source/wikidata-reconciliation")
STATEMENT_BASE = ID_BASE + "link/wikidata/"
DEFAULT_THRESHOLD = 0.7
MARGIN = 0.15
MATCHED, AMBIGUOUS, NONE = "matched", "ambiguous", "none"


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    reasons: tuple[str, ...]

    def describe(self) -> str:
        why = ", ".join(self.reasons)
        return f"{self.candidate.qid} {self.candidate.label} ({self.score:.2f}: {why})"


@dataclass(frozen=True)
class Decision:
    entity: Entity
    status: str
    best: Scored | None
    candidates: tuple[Scored, ...]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def score(entity: Entity, c: Candidate) -> Scored:
    total, why = 0.0, []
    labels = {x.casefold() for x in c.labels}
    if entity.label_en and f"en:{entity.label_en}".casefold() in labels:
        total, label_why = 0.4, "label en"
    elif any(f"zh:{z}".casefold() in labels for z in entity.labels_zh):
        total, label_why = 0.3, "label zh"
    elif c.via & {"label", "alias"}:
        total, label_why = 0.2, "alias"
    else:
        label_why = ""
    if label_why:
        why.append(label_why)
    if c.typed:
        total += 0.2
        why.append("type")
    if entity.countries and c.countries:
        if set(entity.countries) & c.countries:
            total += 0.2
            why.append("country")
        else:
            total -= 0.5
            why.append("other country " + "/".join(sorted(c.countries)))
    if entity.provinces and set(entity.provinces) & (c.admin_codes | c.iso):
        total += 0.1
        why.append("province" if entity.kind != "province" else "ISO 3166-2")
    if entity.kind == "country" and set(entity.countries) & c.iso:
        total += 0.1
        why.append("ISO 3166-1")
    if entity.geonames and c.geonames:
        if set(entity.geonames) & c.geonames:
            total += 0.4
            why.append("GeoNames id")
        else:
            total -= 0.3
            why.append("other GeoNames id")
    if entity.coordinates and c.coordinates:
        d = min(_km(a, b) for a in entity.coordinates for b in c.coordinates)
        if d <= 30:
            total += 0.1
            why.append(f"{d:.0f} km")
        elif d > 100:
            total -= 0.2
            why.append(f"{d:.0f} km away")
    if c.qid in entity.hints:
        total += 0.1
        why.append("lexicon")
    return Scored(c, round(max(0.0, min(1.0, total)), 2), tuple(why))


def decide(entity: Entity, candidates: list[Candidate], threshold: float) -> Decision:
    scored = sorted(
        (score(entity, c) for c in candidates),
        key=lambda s: (-s.score, len(s.candidate.qid), s.candidate.qid),
    )
    if not scored:
        return Decision(entity, NONE, None, ())
    best = scored[0]
    runner_up = scored[1].score if len(scored) > 1 else 0.0
    if best.score >= threshold and best.score - runner_up >= MARGIN:
        return Decision(entity, MATCHED, best, tuple(scored))
    return Decision(entity, AMBIGUOUS, None, tuple(scored))


def reconcile(
    entities: list[Entity],
    find: Callable[[Entity], list[Candidate]],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Decision]:
    """One decision per entity, in the entities' order."""
    return [decide(e, find(e), threshold) for e in entities]


def links_dataset(decisions: list[Decision], endpoint: str, issued: str) -> Dataset:
    """The owl:sameAs links of the matched resources, in the endpoint's named graph."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    ds.bind("wd", "http://www.wikidata.org/entity/")
    g = ds.graph(SOURCE)
    g.add((SOURCE, RDF.type, IUC.Source))
    g.add((SOURCE, DCTERMS.title, Literal("Wikidata reconciliation (iucgraph link wikidata)")))
    g.add((SOURCE, SCHEMA.url, Literal(endpoint, datatype=XSD.anyURI)))
    g.add((SOURCE, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    for d in decisions:
        if d.status != MATCHED or d.best is None:
            continue
        target = d.best.candidate.iri
        g.add((d.entity.iri, OWL.sameAs, target))
        st = URIRef(STATEMENT_BASE + str(d.entity.iri)[len(ID_BASE) :])
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, d.entity.iri))
        g.add((st, RDF.predicate, OWL.sameAs))
        g.add((st, RDF.object, target))
        g.add((st, PROV.wasDerivedFrom, SOURCE))
        note = f"reconciliation score {d.best.score:.2f} ({', '.join(d.best.reasons)})"
        g.add((st, IUC.note, Literal(note, lang="en")))
    return ds


def links_trig(decisions: list[Decision], endpoint: str, issued: str) -> str:
    return trig_text(links_dataset(decisions, endpoint, issued))


CSV_COLUMNS = ("resource", "kind", "label", "country", "status", "wikidata", "score", "candidates")


def report_rows(decisions: list[Decision]) -> list[dict[str, str]]:
    return [
        {
            "resource": str(d.entity.iri),
            "kind": d.entity.kind,
            "label": d.entity.name,
            "country": " ".join(d.entity.countries),
            "status": d.status,
            "wikidata": str(d.best.candidate.iri) if d.best else "",
            "score": f"{d.best.score:.2f}" if d.best else "",
            "candidates": "; ".join(s.describe() for s in d.candidates),
        }
        for d in decisions
    ]


def report_csv(decisions: list[Decision]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(report_rows(decisions))
    return buf.getvalue()


def report_markdown(decisions: list[Decision], endpoint: str, threshold: float) -> str:
    counts = {s: sum(1 for d in decisions if d.status == s) for s in (MATCHED, AMBIGUOUS, NONE)}
    lines = [
        "# Wikidata reconciliation",
        "",
        f"Endpoint: {endpoint}; threshold {threshold:.2f}, margin {MARGIN:.2f}.",
        f"{counts[MATCHED]} matched, {counts[AMBIGUOUS]} ambiguous, {counts[NONE]} none.",
        "",
    ]
    for status, title in ((MATCHED, "Matched"), (AMBIGUOUS, "Ambiguous"), (NONE, "None")):
        rows = [r for r in report_rows(decisions) if r["status"] == status]
        lines += [f"## {title} ({len(rows)})", ""]
        if not rows:
            lines += ["(none)", ""]
            continue
        lines += [
            "| resource | kind | label | Wikidata | score | candidates |",
            "|---|---|---|---|---|---|",
        ]
        for r in rows:
            cells = [r[k] for k in ("resource", "kind", "label", "wikidata", "score", "candidates")]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def summary(decisions: list[Decision]) -> str:
    counts = {s: sum(1 for d in decisions if d.status == s) for s in (MATCHED, AMBIGUOUS, NONE)}
    return f"{counts[MATCHED]} matched, {counts[AMBIGUOUS]} ambiguous, {counts[NONE]} none"
