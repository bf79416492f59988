"""`iucgraph link wikidata` as a library call: read data/, ask the endpoint, write links and
reports only when everything was answered (an unreachable endpoint leaves data/ unchanged).

Idempotent: the links file carries dcterms:issued; when a rerun finds the same links, the
previous date is kept, so the file stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from iucgraph.linking.cities import load_data_dir
from iucgraph.linking.reconcile import (
    Decision,
    links_trig,
    reconcile,
    report_csv,
    report_markdown,
    summary,
)
from iucgraph.linking.sparql_client import SparqlClient
from iucgraph.linking.wikidata import find_candidates, read_entities

OUT_NAME = "links-wikidata-reconciled.trig"
REPORT_STEM = "wikidata-links"
_ISSUED = re.compile(r'dcterms:issued "(\d{4}-\d{2}-\d{2})"\^\^xsd:date')


@dataclass(frozen=True)
class RunResult:
    decisions: list[Decision]
    written: tuple[Path, ...]
    changed: bool

    def summary(self) -> str:
        return summary(self.decisions)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def link_wikidata(
    client: SparqlClient,
    data_dir: Path,
    out_file: Path,
    report_dir: Path,
    *,
    threshold: float,
    issued: str | None = None,
    dry_run: bool = False,
) -> RunResult:
    """Reconcile, then (unless `dry_run`) write the links and the CSV + Markdown reports."""
    dataset = load_data_dir(data_dir, exclude=[out_file])
    entities = read_entities(dataset)
    decisions = reconcile(entities, lambda e: find_candidates(client, e), threshold)
    old = out_file.read_text(encoding="utf-8") if out_file.exists() else None
    previous = _ISSUED.search(old or "")
    text = links_trig(decisions, client.endpoint, previous.group(1)) if previous else None
    if text is None or text != old:
        text = links_trig(decisions, client.endpoint, issued or dt.date.today().isoformat())
    outputs = {
        out_file: text,
        report_dir / f"{REPORT_STEM}.csv": report_csv(decisions),
        report_dir / f"{REPORT_STEM}.md": report_markdown(decisions, client.endpoint, threshold),
    }
    changed = text != old
    if dry_run:
        return RunResult(decisions, (), changed)
    written = []
    for path, content in outputs.items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            _write(path, content)
        written.append(path)
    return RunResult(decisions, tuple(written), changed)
