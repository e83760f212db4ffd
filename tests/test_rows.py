"""Tables of (input, expected) rows: task rows → title + agencies, texts → outlines.

Every expected value here is written by hand from the input beside it.
"""

from __future__ import annotations

import pytest

from .factories import codes, outline, parse, task_row

# (row after the ① marker, expected title, expected agencies as written)
TASK_ROWS = [
    ("정책평가 과정에서의 국민 추천·심사 비중 확대 행안부", "정책평가 과정에서의 국민 추천·심사 비중 확대", ["행안부"]),
    ("공공기관 운영·관리체계 및 혁신성과 평가 개선 기재부, 행안부", "공공기관 운영·관리체계 및 혁신성과 평가 개선", ["기재부", "행안부"]),
    # a list wrapped at a line end loses its comma
    (
        "혁신지향 공공조달 본격 추진(대상발굴, 유인확보 등) 기재부, 조달청 중기부, 산업부",
        "혁신지향 공공조달 본격 추진(대상발굴, 유인확보 등)",
        ["기재부", "조달청", "중기부", "산업부"],
    ),
    ("사전컨설팅 개선, 적극행정 지원위원회 확대 등 국조실, 감사원\n인사처, 행안부", "사전컨설팅 개선, 적극행정 지원위원회 확대 등", ["국조실", "감사원", "인사처", "행안부"]),
    # a collective entry written with a space
    ("행정처분 등에 대한 재량행사 기준 구체화 전 부처", "행정처분 등에 대한 재량행사 기준 구체화", ["전 부처"]),
    ("행정처분 기준 구체화 전\n부처", "행정처분 기준 구체화", ["전 부처"]),
    ("관계부처 합동 점검 관계부처", "관계부처 합동 점검", ["관계부처"]),
    # quotes, periods, parentheses, digits and commas stay in the title
    ("‘도전. 한국’사업 추진 행안부", "‘도전. 한국’사업 추진", ["행안부"]),
    ("AI, IoT 등 신기술 도입 과기부·국토부", "AI, IoT 등 신기술 도입", ["과기부", "국토부"]),
    ("단순·반복 업무에 대한 자동화(RPA) 추진 행안부", "단순·반복 업무에 대한 자동화(RPA) 추진", ["행안부"]),
    ("정부 3.0 성과 확산 행안부", "정부 3.0 성과 확산", ["행안부"]),
    ("2019. 10. 29. 발표 후속 조치 기재부,행안부", "2019. 10. 29. 발표 후속 조치", ["기재부", "행안부"]),
    # an agency name inside the title is title
    ("행안부 주관 협업 체계 구축 기재부", "행안부 주관 협업 체계 구축", ["기재부"]),
    # words that end like agencies but are not
    ("중앙정부 지방정부 협업 지원 행안부", "중앙정부 지방정부 협업 지원", ["행안부"]),
    ("적극행정 지원 인사처, 행안부", "적극행정 지원", ["인사처", "행안부"]),
    ("변화·혁신 역량을 키우는 공무원 인사처", "변화·혁신 역량을 키우는 공무원", ["인사처"]),
    # full names and newer agencies
    ("우주 산업 육성 우주항공청, 과학기술정보통신부", "우주 산업 육성", ["우주항공청", "과학기술정보통신부"]),
    # a comma before the list is the list's, not the title's
    ("민원 서비스 개선, 행안부", "민원 서비스 개선", ["행안부"]),
    # co-leads joined by a plus; a list that ends in 등
    ("수출금융 우대 재경부+금융위+산업부", "수출금융 우대", ["재경부", "금융위", "산업부"]),
    ("공급망 진입 지원 산업부, 방사청 등", "공급망 진입 지원", ["산업부", "방사청"]),
    # the title's last word run into the first agency (OCR, a PDF without a space)
    ("공급망 장벽 대응 역량 강화산업부+방사청 등", "공급망 장벽 대응 역량 강화", ["산업부", "방사청"]),
    ("전략수출금융기금 신설재경부", "전략수출금융기금 신설", ["재경부"]),
    # ministries sharing one suffix: each stem gets it back, where the registry knows the name
    ("녹색기술 개발 미래·산업·환경·농식품·해수부,농진청", "녹색기술 개발", ["미래부", "산업부", "환경부", "농식품부", "해수부", "농진청"]),
    ("산림 보전 농진·산림청", "산림 보전", ["농진청", "산림청"]),
    # public institutions plans name as leads
    ("요양기관 현황 상세내역 (심평원)", "요양기관 현황 상세내역", ["심평원"]),
    ("공공택지 직접시행 전환 국토부, LH", "공공택지 직접시행 전환", ["국토부", "LH"]),
    # …and in a trailing parenthesis, a name broken over two lines closed up again
    ("청년 일경험 확대 (고용,중기부)", "청년 일경험 확대", ["고용부", "중기부"]),
    ("청년 일경험 확대 (고용\n부)", "청년 일경험 확대", ["고용부"]),
    ("현황 점검 (현황,중기부)", "현황 점검 (현황,중기부)", []),
    # a page cross-reference or a footnote mark after the title is no part of it (see test_references)
    ("청년 일자리 지원 강화 (18페이지) 고용부", "청년 일자리 지원 강화", ["고용부"]),
    ("공급 확대* 국토부", "공급 확대", ["국토부"]),
    ("3쪽 분량 보고서 작성 행안부", "3쪽 분량 보고서 작성", ["행안부"]),
    # …but a name the registry knows whole, or one it lacks, is not cut
    ("지역 균형 발전 국토교통부", "지역 균형 발전", ["국토교통부"]),
    ("사회 진흥 사업 한국지능정보사회진흥원", "사회 진흥 사업", ["한국지능정보사회진흥원"]),
]


