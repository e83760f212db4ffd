"""The command line: parse into a directory or stdout, --strict, schema, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExitCode

from .paths import FIXTURE, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_parse_writes_json_named_after_the_input(tmp_path: Path) -> None:
    result = run("parse", str(FIXTURE), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "source.json").read_text(encoding="utf-8"))
    assert document["title"] == "2020 정부혁신 대표과제 목록"
    assert [c["marker"] for c in document["children"]] == ["분야 1", "분야 2", "분야 3", "분야 4"]
    assert list(tmp_path.iterdir()) == [tmp_path / "source.json"]  # no temporary file left behind


def test_parse_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FIXTURE), "-o", "-"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema_version"] == "1.1"
    assert document["source"]["sha256"] == __import__("hashlib").sha256(FIXTURE.read_bytes()).hexdigest()


def test_several_inputs_to_stdout_is_one_json_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.txt"
    other.write_text("① 과제 추진 행안부\n", encoding="utf-8")
    assert main(["parse", str(FIXTURE), str(other), "-o", "-"]) == 0
    documents = json.loads(capsys.readouterr().out)
    assert [d["source"]["path"] for d in documents] == [str(FIXTURE), str(other)]


def test_bad_file_among_good_ones_still_writes_the_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["parse", str(bad), str(FIXTURE), "-o", str(out)]) == ExitCode.BAD_INPUT
    assert sorted(p.name for p in out.iterdir()) == ["source.json"]
    # The error when it happens, then the closing summary that repeats it.
    error = f"{bad}:1:1: error: empty input (no text at all)"
    assert capsys.readouterr().err == f"{error}\nparsed 1, failed 1\n  {error}\n"


def test_warnings_go_to_stderr_and_strict_fails_without_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("① 과제 추진 행안부\n② 과제 추진 미래혁신처\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(plan), "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"{plan}:2:9: warning: agency '미래혁신처' is not in the registry [unknown-agency]\n"
    (out / "plan.json").unlink()
    assert main(["parse", str(plan), "-o", str(out), "--strict"]) == ExitCode.STRICT
    assert "--strict: no output written" in capsys.readouterr().err
    assert not (out / "plan.json").exists()


def test_quiet_silences_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("① 과제 추진 미래혁신처\n", encoding="utf-8")
    assert main(["parse", str(plan), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_two_inputs_with_one_stem_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    copy = tmp_path / "a" / "source.txt"
    copy.write_bytes(FIXTURE.read_bytes())
    assert main(["parse", str(FIXTURE), str(copy), "-o", str(tmp_path / "out")]) == ExitCode.USAGE
    assert "would write" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["parse", str(FIXTURE), "-o", str(blocker / "sub")]) == ExitCode.OUTPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write output" in err


def test_usage_error_exit_code() -> None:
    result = run("parse")
    assert result.returncode == ExitCode.USAGE
    assert "usage:" in result.stderr


def test_no_traceback_on_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02")
    result = run("parse", str(bad), "-o", str(tmp_path))
    assert result.returncode == ExitCode.BAD_INPUT
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_readme_main_command_writes_into_out(tmp_path: Path) -> None:
    """`plan-extract parse fixtures/source.txt` from the repository root writes out/source.json."""
    work = tmp_path / "repo"
    (work / "fixtures").mkdir(parents=True)
    (work / "fixtures" / "source.txt").write_bytes(FIXTURE.read_bytes())
    result = run("parse", "fixtures/source.txt", cwd=work)
    assert result.returncode == 0, result.stderr
    document = json.loads((work / "out" / "source.json").read_text(encoding="utf-8"))
    assert document["source"]["path"] == "fixtures/source.txt"


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "PlanDocument"


# --- the basics a user expects (issue 14) ---------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from extract import __version__

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"plan-extract {__version__}\n"


@pytest.mark.parametrize("command", ["parse", "export", "agencies", "schema"])
def test_help_has_no_rest_markup(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "``" not in out
    assert f"plan-extract {command}" in out


def test_quiet_prints_only_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warned = tmp_path / "warned.txt"
    warned.write_text("① 과제 추진 행안부\n③ 다음 과제 기재부\n", encoding="utf-8")  # a numbering gap
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(warned), str(FIXTURE), str(empty), "-o", str(tmp_path / "out"), "-q"]) == 4
    assert capsys.readouterr().err == f"{empty}:1:1: error: empty input (no text at all)\n"


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["parse", str(FIXTURE), "-o", "-", "--compact"], 1),
        (["parse", str(FIXTURE), str(ROOT / "fixtures" / "edition-2021.txt"), "-o", "-", "--compact", "-q"], 1),
        (["agencies", str(FIXTURE), "-f", "json", "--compact"], 1),
        (["parse", str(FIXTURE), "-o", "-"], None),  # indented: many lines
    ],
)
def test_compact_json_is_one_line(args: list[str], lines: int | None, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(args) == 0
    out = capsysbinary.readouterr().out.decode()
    json.loads(out)
    if lines is None:
        assert out.count("\n") > 100
    else:
        assert out.count("\n") == lines


REGISTRY = '[[agency]]\nname = "세종특별자치시"\naliases = ["세종시"]\n\n[[agency]]\nname = "행정안전부"\naliases = ["우리부"]\n'
PLAN = "① 지역 과제 추진 세종시\n② 혁신 과제 추진 우리부\n③ 정책 과제 추진 행안부\n"


@pytest.mark.parametrize(
    ("how", "names"),
    [
        ("none", [[], ["우리부"], ["행정안전부"]]),  # 세종시: no agency; 우리부 only looks like one
        ("--registry", [["세종특별자치시"], ["행정안전부"], ["행정안전부"]]),  # added to the package's
        ("profile", [["세종특별자치시"], ["행정안전부"], ["행안부"]]),  # the registry beside the profile instead: no 행안부
    ],
)
def test_own_registry(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], how: str, names: list) -> None:
    (tmp_path / "mine.toml").write_text(REGISTRY, encoding="utf-8")
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    args = ["parse", str(plan), "-o", "-", "-q"]
    if how == "--registry":
        args += ["--registry", str(tmp_path / "mine.toml")]
    elif how == "profile":
        default = (ROOT / "extract" / "profiles" / "default.toml").read_text(encoding="utf-8")
        (tmp_path / "p.toml").write_text(default.replace('registry = "agencies.toml"', 'registry = "mine.toml"'), encoding="utf-8")
        args += ["--profile", str(tmp_path / "p.toml")]
    assert main(args) == 0
    document = json.loads(capsysbinary.readouterr().out)
    assert [[a["name"] or a["text"] for a in c.get("agencies") or []] for c in document["children"]] == names


# A plain `parse` command line is read without argparse (commands/parse.py quick_args): it must
# give what argparse gives, and leave every other command line to argparse.
QUICK = [
    ["a.txt"],
    ["a.txt", "b.pdf", "c"],
    ["a.txt", "-o", "out2"],
    ["-o", "-", "a.txt"],
    ["-q", "--strict", "a.txt", "b.txt", "--compact", "--output", "x", "-o", "y"],
    ["--quiet", "a.txt", "-q"],
    ["", "-o", ""],
]
NOT_QUICK = [
    [],
    ["-o", "x"],
    ["a.txt", "-o"],
    ["a.txt", "-o", "--strict"],
    ["a.txt", "-q", "b.txt"],  # inputs on both sides of an option: argparse refuses it
    ["-", "a.txt"],
    ["a.txt", "--output=x"],
    ["a.txt", "--out", "x"],
    ["a.txt", "-qo", "x"],
    ["a.txt", "-j", "2"],
    ["a.txt", "--pages", "1-2"],
    ["a.txt", "--", "b.txt"],
    ["a.txt", "-h"],
]


@pytest.mark.parametrize("argv", QUICK, ids=" ".join)
def test_quick_args_read_as_argparse_does(argv: list[str]) -> None:
    from extract.cli import build_parser
    from extract.commands.parse import quick_args

    assert vars(quick_args(argv)) == vars(build_parser("parse").parse_args(["parse", *argv]))


@pytest.mark.parametrize("argv", NOT_QUICK, ids=" ".join)
def test_other_command_lines_are_left_to_argparse(argv: list[str]) -> None:
    from extract.commands.parse import quick_args

    assert quick_args(argv) is None


def test_a_plain_parse_does_not_import_argparse(tmp_path: Path) -> None:
    code = "import sys; from extract.cli import main; main(sys.argv[1:]); print('argparse' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code, "parse", "-q", str(FIXTURE), "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_the_program_freezes_the_collector_before_exit_and_main_with_arguments_does_not(monkeypatch) -> None:
    import gc

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["plan-extract", "schema"])
    main(["schema"])
    assert frozen == []
    main()
    assert frozen == [True]
