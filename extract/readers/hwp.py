"""HWP 5 reader: the bytes of a ``.hwp`` file → ``extract.document.Document``.

Takes the bytes and the path (for messages); returns every paragraph of every BodyText
section in reading order, as ``Block`` s:

* a paragraph's text with its inline controls taken out (a tab stays a tab, a line break is
  ``\\n``), its numbering or bullet label computed the way Hangul draws it (the label is not
  in the text), its outline level, left margin (points) and font size (points);
* a table as one ``ROW`` block per row, each ``Cell`` with its address, spans, the column's
  header text (when the first row is made of header cells) and its own blocks (paragraphs,
  and the rows of tables nested in it);
* the paragraphs of text boxes (drawing objects with a paragraph list), once each, in order;
* a ``SECTION_BREAK`` between sections and a ``PAGE_BREAK`` where a paragraph starts a page.

Footnotes, endnotes, page headers and footers are read after the paragraph that anchors
them, marked as furniture (kept in the noise, out of the tree). Not read: hidden comments,
master pages, equations. Empty paragraphs with no label are left out,
but counted in ``Locator.paragraph``. Records come from ``hwp_records`` (container, streams,
decryption); labels and Hancom's private-use glyphs from ``numbering``.

Errors (``PlanError``, one line naming the file): those of ``hwp_records.open_hwp``, a
DocInfo or section stream whose records run past its end, a document with no text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..document import PAGE_BREAK, PARAGRAPH, ROW, SECTION_BREAK, Block, Cell, Document, Locator, ReaderIssue
from . import hwp_records as rec
from .hwp_records import bad_input, i32, iter_records, open_hwp, read_string, u16, u32
from .numbering import Counters, Numbering, NumberingLevel, bullet_label, hwp5_number_format, map_private_use
from .tables import labels_only

# --- paragraph text (§4.3.1, table 6: control characters) -----------------------------------

PARA_END = 13
TAB = 9
# Controls that take 8 UTF-16 units (the code, 6 units of parameters, the code again):
# extended controls (1-3, 11-12, 14-18, 21-23; each has a CTRL_HEADER record) and inline
# controls (4-9, 19-20). Every other code below 32 is a 1-unit character control.
WIDE_CONTROLS = frozenset((*range(1, 10), 11, 12, *range(14, 24)))
# 1-unit character controls and what they show: 10 a line break; 30 and 31 the no-break and
# fixed-width spaces; 25-29 (reserved) a space, so that no words run together; 0 and 24
# (a soft hyphen, drawn only where a line breaks) nothing.
CHAR_CONTROLS = {10: "\n", 25: " ", 26: " ", 27: " ", 28: " ", 29: " ", 30: " ", 31: " "}
WIDE = 16  # bytes of a wide control
# Where a control unit may be (a lookahead so that overlapping candidates are all seen;
# only those at even offsets are UTF-16 units).
CONTROL_UNIT = re.compile(rb"(?=[\x00-\x1f]\x00)")

# --- paragraph shapes and heads -------------------------------------------------------------

HEAD_NONE, HEAD_OUTLINE, HEAD_NUMBER, HEAD_BULLET = range(4)
HWPUNIT_PER_POINT = 100  # HWPUNIT is 1/7200 inch
PAGE_BREAK_BEFORE = 0x04  # PARA_HEADER break type: 쪽 나누기
NUMBERING_LEVELS = 7  # levels 1-7 always; 8-10 follow (HWP 5.1) when the record is long enough
EXTRA_NUMBERING_LEVELS = 3
HEADER_CELL = 0x0004  # LIST_HEADER of a cell, the WORD at offset 6: 제목 셀

# Controls whose paragraphs are read in place: tables and drawing objects as body text;
# footnotes, endnotes, page headers and footers as furniture of that kind (kept in the noise,
# out of the tree). Hidden comments, section/column definitions and fields are not text.
TABLE_CONTROL = "tbl "
SHAPE_CONTROL = "gso "
NOTE_CONTROLS = {"fn  ": "footnote", "en  ": "endnote", "head": "running-header", "foot": "running-footer"}

MAX_DEPTH = 32  # tables in tables in text boxes …: deeper than this is a hostile file


@dataclass(frozen=True)
class ParaShape:
    head: int  # HEAD_NONE / OUTLINE / NUMBER / BULLET
    level: int  # 0-based outline/numbering level
    ref: int  # numbering or bullet id (1-based; 0 = none)
    indent: float  # left margin, points


@dataclass(frozen=True)
class DocStyles:
    """What DocInfo says that the blocks need."""

    para_shapes: tuple[ParaShape, ...]
    char_sizes: tuple[float, ...]  # points, by char shape id
    numberings: tuple[Numbering, ...]  # by numbering id - 1
    bullets: tuple[str, ...]  # bullet characters, by bullet id - 1


class Node:
    """A record with the records nested under it (by level)."""

    __slots__ = ("record", "children")

    def __init__(self, record: rec.Record | None) -> None:
        self.record = record
        self.children: list[Node] = []

    @property
    def tag(self) -> int:
        return self.record.tag if self.record else -1

    @property
    def data(self) -> bytes:
        return self.record.data if self.record else b""


# --- public --------------------------------------------------------------------------------


def read_hwp(data: bytes, path: str) -> Document:
    """The ``Document`` of the HWP 5 file ``data`` (``path`` names it in messages)."""
    hwp = open_hwp(data, path)
    styles = read_doc_info(hwp.doc_info, path)
    reader = _BodyReader(styles, path)
    blocks: list[Block] = []
    for index, (name, stream) in enumerate(hwp.sections):
        if index:
            blocks.append(Block(SECTION_BREAK, where=Locator(section=index, paragraph=0)))
        blocks.extend(reader.section(index, build_tree(iter_records(stream, name, path))))
    if not any(block.plain_text.strip() for block in _all_blocks(blocks)):
        raise bad_input("no text in the document (every section is empty)", path)
    metadata = {"version": hwp.header.version_text}
    if hwp.title:
        metadata["title"] = hwp.title
    return Document(
        path=path,
        format="hwp",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=tuple(blocks),
        issues=tuple(reader.issues),
        metadata=metadata,
    )


def _all_blocks(blocks):
    stack = list(blocks)
    while stack:
        block = stack.pop()
        yield block
        for cell in block.cells:
            stack.extend(cell.blocks)


# --- DocInfo --------------------------------------------------------------------------------


def read_doc_info(data: bytes, path: str) -> DocStyles:
    """PARA_SHAPE, CHAR_SHAPE, NUMBERING and BULLET records, each list in id order."""
    para_shapes, char_sizes, numberings, bullets = [], [], [], []
    for record in iter_records(data, "DocInfo", path):
        if record.tag == rec.TAG_PARA_SHAPE:
            para_shapes.append(parse_para_shape(record.data))
        elif record.tag == rec.TAG_CHAR_SHAPE:
            char_sizes.append(i32(record.data, 42) / HWPUNIT_PER_POINT)
        elif record.tag == rec.TAG_NUMBERING:
            numberings.append(parse_numbering(record.data))
        elif record.tag == rec.TAG_BULLET:
            bullets.append(parse_bullet(record.data))
    return DocStyles(tuple(para_shapes), tuple(char_sizes), tuple(numberings), tuple(bullets))


def parse_para_shape(data: bytes) -> ParaShape:
    """PARA_SHAPE (table 43): properties 1 (head type bits 23-24, level bits 25-27), left
    margin at 4, tab definition id at 28, numbering/bullet id at 30."""
    props = u32(data, 0)
    return ParaShape(
        head=(props >> 23) & 0x3,
        level=(props >> 25) & 0x7,
        ref=u16(data, 30),
        indent=i32(data, 4) / HWPUNIT_PER_POINT,
    )


def parse_numbering(data: bytes) -> Numbering:
    """NUMBERING (table 38): per level a 12-byte paragraph head (format code in bits 5-8 of
    its properties) and a format string like ``^1.``; then the start number (WORD), the
    levels' start numbers (7 UINT32, 5.0.2.5+), and in HWP 5.1 levels 8-10 the same way."""
    offset = 0
    heads = []
    for _ in range(NUMBERING_LEVELS):
        offset = _numbering_head(data, offset, heads)
    start = u16(data, offset, 1)
    offset += 2
    starts = [u32(data, offset + 4 * i, 1) for i in range(NUMBERING_LEVELS)]
    offset += 4 * NUMBERING_LEVELS
    if offset < len(data):  # HWP 5.1: levels 8-10 and their starts
        for _ in range(EXTRA_NUMBERING_LEVELS):
            offset = _numbering_head(data, offset, heads)
        starts += [u32(data, offset + 4 * i, 1) for i in range(EXTRA_NUMBERING_LEVELS)]
    levels = tuple(
        NumberingLevel(text, hwp5_number_format(code), start) for (text, code), start in zip(heads, starts)
    )
    return Numbering(levels=levels, start=start)


