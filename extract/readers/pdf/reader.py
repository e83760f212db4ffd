"""Reader for PDF: a PDF → ``Document`` (its lines as blocks, with their page and geometry).

Every line of a page becomes a block, pages in order: a table row with its task cell and its
lead-agency cell (wrapped lines of a cell joined by a space), a line of plain text as a
paragraph with its left edge and height. What only the geometry knows travels on the blocks:

* the page of every line (each node's ``span.page``);
* which cell of a row is the agency column, so the agency list is that column's words even
  where the registry would read the row otherwise;
* furniture: the repeated header row, page numbers, running headers;
* diagnostics: pages without a text layer, glyphs without Unicode.

Pages are read one at a time by an engine (``extract/readers/pdf/``: pdfium, fast, the
default; pdfplumber, the reference) and dropped before the next one.

Refused, as ``PlanError`` naming the file: not a PDF (no ``%PDF-`` signature),
truncated (no ``%%EOF``), encrypted, unreadable, text that comes out as
``(cid:…)``, no text layer at all (a scan), a page range outside the document.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
import os
import unicodedata
from functools import partial
from importlib import import_module
from pathlib import Path

import regex

from ...errors import ExitCode, PlanError
from ...document import PAGE_BREAK, PARAGRAPH, ROW, Block, Cell, Document, Locator, ReaderIssue
from ...stages.normalize import plain_spaces
from ...progress import step
from .. import PDF_SIGNATURE as SIGNATURE
from .. import PDF_SIGNATURE_WITHIN as SIGNATURE_WITHIN

END_MARKER = b"%%EOF"
END_WITHIN = 4096  # trailing junk after %%EOF is common; a missing one means a cut file
UNMAPPED = "\ufffd"
MAX_SHIFT = 60  # points: the most two kinds of printed page (odd/even, 2-up halves) differ in margin
SHIFTS = sorted(range(-MAX_SHIFT, MAX_SHIFT + 1), key=abs)  # 0, -1, 1, -2, 2, …: the order ties are broken in
UNMAPPED_SHARE = 0.2  # a page with more glyphs than this without Unicode is unreadable
PDF_EXTRA = "PDF input needs the pdf extra: pip install '.[pdf]' in the plan-extract folder"
ENGINE_MODULES = {"pdfium": "pdfium", "pdfplumber": "plumber"}  # --engine → module of extract/readers/pdf/

# 2-4, 7, 10-: items of --pages.
PAGE_ITEM = regex.compile(r"\s* (?P<first>\d+) \s* (?: (?P<dash>-) \s* (?P<last>\d+)? )? \s*", regex.VERBOSE)

# - 36 -, 36, (36), 36 / 40, p. 36: a margin line that is only a page number.
PAGE_NUMBER = regex.compile(r"[-–—(\[<]? \s* (?:p\.?\s*)? \d{1,4} \s* (?: / \s* \d{1,4} )? \s* [-–—)\]>]?", regex.VERBOSE)

# 추천<?>심사: a glyph without Unicode between two Hangul syllables is a lost middle dot.
LOST_DOT = regex.compile(r"(?<=\p{Hangul})\ufffd(?=\p{Hangul})")


def parse_page_spec(spec: str) -> tuple[tuple[int, int | None], ...]:
    """``36-40`` / ``7`` / ``10-`` / ``1,3,5-7`` → ((first, last or None), …); 1-based, inclusive."""
    ranges = []
    for item in spec.split(","):
        m = PAGE_ITEM.fullmatch(item)
        if not m:
            raise ValueError(f"invalid page range {spec!r}: expected N, N-M or N- (1-based), comma-separated")
        first = int(m.group("first"))
        last = int(m.group("last")) if m.group("last") else (None if m.group("dash") else first)
        if first < 1 or (last is not None and last < first):
            raise ValueError(f"invalid page range {item.strip()!r}: pages count from 1 and a range must not run backwards")
        ranges.append((first, last))
    return tuple(ranges)


def select_pages(ranges: tuple[tuple[int, int | None], ...] | None, count: int, spec: str, path: str) -> list[int]:
    if ranges is None:
        return list(range(1, count + 1))
    pages: set[int] = set()
    for first, last in ranges:
        last = count if last is None else last
        if first > count or last > count:
            raise PlanError(
                f"--pages {spec}: outside the document, which has {count} page{'s' if count != 1 else ''}",
                path=path,
                code=ExitCode.USAGE,
            )
        pages.update(range(first, last + 1))
    return sorted(pages)


def read_pdf(
    path: str | os.PathLike[str],
    profile,
    *,
    pages: str | None = None,
    engine: str | None = None,
    data: bytes | None = None,
) -> Document:
    """Read the PDF at ``path`` (the pages ``pages`` says, all by default) with ``engine``;
    ``data``, when given, is its bytes already read (a pipe cannot be read twice)."""
    from . import DEFAULT_ENGINE

    shown = os.fspath(path)
    engine = engine or DEFAULT_ENGINE
    ranges = None
    if pages is not None:
        try:
            ranges = parse_page_spec(pages)
        except ValueError as exc:
            raise PlanError(str(exc), path=shown, code=ExitCode.USAGE) from None
    sha256 = _check_file(shown) if data is None else _check_bytes(data, shown)
    module = _engine(engine, shown)
    from .page import BrokenError, EncryptedError

    composer = _Composer(shown)
    reader = _page_reader(profile)
    try:
        with module.open_document(shown if data is None else data) as document:
            chosen = select_pages(ranges, document.page_count, pages or "", shown)
            for done, number in enumerate(chosen, 1):
                step(done, len(chosen))  # the command's bar, for a long PDF on its own
                try:
                    content = document.page(number)
                except Exception:  # the engine choked on this page's content; its words are no help to a user
                    raise PlanError(f"page {number} cannot be read: its content is damaged", path=shown) from None
                _refuse_unmapped(content, shown)
                composer.add(content, reader.read(content))
    except EncryptedError:
        raise PlanError("the PDF is encrypted: it needs a password to open", path=shown) from None
    except BrokenError:
        raise PlanError("not a readable PDF: its structure is damaged (corrupt or cut short)", path=shown) from None
    return composer.document(sha256, engine)


def _check_file(path: str) -> str:
    """The file's sha256, after checking it is there and looks like a whole PDF."""
    p = Path(path)
    if p.is_dir():
        raise PlanError("is a directory, not a plan file", path=path, code=ExitCode.UNREADABLE)
    digest = hashlib.sha256()
    try:
        with p.open("rb") as handle:
            head = handle.read(SIGNATURE_WITHIN)
            digest.update(head)
            tail = head
            for block in iter(partial(handle.read, 1 << 20), b""):
                digest.update(block)
                tail = (tail + block)[-END_WITHIN:]
    except FileNotFoundError:
        raise PlanError("no such file", path=path, code=ExitCode.UNREADABLE) from None
    except OSError as exc:
        raise PlanError(f"cannot read: {exc.strerror or exc}", path=path, code=ExitCode.UNREADABLE) from None
    _check_ends(head, tail, path)
    return digest.hexdigest()


