"""``plan-extract diff``: the hand-made 2021 edition against the 2020 list, the golden report,
inputs, output formats, escaping, exit codes.

``EDITS`` restates ``fixtures/edition-2021.md`` row by row; it is written from the edit list,
not from the tool's output, and checked independently of the golden file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli import main
from extract.diff.render_html import render_html
from extract.diff.render_md import render_markdown
from extract.diff.report import build_report
from extract.errors import ExitCode
from extract.pipeline import parse_file

from .factories import parse
from .paths import FIXTURE, GOLDEN_DIR, PDF_FIXTURES, ROOT

EDITION_2021 = ROOT / "fixtures" / "edition-2021.txt"
GOLDEN = GOLDEN_DIR / "diff-2020-2021.json"

# (edit, old id, new id, status, changes, agency changes as (relation, old text, new text)) — fixtures/edition-2021.md
EDITS = [
    ("E1", "1.1.1", None, "removed", [], []),
    ("E2", "1.1.2", "1.1.1", "changed", ["renamed", "renumbered"], []),
    ("E3", "1.1.3", "1.1.2", "changed", ["renumbered"], []),
    ("E3", "1.1.4", "1.1.3", "changed", ["renumbered"], []),
    ("E4", "2.1.1", "2.1.1", "unchanged", [], []),
    ("E4", "2.1.2", "2.1.2", "unchanged", [], []),
    ("E4", "2.2.1", "2.2.1", "unchanged", [], []),
    ("E4", "2.2.2", "2.2.2", "unchanged", [], []),
    ("E4", "2.3.1", "2.3.1", "unchanged", [], []),
    ("E5", "2.3.2", "4.4.1.3", "changed", ["moved"], []),
    ("E6", "3.1.3.1", "3.1.3.1", "changed", ["renamed", "agencies"], [("removed", "중기부", None), ("removed", "산업부", None)]),
    ("E6", None, "3.1.3.3", "added", [], []),
    ("E7", "3.2.2.2", "3.2.2.2", "changed", ["agencies"], [("added", None, "복지부")]),
    ("E8", "3.3.1.1", "3.3.1.1", "unchanged", [], [("renamed", "행안부", "행정안전부")]),
    ("E9", "3.3.2.3", None, "removed", [], []),
    ("E10", "4.2.2.2", "4.2.2.2", "changed", ["agencies"], [("removed", "행안부", None)]),
    ("E11", None, "4.2.1.4", "added", [], []),
    ("E12", "4.3.2.1", "4.3.3.1", "unchanged", [], []),
    ("E12", "4.3.2.2", "4.3.3.2", "unchanged", [], []),
    ("E12", "4.3.3.1", "4.3.2.1", "unchanged", [], []),
    ("E12", "4.3.3.2", "4.3.2.2", "unchanged", [], []),
    ("E13", "4.4.2.1", None, "removed", [], []),
    ("E13", "4.4.2.2", "4.4.2.1", "changed", ["renamed", "renumbered"], []),
    ("E14", "4.4.2.3", "4.4.2.2", "changed", ["renumbered"], []),
    ("E14", "4.4.2.4", "4.4.2.3", "changed", ["renumbered"], []),
    ("E15", "3.1.1.1", "3.1.1.1", "unchanged", [], []),
    ("E15", "3.1.2.1", "3.1.2.1", "unchanged", [], []),
]

# (edit, old id, new id, status, changes) for headings; every other heading keeps its id, unchanged.
HEADING_EDITS = [
    ("E4", "2", "2", "changed", ["renamed"]),
    ("E12", "4.3.2", "4.3.3", "changed", ["renumbered"]),
    ("E12", "4.3.3", "4.3.2", "changed", ["renumbered"]),
]


@pytest.fixture(scope="module")
def report():
    old = parse_file(str(FIXTURE)).document
    new = parse_file(str(EDITION_2021)).document
    return build_report(old, new, old_path="fixtures/source.txt", new_path="fixtures/edition-2021.txt")


def _find(entries, old_id, new_id):
    found = [e for e in entries if (e.old.id if e.old else None) == old_id and (e.new.id if e.new else None) == new_id]
    assert len(found) == 1, f"no single entry {old_id} → {new_id}"
    return found[0]


@pytest.mark.parametrize(
    ("edit", "old_id", "new_id", "status", "changes", "agency_changes"),
    EDITS,
    ids=[f"{row[0]}-{row[1] or 'new'}-{row[2] or 'gone'}" for row in EDITS],
)
def test_each_documented_edit_is_reported(report, edit, old_id, new_id, status, changes, agency_changes) -> None:
    entry = _find(report.tasks, old_id, new_id)
    found = [(c.relation, c.old.text if c.old else None, c.new.text if c.new else None) for c in entry.agency_changes]
    assert (entry.status, entry.changes, found) == (status, changes, agency_changes)


def test_tasks_no_edit_touches_are_unchanged_under_the_same_id(report) -> None:
    listed = {(row[1], row[2]) for row in EDITS}
    for entry in report.tasks:
        key = (entry.old.id if entry.old else None, entry.new.id if entry.new else None)
        if key not in listed:
            assert (entry.status, entry.old.id) == ("unchanged", entry.new.id), key


@pytest.mark.parametrize(
    ("edit", "old_id", "new_id", "status", "changes"), HEADING_EDITS, ids=[r[0] + "-" + r[1] for r in HEADING_EDITS]
)
def test_each_documented_heading_edit_is_reported(report, edit, old_id, new_id, status, changes) -> None:
    entry = _find(report.headings, old_id, new_id)
    assert (entry.status, entry.changes) == (status, changes)


def test_other_headings_are_unchanged(report) -> None:
    listed = {(row[1], row[2]) for row in HEADING_EDITS}
    others = [e for e in report.headings if (e.old.id, e.new.id) not in listed]
    assert len(others) == 33
    assert all(e.status == "unchanged" and e.old.id == e.new.id for e in others)


def test_split_and_merge_name_their_counterpart(report) -> None:
    assert _find(report.tasks, None, "3.1.3.3").related.id == "3.1.3.1"  # E6: the split-off half
    assert _find(report.tasks, None, "4.2.1.4").related is None  # E11: a new task like no other


def test_totals_of_the_edit_list(report) -> None:
    """fixtures/edition-2021.md, last paragraph."""
    tasks, headings = report.summary.tasks, report.summary.headings
    assert (tasks.old, tasks.new) == (57, 56)
    assert tasks.status.model_dump() == {"unchanged": 44, "changed": 10, "added": 2, "removed": 3}
    assert tasks.changes.model_dump() == {"renamed": 3, "moved": 1, "renumbered": 6, "agencies": 3}
    assert tasks.renumbered_only == 4  # E3, E14 (E2 and E13 are renamed too)
    assert tasks.agency_changes.model_dump() == {"successor": 0, "renamed": 1, "reassigned": 0, "added": 1, "removed": 2}
    assert (headings.old, headings.new) == (36, 36)
    assert headings.status.model_dump() == {"unchanged": 33, "changed": 3, "added": 0, "removed": 0}
    assert headings.changes.model_dump() == {"renamed": 1, "moved": 0, "renumbered": 2, "agencies": 0}
    assert report.summary.identical is False


def test_golden(monkeypatch: pytest.MonkeyPatch, golden) -> None:
    monkeypatch.chdir(ROOT)
    old = parse_file("fixtures/source.txt").document
    new = parse_file("fixtures/edition-2021.txt").document
    golden(GOLDEN, build_report(old, new, old_path="fixtures/source.txt", new_path="fixtures/edition-2021.txt").to_json())


# --- inputs ----------------------------------------------------------------------------------


def test_json_and_text_inputs_give_the_same_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_json = tmp_path / "old.json"
    old_json.write_text(parse_file(str(FIXTURE)).document.to_json(), encoding="utf-8")
    assert main(["diff", str(FIXTURE), str(EDITION_2021)]) == ExitCode.DIFFERENCES
    from_text = json.loads(capsys.readouterr().out)
    assert main(["diff", str(old_json), str(EDITION_2021)]) == ExitCode.DIFFERENCES
    from_json = json.loads(capsys.readouterr().out)
    assert from_json["old"]["path"] == str(old_json)
    assert from_json["old"]["source"] == from_text["old"]["source"] == str(FIXTURE)
    for key in ("summary", "tasks", "headings"):
        assert from_json[key] == from_text[key]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema_version": "1.0",\n  "title": }', "bad.json:2:12: error: not valid JSON: Expecting value"),
        ('{"schema_version": "9.9"}', "bad.json: error: schema_version is '9.9'; this plan-extract reads '1.0'"),
    ],
    ids=["syntax", "version"],
)
def test_bad_plan_json_exits_2_with_one_located_line(
    tmp_path: Path, text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """extract.load reads plan JSON (tests/test_load.py has every message); diff folds its code into 2."""
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    assert main(["diff", str(bad), str(FIXTURE)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.replace(str(bad), "bad.json").startswith(message), err


# --- command line ----------------------------------------------------------------------------


def test_the_pdf_of_the_2020_list_is_the_same_edition_as_its_text(capsys: pytest.CaptureFixture[str]) -> None:
    """A side may be anything parse reads: the 2020 list drawn as a PDF table against its text."""
    assert main(["diff", str(PDF_FIXTURES["plan-2020"]), str(FIXTURE), "-q"]) == ExitCode.OK
    assert json.loads(capsys.readouterr().out)["summary"]["tasks"]["old"] == 57


def test_identical_editions_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(FIXTURE), str(FIXTURE), "-q"]) == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["identical"] is True
    assert {e["status"] for e in report["tasks"] + report["headings"]} == {"unchanged"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", str(FIXTURE)], "missing.txt: error: no such file"),
        ([str(FIXTURE), str(ROOT / "tests" / "invalid" / "empty.txt")], "empty.txt:1:1: error: empty input"),
        ([str(FIXTURE), str(ROOT / "tests")], "tests: error: is a directory"),
        ([str(FIXTURE), str(FIXTURE), "--profile", "missing.toml"], "missing.toml"),
    ],
    ids=["missing", "empty", "directory", "bad-profile"],
)
def test_errors_exit_2_with_one_line(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err


def test_unwritable_output_exits_2_and_leaves_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["diff", str(FIXTURE), str(EDITION_2021), "-o", str(blocker / "report.json")]) == 2
    assert "cannot write output" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_output_file_is_written_atomically_and_format_follows_suffix(tmp_path: Path) -> None:
    for name, start in (("r.json", "{"), ("r.md", "# Diff:"), ("r.html", "<!DOCTYPE html>"), ("r.txt", "{")):
        assert main(["diff", str(FIXTURE), str(EDITION_2021), "-o", str(tmp_path / name)]) == 1
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    assert main(["diff", str(FIXTURE), str(EDITION_2021), "-o", str(tmp_path / "x.html"), "--format", "md"]) == 1
    assert (tmp_path / "x.html").read_text(encoding="utf-8").startswith("# Diff:")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    """Two separate processes (other hash seeds, other thread timing) write identical bytes
    (the HTML page's time made comes from SOURCE_DATE_EPOCH when it is set)."""
    script = (
        "import sys; from extract.cli import main\n"
        "for fmt in ('json', 'md', 'html'):\n"
        "    out = sys.argv[1] + '.' + fmt\n"
        "    main(['diff', 'fixtures/source.txt', 'fixtures/edition-2021.txt', '-f', fmt, '-o', out])\n"
    )
    for seed in ("1", "2"):
        env = {"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1767225600"}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], cwd=ROOT, env=env, check=True)
    for fmt in ("json", "md", "html"):
        first = (tmp_path / f"1.{fmt}").read_bytes()
        assert first and first == (tmp_path / f"2.{fmt}").read_bytes(), fmt