def _numbering_head(data: bytes, offset: int, heads: list) -> int:
    code = (u32(data, offset) >> 5) & 0xF
    text, offset = read_string(data, offset + 12)
    heads.append((text, code))
    return offset


def parse_bullet(data: bytes) -> str:
    """BULLET (table 42): a 12-byte paragraph head, then the bullet character (WCHAR)."""
    char = u16(data, 12)
    return chr(char) if char else ""


# --- BodyText -----------------------------------------------------------------------------------


def build_tree(records) -> Node:
    """Records → a tree by level (a record's children are the following records one level
    deeper, up to the next record at its own level or above). One pass, a stack."""
    root = Node(None)
    stack = [(root, -1)]
    for record in records:
        while stack[-1][1] >= record.level:
            stack.pop()
        node = Node(record)
        stack[-1][0].children.append(node)
        stack.append((node, record.level))
    return root


def decode_para_text(data: bytes) -> str:
    """A PARA_TEXT payload (UTF-16LE with control codes) → the text a reader sees."""
    parts = []
    pos = 0
    end = len(data) - len(data) % 2
    for match in CONTROL_UNIT.finditer(data, 0, end):
        at = match.start()
        if at % 2 or at < pos:
            continue  # not a unit boundary, or inside a wide control already skipped
        parts.append(data[pos:at].decode("utf-16-le", errors="replace"))
        code = data[at]
        if code == PARA_END:
            pos = end
            break
        if code in WIDE_CONTROLS:
            if code == TAB:
                parts.append("\t")
            pos = at + WIDE
        else:
            parts.append(CHAR_CONTROLS.get(code, ""))
            pos = at + 2
    parts.append(data[pos:end].decode("utf-16-le", errors="replace"))
    return "".join(parts)