@pytest.mark.parametrize(("row", "title", "agencies"), TASK_ROWS, ids=[r[1][:16] for r in TASK_ROWS])
def test_task_row(row: str, title: str, agencies: list[str]) -> None:
    node = task_row(row)
    assert node.title == title
    assert [a.text for a in node.agencies] == agencies


@pytest.mark.parametrize(
    ("written", "year", "name"),
    [
        ("행안부", 2020, "행정안전부"),
        ("기재부", 2020, "기획재정부"),
        ("인사처", 2020, "인사혁신처"),
        ("국조실", 2020, "국무조정실"),
        ("과기부", 2020, "과학기술정보통신부"),
        ("산업부", 2020, "산업통상자원부"),  # 산업통상부 only from October 2025
        ("산업부", 2027, "산업통상부"),
        ("전 부처", 2020, "전 부처"),
    ],
)
def test_agency_canonical_name_by_year(written: str, year: int, name: str) -> None:
    document = parse(f"{year} 과제 목록\n① 과제 추진 {written}")
    assert [(a.text, a.name) for a in document.children[0].agencies] == [(written, name)]


def test_unknown_agency_is_kept_with_a_warning() -> None:
    document = parse("① 데이터 개방 확대 미래혁신처, 행안부")
    node = document.children[0]
    assert node.title == "데이터 개방 확대"
    assert [(a.text, a.name) for a in node.agencies] == [("미래혁신처", None), ("행안부", "행정안전부")]
    assert codes(document) == ["unknown-agency"]


def test_task_without_agency_warns() -> None:
    document = parse("① 데이터 개방 확대")
    assert document.children[0].agencies == []
    assert codes(document) == ["missing-agencies"]


