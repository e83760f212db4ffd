"""A reader's own lines (stages/layout.py) and lead agencies in a trailing parenthesis.

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
        # the contents' last entry, an unnumbered sheet with no page number, is contents when the
        # sheet is printed again (marker spelled otherwise); the body's first heading printed
        # again later is a heading all the same
        (
            ["목 차", "Ⅰ. 추진 배경 ········ 1", "Ⅱ. 추진 과제 ········ 3", "<붙임> 주요사업 추진 로드맵", "Ⅰ. 추진 배경", "□ 현황",
             "Ⅱ. 추진 과제", "붙 임 주요사업 추진 로드맵", "Ⅰ. 추진 배경"],
            [("1", "추진 배경", []), ("1.1", "현황", []), ("2", "추진 과제", []), ("1~2", "주요사업 추진 로드맵", []),
             ("1~2.1", "추진 배경", [])],
        ),
        # a contents page that gives page numbers after a slash, without a 목차 title
        (
            ["Ⅰ. 녹색성장 국가전략 / 17", "1. 비전체계 / 19", "Ⅰ. 녹색성장 국가전략", "1. 비전체계"],
            [("1", "녹색성장 국가전략", []), ("1.1", "비전체계", [])],
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
        # a new numbered level opening a line right after a task is a heading beside it, not text of it
        (
            ["Ⅰ. 추진 과제", "1. 첫째 전략", "ㅇ 공공택지 직접시행 전환 (국토부)", "1-1. 세부 전략", "ㅇ 공급 확대 (국토부)"],
            [
                ("1", "추진 과제", []),
                ("1.1", "첫째 전략", []),
                ("1.1.1", "공공택지 직접시행 전환", ["국토부"]),
                ("1.1.1~2", "세부 전략", []),  # 1-1. is number 1 too: the id's ~2 tells them apart
                ("1.1.1~2.1", "공급 확대", ["국토부"]),
            ],
        ),
        # a leading parenthesis of agencies names the lead; a label like (현황) does not
        (
            ["Ⅰ. 추진 과제", "1) (교육지원청) 학교급식 운영평가 실시", "2) (현황) 급식 만족도 조사", "ㅇ (국토부) 공공택지 공급 확대 (18페이지)",
             "3) [행안부] 디지털 정부 구현"],
            [
                ("1", "추진 과제", []),
                ("1.1", "학교급식 운영평가 실시", ["교육지원청"]),
                ("1.2", "(현황) 급식 만족도 조사", []),
                ("1.2.1", "공공택지 공급 확대", ["국토부"]),
                ("1.3", "디지털 정부 구현", ["행안부"]),
            ],
        ),
        # footnote marks set inside a printed title leave it for the node's references
        (
            ["Ⅰ. 추진 과제", "□ (물량) LH가 직접 시행*하여 착공", "□ 토지이용계획 재검토1｣하고 재조정", "□ 금액기준9)에 따른 계약 방법"],
            [("1", "추진 과제", []), ("1.1", "(물량) LH가 직접 시행하여 착공", []), ("1.2", "토지이용계획 재검토하고 재조정", []),
             ("1.3", "금액기준에 따른 계약 방법", [])],
        ),
        # a ○ line over numbered items is their heading, though a ○ sentence is body text
        (
            ["Ⅰ. 추진 과제", "○ 신분증 플랫폼 제고", "① 플랫폼 개선 (국토부)", "○ 세부 내용을 설명함."],
            [("1", "추진 과제", []), ("1.1", "신분증 플랫폼 제고", []), ("1.1.1", "플랫폼 개선", ["국토부"])],
        ),
        # a labelled line right under a heading names its lead agencies (the partners' does not);
        # such a bullet line elsewhere is no task of its own
        (
            ["Ⅰ. 추진 과제", "1. 디지털 정부 구현", "주관부처 : 행정안전부", "협조부처 : 과기정통부", "□ 과제 목표",
             "ㅇ 국민 편의 제고", "ㅇ 주관기관: 교육부", "2. 데이터 개방", "(주관) 과기정통부"],
            [("1", "추진 과제", []), ("1.1", "디지털 정부 구현", ["행정안전부"]), ("1.1.1", "과제 목표", []),
             ("1.2", "데이터 개방", ["과기정통부"])],
        ),
        # a task marker on a line naming no agencies heads the tasks under it; one that names them stays a task
        (
            ["Ⅰ. 추진 과제", "① 디지털 정부 구현", "- 전자정부 고도화 (행안부)", "- 모바일 신분증 (행안부)", "② 데이터 개방 (과기정통부)"],
            [("1", "추진 과제", []), ("1.1", "디지털 정부 구현", []), ("1.1.1", "전자정부 고도화", ["행안부"]),
             ("1.1.2", "모바일 신분증", ["행안부"]), ("1.2", "데이터 개방", ["과기정통부"])],
        ),
    ],
    ids=["contents", "contents-last-entry-a-sheet", "contents-with-slashes", "body-bullets", "mid-line-marker", "boxed-digit-and-bullet-task", "heading-after-a-task", "leading-parenthesis", "inner-footnote-marks", "bullet-over-numbered-items", "labelled-lead-line", "task-marker-heading-tasks"],
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
        # a body named per item inside the title counts with the trailing one; a partner does not
        ("① 급여 현황(심평원) 및 진료현황 (암센터)", "급여 현황(심평원) 및 진료현황", ["심평원", "암센터"]),
        ("① 생활물가 안정(복지부 협업) 추진 (행안부)", "생활물가 안정(복지부 협업) 추진", ["행안부"]),
        ("① 급여 현황(심평원) 정리", "급여 현황(심평원) 정리", []),
        # a labelled list names its lead (주관, 소관 …), not its partners (협조 …); a role word after a list
        ("① 과제 추진 (주관: 교육부)", "과제 추진", ["교육부"]),
        ("① 과제 추진 (주관: 교육부, 협조: 복지부)", "과제 추진", ["교육부"]),
        ("① 과제 추진 (주관부처: 국토부 / 협조부처: 환경부, 산업부)", "과제 추진", ["국토부"]),
        ("① 과제 추진 (소관: 교육부, 복지부)", "과제 추진", ["교육부", "복지부"]),
        ("① 과제 추진 (교육부 주관)", "과제 추진", ["교육부"]),
        ("① 과제 추진 (교육부·복지부 합동)", "과제 추진", ["교육부", "복지부"]),
        ("① 과제 추진 (주관: 가칭)", "과제 추진 (주관: 가칭)", []),
        ("① 과제 추진 (행안부, 과기부 / 협조: 방통위)", "과제 추진", ["행안부", "과기부"]),
        ("① 과제 추진 (행안부; 참여기관: 방통위)", "과제 추진", ["행안부"]),
        # …but a label that names no bodies after a name is the title's (a law, a budget)
        ("① 과제 추진 (행안부 / 관계법령: 정부조직법)", "과제 추진 (행안부 / 관계법령: 정부조직법)", []),
        ("① 과제 추진 (교육부, 지원: 2억원)", "과제 추진 (교육부, 지원: 2억원)", []),
        # others after the list: 외 (and a count), 등 and a count
        ("① 과제 추진 (환경부 외 5개 부처)", "과제 추진", ["환경부"]),
        ("① 과제 추진 (환경부, 산업부 등 3개 기관)", "과제 추진", ["환경부", "산업부"]),
        # a square bracket of agencies ends a task as a parenthesis does; of anything else, it is the title's
        ("① 과제 추진 [교육부, 복지부]", "과제 추진", ["교육부", "복지부"]),
        ("① 과제 추진 [별표 2]", "과제 추진 [별표 2]", []),
        # an angle bracket too
        ("① 과제 추진 <행안부>", "과제 추진", ["행안부"]),
        ("① 과제 추진 〈국조실, 법제처〉", "과제 추진", ["국조실", "법제처"]),
        ("① 과제 추진 <참고>", "과제 추진 <참고>", []),
        ("① 과제 추진 【주관: 고용부】", "과제 추진", ["고용부"]),
        ("① 과제 추진 〔국조실〕", "과제 추진", ["국조실"]),
        ("① 과제 추진 【참고자료 2】", "과제 추진 【참고자료 2】", []),
        # a name the registry knows that holds a separator is one; a count before it, a division after it, aside
        ("① 과제 추진 (시·도교육청)", "과제 추진", ["시·도교육청"]),
        ("① 과제 추진 (교육부, 17개 시·도교육청)", "과제 추진", ["교육부", "시·도교육청"]),
        ("① 과제 추진 (행정안전부 디지털정부정책과)", "과제 추진", ["행정안전부"]),
        ("① 과제 추진 (담당: 행안부 디지털정부국)", "과제 추진", ["행안부"]),
        ("① 과제 추진 (기재부 기획조정실)", "과제 추진", ["기재부"]),
        ("① 과제 추진 (교육부 정책기획관)", "과제 추진", ["교육부"]),
        ("① 과제 추진 (행안부 재난안전관리본부)", "과제 추진", ["행안부"]),
        # a colon or a dash between the title and the agencies after it is neither's
        ("① 과제 추진 : 행안부", "과제 추진", ["행안부"]),
        ("① 과제 추진 ― 행안부", "과제 추진", ["행안부"]),
    ],
)
def test_lead_agencies_in_a_trailing_parenthesis(row: str, title: str, agencies: list[str]) -> None:
    node = parse_text(row).data["children"][0]
    assert (node["title"], [a["text"] for a in node["agencies"]]) == (title, agencies)


def table(header: tuple[str, ...], *rows: tuple[str, ...]) -> list[Block]:
    """A table as a reader gives it: one ROW block per body row, each cell knowing its column's header."""
    from extract.document import ROW, Cell

    blocks = []
    for r, cells in enumerate(rows, 1):
        blocks.append(
            Block(
                ROW,
                cells=tuple(
                    Cell(r, c, header=header[c], blocks=(Block(PARAGRAPH, text),)) for c, text in enumerate(cells)
                ),
                page=1,
            )
        )
    return blocks