def test_text_input_warnings_are_printed_unless_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("① 과제 추진 미래혁신처\n", encoding="utf-8")
    assert main(["diff", str(plan), str(plan)]) == 0
    assert "warning: agency '미래혁신처' is not in the registry" in capsys.readouterr().err
    assert main(["diff", str(plan), str(plan), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_task_kind_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --task-kind strategy the `1.` rows are the tasks and the ① rows are headings."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("1. 가 과제 확대\n① 세부 과제 추진 행안부\n", encoding="utf-8")
    new.write_text("1. 가 과제 확대 강화\n① 세부 과제 추진 행안부\n", encoding="utf-8")
    assert main(["diff", str(old), str(new), "--task-kind", "strategy", "-q"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(e["new"]["kind"], e["status"]) for e in report["tasks"]] == [("strategy", "changed")]
    assert [(e["new"]["kind"], e["status"]) for e in report["headings"]] == [("task", "unchanged")]


def test_missing_extra_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m.startswith("extract.diff.") and m != "extract.diff.models"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # import rapidfuzz → ModuleNotFoundError
    assert main(["diff", str(FIXTURE), str(FIXTURE)]) == 2
    assert capsys.readouterr().err == (
        "plan-extract diff: error: needs the 'diff' extra (rapidfuzz is not installed): "
        "pip install 'plan-extract[diff]'\n"
    )


def test_parse_does_not_import_the_diff_extra() -> None:
    code = (
        "import sys; from extract.cli import build_parser, main; build_parser(); "
        "main(['parse', 'fixtures/source.txt', '-o', '-', '-q']); "
        "sys.stderr.write(repr(sorted(m for m in ('rapidfuzz', 'scipy', 'numpy') if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.stderr == "[]", result.stderr


# --- readable reports --------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> & "quotes" | *stars* ~~strike~~ [link](http://x)'


def _hostile_report():
    """Markup in an added task's title, in a renamed task's changed word, in a file name."""
    old = parse(
        "분야 1 | 영역 제목(참여)\n① 국민 참여 제도 개선 및 평가 체계 정비 추진 행안부\n② 사라질 과제 추진 행안부\n"
    )
    new = parse(
        "분야 1 | 영역 제목(참여)\n① 국민 참여 제도 <i>개선</i> 및 평가 체계 정비 추진 행안부\n"
        f"② 새 {HOSTILE} 과제 확대 행안부\n"
    )
    report = build_report(old, new, old_path="<old>.txt", new_path="new&.txt")
    assert [e.status for e in report.tasks] == ["changed", "removed", "added"]
    return report


def test_html_shows_markup_from_a_document_as_text() -> None:
    page = render_html(_hostile_report())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<ins>&lt;i&gt;</ins>개선<ins>&lt;/i&gt;</ins>" in page  # the tags changed, not the word
    assert "<script" not in page.lower() and "<i>" not in page
    assert "&lt;old&gt;.txt" in page and "new&amp;.txt" in page
    assert "&quot;quotes&quot;" in page
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in page


def test_markdown_shows_markup_from_a_document_as_text() -> None:
    text = render_markdown(_hostile_report())
    assert "&lt;script&gt;" in text and "<script" not in text
    assert "<ins>&lt;i&gt;</ins>개선<ins>&lt;/i&gt;</ins>" in text and "<i>" not in text
    assert r"\*stars\*" in text and r"\~\~strike\~\~" in text and r"\[link\]" in text and r"\|" in text


def test_html_highlights_changed_words_side_by_side(report) -> None:
    page = render_html(report)
    assert "국민참여예산제 확대 및 <del>제도</del> 내실화" in page
    assert "국민참여예산제 확대 및 <ins>운영</ins> 내실화" in page
    assert "공정위, 고용부, 중기부, <ins>복지부</ins>" in page
    assert "인사처, <del>행안부</del>" in page
    assert '<span class="badge moved">moved</span>' in page
    assert page.count('<section class="area"') == 4


def test_markdown_lists_each_area_with_its_changes(report) -> None:
    text = render_markdown(report)
    assert "- old: 국민참여예산제 확대 및 ~~제도~~ 내실화 — 기재부" in text
    assert "- new: 국민참여예산제 확대 및 **운영** 내실화 — 기재부" in text
    assert "Moved out of this area (1):" in text
    areas = [line for line in text.splitlines() if line.startswith("## 분야")]
    assert len(areas) == 4 and "(was: 분야 2 민관협력을 위한" in areas[1]


def test_report_round_trips_through_its_model_and_schema_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    from extract.diff.models import DiffReport

    text = GOLDEN.read_text(encoding="utf-8")
    assert DiffReport.model_validate_json(text).to_json() == text
    assert main(["schema", "diff"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "DiffReport" and schema["$id"].endswith("/2.0/diff.schema.json")
    assert {"summary", "tasks", "headings"} <= set(schema["required"])


# --- readable reports: what users expect (issue 14) ----------------------------------------------

# (old title, new title, old marked, new marked): [ ] marks what a report highlights
WORD_DIFFS = [
    ("국민참여예산제 확대 및 제도 내실화", "국민참여예산제 확대 및 운영 내실화",
     "국민참여예산제 확대 및 [제도] 내실화", "국민참여예산제 확대 및 [운영] 내실화"),
    ("혁신지향 공공조달 본격 추진(대상발굴, 유인확보 등)", "혁신지향 공공조달 본격 추진",
     "혁신지향 공공조달 본격 추진[(대상발굴, 유인확보 등)]", "혁신지향 공공조달 본격 추진"),
    ("공공기관 운영·관리체계 개선", "공공기관 운영·평가체계 개선", "공공기관 운영·[관리체계] 개선", "공공기관 운영·[평가체계] 개선"),
    ("교육, 훈련 확대", "교육, 연수 확대", "교육, [훈련] 확대", "교육, [연수] 확대"),
    ("‘정부 보조금’ 제공", "‘정부 보조금’ 제공 확대", "‘정부 보조금’ 제공", "‘정부 보조금’ 제공 [확대]"),
    ("같은 제목", "같은  제목", "같은 제목", "같은 제목"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "old_marked", "new_marked"), WORD_DIFFS, ids=[r[2] for r in WORD_DIFFS])
def test_word_diff_inside_words_joined_by_punctuation(old, new, old_marked, new_marked) -> None:
    from extract.diff.words import word_diff

    def marked(runs) -> str:
        return "".join(f"[{r.text}]" if r.changed else r.text for r in runs)

    old_runs, new_runs = word_diff(old, new)
    assert (marked(old_runs), marked(new_runs)) == (old_marked, new_marked)


def test_reports_mark_only_the_parenthesis_that_went(report) -> None:
    """E6: 본격 추진(대상발굴, 유인확보 등) → 본격 추진: 추진 stays, the parenthesis is struck."""
    assert "혁신지향 공공조달 본격 추진<del>(대상발굴, 유인확보 등)</del>" in render_html(report)
    # Markdown's ~~ does not open after a letter: inside a word the report uses the HTML tag.
    assert "- old: 혁신지향 공공조달 본격 추진<del>(대상발굴, 유인확보 등)</del> — 기재부" in render_markdown(report)


# (text, the code span that shows it as it is)
CODE_SPANS = [
    ("fixtures/source_2020.txt", "`fixtures/source_2020.txt`"),
    ("a*b|c[1]~", "`a*b|c[1]~`"),
    ("a`b", "``a`b``"),
    ("`x``", "``` `x`` ```"),
    ("<old>&.txt", "`<old>&.txt`"),
]


@pytest.mark.parametrize(("text", "span"), CODE_SPANS, ids=[r[0] for r in CODE_SPANS])
def test_markdown_code_spans_are_not_escaped(text: str, span: str) -> None:
    from extract.diff.render_md import code

    assert code(text) == span


def test_markdown_file_names_and_ids_stand_unescaped_in_code_spans(report) -> None:
    old = parse("① 국민 참여 제도 개선 추진 행안부\n")
    new = parse("① 국민 참여 제도 개선 확대 추진 행안부\n")
    text = render_markdown(build_report(old, new, old_path="my_plan_2020.txt", new_path="x*y.txt"))
    assert "- old: `my_plan_2020.txt` (sha256" in text and "- new: `x*y.txt` (sha256" in text
    assert "**renamed** `1` (similarity" in text


HEADLINE = "Tasks 57 → 56: 6 changed, 4 only renumbered, 2 added, 3 removed, 44 unchanged."


def test_headline_counts_renumbered_only_tasks_apart(report) -> None:
    """fixtures/edition-2021.md: 10 changed, of which E3 and E14 (four tasks) only renumbered."""
    assert HEADLINE in render_markdown(report).splitlines()
    page = render_html(report)
    assert f'<p class="headline">{HEADLINE}</p>' in page
    assert '<div class="card changed"><b>6</b>changed</div>' in page
    assert '<div class="card renumbered"><b>4</b>only renumbered</div>' in page


def test_agency_changes_read_apart_in_both_reports() -> None:
    old = parse("2025 업무계획\n1. 재정 혁신\n① 예산 제도 개선 기재부\n② 에너지 전환 추진 산업부\n")
    new = parse("2026 업무계획\n1. 재정 혁신\n① 예산 제도 개선 기획처\n② 에너지 전환 추진 기후부\n")
    report = build_report(old, new, old_path="a", new_path="b")
    text = render_markdown(report)
    assert "  - agencies: 기재부 → 기획처 (reorganised 2026-01-02)" in text
    assert "  - agencies: 산업부 → 기후부 (reassigned)" in text
    assert "Lead agencies: 1 reassigned, 1 reorganised." in text
    page = render_html(report)
    assert '<div class="agency-change successor">기재부 → 기획처 (reorganised 2026-01-02)</div>' in page
    assert '<div class="agency-change reassigned">산업부 → 기후부 (reassigned)</div>' in page
    assert "<del>산업부</del>" in page and "<ins>기후부</ins>" in page and "<del>기재부</del>" not in page


def test_html_names_the_tool_version_and_time_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract import __version__

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = tmp_path / "r.html"
    assert main(["diff", str(FIXTURE), str(EDITION_2021), "-o", str(out), "-q"]) == ExitCode.DIFFERENCES
    page = out.read_text(encoding="utf-8")
    assert f"<footer>Made by plan-extract {__version__} diff on 2026-01-01 00:00:00 UTC." in page


def test_html_folded_rows_open_when_printed(report) -> None:
    """Unchanged tasks are folded behind a checkbox (no script); the print style shows them."""
    page = render_html(report)
    assert "<details" not in page  # a closed <details> cannot be opened by a print style
    assert page.count('<table class="plain folded">') == 4  # one per area
    assert "input.fold:not(:checked) + label.fold + .folded { display: none; }" in page
    assert "@media print {" in page and "input.fold + label.fold + .folded { display: table; }" in page
    assert "전자증명서 확대" in page  # E8's unchanged task is in the page, folded


def test_strict_fails_on_warnings_of_either_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("① 과제 추진 미래혁신처\n", encoding="utf-8")
    saved = tmp_path / "plan.json"
    saved.write_text(parse_file(str(plan)).document.to_json(), encoding="utf-8")
    for side in (plan, saved):
        assert main(["diff", str(FIXTURE), str(side), "--strict", "-o", str(tmp_path / "r.json")]) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[-1] == f"{side}: error: 1 warning(s) and --strict: no report written", err
        assert "warning: agency '미래혁신처' is not in the registry" in err[0]
        assert not (tmp_path / "r.json").exists()
    assert main(["diff", str(FIXTURE), str(FIXTURE), "--strict", "-q"]) == ExitCode.OK
