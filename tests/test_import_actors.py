"""The actor parts of the reference import: institutions, people, events and projects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from tools.import_reference import events, institutions, people, projects
from tools.import_reference.common import Reference, SourceRegistry, write_trig

# rdflib 7.6 warns about its own Dataset API while serialising TriG (common.write_trig).
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*deprecated:DeprecationWarning")

REPO = Path(__file__).resolve().parent.parent
PARTS = (institutions, people, events, projects)
PREFIXES = """
PREFIX iuc: <https://w3id.org/iucgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX id: <https://w3id.org/iucgraph/id/>
"""
FOUNDING = "https://w3id.org/iucgraph/id/source/founding-document"
DIALOGUE = "id:event\\/2018-07-16-eu-china-high-level-dialogue-on-regional-and-urban-policy"


def _reference_dir() -> Path | None:
    for candidate in (
        os.environ.get("IUCGRAPH_REFERENCE_DIR"),
        REPO.parent / "shared" / "reference",
        "/work/shared/reference",
    ):
        if candidate and (Path(candidate) / "events.csv").is_file():
            return Path(candidate)
    return None


def _build(out: Path) -> None:
    directory = _reference_dir()
    if directory is None:
        pytest.skip("reference folder not available")
    ref, sources = Reference(directory), SourceRegistry()
    for part in PARTS:
        for name, ds in part.build(ref, sources).items():
            write_trig(ds, out / name)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("actors")
    _build(out)
    return out


@pytest.fixture(scope="module")
def store(out_dir: Path) -> ox.Store:
    st = ox.Store()
    for path in sorted(out_dir.glob("*.trig")):
        st.load(path=str(path), format=ox.RdfFormat.TRIG)
    return st


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    rows = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    return [tuple(term.value if term is not None else "" for term in row) for row in rows]


def test_founding_document_people_work_for_its_institutions(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?name ?title ?body WHERE {{ GRAPH <{FOUNDING}> {{
            ?p a foaf:Person ; foaf:name ?name ; schema:jobTitle ?title ; schema:worksFor ?b .
            ?b a iuc:Institution ; rdfs:label ?body }} }}""",
    )
    got = {(name, title) for name, title, _ in rows}
    assert ("Natividad Lorenzo", "Programme Manager") in got
    assert ("PENG Shicheng", "Division Director") in got
    bodies = {name: body for name, _, body in rows}
    assert bodies["PENG Shicheng"] == "NDRC Regional Economy Department"
    assert bodies["Natividad Lorenzo"].startswith("Delegation of the European Union to China")
    assert bodies["Steven Shi"].endswith("Regional Action Asia")


def test_regional_economy_department_belongs_to_ndrc(store: ox.Store) -> None:
    assert ask(
        store,
        f"""ASK {{ GRAPH <{FOUNDING}> {{
            id:institution\\/ndrc-regional-economy-department org:subOrganizationOf ?n .
            ?n rdfs:label "National Development and Reform Commission"@en }} }}""",
    )


def test_steven_shi_and_shi_xin_stay_apart_with_a_note(store: ox.Store) -> None:
    assert ask(store, "ASK { id:person\\/steven-shi a foaf:Person ; iuc:note ?n }")
    assert ask(store, "ASK { id:person\\/shi-xin a foaf:Person }")
    assert not ask(store, "ASK { id:person\\/steven-shi foaf:name 'Shi Xin' }")