def table_document(*blocks: Block | list[Block]) -> Document:
    flat: list[Block] = []
    for item in blocks:
        flat.extend(item if isinstance(item, list) else [item])
    return Document("plan.hwpx", "hwpx", "0" * 64, tuple(flat))


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        # the agency column last, a schedule between: the title is the first cell only
        (
            ("세부추진과제", "추진일정", "소관부처"),
            [("· 신재생에너지 기술 개발", "’14~’18", "산업부, 미래부")],
            [("1.1", "신재생에너지 기술 개발", ["산업부", "미래부"])],
        ),
        # the agency column first
        (
            ("주관부서", "과제", "일정"),
            [("국토부", "✓ 공공택지 직접시행 전환", "’25.12")],
            [("1.1", "공공택지 직접시행 전환", ["국토부"])],
        ),
        # a ministry with its divisions, named again for another action: one agency
        (
            ("정책 과제", "조치사항", "일정", "소관부서"),
            [("✓ 공공택지 직접시행 전환", "시행령 개정 지구계획 변경", "’25.12", "국토교통부 공공주택정책과 국토교통부 공공택지관리과")],
            [("1.1", "공공택지 직접시행 전환", ["국토교통부"])],
        ),
        # two agencies, each with its division
        (
            ("정책 과제", "소관부서"),
            [("▸ 국공유지 무상취득 기준 명확화", "국토교통부 도시활력지원과 조달청 국유재산관리과")],
            [("1.1", "국공유지 무상취득 기준 명확화", ["국토교통부", "조달청"])],
        ),
        # a column headed just 주관 (or 점검주관), in first place
        (
            ("점검주관", "점검대상"),
            [("교육지원청", "· 학교급식 위생·안전점검")],
            [("1.1", "학교급식 위생·안전점검", ["교육지원청"])],
        ),
        # a public corporation with its department (…처), and a ministry the registry knows
        (
            ("정책 과제", "소관부서"),
            [("▸ 기업이주단지 유형 다양화", "국토교통부 토지정책과 한국토지주택공사 보상기획처")],
            [("1.1", "기업이주단지 유형 다양화", ["국토교통부", "한국토지주택공사"])],
        ),
        # an agency cell abbreviating ministries that share a suffix
        (
            ("세부추진과제", "소관부처"),
            [("· 녹색기술 개발", "미래·산업·환경· 농식품·해수부,농진청")],
            [("1.1", "녹색기술 개발", ["미래부", "산업부", "환경부", "농식품부", "해수부", "농진청"])],
        ),
        # a bullet set against its text (·ICT) opens the row all the same
        (
            ("세부추진과제", "소관부처"),
            [("·ICT 융합 수요관리 기술 확보", "산업부,국토부")],
            [("1.1", "ICT 융합 수요관리 기술 확보", ["산업부", "국토부"])],
        ),
        # a row whose agency cell is empty is a bullet line of the body, not a task
        (
            ("세부추진과제", "소관부처"),
            [("· 대책 마련", "")],
            [],
        ),
        # a title cell with no marker: a task all the same (an empty marker), its agency cell says so
        (
            ("주관", "교육명", "시기"),
            [("시 교육청", "식중독 예방 교육", "2월 중"), ("동·서부 교육지원청", "위생 및 식생활교육", "연중")],
            [("1.1", "식중독 예방 교육", ["시 교육청"]), ("1.2", "위생 및 식생활교육", ["동·서부 교육지원청"])],
        ),
        # an acronym the registry lacks before a name is an agency of its own, no qualifier
        (
            ("주관", "교육명", "시기"),
            [("SH 국토부", "공공주택 공급", "연중")],
            [("1.1", "공공주택 공급", ["SH", "국토부"])],
        ),
        # … but not when the 'agency' cell holds figures (a value column taken for the agency column)
        (
            ("핵심 성과지표", "주관"),
            [("대중교통 수송분담률 (%)", "45.8 (’18)")],
            [],
        ),
        # the title cell's sub-items (a dash after a space) stay beside the title, out of it
        (
            ("세부추진과제", "소관부처"),
            [("·고연비 저탄소차 선순환체계 구축 -제2차 기준 설정 - 협력금 제도 운영", "환경부"), ("·생산·소비 연계 강화", "산업부")],
            [("1.1", "고연비 저탄소차 선순환체계 구축", ["환경부"]), ("1.2", "생산·소비 연계 강화", ["산업부"])],
        ),
        # a schedule column before the title's is no title; a middle dot set apart opens a sub-item;
        # 및 parts two agencies and 합동 (jointly) names none
        (
            ("점검주관", "점검시기", "점검대상 및 내용", "비고"),
            [("학교", "연 1회 이상", "- 납품업체에 대한 위생점검 · 나라장터 이용 학교는 매월 점검", ""),
             ("교육(지원)청 및 유관기관 합동", "3월, 9월", "- 위탁급식 업체 점검", "")],
            [("1.1", "납품업체에 대한 위생점검", ["학교"]), ("1.2", "위탁급식 업체 점검", ["교육(지원)청", "유관기관"])],
        ),
        # a labelled lead in the title cell's end says who leads the work: no title, and the row's agencies are its cell's
        (
            ("점검대상 및 내용", "점검주관"),
            [("- 위탁급식 업체 등 (주관: 식품의약품안전처·시청)", "교육(지원)청")],
            [("1.1", "위탁급식 업체 등", ["교육(지원)청"])],
        ),
        # a middle dot set apart by spaces right after a word or two joins them: no sub-item
        (
            ("세부추진과제", "소관부처"),
            [("· 생산 · 소비 연계 강화", "산업부"), ("· R&D · 사업화 지원 확대", "과기정통부")],
            [("1.1", "생산 · 소비 연계 강화", ["산업부"]), ("1.2", "R&D · 사업화 지원 확대", ["과기정통부"])],
        ),
        # a budget or remarks column first: the title is the next filled cell
        (
            ("소요예산(억원)", "사업명", "주관부처"),
            [("120", "스마트공장 보급", "중기부")],
            [("1.1", "스마트공장 보급", ["중기부"])],
        ),
        # a serial number's column is the row's number, not its title
        (
            ("연번", "과제명", "주관기관"),
            [("1", "디지털 정부 구현", "행안부"), ("2", "데이터 개방", "과기정통부")],
            [("1.1", "디지털 정부 구현", ["행안부"]), ("1.2", "데이터 개방", ["과기정통부"])],
        ),
        # the column a header names for the title wins over a category before it
        (
            ("구분", "과제", "주관"),
            [("정부혁신", "디지털 정부 구현", "행안부")],
            [("1.1", "디지털 정부 구현", ["행안부"])],
        ),
        # 소관 alone, and 책임기관, head an agency column too
        (
            ("과제", "소관"),
            [("디지털 정부 구현", "행안부")],
            [("1.1", "디지털 정부 구현", ["행안부"])],
        ),
        (
            ("과제", "책임기관"),
            [("디지털 정부 구현", "행안부")],
            [("1.1", "디지털 정부 구현", ["행안부"])],
        ),
    ],
    ids=["agency-last", "agency-first", "divisions-and-repeats", "two-agencies-with-divisions", "header-just-jugwan", "corporation-department", "shared-suffix", "glued-bullet", "empty-agency-cell", "no-marker", "acronym-no-qualifier", "figures-no-agency", "sub-items", "schedule-column-first", "labelled-lead-in-title-cell", "spaced-dot-joining-words", "budget-column-first", "serial-number-column", "title-column-named", "header-just-sogwan", "header-chaegim"],
)
def test_a_table_row_with_a_lead_agency_column(header, rows, expected) -> None:
    doc = table_document(Block(PARAGRAPH, "Ⅰ. 추진 과제", page=1), table(header, *rows))
    assert outline(doc) == [("1", "추진 과제", []), *expected]


