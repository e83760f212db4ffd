"""The PDF geometry on hand-made pages: words placed by hand → the lines the reader composes.

Layouts the fixtures do not have: no rules at all, no header row, a header on the
first page only, prose in two columns, a 2-up sheet, a wide landscape table. And
the words of a page, and the agency column's say over the registry's.
"""

from __future__ import annotations

import pytest

from extract.document import Block
from extract.readers.pdf.layout import Unit
from extract.readers.pdf.page import Edge, PageContent, Word, build_words
from extract.pipeline import parse_document
from extract.stages.profile import load_profile
from extract.readers.pdf.reader import _Composer, _page_reader

PROFILE = load_profile()
SIZE = 10.0  # every glyph 10 pt wide and high; a space 3 pt
TASK_X, AGENCY_X, TABLE_END = 60.0, 420.0, 530.0  # the agency column starts at 416


def line(text: str, x: float, top: float, page: int = 1) -> list[Word]:
    words = []
    for piece in text.split(" "):
        words.append(Word(piece, x, x + SIZE * len(piece), top, top + SIZE, page))
        x += SIZE * len(piece) + 3
    return words


def row(task: str, agencies: str, top: float) -> list[Word]:
    return line(task, TASK_X, top) + (line(agencies, AGENCY_X, top) if agencies else [])


def hrules(*ys: float, x0: float = 56, x1: float = TABLE_END) -> list[Edge]:
    return [Edge(x0, x1, y, y) for y in ys]


def vrule(x: float, top: float, bottom: float) -> Edge:
    return Edge(x, x, top, bottom)


def page(words: list[Word], edges: list[Edge] = (), width: float = 595, height: float = 842, number: int = 1) -> PageContent:
    return PageContent(number, width, height, words, list(edges), sum(len(w.text) for w in words), 0, 0)


def read(*pages: PageContent) -> list[tuple[str, str, str]]:
    """(kind, task side, agency cell) of each line; a ruled grid's row (``Unit.cells``) as its
    other cells joined, then its agency cell."""
    reader = _page_reader(PROFILE)
    return [_sides(u) for p in pages for u in reader.read(p)]


def _sides(unit: Unit) -> tuple[str, str, str]:
    if not unit.cells:
        return unit.kind, unit.left, unit.right
    left = " ".join(c.text for c in unit.cells if not c.agencies and c.text)
    return unit.kind, left, " ".join(c.text for c in unit.cells if c.agencies)


HEADER = line("대표 과제", 200, 80) + line("주관기관", 440, 80)


def test_ruled_grid_with_header() -> None:
    words = HEADER + row("① 첫째 과제 추진", "행안부", 102)
    # a title wrapped inside its cell, an agency cell wrapped over two lines
    words += line("② 둘째 과제는 제목이", TASK_X, 127) + line("길어서 줄을 바꾼다", TASK_X, 140)
    words += line("기재부, 조달청", AGENCY_X, 127) + line("중기부", AGENCY_X, 140)
    edges = hrules(75, 95, 120, 155) + [vrule(56, 75, 155), vrule(416, 75, 155), vrule(TABLE_END, 75, 155)]
    assert read(page(words, edges)) == [
        ("header", "대표 과제 주관기관", ""),
        ("row", "① 첫째 과제 추진", "행안부"),
        ("row", "② 둘째 과제는 제목이 길어서 줄을 바꾼다", "기재부, 조달청 중기부"),
    ]


def test_a_row_without_a_divider_spans_both_columns() -> None:
    """The area row has no vertical rule at the split: its words past the split are title, not agencies."""
    words = HEADER + line("분야 1 | 아주 긴 분야 제목이 여기 있어서 칸을 넘는다(참여)", TASK_X, 102)
    words += row("① 과제 추진", "행안부", 127)
    edges = hrules(75, 95, 120, 145) + [vrule(416, 75, 95), vrule(416, 120, 145)]
    assert read(page(words, edges)) == [
        ("header", "대표 과제 주관기관", ""),
        ("text", "분야 1 | 아주 긴 분야 제목이 여기 있어서 칸을 넘는다(참여)", ""),  # a line of its own
        ("row", "① 과제 추진", "행안부"),
    ]


