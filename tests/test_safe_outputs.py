"""Outputs that are safe to open: no spreadsheet formulas from document text, the file modes a
user expects, no terminal escape sequences from file names or titles."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import PlanError, printable
from extract.export.csv import neutralize
from extract.write import write_atomic


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil.example","클릭")', '\'=HYPERLINK("http://evil.example","클릭")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("공공데이터 개방 확대", "공공데이터 개방 확대"),  # ordinary text as it is
        ("1+1", "1+1"),  # only the first character counts
        ("", ""),
        (None, None),  # an empty cell
        (-2, -2),  # numbers are the exporter's own, not document text
    ],
)
def test_formula_cells_are_neutralised(cell: object, expected: object) -> None:
    assert neutralize(cell) == expected


PLAN = "2021 계획\n① =HYPERLINK(\"http://evil.example\") 행안부\n② @SUM(1+1) 기재부\n③ 정상 과제 조달청\n"


@pytest.mark.parametrize(
    ("options", "titles"),
    [
        ((), ["'=HYPERLINK(\"http://evil.example\")", "'@SUM(1+1)", "정상 과제"]),
        (("--excel",), ["'=HYPERLINK(\"http://evil.example\")", "'@SUM(1+1)", "정상 과제"]),
        (("--allow-formulas",), ["=HYPERLINK(\"http://evil.example\")", "@SUM(1+1)", "정상 과제"]),
    ],
)
def test_export_csv_neutralises_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], titles: list[str]
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "tasks.csv"
    assert main(["export", str(plan), "-o", str(out), *options]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["title"] for row in rows] == titles


@pytest.mark.parametrize(
    ("umask", "existing", "expected"),
    [
        (0o022, None, 0o644),
        (0o077, None, 0o600),
        (0o002, None, 0o664),
        (0o022, 0o640, 0o640),  # replacing a file keeps its mode
        (0o077, 0o644, 0o644),
    ],
)
def test_written_files_take_the_umask_or_the_replaced_files_mode(
    tmp_path: Path, umask: int, existing: int | None, expected: int
) -> None:
    target = tmp_path / "out.json"
    if existing is not None:
        target.write_text("old")
        target.chmod(existing)
    old = os.umask(umask)
    try:
        write_atomic(target, "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == expected
    assert target.read_text() == "{}\n"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plan\x1b[2J.txt", "plan\\x1b[2J.txt"),
        ("title\x1b]0;owned\x07", "title\\x1b]0;owned\\x07"),
        ("a\nb", "a\\nb"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("rlo\u202etxt.exe", "rlo\\u202etxt.exe"),
        ("계획 2021.txt", "계획 2021.txt"),
    ],
)
def test_messages_show_control_characters_escaped(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert PlanError("no such file", path=raw).one_line() == f"{shown}: error: no such file"


def test_a_file_name_with_escapes_reaches_stderr_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = tmp_path / "evil\x1b[2J.txt"
    name.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("① 과제 행안부\n", encoding="utf-8")
    main(["parse", str(name), str(good), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "evil\\x1b[2J.txt:1:1: error: empty input" in err
