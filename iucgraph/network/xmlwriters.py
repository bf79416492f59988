"""Streaming GraphML and GEXF 1.3 writers: strings joined, not an ElementTree.

networkx's writers build the whole XML tree first, which costs several times the SPARQL query
that feeds a large view (bench/network_bench.py). These write the same files in one pass; the
tests read them back with networkx and igraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile('[&<>"\n\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;"})


def esc(value: object) -> str:
    """Text safe in an XML attribute or element (control characters XML forbids are dropped)."""
    text = str(value)
    if _SPECIAL.search(text) is None:  # the common case, and the fast one
        return text
    return _XML_BAD.sub("", text).translate(_ESC)


def value_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return esc(value)


def attribute_types(records: Iterable[Mapping[str, Any]], skip: frozenset[str]) -> dict[str, str]:
    """attr name -> "string" | "long" | "double" | "boolean", widened over all records."""
    types: dict[str, str] = {}
    for data in records:
        for key, value in data.items():
            if key in skip:
                continue
            if isinstance(value, bool):
                kind = "boolean"
            elif isinstance(value, int):
                kind = "long"
            elif isinstance(value, float):
                kind = "double"
            else:
                kind = "string"
            old = types.get(key)
            if old is None or old == kind:
                types[key] = kind
            elif {old, kind} == {"long", "double"}:
                types[key] = "double"
            else:
                types[key] = "string"
    return types


GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def graphml(graph: nx.MultiGraph) -> bytes:
    """GraphML with typed keys; multi-edges keep their key as the edge id."""
    graph_attrs = {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float)}
    gtypes = attribute_types([graph_attrs], frozenset())
    ntypes = attribute_types((d for _, d in graph.nodes(data=True)), frozenset())
    etypes = attribute_types((d for _, _, d in graph.edges(data=True)), frozenset())
    ids: dict[tuple[str, str], str] = {}
    out: list[str] = [GRAPHML_HEAD]
    for domain, types in (("graph", gtypes), ("node", ntypes), ("edge", etypes)):
        for name, kind in types.items():
            key = ids[(domain, name)] = f"d{len(ids)}"
            out.append(
                f'<key id="{key}" for="{domain}" attr.name="{esc(name)}" attr.type="{kind}"/>\n'
            )
    out.append('<graph edgedefault="undirected">\n')
    for name, value in graph_attrs.items():
        out.append(f'<data key="{ids[("graph", name)]}">{value_text(value)}</data>\n')
    for node, data in graph.nodes(data=True):
        out.append(f'<node id="{esc(node)}">')
        out.extend(
            f'<data key="{ids[("node", k)]}">{value_text(v)}</data>' for k, v in data.items()
        )
        out.append("</node>\n")
    for u, v, k, data in graph.edges(keys=True, data=True):
        out.append(f'<edge id="{esc(k)}" source="{esc(u)}" target="{esc(v)}">')
        out.extend(
            f'<data key="{ids[("edge", a)]}">{value_text(x)}</data>' for a, x in data.items()
        )
        out.append("</edge>\n")
    out.append("</graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


GEXF_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
)
_GEXF_TYPES = {"string": "string", "long": "long", "double": "double", "boolean": "boolean"}
NODE_SPECIAL = frozenset({"label", "viz"})
EDGE_SPECIAL = frozenset({"label", "weight"})


def _gexf_attributes(domain: str, types: dict[str, str]) -> Iterator[str]:
    yield f'<attributes class="{domain}" mode="static">\n'
    for i, (name, kind) in enumerate(types.items()):
        yield f'<attribute id="{i}" title="{esc(name)}" type="{_GEXF_TYPES[kind]}"/>\n'
    yield "</attributes>\n"


def _attvalues(data: Mapping[str, Any], index: dict[str, int], skip: frozenset[str]) -> str:
    values = "".join(
        f'<attvalue for="{index[k]}" value="{value_text(v)}"/>'
        for k, v in data.items()
        if k not in skip
    )
    return f"<attvalues>{values}</attvalues>" if values else ""


def _viz(viz: Mapping[str, Any]) -> str:
    parts = []
    if "color" in viz:
        c = viz["color"]
        parts.append(f'<viz:color r="{c["r"]}" g="{c["g"]}" b="{c["b"]}" a="{c.get("a", 1.0)}"/>')
    if "position" in viz:
        p = viz["position"]
        parts.append(f'<viz:position x="{p["x"]}" y="{p["y"]}" z="{p.get("z", 0.0)}"/>')
    if "size" in viz:
        parts.append(f'<viz:size value="{viz["size"]}"/>')
    return "".join(parts)


def gexf(graph: nx.MultiGraph, description: str = "") -> bytes:
    """GEXF 1.3, undirected, static; node attribute `viz` becomes viz:color/position/size."""
    ntypes = attribute_types((d for _, d in graph.nodes(data=True)), NODE_SPECIAL)
    etypes = attribute_types((d for _, _, d in graph.edges(data=True)), EDGE_SPECIAL)
    nindex = {name: i for i, name in enumerate(ntypes)}
    eindex = {name: i for i, name in enumerate(etypes)}
    out: list[str] = [GEXF_HEAD]
    out.append(f"<meta><creator>iucgraph</creator><description>{esc(description)}</description>")
    out.append("</meta>\n")
    out.append('<graph defaultedgetype="undirected" mode="static">\n')
    out.extend(_gexf_attributes("node", ntypes))
    out.extend(_gexf_attributes("edge", etypes))
    out.append("<nodes>\n")
    for node, data in graph.nodes(data=True):
        label = esc(data.get("label", node))
        out.append(f'<node id="{esc(node)}" label="{label}">')
        out.append(_attvalues(data, nindex, NODE_SPECIAL))
        out.append(_viz(data.get("viz", {})))
        out.append("</node>\n")
    out.append("</nodes>\n<edges>\n")
    for u, v, k, data in graph.edges(keys=True, data=True):
        weight = float(data.get("weight", 1.0))
        label = f' label="{esc(data["label"])}"' if "label" in data else ""
        out.append(
            f'<edge id="{esc(k)}" source="{esc(u)}" target="{esc(v)}" weight="{weight}"{label}>'
        )
        out.append(_attvalues(data, eindex, EDGE_SPECIAL))
        out.append("</edge>\n")
    out.append("</edges>\n</graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")
