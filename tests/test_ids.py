import pytest

from iucgraph.ids import city_iri, pairing_iri, person_iri, slugify, source_iri


def test_slugs_are_lowercase_ascii():
    assert slugify("Málaga (Jingyue zone)") == "malaga-jingyue-zone"
    assert slugify("Växjö") == "vaxjo"


def test_slug_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        slugify("—")


def test_vocabulary_examples():
    assert str(city_iri("CN", "Haikou")) == "https://w3id.org/iucgraph/id/city/cn/haikou"
    assert str(pairing_iri("Haikou", "Nice")) == "https://w3id.org/iucgraph/id/pairing/haikou-nice"
    assert str(person_iri("PENG Shicheng")) == "https://w3id.org/iucgraph/id/person/peng-shicheng"


def test_source_iri_is_stable_and_distinct():
    a = source_iri("https://iuc.eu/index.php?id=225")
    assert a == source_iri(" https://iuc.eu/index.php?id=225 ")
    assert a != source_iri("https://iuc.eu/index.php?id=226")
    assert a.startswith("https://w3id.org/iucgraph/id/source/iuc-eu-")
