"""``plan-extract diff`` on two real editions: 행정안전부's 2025 plan against its plan for 2026.

``2025-01_mois_work_plan.hwpx`` (2025년 주요업무 추진계획, 2025. 1.) and
``2025-12_mois_work_report.hwp`` (업무보고, 2025. 12. 17.) were written for two governments:
the 2026 plan is regrouped under the new 국정과제 (나라 / 정부 / 지방 / 공동체 / 안전·생명),
so most tasks are new or gone, a few are split up among several new ones, and two
carry over. Neither document names lead agencies per task (it is one ministry's plan), so
the diff takes the leaves of each tree for its tasks.

The expected diff was decided by reading both documents (their text through
``extract.readers.read_document``), not from the tool's output:

* carried over, same task under a reworded title, now under another heading:
  - 2025 Ⅱ.1 3⃞ 안전약자 보호 사각지대 해소 (어린이·어르신·외국인 안전, 재난피해자 지원)
    → 2026 안전·생명 2⃞ □ 안전약자 보호 사각지대 최소화 (어린이 안전, 노인보호구역 보행안전);
  - 2025 Ⅱ.1 5⃞ 사회재난 예방‧관리 기능 강화 (「사회재난 관리법」 제정, 책임기관 사전대비 의무,
    위험요인 발굴) → 2026 안전·생명 1⃞ □ 사회재난 예방·안전 관리 체계 혁신 (｢사회재난대책법｣
    제정, 사고 발생 전 책임기관 의무 확대, 위험요소 제거).
* everything else is added or removed. Some 2025 tasks live on in parts of new ones under
  new titles — 겨울철~여름철 재난 인명피해 최소화 in 촘촘한 폭설 대비 / 한파 사각지대 /
  극한기후 대비, 지역 민생경제 회복 지원 in 지역 소비 진작 및 민생 안정 (착한가격업소, 지방규제),
  발전적 과거사 해결 in 국가폭력 치유 및 책임 있는 과거사 진상규명 — but none is the same task
  renamed, and their titles share less than half their letters, so a diff that matched them
  would match unrelated tasks as readily. The year's achievements (□ 국민안전 확보 …, 2025 Ⅰ.2;
  □ 새 정부 성공적 출범 …, 2026 Ⅱ.1) are each year's own, not one item carried over: in
  particular 국민안전 확보 (2024's results) is not 국민 ‘안전권’ 실질적 보장 (a 2026 law).
* headings: the two documents' parts play the same roles (Ⅰ 업무 추진 방향 ~ Ⅱ 평가 및 향후
  업무추진 방향, Ⅱ 주요 추진과제 ~ Ⅲ 중점 추진과제), so pairing them is allowed but not
  required; no other heading may be paired.
"""

from __future__ import annotations

import pytest

from benchmarks.accuracy import DEFAULT_CORPUS
from extract.diff.report import build_report
from extract.pipeline import load
from extract.stages.profile import load_profile

OLD = DEFAULT_CORPUS / "2025-01_mois_work_plan.hwpx"
NEW = DEFAULT_CORPUS / "2025-12_mois_work_report.hwp"

pytestmark = pytest.mark.skipif(
    not (OLD.is_file() and NEW.is_file()), reason=f"the real-plan corpus is not at {DEFAULT_CORPUS} (CI puts it there)"
)

# (old title, new title, changes) — the tasks that carry over, read in both documents
CARRIED_OVER = [
    ("안전약자 보호 사각지대 해소", "안전약자 보호 사각지대 최소화", ["renamed", "moved"]),
    ("사회재난 예방‧관리 기능 강화", "사회재난 예방·안전 관리 체계 혁신", ["renamed", "moved"]),
]

# (old heading title, new heading title) that may be paired: the parts with the same role
SAME_ROLE_HEADINGS = {
    ("2025년 행정안전부 업무 추진 방향", "’25년 평가 및 향후 업무추진 방향"),
    ("2025년 주요 추진과제", "중점 추진과제"),
}


@pytest.fixture(scope="module")
def report():
    pytest.importorskip("olefile")  # the HWP reader
    profile = load_profile()
    old, new = load(str(OLD), profile).document, load(str(NEW), profile).document
    return build_report(old, new, old_path=OLD.name, new_path=NEW.name, profile=profile)


def test_the_leaves_are_the_tasks(report) -> None:
    assert report.matching.tasks == "leaves"
    assert report.summary.tasks.old > 0 and report.summary.tasks.new > 0


def test_exactly_the_tasks_read_as_carried_over_are_matched(report) -> None:
    matched = [(e.old.title, e.new.title, e.changes) for e in report.tasks if e.old and e.new]
    assert sorted(matched) == sorted(CARRIED_OVER)


def test_every_other_task_is_added_or_removed(report) -> None:
    others = [e for e in report.tasks if not (e.old and e.new)]
    assert {e.status for e in others} == {"added", "removed"}
    tasks = report.summary.tasks
    assert tasks.status.removed == tasks.old - len(CARRIED_OVER)
    assert tasks.status.added == tasks.new - len(CARRIED_OVER)


def test_no_heading_is_paired_with_an_unrelated_one(report) -> None:
    paired = {(e.old.title, e.new.title) for e in report.headings if e.old and e.new}
    assert paired <= SAME_ROLE_HEADINGS


def test_edition_dates(report) -> None:
    """2025년 … 2025. 1. (the plan's year) and 업무보고 2025. 12. 17. (a day, no plan year in the title)."""
    assert (report.old.period.first, report.old.period.last) == ("2025-01-01", "2025-12-31")
    assert (report.new.period.first, report.new.period.last) == ("2025-12-17", "2025-12-17")
