"""Serialising results with pyoxigraph's own writers, cut at a row cap without re-parsing.

Runs inside the query workers (stdlib + pyoxigraph only). pyoxigraph streams a result into any
object with `write`; `CappedWriter` keeps the bytes up to the end of row `cap`, then only counts
the rows that follow (so the total is known and memory stays bounded). Row boundaries are found
by markers that cannot occur inside a value in pyoxigraph's output (a `"` is always escaped in
JSON, a `<` always in XML, a newline in TSV; CSV newlines inside quotes are skipped).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import pyoxigraph as ox

from iucgraph.formats import FORMATS, RESULTS

# media type -> pyoxigraph format, for SELECT/ASK and for CONSTRUCT/DESCRIBE (iucgraph/formats.py).
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    f.media_type: getattr(ox.QueryResultsFormat, f.oxigraph)
    for f in FORMATS
    if RESULTS in f.kinds and f.oxigraph
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    f.media_type: getattr(ox.RdfFormat, f.oxigraph)
    for f in FORMATS
    if RESULTS not in f.kinds and f.oxigraph
}
# Other names clients use; the meaning of application/json depends on the query form.
RESULT_ALIASES = {alias: f.media_type for f in FORMATS if RESULTS in f.kinds for alias in f.aliases}
GRAPH_ALIASES = {
    alias: f.media_type
    for f in FORMATS
    if RESULTS not in f.kinds
    for alias in f.aliases
    if alias not in GRAPH_FORMATS
}


def canonical_media_type(media_type: str, graph_result: bool) -> str | None:
    """The media type we serialise for `media_type`, or None if we cannot."""
    bare = media_type.split(";")[0].strip().lower()
    table, aliases = (
        (GRAPH_FORMATS, GRAPH_ALIASES) if graph_result else (RESULT_FORMATS, RESULT_ALIASES)
    )
    bare = aliases.get(bare, bare)
    return bare if bare in table else None


# Where a row starts: a pattern, how many bytes before the match start to keep, and the bytes
# that close the document after a cut.
_ROW_START: dict[ox.QueryResultsFormat, tuple[re.Pattern[bytes], int, bytes]] = {
    ox.QueryResultsFormat.JSON: (re.compile(rb'\[\{"|\},\{"'), 1, b"]}}"),
    ox.QueryResultsFormat.XML: (re.compile(rb"<result>"), 0, b"</results></sparql>"),
    ox.QueryResultsFormat.TSV: (re.compile(rb"\n"), 1, b""),
}


# The same markers as literal bytes, counted with bytes.count (C speed) while no cut is near.
_MARKERS: dict[ox.QueryResultsFormat, tuple[bytes, ...]] = {
    ox.QueryResultsFormat.JSON: (b'[{"', b'},{"'),
    ox.QueryResultsFormat.XML: (b"<result>",),
    ox.QueryResultsFormat.TSV: (b"\n",),
}


class ResultTooLarge(Exception):
    """Raised inside pyoxigraph's writer to stop a serialisation past the byte limit."""