def test_the_cells_between_title_and_agencies_are_kept_as_noise() -> None:
    doc = table_document(
        Block(PARAGRAPH, "Ⅰ. 추진 과제", page=1),
        table(("정책 과제", "조치사항", "일정", "소관부서"), ("✓ 직접시행 전환", "시행령 개정", "’25.12", "국토부")),
    )
    noise = [(n["kind"], n["text"]) for n in parse_document(doc).data["noise"]]
    assert ("table-cell", "시행령 개정") in noise and ("table-cell", "’25.12") in noise


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a third dash level under 3-1., and a boxed task number without its dot
        (
            ["3-1. 녹색기술 개발", "3-1-1. 핵심기술 개발", "3-1-2. 원천기술 개발"],
            [("1", "녹색기술 개발", []), ("1.1", "핵심기술 개발", []), ("1.2", "원천기술 개발", [])],
        ),
        (
            ["Ⅰ. 추진 과제", "1-1 온실가스 감축 로드맵 이행", "1-2 배출권 거래제 정착"],
            [("1", "추진 과제", []), ("1.1", "온실가스 감축 로드맵 이행", []), ("1.2", "배출권 거래제 정착", [])],
        ),
        # a number in angle brackets is a heading, though < also opens body captions (< 개요 >)
        (
            ["Ⅱ. 평가", "<1> 주요 성과", "< 성과 개요 >", "<2> 한 계"],
            [("2", "평가", []), ("2.1", "주요 성과", []), ("2.2", "한 계", [])],
        ),
        # Ⅵ spelled Ⅴ and a Latin I by a font without the glyph
        (
            ["Ⅴ. 재원", "ⅤI. 기대효과", "ⅥI. 이행 및 점검"],
            [("5", "재원", []), ("6", "기대효과", []), ("7", "이행 및 점검", [])],
        ),
        # an attachment closes every open heading; a reference sheet stays in its chapter
        (
            ["Ⅰ. 추진 배경", "□ 현황", "참고 1 세부 통계", "Ⅱ. 추진 과제", "□ 과제 개요", "붙임 1 정보보호 체계 개요", "붙임 2 추진 경과"],
            [("1", "추진 배경", []), ("1.1", "현황", []), ("1.1.1", "세부 통계", []), ("2", "추진 과제", []),
             ("2.1", "과제 개요", []), ("1~2", "정보보호 체계 개요", []), ("2~2", "추진 경과", [])],
        ),
        # ➀ (a sans-serif dingbat) numbers as ① does
        (
            ["붙임 3 활용 사례", "➀ 취약계층 건강권 연구 (복지부)", "➁ 사회적 건강위험 연구 (복지부)"],
            [("3", "활용 사례", []), ("3.1", "취약계층 건강권 연구", ["복지부"]), ("3.2", "사회적 건강위험 연구", ["복지부"])],
        ),
        # 별첨 as 붙임; a bracketed 참고 without a number is a sheet of the whole plan, though < opens captions
        (
            ["Ⅰ. 추진 과제", "□ 과제 개요", "<참고> 주요 정책 일정표", "1. 1분기 주요 과제", "【별첨】 일반현황", "1 연혁 및 임무"],
            [("1", "추진 과제", []), ("1.1", "과제 개요", []), ("1~2", "주요 정책 일정표", []), ("1~2.1", "1분기 주요 과제", []),
             ("1~3", "일반현황", []), ("1~3.1", "연혁 및 임무", [])],
        ),
        # a boxed number whose title opens with a year or a count
        (
            ["1 성과", "2 조직 및 정원", "3 2022년 예산 현황", "4 3대 추진전략"],
            [("1", "성과", []), ("2", "조직 및 정원", []), ("3", "2022년 예산 현황", []), ("4", "3대 추진전략", [])],
        ),
        # a marker never runs over a line break: a title ending in 전략 or 참고 takes no number from the next line
        (
            ["Ⅰ. 추진 전략", "1. 현황", "2. 추진방안", "Ⅱ. 추진 과제", "1 추진 배경", "□ 세부 내용은 붙임 참고", "2 추진 방향"],
            [("1", "추진 전략", []), ("1.1", "현황", []), ("1.2", "추진방안", []), ("2", "추진 과제", []), ("2.1", "추진 배경", []),
             ("2.1.1", "세부 내용은 붙임 참고", []), ("2.2", "추진 방향", [])],
        ),
        # chapters and sections written 제N장 / 제N절
        (
            ["제1장 총칙", "제1절 목적", "제2절 범위", "제2장 추진과제", "제1절 세부과제"],
            [("1", "총칙", []), ("1.1", "목적", []), ("1.2", "범위", []), ("2", "추진과제", []), ("2.1", "세부과제", [])],
        ),
        # Ⅰ-1. under Ⅰ.; Latin capitals where a plan has no Ⅰ
        (
            ["I. 추진 과제", "Ⅰ-1. 디지털 정부", "Ⅰ-2 데이터 개방", "II. 기대 효과"],
            [("1", "추진 과제", []), ("1.1", "디지털 정부", []), ("1.2", "데이터 개방", []), ("2", "기대 효과", [])],
        ),
        # decimal numbering 1.1 / 1.1.1 under 1.; a decimal quantity before a unit or a parenthesis is none
        (
            ["1. 디지털 정부", "1.1 전자정부 고도화", "1.1.1. 세부 과제", "1.2. 모바일 신분증", "2.5 배 확대", "45.8 (’18)", "2. 데이터 개방"],
            [("1", "디지털 정부", []), ("1.1", "전자정부 고도화", []), ("1.1.1", "세부 과제", []), ("1.2", "모바일 신분증", []),
             ("2", "데이터 개방", [])],
        ),
        # (가), ㉮ and ⑴: a word processor's other numberings
        (
            ["1. 디지털 정부", "⑴ 전자정부", "(가) 모바일 신분증", "㉮ 발급 확대", "⑵ 데이터 개방"],
            [("1", "디지털 정부", []), ("1.1", "전자정부", []), ("1.1.1", "모바일 신분증", []), ("1.1.1.1", "발급 확대", []), ("1.2", "데이터 개방", [])],
        ),
        # named tasks, closed by a dot, a colon or a bracket; ❍ and ◯ as ○, ▢ as □
        (
            ["Ⅰ. 추진 과제", "과제 1. 디지털 정부", "❍ 전자정부 고도화 (행안부)", "[과제2] 데이터 개방", "◯ 공공데이터 개방 (과기정통부)", "▢ 세부 일정"],
            [("1", "추진 과제", []), ("1.1", "디지털 정부", []), ("1.1.1", "전자정부 고도화", ["행안부"]), ("1.2", "데이터 개방", []),
             ("1.2.1", "공공데이터 개방", ["과기정통부"]), ("1.2.1.1", "세부 일정", [])],
        ),
        # a marker touching an opening bracket or quote opens its line all the same
        (
            ["가. 근거", "1)「학교급식 운영에 관한 조례」제16조", "2)‘학교급식의 날’운영 권장", "□「녹색성장 국가전략」과의 관계"],
            [("1", "근거", []), ("1.1", "「학교급식 운영에 관한 조례」제16조", []), ("1.2", "‘학교급식의 날’운영 권장", []),
             ("1.2.1", "「녹색성장 국가전략」과의 관계", [])],
        ),
        # a national task list: 국정목표 over 약속 over tasks numbered on across them (no gap)
        (
            ["국정목표 1. 상식이 회복된 나라", "약속 1. 완전한 회복", "1. 소상공인 도약 (중기부)", "2. 방역체계 구축 (질병청)",
             "약속 2 역동적 경제", "3. 경제·재정 운용 (기재부)", "국정목표 2 민간 주도 경제", "약속 3. 경제체질 개선", "4. 규제 혁신 (국조실)"],
            [("1", "상식이 회복된 나라", []), ("1.1", "완전한 회복", []), ("1.1.1", "소상공인 도약", ["중기부"]),
             ("1.1.2", "방역체계 구축", ["질병청"]), ("1.2", "역동적 경제", []), ("1.2.3", "경제·재정 운용", ["기재부"]),
             ("2", "민간 주도 경제", []), ("2.3", "경제체질 개선", []), ("2.3.4", "규제 혁신", ["국조실"])],
        ),
        # 추진전략 N, 추진 전략 N and 전략 N without a dot where they open a line; the word in a
        # sentence is none, nor a 성과목표 N opening a sentence
        (
            ["추진전략 1 디지털 정부", "1. 전자정부 고도화", "추진 전략 2: 데이터 경제", "1. 데이터 개방", "□ 이번 전략 3 과제와 연계",
             "성과목표 1 달성을 위해 다음을 추진", "전략 3 공공 혁신"],
            [("1", "디지털 정부", []), ("1.1", "전자정부 고도화", []), ("2", "데이터 경제", []), ("2.1", "데이터 개방", []),
             ("2.1.1", "이번 전략 3 과제와 연계", []), ("3", "공공 혁신", [])],
        ),
    ],
    ids=["three-dash-levels", "dash-without-dot", "angle-number", "roman-with-latin-i", "attachments", "sans-serif-circled",
         "unnumbered-sheets", "boxed-number-before-a-year", "no-marker-over-a-line-break", "je-chapters", "roman-dash-and-latin",
         "decimal", "other-numberings", "named-tasks-and-look-alikes", "marker-touching-a-bracket", "national-task-list",
         "named-strategies"],
)
def test_numbered_headings_of_a_reader_s_lines(lines, expected) -> None:
    assert outline(document(*lines)) == expected


def test_dash_numbers_without_dot_are_not_headings_in_run_on_text() -> None:
    """``1-1 온실가스`` opens a heading only on a reader's own line: in scraped text it stays text."""
    data = parse_text("1. 전략 1-1 온실가스 감축 2-3 배출권\n").data
    assert [n["title"] for n in data["children"]] == ["전략 1-1 온실가스 감축 2-3 배출권"]


