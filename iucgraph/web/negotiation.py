"""Content negotiation: Accept headers with q-values and wildcards, and the `format` parameter.

Real clients send combined headers (SPARQLWrapper: "application/sparql-results+json,
application/json,text/javascript,application/javascript"; browsers: "text/html,...,*/*;q=0.8";
curl: "*/*"). We pick, among the formats that can express the result, the one with the highest
q-value; on a tie the more specific match wins (exact, type/*, */*; a main media type before
an alias), and then the table's order (our default first) decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from iucgraph.errors import UnsupportedFormat
from iucgraph.formats import Format, by_name


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """0 if no match, else 1 (*/*), 2 (type/*) or 3 (exact): how specific the match is."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != main:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed parts are skipped, q clamped to [0, 1]."""
    ranges: list[MediaRange] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":  # some old clients send a bare "*"
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub, q))
    return ranges


def _quality(fmt: Format, ranges: Sequence[MediaRange]) -> tuple[float, int]:
    """(q, rank) of `fmt`: q from the most specific matching range, rank = how it matched."""
    best_q, best_rank, best_specificity = 0.0, 0, 0
    for index, media_type in enumerate(fmt.all_media_types()):
        for r in ranges:
            specificity = r.matches(media_type)
            if specificity == 0:
                continue
            # The most specific range decides q for this media type (RFC 9110, 12.5.1).
            if specificity > best_specificity or (specificity == best_specificity and r.q > best_q):
                best_specificity = specificity
                best_q = r.q
                # how specific the match was, and a main media type before an alias
                best_rank = specificity * 2 + (1 if index == 0 else 0)
    return best_q, best_rank


def negotiate(
    accept: str | None, offered: Sequence[Format], format_param: str | None = None
) -> Format:
    """The format to answer in, or UnsupportedFormat listing what is offered.

    `format_param` (a short name such as "json", "csv", "ttl" or a media type) wins over Accept,
    as SPARQLWrapper and browsers' users expect. No Accept at all means our default.
    """
    offered_types = [f.media_type for f in offered]
    if format_param:
        kinds = set().union(*(f.kinds for f in offered))
        for kind in sorted(kinds):
            fmt = by_name(format_param, kind)
            if fmt is not None and fmt in offered:
                return fmt
        raise UnsupportedFormat(
            f"format {format_param!r} cannot express this result", offered_types
        )
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: Format | None = None
    best_key: tuple[float, int, int] = (0.0, 0, 0)
    for order, fmt in enumerate(offered):
        q, rank = _quality(fmt, ranges)
        if q <= 0:
            continue
        key = (q, rank, -order)
        if best is None or key > best_key:
            best, best_key = fmt, key
    if best is None:
        raise UnsupportedFormat("no acceptable format for this result", offered_types)
    return best
