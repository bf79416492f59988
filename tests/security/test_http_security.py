"""HTTP security: CORS only for reads and without credentials, protective headers, escaped
resource pages, the write token (401/403, never in a URL, compared in constant time), and
500s that show a request id and nothing else."""

from __future__ import annotations

import hmac

import pytest

from tests.security.support import (
    EVIL_CITY,
    EVIL_LABEL,
    ID,
    ROOT,
    TOKEN,
    call,
    query,
    write_headers,
)

GRAPH = ID + "graph/http-security"


def test_cors_for_reads_is_at_most_star_without_credentials(reader):
    reply = query(reader.url, "ASK {}", headers={"Origin": "https://evil.example"})
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert reply.header("Access-Control-Allow-Credentials") is None
    pre = call(
        "OPTIONS",
        reader.url + "/rdf-graph-store",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "Authorization",
        },
    )
    assert "PUT" not in (pre.header("Access-Control-Allow-Methods") or "")
    assert "authorization" not in (pre.header("Access-Control-Allow-Headers") or "").lower()
    assert pre.header("Access-Control-Allow-Credentials") is None


def test_no_cors_on_write_routes(writer):
    origin = {"Origin": "https://evil.example"}
    for headers in (origin, {**origin, **write_headers("text/turtle")}):
        reply = call(
            "PUT",
            writer.url + "/rdf-graph-store",
            params={"graph": GRAPH},
            body="<urn:a> <urn:b> <urn:c> .",
            headers={"Content-Type": "text/turtle", **headers},
        )
        assert reply.status in (201, 204, 401)
        assert reply.header("Access-Control-Allow-Origin") is None
    update = call(
        "POST",
        writer.url + "/sparql",
        body="CLEAR SILENT GRAPH <urn:none>",
        headers={**origin, **write_headers("application/sparql-update")},
    )
    assert update.status == 204 and update.header("Access-Control-Allow-Origin") is None


@pytest.mark.parametrize("path", ["/health", "/sparql?query=ASK%7B%7D", "/no-such-page"])
def test_every_response_carries_the_protective_headers(reader, path):
    reply = call("GET", reader.url + path)
    assert reply.header("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors 'none'" in (reply.header("Content-Security-Policy") or "")


def test_resource_pages_escape_labels_and_never_link_javascript(reader):
    path = EVIL_CITY.replace("https://w3id.org/iucgraph", "")
    reply = call("GET", reader.url + path, headers={"Accept": "text/html"})
    if reply.status == 404:
        pytest.skip("resource pages are not served by this build")
    assert reply.status == 200
    html = reply.text
    assert EVIL_LABEL not in html and "<script>alert" not in html
    lowered = html.lower()
    assert 'href="javascript:' not in lowered and "href='javascript:" not in lowered
    assert "<img src=x" not in html and "&lt;script&gt;" in html
    assert reply.header("X-Content-Type-Options") == "nosniff"
    csp = reply.header("Content-Security-Policy") or ""
    assert "frame-ancestors" in csp and "unsafe-inline" not in csp.split("script-src", 1)[-1][:60]


def test_writes_need_the_token(writer):
    body = "<urn:a> <urn:b> <urn:c> ."
    target = {"graph": GRAPH}
    missing = call(
        "PUT",
        writer.url + "/rdf-graph-store",
        params=target,
        body=body,
        headers={"Content-Type": "text/turtle"},
    )
    assert missing.status == 401 and "Bearer" in (missing.header("WWW-Authenticate") or "")
    wrong = call(
        "PUT",
        writer.url + "/rdf-graph-store",
        params=target,
        body=body,
        headers={"Content-Type": "text/turtle", "Authorization": "Bearer nope"},
    )
    assert wrong.status == 403
    for name in ("token", "access_token"):
        in_url = call(
            "PUT",
            writer.url + "/rdf-graph-store",
            params={**target, name: TOKEN},
            body=body,
            headers={"Content-Type": "text/turtle"},
        )
        assert in_url.status == 400 and "URL" in in_url.text
        both = call(
            "POST",
            writer.url + "/sparql",
            params={name: TOKEN},
            body="CLEAR SILENT GRAPH <urn:none>",
            headers=write_headers("application/sparql-update"),
        )
        assert both.status == 400


def test_a_read_only_server_refuses_every_write(reader):
    reply = call(
        "POST",
        reader.url + "/sparql",
        body="CLEAR ALL",
        headers=write_headers("application/sparql-update"),
    )
    assert reply.status == 403


def test_the_token_is_compared_in_constant_time(monkeypatch):
    from iucgraph.web import create_app
    from tests.web_support import make_backend

    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a, b):
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr("iucgraph.web.http.hmac.compare_digest", spy)
    store, service = make_backend()
    app = create_app({"write_token": TOKEN}, store=store, service=service)
    reply = app.test_client().post(
        "/sparql",
        data="CLEAR GRAPH <urn:x>",
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer guess"},
    )
    assert reply.status_code == 403
    assert (b"guess", TOKEN.encode()) in seen
    store.close()


class _Exploding:
    """A store double whose every read fails with a message full of secrets."""

    version = "v"

    def __getattr__(self, name):
        raise RuntimeError(f"boom {ROOT} password=hunter2 token={TOKEN}")


def test_a_500_shows_a_request_id_and_nothing_else():
    from iucgraph.web import create_app
    from tests.web_support import make_backend

    store, service = make_backend()
    app = create_app({"write_token": TOKEN}, store=store, service=service)
    app.extensions["iucgraph"].store = _Exploding()
    assert app.debug is False
    for accept in ("application/json", "application/n-quads"):
        reply = app.test_client().get("/rdf-graph-store", headers={"Accept": accept})
        text = reply.get_data(as_text=True)
        assert reply.status_code == 500
        assert reply.headers["X-Request-Id"] in text
        for secret in ("Traceback", str(ROOT), "hunter2", TOKEN, "RuntimeError", "boom"):
            assert secret not in text, secret
    store.close()


def test_debug_mode_is_off_on_the_real_server(reader):
    for path in ("/no-such-page", "/console", "/?__debugger__=yes&cmd=resource&f=style.css"):
        reply = call("GET", reader.url + path)
        assert reply.status in (200, 404), path  # "/" may be the home page, never the debugger
        assert (
            "Werkzeug" not in reply.text
            and "__debugger__" not in reply.text
            and "Traceback" not in reply.text
        )