def _check_bytes(data: bytes, path: str) -> str:
    """``_check_file`` for bytes already read."""
    _check_ends(data[:SIGNATURE_WITHIN], data, path)
    return hashlib.sha256(data).hexdigest()


def _check_ends(head: bytes, tail: bytes, path: str) -> None:
    """A whole PDF: something in the file, the signature near its start, %%EOF near its end."""
    if not head.strip():
        raise PlanError("empty file, not a PDF", path=path)
    if SIGNATURE not in head:
        raise PlanError("not a PDF: no %PDF- signature at the start of the file", path=path)
    if END_MARKER not in tail[-END_WITHIN:]:
        raise PlanError("truncated PDF: no %%EOF at the end of the file", path=path)


def _engine(name: str, path: str):
    from . import ENGINES

    if name not in ENGINES:
        raise PlanError(f"unknown PDF engine {name!r} (choose from {', '.join(ENGINES)})", path=path, code=ExitCode.USAGE)
    try:
        return import_module(f"{__package__}.{ENGINE_MODULES[name]}")
    except ImportError as exc:
        raise PlanError(f"{PDF_EXTRA} ({exc.name or exc} is missing)", path=path, code=ExitCode.USAGE) from None


def _page_reader(profile):
    from ...stages.agencies import agencies_at_end, load_registry, pieces_from_right
    from .layout import PageReader

    registry = load_registry(profile)

    def is_agency_list(text: str) -> bool:
        pieces = list(pieces_from_right(text, [(0, len(text))], profile.separators))  # right to left
        if not pieces:
            return False
        found = agencies_at_end(text, 0, text, profile.separators, registry)
        return bool(found) and found[0].start == pieces[-1].start

    def starts_with_marker(text: str) -> bool:
        m = profile.marker_pattern.match(text)
        return m is not None

    return PageReader(profile.pdf_agency_header, is_agency_list, starts_with_marker, title_header=profile.title_header)


def _refuse_unmapped(content, path: str) -> None:
    if content.chars >= 10 and content.unmapped > UNMAPPED_SHARE * content.chars:
        raise PlanError(
            f"page {content.number}: text comes out as (cid:…): the font has no Unicode map; "
            "OCR or another copy is needed",
            path=path,
        )


