"""`iucgraph build`: the validated graph as downloadable files in dist/, or nothing at all.

Files are written to a fresh folder beside dist/ and swapped in only when every one is
complete, so a failed build (unreadable or non-conforming data) leaves dist/ as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from iucgraph import __version__, formats
from iucgraph.describe import Dump, describe
from iucgraph.errors import ValidationFailed
from iucgraph.load import load_dataset
from iucgraph.namespaces import PREFIXES
from iucgraph.rdfio import union_graph
from iucgraph.validate import validate

DOWNLOAD_BASE = "https://w3id.org/iucgraph/download/"

# The dumps: a row of iucgraph/formats.py each, and whether the named graphs are kept.
_DUMPS = (
    ("turtle", False),
    ("trig", True),
    ("ntriples", False),
    ("nquads", True),
    ("jsonld", False),
)
# (suffix, rdflib format, media type, named graphs kept?)
DUMP_FORMATS: tuple[tuple[str, str, str, bool], ...] = tuple(
    (fmt.suffix, fmt.rdflib_name or fmt.name, fmt.media_type, keeps)
    for fmt, keeps in ((formats.get(name), keeps) for name, keeps in _DUMPS)
)


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files: tuple[Path, ...]
    triples: int


def dump_name(suffix: str) -> str:
    return f"iucgraph-{__version__}.{suffix}"


def write_dumps(
    dataset: Dataset, out_dir: Path, issued: str | None = None
) -> tuple[list[Path], int]:
    """Every dump format, the VoID/DCAT description and SHA256SUMS into `out_dir`.

    Returns the files written and the number of distinct triples.
    """
    union = union_graph(dataset)
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True, replace=True)
    files: list[Path] = []
    dumps: list[Dump] = []
    for suffix, fmt, media_type, keeps_graphs in DUMP_FORMATS:
        path = out_dir / dump_name(suffix)
        source = dataset if keeps_graphs else union
        path.write_bytes(source.serialize(format=fmt, encoding="utf-8"))
        files.append(path)
        dumps.append(Dump(DOWNLOAD_BASE + path.name, media_type))
    void = out_dir / "void.ttl"
    void.write_bytes(describe(dataset, dumps=dumps, issued=issued).serialize(encoding="utf-8"))
    files.append(void)
    sums = out_dir / "SHA256SUMS"
    sums.write_text(
        "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in files),
        encoding="utf-8",
    )
    files.append(sums)
    return files, len(union)


def build(paths: list[Path], out_dir: Path) -> BuildResult:
    """Load, validate, write; raises InputError or ValidationFailed with dist/ untouched."""
    loaded = load_dataset(paths)
    report = validate(loaded)
    if not report.conforms:
        raise ValidationFailed(report)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=out_dir.parent))
    try:
        files, triples = write_dumps(loaded.dataset, staging, issued=dt.date.today().isoformat())
        old = out_dir.with_name(out_dir.name + ".old")
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(out_dir, tuple(out_dir / f.name for f in files), triples)
