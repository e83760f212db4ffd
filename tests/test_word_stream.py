"""OCR word streams (one word per line) → lines rebuilt at markers (readers/word_stream.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.models import iter_nodes
from extract.stages.profile import default_profile
from extract.pipeline import parse_document, parse_text
from extract.synthetic import Layout, expected_outline, random_plan, render
from extract.readers.text import decode_bytes, text_document
from extract.readers.word_stream import is_word_stream, word_stream_document

PROFILE = default_profile()


def stream(*lines: str) -> str:
    """A page's printed lines as an OCR tool writes them: every word on a line of its own."""
    return "\n".join(word for line in lines for word in line.split()) + "\n"


PAGE = stream(
    "=== page 9 ===",
    "Ⅲ. 세부 추진과제",
    "1 직접적 성과 공유·확산",
    "O (동반진출) 해외 동반진출시 정부지원 2배 확대 중기부",
    "* (당초) 3년간 최대 10억원",
    "O (공급망) 협력업체 글로벌 공급망 편입 지원 강화산업부+방사청 등",
    ". 방산 분야 협력업체 글로벌 인증 획득 지원 방사청",
    "- 3 -",
).replace("=== page 9 ===", "=== page 9 ===").replace("===\npage\n9\n===", "=== page 9 ===")


def test_a_word_stream_is_known_by_its_shape() -> None:
    assert is_word_stream(PAGE * 10)
    assert not is_word_stream("Ⅰ. 추진 배경\n□ 현황\n" * 100)  # lines of several words
    assert not is_word_stream(PAGE)  # too short to tell


@pytest.mark.parametrize(
    ("expected",),
    [
        (
            [
                "Ⅲ. 세부 추진과제",
                "1 직접적 성과 공유·확산",
                "○ (동반진출) 해외 동반진출시 정부지원 2배 확대 중기부",
                "* (당초) 3년간 최대 10억원",
                "○ (공급망) 협력업체 글로벌 공급망 편입 지원 강화산업부+방사청 등",
                "· 방산 분야 협력업체 글로벌 인증 획득 지원 방사청",
                "- 3 -",
            ],
        )
    ],
)
def test_lines_are_rebuilt_at_markers_and_bullets(expected: list[str]) -> None:
    document = text_document(decode_bytes((PAGE * 10).encode()), PROFILE)
    lines = [b.text for b in document.blocks if b.kind == "paragraph"]
    assert lines[: len(expected)] == expected
    assert {b.page for b in document.blocks} == {9}
    assert document.issues and document.issues[0].code == "ocr-word-stream"


def test_a_word_stream_parses_into_its_tree() -> None:
    data = parse_text(PAGE * 10).data
    part = data["children"][0]
    section = part["children"][0]
    first, second = section["children"][:2]
    assert (part["title"], section["title"]) == ("세부 추진과제", "직접적 성과 공유·확산")
    assert (first["title"], [a["text"] for a in first["agencies"]]) == ("(동반진출) 해외 동반진출시 정부지원 2배 확대", ["중기부"])
    assert (second["title"], [a["text"] for a in second["agencies"]]) == (
        "(공급망) 협력업체 글로벌 공급망 편입 지원 강화",
        ["산업부", "방사청"],
    )
    assert [(c["title"], [a["text"] for a in c["agencies"]]) for c in second["children"]] == [
        ("방산 분야 협력업체 글로벌 인증 획득 지원", ["방사청"])
    ]
    assert "- 3 -" in [n["text"] for n in data["noise"] if n["kind"] == "page-number"]


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(rng=st.randoms(use_true_random=False))
def test_a_random_plan_as_a_word_stream_parses_to_its_tree(rng) -> None:
    """Any plan the parser reads, written one word per line (as OCR tools do), gives the
    same headings, titles and agencies: lines are rebuilt at the markers."""
    nodes = random_plan(rng, PROFILE)
    text = render(nodes, rng, Layout(run_on=0, wrap=0, lost_comma=0))
    words = "\n".join(text.split())
    # The reader itself, whatever the plan's length (a short one would be read as plain text).
    parsed = parse_document(word_stream_document(decode_bytes(words.encode()), PROFILE), PROFILE)
    got = [(n.id, n.title, tuple(a.text for a in n.agencies or ())) for n in iter_nodes(parsed.document.children)]
    assert got == [(row[0], row[3], row[5]) for row in expected_outline(nodes)]
