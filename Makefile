# Two entry points for a fresh machine: `make run` serves the graph, `make test` checks everything.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck build validate clean docs

$(STAMP): setup.cfg pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
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

test: $(STAMP) lint typecheck
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) dist build *.egg-info

docs: $(STAMP)
	$(PY) -m tools.render_docs
