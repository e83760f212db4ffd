"""How far to trust a tree (stages/confidence.py): figures and the low-confidence warning,
on plans written by hand for each case."""

from __future__ import annotations

import pytest

from extract.pipeline import parse_text


def figures(text: str) -> tuple[dict, list[str]]:
    data = parse_text(text).data
    return data["confidence"], [d["code"] for d in data["diagnostics"] if d["code"] == "low-confidence"]


TEN_TASKS = "".join(f"{c} 과제 {i} 추진 행안부\n" for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩", 1))


@pytest.mark.parametrize(
    ("text", "expected", "warns"),
    [
        # a clean list: everything in sequence, every task with its agency
        ("1. 전략\n" + TEN_TASKS, {"claimed": 1.0, "numbering": 1.0, "agencies": 1.0, "score": 1.0}, False),
        # a plan that names no agency anywhere: nothing to measure there
        ("1. 전략\n" + TEN_TASKS.replace(" 행안부", ""), {"claimed": 1.0, "numbering": 1.0, "agencies": None, "score": 1.0}, False),
        # five of ten tasks without agencies: half, and a warning
        (
            "1. 전략\n" + "".join(f"{c} 과제 {i} 추진{' 행안부' if i % 2 else ''}\n" for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩", 1)),
            {"claimed": 1.0, "numbering": 1.0, "agencies": 0.5, "score": 0.5},
            True,
        ),
        # three of eleven headings out of sequence (gaps at ③→⑤, ⑤→⑦, ⑦→⑨)
        (
            "1. 전략\n" + "".join(f"{c} 과제 추진 행안부\n" for c in "①②③⑤⑦⑨⑩⑪⑫⑬"),
            {"claimed": 1.0, "numbering": round(8 / 11, 3), "agencies": 1.0, "score": round(8 / 11, 3)},
            True,
        ),
        # one gap among three headings: a figure, but too little evidence to warn
        ("1. 전략\n① 과제 추진 행안부\n③ 과제 추진 행안부\n", {"claimed": 1.0, "numbering": round(2 / 3, 3), "agencies": 1.0, "score": round(2 / 3, 3)}, False),
        # a prose plan whose items name a body once: those items are no task list, nothing to measure
        (
            "1. 전략\n" + "".join(f"{c} 내용 {i} 설명{' 행안부' if i == 1 else ''}\n" for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩", 1)),
            {"claimed": 1.0, "numbering": 1.0, "agencies": None, "score": 1.0},
            False,
        ),
        # a plan naming a body for six of its ten ○ items: by choice, no task family, no warning
        (
            "1. 전략\n" + "".join(f"○ 내용 {i} 설명{' (행안부)' if i <= 6 else ''}\n" for i in range(1, 11)),
            {"claimed": 1.0, "numbering": 1.0, "agencies": None, "score": 1.0},
            False,
        ),
    ],
    ids=["clean", "no-agencies-at-all", "half-the-tasks-without-agencies", "numbering-broken", "too-little-to-warn", "no-task-family",
         "some-items-name-a-body"],
)
def test_confidence(text: str, expected: dict, warns: bool) -> None:
    confidence, warnings = figures(text)
    assert confidence == expected
    assert bool(warnings) is warns


def test_a_task_family_read_from_a_document_s_lines_is_one_family() -> None:
    """In a reader's lines, a ① line that names no agencies reads as a heading of its family
    (agencies "leaf", same name): still one task family, half of it without agencies."""
    from extract.document import PARAGRAPH, Block, Document
    from extract.pipeline import parse_document

    lines = ["Ⅰ. 추진 과제"] + [f"{c} 과제 {i} 추진" + (" (행안부)" if i % 2 else "") for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑪⑫", 1)]
    blocks = tuple(Block(PARAGRAPH, line, size=10.0, page=1) for line in lines)
    data = parse_document(Document("plan.hwpx", "hwpx", "0" * 64, blocks)).data
    assert data["confidence"]["agencies"] == 0.5
    assert "low-confidence" in [d["code"] for d in data["diagnostics"]]
