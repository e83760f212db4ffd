"""PDF input: the 2020 list as a PDF table gives the tree the text gives, on both engines.

The fixtures are drawn by scripts/make_pdf_fixtures.py in two layouts (A4 with a
full grid; 2-up A5 with horizontal rules only, other widths and wrap points).
Where a node or a piece of furniture stands was read off the PDFs by hand with
poppler's ``pdftotext -layout``, not from plan-extract's output.
"""

from __future__ import annotations

import hashlib
import itertools

import pytest

from extract.models import iter_nodes
from extract.pipeline import load, parse_file
from extract.stages.profile import load_profile
from extract.stages.compose import compose
from extract.readers.pdf.reader import read_pdf

from .factories import node_shape, plan_shape
from .lossless import assert_lossless
from .paths import FIXTURE, PDF_FIXTURES

ENGINES = ("pdfium", "pdfplumber")
CASES = list(itertools.product(PDF_FIXTURES, ENGINES))
CASE_IDS = [f"{name}-{engine}" for name, engine in CASES]
TEXT = parse_file(str(FIXTURE)).document

_parsed: dict[tuple[str, str], object] = {}


def parsed(name: str, engine: str, pages: str | None = None):
    """Parse each fixture once per engine (pdfplumber takes about a second)."""
    key = (name, engine, pages)
    if key not in _parsed:
        _parsed[key] = load(str(PDF_FIXTURES[name]), engine=engine, pages=pages)
    return _parsed[key]


@pytest.mark.parametrize(("name", "engine"), CASES, ids=CASE_IDS)
def test_pdf_gives_the_tree_the_text_gives(name: str, engine: str) -> None:
    assert plan_shape(parsed(name, engine).document) == plan_shape(TEXT)


@pytest.mark.parametrize("name", PDF_FIXTURES)
def test_both_engines_give_identical_json(name: str) -> None:
    assert parsed(name, "pdfium").document.to_json() == parsed(name, "pdfplumber").document.to_json()


@pytest.mark.parametrize(("name", "engine"), CASES, ids=CASE_IDS)
def test_a_clean_table_parses_without_diagnostics(name: str, engine: str) -> None:
    """No agency-column disagreement, no unknown agency, no lost text: nothing to say."""
    assert parsed(name, engine).document.diagnostics == []


@pytest.mark.parametrize(("name", "engine"), CASES, ids=CASE_IDS)
def test_lossless(name: str, engine: str) -> None:
    assert_lossless(parsed(name, engine))


@pytest.mark.parametrize("name", PDF_FIXTURES)
def test_source_info(name: str) -> None:
    source = parsed(name, "pdfium").document.source
    assert (source.format, source.encoding) == ("pdf", None)
    assert source.path == str(PDF_FIXTURES[name])
    assert source.sha256 == hashlib.sha256(PDF_FIXTURES[name].read_bytes()).hexdigest()


# The first node on each PDF page (the narrow fixture has two printed pages a sheet),
# read off `pdftotext -layout`.
FIRST_ON_PAGE = {
    "plan-2020": {1: "1", 2: "3.1.3", 3: "4", 4: "4.3.2.1"},  # 분야 1, 1-3. 혁신지향…, 분야 4, ① 국·과장…
    "plan-2020-narrow": {1: "1", 2: "3.2.3.2", 3: "4.3.3.1"},  # 분야 1, ② 비대면…, ① 온라인 ‘혁신 라이브러리’…
}


@pytest.mark.parametrize(("name", "engine"), CASES, ids=CASE_IDS)
def test_every_node_carries_its_page(name: str, engine: str) -> None:
    nodes = list(iter_nodes(parsed(name, engine).document.children))
    pages = [node.span.page for node in nodes]
    assert None not in pages
    assert pages == sorted(pages)
    first = {}
    for node in nodes:
        first.setdefault(node.span.page, node.id)
    assert first == FIRST_ON_PAGE[name]


NOISE = {
    "plan-2020": [
        item
        for page, number in zip(range(1, 5), range(36, 40))
        for item in [
            ("running-header", "2020년 정부혁신 종합 추진계획", page),
            ("table-header", "대표 과제 주관기관", page),
            ("page-number", f"- {number} -", page),
        ]
    ],
    "plan-2020-narrow": [
        ("table-header", "대표 과제 주관기관", 1),  # on the first printed page only
        ("page-number", "- 36 -", 1),
        ("page-number", "- 37 -", 1),
        ("page-number", "- 38 -", 2),
        ("page-number", "- 39 -", 2),
        ("page-number", "- 40 -", 3),
    ],
}


@pytest.mark.parametrize(("name", "engine"), CASES, ids=CASE_IDS)
def test_page_furniture_is_noise_with_its_page(name: str, engine: str) -> None:
    noise = [(n.kind, n.text, n.span.page) for n in parsed(name, engine).document.noise]
    assert noise == NOISE[name]


@pytest.mark.parametrize("name", PDF_FIXTURES)
def test_spans_point_into_the_composed_text(name: str) -> None:
    """A PDF node's span indexes the text plan-extract composes from the PDF (one line a row)."""
    profile = load_profile()
    text = compose(read_pdf(PDF_FIXTURES[name], profile), lambda header: False).text
    for node in iter_nodes(parsed(name, "pdfium").document.children):
        written = " ".join(text[node.span.start : node.span.end].split())
        last = node.agencies[-1].text if node.agencies else (f"({node.label})" if node.label else node.title)
        assert written.startswith(node.marker) and written.endswith(last), node.id


def test_text_output_has_no_page() -> None:
    assert '"page"' not in TEXT.to_json()


@pytest.mark.parametrize("engine", ENGINES)
def test_pages_option_reads_only_those_pages(engine: str) -> None:
    """Pages 3-4 of plan-2020.pdf hold area 4 whole (pdftotext): it parses to the same subtree."""
    document = parsed("plan-2020", engine, pages="3-4").document
    area_4 = next(node for node in TEXT.children if node.id == "4")
    assert [node_shape(c) for c in document.children] == [node_shape(area_4)]
    assert {node.span.page for node in iter_nodes(document.children)} == {3, 4}
    assert [(d.code, d.message) for d in document.diagnostics] == [
        ("numbering-gap", "area 분야 4 opens without 1: its earlier headings are missing (page 3)")
    ]
