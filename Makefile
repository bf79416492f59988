# Two entry points for a fresh machine: `make run` serves the graph, `make test` checks everything.
# Both create .venv and install what they need; `make test` also installs Debian's chromium (for
# the browser tests; needs root, as on CI) and the npm assets of the web pages.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ASSETS := iucgraph/web/static/vendor/.installed
BROWSER := $(VENV)/.browser
APT := DEBIAN_FRONTEND=noninteractive apt-get -qq -o=Dpkg::Use-Pty=0

.PHONY: run test lint typecheck build validate clean docs assets bench

$(STAMP): setup.cfg pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The web pages' third-party assets, pinned by web/package-lock.json (npm ci + esbuild).
$(ASSETS): web/package.json web/package-lock.json web/src/editor.js tools/vendor_assets.py
	command -v npm >/dev/null || ($(APT) update && $(APT) install -y npm)
	python3 tools/vendor_assets.py
	touch $(ASSETS)

assets: $(ASSETS)

# Debian's Chromium for the browser tests (never a downloaded browser), a CJK font so that
# Chinese labels are readable in the screenshots, and Virtuoso's server binaries (the second
# remote engine the store layer is tested against; no service is started).
$(BROWSER): $(STAMP)
	(test -x /usr/bin/chromium && fc-list 2>/dev/null | grep -qi zenhei && \
		command -v virtuoso-t >/dev/null) || \
		($(APT) update && $(APT) install -y --no-install-recommends \
			chromium fonts-wqy-zenhei virtuoso-opensource-7-bin)
	touch $(BROWSER)

run: $(STAMP) $(ASSETS)
	$(VENV)/bin/iucgraph serve

build: $(STAMP)
	$(VENV)/bin/iucgraph build

validate: $(STAMP)
	$(VENV)/bin/iucgraph validate

lint: $(STAMP)
	$(VENV)/bin/ruff check iucgraph tests tools bench
	$(VENV)/bin/ruff format --check iucgraph tests tools bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: $(STAMP) $(ASSETS) $(BROWSER) lint typecheck
	IUCGRAPH_E2E_REQUIRED=1 IUCGRAPH_VIRTUOSO_REQUIRED=1 $(VENV)/bin/pytest

docs: $(STAMP)
	$(PY) -m tools.render_docs

bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) -m bench.sparql_bench

clean:
	rm -rf $(VENV) dist build *.egg-info iucgraph/web/static/vendor web/node_modules
