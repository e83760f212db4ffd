"""The HTML diff report in a real browser: headless Chromium (Debian's ``chromium``) loads it
with no console message, builds the expected DOM and renders a screenshot.

Skipped where /usr/bin/chromium is absent; ``scripts/check_html_report.py`` is the check.
"""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extract.diff.render_html import render_html
from extract.diff.report import build_report
from extract.pipeline import parse_file

from .factories import parse
from .paths import FIXTURE, ROOT

_spec = importlib.util.spec_from_file_location("check_html_report", ROOT / "scripts" / "check_html_report.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

pytestmark = pytest.mark.skipif(not Path(check.CHROMIUM).exists(), reason=f"{check.CHROMIUM} is not installed")


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


def _text_of(dom: str) -> str:
    parser = Text()
    parser.feed(dom)
    return parser.text


def test_the_2020_2021_report_renders_cleanly(tmp_path: Path) -> None:
    old = parse_file(str(FIXTURE)).document
    new = parse_file(str(ROOT / "fixtures" / "edition-2021.txt")).document
    page = tmp_path / "report.html"
    page.write_text(render_html(build_report(old, new, old_path="2020", new_path="2021")), encoding="utf-8")
    dom, problems = check.dump_dom(page)
    problems += check.screenshot(page, tmp_path / "report.png")
    assert problems == []
    text = _text_of(dom)
    assert "분야 4 디지털 혁신역량을 바탕으로 적극적이고 신뢰받는 행정 구현 (일하는 방식)" in text
    assert "국민참여예산제 확대 및 운영 내실화" in text


def test_a_script_in_a_title_stays_text_in_the_browser(tmp_path: Path) -> None:
    old = parse("① 국민 참여 제도 개선 및 평가 체계 정비 추진 행안부\n")
    new = parse(
        "① 국민 참여 제도 <i>개선</i> 및 평가 체계 정비 추진 행안부\n"
        "② 새 <script>alert(1)</script> <img src=x onerror=alert(2)> 과제 확대 행안부\n"
    )
    page = tmp_path / "hostile.html"
    page.write_text(render_html(build_report(old, new, old_path="a", new_path="b")), encoding="utf-8")
    dom, problems = check.dump_dom(page)
    assert problems == []  # no console message (nothing ran, nothing loaded), no <script> element
    text = _text_of(dom)
    assert "<script>alert(1)</script>" in text and "<i>개선</i>" in text
    assert "<img" not in dom.replace("&lt;img", "") and "<i>" not in dom


def test_folded_rows_are_printed(tmp_path: Path) -> None:
    """Printed to PDF, the page holds the unchanged tasks folded on screen (E8's 3.3.1.1)."""
    pdfium = pytest.importorskip("pypdfium2")
    old = parse_file(str(FIXTURE)).document
    new = parse_file(str(ROOT / "fixtures" / "edition-2021.txt")).document
    page = tmp_path / "report.html"
    page.write_text(render_html(build_report(old, new, old_path="2020", new_path="2021")), encoding="utf-8")
    printed = tmp_path / "report.pdf"
    result = check.run_chromium(check.CHROMIUM, page, f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    assert result.returncode == 0 and printed.exists(), result.stderr[-2000:]
    document = pdfium.PdfDocument(str(printed))
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "3.3.1.1" in text
