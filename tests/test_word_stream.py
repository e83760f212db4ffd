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


# --- lines rebuilt from what the words show (readers/word_stream.py, its module rules) ---------

# Lines that show the OCR read an agency column into the text (agencies glued to the word before
# them): the evidence the column repairs below need. Printed lines, as the tables below are.
GLUED = ("○ (제도) 대응 역량 강화산업부+방사청 등", "· 해외 마케팅 지원 등 진입 지원방사청")


def rebuilt(*lines: str, glued: bool = True) -> list[str]:
    """The lines the reader rebuilds from ``lines`` written one word per line (after ``GLUED``
    when ``glued``; those lines left out of the result)."""
    context = GLUED if glued else ()
    source = decode_bytes(("=== page 3 ===\n" + stream(*context, *lines)).encode())
    out = [b.text for b in word_stream_document(source, PROFILE).blocks if b.kind == "paragraph"]
    return out[len(context) :]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # an arrow inside a parenthesis the line opened a few words before opens no line
        (
            ["○ (기금) 기금 조성(연평균 조성규모 : 2,000억원 → 3,000억원 이상) 중기부"],
            ["○ (기금) 기금 조성(연평균 조성규모 : 2,000억원 → 3,000억원 이상) 중기부"],
        ),
        # a numbered marker right after a lone arrow is the text the arrow leads to
        (
            ["* (현행) 협력사 위주로 지원 → (2) 공동협력사업 신설", "○ (다음) 과제 추진 중기부"],
            ["* (현행) 협력사 위주로 지원", "→ (2) 공동협력사업 신설", "○ (다음) 과제 추진 중기부"],
        ),
        # bare numbers open a line only in sequence (a footnote's circled 6, 2 stay its text);
        # before a label a number may skip (the digits between were lost)
        (
            ["Ⅲ. 세부 추진과제", "1 성과 공유", "1 [물류] 물류 혁신", "* 6 현금 공유, 2 현금성 공유", "4 (항만) 항만 혁신 해수부", "2 환류 강화"],
            ["Ⅲ. 세부 추진과제", "1 성과 공유", "1 [물류] 물류 혁신", "* 6 현금 공유, 2 현금성 공유", "4 (항만) 항만 혁신 해수부", "2 환류 강화"],
        ),
        (
            ["Ⅲ. 세부 추진과제", "1 성과 공유", "* 예) GVC 30 프로젝트 사업 지원"],
            ["Ⅲ. 세부 추진과제", "1 성과 공유", "* 예) GVC 30 프로젝트 사업 지원"],
        ),
        # a page whose numbers run together (23, 2345: a chart's boxes) is a chart: no number opens
        (
            ["Ⅱ 추진방향 1 성과 공유 23 금융 확대 1 기금 조성 2345 지식 확산 2 성과공유제"],
            ["Ⅱ 추진방향", "1 성과 공유 23 금융 확대 1 기금 조성 2345 지식 확산 2 성과공유제"],
        ),
    ],
)
def test_lines_open_where_the_numbering_and_parentheses_allow(printed: list[str], expected: list[str]) -> None:
    assert rebuilt(*printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # agencies glued behind a footnote mark: the mark stays with the title, the list ends the line
        (["· 특화분야 지수 산정·발표*동반위"], ["· 특화분야 지수 산정·발표* 동반위"]),
        (["· 공공기관 평가 지표 배점 확대", "*재경부", "* 공기업 1.5→2점"], ["· 공공기관 평가 지표 배점 확대* 재경부", "* 공기업 1.5→2점"]),
        # a list read into the middle of an item (level with its middle): put back at its end
        (
            ["○ (인력양성) 대기업 AI 인프라를 활용해 중소기업 재직자 노동부 훈련을 지원하는 공동훈련센터 신설"],
            ["○ (인력양성) 대기업 AI 인프라를 활용해 중소기업 재직자 훈련을 지원하는 공동훈련센터 신설 노동부"],
        ),
        (
            ["○ (상생결제) 상생결제 기관에 대한 인센티브 확대 및 공공 공정위+국토부 등 하도급 계약에 단계적 의무화"],
            ["○ (상생결제) 상생결제 기관에 대한 인센티브 확대 및 공공 하도급 계약에 단계적 의무화 공정위+국토부 등"],
        ),
        # …but not a name inside a parenthesis, one not shaped like a ministry's (무보, 신보), or a
        # collective (범부처) the text names
        (
            ["○ (금융) 수출지원기관(수은, 산은, 무보 등) 수출금융 지원시 협력 프로젝트 우대 재경부"],
            ["○ (금융) 수출지원기관(수은, 산은, 무보 등) 수출금융 지원시 협력 프로젝트 우대 재경부"],
        ),
        (
            ["· 기술탈취 원스톱 대응체계 구축을 위한 범부처 기술탈취 합동 대응단 구성 중기부+공정위"],
            ["· 기술탈취 원스톱 대응체계 구축을 위한 범부처 기술탈취 합동 대응단 구성 중기부+공정위"],
        ),
        # a list followed by another item with its own list ends its line; the next item's lost
        # bullet is the line's it was read into
        (
            ["· 공모형 획득제도* 도입방사청 군·방산업체가 제안하는 스타트업 챌린지 개최 중기부+방사청"],
            ["· 공모형 획득제도* 도입 방사청", "· 군·방산업체가 제안하는 스타트업 챌린지 개최 중기부+방사청"],
        ),
        # …or, before a (label), the number after the last 'N (label)' line
        (
            ["4 (원전) 원전 기업 해외진출 컨설팅 지원 산업부", "· 유망국 전시회 참가 및 B2B 미팅 지원 산업부 (기후) 공동 탄소감축 투자시 녹색금융 지원 확대 기후부"],
            ["4 (원전) 원전 기업 해외진출 컨설팅 지원 산업부", "· 유망국 전시회 참가 및 B2B 미팅 지원 산업부", "5 (기후) 공동 탄소감축 투자시 녹색금융 지원 확대 기후부"],
        ),
        # a box's text after an item's list (far longer than the item) is text of its own
        (
            ["○ (상생금융) 대기업이 출연하고 보증기관이 연계하는 상생금융 확대 산업부+중기부 (사례: 당초 1조원 → 확대 1.3조원) 현기차 출연 50억원 × 20배수 = 1,000억원 보증서 발급 (무보) 출연 215억원 × 20배수 = 4,300억원 회사채 발행 (신보) 출연 70억원 × 32배수 = 2,250억원"],
            ["○ (상생금융) 대기업이 출연하고 보증기관이 연계하는 상생금융 확대 산업부+중기부", "(사례: 당초 1조원 → 확대 1.3조원) 현기차 출연 50억원 × 20배수 = 1,000억원 보증서 발급 (무보) 출연 215억원 × 20배수 = 4,300억원 회사채 발행 (신보) 출연 70억원 × 32배수 = 2,250억원"],
        ),
        # a footnote names no lead agencies: a list ending one goes to the item above without one…
        (
            ["○ (지식 확산) 정부·대기업 협업으로 경영 기법을 중소기업으로 확산", "* 상생협력기금에 지식확산형 신설 중기부"],
            ["○ (지식 확산) 정부·대기업 협업으로 경영 기법을 중소기업으로 확산 중기부", "* 상생협력기금에 지식확산형 신설"],
        ),
        # …else to the item right after it, when that has none
        (
            ["· 녹색수출 원팀 체계 가동 기후부", "* 얼라이언스 출범, 74개 기관 참여 중 노동부+동반위", "6 (지역) 지역경제 상생협력 강화"],
            ["· 녹색수출 원팀 체계 가동 기후부", "* 얼라이언스 출범, 74개 기관 참여 중", "6 (지역) 지역경제 상생협력 강화 노동부+동반위"],
        ),
        # …and a (label) inside it starts an item whose marker was lost
        (
            ["1 (플랫폼) 배달플랫폼 수수료 부담 완화 방안 검토 공정위", "** 포용금융 77.5조원 (방산) 체계기업과 방산 스타트업간 협업 촉진 방사청+중기부"],
            ["1 (플랫폼) 배달플랫폼 수수료 부담 완화 방안 검토 공정위", "** 포용금융 77.5조원", "2 (방산) 체계기업과 방산 스타트업간 협업 촉진 방사청+중기부"],
        ),
        # '자료: 통계청' is a source, not a lead agency
        (
            ["○ (통계) 가구 통계 정비", "* 자료: 통계청"],
            ["○ (통계) 가구 통계 정비", "* 자료: 통계청"],
        ),
    ],
)
def test_agencies_read_into_the_text_go_back_to_the_end_of_their_items(printed: list[str], expected: list[str]) -> None:
    assert rebuilt(*printed) == expected


