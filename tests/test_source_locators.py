"""Every node of an HWP/HWPX plan points back at its paragraph (issue 12): the span's
section and paragraph name a paragraph of the document that holds the node's marker or the
first words of its title, read from the reader's blocks, not from the parse."""

from __future__ import annotations

import pytest

from benchmarks.accuracy import DEFAULT_CORPUS

FILES = ["2022-01_nikl_work_plan.hwp", "2025-12_mois_work_report.hwp", "2025-01_mois_work_plan.hwpx",
         "2025-12_edu_sw_contract_improvement_plan.hwpx", "2025-12_moel_work_report.hwpx"]


def paragraphs(document) -> dict[tuple[int, int], str]:
    """(section, paragraph) → its text with its label, every paragraph, in cells and boxes too."""
    found: dict[tuple[int, int], str] = {}

    def visit(block) -> None:
        if block.where.paragraph is not None and block.kind == "paragraph":
            key = (block.where.section or 0, block.where.paragraph)
            found[key] = found.get(key, "") + (block.label or "") + block.text
        for cell in block.cells:
            for inner in cell.blocks:
                visit(inner)

    for block in document.blocks:
        visit(block)
    return found


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", FILES)
def test_each_node_names_its_paragraph(name: str) -> None:
    path = DEFAULT_CORPUS / name
    if not path.exists():
        pytest.skip(f"the real-plan corpus is not at {DEFAULT_CORPUS} (CI puts it there)")
    from extract.pipeline import load
    from extract.readers import read_document
    from extract.stages.profile import default_profile

    texts = paragraphs(read_document(path, default_profile()))
    checked = 0
    for node in load(str(path)).document.iter_nodes():
        key = (node.span.section or 0, node.span.paragraph)
        assert node.span.paragraph is not None, node.title
        here = squeeze(texts.get(key, ""))
        # the span starts at the marker: that paragraph holds it, and the title's first words
        # unless the title is in the next cell of a table row (1 | 성 과)
        assert squeeze(node.marker).rstrip(".") in here or squeeze(node.title)[:8] in here, (node.id, node.title, key)
        checked += 1
    assert checked > 10