def test_no_rules_cells_grouped_by_spacing_agency_cell_centred() -> None:
    """Without rules a wrapped title stays one row (lines 3 pt apart, rows 10 pt apart), and a
    vertically centred agency cell joins the row it sits beside."""
    words = HEADER + line("① 첫째 과제는 제목이", TASK_X, 100) + line("길어서 줄을 바꾼다", TASK_X, 113)
    words += line("행안부", AGENCY_X, 106.5)
    words += row("② 둘째 과제 추진", "기재부", 133)
    words += line("1. 다음 전략", TASK_X, 156) + row("① 셋째 과제 추진", "인사처", 169)
    assert read(page(words)) == [
        ("header", "대표 과제 주관기관", ""),
        ("row", "① 첫째 과제는 제목이 길어서 줄을 바꾼다", "행안부"),
        ("row", "② 둘째 과제 추진", "기재부"),
        ("row", "1. 다음 전략", ""),  # 3 pt above the next row, but a marker opens a row
        ("row", "① 셋째 과제 추진", "인사처"),
    ]


def test_no_header_the_gutter_is_confirmed_by_agency_lists() -> None:
    words = row("① 첫째 과제 추진", "행안부, 기재부", 100) + row("② 둘째 과제 추진", "인사처", 120)
    words += row("③ 셋째 과제 추진", "전 부처", 140)
    assert read(page(words, hrules(95, 115, 135, 155))) == [
        ("row", "① 첫째 과제 추진", "행안부, 기재부"),
        ("row", "② 둘째 과제 추진", "인사처"),
        ("row", "③ 셋째 과제 추진", "전 부처"),
    ]


def test_prose_in_two_columns_is_not_a_table() -> None:
    """A gutter whose right side does not read as agency lists: plain lines, nothing split."""
    words = row("① 첫째 과제 추진", "추진 배경", 100) + row("② 둘째 과제 추진", "기대 효과", 120)
    words += row("③ 셋째 과제 추진", "향후 계획", 140)
    assert read(page(words)) == [
        ("text", "① 첫째 과제 추진 추진 배경", ""),
        ("text", "② 둘째 과제 추진 기대 효과", ""),
        ("text", "③ 셋째 과제 추진 향후 계획", ""),
    ]


def test_the_column_is_carried_to_a_page_without_header() -> None:
    first = page(HEADER + row("① 첫째 과제 추진", "행안부", 100) + row("② 둘째 과제 추진", "기재부", 120))
    second = page(row("③ 셋째 과제 추진", "인사처", 100) + row("④ 넷째 과제 추진", "국조실", 120), number=2)
    assert read(first, second)[-2:] == [("row", "③ 셋째 과제 추진", "인사처"), ("row", "④ 넷째 과제 추진", "국조실")]


def shifted(words: list[Word], dx: float) -> list[Word]:
    return [Word(w.text, w.x0 + dx, w.x1 + dx, w.top, w.bottom, w.page) for w in words]


def test_a_2up_sheet_is_read_left_page_then_right_page() -> None:
    """Two A5 pages on an A4 landscape sheet; the right page's rows sit higher than the left's last."""
    half = 0.6  # scale the A4 layout into each half
    left = HEADER + row("① 첫째 과제 추진", "행안부", 100) + row("② 둘째 과제 추진", "기재부", 300)
    right = row("③ 셋째 과제 추진", "인사처", 100) + row("④ 넷째 과제 추진", "국조실", 120)
    scaled = [Word(w.text, w.x0 * half, w.x1 * half, w.top, w.bottom, 1) for w in left + right]
    # the right page's words: scaled like the left's, then moved over by half the sheet
    words = scaled[: len(left)] + shifted(scaled[len(left) :], 421)
    assert read(page(words, width=842, height=595)) == [
        ("header", "대표 과제 주관기관", ""),
        ("row", "① 첫째 과제 추진", "행안부"),
        ("row", "② 둘째 과제 추진", "기재부"),
        ("row", "③ 셋째 과제 추진", "인사처"),
        ("row", "④ 넷째 과제 추진", "국조실"),
    ]


