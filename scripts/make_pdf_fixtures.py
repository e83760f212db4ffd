"""Make the PDF fixtures: the 2020 list laid out as a real 대표 과제 | 주관기관 table.

No original PDF of the 2020 plan is available offline, so this script draws one
the way a ministry's word processor would: a two-column table over several
pages, the header row repeated, long titles wrapped inside their cell, agency
cells of three or four agencies wrapped over two lines, area rows shaded (and
drawn twice, the fake bold that makes naive extraction read ``분분야야``), page
numbers at the foot. The content comes from ``fixtures/source.txt``, parsed by
plan-extract itself and laid out node by node, so the PDF says exactly what the
text says.

Two layouts, so the reader is not tuned to one:

* ``plan-2020.pdf`` — A4 portrait, a full grid, cells top-aligned, a running
  header on every page, strategies in the task column with an empty agency cell;
* ``plan-2020-narrow.pdf`` — two A5 pages printed side by side on each A4
  landscape sheet (2-up), other column widths and so other wrap points, only
  horizontal rules, cells vertically centred, strategies spanning both columns,
  the header row on the first page only, page breaks inside strategies.

It also writes the small PDFs of ``tests/pdf/`` (traps the reader handles: a
lost middle dot, a scanned page, an owner password) and ``tests/invalid_pdf/``
(refused: encrypted, scanned, no Unicode map, truncated, corrupt, not a PDF).

Usage (needs the ``dev`` extra and a Korean TrueType font, e.g. Debian's
``fonts-nanum``)::

    python scripts/make_pdf_fixtures.py [--font PATH] [--out DIR] [--no-tests]

The generated PDFs are committed, so the tests need neither reportlab nor the
font. The benchmark (``benchmarks/bench_pdf.py``) imports ``build_pdf`` from
here to make a long document.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.models import Node, PlanDocument, iter_nodes  # noqa: E402
from extract.pipeline import parse_file  # noqa: E402

DEFAULT_FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
FONT = "NanumGothic"
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)


@dataclass(frozen=True)
class Row:
    """One table row: task-column text, agency-column text, and how it is drawn."""

    kind: str  # title, area, strategy, task
    left: str
    right: str = ""


@dataclass(frozen=True)
class Layout:
    page: tuple[float, float] = A4  # one printed page
    two_up: bool = False  # two printed pages side by side on a landscape sheet
    margin_x: float = 56.0
    margin_top: float = 64.0
    margin_bottom: float = 64.0
    agency_width: float = 96.0
    font_size: float = 10.0
    leading: float = 14.0
    padding: float = 4.0
    rules: Literal["grid", "rows"] = "grid"  # grid: every cell border; rows: horizontal rules only
    valign: Literal["top", "middle"] = "top"
    header_on_every_page: bool = True
    strategies_span: bool = False  # strategy rows across both columns, or in the task column
    running_header: str | None = None
    first_page_number: int = 36


PLAN_2020 = Layout(
    running_header="2020년 정부혁신 종합 추진계획", margin_x=85.0, font_size=11.5, leading=16.0, agency_width=110.0
)
PLAN_2020_NARROW = Layout(
    page=A5,
    two_up=True,
    margin_x=36.0,
    margin_top=48.0,
    margin_bottom=48.0,
    agency_width=74.0,
    font_size=9.0,
    leading=12.5,
    padding=5.0,
    rules="rows",
    valign="middle",
    header_on_every_page=False,
    strategies_span=True,
)
FIXTURES = {"plan-2020.pdf": PLAN_2020, "plan-2020-narrow.pdf": PLAN_2020_NARROW}


def rows_of(document: PlanDocument) -> list[Row]:
    """The document as table rows: the title line, then one row per node."""
    rows = [Row("title", document.title or "")]
    for node in iter_nodes(document.children):
        rows.append(_row(node))
    return rows


def _row(node: Node) -> Row:
    text = f"{node.marker} {node.title}"
    if node.kind == "area":
        return Row("area", f"{node.marker} | {node.title}({node.label})")
    if node.agencies is not None:
        return Row("task", text, ", ".join(a.text for a in node.agencies))
    return Row("strategy", text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap at spaces, as a word processor does with word-unit wrapping."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and stringWidth(candidate, FONT, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def build_pdf(
    path: str | Path,
    rows: list[Row],
    layout: Layout,
    font: str = DEFAULT_FONT,
    *,
    compress: bool = True,
    encrypt=None,
    scanned_pages: int = 0,
) -> int:
    """Draw ``rows`` as a two-column table into ``path``; return the number of printed pages.

    ``scanned_pages`` appends pages that hold only an image, as a scanner makes them.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont(FONT, font))
    width, height = layout.page
    sheet = (2 * width, height) if layout.two_up else (width, height)
    pdf = canvas.Canvas(str(path), pagesize=sheet, invariant=1, pageCompression=int(compress), encrypt=encrypt)
    pdf.setTitle("2020 정부혁신 대표과제 목록 (plan-extract test fixture)")
    drawer = _Drawer(pdf, layout)
    if rows:
        drawer.draw(rows)
    for _ in range(scanned_pages):
        _draw_scan(pdf, sheet)
    pdf.save()
    return drawer.page_number - layout.first_page_number


