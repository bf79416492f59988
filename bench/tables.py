"""The fixed vocabulary of the generated graphs: countries, programmes, themes, SDG titles,
and the syllables and characters that names are made of."""

CONTINENTS = {"AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America"}
PARTNER_COUNTRIES = {  # iso2 -> (English name, Chinese name, continent, programme slug)
    "cn": ("China", "中国", "AS", "iuc-asia"),
    "in": ("India", "印度", "AS", "iuc-india"),
    "jp": ("Japan", "日本", "AS", "iuc-japan"),
    "id": ("Indonesia", "印度尼西亚", "AS", "iuc-asia"),
    "my": ("Malaysia", "马来西亚", "AS", "iuc-asia"),
    "vn": ("Viet Nam", "越南", "AS", "iuc-asia"),
    "us": ("United States", "美国", "NA", "iuc-north-america"),
    "ca": ("Canada", "加拿大", "NA", "iuc-north-america"),
    "br": ("Brazil", "巴西", "SA", "iuc-lac"),
    "mx": ("Mexico", "墨西哥", "NA", "iuc-lac"),
}
EU_COUNTRIES = {
    "fr": ("France", "法国"),
    "de": ("Germany", "德国"),
    "it": ("Italy", "意大利"),
    "es": ("Spain", "西班牙"),
    "nl": ("Netherlands", "荷兰"),
    "pl": ("Poland", "波兰"),
    "pt": ("Portugal", "葡萄牙"),
    "gr": ("Greece", "希腊"),
    "se": ("Sweden", "瑞典"),
    "cz": ("Czechia", "捷克"),
}
PROGRAMMES = ["iuc-asia", "iuc-india", "iuc-japan", "iuc-north-america", "iuc-lac"]
YEARS = [2017, 2018, 2019, 2020]
TOP_THEMES = [  # (label, SDG numbers)
    ("Urban mobility", (11,)),
    ("Circular economy", (12,)),
    ("Climate action", (13,)),
    ("Energy transition", (7, 13)),
    ("Innovation", (9,)),
    ("Water management", (6,)),
    ("Health", (3,)),
    ("Education", (4,)),
    ("Culture and tourism", (8, 11)),
    ("Nature-based solutions", (15, 11)),
    ("Social inclusion", (10, 1)),
    ("Governance", (16, 17)),
]
SDG_TITLES = [
    "No poverty", "Zero hunger", "Good health and well-being", "Quality education",
    "Gender equality", "Clean water and sanitation", "Affordable and clean energy",
    "Decent work and economic growth", "Industry, innovation and infrastructure",
    "Reduced inequalities", "Sustainable cities and communities",
    "Responsible consumption and production", "Climate action", "Life below water",
    "Life on land", "Peace, justice and strong institutions", "Partnerships for the goals",
]  # fmt: skip
CONSONANTS = "bdfghjklmnprstvwyz"
VOWELS = "aeiou"
SYLLABLES = [c + v for c in CONSONANTS for v in VOWELS]  # 90, all two letters: unambiguous
HANZI = "安宝北城川东丰福广海河湖华江金京空兰丽林龙美南宁平青泉山深水顺泰天通西新阳永云长州"