@dataclass
class _CellDraft:
    row: int
    col: int
    row_span: int
    col_span: int
    is_header: bool
    where: Locator
    blocks: list[Block] = field(default_factory=list)


class _BodyReader:
    """Walks section trees; keeps what runs across the document (counters, table ordinals)."""

    def __init__(self, styles: DocStyles, path: str) -> None:
        self.styles = styles
        self.path = path
        self.counters = Counters()
        self.issues: list[ReaderIssue] = []
        self.tables = 0
        self.section_index = 0
        self.paragraphs = 0  # paragraphs seen in this section, in reading order
        self.outline_id = 0  # the section's outline numbering (its 'secd' control)

    def section(self, index: int, root: Node) -> list[Block]:
        self.section_index = index
        self.paragraphs = 0
        self.outline_id = _outline_numbering_id(root) or self.outline_id
        blocks: list[Block] = []
        for node in root.children:
            if node.tag == rec.TAG_PARA_HEADER:
                blocks.extend(self.paragraph(node, 0, top=True))
        return blocks

    # paragraphs

    def paragraph(self, node: Node, depth: int, top: bool = False) -> list[Block]:
        header = node.data
        index = self.paragraphs
        self.paragraphs += 1
        where = Locator(section=self.section_index, paragraph=index, offset=0)
        text, first_shape, controls = "", None, []
        for child in node.children:
            if child.tag == rec.TAG_PARA_TEXT:
                text = decode_para_text(child.data)
            elif child.tag == rec.TAG_PARA_CHAR_SHAPE and len(child.data) >= 8:
                first_shape = u32(child.data, 4)
            elif child.tag == rec.TAG_CTRL_HEADER:
                controls.append(child)
        blocks: list[Block] = []
        if top and rec.u8(header, 11) & PAGE_BREAK_BEFORE and index:
            blocks.append(Block(PAGE_BREAK, where=where))
        shape = self._para_shape(u16(header, 8))
        label = self._label(shape, where)
        text = self._mapped(text, where)
        if text.strip() or label:
            blocks.append(
                Block(
                    PARAGRAPH,
                    text,
                    label=label,
                    level=shape.level if shape and shape.head != HEAD_NONE else None,
                    indent=shape.indent if shape else None,
                    size=self._size(first_shape),
                    where=where,
                )
            )
        for control in controls:
            blocks.extend(self.control(control, depth))
        return blocks

    def _para_shape(self, shape_id: int) -> ParaShape | None:
        shapes = self.styles.para_shapes
        return shapes[shape_id] if shape_id < len(shapes) else None

    def _size(self, char_shape_id: int | None) -> float | None:
        sizes = self.styles.char_sizes
        if char_shape_id is None or char_shape_id >= len(sizes) or sizes[char_shape_id] <= 0:
            return None
        return sizes[char_shape_id]

    def _label(self, shape: ParaShape | None, where: Locator) -> str | None:
        """The number or bullet Hangul draws before a paragraph of this shape."""
        if shape is None or shape.head == HEAD_NONE:
            return None
        if shape.head == HEAD_BULLET:
            bullets = self.styles.bullets
            if not 1 <= shape.ref <= len(bullets) or not bullets[shape.ref - 1]:
                return None
            label, unmapped = bullet_label(bullets[shape.ref - 1])
            self._report_unmapped(unmapped, where)
            return label
        # An outline paragraph is numbered by its section's outline numbering; a numbered
        # one by the numbering its shape names.
        numbering_id = self.outline_id if shape.head == HEAD_OUTLINE else shape.ref
        numberings = self.styles.numberings
        if not 1 <= numbering_id <= len(numberings):
            return None
        label = self.counters.label(numbering_id, numberings[numbering_id - 1], shape.level)
        return self._mapped(label, where) or None

    def _mapped(self, text: str, where: Locator) -> str:
        text, unmapped = map_private_use(text)
        self._report_unmapped(unmapped, where)
        return text

    def _report_unmapped(self, unmapped: list[str], where: Locator) -> None:
        if unmapped:
            points = ", ".join(f"U+{ord(char):04X}" for char in unmapped)
            self.issues.append(
                ReaderIssue("warning", "unmapped-glyph", f"private-use glyph(s) with no known mapping: {points}", where)
            )

    # controls

    def control(self, node: Node, depth: int) -> list[Block]:
        kind = rec.ctrl_id(node.data)
        if kind == TABLE_CONTROL and not self._too_deep(depth):
            return self.table(node, depth + 1)
        if kind == SHAPE_CONTROL:
            return self.paragraph_lists(node, depth + 1)
        if kind in NOTE_CONTROLS:
            furniture = NOTE_CONTROLS[kind]
            return [block._replace(furniture=furniture) for block in self.paragraph_lists(node, depth + 1)]
        return []

    def paragraph_lists(self, node: Node, depth: int) -> list[Block]:
        """The paragraphs anywhere under a drawing object (text boxes, captions, groups), in
        order: each LIST_HEADER is followed by its paragraphs at its own level."""
        if self._too_deep(depth):
            return []
        blocks: list[Block] = []
        for child in node.children:
            if child.tag == rec.TAG_PARA_HEADER:
                blocks.extend(self.paragraph(child, depth))
            elif child.children:
                blocks.extend(self.paragraph_lists(child, depth + 1))
        return blocks

    def _too_deep(self, depth: int) -> bool:
        """Past MAX_DEPTH nested tables / drawing objects: say so, and read no deeper."""
        if depth < MAX_DEPTH:
            return False
        self.issues.append(
            ReaderIssue(
                "warning",
                "nesting-too-deep",
                f"tables or text boxes nested more than {MAX_DEPTH} deep: the inner ones are not read",
                Locator(section=self.section_index, paragraph=self.paragraphs),
            )
        )
        return True

    def table(self, node: Node, depth: int) -> list[Block]:
        """A 'tbl ' control: TABLE (rows, cols), then per cell a LIST_HEADER (address, spans)
        followed by the cell's paragraphs. LIST_HEADERs before TABLE are the caption."""
        ordinal = self.tables
        self.tables += 1
        caption: list[Block] = []
        cells: list[_CellDraft] = []
        seen_table = False
        target = caption
        for child in node.children:
            if child.tag == rec.TAG_TABLE:
                seen_table = True
            elif child.tag == rec.TAG_LIST_HEADER:
                if seen_table:
                    cells.append(self._cell(child.data))
                    target = cells[-1].blocks
                else:
                    target = caption
            elif child.tag == rec.TAG_PARA_HEADER:
                target.extend(self.paragraph(child, depth))
        return caption + _rows(cells, ordinal)

    def _cell(self, data: bytes) -> _CellDraft:
        """A cell's LIST_HEADER: paragraph count (WORD), properties (UINT32), cell flags
        (WORD), then column, row, column span, row span (WORD each)."""
        return _CellDraft(
            row=u16(data, 10),
            col=u16(data, 8),
            row_span=max(u16(data, 14, 1), 1),
            col_span=max(u16(data, 12, 1), 1),
            is_header=bool(u16(data, 6) & HEADER_CELL),
            where=Locator(section=self.section_index, paragraph=self.paragraphs),
        )


