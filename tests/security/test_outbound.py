"""Outbound requests and local files: the server never fetches anything, from any input.

The autouse fixture `_canary_silent` (conftest.py) checks after every test that neither the
canary's HTTP server nor its named pipe was touched.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.security.support import (
    BASE_URL,
    ID,
    SOURCE,
    call,
    dataset_state,
    query,
    write_headers,
)

METADATA = "http://169.254.169.254/latest/meta-data/"


def services(canary) -> list[str]:
    target = canary.url + "/sparql"
    return [
        f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{METADATA}> {{ ?s ?p ?o }} }}",
        "SELECT * { SERVICE <http://localhost:1/> { ?s ?p ?o } }",
        "SELECT * { SERVICE <http://[::1]:1/> { ?s ?p ?o } }",
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        f"SELECT * {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * {{ VALUES ?e {{ <{target}> }} SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
        f"PREFIX c: <{canary.url}/> SELECT * {{ SERVICE c:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * {{ service\n# comment <x>\n<{target}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_before_evaluation(reader, canary):
    for text in services(canary):
        started = time.monotonic()
        reply = query(reader.url, text, accept="*/*")
        assert reply.status == 403, (text, reply.status, reply.text)
        assert time.monotonic() - started < 1.0
    canary.assert_silent()


def test_service_in_an_update_is_refused(writer, canary):
    before = dataset_state(writer.url)
    update = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE SILENT <{canary.url}/> {{ ?s ?p ?o }} }}"
    reply = call(
        "POST",
        writer.url + "/sparql",
        body=update,
        headers=write_headers("application/sparql-update"),
    )
    assert reply.status == 403
    assert dataset_state(writer.url) == before


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_from_and_default_graph_uri_are_never_dereferenced(reader, canary, scheme):
    iri = f"file://{canary.fifo}" if scheme == "file" else canary.url + "/graph.ttl"
    for text in (
        f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ):
        reply = query(reader.url, text)
        assert reply.status == 200, reply.text
        assert json.loads(reply.body)["results"]["bindings"] == []
    for name in ("default-graph-uri", "named-graph-uri"):
        reply = call(
            "GET",
            reader.url + "/sparql",
            params=[("query", "SELECT * { ?s ?p ?o }"), (name, iri)],
            headers={"Accept": "application/sparql-results+json"},
        )
        assert reply.status == 200
        assert canary.SECRET.encode() not in reply.body
    canary.assert_silent()


def test_load_is_refused(writer, canary):
    before = dataset_state(writer.url)
    for target in (canary.url + "/data.ttl", f"file://{canary.fifo}"):
        for text in (f"LOAD <{target}>", f"LOAD SILENT <{target}> INTO GRAPH <urn:g>"):
            reply = call(
                "POST",
                writer.url + "/sparql",
                body=text,
                headers=write_headers("application/sparql-update"),
            )
            assert reply.status == 403, reply.text
    assert dataset_state(writer.url) == before
    canary.assert_silent()


def _put(server, body: bytes | str, content_type: str):
    return call(
        "PUT",
        server.url + "/rdf-graph-store",
        params={"graph": ID + "graph/upload"},
        body=body,
        headers=write_headers(content_type),
    )


def jsonld_contexts(canary) -> list[dict]:
    node = {"@id": "urn:x", "urn:p": "v"}
    return [
        {"@context": canary.url + "/context.jsonld", **node},
        {"@context": f"file://{canary.fifo}", **node},
        {"@context": [{"@vocab": "urn:v#"}, canary.url + "/c2"], **node},
        {"@context": {"@import": canary.url + "/c3"}, **node},
        {"@graph": [{"@context": canary.url + "/nested", **node}]},
    ]


def test_jsonld_remote_or_file_contexts_are_refused(writer, canary):
    before = dataset_state(writer.url)
    for doc in jsonld_contexts(canary):
        started = time.monotonic()
        reply = _put(writer, json.dumps(doc), "application/ld+json")
        assert reply.status == 400, (doc, reply.status, reply.text)
        assert time.monotonic() - started < 1.0
    assert dataset_state(writer.url) == before
    canary.assert_silent()


def billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        entities.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="urn:ex#"><rdf:Description rdf:about="urn:x"><ex:p>&lol9;</ex:p>'
        "</rdf:Description></rdf:RDF>"
    )


def rdfxml_attacks(canary) -> list[str]:
    external = (
        '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY ext SYSTEM "{src}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="urn:ex#">'
        '<rdf:Description rdf:about="urn:x"><ex:p>&ext;</ex:p></rdf:Description></rdf:RDF>'
    )
    return [
        billion_laughs(),
        external.format(src=f"file://{canary.fifo}"),
        external.format(src=canary.url + "/entity"),
        '<?xml version="1.0"?><!doctype x SYSTEM "' + canary.url + '/dtd"><x/>',
    ]


def test_rdfxml_doctype_and_entities_are_refused_quickly(writer, canary):
    before = dataset_state(writer.url)
    for doc in rdfxml_attacks(canary):
        for content_type in ("application/rdf+xml", "application/xml"):
            started = time.monotonic()
            reply = _put(writer, doc, content_type)
            assert reply.status in (400, 415), (reply.status, reply.text)
            assert time.monotonic() - started < 1.0
    assert dataset_state(writer.url) == before
    canary.assert_silent()


@pytest.mark.parametrize(
    "content_type",
    ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"],
)
def test_a_body_that_is_a_path_or_url_is_parsed_as_content(writer, canary, content_type):
    before = dataset_state(writer.url)
    for body in (str(canary.fifo), f"file://{canary.fifo}", canary.url + "/data.ttl"):
        reply = _put(writer, body, content_type)
        assert reply.status == 400, (body, reply.status, reply.text)
    assert dataset_state(writer.url) == before
    canary.assert_silent()


def test_owl_imports_are_never_followed(writer, canary):
    """The world's ontology and shapes import canary IRIs; so does this upload."""
    body = (
        f"<urn:onto> a <http://www.w3.org/2002/07/owl#Ontology> ;"
        f" <http://www.w3.org/2002/07/owl#imports> <{canary.url}/onto.ttl> ,"
        f" <file://{canary.fifo}> ."
    )
    reply = call(
        "PUT",
        writer.url + "/rdf-graph-store",
        params={"graph": SOURCE + "-imports"},
        body=body,
        headers=write_headers("text/turtle"),
    )
    assert reply.status in (201, 204), reply.text
    canary.assert_silent()


def test_relative_iris_resolve_against_the_configured_base(reader, writer):
    reply = query(reader.url, "SELECT ?x WHERE { BIND(<relative/thing> AS ?x) }")
    value = json.loads(reply.body)["results"]["bindings"][0]["x"]["value"]
    assert value.startswith(BASE_URL) and "file:" not in value
    graph = ID + "graph/relative"
    put = call(
        "PUT",
        writer.url + "/rdf-graph-store",
        params={"graph": graph},
        body="<a> <b> <../c> .",
        headers=write_headers("text/turtle"),
    )
    assert put.status in (201, 204), put.text
    got = query(writer.url, f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    row = json.loads(got.body)["results"]["bindings"][0]
    for term in (row["s"]["value"], row["o"]["value"]):
        assert term.startswith("https://w3id.org/iucgraph/"), term
        assert "file:" not in term
