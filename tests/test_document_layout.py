"""A reader's own lines (parse/layout.py) and lead agencies in a trailing parenthesis.

Documents are built by hand as blocks, the way the PDF/HWP/HWPX readers build them, so each
row says exactly which line is a heading, a title continuation, body text or contents.
"""

from __future__ import annotations

import pytest

from extract.document import PARAGRAPH, Block, Document
from extract.errors import ExitCode, PlanError
from extract.pipeline import parse_document, parse_text


def document(*lines: str | tuple[str, float], wrapped: bool = False) -> Document:
    """Paragraph blocks; a (text, indent) pair sets the line's left edge."""
    blocks = []
    for line in lines:
        text, indent = (line, None) if isinstance(line, str) else line
        blocks.append(Block(PARAGRAPH, text, indent=indent, size=10.0, page=1))
    return Document("plan.hwpx", "hwpx", "0" * 64, tuple(blocks), wrapped=wrapped)


def outline(doc: Document) -> list[tuple[str, str, list[str]]]:
    out = []

    def walk(nodes):
        for node in nodes:
            out.append((node["id"], node["title"], [a["text"] for a in node.get("agencies") or ()]))
            walk(node["children"])

    walk(parse_document(doc).data["children"])
    return out


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # contents page set aside: only the body's headings are nodes
        (
            ["목 차", "Ⅰ. 추진 배경 ········ 1", "Ⅱ. 추진 과제 ········ 3", "Ⅰ. 추진 배경", "□ 현황", "Ⅱ. 추진 과제"],
            [("1", "추진 배경", []), ("1.1", "현황", []), ("2", "추진 과제", [])],
        ),
        # body bullets are not headings and not glued into the heading's title
        (
            ["Ⅰ. 추진 배경", "□ 현황과 문제", "ㅇ 첫째 내용이 길게 이어진다", "- 하위 내용", "□ 개선 방향"],
            [("1", "추진 배경", []), ("1.1", "현황과 문제", []), ("1.2", "개선 방향", [])],
        ),
        # a marker inside a sentence opens nothing
        (
            ["Ⅰ. 추진 배경", "□ 현황 1. 이라는 말이 문장 안에 있다"],
            [("1", "추진 배경", []), ("1.1", "현황 1. 이라는 말이 문장 안에 있다", [])],
        ),
        # a boxed section number comes through as a bare digit; a body bullet that ends in agencies is a task
        (
            ["1 추진 배경", "□ 현황", "ㅇ 공공택지 직접시행 전환 (국토부)", "ㅇ 예산 확대 (57억원)", "2 추진 과제"],
            [("1", "추진 배경", []), ("1.1", "현황", []), ("1.1.1", "공공택지 직접시행 전환", ["국토부"]), ("2", "추진 과제", [])],
        ),
    ],
    ids=["contents", "body-bullets", "mid-line-marker", "boxed-digit-and-bullet-task"],
)
def test_lines_of_a_document(lines: list[str], expected: list[tuple[str, str, list[str]]]) -> None:
    assert outline(document(*lines)) == expected


def test_a_wrapped_heading_continues_only_when_indented_past_its_marker() -> None:
    doc = document(("□ 공공택지 공급을 확대하고", 50.0), ("조기화한다", 62.0), ("본문 문장", 50.0), wrapped=True)
    assert outline(doc) == [("1", "공공택지 공급을 확대하고 조기화한다", [])]


def test_paragraphs_never_continue_a_heading() -> None:
    """An HWP/HWPX paragraph is whole: the next one is not the heading's title, however indented."""
    doc = document(("□ 공공택지 공급 확대", 50.0), ("조기화한다", 62.0))
    assert outline(doc) == [("1", "공공택지 공급 확대", [])]


def test_a_text_layer_without_hangul_needs_ocr() -> None:
    doc = document("1 □ 2 · 3", "Ⅰ 4 5 6 7 8 9 10")
    with pytest.raises(PlanError) as caught:
        parse_document(doc)
    assert caught.value.code == ExitCode.BAD_INPUT
    assert "OCR is needed" in caught.value.msg


@pytest.mark.parametrize(
    ("row", "title", "agencies"),
    [
        ("① 과제 추진 (행안부)", "과제 추진", ["행안부"]),
        ("① 과제 추진 (고용부, 중기부)", "과제 추진", ["고용부", "중기부"]),
        ("① 과제 추진 (산업부․중기부 등)", "과제 추진", ["산업부", "중기부"]),
        ("① 과제 추진 (’25.下, 복지부)", "과제 추진", ["복지부"]),
        ("① 과제 추진 (조달청, 행안부, 국정원 등)", "과제 추진", ["조달청", "행안부", "국정원"]),
        ("① 과제 추진 (재경부+금융위)", "과제 추진", ["재경부", "금융위"]),
        # a budget, a count, words: not agencies
        ("① 과제 추진 (57억원)", "과제 추진 (57억원)", []),
        ("① 과제 추진 (3개소)", "과제 추진 (3개소)", []),
        ("① 과제 추진 (가칭)", "과제 추진 (가칭)", []),
    ],
)
def test_lead_agencies_in_a_trailing_parenthesis(row: str, title: str, agencies: list[str]) -> None:
    node = parse_text(row).data["children"][0]
    assert (node["title"], [a["text"] for a in node["agencies"]]) == (title, agencies)
