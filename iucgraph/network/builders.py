"""NetworkX graphs from the records of iucgraph.network.sparql.

Every graph is an undirected MultiGraph whose node keys are IRIs and whose edge keys say what
the edge stands for (the pairing IRI for a pairing). Attributes are typed and never None, so
every exporter can write them: strings are "" when unknown, numbers are left out. Lists are
joined with SEP. Each edge carries `subject` and `object` (the direction of the sentence that
explains it) and the filter attributes of the pairing, cluster or event it comes from.
A pairing edge's `themes` are the pairing's own topics; `project_themes` are those of its
cooperation projects (iuc:CooperationProject), shown beside them but never used by a filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from iucgraph.network.sparql import ActorData, City, Cluster, Pairing, PairingData, Vocabulary

SEP = "; "
NODE_STRINGS: tuple[str, ...] = (
    "label",
    "kind",
    "iri",
    "country",
    "country_code",
    "province",
    "region",
    "themes",
    "sdgs",
    "sources",
)
EDGE_STRINGS: tuple[str, ...] = (
    "kind",
    "label",
    "iri",
    "region",
    "region_ids",
    "themes",
    "theme_ids",
    "project_themes",
    "sdgs",
    "countries",
    "sources",
    "subject",
    "object",
)

# Edges that hold whatever the year: a year filter keeps them.
STRUCTURAL_KINDS = frozenset({"cluster", "works-for", "sub-organisation-of"})


def join(values: Iterable[str]) -> str:
    return SEP.join(sorted(set(v for v in values if v)))


def join_sdgs(notations: Iterable[str]) -> str:
    """SDG notations in numeric order: "3; 11"."""
    unique = set(n for n in notations if n)
    return SEP.join(sorted(unique, key=lambda n: (len(n), n)))


def complete(graph: nx.MultiGraph) -> nx.MultiGraph:
    """Give every node and edge all string attributes ("" when unknown)."""
    for _, data in graph.nodes(data=True):
        for key in NODE_STRINGS:
            data.setdefault(key, "")
    for _, _, data in graph.edges(data=True):
        for key in EDGE_STRINGS:
            data.setdefault(key, "")
        data.setdefault("weight", 1.0)
    return graph


def city_attributes(city: City) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": city.label,
        "kind": "city",
        "iri": city.iri,
        "country": city.country,
        "country_code": city.country_code,
        "province": city.province,
        "sources": join(city.sources),
    }
    if len(city.populations) == 1:
        attrs["population"] = next(iter(city.populations))
    elif city.populations:  # sources disagree: keep every claim, pick none
        attrs["population_claims"] = SEP.join(str(p) for p in sorted(city.populations))
    if city.lat is not None and city.long is not None:
        attrs["lat"], attrs["long"] = city.lat, city.long
    return attrs


def _city(cities: dict[str, City], iri: str) -> City:
    return cities.get(iri) or City(iri, label=iri.rsplit("/", 1)[-1])


def _sdgs_of(themes: Iterable[str], direct: Iterable[str], vocab: Vocabulary) -> set[str]:
    sdgs = set(direct)
    for theme in themes:
        sdgs |= vocab.theme_sdgs.get(theme, set())
    return sdgs


def _notation(sdg: str, vocab: Vocabulary) -> str:
    return vocab.sdg_notations.get(sdg) or sdg.rsplit("/", 1)[-1]


def _partnership_attrs(
    themes: set[str],
    sdgs: set[str],
    programmes: dict[str, str],
    years: set[int],
    countries: Iterable[str],
    sources: set[str],
    vocab: Vocabulary,
) -> dict[str, Any]:
    """The filter attributes an edge inherits from its pairing or cluster."""
    attrs: dict[str, Any] = {
        "region": join(programmes.values()),
        "region_ids": join(programmes),
        "themes": join(vocab.theme_labels.get(t, t) for t in themes),
        "theme_ids": join(themes),
        "sdgs": join_sdgs(_notation(s, vocab) for s in sdgs),
        "countries": join(countries),
        "sources": join(sources),
    }
    if years:
        attrs["year"] = min(years)
    return attrs


def _roll_up(graph: nx.MultiGraph) -> None:
    """A city's region, first year, themes and SDGs: those of the edges it is on."""
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "city":
            continue
        regions: set[str] = set()
        themes: set[str] = set()
        sdgs: set[str] = set()
        years: set[int] = set()
        for _, _, e in graph.edges(node, data=True):
            regions.update(filter(None, e.get("region", "").split(SEP)))
            themes.update(filter(None, e.get("themes", "").split(SEP)))
            sdgs.update(filter(None, e.get("sdgs", "").split(SEP)))
            if "year" in e:
                years.add(e["year"])
        data.update(region=join(regions), themes=join(themes), sdgs=join_sdgs(sdgs))
        if years:
            data["year"] = min(years)