class _Composer:
    """Builds the document's blocks page by page: a table row with its task and agency
    cells, a line of plain text as a paragraph; then marks the margin furniture."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.blocks: list[Block] = []
        self.margins: list[tuple[str, str, int]] = []  # where, folded text, block index
        self.issues: list[ReaderIssue] = []
        self.glyphs = 0
        self.scanned = 0
        self.lost_dots: list[tuple[int, int]] = []  # (block, offset)
        self.unmapped: list[tuple[int, int]] = []
        self.lefts: dict[tuple[int, int], list[float]] = {}  # (side, page parity) → left edges of lines
        self.printed_page: list[tuple[int, int] | None] = []  # each block's (side, parity), for lines

    def add(self, content, units) -> None:
        self.blocks.append(Block(PAGE_BREAK, page=content.number))
        self.printed_page.append(None)
        self.glyphs += content.chars
        if not content.chars and content.images:
            self.scanned += 1
            self.issues.append(
                ReaderIssue(
                    "warning",
                    "no-text-layer",
                    "a page of images without text (a scan?): OCR is needed to read it",
                    Locator(page=content.number),
                    block=len(self.blocks),
                )
            )
        where = Locator(page=content.number)  # one for the page's blocks: a locator is immutable
        for unit in units:
            index = len(self.blocks)
            left = self._clean(unit.left, index, 0)
            common = dict(page=content.number, where=where, indent=unit.x0, size=unit.height)
            if unit.cells:
                block = Block(ROW, cells=self._grid_cells(unit, index, common), **common)
            elif unit.right:
                right = self._clean(unit.right, index, len(left) + 1)
                cells = (
                    Cell(0, 0, blocks=(Block(PARAGRAPH, left, **common),)),
                    Cell(0, 1, blocks=(Block(PARAGRAPH, right, **common),), role="agencies"),
                )
                block = Block(ROW, cells=cells, furniture="table-header" if unit.kind == "header" else None, **common)
            else:
                block = Block(PARAGRAPH, left, furniture="table-header" if unit.kind == "header" else None, framed=unit.framed, **common)
            self.blocks.append(block)
            if unit.x0 is not None:
                key = (unit.side, content.number % 2)
                self.lefts.setdefault(key, []).append(unit.x0)
                self.printed_page.append(key)
            else:
                self.printed_page.append(None)
            if unit.kind != "header" and unit.margin:
                self.margins.append((unit.margin, _fold_digits(left), index))

    def _grid_cells(self, unit, index: int, common: dict) -> tuple[Cell, ...]:
        """A ruled grid's row: every column a cell, with its header text; the agency column marked."""
        cells, offset = [], 0
        for col, cell in enumerate(unit.cells):
            text = self._clean(cell.text, index, offset)
            offset += len(text) + 1  # the tab compose puts between cells
            role = "agencies" if cell.agencies else "category" if cell.category else None
            cells.append(Cell(0, col, header=cell.header or None, role=role, blocks=(Block(PARAGRAPH, text, **common),)))
        return tuple(cells)

    def _clean(self, text: str, block: int, offset: int) -> str:
        """NFC, plain spaces (so the text parser's normalization moves nothing), lost middle dots."""
        text = unicodedata.normalize("NFC", plain_spaces(text))
        if UNMAPPED in text:
            self.lost_dots.extend((block, offset + m.start()) for m in LOST_DOT.finditer(text))
            text = LOST_DOT.sub("·", text)
            self.unmapped.extend((block, offset + i) for i, ch in enumerate(text) if ch == UNMAPPED)
        return text

    def document(self, sha256: str, engine: str) -> Document:
        if not self.glyphs:
            if self.scanned:
                raise PlanError("no text layer: the pages are images (a scan?); OCR is needed", path=self.path)
            raise PlanError("no text in the PDF's pages", path=self.path)
        blocks = self._indents_from_margins()
        for kind, index in self._margin_furniture():
            blocks[index] = blocks[index]._replace(furniture=kind)
        issues = list(self.issues)
        for found, message in (
            (self.lost_dots, "glyph(s) without Unicode between Hangul syllables read as a middle dot ·"),
            (self.unmapped, "glyph(s) without Unicode kept as U+FFFD: their font has no Unicode map"),
        ):
            if found:
                block, offset = found[0]
                issues.append(
                    ReaderIssue("warning", "unmapped-glyph", f"{len(found)} {message}", blocks[block].where, block, offset)
                )
        return Document(
            self.path, "pdf", sha256, tuple(blocks), issues=tuple(issues), metadata={"engine": engine}, wrapped=True
        )

    def _indents_from_margins(self) -> list[Block]:
        """Indents made comparable across kinds of printed page: a booklet sets odd and even
        pages at different margins, a 2-up sheet its two halves, and a level is one indent
        only once they are aligned. Each kind is shifted onto the one with the most lines by
        the shift that best lines up their left edges (levels recur at the same indents), and
        indents are then measured from the leftmost of the common margin's usual edges."""
        if len(self.lefts) < 2:
            return self.blocks
        base = max(self.lefts, key=lambda key: len(self.lefts[key]))
        # The base kind's own shift is 0: no shift lines up more of its edges than none.
        shifts = {key: 0 if key == base else _best_shift(self.lefts[base], lefts) for key, lefts in self.lefts.items()}
        # A block of the base kind (shift 0) keeps its indent: a line's indent is rounded already,
        # and rounding it again gives it back (but for the sign of a zero, hence the last test).
        return [
            block._replace(indent=round(block.indent + shifts[key], 1))
            if key is not None and block.indent is not None and (shifts[key] or not block.indent)
            else block
            for block, key in zip(self.blocks, self.printed_page)
        ]

    def _margin_furniture(self) -> list[tuple[str, int]]:
        """First and last lines of printed pages that are page numbers, or that repeat (digits
        aside) at the same end of two printed pages or more: running headers and footers."""
        groups: dict[tuple[str, str], list[int]] = {}
        for where, folded, index in self.margins:
            groups.setdefault((where, folded), []).append(index)
        found = []
        for where, folded, index in self.margins:
            if PAGE_NUMBER.fullmatch(folded.replace("#", "0")):
                found.append(("page-number", index))
            elif len(groups[(where, folded)]) >= 2 and self._runs_on(groups[(where, folded)]) and not self._numbers_headings(groups[(where, folded)]):
                found.append(("running-header" if where == "top" else "running-footer", index))
        return found

    def _runs_on(self, indices: list[int]) -> bool:
        """Whether margin lines alike stand on neighbouring printed pages somewhere (the next
        page, or the next but one: a booklet's left and right headers differ), as a running
        header or footer does; a banner atop each area's first page ('세부추진과제 목록' on
        pages 21, 27, 33 …) does not."""
        pages = sorted({self.blocks[i].page or 0 for i in indices})
        return any(b - a <= RUNNING_GAP for a, b in zip(pages, pages[1:]))

    def _numbers_headings(self, indices: list[int]) -> bool:
        """Whether margin lines alike but for their digits are headings that number sheets
        (``【참고자료 4】`` atop page 80, ``【참고자료 5】`` atop 81, ``【참고자료 9】`` atop 84): each
        text once, and no number of theirs keeps in step with the page (a running header
        that prints the page number, ``학교급식 기본계획 27``, does)."""
        texts = [" ".join(self.blocks[i].text.split()) for i in indices]
        if len(set(texts)) < len(texts):
            return False
        numbers = [tuple(int(n) for n in DIGITS.findall(text)) for text in texts]
        pages = [self.blocks[i].page or 0 for i in indices]
        for k in range(len(numbers[0])):
            if len({number[k] - page for number, page in zip(numbers, pages)}) == 1:
                return False
        return True