def _outline_numbering_id(root: Node) -> int:
    """The outline numbering id of a section: its 'secd' control (in the first paragraph)
    holds it at byte 14 after the control id."""
    for paragraph in root.children[:1]:
        for child in paragraph.children:
            if child.tag == rec.TAG_CTRL_HEADER and rec.ctrl_id(child.data) == "secd":
                return u16(child.data, 4 + 14)
    return 0


def _rows(cells: list[_CellDraft], ordinal: int) -> list[Block]:
    """Cells → one ROW block per row that has cells, in row order, cells by column.

    ``Cell.header`` is set when the table opens with header rows (rows whose cells are all
    flagged 제목 셀): for a cell below them, the text of the header cells over its first column.
    A table that flags no cell at all (most writers never do) opens with a header row when
    its first row has several cells, each a short label, and rows follow (as in HWPX); or
    its second, under a first row that is one title cell.
    """
    by_row: dict[int, list[_CellDraft]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    # A one-cell first row is a title across the table ('< 과제별 담당부서 >'), never a header:
    # the header rows, if any, start under it (as in HWPX).
    title_rows = 1 if len(by_row.get(0, [])) == 1 else 0
    header_rows = title_rows
    while header_rows in by_row and len(by_row[header_rows]) > 1 and all(cell.is_header for cell in by_row[header_rows]):
        header_rows += 1
    if header_rows == title_rows and not any(cell.is_header for cell in cells) and len(by_row) > title_rows + 1:
        if labels_only([Cell(0, 0, blocks=tuple(cell.blocks)).text for cell in by_row.get(title_rows, [])]):
            header_rows = title_rows + 1
    if header_rows == title_rows:
        title_rows = header_rows = 0
    headers = _column_headers([cell for cell in cells if title_rows <= cell.row < header_rows])
    rows = []
    for row in sorted(by_row):
        drafts = sorted(by_row[row], key=lambda cell: cell.col)
        row_cells = tuple(
            Cell(
                row=cell.row,
                col=cell.col,
                row_span=cell.row_span,
                col_span=cell.col_span,
                header=headers.get(cell.col) if row >= header_rows else None,
                blocks=tuple(cell.blocks),
            )
            for cell in drafts
        )
        rows.append(Block(ROW, cells=row_cells, table=ordinal, row=row, where=drafts[0].where))
    return rows


def _column_headers(header_cells: list[_CellDraft]) -> dict[int, str]:
    """Column → the texts of the header cells covering it, top to bottom, space-joined (a
    cell spanning several columns heads each of them)."""
    parts: dict[int, list[str]] = {}
    for cell in sorted(header_cells, key=lambda cell: (cell.row, cell.col)):
        text = " ".join(Cell(0, 0, blocks=tuple(cell.blocks)).text.split())
        for col in range(cell.col, cell.col + cell.col_span):
            if text and text not in parts.setdefault(col, []):
                parts[col].append(text)
    return {col: " ".join(texts) for col, texts in parts.items() if texts}
