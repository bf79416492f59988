"""iucgraph: a knowledge graph of the EU International Urban Cooperation (IUC) programme."""

__version__ = "0.1.0"

__all__ = ["__version__"]