def test_a_wide_landscape_table_is_not_2up() -> None:
    """A rule runs across the middle gap: one table, not two pages."""
    words = shifted(HEADER + row("① 첫째 과제 추진", "행안부", 100) + row("② 둘째 과제", "기재부", 120), 150)
    edges = hrules(75, 95, 115, 135, x0=200, x1=700)
    assert read(page(words, edges, width=842, height=595)) == [
        ("header", "대표 과제 주관기관", ""),
        ("row", "① 첫째 과제 추진", "행안부"),
        ("row", "② 둘째 과제", "기재부"),
    ]


# --- words -------------------------------------------------------------------------


def glyphs(spec: list[tuple[str, float]], top: float = 100.0, size: float = 10.0):
    return [(text, x, x + size, top, top + size) for text, x in spec]


@pytest.mark.parametrize(
    ("chars", "words"),
    [
        # drawn twice 0.3 pt apart (fake bold) → once
        (glyphs([("분", 0), ("분", 0.3), ("야", 10), ("야", 10.3)]), ["분야"]),
        # a gap over a fifth of the glyph height starts a word, a smaller one does not
        (glyphs([("가", 0), ("나", 12.5), ("다", 24)]), ["가", "나다"]),
        # a blank splits, even without a gap
        (glyphs([("가", 0), (" ", 10), ("나", 10)]), ["가", "나"]),
        # drawn right to left, read left to right
        (glyphs([("다", 20), ("나", 10), ("가", 0)]), ["가나다"]),
        # two lines
        (glyphs([("가", 0)], top=100) + glyphs([("나", 10)], top=120), ["가", "나"]),
        # a shadow: 22 copies 0.12 pt apart (the 2025-12 고용노동부 report's title) → once, as
        # pdfplumber's dedupe_chars chains them; it read 고고고용용용 when each copy was compared
        # with the last one kept
        (glyphs([("고", 0.12 * i) for i in range(22)] + [("용", 10 + 0.12 * i) for i in range(22)]), ["고용"]),
        # the same glyph 1.5 pt apart is no copy, however many
        (glyphs([("가", 0), ("가", 1.5), ("가", 3.0)]), ["가가가"]),
    ],
    ids=["fake-bold", "gap", "blank", "right-to-left", "two-lines", "shadow", "not-a-copy"],
)
def test_build_words(chars, words: list[str]) -> None:
    assert [w.text for w in build_words(chars, 1)] == words


# --- the agency column has the last word ------------------------------------------------


def pdf_parse(rows: list[tuple[str, str]]):
    """Compose rows as read_pdf does (task cell TAB agency cell) and parse them."""
    composer = _Composer("plan.pdf")
    units = [Unit("row", task, cell, 1, 100 + 20 * i, 110 + 20 * i) for i, (task, cell) in enumerate(rows)]
    composer.add(page(line("가", 0, 0)), units)
    return parse_document(composer.document("0" * 64, "pdfium"), PROFILE).document


