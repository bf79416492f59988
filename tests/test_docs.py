"""Docs that cannot drift: the README and docs/queries.md list what the code offers."""

from __future__ import annotations

import re

from click.testing import CliRunner

from iucgraph.catalogue import Catalogue
from iucgraph.catalogue.docs import catalogue_markdown
from iucgraph.cli import main
from iucgraph.config import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
START, END = "<!-- catalogue:start", "<!-- catalogue:end -->"


def _readme_catalogue() -> str:
    block = README.split(START, 1)[1].split(END, 1)[0]
    return block.split("-->", 1)[1].strip()


def test_readme_lists_every_named_query_as_the_catalogue_does():
    table = catalogue_markdown().split("\n\n###", 1)[0].strip()
    assert _readme_catalogue() == table, "regenerate: make docs"
    for query in Catalogue.from_directory():
        assert f"`{query.name}`" in _readme_catalogue()


def test_docs_queries_md_is_the_full_generated_catalogue():
    text = (PROJECT_ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert text.strip() == ("# Named queries\n\n" + catalogue_markdown()).strip()


def test_readme_documents_every_command():
    help_text = CliRunner().invoke(main, ["--help"]).output
    commands = re.findall(r"^  (\w[\w-]*)\s", help_text.split("Commands:", 1)[1], re.MULTILINE)
    assert commands, help_text
    for command in commands:
        assert f"`iucgraph {command}" in README, f"README does not document `iucgraph {command}`"