def test_start_up_workshop_has_organisers_speakers_and_place(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?what ?x WHERE {{ GRAPH <{FOUNDING}> {{
            ?w schema:startDate "2018-04-24"^^<http://www.w3.org/2001/XMLSchema#date> .
            {{ ?w schema:organizer ?x BIND("org" AS ?what) }}
            UNION {{ ?w iuc:speaker ?x BIND("speaker" AS ?what) }}
            UNION {{ ?w schema:location ?x BIND("place" AS ?what) }}
            UNION {{ ?w iuc:participant ?x BIND("city" AS ?what) }} }} }}""",
    )
    by_kind: dict[str, set[str]] = {}
    for what, iri in rows:
        by_kind.setdefault(what, set()).add(iri.rsplit("/", 1)[1])
    assert by_kind["org"] == {"iuc-asia", "ndrc"}
    assert by_kind["speaker"] == {
        "natividad-lorenzo",
        "peng-shicheng",
        "pablo-gandara",
        "steven-shi",
    }
    assert by_kind["place"] == {"beijing"}
    assert len(by_kind["city"]) == 10


def test_2018_dialogue_has_each_venue_in_its_own_source(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?g ?city WHERE { GRAPH ?g {
            ?d schema:location ?city . ?d a iuc:Event } FILTER(?d = DIALOGUE) }""".replace(
            "DIALOGUE", DIALOGUE
        ),
    )
    venues = {(g.rsplit("/", 1)[1], city.rsplit("/", 1)[1]) for g, city in rows}
    assert ("founding-document", "zhengzhou") in venues
    assert any(city == "beijing" and g.startswith("fpi-ec-europa-eu") for g, city in venues)
    assert not any(g == "founding-document" and city == "beijing" for g, city in venues)
    # the Zhengzhou seminar is a separate event
    assert ask(
        store,
        """ASK { ?s a iuc:Event ; schema:location id:city\\/cn\\/zhengzhou ;
            schema:startDate "2018-07-18"^^<http://www.w3.org/2001/XMLSchema#date> }""",
    )


def test_conflicting_dates_are_both_kept(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?g ?d WHERE { GRAPH ?g {
            id:event\\/2018-03-08-second-round-call-deadline schema:startDate ?d } }""",
    )
    assert {d for _, d in rows} == {"2018-03-08", "2018-03-09"}
    assert len({g for g, _ in rows}) == 2


def test_every_employer_is_a_declared_institution(store: ox.Store) -> None:
    assert ask(store, "ASK { ?p schema:worksFor ?b }")
    assert not ask(
        store, "ASK { ?p schema:worksFor ?b FILTER NOT EXISTS { ?b a iuc:Institution } }"
    )


def test_every_speaker_is_a_named_person(store: ox.Store) -> None:
    assert not ask(store, "ASK { ?e iuc:speaker ?p FILTER NOT EXISTS { ?p foaf:name ?n } }")


def test_no_date_before_the_programme(store: ox.Store) -> None:
    dates = select(store, "SELECT ?d WHERE { ?e schema:startDate|schema:endDate ?d }")
    assert dates
    assert all(2016 <= int(d[:4]) <= 2030 for (d,) in dates)


def test_nothing_is_in_the_default_graph(out_dir: Path) -> None:
    st = ox.Store()
    for path in sorted(out_dir.glob("*.trig")):
        st.load(path=str(path), format=ox.RdfFormat.TRIG)
    assert not list(st.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_projects_point_at_pairings_by_canonical_names(store: ox.Store) -> None:
    assert ask(store, "ASK { ?p a iuc:CooperationProject ; iuc:pairing id:pairing\\/haikou-nice }")
    assert ask(store, "ASK { ?p iuc:pairing id:pairing\\/liuzhou-barnsley }")
    assert not ask(store, "ASK { ?p iuc:pairing ?x FILTER(CONTAINS(STR(?x), 'metropole')) }")


def _run_import(out: Path, seed: str) -> None:
    """The command line in a fresh interpreter, so that hash order differs between runs."""
    directory = _reference_dir()
    assert directory is not None
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "tools.import_reference"]
    command += ["--reference", str(directory), "--out", str(out)]
    subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True)


def test_rerunning_the_import_gives_identical_files(out_dir: Path, tmp_path: Path) -> None:
    _run_import(tmp_path / "a", "1")
    _run_import(tmp_path / "b", "2")
    for name in ("institutions.trig", "people.trig", "events.trig", "projects.trig"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name
        assert first == (out_dir / name).read_bytes(), name
