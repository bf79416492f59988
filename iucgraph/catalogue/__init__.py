"""The catalogue of named queries (queries/*.rq): typed parameters, safe binding, results.

The web API (iucgraph/web/queries.py) and the command line (iucgraph/cli/query.py) both call
`run_query` and `render`; neither binds or formats anything itself.
"""

from iucgraph.catalogue.header import NamedQuery, load_file, parse_query
from iucgraph.catalogue.params import TYPES, Parameter, bind_all
from iucgraph.catalogue.results import FORMATS, formats_for, meta, render
from iucgraph.catalogue.run import DEFAULT_ROW_CAP, Catalogue, QueryResult, run_query

__all__ = [
    "DEFAULT_ROW_CAP",
    "FORMATS",
    "TYPES",
    "Catalogue",
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "bind_all",
    "formats_for",
    "load_file",
    "meta",
    "parse_query",
    "render",
    "run_query",
]