def _pairing_edge(p: Pairing, data: PairingData) -> dict[str, Any]:
    eu, partner = _city(data.cities, p.eu), _city(data.cities, p.partner)
    attrs = _partnership_attrs(
        p.themes,
        _sdgs_of(p.themes, p.sdgs, data.vocabulary),
        p.programmes,
        p.years,
        (eu.country_code, partner.country_code),
        p.sources,
        data.vocabulary,
    )
    attrs.update(kind="pairing", iri=p.iri, weight=1.0, subject=p.partner, object=p.eu)
    labels = data.vocabulary.theme_labels
    attrs["project_themes"] = join(labels.get(t, t) for t in p.project_themes)
    attrs["label"] = f"{partner.label} – {eu.label}"
    return attrs


def _cluster_edges(c: Cluster, data: PairingData) -> Iterable[tuple[str, dict[str, Any]]]:
    sdgs = _sdgs_of(c.themes, (), data.vocabulary)
    for member in sorted(c.members):
        city = _city(data.cities, member)
        attrs = _partnership_attrs(
            c.themes, sdgs, c.programmes, set(), (city.country_code,), c.sources, data.vocabulary
        )
        attrs.update(kind="cluster", iri=c.iri, weight=1.0, subject=member, object=c.iri)
        attrs["label"] = f"{city.label} member of {c.label}"
        yield member, attrs


def pairings_graph(data: PairingData) -> nx.MultiGraph:
    """Cities as nodes, one edge per pairing (key: its IRI), cluster memberships as edges."""
    graph = nx.MultiGraph(view="pairings")
    for iri in sorted(data.pairings):
        p = data.pairings[iri]
        for city in (p.partner, p.eu):
            if city not in graph:
                graph.add_node(city, **city_attributes(_city(data.cities, city)))
        graph.add_edge(p.partner, p.eu, key=iri, **_pairing_edge(p, data))
    for iri in sorted(data.clusters):
        c = data.clusters[iri]
        graph.add_node(iri, label=c.label, kind="cluster", iri=iri, sources=join(c.sources))
        for member, attrs in _cluster_edges(c, data):
            if member not in graph:
                graph.add_node(member, **city_attributes(_city(data.cities, member)))
            graph.add_edge(member, iri, key=f"{iri}|{member}", **attrs)
    _roll_up(graph)
    for iri, node in graph.nodes(data=True):
        if node.get("kind") == "cluster":
            themes = data.clusters[iri].themes
            node["themes"] = join(data.vocabulary.theme_labels.get(t, t) for t in themes)
    return complete(graph)


def bipartite_graph(data: PairingData, target: str) -> nx.MultiGraph:
    """City–theme (target "theme") or city–SDG (target "sdg") links, one per pairing or cluster.

    Each link keeps the attributes of the pairing it comes from, so that filters select the
    pairings a view is built from, in every view alike.
    """
    vocab = data.vocabulary
    pairing_view = pairings_graph(data)
    graph = nx.MultiGraph(view=f"{target}s-bipartite")
    for _u, _v, key, e in sorted(pairing_view.edges(keys=True, data=True), key=lambda x: x[2]):
        if e["kind"] == "pairing":
            p = data.pairings[key]
            cities: tuple[str, ...] = (p.partner, p.eu)
            themes = p.themes
            sdgs = _sdgs_of(p.themes, p.sdgs, vocab)
        else:
            cities, themes = (e["subject"],), data.clusters[e["iri"]].themes
            sdgs = _sdgs_of(themes, (), vocab)
        targets = sorted(themes) if target == "theme" else sorted(sdgs)
        for city in cities:
            graph.add_node(city, **pairing_view.nodes[city])
            for t in targets:
                if t not in graph:
                    graph.add_node(t, **_concept_attributes(t, target, vocab))
                attrs = dict(e, kind=target, subject=city, object=t)
                attrs["label"] = f"{graph.nodes[city]['label']} – {graph.nodes[t]['label']}"
                graph.add_edge(city, t, key=f"{key}|{city}|{t}", **attrs)
    return complete(graph)