def printed(*lines: tuple[str, float, float], page: int = 1) -> list[Block]:
    """Printed lines of a PDF page: (text, indent, type size)."""
    return [Block(PARAGRAPH, text, indent=indent, size=size, page=page) for text, indent, size in lines]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # one lost glyph drawn for two levels, told apart by indent and size; the first is the outer
        (
            [("Ⅲ. 추진과제", 0, 20), ("\uf000 공공택지 사업속도 제고", 9, 16), ("\uf000 지구 지정 단계", 0, 17),
             ("\uf000 보상 착수 단계", 0, 17), ("\uf000 우수입지 분양 추진", 9, 16)],
            [("3", "추진과제", []), ("3.1", "공공택지 사업속도 제고", []), ("3.1.1", "지구 지정 단계", []),
             ("3.1.2", "보상 착수 단계", []), ("3.2", "우수입지 분양 추진", [])],
        ),
        # a boxed 1 right after a boxed 1 with nothing under it opens a level below; 2 continues it
        (
            [("1 주택공급 확대", 10, 17), ("1 LH 직접시행 활성화", 10, 17), ("2 사업속도 제고", 10, 17),
             ("2 도심 내 공급", 10, 17), ("1 노후시설 활용", 10, 17)],
            [("1", "주택공급 확대", []), ("1.1", "LH 직접시행 활성화", []), ("1.2", "사업속도 제고", []),
             ("2", "도심 내 공급", []), ("2.1", "노후시설 활용", [])],
        ),
        # a box's □ lines, then the page's □ lines set otherwise, the box's style never again: one level
        (
            [("붙임 1 정보보호 체계 개요", 0, 18), ("□ 추진단 구성", 66, 16.8), ("□ 시민단체 의견수렴", 66, 16.8),
             ("□ 개인정보 비식별화", 56, 15.0), ("□ 주민번호 일방 암호화", 56, 15.0), ("□ 보안관제 시스템 구축", 56, 15.0)],
            [("1", "정보보호 체계 개요", []), ("1.1", "추진단 구성", []), ("1.2", "시민단체 의견수렴", []), ("1.3", "개인정보 비식별화", []),
             ("1.4", "주민번호 일방 암호화", []), ("1.5", "보안관제 시스템 구축", [])],
        ),
        # levels by style seen once stand for the rest of the plan: the last group's items, no outer line after them
        (
            [("Ⅲ. 추진과제", 0, 20), ("\uf000 공공택지 사업속도 제고", 9, 16), ("\uf000 지구 지정 단계", 0, 17),
             ("\uf000 우수입지 분양 추진", 9, 16), ("\uf000 사전청약 확대", 0, 17)],
            [("3", "추진과제", []), ("3.1", "공공택지 사업속도 제고", []), ("3.1.1", "지구 지정 단계", []),
             ("3.2", "우수입지 분양 추진", []), ("3.2.1", "사전청약 확대", [])],
        ),
    ],
    ids=["same-glyph-two-levels", "boxed-numbers-restarting-at-1", "box-then-page-one-level", "style-levels-seen-before"],
)
def test_levels_from_the_printed_line(lines, expected) -> None:
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    assert outline(doc) == expected


def test_a_word_processor_s_paragraph_sizes_make_no_level() -> None:
    """In HWP/HWPX a □ set 1 pt smaller is the same level: only printed lines (PDF) have levels by style."""
    doc = Document("plan.hwpx", "hwpx", "0" * 64, tuple(printed(("□ 추진 배경", 0, 16), ("□ 추진 일정", 0, 15))))
    assert outline(doc) == [("1", "추진 배경", []), ("2", "추진 일정", [])]


def test_a_list_numbered_on_under_a_new_parent_goes_where_its_family_went() -> None:
    """3. after 1.-2. under Ⅰ., opening under Ⅱ. after a □: numbered on (no gap), and a level
    of its own under Ⅱ. as 1. and 2. were under Ⅰ., not under the □."""
    data = parse_text("Ⅰ. 추진 배경\n1. 첫째 과제\n□ 세부 내용\n2. 둘째 과제\n□ 세부 내용\nⅡ. 추진 과제\n□ 개요 설명\n3. 셋째 과제\n□ 세부 내용\n").data
    second = data["children"][1]
    assert [(n["id"], n["title"]) for n in second["children"]] == [("2.1", "개요 설명"), ("2.3", "셋째 과제")]
    assert not [d for d in data["diagnostics"] if d["code"].startswith("numbering")]


def test_a_national_task_list_as_plain_text() -> None:
    """국정목표 N. and 약속 N. (with their dots) are headings in plain text too."""
    data = parse_text("국정목표 1. 상식이 회복된 나라\n약속 1. 완전한 회복\n1. 소상공인 도약 (중기부)\n약속 2. 역동적 경제\n2. 방역체계 구축 (질병청)\n").data
    (goal,) = data["children"]
    assert [(p["title"], [(t["title"], [a["text"] for a in t["agencies"]]) for t in p["children"]]) for p in goal["children"]] == [
        ("완전한 회복", [("소상공인 도약", ["중기부"])]),
        ("역동적 경제", [("방역체계 구축", ["질병청"])]),
    ]


def test_a_word_before_a_named_strategy_in_run_on_text_is_the_title_before_it() -> None:
    """'Ⅱ. 추진 전략 1: 확대' run on (a scraped page): 추진 is Ⅱ.'s title; 추진전략 as one word
    would be the marker."""
    data = parse_text("Ⅰ. 확대 ① 확대 행안부 Ⅱ. 추진 전략 1: 확대 ① 확대 행안부").data
    part = data["children"][1]
    assert (part["title"], part["children"][0]["marker"]) == ("추진", "전략 1")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a line that is only a parenthesis of agencies, right under a task, names its agencies
        (["1. 일자리", "① 청년 일자리 확대", "(고용부, 교육부)", "② 직업훈련 혁신 (고용부)"],
         [("1", "일자리", []), ("1.1", "청년 일자리 확대", ["고용부", "교육부"]), ("1.2", "직업훈련 혁신", ["고용부"])]),
        # a parenthesis of anything else is no lead line: the text under the heading
        (["1. 일자리", "① 청년 일자리 확대", "(’25.下)", "② 직업훈련 혁신 (고용부)"],
         [("1", "일자리", []), ("1.1", "청년 일자리 확대", []), ("1.2", "직업훈련 혁신", ["고용부"])]),
        # nor under a task whose own line names its agencies, or under a chapter (never a task)
        (["1. 일자리", "① 청년 일자리 확대 (고용부)", "(교육부, 복지부)", "② 직업훈련 혁신 (고용부)"],
         [("1", "일자리", []), ("1.1", "청년 일자리 확대", ["고용부"]), ("1.2", "직업훈련 혁신", ["고용부"])]),
        (["Ⅰ. 추진 과제", "(고용부, 교육부)", "1. 일자리"], [("1", "추진 과제", []), ("1.1", "일자리", [])]),
    ],
    ids=["agencies", "a-date", "task-with-its-own", "under-a-chapter"],
)
def test_a_parenthesis_of_agencies_on_the_line_under_a_task(lines, expected) -> None:
    assert outline(document(*lines)) == expected


def test_a_printed_bullet_line_wrapping_its_agencies_is_a_task() -> None:
    """'ㅇ … 확대 (고용' and '부)' on the next printed line: the wrapped line's agencies count."""
    lines = [("Ⅰ. 추진 과제", 0, 16), ("ㅇ 청년 일경험 기회를 확대 (고", 10, 15), ("용,중기부)", 22, 15), ("ㅇ 설명만 있는 줄", 10, 15)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    assert outline(doc) == [("1", "추진 과제", []), ("1.1", "청년 일경험 기회를 확대", ["고용부", "중기부"])]


@pytest.mark.parametrize(
    ("header", "is_agency_column"),
    [("주관기관", True), ("소 관 부 처", True), ("주관", True), ("점검주관", True), ("최초 작성기관", True),
     ("담당 부서", True), ("교육지원청 주관하에 실시", False), ("주관적 평가", False), ("추진 일정", False),
     ("주무부처", True), ("수행 기관", True), ("시행기관", True), ("담당", False),  # a contact table's desk
     ("담당자", False), ("시행시기", False), ("추진 과제", False), ("관계부처", False), ("대국민 소통을 담당", False)],
)
def test_which_headers_name_the_lead_agency_column(header: str, is_agency_column: bool) -> None:
    from extract.stages.profile import default_profile

    assert (default_profile().pdf_agency_header.search(header) is not None) is is_agency_column


@pytest.mark.parametrize(
    ("header", "is_title_column"),
    [("과제", True), ("과제명", True), ("세부과제", True), ("세부추진과제", True), ("정책 과제", True), ("주요과제", True),
     ("단위 과제", True), ("사업명", True), ("세부사업", True), ("교육명", True),
     ("구분", False), ("설립 구분", False), ("기관명", False), ("관련 사업", False), ("과제 추진 일정", False)],
)
def test_which_headers_name_the_title_column(header: str, is_title_column: bool) -> None:
    from extract.stages.profile import default_profile

    assert (default_profile().title_header.search(header) is not None) is is_title_column


@pytest.mark.parametrize(
    ("lines", "levels"),
    [
        ([(f"□ 항목 {i}", 10, 10 + i) for i in range(300)], 1),  # every line a new size, none again: one level
        ([(f"□ 항목 {i}", 10, 10 + i % 7) for i in range(300)], 3),  # seven sizes over and over
        ([(f"1 항목 {i}", 10, 10) for i in range(300)], 3),  # every boxed 1 right after a childless 1 (titles differ: no repeat)
    ],
    ids=["growing-sizes", "cycling-sizes", "ones-after-ones"],
)
def test_levels_by_style_are_bounded(lines, levels) -> None:
    """A hostile PDF cannot nest one family without end (the tree writer stops near 127
    levels): a family holds three levels by style at most (sizes that never come again make
    no level at all: the cycling sizes and the ones test the bound)."""
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    ids = [node_id for node_id, _, _ in outline(doc)]
    assert len(ids) == 300 and max(i.count(".") for i in ids) + 1 == levels


def boxed(text: str, size: float = 15.0) -> Block:
    """A word processor's one-cell table around one paragraph: a line drawn in a box."""
    from extract.document import ROW, Cell

    return Block(ROW, cells=(Cell(0, 0, blocks=(Block(PARAGRAPH, text, indent=0, size=size),)),), table=0, row=0)


def paragraphs(*lines: str | Block, size: float = 15.0) -> Document:
    blocks = [line if isinstance(line, Block) else Block(PARAGRAPH, line, indent=0, size=size) for line in lines]
    return Document("plan.hwp", "hwp", "0" * 64, tuple(blocks))


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        # boxed banners over the areas of a chapter, each over its own numbered headings (restarting at 1)
        (
            paragraphs("Ⅲ. 중점 추진과제", boxed("[나 라] 정의로운 사회통합"), "✓ 요약 한 줄", "□ 과거사 진상규명",
                       boxed("[정 부] 신뢰받는 AI 민주정부"), "1 시민참여 활성화", "□ 국민 참여 확립", "2 공공 AX 혁신",
                       "Ⅳ. 주요 쟁점"),
            [("3", "중점 추진과제", []), ("3.1", "[나 라] 정의로운 사회통합", []), ("3.1.1", "과거사 진상규명", []),
             ("3.2", "[정 부] 신뢰받는 AI 민주정부", []), ("3.2.1", "시민참여 활성화", []), ("3.2.1.1", "국민 참여 확립", []),
             ("3.2.2", "공공 AX 혁신", []), ("4", "주요 쟁점", [])],
        ),
        # banners set larger than the headings under them and the body; the numbers run on across them
        (
            Document("plan.pdf", "pdf", "0" * 64, tuple(
                printed(("Ⅲ. 중점 추진과제", 8, 16.4), ("노동시장 격차 해소", 14, 15.9), ("1 청년 일할 기회", 8, 15),
                        ("ㅇ 본문이 이어진다", 14, 15), ("ㅇ 본문이 또 이어진다", 14, 15))
                + printed(("노동있는 산업 대전환", 14, 15.9), ("2 노동시장 참여 확대", 8, 15), ("ㅇ 본문", 14, 15), page=2)
                + printed(("노동이 존중받는 일터", 14, 15.9), ("3 노동기본권 보장", 8, 15), ("ㅇ 본문", 14, 15), page=3)
            ), wrapped=True),
            # the first banner, right of the chapter heading in about its size, might be its title
            # wrapping; it is set like the two on later pages, which cannot be
            [("3", "중점 추진과제", []), ("3.1", "노동시장 격차 해소", []), ("3.1.1", "청년 일할 기회", []),
             ("3.2", "노동있는 산업 대전환", []), ("3.2.2", "노동시장 참여 확대", []),
             ("3.3", "노동이 존중받는 일터", []), ("3.3.3", "노동기본권 보장", [])],
        ),
    ],
    ids=["boxed-banners", "larger-banners-numbers-running-on"],
)
def test_unnumbered_banners_are_a_level(doc: Document, expected) -> None:
    assert outline(doc) == expected


