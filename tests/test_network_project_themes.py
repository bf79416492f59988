"""Pairing edges carry the themes of the pairing's cooperation projects (`project_themes`)
beside the pairing's own topics (`themes`); the theme filter looks at the pairing's own only."""

from __future__ import annotations

from pathlib import Path

import pytest

from iucgraph.cli.common import open_local_store
from iucgraph.load import load_dataset
from iucgraph.namespaces import ID_BASE
from iucgraph.network import Filters, ViewRequest, build_view
from iucgraph.store import EmbeddedStore

FIXTURE = Path(__file__).parent / "data" / "network" / "fixture.trig"
SEP = "; "
PREFIXES = """PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def pairing(slug: str) -> str:
    return ID_BASE + "pairing/" + slug


def pairing_edge(graph, slug: str) -> dict:
    found = [d for _, _, k, d in graph.edges(keys=True, data=True) if k == pairing(slug)]
    assert len(found) == 1, slug
    return found[0]


def theme_labels(store: EmbeddedStore, pattern: str, slug: str) -> str:
    """The English labels of the themes `pattern` finds for ?pairing, as the views join them."""
    query = (
        PREFIXES
        + "SELECT DISTINCT ?label WHERE { "
        + pattern
        + ' ?theme skos:prefLabel ?label . FILTER(lang(?label) = "en") }'
    )
    rows = store.select(query.replace("?pairing", f"<{pairing(slug)}>")).dicts()
    return SEP.join(sorted(str(r["label"]) for r in rows))


OWN = "?pairing iuc:theme ?theme ."
OF_PROJECTS = "?project a iuc:CooperationProject ; iuc:pairing ?pairing ; iuc:theme ?theme ."


@pytest.fixture(scope="module")
def fixture_store() -> EmbeddedStore:
    return EmbeddedStore(load_dataset([FIXTURE]).dataset)


@pytest.fixture(scope="module")
def shipped_store() -> EmbeddedStore:
    return open_local_store()


def test_fixture_pairing_keeps_own_themes_and_gains_project_themes(fixture_store):
    edge = pairing_edge(build_view(fixture_store, ViewRequest("pairings")), "chongqing-mannheim")
    assert edge["themes"] == theme_labels(fixture_store, OWN, "chongqing-mannheim")
    assert edge["project_themes"] == theme_labels(fixture_store, OF_PROJECTS, "chongqing-mannheim")
    assert edge["project_themes"] and edge["project_themes"] != edge["themes"]


@pytest.mark.parametrize("view", ["pairings", "themes", "sdgs", "actors"])
def test_project_themes_is_a_string_on_every_edge(fixture_store, view):
    graph = build_view(fixture_store, ViewRequest(view))
    assert graph.number_of_edges() > 0
    for _, _, data in graph.edges(data=True):
        assert isinstance(data["project_themes"], str)
        if data["kind"] != "pairing":
            assert data["project_themes"] == ""


def test_a_pairing_without_projects_has_empty_project_themes(fixture_store):
    edge = pairing_edge(build_view(fixture_store, ViewRequest("pairings")), "haikou-nice")
    assert edge["project_themes"] == "" and edge["themes"]


def test_the_theme_filter_ignores_project_themes(fixture_store):
    project_only = "energy-transition"  # a theme of a Chongqing–Mannheim project only
    edge = pairing_edge(build_view(fixture_store, ViewRequest("pairings")), "chongqing-mannheim")
    assert "Energy transition" in edge["project_themes"].split(SEP)
    assert "Energy transition" not in edge["themes"].split(SEP)
    filtered = build_view(
        fixture_store, ViewRequest("pairings", Filters.parse({"theme": project_only}))
    )
    keys = {k for _, _, k in filtered.edges(keys=True)}
    assert pairing("haikou-nice") in keys  # its own theme
    assert pairing("chongqing-mannheim") not in keys
    own = build_view(
        fixture_store, ViewRequest("pairings", Filters.parse({"theme": "urban-mobility"}))
    )
    assert pairing("chongqing-mannheim") in {k for _, _, k in own.edges(keys=True)}


def test_shipped_chongqing_mannheim_has_project_themes_and_haikou_nice_its_themes(shipped_store):
    graph = build_view(shipped_store, ViewRequest("pairings"))
    chongqing = pairing_edge(graph, "chongqing-mannheim")
    assert chongqing["project_themes"]
    assert chongqing["project_themes"] == theme_labels(
        shipped_store, OF_PROJECTS, "chongqing-mannheim"
    )
    haikou = pairing_edge(graph, "haikou-nice")
    assert haikou["themes"]
    assert haikou["themes"] == theme_labels(shipped_store, OWN, "haikou-nice")