class CappedWriter:
    """A binary sink for QuerySolutions.serialize that keeps `cap` rows and counts the rest.

    For TSV and CSV a "row start" is the end of a line: line 1 is the header, so the position
    after newline k is where row k starts (or the end of the document).
    """

    def __init__(self, fmt: ox.QueryResultsFormat, cap: int | None, max_bytes: int) -> None:
        self.fmt = fmt
        self.cap = cap
        self.max_bytes = max_bytes
        self.kept = bytearray()
        self.starts = 0
        self.cut_at: int | None = None
        self._tail = b""  # the last bytes of the previous chunk, for markers across chunks
        self._in_quotes = False  # CSV state

    def write(self, chunk: bytes) -> int:  # pyoxigraph calls it with chunks of about 8 KiB
        chunk = bytes(chunk)
        markers = _MARKERS.get(self.fmt)
        if markers is not None:
            # Fast path: count row starts with bytes.count. Markers wholly inside the tail kept
            # from the previous chunk were counted then, so they are subtracted.
            width = max(len(m) for m in markers) - 1
            tail = self._tail[-width:] if width > 0 else b""
            data = tail + chunk
            found = sum(data.count(m) - tail.count(m) for m in markers)
            if self.cut_at is not None or self.cap is None or self.starts + found <= self.cap:
                self.starts += found
                if self.cut_at is None:
                    self.kept += chunk
                    if len(self.kept) > self.max_bytes:
                        raise ResultTooLarge
                self._tail = data[-width:] if width > 0 else b""
                return len(chunk)
        return self._write_positions(chunk)

    def _write_positions(self, chunk: bytes) -> int:
        """The exact path: where each row starts, to cut right after row `cap`."""
        data = self._tail + chunk
        base = len(self.kept) - len(self._tail) if self.cut_at is None else 0
        for position in self._starts(data):
            self.starts += 1
            if self.cap is not None and self.cut_at is None and self.starts > self.cap:
                self.cut_at = base + position
                self.kept += chunk
                del self.kept[self.cut_at :]
        if self.cut_at is None:
            self.kept += chunk
            if len(self.kept) > self.max_bytes:
                raise ResultTooLarge
        if self.fmt in _ROW_START:
            keep = len(_ROW_START[self.fmt][0].pattern) - 1
            self._tail = data[-keep:] if keep > 0 else b""
        return len(chunk)

    def flush(self) -> None:
        pass

    def _starts(self, data: bytes) -> Iterable[int]:
        if self.fmt == ox.QueryResultsFormat.CSV:
            return self._csv_starts(data)
        pattern, shift, _ = _ROW_START[self.fmt]
        skip = len(self._tail)
        return (m.start() + shift for m in pattern.finditer(data) if m.end() > skip)

    def _csv_starts(self, data: bytes) -> list[int]:
        found: list[int] = []
        position = 0
        parts = data.split(b'"')
        for i, part in enumerate(parts):
            if not self._in_quotes:
                start = part.find(b"\n")
                while start != -1:
                    found.append(position + start + 1)
                    start = part.find(b"\n", start + 1)
            position += len(part) + 1
            if i < len(parts) - 1:
                self._in_quotes = not self._in_quotes
        return found

    def finish(self) -> tuple[bytes, bool, int]:
        """(body, truncated, total number of rows)."""
        lines = self.fmt in (ox.QueryResultsFormat.TSV, ox.QueryResultsFormat.CSV)
        rows = max(self.starts - 1, 0) if lines else self.starts
        truncated = self.cap is not None and rows > self.cap
        if not truncated:
            return bytes(self.kept), False, rows
        closing = _ROW_START[self.fmt][2] if self.fmt in _ROW_START else b""
        return bytes(self.kept) + closing, True, rows


def serialize_solutions(
    solutions: ox.QuerySolutions, fmt: ox.QueryResultsFormat, cap: int | None, max_bytes: int
) -> tuple[bytes, bool, int]:
    """(body, truncated, total rows) of a SELECT result; ResultTooLarge past `max_bytes`."""
    writer = CappedWriter(fmt, cap, max_bytes)
    solutions.serialize(writer, format=fmt)  # type: ignore[arg-type]
    return writer.finish()


class _LineWriter:
    """A sink for N-Triples (one triple per line: a newline in a literal is escaped) that keeps
    `cap` lines and counts the rest, with bytes.count: no Python object per triple."""

    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self.kept = bytearray()
        self.lines = 0
        self.cut = False

    def write(self, chunk: bytes) -> int:
        chunk = bytes(chunk)
        found = chunk.count(b"\n")
        if not self.cut:
            if self.cap is not None and self.lines + found > self.cap:
                end = -1
                for _ in range(self.cap - self.lines):
                    end = chunk.find(b"\n", end + 1)
                self.kept += chunk[: end + 1]
                self.cut = True
            else:
                self.kept += chunk
        self.lines += found
        return len(chunk)

    def flush(self) -> None:
        pass


def serialize_triples(
    triples: Iterable[ox.Triple], fmt: ox.RdfFormat, cap: int | None
) -> tuple[bytes, bool, int]:
    """(body, truncated, total triples) of a CONSTRUCT or DESCRIBE result."""
    if fmt == ox.RdfFormat.N_TRIPLES and isinstance(triples, ox.QueryTriples):
        writer = _LineWriter(cap)
        triples.serialize(writer, format=fmt)  # type: ignore[arg-type]
        return bytes(writer.kept), writer.cut, writer.lines
    iterator = iter(triples)
    kept = list(itertools.islice(iterator, cap)) if cap is not None else list(iterator)
    rest = sum(1 for _ in iterator)
    return ox.serialize(kept, format=fmt) or b"", rest > 0, len(kept) + rest
