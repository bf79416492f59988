"""Shared fixtures: the small graphs beside the tests, and the few ontology axioms they need."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from iucgraph.config import PROJECT_ROOT
from iucgraph.validate import load_shapes

SHAPES_FILE = PROJECT_ROOT / "ontology" / "shapes.ttl"

# The class hierarchy the shapes rely on (a subset of ontology/iuc.ttl), so that these tests do
# not depend on the rest of the ontology.
MINI_ONTOLOGY = """
@prefix iuc: <https://w3id.org/iucgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/iucgraph/ontology> a owl:Ontology .
iuc:Pairing rdfs:subClassOf iuc:Partnership .
iuc:RegionalPairing rdfs:subClassOf iuc:Partnership .
iuc:Institution rdfs:subClassOf <http://www.w3.org/ns/org#Organization> .
iuc:Event rdfs:subClassOf <https://schema.org/Event> .
iuc:Theme rdfs:subClassOf skos:Concept .
iuc:ThemeScheme a skos:ConceptScheme .
"""


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_shapes(SHAPES_FILE)


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return Graph().parse(data=MINI_ONTOLOGY, format="turtle")


@pytest.fixture()
def ontology_file(tmp_path: Path) -> Path:
    path = tmp_path / "iuc.ttl"
    path.write_text(MINI_ONTOLOGY, encoding="utf-8")
    return path