@pytest.mark.parametrize(
    "lines",
    [
        # one boxed line over a heading is no series
        ["Ⅰ. 추진 배경", boxed("정의로운 사회통합"), "□ 현황"],
        # boxed lines that are sentences, notes or labels repeated over each part
        ["Ⅰ. 추진 배경", boxed("현황을 점검함."), "□ 현황", boxed("개선이 필요함."), "□ 방향"],
        ["Ⅰ. 추진 배경", boxed("※ 참고 사항"), "□ 현황", boxed("※ 참고 사항 둘"), "□ 방향"],
        ["Ⅰ. 추진 배경", boxed("주요내용"), "□ 현황", "Ⅱ. 추진 과제", boxed("주요내용"), "□ 방향"],
        # boxed lines before body text, not before a heading
        ["Ⅰ. 추진 배경", boxed("정의로운 사회통합"), "본문 문장", boxed("신뢰받는 정부"), "본문 문장 둘"],
    ],
    ids=["alone", "sentences", "notes", "repeated-label", "over-body-text"],
)
def test_lines_that_are_no_banners(lines) -> None:
    titles = [title for _, title, _ in outline(paragraphs(*lines))]
    assert not any(t in titles for t in ("정의로운 사회통합", "현황을 점검함.", "주요내용", "신뢰받는 정부", "※ 참고 사항"))
    assert "현황" in titles or "추진 배경" in titles


def test_printed_lines_that_wrap_are_no_banners() -> None:
    """The wrapped end of a body line, larger than the heading after it (a PDF measures a line
    opening with ➋ small), is no banner, however many there are."""
    lines = printed(("Ⅰ. 추진 배경", 8, 18), ("➊ (규제개선) 맹꽁이 신속 이주를 위해 기준을", 64, 15.9), ("유연화 효율화", 91, 19.2),
                    ("➋ (절차통합) 이주·철거 절차에", 64, 15.9), ("대해서는 시차 단축", 91, 19.2), ("➌ (재정지원) 공공주택 지원", 64, 15.9))
    titles = [title for _, title, _ in outline(Document("plan.pdf", "pdf", "0" * 64, tuple(lines), wrapped=True))]
    assert "유연화 효율화" not in titles and "대해서는 시차 단축" not in titles


def test_a_smaller_wrapped_line_ending_in_the_agencies_completes_its_task() -> None:
    """A task's last printed line squeezed 2.5 pt smaller still wraps it when it ends in the
    agencies; a smaller line that does not is a note of its own, not the title going on."""
    lines = [("Ⅰ. 데이터셋", 0, 18), ("○ 고위험병원체의 전장 유전체 염기서열", 15, 18), ("해독, 비교유전체 (질병관리본부)", 37, 15.5),
             ("1. 병원체 표준 데이터 개발", 15, 18), ("오믹스 분석 결과 공유", 37, 15.5)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    got = outline(doc)
    assert got[:2] == [("1", "데이터셋", []), ("1.1", "고위험병원체의 전장 유전체 염기서열 해독, 비교유전체", ["질병관리본부"])]
    assert [title for _, title, _ in got[2:]] == ["병원체 표준 데이터 개발"]


def test_a_word_processor_s_merged_agency_cell_names_each_row_it_spans() -> None:
    """An agency cell merged down over three rows (row_span 3) is each row's agency; a task
    cell merged over its action rows keeps them one task's (the agency cell beside them is
    not the only one reaching into them)."""
    from extract.document import ROW, Cell

    def row(r: int, *cells: tuple[int, str, int]) -> Block:
        header = ("주관", "교육명", "시기")
        return Block(ROW, cells=tuple(Cell(r, c, row_span=span, header=header[c], blocks=(Block(PARAGRAPH, text),)) for c, text, span in cells), table=0, row=r, page=1)

    rows = [row(1, (0, "시 교육청", 3), (1, "식중독 예방 교육", 1), (2, "2월", 1)), row(2, (1, "위생 교육", 1), (2, "4월", 1)),
            row(3, (1, "조리 연수", 1), (2, "8월", 1)), row(4, (0, "학교", 2), (1, "교직원 연수", 2), (2, "3월", 1)), row(5, (2, "9월", 1))]
    doc = table_document(Block(PARAGRAPH, "Ⅰ. 추진 과제", page=1), rows)
    assert outline(doc) == [("1", "추진 과제", []), ("1.1", "식중독 예방 교육", ["시 교육청"]), ("1.2", "위생 교육", ["시 교육청"]),
                            ("1.3", "조리 연수", ["시 교육청"]), ("1.4", "교직원 연수", ["학교"])]


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        # 공립 merged over two rows, each with its own body; every row titled by category and label
        (
            ("설립 구분", "학교급", "담당 부서"),
            [[(0, "공립", 2), (1, "유·초·중", 1), (2, "교육지원청", 1)], [(1, "고·특수", 1), (2, "시 교육청", 1)],
             [(0, "국립", 1), (1, "초·중·고", 1), (2, "교육지원청", 2)], [(0, "사립", 1), (1, "초·중·고·특수", 1)]],
            [("공립 유·초·중", ["교육지원청"]), ("공립 고·특수", ["시 교육청"]), ("국립 초·중·고", ["교육지원청"]),
             ("사립 초·중·고·특수", ["교육지원청"])],
        ),
        # one 구분 header over two merged columns: the row is read by the inner one
        (
            ("구분", "구분", "점검주관", "점검시기"),
            [[(0, "정기점검", 2), (1, "위생점검", 2), (2, "학교", 1), (3, "매일", 1)], [(2, "교육지원청", 1), (3, "연 2회", 1)]],
            [("위생점검", ["학교"]), ("위생점검", ["교육지원청"])],
        ),
        # under a title's header the merged cell is a task over its actions, not a category: its
        # title takes no label. (The next row, whose title cell is merged away, still comes out
        # as a task titled by its action, where a PDF grid reads one task: not pinned here.)
        (
            ("정책 과제", "조치사항", "소관부서"),
            [[(0, "공공택지 전환", 2), (1, "시행령", 1), (2, "국토부", 1)], [(1, "지침", 1), (2, "조달청", 1)]],
            [("공공택지 전환", ["국토부"])],
        ),
        # merged over rows that share one agency cell (merged alike): one task's rows, no category
        (
            ("구분", "세부내용", "추진일정", "담당부서"),
            [[(0, "인력 확충", 2), (1, "교원 증원", 1), (2, "3월", 1), (3, "교육부", 2)], [(1, "보조인력 배치", 1), (2, "6월", 1)]],
            [("인력 확충", ["교육부"])],
        ),
        # a row above the first merged category cell is read as the rows under it
        (
            ("설립 구분", "학교급", "담당 부서"),
            [[(0, "국립", 1), (1, "초·중·고", 1), (2, "교육지원청", 1)], [(0, "공립", 2), (1, "유·초·중", 1), (2, "교육지원청", 1)],
             [(1, "고·특수", 1), (2, "시 교육청", 1)]],
            [("국립 초·중·고", ["교육지원청"]), ("공립 유·초·중", ["교육지원청"]), ("공립 고·특수", ["시 교육청"])],
        ),
    ],
    ids=["category-and-label", "inner-category", "title-column", "one-agency-over-the-rows", "row-above-the-first-category"],
)
def test_a_word_processor_s_category_cell_titles_each_row_it_spans(header, rows, expected) -> None:
    from extract.document import ROW, Cell

    blocks = [
        Block(ROW, cells=tuple(Cell(r, c, row_span=span, header=header[c], blocks=(Block(PARAGRAPH, text),)) for c, text, span in cells), table=0, row=r, page=1)
        for r, cells in enumerate(rows, 1)
    ]
    doc = table_document(Block(PARAGRAPH, "Ⅰ. 추진 과제", page=1), blocks)
    assert [(title, agencies) for _, title, agencies in outline(doc)[1:]][: len(expected)] == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # ○ right under a numbered heading is the plan's first bullet level: a heading over its - lines
        (
            ["5 세부 추진 일정", "○ 2017년 4분기", "- 공청회 개최", "○ 2018년 1분기", "- 시스템 구축 발주"],
            [("5", "세부 추진 일정", []), ("5.1", "2017년 4분기", []), ("5.2", "2018년 1분기", [])],
        ),
        # under a □ it is the text under that heading
        (
            ["1 추진 배경", "□ 현황", "○ 데이터 개방 확대", "○ 활용 부족"],
            [("1", "추진 배경", []), ("1.1", "현황", [])],
        ),
        # a sentence is no heading, though right under a numbered heading
        (
            ["1 추진 방향", "○ 시설투자는 최소한도로 구축하고 단계적으로 확충함."],
            [("1", "추진 방향", [])],
        ),
    ],
    ids=["under-a-number", "under-a-square", "sentence"],
)
def test_a_circle_bullet_at_the_first_bullet_level_is_a_heading(lines, expected) -> None:
    assert outline(document(*lines)) == expected


