"""`python -m iucgraph` runs the command line."""

from iucgraph.cli import main

main()
