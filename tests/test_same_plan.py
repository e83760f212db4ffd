"""Same plan, same tree (issue 12): the MOEL 2026 work report as HWPX and as its PDF export.

The two must give the same tree — titles (spaces aside: a PDF text layer splits and joins
words by glyph gaps), nesting and agencies — except where the PDF cannot say what the HWPX
says. Each such place is named below with why, checked by looking at the PDF pages
(rendered) beside the HWPX paragraphs; the test fails if one of them goes away too (a fix:
then take it off the list).
"""

from __future__ import annotations

import pytest

from benchmarks.accuracy import DEFAULT_CORPUS, fold

HWPX = DEFAULT_CORPUS / "2025-12_moel_work_report.hwpx"
PDF = DEFAULT_CORPUS / "2025-12_moel_work_report.pdf"

pytestmark = pytest.mark.skipif(
    not (HWPX.exists() and PDF.exists()), reason=f"the real-plan corpus is not at {DEFAULT_CORPUS} (CI puts it there)"
)

# (the heading, folded, where the two differ; what differs: its children, its subtree, or its
# title going on in the PDF; why). Pages are the PDF's (printed page + 1).
KNOWN = [
    (
        "기구및조직현황",
        "children",
        "PDF p. 2, the organisation chart: its boxes hold vertical text (one glyph a line), which the "
        "PDF text layer gives glyph by glyph across the boxes; the HWPX holds the chart as text boxes "
        "whose bullet paragraphs are empty. Neither reading is a heading of the plan.",
    ),
    (
        "추진전략",
        "subtree",
        "PDF p. 6, the 추진과제 box: twelve items ❶–⓬ in three columns with no rule between them, so "
        "the PDF's lines run across the columns ('⑤ 인구구조 변화 속 ⑨ 모든 일하는 사람의'); the HWPX "
        "has each item as its own cell.",
    ),
    (
        "(미래세대청년고용불안)20·30쉬었음청년70만,현상황지속시숙련·자산형성부족등으로노동시장활력저하및경쟁력약화우려(국가부양부담↑)",
        "title",
        "PDF p. 4: the boxed conclusion after it opens with ❖, which the PDF's symbol font writes as "
        "the letter 'v', so it is no bullet and reads as the item's title going on; in the HWPX the box "
        "is a one-cell table whose paragraph opens with ❖, body text.",
    ),
]


def outline(path) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """(folded titles of the ancestors, folded title, agencies) per node, depth first."""
    from extract.pipeline import load

    rows: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = []

    def walk(nodes: list[dict], ancestors: tuple[str, ...]) -> None:
        for node in nodes:
            title = fold(node["title"])
            rows.append((ancestors, title, tuple(a["text"] for a in node.get("agencies") or ())))
            walk(node["children"], (*ancestors, title))

    walk(load(str(path)).data["children"], ())
    return rows


def without_known(rows, kind_of=dict((heading, kind) for heading, kind, _ in KNOWN)):
    """The rows with the known differences taken out: a heading's children, a whole subtree,
    or a title cut to the known heading's own words."""
    out = []
    for ancestors, title, agencies in rows:
        head = next((h for h in KNOWN_TITLES if title.startswith(h)), None)
        if any(kind_of.get(_known(a)) in ("children", "subtree") for a in ancestors):
            continue
        if head is not None and kind_of[head] == "subtree":
            continue
        if head is not None and kind_of[head] == "title":
            title = head
        out.append((tuple(_known(a) for a in ancestors), title, agencies))
    return out


def _known(title: str) -> str:
    """A title cut to the known heading it starts with, if any."""
    return next((h for h in KNOWN_TITLES if title.startswith(h)), title)


KNOWN_TITLES = [heading for heading, _, _ in KNOWN]


def test_the_hwpx_and_its_pdf_give_the_same_tree_but_where_named() -> None:
    hwpx, pdf = outline(HWPX), outline(PDF)
    assert without_known(hwpx) == without_known(pdf)
    assert hwpx != pdf  # the named differences are there


@pytest.mark.parametrize(("heading", "kind", "why"), KNOWN, ids=[k[0] for k in KNOWN])
def test_each_named_difference_is_real(heading: str, kind: str, why: str) -> None:
    hwpx, pdf = outline(HWPX), outline(PDF)

    def part(rows):
        if kind == "title":
            return [title for _, title, _ in rows if title.startswith(heading)]
        inside = [row for row in rows if heading in map(_known, row[0])]
        return inside if kind == "children" else [row for row in rows if row[1].startswith(heading)] + inside

    assert part(hwpx) != part(pdf), f"no longer differs: {why}"
