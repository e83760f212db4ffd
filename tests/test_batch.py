"""Batch runs: inputs from directories and globs, worker processes, order, failures, the
progress bar and the summary."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from extract.batch import Failure, attempt, run_batch
from extract.cli import main
from extract.errors import ExitCode
from extract.inputs import Input, expand_inputs
from extract.stages.profile import load_profile
from extract.progress import Progress
from extract.synthetic import Layout, random_plan, render

from .editions import TASKS, edition_2021_text
from .paths import FIXTURE, INVALID_DIR

PARSE = (".txt",)
EXPORT = (".json", ".txt")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("plans/2020.txt", "plans/sub/2021.txt", "plans/sub/notes.md", "plans/.hidden/x.txt",
                 "plans/.y.txt", "plans/data.JSON", "other.txt", "empty/readme.md"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (arguments, suffixes, [(path, output name)] or the error of one input)
EXPANSIONS = [
    (["plans"], PARSE, [("plans/2020.txt", "2020"), ("plans/sub/2021.txt", "sub/2021")]),
    (["plans"], EXPORT, [("plans/2020.txt", "2020"), ("plans/data.JSON", "data"), ("plans/sub/2021.txt", "sub/2021")]),
    (["plans/sub"], PARSE, [("plans/sub/2021.txt", "2021")]),
    (["plans/*.txt"], PARSE, [("plans/2020.txt", "2020")]),
    (["plans/**/*.txt"], PARSE, [("plans/2020.txt", "2020"), ("plans/sub/2021.txt", "2021")]),
    (["plans/s*"], PARSE, [("plans/sub/2021.txt", "2021")]),
    (["plans/sub/notes.md"], PARSE, [("plans/sub/notes.md", "notes")]),  # a file named is a file taken
    (["other.txt", "plans/2020.txt", "plans/sub/../2020.txt", "plans"], PARSE,
     [("other.txt", "other"), ("plans/2020.txt", "2020"), ("plans/sub/2021.txt", "sub/2021")]),
    (["missing.txt"], PARSE, [("missing.txt", "missing")]),  # reading it will say "no such file"
    (["nothing*.txt"], PARSE, "nothing*.txt: error: no file matches this pattern"),
    (["empty"], PARSE, "empty: error: is a directory without plan files (*.txt)"),
    (["empty"], EXPORT, "empty: error: is a directory without plan files (*.json or *.txt)"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "suffixes", "expected"), EXPANSIONS, ids=[
    "directory", "directory-export", "subdirectory", "glob", "globstar", "glob-directory", "named-file",
    "each-once", "missing", "no-match", "empty-directory", "empty-directory-export",
])  # fmt: skip
def test_expand_inputs(args: list[str], suffixes: tuple[str, ...], expected, tree: Path) -> None:
    found = expand_inputs(args, suffixes)
    if isinstance(expected, str):
        assert [i.error.one_line() for i in found] == [expected]
        assert all(i.error.code == ExitCode.UNREADABLE for i in found)
    else:
        assert [(Path(i.path).as_posix(), i.name, i.error) for i in found] == [(p, n, None) for p, n in expected]


def plans_dir(tmp_path: Path) -> Path:
    """Good plans, one with a warning, one corrupt, in a directory, sub-folders included."""
    plans = tmp_path / "plans"
    (plans / "more").mkdir(parents=True)
    (plans / "2020.txt").write_bytes(FIXTURE.read_bytes())
    (plans / "2021.txt").write_text(edition_2021_text(), encoding="utf-8")  # one unknown agency: a warning
    (plans / "bad.txt").write_bytes((INVALID_DIR / "image.png").read_bytes())
    profile = load_profile()
    for seed in range(3):
        rng = random.Random(seed)
        text = render(
            random_plan(rng, profile, size=20), rng, Layout(header_every=5, page_numbers=True), year=2022 + seed
        )
        (plans / "more" / f"synthetic-{seed}.txt").write_text(text, encoding="utf-8")
    return plans


def test_parse_goes_on_past_a_corrupt_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = plans_dir(tmp_path)
    out = tmp_path / "out"
    assert main(["parse", str(plans), "-o", str(out), "-q"]) == ExitCode.BAD_INPUT
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == [
        "2020.json",
        "2021.json",
        "more/synthetic-0.json",
        "more/synthetic-1.json",
        "more/synthetic-2.json",
    ]
    error = f"{plans / 'bad.txt'}:3:1: error: binary input (NUL byte), not a text plan"
    assert capsys.readouterr().err == f"{error}\n"  # -q: only the error (issue 14), no summary


def test_without_quiet_a_batch_closes_with_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = plans_dir(tmp_path)
    assert main(["parse", str(plans), "-o", str(tmp_path / "out")]) == ExitCode.BAD_INPUT
    error = f"{plans / 'bad.txt'}:3:1: error: binary input (NUL byte), not a text plan"
    assert capsys.readouterr().err.splitlines()[-2:] == ["parsed 5, failed 1", f"  {error}"]


def test_export_goes_on_past_a_corrupt_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "2020.json"
    assert main(["parse", str(FIXTURE), "-o", str(tmp_path), "-q"]) == 0
    (tmp_path / "source.json").rename(good)
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0", ', encoding="utf-8")
    text_2021 = tmp_path / "2021.txt"
    text_2021.write_text(edition_2021_text(), encoding="utf-8")
    out = tmp_path / "tasks.csv"
    assert main(["export", str(good), str(bad), str(text_2021), "-o", str(out)]) == ExitCode.BAD_INPUT
    assert out.read_text(encoding="utf-8").count("\n") == 1 + 2 * TASKS
    error = f"{bad}:1:27: error: not valid JSON: Expecting property name enclosed in double quotes"
    warning = f"{text_2021}:21:22: warning: agency '미래혁신처' is not in the registry [unknown-agency]"
    assert capsys.readouterr().err == (
        f"{error}\n{warning}\nexported 2 editions, {2 * TASKS} tasks, failed 1\n  {error}\n"
    )


def _files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_jobs_2_gives_what_jobs_1_gives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = plans_dir(tmp_path)
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        code = main(["parse", str(plans), "-o", str(out), "--jobs", jobs])
        parse_err = capsys.readouterr().err
        csv_code = main(["export", str(plans), "--format", "csv", "-j", jobs])
        csv_out = capsys.readouterr()
        db = tmp_path / f"plans-{jobs}.sqlite"
        main(["export", str(out), "-o", str(db), "-j", jobs, "-q"])
        with sqlite3.connect(db) as conn:
            tables = [conn.execute(f"SELECT * FROM {t}").fetchall() for t in ("nodes", "agencies", "node_agencies")]
            editions = conn.execute("SELECT edition_id, title, source_sha256 FROM editions").fetchall()
        results[jobs] = (code, _files(out), parse_err, csv_code, csv_out, tables, editions)
    assert results["1"] == results["2"]
    code, files, parse_err, csv_code, csv_out, tables, editions = results["1"]
    assert (code, csv_code) == (ExitCode.BAD_INPUT, ExitCode.BAD_INPUT)
    assert len(files) == 5 and len(editions) == 5
    assert "unknown-agency" in parse_err and csv_out.out.count("\n") > 2 * TASKS


def whose_process(path: str) -> tuple[str, int]:
    time.sleep(0.3 if path.endswith("0") else 0.0)  # the first input finishes last
    return path, os.getpid()


def test_workers_run_elsewhere_and_results_come_in_input_order() -> None:
    inputs = [Input(f"input-{i}", f"input-{i}") for i in range(5)]
    results = [result for _item, result in run_batch(whose_process, inputs, jobs=2)]
    assert [path for path, _pid in results] == [i.path for i in inputs]
    assert os.getpid() not in {pid for _path, pid in results}
    in_process = [result for _item, result in run_batch(whose_process, inputs, jobs=1)]
    assert {pid for _path, pid in in_process} == {os.getpid()}


def test_inputs_that_failed_before_any_work_keep_their_place(tmp_path: Path) -> None:
    error = expand_inputs([str(tmp_path / "none*.txt")], PARSE)
    inputs = [error[0], Input("input-0", "a"), Input("input-1", "b"), *error]
    for jobs in (1, 2):
        results = [result for _item, result in run_batch(whose_process, inputs, jobs=jobs)]
        assert isinstance(results[0], Failure) and isinstance(results[3], Failure)
        assert [r[0] for r in results[1:3]] == ["input-0", "input-1"]


def explode(path: str) -> None:
    raise KeyError(path)


def test_a_bug_on_one_input_is_reported_against_it_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert attempt(explode, "a.txt") == Failure(
        "a.txt: error: internal error: KeyError: 'a.txt' (a bug: please report it with this input)", ExitCode.INTERNAL
    )
    from extract import pipeline

    real = pipeline.parse_document
    monkeypatch.setattr(
        pipeline,
        "parse_document",
        lambda document, profile=None: explode(document.path) if "boom" in document.path else real(document, profile),
    )
    boom = tmp_path / "boom.txt"
    boom.write_text("① 과제 행안부\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(boom), str(FIXTURE), "-o", str(out), "-q"]) == ExitCode.INTERNAL
    assert _files(out).keys() == {"source.json"}
    assert "internal error: KeyError" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "message"), [("-1", "must be 0 (one per CPU) or more"), ("two", "not a number: 'two'")]
)
def test_bad_jobs_is_a_usage_error(value: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse", str(FIXTURE), "--jobs", value])
    assert caught.value.code == ExitCode.USAGE
    assert message in capsys.readouterr().err


# --- the progress bar ---------------------------------------------------------------------

BAR = re.compile(r"\r\x1b\[K(\[[#.]+\][^\r\n]*)?")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = plans_dir(tmp_path)
    assert not sys.stderr.isatty()
    main(["parse", str(plans), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert "\r" not in err and "\x1b" not in err and "[####" not in err
    assert err.endswith(
        f"parsed 5, failed 1\n  {plans / 'bad.txt'}:3:1: error: binary input (NUL byte), not a text plan\n"
    )


def test_progress_bar_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plans = plans_dir(tmp_path)
    main(["parse", str(plans), "-o", str(tmp_path / "plain")])
    plain = capsys.readouterr().err

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    main(["parse", str(plans), "-o", str(tmp_path / "tty")])
    err = capsys.readouterr().err
    assert "\r" in err
    assert re.search(r"\[#{24}\] 6/6", err), "the bar reaches the end"
    # Take the bar's drawing away and what is left is exactly what a log file gets.
    assert BAR.sub("", err) == plain

    main(["parse", str(plans), "-o", str(tmp_path / "quiet"), "-q"])  # -q: no bar, even on a terminal
    assert "\r" not in capsys.readouterr().err


def test_progress_bar_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    stream = io.StringIO()
    monkeypatch.setenv("COLUMNS", "60")
    progress = Progress(3, stream, enabled=True)
    progress.advance("plans/" + "아주긴폴더이름/" * 10 + "2021.txt")
    line = stream.getvalue().rsplit("\r\x1b[K", 1)[1]
    from extract.text_table import display_width

    assert display_width(line) <= 59 and line.endswith("2021.txt") and "…" in line
    progress.echo("a message")
    progress.close()
    assert stream.getvalue().endswith("a message\n" + "\r\x1b[K" + line + "\r\x1b[K")


def test_one_long_input_gets_a_bar_of_its_pages(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A single PDF on a terminal: no bar for the first second, then its pages (issue 14)."""
    pytest.importorskip("pypdfium2")
    from extract import progress
    from extract.cli import main

    from .paths import PDF_FIXTURES

    pdf = str(PDF_FIXTURES["plan-2020"])
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    main(["parse", pdf, "-o", "-", "-q"])
    assert "\r" not in capsys.readouterr().err  # -q: none
    main(["parse", pdf, "-o", "-"])
    assert "pages" not in capsys.readouterr().err  # a quick file: nothing drawn in its first second
    monkeypatch.setattr(progress, "FIRST_STEP_DRAW", 0.0)
    monkeypatch.setattr(progress, "REDRAW_EVERY", 0.0)
    main(["parse", pdf, "-o", "-"])
    err = capsys.readouterr().err
    assert re.search(r"\[#*\.*\] +\d+/\d+ pages", err)
    assert BAR.sub("", err) == ""  # and wiped at the end: nothing else on stderr