def _concept_attributes(iri: str, target: str, vocab: Vocabulary) -> dict[str, Any]:
    if target == "theme":
        label = vocab.theme_labels.get(iri, iri.rsplit("/", 1)[-1])
        sdgs = join_sdgs(_notation(s, vocab) for s in vocab.theme_sdgs.get(iri, ()))
        return {"label": label, "kind": "theme", "iri": iri, "themes": label, "sdgs": sdgs}
    notation = _notation(iri, vocab)
    label = f"SDG {notation}: {vocab.sdg_labels[iri]}" if iri in vocab.sdg_labels else iri
    return {"label": label, "kind": "sdg", "iri": iri, "sdgs": notation}


def project(bipartite: nx.MultiGraph, target: str, max_edges: int) -> nx.MultiGraph:
    """Cities linked by the number of themes (or SDGs) they share, as the edge weight."""
    from iucgraph.errors import NetworkTooLarge

    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    cities = sorted(n for n, d in bipartite.nodes(data=True) if d["kind"] == "city")
    for concept, d in bipartite.nodes(data=True):
        if d["kind"] != target:
            continue
        members = sorted(set(bipartite.neighbors(concept)))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared[(a, b)].add(concept)
            if len(shared) > max_edges:
                raise NetworkTooLarge(f"more than {max_edges} edges", max_edges=max_edges)
    graph = nx.MultiGraph(view=f"{target}s")
    graph.add_nodes_from((c, bipartite.nodes[c]) for c in cities)
    for (a, b), concepts in sorted(shared.items()):
        labels = [bipartite.nodes[c]["label"] for c in concepts]
        attrs: dict[str, Any] = {"kind": f"shared-{target}s", "weight": float(len(concepts))}
        if target == "theme":
            attrs.update(themes=join(labels), theme_ids=join(concepts))
        else:
            attrs.update(sdgs=join_sdgs(bipartite.nodes[c]["sdgs"] for c in concepts))
        codes = (bipartite.nodes[a]["country_code"], bipartite.nodes[b]["country_code"])
        attrs.update(subject=a, object=b, countries=join(codes))
        attrs["label"] = f"{bipartite.nodes[a]['label']} – {bipartite.nodes[b]['label']}"
        graph.add_edge(a, b, key=f"{a}|{b}", **attrs)
    return complete(graph)


# predicate -> (edge kind, subject is the triple's subject?)
ACTOR_LINKS: dict[str, tuple[str, bool]] = {
    "https://schema.org/worksFor": ("works-for", True),
    "https://schema.org/organizer": ("organised", False),
    "https://w3id.org/iucgraph/ontology#participant": ("took-part", False),
    "https://w3id.org/iucgraph/ontology#speaker": ("spoke-at", False),
    "https://schema.org/location": ("located-in", True),
    "http://www.w3.org/ns/org#subOrganizationOf": ("sub-organisation-of", True),
}


def actors_graph(data: ActorData) -> nx.MultiGraph:
    """Institutions, people, events and cities, linked as the sources link them."""
    graph = nx.MultiGraph(view="actors")
    edges: dict[str, dict[str, Any]] = {}
    for s, p, o, g in sorted(data.links):
        kind, forward = ACTOR_LINKS[p]
        key = f"{s} {p} {o}"
        if key in edges:
            edges[key]["_sources"].add(g)
            continue
        subject, obj = (s, o) if forward else (o, s)
        edges[key] = {"kind": kind, "subject": subject, "object": obj, "_sources": {g}}
    for key in sorted(edges):
        e = edges.pop(key)
        for node in (e["subject"], e["object"]):
            if node not in graph:
                graph.add_node(node, **_actor_attributes(node, data))
        sources = e.pop("_sources")
        e["sources"], e["weight"] = join(sources), 1.0
        ends = [graph.nodes[e["subject"]], graph.nodes[e["object"]]]
        e["label"] = f"{ends[0]['label']} {e['kind']} {ends[1]['label']}"
        years = [n["year"] for n in ends if n["kind"] == "event" and "year" in n]
        if years:
            e["year"] = min(years)
        e["countries"] = join(n.get("country_code", "") for n in ends)
        graph.add_edge(e["subject"], e["object"], key=key, **e)
    return complete(graph)


def _actor_attributes(iri: str, data: ActorData) -> dict[str, Any]:
    if iri in data.cities:
        return city_attributes(data.cities[iri])
    actor = data.actors.get(iri)
    if actor is None:
        return {"label": iri.rsplit("/", 1)[-1], "kind": "resource", "iri": iri}
    attrs: dict[str, Any] = {"label": actor.label, "kind": actor.kind, "iri": iri}
    if actor.year is not None:
        attrs["year"] = actor.year
        attrs["date"] = actor.date
    return attrs
