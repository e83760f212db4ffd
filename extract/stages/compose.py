"""Stage 0, compose: a ``Document`` (blocks) → ``Composed``, the text the later stages read.

Every block becomes one line: a paragraph as a reader of the page sees it (the word
processor's numbering label, then the text), a table row as its cells joined by tabs (a row
with a lead-agency cell as a task line: its title cell first, the agency cell last, the
cells between kept as ``table-cell`` furniture).
A table that only frames text (one cell a row: a box, a title banner) or a row whose cells
hold whole passages (a side label beside a column of paragraphs) is read as the paragraphs
inside it, one line each, in reading order. Plain text composes to itself, byte for byte,
so every offset the parser reports is an offset into the decoded file.

Beside the text go what only the blocks know, located by offset:

* ``furniture`` — lines the reader knows are page furniture (running headers, page numbers);
* ``agency_cells`` — each row's lead-agency cell (its column's header reads 주관기관, 소관부처 …,
  or the PDF layout found the agency column);
* ``issues`` — the reader's diagnostics, placed at the block they concern;
* ``block_at(offset)`` — the block a line came from (page, indent, level, where);
* ``where_at(offset)`` — where in the source the text at an offset comes from (a row's
  cell, not the row: the span's HWP/HWPX section and paragraph).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable

import regex

from ..records import NamedTuple
from ..document import PAGE_BREAK, PARAGRAPH, ROW, SECTION_BREAK, Block, Cell, Document, Locator
from ..stored import compile_regex
from .furniture import Furniture
from .normalize import LINE_LIKE, plain_spaces
from .tree import Issue

# A cell with more paragraphs than this holds a passage, not a value: its row is read as text.
PASSAGE_PARAGRAPHS = 3
# A cell in vertical text: this many one-character paragraphs at least, the last one up to
# VERTICAL_LAST characters (a count closing an organisation chart's box: '(11)').
VERTICAL_MIN, VERTICAL_LAST = 3, 5
# What opens an item under a title in a table cell's paragraph of its own.
CELL_BULLETS = "ㅇ○◦•∙·-–—▪▫※*□❍◯➢▶▸►✓✔"
# Where a task cell's sub-items begin, after its title: a dash or small bullet after a space
# ('·고연비 저탄소차 선순환체계 구축 -제2차 기준 설정', '… 공개 - BEMS 인증제 시행'), or a
# middle dot set apart by spaces after three words of title at least ('… 납품업체에 대한
# 위생점검 · 나라장터(G2B) 이용 학교는 …'; '생산 · 소비 연계 강화' joins two words).
SUB_ITEM = compile_regex(
    r"\s (?= [-–▪◦•※] \s? [\w(「‘'\"] ) | (?<= (?: \S+ \s+ ){2} \S+ ) \s (?= · \s [\w(「‘'\"] )", regex.VERBOSE
)


class Composed(NamedTuple):
    text: str
    line_starts: list[int]  # offset of each composed line
    line_blocks: list[Block]  # the block each line came from (a cell's paragraph for a box)
    furniture: list[Furniture]
    agency_cells: list[tuple[int, int]]  # (start, end) of each row's lead-agency cell
    issues: list[Issue]
    has_pages: bool
    sources: list[tuple[int, Locator]]  # (offset, HWP/HWPX paragraph its text starts in), each line or cell

    def where_at(self, offset: int) -> Locator:
        """Where in the source the text at ``offset`` comes from (a row's cell, not the row)."""
        i = bisect_right(self.sources, offset, key=lambda source: source[0]) - 1
        return self.sources[max(i, 0)][1] if self.sources else Locator()

    def block_at(self, offset: int) -> Block:
        return self.line_blocks[max(bisect_right(self.line_starts, offset) - 1, 0)]

    def page_at(self, offset: int) -> int | None:
        return self.block_at(offset).page


def compose(
    document: Document,
    is_agency_header: Callable[[str], bool],
    is_aside_header: Callable[[str], bool] = lambda header: False,
    is_title_header: Callable[[str], bool] = lambda header: False,
) -> Composed:
    """Compose ``document``; ``is_agency_header`` tells a lead-agency column's header text,
    ``is_aside_header`` a column beside the title (schedule, budget, remarks, serial number),
    ``is_title_header`` the column of the title (과제, 사업명)."""
    builder = _Builder(is_agency_header, (lambda text: text) if document.verbatim else _clean, is_aside_header, is_title_header)
    builder.category_columns_of = builder.find_category_columns(document.blocks)
    block_offsets: list[int] = []
    for block in document.blocks:
        block_offsets.append(builder.length)
        builder.add(block)
    if builder.parts:
        builder.parts.pop()  # lines are joined, not terminated: plain text composes to itself
    text = "".join(builder.parts)
    issues = []
    for issue in document.issues:
        if issue.block is None:
            offset = builder.offset_of(issue.where)
        elif issue.block < len(block_offsets):
            offset = block_offsets[issue.block] + issue.offset
        else:  # after the last block (a last page without text)
            offset = len(text)
        issues.append(Issue(issue.severity, issue.code, issue.message, offset, issue.where.page))
    has_pages = any(block.page is not None for block in builder.blocks)
    return Composed(text, builder.starts, builder.blocks, builder.furniture, builder.cells, issues, has_pages, builder.sources)


class _Builder:
    def __init__(
        self,
        is_agency_header: Callable[[str], bool],
        clean: Callable[[str], str],
        is_aside_header: Callable[[str], bool],
        is_title_header: Callable[[str], bool],
    ) -> None:
        self.is_agency_header = is_agency_header
        self.is_aside_header = is_aside_header
        self.is_title_header = is_title_header
        self.clean = clean
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.blocks: list[Block] = []
        self.furniture: list[Furniture] = []
        self.cells: list[tuple[int, int]] = []
        self.located: dict[tuple[int | None, int | None], int] = {}
        self.sources: list[tuple[int, Locator]] = []  # (offset, the paragraph its text comes from), by piece
        # The current table's last agency cell merged down over rows below its own (cell, last row
        # it covers), and the last row any other merged cell of it reaches
        self.merged_table: int | None = None
        self.merged_agency: tuple[Cell, int] | None = None
        self.others_until = -1
        # Its category cells merged down over rows (column → cell, last row it covers), and the
        # columns holding categories (공립 over 유·초·중 and 고·특수: every cell of the column)
        self.categories: dict[int, tuple[Cell, int]] = {}
        self.category_columns: set[int] = set()
        self.category_columns_of: dict[int, set[int]] = {}  # table → its category columns (find_category_columns)

    def offset_of(self, where) -> int:
        return self.located.get((where.section, where.paragraph), 0)

    def _line(self, block: Block, pieces: list[tuple[str, bool]], between: int = 0, wheres: list | None = None) -> None:
        """One line from ``pieces`` (text, is the agency cell), tab-joined; pieces 1 to
        ``between`` - 1 are ``table-cell`` furniture; ``wheres``: each piece's source (a
        row's cells), else the block's."""
        start = self.length
        self.starts.append(start)
        self.blocks.append(block)
        if block.where.paragraph is not None:
            self.located.setdefault((block.where.section, block.where.paragraph), start)
        for i, (piece, is_agencies) in enumerate(pieces):
            piece = self.clean(piece)
            if i:
                self.parts.append("\t")
                self.length += 1
            source = wheres[i] if wheres else block.where
            if source.paragraph is not None:  # only a word processor's blocks say which paragraph
                self.sources.append((self.length, source))
            if is_agencies and piece.strip():
                self.cells.append((self.length, self.length + len(piece)))
            elif 0 < i < between and piece.strip():
                lead = len(piece) - len(piece.lstrip())
                self.furniture.append(Furniture("table-cell", self.length + lead, self.length + len(piece.rstrip())))
            self.parts.append(piece)
            self.length += len(piece)
        if block.furniture:
            self.furniture.append(Furniture(block.furniture, start, self.length))
        self.parts.append("\n")
        self.length += 1

    def add(self, block: Block, page: int | None = None) -> None:
        """Add ``block``; ``page`` is its row's, for a cell's paragraph that has none of its own."""
        if block.page is None and page is not None:
            block = block._replace(page=page)
        if block.kind == PARAGRAPH:
            self._line(block, [(block.plain_text, False)])
        elif block.kind == ROW:
            if _is_passage_row(block):
                framed = _framed_paragraph(block)
                for cell in block.cells:
                    vertical = _vertical_text(cell)
                    if vertical is not None:
                        self.add(vertical, block.page)
                        continue
                    for inner in cell.blocks:
                        self.add(inner._replace(framed=True) if inner is framed else inner, block.page)
            else:
                self._row(block)
        elif block.kind in (PAGE_BREAK, SECTION_BREAK):
            return  # pages and sections travel on the blocks; a break adds no text

    def _row(self, block: Block) -> None:
        """A table row as one line. With a lead-agency cell, the row is a task: its first filled
        cell is the title (past a schedule, budget or remarks column), the agency cell goes last (where a task line's agencies stand), and
        the cells between (schedule, actions, a Gantt chart's columns) are kept as
        ``table-cell`` furniture, out of the title."""
        row_cells = self._with_merged_agency(block)
        texts = [_cell_line(cell) for cell in row_cells]
        wheres = [_cell_where(cell, block) for cell in row_cells]
        agency = [i for i, cell in enumerate(row_cells) if self._is_agency_cell(cell)]
        if not agency:
            self._line(block, [(text, False) for text in texts], wheres=wheres)
            return
        others = [i for i in range(len(texts)) if i not in agency]
        filled = [i for i in others if texts[i].strip()]
        # The title column where the header says so (구분 | 과제 | 주관: 과제); else the first
        # filled cell past a schedule, budget, remarks or serial number column (점검시기, 연번).
        headers = [row_cells[i].header or "" for i in filled]
        title = next((i for i, h in zip(filled, headers) if h and self.is_title_header(h)), None)
        if title is None:
            title = next((i for i, h in zip(filled, headers) if not (h and self.is_aside_header(h))), filled[0] if filled else None)
        if title is not None and row_cells[title].role == "category":
            # one header over several category columns (구분: 정기점검 | 학교급식 위생·안전점검):
            # the row is read by the innermost filled one
            title = max(
                (i for i in filled if title <= i < min(agency) and row_cells[i].role == "category" and row_cells[i].header == row_cells[title].header),
                default=title,
            )
        label = _labelled_category(row_cells, title, filled, min(agency), self.is_aside_header)
        order = ([title] if title is not None else []) + [i for i in others if i not in (title, label)]
        pieces = [(texts[i], False) for i in order] + [(texts[i], True) for i in agency]
        if label is not None:  # 공립 | 유·초·중: the category and the row's own label
            pieces[0] = (f"{texts[title]} {texts[label]}", False)
        piece_wheres = [wheres[i] for i in order + agency]
        split = None
        if title is not None and label is None:
            split = _bulleted_paragraph(row_cells[title])
            if split is None:
                items = SUB_ITEM.search(texts[title], 1)
                split = items.start() if items is not None else None
        if split is not None:  # the title cell's sub-items ('… 구축 -제2차 기준 설정'): kept beside, out of the title
            pieces[0:1] = [(texts[title][:split], False), (texts[title][split + 1 :], False)]
            piece_wheres[0:1] = [piece_wheres[0]] * 2
            order = [title, *order]
        self._line(block, pieces, between=len(order) if title is not None else 0, wheres=piece_wheres)

    def _with_merged_agency(self, block: Block) -> list[Cell]:
        """The row's cells, and the agency cell merged down from a row above when that is the
        only cell reaching into this row (``시 교육청`` beside seven courses names each one's
        lead agency; a task cell spanning several action rows keeps them one task's). A cell
        merged over several rows left of the agency column, under no title's header, is a
        category (``공립`` over ``유·초·중`` and ``고·특수``, each with its own body): it goes
        to every task row it spans, and its column's cells are marked ``category``."""
        cells = list(block.cells)
        if block.row is None:
            return cells
        if self.merged_table != block.table:  # one table's merges at a time
            self.merged_table, self.merged_agency, self.others_until = block.table, None, -1
            self.categories, self.category_columns = {}, set(self.category_columns_of.get(block.table, ()))
        own_agency = next((cell for cell in cells if self._is_agency_cell(cell)), None)
        agency_col = own_agency.col if own_agency is not None else None
        if agency_col is None and self.merged_agency is not None:
            agency_col = self.merged_agency[0].col
        for cell in cells:
            if cell.row_span > 1:
                last = block.row + cell.row_span - 1
                if self._is_agency_cell(cell):
                    self.merged_agency = (cell, last)
                elif own_agency is not None and own_agency.row_span < cell.row_span and self._is_category(cell, agency_col):
                    # (over rows that each name their own body: one agency cell over them all
                    # makes the cell one task's, as before)
                    self.categories[cell.col] = (cell, last)
                    self.category_columns.add(cell.col)
                else:
                    self.others_until = max(self.others_until, last)
        if self.merged_agency is not None:
            cell, last = self.merged_agency
            # (O(1) a row: the latest merged agency cell, and how far any other merged cell reaches)
            if cell.row < block.row <= last and self.others_until < block.row:
                cells.append(cell)
        if not self.category_columns or not any(self._is_agency_cell(cell) for cell in cells):
            return cells
        own = {cell.col for cell in cells}
        cells += [cell for col, (cell, last) in self.categories.items() if col not in own and cell.row < block.row <= last]
        cells = [cell._replace(role="category") if cell.col in self.category_columns and cell.role is None else cell for cell in cells]
        return sorted(cells, key=lambda cell: cell.col)

    def find_category_columns(self, blocks: tuple[Block, ...]) -> dict[int, set[int]]:
        """Each table's columns of categories, found before any row is composed, so that a row
        above the first merged category cell (국립 | 초·중·고 over 공립's two rows) is read as
        the rows under it are. One pass over the document's rows."""
        found: dict[int, set[int]] = {}
        for block in blocks:
            if block.kind != ROW or block.table is None or block.row is None:
                continue
            agency = next((cell for cell in block.cells if self._is_agency_cell(cell)), None)
            if agency is None:
                continue
            for cell in block.cells:
                if cell.row_span > max(agency.row_span, 1) and not self._is_agency_cell(cell) and self._is_category(cell, agency.col):
                    found.setdefault(block.table, set()).add(cell.col)
        return found

    def _is_category(self, cell: Cell, agency_col: int | None) -> bool:
        header = cell.header or ""
        return (
            agency_col is not None
            and cell.col + cell.col_span <= agency_col
            and not (header and (self.is_title_header(header) or self.is_aside_header(header)))
        )

    def _is_agency_cell(self, cell) -> bool:
        return cell.role == "agencies" or (cell.header is not None and cell.row > 0 and self.is_agency_header(cell.header))


def _labelled_category(cells: list[Cell], title: int | None, filled: list[int], agency: int, is_aside: Callable[[str], bool]) -> int | None:
    """The cell that labels a row under its category: the title cell holds a category over
    several rows (``공립``) and the next filled cell before the agency column, under another
    header and no schedule or remarks, names the row (``유·초·중``); None otherwise."""
    if title is None or cells[title].role != "category":
        return None
    for i in filled:
        if i <= title or i >= agency or cells[i].role == "category":
            continue
        header = cells[i].header or ""
        if header == (cells[title].header or "") or (header and is_aside(header)):
            continue
        return i
    return None


def _cell_where(cell, row: Block) -> Locator:
    """Where a cell's text comes from: its first paragraph with text (else the row's)."""
    first = next((b for b in cell.blocks if b.kind == PARAGRAPH and b.text.strip()), None)
    return first.where if first is not None else row.where


def _bulleted_paragraph(cell) -> int | None:
    """Where, in the cell's line, its first paragraph after the first that a bullet opens
    begins, less one (the space before it): a word processor's cell holding a title over its
    items ('디지털 정부 구현' / 'ㅇ 전자정부 고도화' / 'ㅇ 모바일 신분증'); None if none does."""
    offset = -1
    for k, block in enumerate(cell.blocks):
        if block.kind != PARAGRAPH:
            return None
        text = block.plain_text
        opener = text.lstrip()[:1]
        if k and opener and opener in CELL_BULLETS:
            return offset
        offset += len(text) + 1
    return None


def _cell_line(cell) -> str:
    """A cell's paragraphs on one line (a wrapped cell reads as one value)."""
    return cell.text.replace("\n", " ")


def _is_passage_row(block: Block) -> bool:
    """A row read as the paragraphs inside it: a one-cell frame, or a cell holding a passage."""
    if len(block.cells) == 1:
        return True
    return any(
        sum(1 for inner in cell.blocks if inner.kind == PARAGRAPH and inner.text.strip()) > PASSAGE_PARAGRAPHS
        or any(inner.kind == ROW for inner in cell.blocks)
        for cell in block.cells
    )


def _vertical_text(cell: Cell) -> Block | None:
    """A cell set in vertical text (an organisation chart's box: one character a paragraph,
    '영', '과', '(11)' …) as one paragraph of its characters run together, or None."""
    paragraphs = [inner for inner in cell.blocks if inner.kind == PARAGRAPH and inner.text.strip()]
    if len(paragraphs) < VERTICAL_MIN or any(inner.kind == ROW or inner.label for inner in cell.blocks):
        return None
    # (a count may close it: '(11)'; a boxed '1' over its title '추진배경' is no vertical text)
    if any(len(inner.text.strip()) > 1 for inner in paragraphs[:-1]) or len(paragraphs[-1].text.strip()) > VERTICAL_LAST:
        return None
    return paragraphs[0]._replace(text="".join(inner.text.strip() for inner in paragraphs))


def _framed_paragraph(row: Block) -> Block | None:
    """The one paragraph with text in a one-cell row, if that is all it holds: a line drawn
    in a box (``[정 부] 국민에게 신뢰받고 …``), which layout may read as an unnumbered banner."""
    if len(row.cells) != 1:
        return None
    texts = [inner for inner in row.cells[0].blocks if inner.kind == ROW or inner.text.strip() or inner.label]
    return texts[0] if len(texts) == 1 and texts[0].kind == PARAGRAPH else None


def _clean(text: str) -> str:
    """A reader's text as the parser reads it: NFC, every space and line separator one space
    (one for one, so the parser's own normalization moves no offset)."""
    return unicodedata.normalize("NFC", plain_spaces(LINE_LIKE.sub(" ", text.replace("\r", " ").replace("\n", " "))))