def test_without_glued_agencies_a_name_inside_a_line_is_the_titles() -> None:
    """No agency glued to a word anywhere: the OCR kept the column apart, and a ministry named
    inside a line is the title's own word."""
    line = "○ (협업) 공공서비스 혁신을 위한 부처 간 데이터 연계 행안부 중심의 협업 확대"
    assert rebuilt(line, glued=False) == [line]
    assert rebuilt(line) == ["○ (협업) 공공서비스 혁신을 위한 부처 간 데이터 연계 중심의 협업 확대 행안부"]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # a boxed heading run on into its summary ends where the summary's last word first ends a word
        (
            ["1 직접적성과공유·확산 대기업 중심의 수주·수출 성과를 중소기업 해외진출 확대 및 성장자본 공급 등을 통해 중소기업과 직접 공유·확산"],
            ["1 직접적성과공유·확산", "대기업 중심의 수주·수출 성과를 중소기업 해외진출 확대 및 성장자본 공급 등을 통해 중소기업과 직접 공유·확산"],
        ),
        (
            ["1 상생 생태계 확장 대·중소기업 상생협력 생태계를 전통 제조업 중심에서 플랫폼, 금융, 방산 등으로 확장"],
            ["1 상생 생태계 확장", "대·중소기업 상생협력 생태계를 전통 제조업 중심에서 플랫폼, 금융, 방산 등으로 확장"],
        ),
        # a heading that repeats a word is no summary (too short); a label opens a sub-heading
        (["1 데이터 기반 행정 강화 및 협업 강화"], ["1 데이터 기반 행정 강화 및 협업 강화"]),
        (
            ["1 [동반진출] 수주·수출 성과를 해외개척 기회로 활용 대기업 중심의 성과를 중소기업 해외개척 기회로 활용"],
            ["1 [동반진출] 수주·수출 성과를 해외개척 기회로 활용 대기업 중심의 성과를 중소기업 해외개척 기회로 활용"],
        ),
    ],
)
def test_a_boxed_heading_ends_before_its_summary(printed: list[str], expected: list[str]) -> None:
    assert rebuilt(*printed) == expected


