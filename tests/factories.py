"""Small factories that turn parse results into rows a test table can state by hand."""

from __future__ import annotations

from extract.models import Node, PlanDocument, iter_nodes
from extract.pipeline import parse_text


def outline(document: PlanDocument) -> list[str]:
    """One line per node: ``id marker title [(label)] [| agency, agency]``."""
    return [_line(node) for node in iter_nodes(document.children)]


def _line(node: Node) -> str:
    line = f"{node.id} {node.marker} {node.title}"
    if node.label is not None:
        line += f" ({node.label})"
    if node.agencies is not None:
        line += " |" + "".join(f"{',' if i else ''} {a.text}" for i, a in enumerate(node.agencies))
    return line


def parse(text: str) -> PlanDocument:
    return parse_text(text).document


def task_row(row: str) -> Node:
    """Parse one task row, ``① <row>``, and return its node."""
    document = parse(f"① {row}")
    assert len(document.children) == 1, outline(document)
    return document.children[0]


def codes(document: PlanDocument) -> list[str]:
    return [d.code for d in document.diagnostics]


def node_shape(n: Node) -> tuple:
    """A node and its subtree as a reader sees them, spans left out."""
    agencies = None if n.agencies is None else tuple((a.text, a.name) for a in n.agencies)
    return (n.id, n.kind, n.marker, n.number, n.title, n.label, agencies, tuple(node_shape(c) for c in n.children))


def tree_shape(document: PlanDocument) -> tuple:
    """Everything a reader of the tree sees, spans left out (layout moves them)."""
    return (
        document.title,
        document.year,
        document.source.document,
        document.source.pages,
        tuple(node_shape(c) for c in document.children),
        tuple((x.kind, x.text) for x in document.noise),
    )


def plan_shape(document: PlanDocument) -> tuple:
    """The plan itself — title, year, tree — without what depends on the medium (noise, source)."""
    return (document.title, document.year, tuple(node_shape(c) for c in document.children))
