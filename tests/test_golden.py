"""Golden file: fixtures/source.txt (the 2020 list) → tests/golden/source.json.

The golden file is reviewed data, checked by hand against the document row by
row. Regenerate it only with ``pytest --update-golden`` and read the diff.
"""

from __future__ import annotations


import pytest

from extract.models import iter_nodes
from extract.pipeline import parse_file

from .paths import FIXTURE, GOLDEN_DIR, ROOT

GOLDEN = GOLDEN_DIR / "source.json"


@pytest.fixture
def fixture_json(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)  # so source.path reads fixtures/source.txt, as in the README
    return parse_file("fixtures/source.txt").to_json()  # what `parse` writes


def test_fixture_is_byte_identical_to_shared_copy() -> None:
    shared = ROOT.parent / "shared" / "fixtures" / "source.txt"
    if not shared.exists():
        pytest.skip("no ../shared checkout beside the repository")
    assert FIXTURE.read_bytes() == shared.read_bytes()


def test_golden(fixture_json: str, golden) -> None:
    golden(GOLDEN, fixture_json)


def test_counts_of_the_2020_list() -> None:
    """Counted by hand in the document: 4 areas, 13 strategies, 19 sub-strategies, 57 tasks
    (7 + 6 + 19 + 25 tasks in areas 1–4)."""
    document = parse_file(str(FIXTURE)).document
    kinds = [node.kind for node in iter_nodes(document.children)]
    assert (kinds.count("area"), kinds.count("strategy"), kinds.count("substrategy"), kinds.count("task")) == (
        4,
        13,
        19,
        57,
    )


def test_metadata_of_the_2020_list() -> None:
    document = parse_file(str(FIXTURE)).document
    assert (document.title, document.year) == ("2020 정부혁신 대표과제 목록", 2020)
    assert document.source.document == "정부혁신 종합 추진계획"
    assert (document.source.pages.first, document.source.pages.last) == (36, 40)
    assert [a.label for a in document.children] == ["참여", "협력", "서비스", "일하는 방식"]
    assert sorted({n.kind for n in document.noise}) == [
        "citation",
        "debris",
        "related-links",
        "table-header",
        "trailing-fragment",
    ]
    assert [n.text for n in document.noise if n.kind == "trailing-fragment"] == ["정부혁신으로"]
    assert sum(n.kind == "table-header" for n in document.noise) == 4


def test_every_span_points_at_its_own_text() -> None:
    """The source map: a node's span starts at its marker and ends at its last word."""
    text = FIXTURE.read_text(encoding="utf-8")
    document = parse_file(str(FIXTURE)).document
    for node in iter_nodes(document.children):
        written = " ".join(text[node.span.start : node.span.end].split())
        last = node.agencies[-1].text if node.agencies else (f"({node.label})" if node.label else node.title)
        assert written.startswith(node.marker), node.id
        assert written.endswith(last), node.id
        line_start = text.rfind("\n", 0, node.span.start) + 1
        assert (node.span.line, node.span.column) == (text.count("\n", 0, node.span.start) + 1, node.span.start - line_start + 1)
    for noise in document.noise:
        assert " ".join(text[noise.span.start : noise.span.end].split()) == noise.text