@pytest.mark.parametrize(
    ("task", "cell", "title", "agencies", "codes"),
    [
        ("① 공공기관 평가 개선", "기재부, 행안부", "공공기관 평가 개선", ["기재부", "행안부"], []),
        ("① 과제 추진", "조달청 중기부", "과제 추진", ["조달청", "중기부"], []),
        ("① 과제 추진", "전 부처", "과제 추진", ["전 부처"], []),
        # the registry alone would take the title's last word for an agency
        ("① 국민참여 혁신위원회", "행안부", "국민참여 혁신위원회", ["행안부"], ["agency-column"]),
        # the registry alone would find no agency at all (SH: 서울주택도시공사, not in the registry)
        ("① 과제 추진", "SH", "과제 추진", ["SH"], ["agency-column", "unknown-agency"]),
        # one unknown agency of three words (the former name of 한국지능정보사회진흥원), then a known one
        (
            "① 과제 추진",
            "한국 정보화 진흥원, 행안부",
            "과제 추진",
            ["한국 정보화 진흥원", "행안부"],
            ["agency-column", "unknown-agency"],
        ),
    ],
    ids=["two", "no-comma", "two-word-alias", "title-ends-like-an-agency", "unknown", "multi-word-unknown"],
)
def test_the_agency_cell_is_the_agency_list(task: str, cell: str, title: str, agencies: list[str], codes: list[str]) -> None:
    document = pdf_parse([(task, cell)])
    node = document.children[0]
    assert (node.title, [a.text for a in node.agencies]) == (title, agencies)
    assert [d.code for d in document.diagnostics] == codes


def cells(*pages: PageContent) -> list[tuple[str, ...]]:
    """Each line as its cells (a ruled grid's row) or its text."""
    reader = _page_reader(PROFILE)
    out = []
    for p in pages:
        for u in reader.read(p):
            out.append(tuple(f"{c.text}{' [agencies]' if c.agencies else ''}" for c in u.cells) if u.cells else (u.kind, u.left))
    return out


# A four-column grid: 과제 (56-250) | 일정 with a Gantt chart (250-350) | 소관부처 (350-450) | 비고 (450-530).
GRID_COLUMNS = (56.0, 250.0, 350.0, 450.0, 530.0)
GRID_HEADER = line("세부추진과제", 100, 80) + line("추진일정", 270, 80) + line("소관부처", 370, 80) + line("비고", 470, 80)


def grid_edges(*ys: float, top: float = 75, bottom: float = 200) -> list[Edge]:
    return hrules(*ys, x0=56, x1=530) + [vrule(x, top, bottom) for x in GRID_COLUMNS]


def test_a_grid_with_the_agency_column_in_the_middle_and_a_gantt_chart() -> None:
    """Columns from the rules across the header row; the drawn bars of the schedule column
    (boxes inside it) cut no row; every cell keeps its column."""
    words = GRID_HEADER + line("· 첫째 과제 추진", TASK_X, 102) + line("산업부, 미래부", 360, 102) + line("신규", 470, 102)
    words += line("· 둘째 과제는 제목이", TASK_X, 125) + line("길어서 줄을 바꾼다", TASK_X, 138) + line("환경부", 360, 131)
    bars = [Edge(260, 330, 104, 104), Edge(260, 330, 110, 110), Edge(280, 340, 128, 128), Edge(280, 340, 135, 135)]
    assert cells(page(words, grid_edges(75, 95, 120, 155, bottom=155) + bars)) == [
        ("header", "세부추진과제 추진일정 소관부처 비고"),
        ("· 첫째 과제 추진", "", "산업부, 미래부 [agencies]", "신규"),
        ("· 둘째 과제는 제목이 길어서 줄을 바꾼다", "", "환경부 [agencies]", ""),
    ]


def test_a_task_spanning_several_action_rows_is_one_row() -> None:
    """Rows are cut by the rules across the task column: a task cell spanning three action rows
    (rules across the other columns only) is one row, with all their agencies."""
    words = GRID_HEADER + line("✓ 공공택지 직접시행 전환", TASK_X, 115)
    words += line("시행령", 270, 102) + line("국토교통부", 360, 102)
    words += line("지침", 270, 122) + line("조달청", 360, 122)
    words += line("고시", 270, 142) + line("국토교통부", 360, 142)
    inner = [Edge(250, 530, 118, 118), Edge(250, 530, 138, 138)]
    assert cells(page(words, grid_edges(75, 95, 158, bottom=158) + inner)) == [
        ("header", "세부추진과제 추진일정 소관부처 비고"),
        ("✓ 공공택지 직접시행 전환", "시행령 지침 고시", "국토교통부 조달청 국토교통부 [agencies]", ""),
    ]