def test_a_caption_between_a_lone_marker_and_its_title_is_body_text() -> None:
    """'[별지 제3호서식] …', set as small as the marker '【참고자료 4】' over the sheet's title in
    larger type, is the form's caption: the title is the larger line."""
    lines = [("Ⅷ. 참고자료", 0, 16), ("【참고자료 4】", 0, 10), ("[별지 제3호서식] 학교급식법시행규칙 제8조제3항", 3, 10),
             ("출입․검사 등 기록부", 180, 13), ("점검자 입회 또는 확인자", 270, 10)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    assert outline(doc) == [("8", "참고자료", []), ("8.4", "출입·검사 등 기록부", [])]


def test_a_marker_alone_on_its_line_takes_the_next_line_as_its_title() -> None:
    """'【참고자료 6】' on a line of its own over its centred title (far right of the marker):
    the title is that line; the lines after it are the sheet's text."""
    lines = [("Ⅷ. 참고자료", 0, 16), ("【참고자료 6】", 0, 10), ("식품안전 및 영양 식생활교육 계획 (예시)", 100, 15),
             ("예정 시기 교육 대상", 20, 11)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    assert outline(doc) == [("8", "참고자료", []), ("8.6", "식품안전 및 영양 식생활교육 계획 (예시)", [])]


@pytest.mark.parametrize(
    ("lines", "titles"),
    [
        # a number far past the next one (a year, a count) is no heading, and its line is no title's
        (["1 추진 배경", "2 현황", "20 학년도 희망 조사서", "3 과제"], ["추진 배경", "현황", "과제"]),
        # a number before a unit is a quantity or a date blank
        (["1 추진 배경", "2 년 월 일", "2 현황"], ["추진 배경", "현황"]),
        # a skip of a few numbers is an edition that dropped items: still headings, with a diagnostic
        (["1 추진 배경", "4 현황"], ["추진 배경", "현황"]),
    ],
    ids=["far-past", "unit", "small-skip"],
)
def test_numbers_that_open_no_heading(lines, titles) -> None:
    assert [title for _, title, _ in outline(document(*lines))] == titles


def test_a_bullet_group_row_heads_the_task_rows_under_it() -> None:
    """'✓ 공공택지 사업속도 제고' (a group row of a task table, no agency of its own) over
    '▸ …' task rows: their heading, one level with the ✓ task rows beside it."""
    rows = table(("정책 과제", "소관부서"), ("✓ 공공택지 직접시행 전환", "국토교통부"))
    group = Block(PARAGRAPH, "✓ 공공택지 사업속도 제고", page=1)
    more = table(("정책 과제", "소관부서"), ("▸ 절차 단축", "국토교통부"), ("▸ 통합조정회의 신설", "국토교통부 환경부"), ("✓ 우수입지 분양 추진", "국토교통부"))
    doc = table_document(Block(PARAGRAPH, "Ⅰ. 추진 과제", page=1), rows, group, more)
    assert outline(doc) == [("1", "추진 과제", []), ("1.1", "공공택지 직접시행 전환", ["국토교통부"]), ("1.2", "공공택지 사업속도 제고", []),
                            ("1.2.1", "절차 단축", ["국토교통부"]), ("1.2.2", "통합조정회의 신설", ["국토교통부", "환경부"]),
                            ("1.3", "우수입지 분양 추진", ["국토교통부"])]


def test_a_contents_part_title_without_a_page_number_is_contents() -> None:
    """'Ⅱ. 주요업무 추진계획' between contents entries that end in page numbers is the contents'
    part title, not a heading of the body."""
    lines = ["목 차", "Ⅰ. 2021년 평가  1", "Ⅱ. 주요업무 추진계획", "   1. 언어자원, 키우기  6", "Ⅰ. 2021년 평가", "Ⅱ. 주요업무 추진계획"]
    data = parse_document(document(*lines)).data
    assert [n["title"] for n in data["children"]] == ["2021년 평가", "주요업무 추진계획"]
    assert not [d for d in data["diagnostics"] if d["code"].startswith("numbering")]


def test_a_cell_in_vertical_text_is_one_line() -> None:
    """An organisation chart's box holds one character a paragraph ('교', '육', '과', '(7)'): one
    line '교육과(7)', no heading (7) over a one-character title."""
    from extract.document import ROW, Cell

    def cell(col: int, *paragraphs: str) -> Cell:
        return Cell(0, col, blocks=tuple(Block(PARAGRAPH, p) for p in paragraphs))

    chart = Block(ROW, cells=(cell(0, "교", "육", "과", "(7)"), cell(1, "어", "문", "과", "(11)")), table=0, row=0, page=1)
    data = parse_document(table_document(Block(PARAGRAPH, "Ⅰ. 일반현황", page=1), [chart])).data
    assert [n["title"] for n in data["children"]] == ["일반현황"] and not data["children"][0]["children"]
    assert any(noise["text"] == "교육과(7)" for noise in data["noise"])


@pytest.mark.parametrize("bullet", ["◈ 탄소를 줄여가는 사회 구현", "\ufffe국가 중장기 감축목표 설정"])
def test_a_summary_bullet_under_a_heading_is_not_its_title(bullet: str) -> None:
    """◈ (a summary bullet) and a glyph the PDF gives no character for open body text: a
    printed line they open, a little right of a heading, does not continue its title."""
    lines = [("2. 추진방안", 0, 13.8), ("\u20de 효율적 온실가스 감축", 0, 11.3), (bullet, 15, 10.2)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    assert [title for _, title, _ in outline(doc)] == ["추진방안", "효율적 온실가스 감축"]


def test_a_small_square_bullet_opens_body_text() -> None:
    """'▪기존 물량은 …' right under a dingbat task's printed line is a sub-bullet, not its title going on."""
    lines = [("Ⅰ. 추진 과제", 0, 18), ("➋ (사업모델) 영구임대 아파트를 종상향", 10, 16), ("▪기존 물량은 통합공공임대로 재공급", 25, 16)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)
    assert [title for _, title, _ in outline(doc)] == ["추진 과제", "(사업모델) 영구임대 아파트를 종상향"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the front matter's boxed numbers (statistics pages before the contents) hold no chapter
        (
            ["1 학교급식 현황", "2 종사자 배치현황", "Ⅰ. 운영의 내실화", "1. 운영 관리", "Ⅱ. 위생 관리"],
            [("1", "학교급식 현황", []), ("2", "종사자 배치현황", []), ("1~2", "운영의 내실화", []), ("1~2.1", "운영 관리", []),
             ("2~2", "위생 관리", [])],
        ),
        # an appendix sheet numbers its own chapters and items from Ⅰ and 1 again, under it
        (
            ["Ⅰ. 추진 배경", "1. 현황", "2. 문제점", "Ⅱ. 참고자료", "【참고자료 1】 구매계약 운영 지침", "Ⅰ. 목적", "1. 신뢰성 확보", "Ⅱ. 제도"],
            [("1", "추진 배경", []), ("1.1", "현황", []), ("1.2", "문제점", []), ("2", "참고자료", []),
             ("2.1", "구매계약 운영 지침", []), ("2.1.1", "목적", []), ("2.1.1.1", "신뢰성 확보", []), ("2.1.2", "제도", [])],
        ),
        # chapter numbers starting again inside a chapter, which the plan's chapters then go on
        # from, are no chapters ('시나리오 Ⅰ' of a table, wrapped)
        (
            ["Ⅳ. 재정", "Ⅴ. 미래", "1. 위상", "Ⅰ 연 평균 성장률", "Ⅱ 연 평균 성장률", "Ⅵ. 추진체계"],
            [("4", "재정", []), ("5", "미래", []), ("5.1", "위상", []), ("6", "추진체계", [])],
        ),
        # a restart that gets as far as the chapters before it is the plan's sequence (a summary, then the body)
        (
            ["Ⅰ. 요약 배경", "Ⅱ. 요약 과제", "Ⅲ. 요약 기대", "Ⅰ. 추진 배경", "Ⅱ. 추진 과제", "Ⅲ. 기대효과", "Ⅳ. 향후 계획"],
            [("1", "요약 배경", []), ("2", "요약 과제", []), ("3", "요약 기대", []), ("1~2", "추진 배경", []), ("2~2", "추진 과제", []),
             ("3~2", "기대효과", []), ("4", "향후 계획", [])],
        ),
    ],
    ids=["front-matter", "appendix-sheet", "chapters-restarting-inside-a-chapter", "summary-then-body"],
)
def test_chapters_and_appendix_sheets(lines, expected) -> None:
    assert outline(document(*lines)) == expected


def test_a_boxed_number_over_its_title_in_one_cell_is_no_vertical_text() -> None:
    """A one-cell table holding '1' and '추진 배경' is a boxed heading, not vertical text."""
    from extract.document import ROW, Cell

    box = Block(ROW, cells=(Cell(0, 0, blocks=(Block(PARAGRAPH, "1"), Block(PARAGRAPH, "추진 배경"))),), table=0, row=0, page=1)
    doc = table_document(Block(PARAGRAPH, "Ⅰ. 일반현황", page=1), [box], Block(PARAGRAPH, "□ 현황", page=1))
    assert [title for _, title, _ in outline(doc)] == ["일반현황", "추진 배경", "현황"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a chapter opens by listing its sections, which follow under another marker: a contents list
        (
            ["Ⅵ. 비상시 운영", "1. 비상시 학교급식 운영", "2. 사안별 급식운영 대책", "□ 비상시 학교급식 운영", "가. 기본방향",
             "□ 사안별 급식 운영대책", "Ⅶ. 보고사항"],
            [("6", "비상시 운영", []), ("6.1", "비상시 학교급식 운영", []), ("6.1.1", "기본방향", []),
             ("6.2", "사안별 급식 운영대책", []), ("7", "보고사항", [])],
        ),
        # a section retitled since the list was written, one marked alone over its title, one
        # whose title goes on past the entry's: still the list, as two in three come again
        (
            ["Ⅷ. 참고자료", "1. 학교급식 모니터 점검표", "2. 식재료 품질관리기준", "3. 출입 기록부", "【참고자료 1】", "학교급식 모니터 점검표",
             "【참고자료 2】 식재료 품질관리기준(시행규칙 제4조)", "【참고자료 3】 출입·검사 등 기록부"],
            [("8", "참고자료", []), ("8.1", "학교급식 모니터 점검표", []), ("8.2", "식재료 품질관리기준(시행규칙 제4조)", []),
             ("8.3", "출입·검사 등 기록부", [])],
        ),
        # one title of two coming again is no contents list: a section and a heading under it
        (
            ["Ⅰ. 추진 과제", "1. 현황", "2. 과제", "□ 현황"],
            [("1", "추진 과제", []), ("1.1", "현황", []), ("1.2", "과제", []), ("1.2.1", "현황", [])],
        ),
        # titles coming again only past the next chapter are that chapter's, not this one's sections
        (
            ["Ⅰ. 추진 배경", "1. 현황", "2. 과제", "Ⅱ. 추진 과제", "□ 현황", "□ 과제"],
            [("1", "추진 배경", []), ("1.1", "현황", []), ("1.2", "과제", []), ("2", "추진 과제", []), ("2.1", "현황", []),
             ("2.2", "과제", [])],
        ),
        # a vision diagram's copy of the directions, under a heading of its own numbering, before
        # the directions themselves (the tenth lost its glyph): their contents, in chapter Ⅱ's scope
        (
            ["Ⅱ. 전략", "1. 비전체계", "1. 효율적 온실가스 감축", "2. 탈석유·에너지자립 강화", "3. 녹색기술개발", "2. 추진방안",
             "□ 효율적 온실가스 감축", "□ 탈석유·에너지자립 강화", "녹색기술개발", "Ⅲ. 재정"],
            [("2", "전략", []), ("2.1", "비전체계", []), ("2.2", "추진방안", []), ("2.2.1", "효율적 온실가스 감축", []),
             ("2.2.2", "탈석유·에너지자립 강화", []), ("3", "재정", [])],
        ),
        # entries shorter than eight characters, their sections' titles going on past them
        (
            ["Ⅶ. 보고사항", "1. 보고서식", "2. 점검표", "□ 보고서식(별지 1)", "□ 점검표(별지 2)", "Ⅷ. 참고자료"],
            [("7", "보고사항", []), ("7.1", "보고서식(별지 1)", []), ("7.2", "점검표(별지 2)", []), ("8", "참고자료", [])],
        ),
    ],
    ids=["chapter-contents", "retitled-and-longer", "one-echo", "past-next-chapter", "diagram-copy", "short-entries"],
)
def test_a_chapter_s_own_contents_list(lines, expected) -> None:
    assert outline(document(*lines)) == expected


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Ⅰ. 출입․검사 등 기록부", "출입·검사 등 기록부"),  # one-dot leader between words: the middle dot
        ("Ⅰ. 초․중․고 급식", "초·중·고 급식"),
        ("Ⅰ. 점검 ․ 결과", "점검 ․ 결과"),  # set apart by spaces: as written
        ("Ⅰ. 점검 결과 ․․․ 계획", "점검 결과 ․․․ 계획"),  # a run: a leader, as written
    ],
)
def test_a_one_dot_leader_between_words_is_a_middle_dot(line: str, title: str) -> None:
    assert [t for _, t, _ in outline(document(line))] == [title]


