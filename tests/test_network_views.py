"""The network views built from the small fixture dataset in tests/data/network/."""

from __future__ import annotations

from pathlib import Path

import pytest

from iucgraph.config import NetworkSettings
from iucgraph.errors import BadFilter, NetworkTooLarge, NotFound
from iucgraph.load import load_dataset
from iucgraph.namespaces import ID_BASE
from iucgraph.network import Filters, ViewRequest, build_view
from iucgraph.store import EmbeddedStore

FIXTURE = Path(__file__).parent / "data" / "network" / "fixture.trig"


def city(path: str) -> str:
    return ID_BASE + "city/" + path


def pairing(slug: str) -> str:
    return ID_BASE + "pairing/" + slug


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore(load_dataset([FIXTURE]).dataset)


def pairing_keys(graph) -> set[str]:
    return {k for _, _, k, d in graph.edges(keys=True, data=True) if d["kind"] == "pairing"}


def test_pairings_view_has_one_edge_per_complete_pairing(store):
    graph = build_view(store, ViewRequest("pairings"))
    complete = {
        pairing(s)
        for s in (
            "haikou-nice",
            "liuzhou-barnsley",
            "liuzhou-barcelona",
            "yantai-rome",
            "chongqing-mannheim",
            "zhengzhou-malaga",
            "fort-collins-vila-nova-de-famalicao",
        )
    }
    assert pairing_keys(graph) == complete  # shantou-unknown has no EU city
    assert city("cn/shantou") not in graph
    assert graph.degree(city("cn/liuzhou")) == 2  # two partners, two edges


def test_pairing_edge_attributes_are_typed_and_never_none(store):
    graph = build_view(store, ViewRequest("pairings"))
    edge = graph.edges[city("cn/haikou"), city("fr/nice"), pairing("haikou-nice")]
    assert edge["year"] == 2018 and edge["region"] == "IUC Asia"
    assert "Digital transition" in edge["themes"].split("; ")
    assert edge["sdgs"].split("; ") == ["4", "7", "8", "9", "13"]  # via the themes
    assert len(edge["sources"].split("; ")) == 2  # two sources state the pairing
    haikou = graph.nodes[city("cn/haikou")]
    assert haikou["country"] == "China" and haikou["province"] == "Hainan"
    assert isinstance(haikou["lat"], float) and haikou["year"] == 2018
    assert haikou["population_claims"] == "2046189; 2270000"  # conflict kept, none picked
    assert "population" not in haikou
    for _, data in graph.nodes(data=True):
        assert None not in data.values()
    for _, _, data in graph.edges(data=True):
        assert None not in data.values()


def test_cluster_memberships_are_edges_of_kind_cluster(store):
    graph = build_view(store, ViewRequest("pairings"))
    cluster = ID_BASE + "cluster/zhengzhou"
    assert graph.nodes[cluster]["kind"] == "cluster"
    members = {v if u == cluster else u for u, v, d in graph.edges(cluster, data=True)}
    assert members == {city("cn/zhengzhou"), city("es/malaga"), city("it/rome"), city("fr/nice")}
    assert all(d["kind"] == "cluster" for _, _, d in graph.edges(cluster, data=True))


def test_themes_projection_weights_count_shared_themes(store):
    graph = build_view(store, ViewRequest("themes"))
    # Yantai–Rome share air quality, circular economy, digital transition (and the cluster's).
    edge = graph.edges[city("cn/yantai"), city("it/rome"), f"{city('cn/yantai')}|{city('it/rome')}"]
    assert edge["weight"] == 3.0 and edge["kind"] == "shared-themes"
    heavy = build_view(store, ViewRequest("themes", Filters(min_weight=3)))
    assert all(d["weight"] >= 3 for _, _, d in heavy.edges(data=True))
    assert heavy.number_of_edges() < graph.number_of_edges()


def test_bipartite_mode_links_cities_to_themes(store):
    graph = build_view(store, ViewRequest("themes", mode="bipartite"))
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == {"city", "theme"}
    theme = ID_BASE + "theme/urban-mobility"
    assert {city("cn/chongqing"), city("us/fort-collins")} <= set(graph.neighbors(theme))


def test_sdgs_view_uses_the_sdgs_of_themes_and_pairings(store):
    graph = build_view(store, ViewRequest("sdgs", mode="bipartite"))
    sdg11 = "http://metadata.un.org/sdg/11"
    assert city("cn/yantai") in set(graph.neighbors(sdg11))  # direct and via air quality
    assert graph.nodes[sdg11]["label"].startswith("SDG 11")