def test_dotted_rules_and_cells_drawn_as_separate_boxes_are_joined() -> None:
    """A dotted row rule (dots 0.5 pt long, 1 pt apart) and a header drawn as one box per cell,
    with gaps between the boxes, still make one grid."""
    words = GRID_HEADER + row("· 첫째 과제 추진", "", 102) + line("행안부", 360, 102)
    words += row("· 둘째 과제 추진", "", 127) + line("기재부", 360, 127)
    dots = [Edge(56 + 1.5 * i, 56.5 + 1.5 * i, 120, 120) for i in range(316)]
    boxes = [Edge(a + 2, b - 2, y, y) for a, b in zip(GRID_COLUMNS, GRID_COLUMNS[1:]) for y in (75, 95)]
    sides = [vrule(x + d, 75, 145) for x in GRID_COLUMNS[1:-1] for d in (-2, 2)] + [vrule(56, 75, 145), vrule(530, 75, 145)]
    assert cells(page(words, dots + boxes + sides + hrules(145))) == [
        ("header", "세부추진과제 추진일정 소관부처 비고"),
        ("· 첫째 과제 추진", "", "행안부 [agencies]", ""),
        ("· 둘째 과제 추진", "", "기재부 [agencies]", ""),
    ]


def test_a_section_row_across_the_grid_is_a_line() -> None:
    words = GRID_HEADER + line("3-1. 첨단융합 녹색기술 개발", TASK_X, 102)
    words += line("· 첫째 과제 추진", TASK_X, 127) + line("산업부", 360, 127)
    edges = hrules(75, 95, 120, 145) + [vrule(56, 75, 145), vrule(530, 75, 145)]
    edges += [vrule(x, 75, 95) for x in GRID_COLUMNS[1:-1]] + [vrule(x, 120, 145) for x in GRID_COLUMNS[1:-1]]
    assert cells(page(words, edges)) == [
        ("header", "세부추진과제 추진일정 소관부처 비고"),
        ("text", "3-1. 첨단융합 녹색기술 개발"),
        ("· 첫째 과제 추진", "", "산업부 [agencies]", ""),
    ]


def test_indents_are_measured_from_the_printed_page_s_margin() -> None:
    """A booklet sets odd and even pages at different margins: the same level has one indent."""
    reader = _page_reader(PROFILE)
    composer = _Composer("plan.pdf")
    for number, margin in ((1, 60), (2, 80), (3, 60), (4, 80)):
        content = page(line("□ 첫째 내용", margin, 100) + line("ㅇ 세부 내용", margin + 12, 120), number=number)
        composer.add(content, reader.read(content))
    document = composer.document("0" * 64, "pdfium")
    indents = [(b.text, b.indent) for b in document.blocks if b.text]
    assert indents == [("□ 첫째 내용", 60.0), ("ㅇ 세부 내용", 72.0)] * 4  # even pages shifted onto odd ones


def test_a_label_or_subscript_set_lower_stays_on_its_line() -> None:
    """'(대상)' in a smaller boxed font, 3 pt lower, and the ₂ of CO₂ are on the line they sit on;
    the next line (its middle below this line's bottom) is a line of its own."""
    words = line("□", 56, 100) + [Word("(대상)", 80, 110, 103.01, 113.2, 1)] + line("LH가 조성 중인", 120, 100)
    words += line("Non-CO", 60, 130) + [Word("2", 131, 135, 134.5, 141, 1)] + line("저감기술 개발", 140, 130)
    words += line("다음 줄", 84, 145)
    reader = _page_reader(PROFILE)
    assert [u.left for u in reader.read(page(words))] == [
        "□ (대상) LH가 조성 중인", "Non-CO 2 저감기술 개발", "다음 줄"
    ]