def _draw_scan(pdf, sheet: tuple[float, float]) -> None:
    """A page that is one grey image with no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (60, 85), 200)
    pdf.drawImage(ImageReader(image), 0, 0, width=sheet[0], height=sheet[1])
    pdf.showPage()


class _Drawer:
    def __init__(self, pdf, layout: Layout) -> None:
        self.pdf = pdf
        self.layout = layout
        self.page_number = layout.first_page_number
        self.half = 0  # 0: left (or only) printed page of the sheet, 1: right
        self.left = layout.margin_x
        self.right = layout.page[0] - layout.margin_x
        self.split = self.right - layout.agency_width
        self.y = 0.0

    # --- pages --------------------------------------------------------------
    @property
    def x_offset(self) -> float:
        return self.half * self.layout.page[0]

    def start_page(self, *, first: bool) -> None:
        layout = self.layout
        self.y = layout.page[1] - layout.margin_top
        if layout.running_header:
            self.pdf.setFont(FONT, layout.font_size - 2)
            self.pdf.drawRightString(self.x_offset + self.right, layout.page[1] - 36, layout.running_header)
        if first or layout.header_on_every_page:
            self.draw_header()

    def end_page(self) -> None:
        layout = self.layout
        self.pdf.setFont(FONT, layout.font_size)
        self.pdf.drawCentredString(self.x_offset + layout.page[0] / 2, layout.margin_bottom / 2, f"- {self.page_number} -")
        self.page_number += 1
        if layout.two_up and self.half == 0:
            self.half = 1
        else:
            self.pdf.showPage()
            self.half = 0

    # --- rows ---------------------------------------------------------------
    def draw(self, rows: list[Row]) -> None:
        layout = self.layout
        self.start_page(first=True)
        title, *body = rows
        self.pdf.setFont(FONT, layout.font_size + 4)
        self.pdf.drawCentredString(self.x_offset + layout.page[0] / 2, layout.page[1] - layout.margin_top + 8, title.left)
        for row in body:
            self.draw_row(row)
        self.end_page()
        if self.half == 1:  # a 2-up sheet with only its left page drawn
            self.pdf.showPage()

    def cell_lines(self, row: Row) -> tuple[list[str], list[str], bool]:
        layout = self.layout
        inner = layout.padding * 2
        spans = row.kind == "area" or (row.kind == "strategy" and layout.strategies_span)
        if spans:
            return wrap(row.left, self.right - self.left - inner, layout.font_size), [], True
        left = wrap(row.left, self.split - self.left - inner, layout.font_size)
        right = wrap(row.right, layout.agency_width - inner, layout.font_size) if row.right else []
        return left, right, False

    def draw_row(self, row: Row) -> None:
        layout = self.layout
        left, right, spans = self.cell_lines(row)
        height = max(len(left), len(right)) * layout.leading + 2 * layout.padding
        if self.y - height < layout.margin_bottom:
            self.end_page()
            self.start_page(first=False)
        top = self.y
        bottom = top - height
        x = self.x_offset
        if row.kind == "area":
            self.pdf.setFillGray(0.85)
            self.pdf.rect(x + self.left, bottom, self.right - self.left, height, fill=1, stroke=0)
            self.pdf.setFillGray(0)
        self.draw_cell(left, x + self.left + layout.padding, top, height, fake_bold=row.kind == "area")
        if right:
            self.draw_cell(right, x + self.split + layout.padding, top, height)
        self.draw_rules(top, bottom, spans)
        self.y = bottom

    def draw_header(self) -> None:
        layout = self.layout
        height = layout.leading + 2 * layout.padding
        top, x = self.y, self.x_offset
        self.pdf.setFillGray(0.93)
        self.pdf.rect(x + self.left, top - height, self.right - self.left, height, fill=1, stroke=0)
        self.pdf.setFillGray(0)
        baseline = top - layout.padding - layout.font_size
        self.pdf.setFont(FONT, layout.font_size)
        self.pdf.drawCentredString(x + (self.left + self.split) / 2, baseline, "대표 과제")
        self.pdf.drawCentredString(x + (self.split + self.right) / 2, baseline, "주관기관")
        self.draw_rules(top, top - height, spans=False)
        self.y = top - height

    def draw_cell(self, lines: list[str], x: float, top: float, height: float, *, fake_bold: bool = False) -> None:
        layout = self.layout
        used = len(lines) * layout.leading
        offset = (height - 2 * layout.padding - used) / 2 if layout.valign == "middle" else 0.0
        self.pdf.setFont(FONT, layout.font_size)
        for i, line in enumerate(lines):
            baseline = top - layout.padding - offset - i * layout.leading - layout.font_size
            self.pdf.drawString(x, baseline, line)
            if fake_bold:  # what a word processor does for bold without a bold face
                self.pdf.drawString(x + 0.3, baseline, line)

    def draw_rules(self, top: float, bottom: float, spans: bool) -> None:
        x = self.x_offset
        self.pdf.setLineWidth(0.5)
        self.pdf.line(x + self.left, top, x + self.right, top)
        self.pdf.line(x + self.left, bottom, x + self.right, bottom)
        if self.layout.rules == "grid":
            self.pdf.line(x + self.left, top, x + self.left, bottom)
            self.pdf.line(x + self.right, top, x + self.right, bottom)
            if not spans:
                self.pdf.line(x + self.split, top, x + self.split, bottom)


def fixture_rows(source: Path = ROOT / "fixtures" / "source.txt") -> list[Row]:
    return rows_of(parse_file(str(source)).document)


# --- PDFs for the tests: traps and bad input ------------------------------------

def make_test_pdfs(rows: list[Row], font: str, tests: Path = ROOT / "tests") -> list[Path]:
    """Small PDFs for tests/pdf/ (traps the reader handles) and tests/invalid_pdf/ (refused)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    few = rows[:10]  # the title, area 1 and its first tasks: one font subset, several middle dots
    good, bad = tests / "pdf", tests / "invalid_pdf"
    good.mkdir(exist_ok=True)
    bad.mkdir(exist_ok=True)
    made = []

    def target(folder: Path, name: str) -> Path:
        made.append(folder / name)
        return folder / name

    # Opens without a password: only the owner's (permissions) is set.
    build_pdf(target(good, "owner-password.pdf"), few, PLAN_2020, font, encrypt=StandardEncryption("", "owner"))
    build_pdf(target(good, "partly-scanned.pdf"), few, PLAN_2020, font, scanned_pages=1)
    # The dot must be among the first glyphs drawn: the subset then gives it a code below
    # 0x20, which no base encoding maps either, as with a CID font (higher codes fall back
    # to the font's Latin encoding: another trap, documented in docs/pdf.md).
    dots = [
        rows[0],
        Row("task", "① 정책평가 과정에서의 국민 추천·심사 비중 확대", "행안부"),
        Row("task", "② 공공기관 운영·관리체계 및 혁신성과 평가 개선", "기재부, 행안부"),
        Row("task", "③ 공공부문 간 데이터 연계·분석, 정부-민간 간 정보공유 확대", "행안부"),
    ]
    plain = target(good, "lost-middle-dot.pdf")
    build_pdf(plain, dots, replace(PLAN_2020, running_header=None), font, compress=False)
    plain.write_bytes(_unmap(plain.read_bytes(), "00B7"))

    build_pdf(target(bad, "encrypted.pdf"), few, PLAN_2020, font, encrypt=StandardEncryption("secret", "owner"))
    build_pdf(target(bad, "scanned.pdf"), [], PLAN_2020, font, scanned_pages=2)
    no_map = target(bad, "no-unicode-map.pdf")
    build_pdf(no_map, few, PLAN_2020, font, compress=False)
    no_map.write_bytes(_without_unicode_maps(no_map.read_bytes()))
    whole = (ROOT / "fixtures" / "plan-2020.pdf").read_bytes()
    target(bad, "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    target(bad, "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    target(bad, "not-a-pdf.pdf").write_text(
        "<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n", encoding="utf-8"
    )
    target(bad, "empty.pdf").write_bytes(b"")
    return made


def _unmap(data: bytes, code_point: str) -> bytes:
    """Drop one character from the ToUnicode maps of an uncompressed PDF, as some CID
    fonts lose the middle dot: pdfminer then writes (cid:N), pdfium flags a map error.
    The line is blanked to a comment of the same length, so no offset moves."""
    import re

    line = re.compile(rb"<[0-9A-F]+> <" + code_point.encode() + rb">\n")
    count = re.compile(rb"(\d+) beginbfchar")
    out = data
    for m in reversed(list(line.finditer(data))):
        out = out[: m.start()] + b"%" + b" " * (len(m.group()) - 2) + b"\n" + out[m.end() :]
        head = list(count.finditer(out, 0, m.start()))[-1]
        number = int(head.group(1)) - 1
        padded = str(number).encode().rjust(len(head.group(1)))
        out = out[: head.start(1)] + padded + out[head.end(1) :]
    if out == data:
        raise SystemExit(f"no ToUnicode entry for U+{code_point} found")
    return out


def _without_unicode_maps(data: bytes) -> bytes:
    """Blank every /ToUnicode reference: the whole text then comes out as (cid:N)."""
    import re

    out = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), data)
    if out == data:
        raise SystemExit("no /ToUnicode found")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font", default=DEFAULT_FONT, help=f"a Korean TrueType font (default: {DEFAULT_FONT})")
    parser.add_argument("--out", default=str(ROOT / "fixtures"), help="where to write the PDFs (default: fixtures/)")
    parser.add_argument("--no-tests", action="store_true", help="only the fixtures, not tests/pdf/ and tests/invalid_pdf/")
    args = parser.parse_args(argv)
    rows = fixture_rows()
    for name, layout in FIXTURES.items():
        target = Path(args.out) / name
        pages = build_pdf(target, rows, layout, args.font)
        print(f"{target}: {pages} printed pages, {target.stat().st_size:,} bytes")
    if not args.no_tests:
        for made in make_test_pdfs(rows, args.font):
            print(f"{made}: {made.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
