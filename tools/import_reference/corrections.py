"""Rows of pairings.csv, cities.csv and themes.csv with corrections.csv applied.

A corrected field keeps track of who said the new value: `row["_src:<field>"]` is the
correction's source URL (or "" for our own curation), `row["_orig:<field>"]` the value before.
Appended notes go to `row["_notes+"]` as "text\tsource url" lines. A correction that no longer
matches its row raises, so a changed reference file cannot be silently misread.
"""

from __future__ import annotations

from iucgraph.errors import InputError
from tools.import_reference.common import Reference
from tools.import_reference.places import strip_parenthesis

Row = dict[str, str]
FILES = ("pairings.csv", "cities.csv", "themes.csv")
APPEND = "(append)"

# Corrections handled by a table instead of a row edit: the Guangxi one only renames the
# province (places.PROVINCE_LABELS["CN-GX"]) and keeps the source's wording as an altLabel.
HANDLED_BY_TABLES = ("Liuzhou / Guangxi rows",)


def _old(value: str) -> str:
    return "" if value == "(empty)" else value


def _matches(file: str, descriptor: str, row: Row) -> bool:
    if file == "pairings.csv":
        eu, _, partner = descriptor.partition(" – ")
        return strip_parenthesis(row["eu_city"]) == strip_parenthesis(eu) and strip_parenthesis(
            row["partner_city"]
        ) == strip_parenthesis(partner)
    if file == "themes.csv":
        label = descriptor[: descriptor.rfind(" (")]
        return row["theme_label"] == label and "pairing-page" in row["label_type"]
    if file == "cities.csv":
        name, _, rest = descriptor.partition(" (")
        country, _, year = rest.rstrip(")").partition(", ")
        return (
            row["city"] == name
            and row["country"] == country
            and row["iuc_year"] == year.split()[-1]
        )
    return False


def _apply(file: str, fix: Row, rows: list[Row]) -> None:
    targets = [row for row in rows if _matches(file, fix["row"], row)]
    if not targets:
        raise InputError(f"correction matches no row: {fix['row']!r}", path="corrections.csv")
    source = fix["source_url"] if fix["source_url"].startswith("http") else ""
    fields = [f.strip() for f in fix["field"].split(" / ")]
    olds = [_old(v.strip()) for v in fix["old_value"].split(" / ")]
    news = [v.strip() for v in fix["new_value"].split(" / ")]
    for row in targets:
        if fix["old_value"] == APPEND:
            row["_notes+"] = (row.get("_notes+", "") + f"{fix['new_value']}\t{source}\n").lstrip()
            continue
        for field, old, new in zip(fields, olds, news, strict=True):
            if row[field] != old:
                raise InputError(
                    f"correction expects {field}={old!r} in {fix['row']!r}, found {row[field]!r}",
                    path="corrections.csv",
                )
            row["_orig:" + field] = row[field]
            row["_src:" + field] = source
            row[field] = new


def corrected_rows(ref: Reference, file: str) -> list[Row]:
    """The rows of `file` (one of FILES) with every correction for it applied."""
    rows = ref.rows(file)
    for fix in ref.rows("corrections.csv"):
        if fix["file"] != file or fix["row"].startswith(HANDLED_BY_TABLES):
            continue
        _apply(file, fix, rows)
    return rows


def appended_notes(row: Row) -> list[tuple[str, str]]:
    """(note, source url) pairs added to a row by corrections."""
    lines = [line for line in row.get("_notes+", "").splitlines() if line]
    return [(text, url) for text, _, url in (line.partition("\t") for line in lines)]


def field_source(row: Row, field: str, default: str) -> str:
    """The URL that states `field` of `row`: a correction's source, else the row's own."""
    return row.get("_src:" + field, default)