def test_a_heading_printed_again_on_the_next_line_is_one_heading() -> None:
    """A booklet prints a chapter's title on its divider page, in the running header and over
    its text: one chapter (the last print), the others noise of kind repeated-heading. A boxed
    1 right after a boxed 1 with another title, whose list goes on with 2, is a level below,
    no repeat."""
    lines = ["Ⅲ. 5개년계획", "Ⅳ 녹색성장 (’09~’13) 재정투자계획", "Ⅳ. 녹색성장 재정투자계획(’09~’13)", "Ⅳ. 녹색성장재정투자계획(’09~’13)",
             "1 주택공급 확대", "1 공공택지 직접시행 활성화", "2 공공택지 사업속도 제고"]
    data = parse_document(document(*lines)).data
    assert outline(document(*lines)) == [("3", "5개년계획", []), ("4", "녹색성장재정투자계획(’09~’13)", []), ("4.1", "주택공급 확대", []),
                                         ("4.1.1", "공공택지 직접시행 활성화", []), ("4.1.2", "공공택지 사업속도 제고", [])]
    assert [n["text"] for n in data["noise"] if n["kind"] == "repeated-heading"] == lines[1:3]
    # the same characters in another order are another title, not a repeat
    assert [t for _, t, _ in outline(document("Ⅲ. 계획", "Ⅳ. 가나 다라", "Ⅳ. 나가 라다"))] == ["계획", "가나 다라", "나가 라다"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # ① written and set as the ① before it, 3 next: the list's ② left unrenumbered
        (["1. 과제", "① 첫째 (행안부)", "① 둘째 (행안부)", "③ 셋째 (행안부)"],
         [("1", "과제", []), ("1.1", "첫째", ["행안부"]), ("1.1~2", "둘째", ["행안부"]), ("1.3", "셋째", ["행안부"])]),
        # the same at the list's end: no 2 goes on under the first ①
        (["1. 과제", "① 첫째 (행안부)", "① 둘째 (행안부)", "2. 다음"],
         [("1", "과제", []), ("1.1", "첫째", ["행안부"]), ("1.1~2", "둘째", ["행안부"]), ("2", "다음", [])]),
        # a 2 next: the second 1 opens a list under the first
        (["1 주택공급 확대", "1 공공택지 직접시행", "2 공공택지 사업속도 제고"],
         [("1", "주택공급 확대", []), ("1.1", "공공택지 직접시행", []), ("1.2", "공공택지 사업속도 제고", [])]),
    ],
    ids=["three-next", "list-end", "two-next"],
)
def test_a_one_after_a_childless_one(lines, expected) -> None:
    assert outline(document(*lines)) == expected


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        # a vision chart's boxes read row by row: two runs of numbers interleaved (down to ➋ and on
        # up from it, down to ➍ and on up), one jumping ahead: labels, no headings
        (["➎ 인구구조 변화", "➊ 청년세대", "➏ AI 확산", "➋ 노동시간", "➌ 산업현장", "➐ 산업재해", "➍ 임금 격차", "➑ 외국인"], []),
        # a list with one number out of order is still a list (with its diagnostic)
        (["➊ 청년세대", "➋ 노동시간", "➍ 산업현장", "➌ 임금 격차", "➎ 산업재해"],
         [("1.1", "청년세대", []), ("1.2", "노동시간", []), ("1.4", "산업현장", []), ("1.3", "임금 격차", []), ("1.5", "산업재해", [])]),
        # two slips: down and on up twice, but never a jump past the next number
        (["➊ 가", "➋ 나", "➍ 다", "➌ 라", "➎ 마", "➐ 바", "➏ 사", "➑ 아"],
         [("1.1", "가", []), ("1.2", "나", []), ("1.4", "다", []), ("1.3", "라", []), ("1.5", "마", []), ("1.7", "바", []),
          ("1.6", "사", []), ("1.8", "아", [])]),
        # one family drawing two levels (an area's 1, its sections' 1 2 3, the next area's 2 …):
        # each time down, a new 1 follows
        (["➊ 주택공급", "➊ 직접시행", "➋ 사업속도", "➌ 분양", "➋ 도심 공급", "➊ 노후시설", "➋ 역세권", "➌ 정비", "➍ 규제",
          "➌ 공급 기반", "➊ 인허가"],
         [("1.1", "주택공급", []), ("1.1.1", "직접시행", []), ("1.1.2", "사업속도", []), ("1.1.3", "분양", []), ("1.2", "도심 공급", []),
          ("1.2.1", "노후시설", []), ("1.2.2", "역세권", []), ("1.2.3", "정비", []), ("1.2.4", "규제", []), ("1.3", "공급 기반", []),
          ("1.3.1", "인허가", [])]),
    ],
    ids=["chart", "list-with-one-slip", "list-with-two-slips", "two-levels"],
)
def test_numbered_labels_of_a_chart_are_no_headings(labels, expected) -> None:
    lines = [("Ⅰ. 추진전략", 0, 16), *((label, 20, 12) for label in labels)]
    blocks = printed(*lines) + printed(("Ⅱ. 중점 추진과제", 0, 16), page=2)
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(blocks), wrapped=True)
    got = outline(doc)
    assert got == [("1", "추진전략", []), *expected, ("2", "중점 추진과제", [])]
    noise = parse_document(doc).data["noise"]
    assert len([n for n in noise if n["kind"] == "chart-label"]) == (len(labels) if not expected else 0)


