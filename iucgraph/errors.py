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


class QuerySyntaxError(IucGraphError):
    """A SPARQL query or update that does not parse; carries the parser's message and position."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(message + where)


class QueryTimeout(IucGraphError):
    """A query ran past its time limit and was stopped."""

    def __init__(self, seconds: float, message: str | None = None):
        self.seconds = seconds
        super().__init__(message or f"the query was stopped after {seconds:g} s")


class UpdateTimeout(QueryTimeout):
    """An update ran past its time limit and was stopped; nothing was changed."""

    def __init__(self, seconds: float):
        message = f"the update was stopped after {seconds:g} s; nothing was changed"
        super().__init__(seconds, message)


class Overloaded(IucGraphError):
    """Too many queries at once (for everybody, or for one client); try again later."""

    def __init__(self, message: str, *, retry_after: int = 5):
        self.retry_after = retry_after
        super().__init__(message)


class RateLimited(Overloaded):
    """One client went past its own budget (concurrent queries or requests per second)."""


class QueryTooComplex(IucGraphError):
    """A query or update nested deeper, or with longer property paths, than the engine can
    parse safely; refused before evaluation (HTTP 400)."""


class ForbiddenOperation(IucGraphError):
    """An operation this server refuses by policy (SERVICE to a non-allowed endpoint, LOAD, ...)."""


class NotAuthorized(IucGraphError):
    """A write without a valid token."""


class NotFound(IucGraphError):
    """A named graph, query or resource that does not exist."""


class UnsupportedFormat(IucGraphError):
    """No format the client accepts can express this result; lists what is offered."""

    def __init__(self, message: str, offered: list[str]):
        self.offered = offered
        super().__init__(f"{message}; offered: {', '.join(offered)}")


class StoreUnavailable(IucGraphError):
    """A remote store that cannot be reached or answered with an error."""


class StoreWriteFailed(IucGraphError):
    """The store could not write a new version (disk full, I/O error); the previous version
    is still current and readable. Never carries a path."""

    def __init__(self, message: str, *, no_space: bool = False):
        self.no_space = no_space
        super().__init__(message)


class QueryFailed(IucGraphError):
    """A query or update that parsed but could not be evaluated (a failing SERVICE, a crash)."""


class UpdateFailed(QueryFailed):
    """An update that parsed but that the engine refused to apply (CLEAR of a graph that does
    not exist, without SILENT): the client's request, not a server fault (HTTP 400)."""


class QueryParameterError(IucGraphError):
    """A named query's parameter that is unknown, repeated, missing, of the wrong type or not
    among the allowed values; names the query and the parameter (HTTP 400, exit code 2)."""

    def __init__(self, message: str, *, parameter: str, query: str | None = None):
        self.parameter = parameter
        self.query = query
        where = f"query {query!r}, " if query else ""
        super().__init__(f"{where}parameter {parameter!r}: {message}")


class BadFilter(InputError):
    """A network view, filter or option that is unknown or malformed; names it (HTTP 400)."""

    def __init__(self, message: str, *, parameter: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


class NetworkTooLarge(IucGraphError):
    """A network view over the node, edge or row cap: refused, never silently cut."""

    def __init__(self, message: str, **counts: int):
        self.counts = counts
        super().__init__(
            f"the network is too large ({message}); narrow it with filters "
            "(theme, sdg, region, country, year, as_of_year, min_weight)"
        )
