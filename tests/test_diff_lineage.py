"""``plan-extract diff`` on what a plan says: which nodes are tasks (``extract/diff/tasks.py``),
agency changes told apart by the registry's lineage (``extract/diff/lineage.py``), edition dates.

Every expected row is written from the registry's history (``extract/data/agencies.toml``:
2025-10-01 환경부 → 기후에너지환경부, 산업통상자원부 → 산업통상부, 여성가족부 → 성평등가족부,
방송통신위원회 → 방송미디어통신위원회; 2026-01-02 기획재정부 → 재정경제부 + 기획예산처) and
from the plans in each row, never from the tool's output.
"""

from __future__ import annotations

import pytest

from extract.diff.lineage import Window, agency_changes, edition_period
from extract.diff.models import Period
from extract.diff.report import build_report
from extract.models import Agency
from extract.stages.agencies import load_registry
from extract.stages.profile import load_profile

from .factories import parse

PROFILE = load_profile()

# --- which nodes are tasks -----------------------------------------------------------------

NATIONAL = "전략 1: 국민이 주인인 정부\n[국정01] 국민 중심 정부 운영 {a}\n[국정02] 디지털 플랫폼 정부 구현 과기부\n"

# (case, old plan, new plan, --task-kind, expected rule, expected task titles of the new edition)
TASK_RULES = [
    (
        "national tasks carrying agencies, no option",
        NATIONAL.format(a="행안부"),
        NATIONAL.format(a="행안부, 인사처"),
        (),
        "agencies",
        ["국민 중심 정부 운영", "디지털 플랫폼 정부 구현"],
    ),
    (
        "① rows that lost their agencies: the profile's task kinds",
        "1. 가 전략 마련\n① 첫째 과제 추진\n② 둘째 과제 추진\n",
        "1. 가 전략 마련\n① 첫째 과제 추진\n",
        (),
        "profile",
        ["첫째 과제 추진"],
    ),
    (
        "no agencies, no task kind: the leaves",
        "1. 가 전략 마련\n1-1. 첫째 항목\n1-2. 둘째 항목\n2. 나 전략 마련\n",
        "1. 가 전략 마련\n1-1. 첫째 항목\n2. 나 전략 마련\n",
        (),
        "leaves",
        ["첫째 항목", "나 전략 마련"],
    ),
    (
        "agencies in one edition only: cut both alike, by kind",
        "1. 가 전략 마련\n① 첫째 과제 추진 행안부\n",
        "1. 가 전략 마련\n① 첫째 과제 추진\n",
        (),
        "profile",
        ["첫째 과제 추진"],
    ),
    (
        "--task-kind overrides",
        NATIONAL.format(a="행안부"),
        NATIONAL.format(a="행안부"),
        ("strategy",),
        "option",
        ["국민이 주인인 정부"],
    ),
]


@pytest.mark.parametrize(
    ("case", "old", "new", "option", "rule", "titles"), TASK_RULES, ids=[row[0] for row in TASK_RULES]
)
def test_tasks_come_from_the_plans(case, old, new, option, rule, titles) -> None:
    report = build_report(parse(old), parse(new), old_path="a", new_path="b", task_kinds=option)
    assert report.matching.tasks == rule
    assert [e.new.title for e in report.tasks if e.new] == titles


def test_the_national_task_list_diffs_without_an_option() -> None:
    """The issue's case: [국정NN] rows were all reported as headings ('tasks: 0 old, 0 new')."""
    report = build_report(
        parse(NATIONAL.format(a="행안부")), parse(NATIONAL.format(a="행안부, 인사처")), old_path="a", new_path="b"
    )
    tasks = report.summary.tasks
    assert (tasks.old, tasks.new, tasks.status.changed, tasks.changes.agencies) == (2, 2, 1, 1)
    assert [e.new.kind for e in report.headings] == ["strategy"]


# --- agency changes ----------------------------------------------------------------------------


def _agencies(written: str, year: int) -> list[Agency]:
    registry = load_registry(PROFILE, year)
    return [Agency(text=t, name=registry.canonical(t)) for t in written.split()]


