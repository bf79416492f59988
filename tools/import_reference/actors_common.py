"""What the actor parts (institutions, people, events, projects) share: names, dates, places.

The city table maps the spellings used in events.csv and projects.csv to the canonical English
name that the geography part mints IRIs from (iucgraph.ids.city_iri), so both parts agree on the
IRI without importing each other. Cities that are not in cities.csv (Beijing, Brussels, ...) are
declared here, in the CURATION graph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from iucgraph.ids import city_iri, country_iri, province_iri
from iucgraph.namespaces import IUC
from tools.import_reference.geography import continent_iri
from tools.import_reference.places import continent_code

# variant | ISO 3166-1 alpha-2 | canonical English name (the geography part's choice)
_CITY_TABLE = """
haikou|CN|Haikou
kunming|CN|Kunming
liuzhou|CN|Liuzhou
yantai|CN|Yantai
weinan|CN|Weinan
zhengzhou|CN|Zhengzhou
chongqing|CN|Chongqing
longyan|CN|Longyan
changchun|CN|Changchun
changchun/jingyue|CN|Changchun
changchun/jingyue economic zone|CN|Changchun
shantou|CN|Shantou
guangzhou|CN|Guangzhou
chengdu|CN|Chengdu
nanjing|CN|Nanjing
beijing|CN|Beijing
malaga|ES|Málaga
granada|ES|Granada
barcelona|ES|Barcelona
murcia|ES|Murcia
agioi anargyroi-kamatero|GR|Agioi Anargyroi-Kamatero
aak|GR|Agioi Anargyroi-Kamatero
akk|GR|Agioi Anargyroi-Kamatero
larissa|GR|Larissa
mannheim|DE|Mannheim
frankfurt|DE|Frankfurt
prague|CZ|Prague
burgas|BG|Burgas
nice|FR|Nice
paris|FR|Paris
barnsley|GB|Barnsley
manchester|GB|Manchester
rome|IT|Rome
bologna|IT|Bologna
turin|IT|Turin
brussels|BE|Brussels
rotterdam|NL|Rotterdam
dubrovnik|HR|Dubrovnik
aarhus|DK|Aarhus
almada|PT|Almada
viana do castelo|PT|Viana do Castelo
porto|PT|Porto
graz|AT|Graz
albacete|ES|Albacete
yokohama|JP|Yokohama
tokyo|JP|Tokyo
kuala lumpur|MY|Kuala Lumpur
seberang perai|MY|Seberang Perai
johor bahru|MY|Johor Bahru
muar|MY|Muar
penampang|MY|Penampang
lucknow|IN|Lucknow
nagpur|IN|Nagpur
leh|IN|Leh
surat|IN|Surat
bangkok|TH|Bangkok
tangerang|ID|Tangerang
makassar|ID|Makassar
denpasar|ID|Denpasar
malang|ID|Malang
palembang|ID|Palembang
depok|ID|Depok
bogor|ID|Bogor
da nang|VN|Da Nang
abu dhabi|AE|Abu Dhabi
belo horizonte|BR|Belo Horizonte
araripina|BR|Araripina
benedito novo|BR|Benedito Novo
sao leopoldo|BR|São Leopoldo
vitoria|BR|Vitória
buenos aires|AR|Buenos Aires
rosario|AR|Rosario
rio grande|AR|Río Grande
san justo|AR|San Justo
pereira|CO|Pereira
dosquebradas|CO|Dosquebradas
la virginia|CO|La Virginia
cartagena|CO|Cartagena
cartagena de indias|CO|Cartagena
cali|CO|Cali
barranquilla|CO|Barranquilla
ibague|CO|Ibagué
miraflores|PE|Miraflores
edmonton|CA|Edmonton
san diego|US|San Diego
"""

# Places the sources name that are not pilot cities (absent from cities.csv): declared by us.
# canonical name -> (ISO 3166-2 of the province for Chinese cities, Chinese name) or None.
EXTRA_CITIES: dict[str, tuple[str, str] | None] = {
    "Beijing": ("CN-BJ", "北京市"),
    "Brussels": None,
    "Paris": None,
    "Tokyo": None,
    "Kuala Lumpur": None,
    "Seberang Perai": None,
    "Johor Bahru": None,
    "Bangkok": None,
    "Bogor": None,
    "Abu Dhabi": None,
}

# Countries we refer to that no pilot city lies in (the geography part declares the others);
# their continents are declared there too.
EXTRA_COUNTRIES = {"TH": "Thailand", "AE": "United Arab Emirates", "KR": "Republic of Korea"}

_COUNTRY_NAMES = {
    "china": "CN",
    "india": "IN",
    "japan": "JP",
    "brazil": "BR",
    "mexico": "MX",
    "republic of korea": "KR",
    "spain": "ES",
    "germany": "DE",
    "netherlands": "NL",
    "peru": "PE",
    "chile": "CL",
    "colombia": "CO",
    "italy": "IT",
    "united states": "US",
    "thailand": "TH",
    "united arab emirates": "AE",
}


def norm(text: str) -> str:
    """Accents off, lower case, single spaces: the key for comparing names across sources."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", ascii_text.lower()).strip()