# (text, expected outline, expected diagnostic codes)
OUTLINES = {
    "run-on headings": (
        "분야 1 | 참여 확대(참여) 1. 참여 기반 ① 가 과제 행안부 2. 나 전략 ① 나 과제 기재부, 행안부 "
        "분야 2 | 협력 강화(협력) 1. 다 전략 ① 다 과제 인사처",
        [
            "1 분야 1 참여 확대 (참여)",
            "1.1 1. 참여 기반",
            "1.1.1 ① 가 과제 | 행안부",
            "1.2 2. 나 전략",
            "1.2.1 ① 나 과제 | 기재부, 행안부",
            "2 분야 2 협력 강화 (협력)",
            "2.1 1. 다 전략",
            "2.1.1 ① 다 과제 | 인사처",
        ],
        [],
    ),
    "a zero is never a heading number": (
        "분야 1 | 참여 확대(참여)\n\n1. 기반 마련\n\n① 과제 하나 0. 개선 행안부\n\n0. 29.\n",
        [
            "1 분야 1 참여 확대 (참여)",
            "1.1 1. 기반 마련",
            "1.1.1 ① 과제 하나 0. 개선 | 행안부",
        ],
        ["trailing-fragment"],
    ),
    "an outer heading whose first siblings are missing closes everything": (
        "1. 가 전략 ① 가 과제 행안부 분야 2 | 협력 강화(협력) 1. 다 전략 ① 다 과제 인사처",
        [
            "1 1. 가 전략",
            "1.1 ① 가 과제 | 행안부",
            "2 분야 2 협력 강화 (협력)",
            "2.1 1. 다 전략",
            "2.1.1 ① 다 과제 | 인사처",
        ],
        ["numbering-gap"],
    ),
    "areas with and without sub-strategies": (
        "분야 1 | 가(참여)\n1. 전략\n① 과제 행안부\n분야 2 | 나(서비스)\n1. 전략 1-1. 세부\n① 과제 기재부\n"
        "대표 과제 주관기관 1-2. 세부 둘\n① 과제 복지부\n2. 전략 둘\n2-1. 세부\n① 과제 인사처",
        [
            "1 분야 1 가 (참여)",
            "1.1 1. 전략",
            "1.1.1 ① 과제 | 행안부",
            "2 분야 2 나 (서비스)",
            "2.1 1. 전략",
            "2.1.1 1-1. 세부",
            "2.1.1.1 ① 과제 | 기재부",
            "2.1.2 1-2. 세부 둘",
            "2.1.2.1 ① 과제 | 복지부",
            "2.2 2. 전략 둘",
            "2.2.1 2-1. 세부",
            "2.2.1.1 ① 과제 | 인사처",
        ],
        [],
    ),
    "a 2. out of sequence mid-line is text": (
        "1. 첫 전략 ① 정부 3.0 및 5. 단계 과제 행안부",
        ["1 1. 첫 전략", "1.1 ① 정부 3.0 및 5. 단계 과제 | 행안부"],
        [],
    ),
    "a date is never a marker": (
        "1. 2019. 10. 29. 발표 과제\n① 후속 조치 행안부\n2. 2. 전략",
        ["1 1. 2019. 10. 29. 발표 과제", "1.1 ① 후속 조치 | 행안부", "2 2. 2. 전략 |"],
        [],
    ),
    "circled gap and repeat": (
        "① 가 행안부 ② 나 행안부 ④ 라 행안부 ④ 또 라 기재부",
        ["1 ① 가 | 행안부", "2 ② 나 | 행안부", "4 ④ 라 | 행안부", "4~2 ④ 또 라 | 기재부"],
        ["numbering-gap", "numbering-repeat"],
    ),
    "weak marker out of order at line start is a heading": (
        "1. 가\n① 과제 행안부\n3. 다\n① 과제 기재부",
        ["1 1. 가", "1.1 ① 과제 | 행안부", "3 3. 다", "3.1 ① 과제 | 기재부"],
        ["numbering-gap"],
    ),
    "sub-strategy that disagrees with its parent": (
        "1. 가\n1-1. 세부\n① 과제 행안부\n2-2. 세부\n① 과제 기재부",
        ["1 1. 가", "1.1 1-1. 세부", "1.1.1 ① 과제 | 행안부", "1.2 2-2. 세부", "1.2.1 ① 과제 | 기재부"],
        ["parent-mismatch"],
    ),
    "circled numbers past twenty": (
        " ".join(f"{c} 과제 행안부" for c in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒"),
        [f"{i} {c} 과제 | 행안부" for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒", 1)],
        [],
    ),
    "other families nest by first appearance": (
        "Ⅰ. 추진 배경 가. 현황 1) 성과 가) 세부 (1) 항목 ➊ 과제 행안부 ➋ 과제 기재부 Ⅱ. 추진 과제 □ 목표 ○ 과제 하나 ○ 과제 둘 [국정01] 국정 과제",
        [
            "1 Ⅰ. 추진 배경",
            "1.1 가. 현황",
            "1.1.1 1) 성과",
            "1.1.1.1 가) 세부",
            "1.1.1.1.1 (1) 항목",
            "1.1.1.1.1.1 ➊ 과제 | 행안부",
            "1.1.1.1.1.2 ➋ 과제 | 기재부",
            "2 Ⅱ. 추진 과제",
            "2.1 □ 목표",
            "2.1.1 ○ 과제 하나 |",
            "2.1.2 ○ 과제 둘",
            "2.1.2.1 [국정01] 국정 과제 |",
        ],
        [],
    ),
}


@pytest.mark.parametrize(("text", "expected", "diagnostics"), OUTLINES.values(), ids=OUTLINES.keys())
def test_outline(text: str, expected: list[str], diagnostics: list[str]) -> None:
    document = parse(text)
    assert outline(document) == expected
    assert codes(document) == diagnostics


@pytest.mark.parametrize(
    ("row", "title", "references"),
    [
        ("청년 일자리 지원 강화 (18페이지) 고용부", "청년 일자리 지원 강화", ["18페이지"]),
        ("청년 일자리 지원 강화 ☞ 18쪽 고용부", "청년 일자리 지원 강화", ["18쪽"]),
        ("지역 상생 모델 확산 p.21 행안부", "지역 상생 모델 확산", ["p.21"]),
        ("토지이용계획 재검토1｣ 국토부", "토지이용계획 재검토", ["1｣"]),
        ("공급 확대** (p. 7) 국토부", "공급 확대", ["**", "p. 7"]),
        ("3쪽 분량 보고서 작성 행안부", "3쪽 분량 보고서 작성", None),  # inside the title: stays
    ],
)
def test_references(row: str, title: str, references: list[str] | None) -> None:
    node = task_row(row)
    assert (node.title, node.references) == (title, references)


@pytest.mark.parametrize(
    ("title", "year", "name"),
    [
        ("2020 정부혁신 대표과제 목록", 2020, "산업통상자원부"),
        ("제2차 녹색성장 5개년 계획 (요약본) 2014. 6.", 2014, "산업통상자원부"),  # the year of a dotted date
        ("주택공급 확대방안 2025.9.7.", 2025, "산업통상자원부"),  # 산업부 was renamed on 2025-10-01
        ("고용노동부 업무보고 2025. 12. 11.", 2025, "산업통상자원부"),
        ("2026년 업무계획", 2026, "산업통상부"),
        ("교육용 SW 지원사업 계약 개선 계획(안)", None, "산업통상부"),  # no year: today's name
    ],
)
def test_the_plan_s_year_decides_what_an_abbreviation_means(title: str, year: int | None, name: str) -> None:
    document = parse(f"{title}\n① 과제 추진 산업부\n")
    assert (document.year, document.children[0].agencies[0].name) == (year, name)