# (case, old agencies, old year, new agencies, new year, expected (relation, old, new, reorganised))
AGENCY_CHANGES = [
    ("split", "기재부", 2025, "재경부 기획처", 2026,
     [("successor", "기재부", "재경부", "2026-01-02"), ("successor", "기재부", "기획처", "2026-01-02")]),
    ("successor", "환경부", 2025, "기후부", 2026, [("successor", "환경부", "기후부", "2025-10-01")]),
    ("successor", "여가부", 2025, "성평등부", 2026, [("successor", "여가부", "성평등부", "2025-10-01")]),
    ("successor", "방통위", 2024, "방미통위", 2026, [("successor", "방통위", "방미통위", "2025-10-01")]),
    ("same abbreviation, another agency by then", "산업부", 2025, "산업부", 2026,
     [("successor", "산업부", "산업부", "2025-10-01")]),
    ("a chain of two", "지경부", 2012, "산업부", 2026, [("successor", "지경부", "산업부", "2025-10-01")]),
    ("energy moved to another ministry", "산업부", 2025, "기후부", 2026, [("reassigned", "산업부", "기후부", None)]),
    ("co-lead dropped as well", "산업부 환경부", 2025, "기후부", 2026,
     [("successor", "환경부", "기후부", "2025-10-01"), ("removed", "산업부", None, None)]),
    ("written in full", "행안부", 2020, "행정안전부", 2021, [("renamed", "행안부", "행정안전부", None)]),
    ("the old name in a later plan: no reorganisation between", "환경부", 2026, "기후부", 2026,
     [("renamed", "환경부", "기후부", None)]),
    ("reorganised, and an agency added", "기재부", 2025, "재경부 행안부", 2026,
     [("successor", "기재부", "재경부", "2026-01-02"), ("added", None, "행안부", None)]),
    ("unchanged", "행안부 인사처", 2025, "인사처 행안부", 2026, []),
    ("unknown agency reassigned", "미래혁신처", 2025, "행안부", 2026, [("reassigned", "미래혁신처", "행안부", None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "old", "old_year", "new", "new_year", "expected"), AGENCY_CHANGES, ids=[r[0] for r in AGENCY_CHANGES]
)
def test_agency_changes(case, old, old_year, new, new_year, expected) -> None:
    window = Window.between(_year(old_year), _year(new_year))
    found = agency_changes(_agencies(old, old_year), _agencies(new, new_year), "agencies.toml", window)
    assert [(c.relation, c.old and c.old.text, c.new and c.new.text, c.reorganised) for c in found] == expected


def _year(year: int) -> Period:
    return Period(first=f"{year}-01-01", last=f"{year}-12-31")


def test_reorganised_tasks_are_not_reassigned_in_the_report() -> None:
    old = parse("2025 업무계획\n1. 재정 혁신\n① 예산 제도 개선 기재부\n② 에너지 전환 추진 산업부, 환경부\n")
    new = parse("2026 업무계획\n1. 재정 혁신\n① 예산 제도 개선 기획처\n② 에너지 전환 추진 기후부\n")
    report = build_report(old, new, old_path="a", new_path="b")
    relations = {e.new.title: [c.relation for c in e.agency_changes] for e in report.tasks}
    assert relations == {"예산 제도 개선": ["successor"], "에너지 전환 추진": ["successor", "removed"]}
    assert report.summary.tasks.agency_changes.model_dump() == {
        "successor": 2, "renamed": 0, "reassigned": 0, "added": 0, "removed": 1,
    }  # fmt: skip


# --- edition dates -----------------------------------------------------------------------------

# (title line, expected period)
PERIODS = [
    ("2020 정부혁신 대표과제 목록", ("2020-01-01", "2020-12-31")),
    ("2025년 주요업무 추진계획 2025. 1.", ("2025-01-01", "2025-12-31")),
    ("행정안전부 업무보고 2025. 12. 17.", ("2025-12-17", "2025-12-17")),
    ("2026년 업무계획 2025. 12.", ("2025-12-01", "2026-12-31")),
    ("업무계획 2024. 2. 29.", ("2024-02-29", "2024-02-29")),
    ("업무계획 2024년 2월 29일", ("2024-01-01", "2024-12-31")),  # 2024년 is also the plan's year
    ("업무계획", None),
]


@pytest.mark.parametrize(("title", "period"), PERIODS, ids=[p[0] for p in PERIODS])
def test_edition_period(title: str, period) -> None:
    document = parse(f"{title}\n① 과제 추진 행안부\n")
    found = edition_period(document, PROFILE.date_pattern)
    assert (found.first, found.last) == period if period else found is None


# (old period, new period, reorganisation day, between)
WINDOWS = [
    (("2025-01-01", "2025-12-31"), ("2026-01-01", "2026-12-31"), "2026-01-02", True),
    (("2025-01-01", "2025-12-31"), ("2025-12-17", "2025-12-17"), "2026-01-02", False),
    (("2026-01-01", "2026-12-31"), ("2026-01-01", "2026-12-31"), "2025-10-01", False),
    (None, ("2020-01-01", "2020-12-31"), "2025-10-01", True),
]


@pytest.mark.parametrize(("old", "new", "day", "between"), WINDOWS)
def test_which_reorganisations_lie_between(old, new, day, between) -> None:
    from datetime import date

    periods = [Period(first=p[0], last=p[1]) if p else None for p in (old, new)]
    assert Window.between(*periods).holds(date.fromisoformat(day)) is between
