"""Bad PDFs and PDF traps: one clear line and a documented exit code, or a warning and the right text.

tests/invalid_pdf/ holds the refused PDFs with their pinned messages (expected.toml);
tests/pdf/ the traps plan-extract reads through. Both folders are made by
scripts/make_pdf_fixtures.py. Every case runs on both engines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExitCode
from extract.models import iter_nodes
from extract.pipeline import load

from .paths import FIXTURE, INVALID_PDF_DIR, PDF_DIR, PDF_FIXTURES, ROOT

ENGINES = ("pdfium", "pdfplumber")
EXPECTED = tomllib.loads((INVALID_PDF_DIR / "expected.toml").read_text(encoding="utf-8"))
PLAN = PDF_FIXTURES["plan-2020"]


def test_every_invalid_pdf_has_a_pinned_message() -> None:
    assert {p.name for p in INVALID_PDF_DIR.iterdir() if p.name != "expected.toml"} == set(EXPECTED)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_pdf(name: str, engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID_PDF_DIR / name)
    out_dir = tmp_path / "out"
    code = main(["parse", path, "--engine", engine, "-o", str(out_dir)])
    assert capsys.readouterr().err == EXPECTED[name]["message"].format(path=path) + "\n"
    assert code == EXPECTED[name]["code"]
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_no_traceback_from_a_bad_pdf(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad = INVALID_PDF_DIR / "corrupt.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "extract", "parse", str(bad), "-o", str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert result.returncode == ExitCode.BAD_INPUT
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ("5", "--pages 5: outside the document, which has 4 pages"),
        ("3-9", "--pages 3-9: outside the document, which has 4 pages"),
        ("2,7-", "--pages 2,7-: outside the document, which has 4 pages"),
    ],
)
def test_page_range_outside_the_document(pages: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(PLAN), "--pages", pages, "-o", str(tmp_path)]) == ExitCode.USAGE
    assert capsys.readouterr().err == f"{PLAN}: error: {message}\n"
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("pages", ["0", "4-2", "x", "1-2-3", "", "1,,2"])
def test_malformed_page_range_is_a_usage_error(pages: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", str(PLAN), "--pages", pages])
    assert exit_info.value.code == ExitCode.USAGE
    assert "argument --pages: invalid page range" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("pages", "first_pages"),
    [("1", {1}), ("2-3", {2, 3}), ("3-", {3, 4}), ("4,1", {1, 4}), ("1-2,2-3", {1, 2, 3})],
)
def test_page_ranges(pages: str, first_pages: set[int]) -> None:
    document = load(str(PLAN), pages=pages).document
    assert {n.span.page for n in document.noise if n.kind == "page-number"} == first_pages


def test_pages_on_text_input_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["parse", str(FIXTURE), "--pages", "1", "-o", str(tmp_path)]) == ExitCode.USAGE
    assert capsys.readouterr().err == f"{FIXTURE}: error: --pages applies to PDF input; this is not a PDF\n"


def test_a_pdf_is_known_by_its_signature_not_its_name(tmp_path: Path) -> None:
    disguised = tmp_path / "plan.txt"
    shutil.copyfile(PLAN, disguised)
    assert load(str(disguised)).document.source.format == "pdf"


def test_missing_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing, folder = tmp_path / "nope.pdf", tmp_path / "folder.pdf"
    folder.mkdir()
    assert main(["parse", str(missing), "-o", str(tmp_path / "out")]) == ExitCode.UNREADABLE
    assert main(["parse", str(folder), "-o", str(tmp_path / "out")]) == ExitCode.UNREADABLE
    assert capsys.readouterr().err == (
        f"{missing}: error: no such file\n{folder}: error: is a directory without plan files (*.txt or *.pdf)\n"
    )


def test_missing_pdf_extra_names_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import pypdfium2 now fails
    monkeypatch.delitem(sys.modules, "extract.readers.pdf.pdfium", raising=False)
    assert main(["parse", str(PLAN), "-o", str(tmp_path)]) == ExitCode.USAGE
    assert capsys.readouterr().err == (
        f"{PLAN}: error: PDF input needs the pdf extra: pip install '.[pdf]' in the plan-extract folder (pypdfium2 is missing)\n"
    )


def test_text_input_never_imports_a_pdf_library(tmp_path: Path) -> None:
    code = (
        "import sys; from extract.cli import main; "
        f"main(['parse', {str(FIXTURE)!r}, '-o', {str(tmp_path)!r}]); "
        "print(sorted(({m.split('.')[0] for m in sys.modules} | set(sys.modules)) "
        "& {'pdfplumber', 'pdfminer', 'pypdfium2', 'PIL', 'extract.readers.pdf.reader', 'extract.readers.pdf'}))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout == "[]\n", result.stderr


# --- traps read through ---------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_owner_password_only_opens(engine: str) -> None:
    """Encrypted for permissions only (empty user password): readers open it, so do we."""
    document = load(str(PDF_DIR / "owner-password.pdf"), engine=engine).document
    assert [n.id for n in iter_nodes(document.children)][:3] == ["1", "1.1", "1.1.1"]
    assert document.diagnostics == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_scanned_page_among_text_pages_is_a_warning(engine: str) -> None:
    document = load(str(PDF_DIR / "partly-scanned.pdf"), engine=engine).document
    assert [(d.severity, d.code, d.message) for d in document.diagnostics] == [
        ("warning", "no-text-layer", "a page of images without text (a scan?): OCR is needed to read it (page 2)")
    ]
    assert len(list(iter_nodes(document.children))) == 9  # page 1: 분야 1, 1., ①-④, 2., ①, 3.


def test_the_lost_middle_dot_fixture_really_loses_it() -> None:
    """The trap is real: pdfminer cannot map the dot's glyph (the ToUnicode entry is gone)."""
    import pdfplumber

    with pdfplumber.open(PDF_DIR / "lost-middle-dot.pdf") as pdf:
        words = [w["text"] for w in pdf.pages[0].extract_words()]
    assert "추천(cid:" in " ".join(words) and "·" not in " ".join(words)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_lost_middle_dot_between_syllables_is_restored_with_a_warning(engine: str) -> None:
    document = load(str(PDF_DIR / "lost-middle-dot.pdf"), engine=engine).document
    assert [n.title for n in document.children] == [
        "정책평가 과정에서의 국민 추천·심사 비중 확대",
        "공공기관 운영·관리체계 및 혁신성과 평가 개선",
        "공공부문 간 데이터 연계·분석, 정부-민간 간 정보공유 확대",
    ]
    assert [(d.code, d.message) for d in document.diagnostics] == [
        ("unmapped-glyph", "3 glyph(s) without Unicode between Hangul syllables read as a middle dot · (page 1)")
    ]
