"""Browser tests: our server with the shipped data on 127.0.0.1, driven by Playwright in
Debian's headless Chromium (/usr/bin/chromium; never a browser downloaded by Playwright).

Prerequisites (installed by the project's set-up): `apt-get install chromium`,
`pip install playwright`, and the vendored web assets (`python3 tools/vendor_assets.py`).
Without them these tests are skipped with the reason, unless IUCGRAPH_E2E_REQUIRED=1 (CI),
which turns a missing prerequisite into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iucgraph.config import PROJECT_ROOT, as_settings
from iucgraph.load import default_paths, load_dataset
from iucgraph.store import open_store
from iucgraph.web import create_app
from tests.web_support import live_server

ROW_CAP = 2_000  # small, so that the truncation display is tested quickly
CHROMIUM = os.environ.get("IUCGRAPH_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
VENDOR = PROJECT_ROOT / "iucgraph" / "web" / "static" / "vendor"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not (VENDOR / "ASSETS.json").exists():
        return "web assets are not vendored (python3 tools/vendor_assets.py)"
    return None


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The real application over the shipped ontology and data, served by waitress."""
    reason = _missing()
    if reason:
        if os.environ.get("IUCGRAPH_E2E_REQUIRED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    settings = as_settings({"row_cap": ROW_CAP})
    store = open_store(settings)
    store.replace(load_dataset(default_paths(settings.paths)).dataset)
    app = create_app(settings, store=store)
    with live_server(app) as url:
        yield url
    close = getattr(store, "close", None)
    if close is not None:
        close()


@pytest.fixture(scope="session")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors, uncaught exceptions and failed requests seen by a page."""

    def __init__(self, page: Any) -> None:
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.messages.append(f"page error: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.messages.append(f"HTTP {response.status}: {response.url}")

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "warning") and "Content-Security-Policy" in msg.text:
            self.messages.append(f"CSP: {msg.text}")
        elif msg.type == "error":
            self.messages.append(f"console error: {msg.text}")

    def _failed(self, request: Any) -> None:
        failure = request.failure or ""
        if "ERR_ABORTED" not in failure:  # navigation away aborts pending fetches
            self.messages.append(f"request failed: {request.url} {failure}")


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.problems = PageProblems(page)
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