def test_a_title_cell_s_bulleted_paragraphs_are_its_items_not_its_title() -> None:
    """A word processor's title cell holding '디지털 정부 구현' over 'ㅇ 전자정부 고도화' and
    'ㅇ 모바일 신분증' (paragraphs of their own): the title is the first; a second paragraph
    without a bullet ('(공공데이터 전면 개방)') goes on with it."""
    from extract.document import ROW, Cell

    def cell(r: int, c: int, header: str, *paragraphs: str) -> Cell:
        return Cell(r, c, header=header, blocks=tuple(Block(PARAGRAPH, p) for p in paragraphs))

    rows = [
        Block(ROW, cells=(cell(1, 0, "과제명", "디지털 정부 구현", "ㅇ 전자정부 고도화", "ㅇ 모바일 신분증"), cell(1, 1, "주관부처", "행안부")), page=1, table=0, row=1),
        Block(ROW, cells=(cell(2, 0, "과제명", "데이터 개방 확대", "", "(공공데이터 전면 개방)"), cell(2, 1, "주관부처", "과기정통부")), page=1, table=0, row=2),
        Block(ROW, cells=(cell(3, 0, "과제명", "저탄소차 선순환체계 구축 -제2차 기준 설정", ""), cell(3, 1, "주관부처", "환경부")), page=1, table=0, row=3),
    ]
    doc = table_document(Block(PARAGRAPH, "Ⅰ. 추진 과제", page=1), rows)
    assert outline(doc) == [("1", "추진 과제", []), ("1.1", "디지털 정부 구현", ["행안부"]),
                            ("1.2", "데이터 개방 확대 (공공데이터 전면 개방)", ["과기정통부"]),  # an empty paragraph opens nothing
                            ("1.3", "저탄소차 선순환체계 구축", ["환경부"])]
    noise = [n["text"] for n in parse_document(doc).data["noise"] if n["kind"] == "table-cell"]
    assert "ㅇ 전자정부 고도화 ㅇ 모바일 신분증" in noise


PLAN_TEXT_LINES = [
    "2025년 주요업무 추진계획",
    "Ⅰ. 추진 배경",
    "1 현황",
    "ㅇ 디지털 전환이 가속화되고 있음",
    "ㅇ 국민의 기대 수준이 높아지고 있음",
    "- 맞춤형 서비스 요구 증가",
    "2 과제",
    "ㅇ 전자정부 고도화 (행안부)",
    "ㅇ 공공데이터 개방 확대 (과기정통부)",
    "- 개방 품질 관리",
    "※ 세부 일정은 별도 통보",
    "Ⅱ. 추진 계획",
    "1 일정",
    "ㅇ 상반기 중 착수",
    "ㅇ 하반기 중 완료",
    "- 분기별 점검",
]


def test_a_text_of_a_plan_s_own_lines_is_read_as_its_lines() -> None:
    """A word processor's text export (a line a paragraph, body text under bullets): read as a
    reader's lines, as the HWPX it came from would be — boxed numbers are headings, a bullet
    line naming agencies is a task, body lines stay out of the titles."""
    data = parse_text("\n".join(PLAN_TEXT_LINES)).data
    got = []

    def walk(nodes):
        for node in nodes:
            got.append((node["id"], node["title"], [a["text"] for a in node.get("agencies") or ()]))
            walk(node["children"])

    walk(data["children"])
    assert got == [("1", "추진 배경", []), ("1.1", "현황", []), ("1.2", "과제", []), ("1.2.1", "전자정부 고도화", ["행안부"]),
                   ("1.2.2", "공공데이터 개방 확대", ["과기정통부"]), ("2", "추진 계획", []), ("2.1", "일정", [])]


def test_a_scraped_list_with_few_bullet_lines_stays_run_on_text() -> None:
    """Few lines opened by a body bullet: a scraped list, where a marker may open a heading
    mid-line (the page ran two lines together)."""
    text = "Ⅰ. 추진 배경\n1. 현황 행안부 2. 과제\n- 참고 사항\n"
    titles = [n["title"] for n in parse_text(text).data["children"][0]["children"]]
    assert titles == ["현황", "과제 - 참고 사항"]


def test_a_boxed_line_repeated_over_each_area_is_a_banner_where_each_opens_its_own() -> None:
    """'세부추진과제 목록', boxed, over 1-1. and again over 2-1.: each print opens an area of
    its own, a banner each time; a boxed label repeated over 1. each time (a chapter's
    contents) is none."""
    def box(text: str, page: int) -> Block:
        return Block(PARAGRAPH, text, indent=60, size=16, page=page, framed=True)

    def text(line: str, indent: float, size: float, page: int) -> Block:
        return Block(PARAGRAPH, line, indent=indent, size=size, page=page)

    blocks = [text("Ⅳ. 추진과제", 50, 20, 1), box("세부추진과제 목록", 2), text("1-1. 감축 로드맵 이행", 58, 11, 2),
              text("1-2. 배출권거래제 정착", 58, 11, 2), box("세부추진과제 목록", 3), text("2-1. 수요관리 강화", 58, 11, 3)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(blocks), wrapped=True)
    assert [(i, t) for i, t, _ in outline(doc)] == [("4", "추진과제"), ("4.1", "세부추진과제 목록"), ("4.1.1", "감축 로드맵 이행"),
                                                   ("4.1.2", "배출권거래제 정착"), ("4.2", "세부추진과제 목록"), ("4.2.1", "수요관리 강화")]
    labels = [text("Ⅰ. 운영", 50, 20, 1), box("주요내용", 1), text("1. 운영 관리", 58, 11, 1), text("Ⅱ. 위생", 50, 20, 2),
              box("주요내용", 2), text("1. 위생 관리", 58, 11, 2)]
    doc = Document("plan.pdf", "pdf", "0" * 64, tuple(labels), wrapped=True)
    assert [t for _, t, _ in outline(doc)] == ["운영", "운영 관리", "위생", "위생 관리"]


def test_a_wrapped_task_heading_over_its_labelled_lead_line_is_read_as_a_one_line_one() -> None:
    """'① 디지털 정부 구현을 위한' wrapping into '전자정부 고도화', then '주관부처 : 행정안전부':
    the label line under the wrapped lines names the heading's agencies, as it does under a
    heading of one line; the task under it is placed alike in both."""
    one = [("Ⅰ. 추진 과제", 0, 16), ("① 디지털 정부 구현을 위한 전자정부 고도화", 10, 12), ("주관부처 : 행정안전부", 10, 12),
           ("- 모바일 신분증 확대 (행안부)", 20, 12)]
    two = [("Ⅰ. 추진 과제", 0, 16), ("① 디지털 정부 구현을 위한", 10, 12), ("전자정부 고도화", 25, 12), ("주관부처 : 행정안전부", 10, 12),
           ("- 모바일 신분증 확대 (행안부)", 20, 12)]
    outlines = [outline(Document("plan.pdf", "pdf", "0" * 64, tuple(printed(*lines)), wrapped=True)) for lines in (one, two)]
    assert outlines[0] == outlines[1]
    assert outlines[0][1] == ("1.1", "디지털 정부 구현을 위한 전자정부 고도화", ["행정안전부"])


def test_a_decomposed_text_of_a_plan_s_lines_keeps_the_file_s_offsets() -> None:
    """A text in NFD (decomposed Hangul) would move offsets when read as a reader's lines: it
    is read as run-on text, and every node's span still points at its text in the file."""
    import unicodedata

    text = unicodedata.normalize("NFD", "\n".join(PLAN_TEXT_LINES))
    data = parse_text(text).data

    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node["children"])

    for node in walk(data["children"]):
        span = node["title_span"] if "title_span" in node else node["span"]
        got = unicodedata.normalize("NFC", text[span["start"] : span["end"]])
        assert node["title"].split()[0] in got
