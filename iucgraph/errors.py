"""Exceptions of iucgraph. Each says what went wrong and where; none knows about HTTP.

The web layer maps them to status codes in one place (iucgraph/web/errors.py) and the CLI
maps them to exit codes (iucgraph/cli.py).
"""

from __future__ import annotations


class IucGraphError(Exception):
    """Base class of every error iucgraph raises on purpose."""


class InputError(IucGraphError):
    """Input that cannot be read: a missing file or a syntax error, with file and line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class ValidationFailed(IucGraphError):
    """Data that parses but breaks the SHACL shapes; carries the readable report."""

    def __init__(self, report: object):
        self.report = report
        super().__init__(str(report))