@pytest.mark.parametrize(("done", "total", "bar"), [(1, 4, "[######..................] 1/4 pages"), (4, 4, "[########################] 4/4 pages")])
def test_page_bar_drawing(monkeypatch: pytest.MonkeyPatch, done: int, total: int, bar: str) -> None:
    import io

    from extract import progress

    monkeypatch.setattr(progress, "FIRST_STEP_DRAW", 0.0)
    stream = io.StringIO()
    bar_of_one = Progress(1, stream, enabled=True)
    bar_of_one.step(done, total)
    assert stream.getvalue() == "\r\x1b[K" + bar


def writer_pid(path: str, target: str) -> int:
    """A work function that writes its own output, as parse's does: the pid of the writer."""
    Path(target).write_text(path, encoding="utf-8")
    return os.getpid()


def test_each_input_gets_its_own_extra_arguments_and_workers_write_their_outputs(tmp_path: Path) -> None:
    inputs = [Input(f"input-{i}", f"name-{i}") for i in range(4)]
    for jobs in (1, 2):
        out = tmp_path / f"out-{jobs}"
        out.mkdir()
        pids = [pid for _item, pid in run_batch(writer_pid, inputs, jobs=jobs, extra=lambda item: (str(out / item.name),))]
        assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {f"name-{i}": f"input-{i}" for i in range(4)}
        assert (os.getpid() in pids) == (jobs == 1)  # with --jobs the files were written in the workers


# (input, --strict, written?, warnings reported back): the worker writes unless --strict meets a warning.
WORKER_WRITES = [
    ("2020.txt", False, True, 0),
    ("2021.txt", False, True, 1),  # one unknown agency
    ("2020.txt", True, True, 0),
    ("2021.txt", True, False, 1),
]


@pytest.mark.parametrize(("name", "strict", "written", "warnings"), WORKER_WRITES)
def test_parse_worker_writes_its_document_unless_strict_meets_a_warning(tmp_path: Path, name, strict, written, warnings):
    from extract.commands.parse import parse_one

    plans = plans_dir(tmp_path)
    target = tmp_path / "out" / "x.json"
    result = parse_one(str(plans / name), str(target), profile=None, strict=strict)
    assert result.json is None and target.exists() == written
    assert sum(d["severity"] != "info" for d in result.diagnostics) == warnings
    to_stdout = parse_one(str(plans / name), None, profile=None, strict=strict)
    if written:
        assert to_stdout.json == target.read_text(encoding="utf-8")