@pytest.mark.parametrize(
    ("words", "size"),
    [
        # a dingbat opening the line, drawn smaller and lower than the text: the text's size
        ([Word("➋", 60, 68, 102, 110, 1), *line("(규제개선) 맹꽁이 신속 이주를 위해", 80, 100)], SIZE),
        # a superscript note mark: the text's size
        ([*line("국비지원", 60, 100), Word("*", 100, 104, 97, 103, 1), *line("재원 조달", 108, 100)], SIZE),
        # most of the text larger than one small word: the larger
        ([Word("(단위)", 60, 90, 102, 108, 1), *line("공공주택 복합개발 추진", 100, 100)], SIZE),
    ],
    ids=["dingbat-lower", "superscript", "small-word"],
)
def test_a_line_s_type_size_is_that_of_most_of_its_text(words: list[Word], size: float) -> None:
    reader = _page_reader(PROFILE)
    (unit,) = reader.read(page(words))
    assert unit.height == size


def test_a_merged_agency_cell_names_the_agency_of_each_row_it_spans() -> None:
    """One agency beside three rows (no rule between them in its column) is each row's; the
    next cell, ruled off, is its own row's. An agency column with no rule inside the table
    says nothing of merges: the rows keep what they have."""
    words = GRID_HEADER + line("· 첫째 교육", TASK_X, 102) + line("· 둘째 교육", TASK_X, 122) + line("· 셋째 교육", TASK_X, 142)
    words += line("시 교육청", 360, 122) + line("· 넷째 교육", TASK_X, 162) + line("학교", 360, 162)
    task_rules = hrules(118, 138, 158, x0=56, x1=350)  # across the task and schedule columns only
    edges = grid_edges(75, 95, 178, bottom=178) + task_rules + hrules(158, x0=350, x1=530)
    assert cells(page(words, edges)) == [
        ("header", "세부추진과제 추진일정 소관부처 비고"),
        ("· 첫째 교육", "", "시 교육청 [agencies]", ""),
        ("· 둘째 교육", "", "시 교육청 [agencies]", ""),
        ("· 셋째 교육", "", "시 교육청 [agencies]", ""),
        ("· 넷째 교육", "", "학교 [agencies]", ""),
    ]
    unruled = grid_edges(75, 95, 178, bottom=178) + task_rules
    assert cells(page(words, unruled))[1:] == [
        ("text", "· 첫째 교육"), ("· 둘째 교육", "", "시 교육청 [agencies]", ""), ("text", "· 셋째 교육"), ("· 넷째 교육", "", "학교 [agencies]", ""),
    ]


def test_sheet_numbers_atop_pages_are_headings_not_running_headers() -> None:
    """Lines alike but for their digits atop several pages are running headers, unless each
    is printed once and no number of theirs keeps in step with the page: '【참고자료 N】' atop
    pages 1, 2 and 4 number sheets; '기본계획 27' atop pages 1-3 prints the page number."""

    def first_lines(*tops: str) -> list[Block]:
        reader = _page_reader(PROFILE)
        composer = _Composer("plan.pdf")
        for number, top in enumerate(tops, 1):
            content = page(line(top, 60, 40, number) + line("본문 내용이 이어진다", 60, 300, number), number=number)
            composer.add(content, reader.read(content))
        return [b for b in composer.document("0" * 64, "pdfium").blocks if b.text and b.text != "본문 내용이 이어진다"]

    sheets = first_lines("【참고자료 1】", "【참고자료 2】", "본문 3", "【참고자료 3】")
    assert [(b.text, b.furniture) for b in sheets] == [("【참고자료 1】", None), ("【참고자료 2】", None), ("본문 3", None), ("【참고자료 3】", None)]
    headers = first_lines("기본계획 27", "기본계획 28", "기본계획 29")
    assert [b.furniture for b in headers] == ["running-header"] * 3
    repeated = first_lines("【참고자료 1】", "【참고자료 1】", "【참고자료 2】")
    assert [b.furniture for b in repeated] == ["running-header"] * 3
    # the same line atop every sixth page only (a banner over each area's first page) runs on no page to the next
    banners = first_lines("세부추진과제 목록", "본문 2", "본문 3", "본문 4", "본문 5", "본문 6", "세부추진과제 목록")
    assert [b.furniture for b in banners if b.text == "세부추진과제 목록"] == [None, None]