RUNNING_GAP = 2  # pages: a running header stands on the next page, or the next but one (a booklet's)


def _best_shift(base: list[float], lefts: list[float]) -> int:
    """The shift (whole points, within ±MAX_SHIFT) that puts the most of ``lefts`` on an edge
    that ``base`` also uses (1-point bins), the smallest shift on a tie."""
    common = Counter(round(x) for x in base)
    mine = Counter(round(x) for x in lefts)
    # score(shift) = sum over my edges x of min(mine[x], common[x + shift]): only the pairs of
    # edges within MAX_SHIFT of each other add to it, so they are summed, not every shift tried
    # against every edge.
    edges = sorted(common)
    scores: dict[int, int] = {}
    for x, n in mine.items():
        for y in edges[bisect_left(edges, x - MAX_SHIFT) : bisect_right(edges, x + MAX_SHIFT)]:
            scores[y - x] = scores.get(y - x, 0) + min(n, common[y])
    return max(SHIFTS, key=lambda shift: scores.get(shift, 0))  # the first best: smallest shift on a tie


DIGITS = regex.compile(r"\d+")
DIGIT = regex.compile(r"\d")  # compiled once: regex.sub(pattern, …) looks it up in regex's cache each call


def _fold_digits(text: str) -> str:
    return DIGIT.sub("#", " ".join(text.split()))
