"""Minting of instance IRIs: lowercase ASCII slugs under https://w3id.org/iucgraph/id/.

The same input always gives the same IRI, so identifiers are stable across rebuilds.
"""

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from rdflib import URIRef

from iucgraph.namespaces import ID_BASE

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)


def slugify(text: str) -> str:
    """'Málaga (Jingyue zone)' -> 'malaga-jingyue-zone'; 'Bielsko-Biała' -> 'bielsko-biala'."""
    text = text.translate(_UNDECOMPOSABLE)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug from {text!r}")
    return slug


def mint(kind: str, *parts: str) -> URIRef:
    """An IRI such as id/<kind>/<part>/<part>, each part slugified."""
    return URIRef(ID_BASE + "/".join([kind, *(slugify(p) for p in parts)]))


def country_iri(iso2: str) -> URIRef:
    return mint("country", iso2)


def province_iri(iso3166_2: str) -> URIRef:
    """Provinces are named by their ISO 3166-2 code: id/province/cn-hi."""
    return mint("province", iso3166_2)


def city_iri(iso2: str, name: str) -> URIRef:
    return mint("city", iso2, name)


def region_iri(iso2: str, name: str) -> URIRef:
    return mint("region", iso2, name)


def pairing_iri(partner_name: str, eu_name: str) -> URIRef:
    """id/pairing/<partner>-<eu>, e.g. id/pairing/haikou-nice."""
    return URIRef(ID_BASE + "pairing/" + slugify(partner_name) + "-" + slugify(eu_name))


def regional_pairing_iri(partner_name: str, eu_name: str) -> URIRef:
    return URIRef(ID_BASE + "regional-pairing/" + slugify(partner_name) + "-" + slugify(eu_name))


def person_iri(name: str) -> URIRef:
    return mint("person", name)


def institution_iri(name: str) -> URIRef:
    return mint("institution", name)


def event_iri(date: str, name: str) -> URIRef:
    return URIRef(ID_BASE + "event/" + slugify(date) + "-" + slugify(name)[:60].strip("-"))


def source_iri(url: str) -> URIRef:
    """id/source/<host>-<hash>: readable enough to recognise, stable, and unique per URL."""
    url = url.strip()
    host = urlsplit(url).hostname or url
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return URIRef(ID_BASE + "source/" + slugify(host.removeprefix("www."))[:40] + "-" + digest)