@pytest.mark.parametrize(
    ("agency_lines", "expected"),
    [
        # three evenly spaced lines across two rows: one merged cell's paragraph, each row's
        ([("교육(지원)청", 106), ("및 유관기관", 118), ("합동", 130)], ["교육(지원)청 및 유관기관 합동"] * 2),
        # each row's own agency, one line each: two lines say nothing of a merge
        ([("교육청", 106), ("학교", 126)], ["교육청", "학교"]),
        # three lines unevenly spaced (two beside the first row, one beside the second): their own
        ([("교육청", 100), ("시청", 110), ("학교", 130)], ["교육청 시청", "학교"]),
        # two lines one line-pitch apart across the rule between the rows: one paragraph
        ([("동·서부교육지원청", 107), ("(평생교육복지과)", 119)], ["동·서부교육지원청 (평생교육복지과)"] * 2),
    ],
    ids=["one-paragraph-across-rows", "one-line-each", "uneven-lines", "two-lines-set-across"],
)
def test_a_merged_agency_cell_set_across_its_rows(agency_lines, expected) -> None:
    """A merged agency cell (no rule between its rows in its column) whose text stands beside
    both rows ('교육(지원)청 / 및 유관기관 / 합동') names the whole text for each row."""
    words = GRID_HEADER + line("· 첫째 점검", TASK_X, 102) + line("· 둘째 점검", TASK_X, 126) + line("· 셋째 점검", TASK_X, 146)
    for text, top in agency_lines:
        words += line(text, 360, top)
    words += line("시청", 360, 146)
    edges = grid_edges(75, 95, 160, bottom=160) + hrules(118, x0=56, x1=350) + hrules(140)  # the agency column ruled below
    rows = cells(page(words, edges))[1:]
    assert [r[2].removesuffix(" [agencies]") for r in rows] == [*expected, "시청"]


def test_a_line_in_a_box_of_its_own_above_a_grid_is_framed() -> None:
    """On a page whose rules are read for its grid, a line drawn in a box of its own (rules
    above, below, left and right of it, no taller than a line) is framed; a line between two
    rules only (a caption between tables) is not."""
    boxed = line("세부추진과제 목록", 70, 42)
    caption = line("단위 억원", 70, 62)
    box = hrules(38, 55, x0=60, x1=170) + [vrule(60, 38, 55), vrule(170, 38, 55)]
    words = boxed + caption + GRID_HEADER + line("· 첫째 과제", TASK_X, 102) + line("산업부", 360, 102)
    edges = box + hrules(58, x0=56, x1=530) + grid_edges(75, 95, 118, bottom=118)
    units = _page_reader(PROFILE).read(page(words, edges))
    assert [(u.left, u.framed) for u in units if u.kind == "text"] == [("세부추진과제 목록", True), ("단위 억원", False)]


# A category table: 설립 구분 (56-180) | 학교급 (180-350) | 담당 부서 (350-530); no title column.
CATEGORY_COLUMNS = (56.0, 180.0, 350.0, 530.0)
CATEGORY_HEADER = line("설립 구분", 80, 80) + line("학교급", 240, 80) + line("담당 부서", 400, 80)


def category_edges(*ys: float, bottom: float) -> list[Edge]:
    return hrules(75, 95, bottom, x0=56, x1=530) + [vrule(x, 75, bottom) for x in CATEGORY_COLUMNS] + list(ys)


