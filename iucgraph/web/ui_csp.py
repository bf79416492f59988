"""The Content-Security-Policy of the people's pages, with a fresh style nonce per response.

Pages load only our own files; the API answers fetch() from the same origin. The one
exception: CodeMirror writes its theme into a <style> element, allowed by a nonce that is new
for every response (given to the editor through <meta name="csp-nonce">).
"""

from __future__ import annotations

import secrets

from flask import Response, g

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def csp_nonce() -> str:
    """This response's style nonce (made on first use)."""
    if "iuc_csp_nonce" not in g:
        g.iuc_csp_nonce = secrets.token_urlsafe(18)
    return str(g.iuc_csp_nonce)


def add_headers(resp: Response) -> Response:
    """After-request hook of the page blueprints (http.install keeps headers already set)."""
    resp.headers["Content-Security-Policy"] = PAGE_CSP.format(nonce=csp_nonce())
    resp.headers.setdefault("Cache-Control", "no-cache")
    return resp