def strip_parens(text: str) -> str:
    """'NDRC (Regional Economy Dept)' -> 'NDRC'; also drops '[sic]'."""
    text = re.sub(r"\s*\[sic\]", "", text)
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _city_table() -> dict[str, tuple[str, str]]:
    table = {}
    for line in _CITY_TABLE.strip().splitlines():
        variant, iso2, name = line.split("|")
        table[variant] = (iso2, name)
    return table


CITIES = _city_table()


def city(name: str) -> URIRef | None:
    """The IRI of a city named exactly (parentheses and country suffix ignored), or None."""
    key = norm(strip_parens(name)).split(",")[0].strip()
    found = CITIES.get(key)
    return city_iri(found[0], found[1]) if found else None


def find_cities(text: str) -> list[URIRef]:
    """Every city of the table named as a whole word somewhere in `text`, in table order."""
    key = norm(text)
    found: list[URIRef] = []
    for variant, (iso2, name) in CITIES.items():
        if len(variant) >= 3 and re.search(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", key):
            iri = city_iri(iso2, name)
            if iri not in found:
                found.append(iri)
    return found


def country(name: str) -> URIRef | None:
    iso2 = _COUNTRY_NAMES.get(norm(name))
    return country_iri(iso2) if iso2 else None


def declare_extra_places(g: Graph) -> list[URIRef]:
    """The non-pilot cities and their countries, as our curation states them."""
    declared = []
    for name, china in EXTRA_CITIES.items():
        iso2 = next(code for code, canon in CITIES.values() if canon == name)
        iri = city_iri(iso2, name)
        g.add((iri, RDF.type, IUC.City))
        g.add((iri, RDFS.label, Literal(name, lang="en")))
        g.add((iri, IUC.inCountry, country_iri(iso2)))
        if china:
            g.add((iri, IUC.inProvince, province_iri(china[0])))
            g.add((iri, RDFS.label, Literal(china[1], lang="zh")))
        declared.append(iri)
    for iso2, label in EXTRA_COUNTRIES.items():
        iri = country_iri(iso2)
        g.add((iri, RDF.type, IUC.Country))
        g.add((iri, RDFS.label, Literal(label, lang="en")))
        g.add((iri, IUC.isoCode, Literal(iso2)))
        g.add((iri, IUC.continent, continent_iri(continent_code(iso2))))
    return declared


@dataclass(frozen=True)
class Dates:
    """A start (and maybe end) as typed literals; `inferred` when a year was not stated."""

    start: Literal
    end: Literal | None
    inferred: bool
    start_text: str


FIRST_YEAR, LAST_YEAR = 2016, 2030

_ISO = r"\d{4}-\d{2}(?:-\d{2})?"
_DAY = r"\d{2}-\d{2}"


def date_literal(text: str) -> Literal:
    """YYYY-MM-DD -> xsd:date, YYYY-MM -> xsd:gYearMonth, YYYY -> xsd:gYear (no made-up day)."""
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        raise ValueError(f"not an ISO date: {text!r}")
    year = int(text[:4])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"implausible year for the programme: {text!r}")
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(text)]
    return Literal(text, datatype=kind)


def parse_dates(text: str) -> Dates | None:
    """The `dates` column of events.csv; None when the source gives no year at all."""
    inferred = "inferred" in text.lower()
    m = re.match(rf"({_ISO})(?:/({_ISO}))?", text)
    if m:
        start, end = m.group(1), m.group(2)
    else:
        m = re.match(rf"({_DAY})(?:/({_DAY}))?", text)
        year = re.search(r"(\d{4}) INFERRED", text)
        if not m or not year:
            return None
        start = f"{year.group(1)}-{m.group(1)}"
        end = f"{year.group(1)}-{m.group(2)}" if m.group(2) else None
        inferred = True
    return Dates(
        date_literal(start), date_literal(end) if end else None, inferred, start_text=start
    )
