"""The document form: what every reader (text, PDF, HWP, HWPX) returns and the parser reads.

A ``Document`` is an ordered tuple of ``Block`` s, in reading order:

* a **paragraph** (``PARAGRAPH``): one line of a text file, one line of a PDF page, one
  HWP/HWPX paragraph;
* a table **row** (``ROW``) with its ``Cell`` s; a cell holds blocks of its own (its
  paragraphs, and the rows of a table nested in it);
* a **break** (``PAGE_BREAK``, ``SECTION_BREAK``) where the format has pages or sections.

Each block says what the format knows about it and ``None`` for what it does not: its page,
its outline level, its left indent and font size, and the numbering label the word processor
draws in front of it (``1.``, ``가.``, ``□``; HWP/HWPX numbering is not in the text, so the
reader computes it). ``where`` points back into the source: a character offset for text, a
page for PDF, a (section, paragraph, character) index for HWP/HWPX.

Example (HWPX)::

    Block(PARAGRAPH, "추진 배경", label="□", level=1, where=Locator(section=0, paragraph=12))
    Block(ROW, "", cells=(Cell(0, 0, blocks=(Block(PARAGRAPH, "과제"),)), Cell(0, 1, …)), table=3, row=0)
"""

from __future__ import annotations

from .records import NamedTuple, Record

PARAGRAPH = "paragraph"
ROW = "row"
PAGE_BREAK = "page-break"
SECTION_BREAK = "section-break"
BLOCK_KINDS = (PARAGRAPH, ROW, PAGE_BREAK, SECTION_BREAK)


class Locator(NamedTuple):
    """Where a block comes from. Text: ``offset``. PDF: ``page`` (and ``offset`` into the
    page's text). HWP/HWPX: ``section``, ``paragraph`` (index among the section's paragraphs,
    counting those inside tables and text boxes in reading order) and ``offset`` (the
    character in that paragraph where the block's text starts)."""

    offset: int = 0
    page: int | None = None
    section: int | None = None
    paragraph: int | None = None


class Cell(NamedTuple):
    """One table cell: its address, spans, the header text of its column, and its blocks."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    header: str | None = None  # the text of this column's header cell, where the table has one
    # "agencies": the reader's layout found this is the lead-agency column; "category": its column
    # holds categories over several rows (공립 over 유·초·중 and 고·특수), read with the row's label
    role: str | None = None
    blocks: tuple[Block, ...] = ()

    @property
    def text(self) -> str:
        """The cell's paragraphs, one per line (nested rows as their cells' text, tab-joined)."""
        return "\n".join(block.plain_text for block in self.blocks if block.kind in (PARAGRAPH, ROW))


class Block(NamedTuple):
    kind: str
    text: str = ""  # a paragraph's text as stored (without the computed label); "" for rows
    label: str | None = None  # numbering/bullet the word processor draws before the text
    level: int | None = None  # outline level, 0 = top, where the format declares one
    indent: float | None = None  # left edge in points (PDF x0, HWP/HWPX paragraph margin)
    size: float | None = None  # font size in points
    page: int | None = None  # 1-based page, where the format has pages
    where: Locator = Locator()
    cells: tuple[Cell, ...] = ()  # ROW only
    table: int | None = None  # ROW only: ordinal of the table in the document (0-based)
    row: int | None = None  # ROW only: row index within its table
    furniture: str | None = None  # the reader knows it is page furniture: "page-number", "running-header" …
    framed: bool = False  # the only paragraph of a one-cell table: a line drawn in a box (a banner)

    @property
    def plain_text(self) -> str:
        """What a reader of the page sees: the label, then the text; a row's cells tab-joined."""
        if self.kind == ROW:
            return "\t".join(" ".join(cell.text.split("\n")) for cell in self.cells)
        if self.label:
            return f"{self.label} {self.text}" if self.text else self.label
        return self.text


class ReaderIssue(NamedTuple):
    """A reader's diagnostic: a glyph it could not map, a part it could not read."""

    severity: str  # "warning" | "info"
    code: str
    message: str
    where: Locator = Locator()
    block: int | None = None  # index into ``Document.blocks``, where the reader knows it
    offset: int = 0  # character within that block's ``plain_text``


class Document(Record):
    """A reader's result (records.py: a plain class, not a dataclass, for start-up)."""

    __slots__ = ("path", "format", "sha256", "blocks", "encoding", "issues", "metadata", "verbatim", "wrapped")

    def __init__(
        self,
        path: str,
        format: str,  # "text" | "pdf" | "hwp" | "hwpx"
        sha256: str,
        blocks: tuple[Block, ...],
        encoding: str | None = None,  # text input only
        issues: tuple[ReaderIssue, ...] = (),
        metadata: dict[str, str] | None = None,  # e.g. the format's own title
        # True: the blocks hold the file's decoded text untouched (plain text), to be normalized
        # with a map back to it; False: the reader's text, which composing normalizes (NFC, spaces).
        verbatim: bool = False,
        # True: a block is a printed line, and a paragraph may wrap onto the next block (PDF);
        # False: a block is a whole paragraph (HWP, HWPX) or a line of text.
        wrapped: bool = False,
    ) -> None:
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.blocks = blocks
        self.encoding = encoding
        self.issues = issues
        self.metadata = {} if metadata is None else metadata
        self.verbatim = verbatim
        self.wrapped = wrapped

    def iter_blocks(self):
        """Every block in reading order, descending into table cells (depth first)."""
        stack = list(reversed(self.blocks))
        while stack:
            block = stack.pop()
            yield block
            if block.kind == ROW:
                for cell in reversed(block.cells):
                    stack.extend(reversed(cell.blocks))