def test_actors_view_links_people_institutions_events_and_cities(store):
    graph = build_view(store, ViewRequest("actors"))
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds == {
        "works-for",
        "organised",
        "spoke-at",
        "took-part",
        "located-in",
        "sub-organisation-of",
    }
    launch = ID_BASE + "event/2017-03-15-iuc-asia-launch"
    places = {
        v if u == launch else u
        for u, v, d in graph.edges(launch, data=True)
        if d["kind"] == "located-in"
    }
    assert places == {city("cn/zhengzhou"), city("cn/beijing")}  # two sources, two claims


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(year=2017), {"chongqing-mannheim", "zhengzhou-malaga"}),
        (Filters(as_of_year=2017), {"chongqing-mannheim", "zhengzhou-malaga"}),
        (Filters(region="iuc-north-america"), {"fort-collins-vila-nova-de-famalicao"}),
        (Filters(region="IUC North America"), {"fort-collins-vila-nova-de-famalicao"}),
        (
            Filters(theme="urban-mobility"),
            {"chongqing-mannheim", "fort-collins-vila-nova-de-famalicao"},
        ),
        (Filters.parse({"theme": "Air quality"}), {"yantai-rome"}),
        (Filters.parse({"sdg": "SDG 7"}), {"haikou-nice"}),
        (Filters.parse({"country": "GB"}), {"liuzhou-barnsley"}),
        (Filters.parse({"country": "United Kingdom"}), {"liuzhou-barnsley"}),
    ],
)
def test_filters_select_pairings(store, filters, expected):
    graph = build_view(store, ViewRequest("pairings", filters))
    assert pairing_keys(graph) == {pairing(s) for s in expected}
    assert all(graph.degree(n) > 0 for n in graph)  # no isolated leftovers


def test_as_of_year_accumulates(store):
    g2017 = build_view(store, ViewRequest("pairings", Filters(as_of_year=2017)))
    g2018 = build_view(store, ViewRequest("pairings", Filters(as_of_year=2018)))
    assert pairing_keys(g2017) < pairing_keys(g2018)
    assert pairing("liuzhou-barcelona") not in pairing_keys(g2018)  # year unknown


def test_actors_refuse_filters_they_cannot_apply(store):
    with pytest.raises(BadFilter, match="theme"):
        build_view(store, ViewRequest("actors", Filters(theme="air-quality")))
    dated = build_view(store, ViewRequest("actors", Filters(year=2017)))
    assert ID_BASE + "event/2018-04-24-iuc-start-up-workshop" not in dated


@pytest.mark.parametrize(
    "values",
    [
        {"colour": "red"},
        {"year": "twenty"},
        {"sdg": "18"},
        {"country": "Atlantis"},
        {"min_weight": "heavy"},
    ],
)
def test_bad_filters_are_refused_with_their_name(values):
    with pytest.raises(BadFilter) as info:
        Filters.parse(values)
    assert info.value.parameter == next(iter(values))


def test_ego_network_of_a_city_and_of_a_pairing(store):
    ego = build_view(store, ViewRequest("ego", iri="id/city/cn/haikou", depth=1))
    assert {city("fr/nice"), ID_BASE + "event/2018-04-24-iuc-start-up-workshop"} <= set(ego)
    assert city("it/rome") not in ego
    deeper = build_view(store, ViewRequest("ego", iri=city("cn/haikou"), depth=2))
    assert set(ego) < set(deeper)
    by_pairing = build_view(store, ViewRequest("ego", iri="id/pairing/yantai-rome"))
    assert {city("cn/yantai"), city("it/rome")} <= set(by_pairing)
    with pytest.raises(NotFound):
        build_view(store, ViewRequest("ego", iri="id/city/xx/nowhere"))


def test_the_cap_is_an_explicit_error(store):
    with pytest.raises(NetworkTooLarge) as info:
        build_view(store, ViewRequest("pairings"), NetworkSettings(max_nodes=5))
    assert info.value.counts["max_nodes"] == 5 and info.value.counts["nodes"] > 5
    with pytest.raises(NetworkTooLarge):
        build_view(store, ViewRequest("pairings"), NetworkSettings(row_cap=3))


def test_unknown_view_is_not_found():
    with pytest.raises(NotFound):
        ViewRequest("friends")
