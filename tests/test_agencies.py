"""``plan-extract agencies``: tasks per lead agency, editions side by side."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from extract.export.agency_counts import AgencyTable, count_agencies, edition_labels
from extract.cli import main
from extract.text_table import display_width, format_table

from .editions import COUNTS_2020, COUNTS_2021, TASKS, write_editions
from .factories import parse

EDITION_A = """\
2020 정부혁신 대표과제 목록
분야 1 | 참여 확대(참여)
1. 기반 마련
① 첫째 과제 추진 행안부, 기재부
② 둘째 과제 추진 행정안전부
③ 셋째 과제 추진 미래혁신처 행안부
④ 넷째 과제 추진 기재부, 기재부
"""
EDITION_B = """\
2021 정부혁신 대표과제 목록
분야 1 | 참여 확대(참여)
1. 기반 마련
① 첫째 과제 추진 기재부
② 둘째 과제 추진 인사처, 행안부
"""

# (name, known, counts in A and B, total), counted by hand from the two plans above:
# 행안부 and 행정안전부 are one agency; 기재부 twice in one row leads that task once.
EXPECTED = [
    ("행정안전부", True, [3, 1], 4),
    ("기획재정부", True, [2, 1], 3),
    ("미래혁신처", False, [1, 0], 1),  # ties by name: 미 before 인
    ("인사혁신처", True, [0, 1], 1),
]


def test_counts_per_agency_and_edition() -> None:
    table = count_agencies([parse(EDITION_A), parse(EDITION_B)])
    assert [(a.name, a.known, a.counts, a.total) for a in table.agencies] == EXPECTED
    assert [(e.label, e.tasks, e.tasks_without_agency) for e in table.editions] == [("2020", 4, 0), ("2021", 2, 0)]


def test_a_task_without_agencies_is_counted_apart() -> None:
    table = count_agencies([parse("① 첫째 과제 추진 행안부\n② 둘째 과제 마련\n")])
    assert [(e.tasks, e.tasks_without_agency) for e in table.editions] == [(2, 1)]
    assert [(a.name, a.total) for a in table.agencies] == [("행정안전부", 1)]


@pytest.mark.parametrize(
    ("plans", "labels"),
    [
        (["2020 목록\n① 과제 행안부\n", "2021 목록\n① 과제 행안부\n"], ["2020", "2021"]),
        (["2020 목록\n① 과제 행안부\n", "2020 수정 목록\n① 과제 행안부\n"], ["2020 목록", "2020 수정 목록"]),
        (["2020 목록\n① 과제 행안부\n", "2020 목록\n① 과제 행안부\n"], ["2020 목록", "2020 목록 #2"]),
        (["① 과제 행안부\n", "2021 목록\n① 과제 행안부\n"], ["<input>", "2021 목록"]),
    ],
    ids=["years", "same-year", "same-title", "no-title"],
)
def test_edition_labels(plans: list[str], labels: list[str]) -> None:
    assert edition_labels([parse(p) for p in plans]) == labels


@pytest.mark.parametrize(
    ("text", "width"), [("abc", 3), ("행안부", 6), ("전 부처", 7), ("ㄱ", 2), ("e\u0301", 1), ("", 0)]
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_table_lines_up_hangul_and_numbers() -> None:
    text = format_table(["agency", "2020"], [["행정안전부", 37], ["감사원", 2]], [["tasks", 57]])
    assert text.splitlines() == [
        "agency      2020",
        "----------  ----",
        "행정안전부    37",
        "감사원         2",
        "----------  ----",
        "tasks         57",
    ]


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    return write_editions(tmp_path / "in")


def _table_rows(text: str) -> dict[str, list[str]]:
    return {
        cells[0]: cells[1:] for line in text.splitlines() if (cells := re.split(r"\s{2,}", line)) and len(cells) > 1
    }


def test_table_of_two_editions(editions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agencies", *map(str, editions), "-q"]) == 0
    out = capsys.readouterr().out
    rows = _table_rows(out)
    assert rows["agency"] == ["2020", "2021", "total"]
    for name in ("행정안전부", "인사혁신처", "기획재정부"):
        a, b = COUNTS_2020[name], COUNTS_2021[name]
        assert rows[name] == [str(a), str(b), str(a + b)]
    assert rows["미래혁신처 *"] == ["0", "1", "1"]
    assert rows["tasks"] == [str(TASKS), str(TASKS), str(2 * TASKS)]
    assert out.splitlines()[-1] == "* not in the agency registry: counted as written"
    # Every line of the table ends in the same display column: the numbers are right-aligned.
    table = [line for line in out.splitlines()[:-1]]
    assert len({display_width(line) for line in table}) == 1
    totals = [int(line.split()[-1]) for line in table[2:] if line.split()[-1].isdigit()]
    assert totals[:-1] == sorted(totals[:-1], reverse=True)


def test_csv_and_json_formats(editions: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "agencies.json"
    assert main(["agencies", *map(str, editions), "--format", "json", "-o", str(out), "-q"]) == 0
    table = AgencyTable.model_validate_json(out.read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1.0"
    assert [e.year for e in table.editions] == [2020, 2021]
    by_name = {a.name: a for a in table.agencies}
    assert by_name["인사혁신처"].counts == [COUNTS_2020["인사혁신처"], COUNTS_2021["인사혁신처"]]
    assert by_name["미래혁신처"].known is False

    assert main(["agencies", *map(str, editions), "--format", "csv", "-q"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["agency", "known", "2020", "2021", "total"]
    assert [r for r in rows if r[0] == "미래혁신처"] == [["미래혁신처", "false", "0", "1", "1"]]
    assert len(rows) == 1 + len(table.agencies)


def test_one_edition_has_no_total_column(editions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agencies", str(editions[0])]) == 0
    captured = capsys.readouterr()
    assert _table_rows(captured.out)["agency"] == ["2020"]
    assert _table_rows(captured.out)["행정안전부"] == [str(COUNTS_2020["행정안전부"])]
    assert captured.err == ""


def test_a_bad_input_among_good_ones(editions: tuple[Path, Path], tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["agencies", str(editions[0]), str(bad), "-q"]) == 4
    captured = capsys.readouterr()
    assert _table_rows(captured.out)["agency"] == ["2020"]
    # -q: the error once, when it happens, and no summary (issue 14: -q is only errors)
    assert captured.err.splitlines() == [
        f"{bad}: error: not a plan-extract document (expected a JSON object, or an array of them)",
    ]