def category_page() -> PageContent:
    words = line("가. 인건비 주관부서", 60, 50) + CATEGORY_HEADER + line("공립", 100, 111) + line("유·초·중", 240, 101) + line("교육지원청", 400, 101)
    words += line("고·특수", 240, 121) + line("시 교육청", 400, 121)
    words += line("국립", 100, 141) + line("초·중·고", 240, 141) + line("교육지원청", 400, 141)
    return page(words, category_edges(Edge(180, 530, 116, 116), Edge(56, 530, 136, 136), bottom=156))


def test_a_category_cell_over_rows_with_their_own_agencies_is_each_row_s() -> None:
    """Rules inside a task-column cell's height cross the agency column (and the label
    column), each part naming its own body: the row is split there, the category cell's
    words in every part; each part's own words stay in it."""
    assert cells(category_page())[2:] == [
        ("공립", "유·초·중", "교육지원청 [agencies]"),
        ("공립", "고·특수", "시 교육청 [agencies]"),
        ("국립", "초·중·고", "교육지원청 [agencies]"),
    ]


def test_a_category_table_s_tasks_are_titled_by_category_and_label() -> None:
    """Every row of a column that holds a category over several rows is titled by its
    category and its own label (국립, one row high, too: the column is one of categories)."""
    reader, composer = _page_reader(PROFILE), _Composer("plan.pdf")
    composer.add(category_page(), reader.read(category_page()))
    document = parse_document(composer.document("0" * 64, "pdfium"), PROFILE).document
    (heading,) = document.children
    assert [(n.title, [a.text for a in n.agencies]) for n in heading.children] == [
        ("공립 유·초·중", ["교육지원청"]),
        ("공립 고·특수", ["시 교육청"]),
        ("국립 초·중·고", ["교육지원청"]),
    ]


@pytest.mark.parametrize("numbered", [False, True], ids=["title-first", "number-column-first"])
def test_a_title_column_s_cell_over_several_agency_cells_stays_one_task(numbered: bool) -> None:
    """The same drawing in a table with a title column (정책 과제, first or after a 번호
    column): the cell is a task over several actions, one row with all their agencies."""
    header = line("정책 과제", 80, 80) + line("조치사항", 240, 80) + line("소관부서", 400, 80)
    words = header + line("공공택지", 100, 111) + line("시행령", 240, 101) + line("국토교통부", 400, 101)
    words += line("지침", 240, 121) + line("조달청", 400, 121)
    edges = category_edges(Edge(180, 530, 116, 116), bottom=136)
    if numbered:  # a narrow 번호 column left of the title's (56-75)
        words += line("번호", 57, 80) + line("1", 60, 111)
        edges += [vrule(75, 75, 136)]
        expected = [("1", "공공택지", "시행령 지침", "국토교통부 조달청 [agencies]")]
    else:
        expected = [("공공택지", "시행령 지침", "국토교통부 조달청 [agencies]")]
    assert [tuple(c for c in row if c) for row in cells(page(words, edges))[1:]] == expected


def test_a_category_split_by_a_rule_inside_it_names_rows_by_its_inner_part() -> None:
    """One 구분 header over two parts (a vertical rule inside the column below the header):
    the inner part is the category the row is read by; the outer part is kept, after the
    row's cells, in its first row only."""
    header = line("구분", 100, 80) + line("점검주관", 240, 80) + line("내용", 400, 80)
    words = header + line("정기", 60, 111) + line("위생점검", 110, 111) + line("학교", 240, 101) + line("자체 점검", 400, 101)
    words += line("교육지원청", 240, 121) + line("관할 학교 전체", 400, 121)
    edges = category_edges(Edge(180, 530, 116, 116), vrule(100, 95, 136), bottom=136)
    assert cells(page(words, edges))[1:] == [
        ("위생점검", "학교 [agencies]", "자체 점검", "정기"),
        ("위생점검", "교육지원청 [agencies]", "관할 학교 전체"),
    ]
