"""Bad input: one line naming the file and the place, a documented exit code, no output file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExitCode, PlanError, internal_message

from .paths import INVALID_DIR

EXPECTED = tomllib.loads((INVALID_DIR / "expected.toml").read_text(encoding="utf-8"))


def test_every_invalid_input_has_a_pinned_message() -> None:
    inputs = {p.name for p in INVALID_DIR.iterdir() if p.name != "expected.toml"}
    assert inputs == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_invalid_input(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID_DIR / name)
    out_dir = tmp_path / "out"
    code = main(["parse", path, "-o", str(out_dir)])
    err = capsys.readouterr().err
    assert err == EXPECTED[name]["message"].format(path=path) + "\n"
    assert code == EXPECTED[name]["code"]
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_directory_without_plan_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.md").write_text("① 과제 행안부\n", encoding="utf-8")  # a directory stands for its *.txt only
    assert main(["parse", str(tmp_path), "-o", str(tmp_path / "out")]) == ExitCode.UNREADABLE
    assert capsys.readouterr().err == f"{tmp_path}: error: is a directory without plan files (*.txt or *.pdf)\n"


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["parse", str(missing), "-o", str(tmp_path)]) == ExitCode.UNREADABLE
    assert capsys.readouterr().err == f"{missing}: error: no such file\n"


def test_error_computes_line_and_column_itself() -> None:
    error = PlanError("bad", "ab\ncd\nef", 4, path="x.txt")
    assert (error.lineno, error.colno) == (2, 2)
    assert str(error) == "x.txt:2:2: error: bad"


def test_internal_message_is_one_line() -> None:
    error = ValueError("1 validation error for PlanDocument\nchildren.0.number\n  Input should be ≥ 1")
    assert internal_message(error) == "ValueError: 1 validation error for PlanDocument children.0.number Input should be ≥ 1"