def test_a_task_whose_only_lead_is_the_shared_growth_commission_is_a_task() -> None:
    """동반위 (동반성장위원회), a lead agency of 상생 plans: a · line that names it alone, glued
    behind a footnote mark, is a task under its ○ item."""
    text = "=== page 3 ===\n" + stream(
        "1 [상생협력] 동반성장 기반 강화",
        *GLUED,
        "○ (동반성장평가) 평가대상 확대 및 우수기업 인센티브 강화 중기부+동반위",
        "· 금융·플랫폼 등 특화분야 지수 산정·발표*동반위",
        "* (현행) 동반위 평가와 공정위 협약 이행평가를 합산",
    )
    parsed = parse_document(word_stream_document(decode_bytes(text.encode()), PROFILE), PROFILE)
    heading = parsed.document.children[0]
    item = heading.children[-1]
    assert item.title.startswith("(동반성장평가)")
    assert [(task.title, [a.text for a in task.agencies]) for task in item.children] == [
        ("금융·플랫폼 등 특화분야 지수 산정·발표", ["동반위"])
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # a chapter ends after a usual title that opens it…
        (["Ⅰ 추진배경 한미 관세협상 등에서 괄목할 경제성과 창출"], ["Ⅰ 추진배경", "한미 관세협상 등에서 괄목할 경제성과 창출"]),
        (["Ⅳ 향후 추진계획 관계부처 합동 점검회의 신설"], ["Ⅳ 향후 추진계획", "관계부처 합동 점검회의 신설"]),
        # …unless a connective goes on with it, or the title is all there is
        (["Ⅰ. 추진배경 및 개념 녹색성장의 의미"], ["Ⅰ. 추진배경 및 개념 녹색성장의 의미"]),
        (["Ⅲ. 세부 추진과제"], ["Ⅲ. 세부 추진과제"]),
    ],
)
def test_a_chapter_ends_after_its_usual_title(printed: list[str], expected: list[str]) -> None:
    assert rebuilt(*printed, glued=False) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        (["1 (공동 기술개발·협업] 개방형 협력 생태계 구축"], ["1 [공동 기술개발·협업] 개방형 협력 생태계 구축"]),
        (["2 [상생협력 기반 강화) 성과 환류 생태계 기반 강화"], ["2 [상생협력 기반 강화] 성과 환류 생태계 기반 강화"]),
        (["○ [기반) 성과 환류 중기부"], ["○ [기반] 성과 환류 중기부"]),
        # brackets that agree, or a parenthesis inside the label, are left as read
        (["1 (기술탈취 근절) 대응체계 강화"], ["1 (기술탈취 근절) 대응체계 강화"]),
        (["○ (해외 동반진출(재정) 지원] 확대 중기부"], ["○ (해외 동반진출(재정) 지원] 확대 중기부"]),
    ],
)
def test_a_label_whose_brackets_disagree_is_square(printed: list[str], expected: list[str]) -> None:
    assert rebuilt(*printed, glued=False) == expected
